"""Bare links to every platform's posts in text, with and without their scheme."""

from __future__ import annotations

import pytest

from provenance.extract.links import find_links
from provenance.load import load_text

LINKS = [
    ("instagram.com/p/CdVWUhjruQF/", "instagram", "CdVWUhjruQF"),
    ("www.instagram.com/reel/CdVWUhjruQF/?igsh=abc", "instagram", "CdVWUhjruQF"),
    ("instagr.am/p/CdVWUhjruQF", "instagram", "CdVWUhjruQF"),
    ("www.facebook.com/Page/posts/10151647007373076", "facebook", "10151647007373076"),
    ("m.facebook.com/story.php?story_fbid=928812574500004&id=100044264920001", "facebook", "928812574500004"),
    ("youtu.be/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
    ("youtube.com/shorts/aqz-KE-bpKQ", "youtube", "aqz-KE-bpKQ"),
    ("www.tiktok.com/@dance.crew/video/7107337210440854039?lang=en", "tiktok", "7107337210440854039"),
    ("bsky.app/profile/harbournews.bsky.social/post/3lbq7mxsiek2v", "bluesky", "3lbq7mxsiek2v"),
    ("at://did:plc:vjug55kidv6sye7ykr5faxxn/app.bsky.feed.post/3lbq7mxsiek2v", "bluesky", "3lbq7mxsiek2v"),
    ("mastodon.social/@library/114638610368305964", "mastodon", "114638610368305964"),
    ("https://social.example/@someone/114638610368305964", "mastodon", "114638610368305964"),
    ("truthsocial.com/@Office/posts/108618228543962049", "mastodon", "108618228543962049"),
    ("threads.net/@harbournews/post/CuX_UYABrr7", "threads", "CuX_UYABrr7"),
    ("reddit.com/r/town/comments/1b3xk2p/ferry/", "reddit", "1b3xk2p"),
    ("redd.it/1b3xk2p", "reddit", "1b3xk2p"),
    ("t.me/harbourport/3408", "telegram", "harbourport/3408"),
    ("telegram.me/ferrynews/12", "telegram", "ferrynews/12"),
    ("linkedin.com/feed/update/urn:li:activity:7245688681268248576/", "linkedin", "7245688681268248576"),
    ("discord.com/channels/427876741990711298/551531058039095296/551531058041585665", "discord",
     "551531058041585665"),
    ("x.com/oshtru/status/1577855540407197696", "x", "1577855540407197696"),
]


@pytest.mark.parametrize(("link", "platform", "post_id"), LINKS, ids=[link for link, _, _ in LINKS])
def test_bare_link_in_prose(link, platform, post_id):
    """A post link in running text, without its scheme where people paste it so, is found."""
    document = load_text(f"See {link}, then read on.\n", "a.txt", "text")
    (fragment,) = find_links(document)
    assert (fragment.platform, fragment.post_id, fragment.form) == (platform, post_id, "bare-link")
    assert fragment.column == 5


@pytest.mark.parametrize(
    "text",
    [
        "mail press@instagram.com/p/CdVWUhjruQF about it",
        "notinstagram.com/p/CdVWUhjruQF/",
        "the page reddit.com/r/town/ and t.me/harbourport",
        "an invite https://discord.gg/harbour or t.me/joinchat/AbCdEf",
    ],
)
def test_text_that_is_not_a_post_link(text):
    """Addresses, look-alike hosts, pages and invites are not post links."""
    assert list(find_links(load_text(text + "\n", "a.txt", "text"))) == []


def test_app_links_and_any_server_status_links_in_a_page_are_cited():
    """An ``href`` another platform scheme reads, or a Mastodon route on an unlisted server, is found."""
    page = (
        "<html><body><p>Photos <a href=\"instagram://media?id=2299438066546252803_25025320\">in the app</a>"
        " and <a href='https://social.example/web/statuses/114638610368305964'>a status</a>;"
        " <a href=\"https://social.example/about\">not a post</a>.</p></body></html>\n"
    )
    found = [(f.form, f.platform, f.post_id) for f in find_links(load_text(page, "a.html", "html"))]
    assert found == [
        ("a[href]", "instagram", "B_pPr0TgBwD"),
        ("a[href]", "mastodon", "114638610368305964"),
    ]


def test_a_post_url_written_in_a_pages_text_is_a_bare_link():
    """A post's URL in an HTML page's text (a footnote, a reference list) is cited as a bare link."""
    page = (
        "<html><body><p>The budget was criticised.<sup>3</sup></p>"
        "<div class='notes'><span>[3] https://twitter.com/harbourcouncil/status/1191978649899151360</span><br>"
        "[4] Video, in: https://www.youtube.com/watch?v=dQw4w9WgXcQ.</div></body></html>\n"
    )
    found = [(f.form, f.platform, f.post_id) for f in find_links(load_text(page, "a.html", "html"))]
    assert found == [("bare-link", "x", "1191978649899151360"), ("bare-link", "youtube", "dQw4w9WgXcQ")]


@pytest.mark.parametrize(
    "place",
    [
        "<img alt='x' data-origin=https://x.com/a/status/1191978649899151360>",
        "<script>var source = 'post: https://x.com/a/status/1191978649899151360';</script>",
        "<style>/* https://x.com/a/status/1191978649899151360 */</style>",
        "<!-- https://x.com/a/status/1191978649899151360 -->",
        "<p title=\"see https://x.com/a/status/1191978649899151360\">caption</p>",
    ],
)
def test_a_post_url_outside_the_pages_text_is_no_bare_link(place):
    """A URL in a tag's attribute, a script, a style or a comment is not a link in the text."""
    page = f"<html><body><p>Text.</p>{place}</body></html>\n"
    assert [f.form for f in find_links(load_text(page, "a.html", "html"))] == []


def test_a_links_own_text_is_not_read_again():
    """``<a href=URL>URL</a>`` is one link (its ``href``), not a link and a bare link."""
    url = "https://x.com/harbourcouncil/status/1191978649899151360"
    page = f"<html><body><p>Source: <a href='{url}'>{url}</a></p></body></html>\n"
    assert [f.form for f in find_links(load_text(page, "a.html", "html"))] == ["a[href]"]
