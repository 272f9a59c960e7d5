"""The generic reader: uncatalogued placeholders that name a platform and carry its post, and nothing else."""

from __future__ import annotations

import pytest

from provenance import Citation, check_text
from provenance.extract.generic import ATTRIBUTES_FORM, CONFIG_FORM
from provenance.platforms import PLATFORMS

#: IDs whose times are plausible: X 2019-06-07, 2021-03-03; Instagram 2022-05-09; TikTok 2022-05-01.
TWEET, TWEET2 = "1137015103288258617", "1367042059269058617"
SHORTCODE = "CdVWUhjruQF"
TIKTOK = "7092736481392748721"
VIDEO = "Zx9_Lm-Qr2A"


def cite_html(body: str) -> list[Citation]:
    """The citations an HTML article with ``body`` makes."""
    page = f'<html lang="en"><head><meta charset="utf-8"></head><body><article><p>Text.</p>{body}</article></body>'
    return list(check_text(page, "article.html", "html").citations)


@pytest.mark.parametrize(
    ("markup", "platform", "post_id", "form"),
    [
        (f'<div data-embed-type="twitter" data-embed-id="{TWEET}"></div>', "x", TWEET, ATTRIBUTES_FORM),
        (f'<div class=embed data-provider=twitter data-post-id={TWEET}></div>', "x", TWEET, ATTRIBUTES_FORM),
        (f'<div class="tweet" data-url="https://twitter.com/citydesk/status/{TWEET}"></div>', "x", TWEET,
         ATTRIBUTES_FORM),
        (f'<section class="social-tweet" data-tweet="{TWEET}"></section>', "x", TWEET, ATTRIBUTES_FORM),
        (f'<div data-module="tweet"><script type="text/x-config">{{"id": "{TWEET}"}}</script></div>', "x", TWEET,
         CONFIG_FORM),
        (f'<div class="embed"><script type="application/json" data-kind="tweet">{{"tweetId": {TWEET2}}}</script></div>',
         "x", TWEET2, CONFIG_FORM),
        (f'<div class="embed-box" data-config=\'{{"type": "tweet", "status": {{"id": "{TWEET2}"}}}}\'></div>', "x",
         TWEET2, CONFIG_FORM),
        (f'<div class="lazy-embed" data-src="https://cdn.iframe.ly/api/iframe?url=https%3A%2F%2Ftwitter.com%2Fa%2Fstatus%2F'
         f'{TWEET}&amp;key=1"></div>', "x", TWEET, ATTRIBUTES_FORM),
        (f'<figure class="instagram-post" data-shortcode="{SHORTCODE}"></figure>', "instagram", SHORTCODE,
         ATTRIBUTES_FORM),
        (f'<div class="tiktok-video" data-video-id="{TIKTOK}"></div>', "tiktok", TIKTOK, ATTRIBUTES_FORM),
        (f'<div class="youtube-lazy" data-id="{VIDEO}"></div>', "youtube", VIDEO, ATTRIBUTES_FORM),
        (f'<custom-post network="twitter" post-id="{TWEET}"></custom-post>', "x", TWEET, ATTRIBUTES_FORM),
    ],
)
def test_a_placeholder_naming_a_platform_and_carrying_its_post_is_an_embed(markup, platform, post_id, form):
    """An element whose attributes name a platform and carry one of its posts (URL, ID or JSON) is an embed."""
    (citation,) = cite_html(markup)
    assert (citation.kind, citation.platform, citation.post_id, citation.form) == ("embed", platform, post_id, form)
    if platform != "youtube":  # YouTube's IDs are random: they carry no time
        assert citation.id_time is not None and citation.id_time.moment is not None


@pytest.mark.parametrize(
    "markup",
    [
        # Share, follow and timeline widgets, and share links.
        f'<a class="twitter-share-button" href="https://twitter.com/intent/tweet?in_reply_to={TWEET}">Post</a>',
        '<a href="https://twitter.com/share?url=https%3A%2F%2Fnews.example%2Fa" data-via="citydesk">Share</a>',
        f'<div class="share-twitter" data-id="{TWEET}"></div>',
        f'<div class="social" data-network="twitter" data-action="share" data-id="{TWEET}"></div>',
        f'<button data-network="twitter" data-id="{TWEET}">Post</button>',
        f'<div class="twitter-follow-button" data-id="{TWEET}"></div>',
        '<a class="twitter-timeline" href="https://twitter.com/citydesk?ref_src=twsrc%5Etfw">Posts by City Desk</a>',
        f'<div class="twitter-timeline" data-id="{TWEET}"></div>',
        # IDs that name something else: a user, an ad, a tracking number, a widget, a counter.
        f'<div class="twitter-card" data-user-id="{TWEET}"></div>',
        f'<div class="tweet-box" data-ad-id="{TWEET}"></div>',
        f'<div class="twitter-embed" data-tracking-number="{TWEET}"></div>',
        f'<div class="twitter-embed" data-widget-id="{TWEET}"></div>',
        f'<div class="tweet-embed" data-config=\'{{"userId": "{TWEET}", "adId": "{TWEET2}"}}\'></div>',
        # An ID too small to be a post's time-bearing ID, or whose platform keeps counters.
        '<div class="tweet" data-id="12345"></div>',
        '<div class="facebook-embed" data-id="412345678901234"></div>',
        '<div class="reddit-embed" data-id="1a2b3c"></div>',
        '<div class="youtube-player" data-id="12345678901"></div>',
        # Two platforms named: a bare ID is nobody's.
        f'<div class="social-embed twitter instagram" data-id="{TWEET}"></div>',
        # A profile badge, a page's JSON-LD, metadata, and a widget script.
        f'<div class="instagram-box" data-id="{SHORTCODE}" data-kind="profile-badge"></div>',
        f'<script type="application/ld+json" class="tweet-data">{{"id": "{TWEET}"}}</script>',
        f'<meta name="twitter:site:id" content="{TWEET}">',
        '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>',
        # The word in the page's text, not in a start tag.
        f'<p>Our twitter id is {TWEET}.</p>',
    ],
)
def test_ids_that_name_something_else_are_not_posts(markup):
    """Share, follow and timeline widgets, user, ad and tracking IDs, and counters' IDs make no citation."""
    assert cite_html(markup) == []


def test_an_uncatalogued_container_holding_a_catalogued_embed_leaves_it_to_the_embed():
    """A generic element around a stock embed of the same post makes one citation, the embed's."""
    (citation,) = cite_html(
        f'<div class="tweet-wrap" data-tweet-url="https://twitter.com/citydesk/status/{TWEET}">'
        f'<blockquote class="twitter-tweet"><a href="https://twitter.com/citydesk/status/{TWEET}">June 7, 2019</a>'
        "</blockquote></div>"
    )
    assert citation.form == "blockquote.twitter-tweet"


def test_nested_placeholders_give_one_citation():
    """A placeholder inside another that already named the post is the same embed, not a second one."""
    citations = cite_html(
        f'<div class="embed-twitter" data-embed-id="{TWEET}"><div class="tweet" data-id="{TWEET2}"></div></div>'
    )
    assert [(c.post_id, c.form) for c in citations] == [(TWEET, ATTRIBUTES_FORM)]


def test_a_container_too_large_for_a_config_is_not_read_for_one():
    """A page section that names a platform is not an embed because a script somewhere in it holds an ID."""
    filler = "<p>" + "words " * 4000 + "</p>"
    markup = f'<section class="tweets">{filler}<script type="application/json">{{"id": "{TWEET}"}}</script></section>'
    assert cite_html(markup) == []


def test_markdown_components_are_left_to_the_shortcode_reader():
    """In Markdown a component naming a platform is the shortcode reader's, not the generic reader's."""
    report = check_text(f'Text.\n\n<Tweet id="{TWEET}" />\n', "post.md", "markdown")
    assert [c.form for c in report.citations] == ["mdx-component"]


def test_platforms_with_counter_ids_accept_no_bare_markup_id():
    """Platforms whose IDs are counters (or need a server) never read a bare ID from markup."""
    for name in ("facebook", "reddit", "telegram", "mastodon", "discord"):
        assert PLATFORMS[name].markup_id is None, name


@pytest.mark.parametrize(
    ("platform", "raw", "accepted"),
    [
        ("x", TWEET, True),
        ("x", "20", False),  # the first tweet: sequential, no time
        ("x", "AbCdEfGhIjKlMnO", False),  # a media key is not a post named in markup
        ("x", "9" * 19, False),  # decodes into the future
        ("instagram", SHORTCODE, True),
        ("instagram", "abc", False),  # an old sequential shortcode, no time
        ("tiktok", TIKTOK, True),
        ("tiktok", "12345", False),
        ("youtube", VIDEO, True),
        ("youtube", "12345678908", False),
        ("bluesky", "3l3vgf77uco2g", True),
        ("bluesky", "zzzzzzzzzzzzz", False),
        ("linkedin", "6975732370636804321", True),
        ("linkedin", "1234", False),
        ("threads", "CuX_UYABrr7", True),
    ],
)
def test_markup_ids_are_accepted_only_when_their_shape_and_time_leave_no_doubt(platform, raw, accepted):
    """A platform reads a bare ID found in markup only when it is one of its posts beyond doubt."""
    reader = PLATFORMS[platform].markup_id
    assert reader is not None
    assert (reader(raw) is not None) is accepted
