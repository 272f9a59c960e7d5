"""Embed forms that hold the post outside plain embed code: CMS wrappers, consent placeholders, JSON
attributes, a post's URL alone in a paragraph, and markup written unquoted or oddly cased."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from provenance import Citation, check_text
from provenance.extract.placeholders import decode

TWEET, TWEET2 = "1137015103288258617", "1367042059269058617"
STOCK = (
    f'<blockquote class="twitter-tweet"><p lang="en">Fog.</p>&mdash; City Desk (@citydesk) '
    f'<a href="https://twitter.com/citydesk/status/{TWEET}">June 7, 2019</a></blockquote>'
)


def cite_html(body: str) -> list[Citation]:
    """The citations an HTML article with ``body`` makes."""
    page = f'<html lang="en"><head><meta charset="utf-8"></head><body><article><p>Text.</p>{body}</article></body>'
    return list(check_text(page, "article.html", "html").citations)


def test_a_wrapper_class_that_merely_contains_an_embed_class_hides_no_embed():
    """``instagram-media-wrapper`` is not ``instagram-media``: both embeds inside it are found."""
    codes = ("CdVWUhjruQF", "ChfeA2D5jzS")
    inner = "".join(
        f'<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/{code}/"></blockquote>'
        for code in codes
    )
    citations = cite_html(f'<div class="instagram-media-wrapper">{inner}</div>')
    assert [c.post_id for c in citations] == list(codes)


def test_a_cms_wrapper_gives_way_to_the_embed_code_inside():
    """WordPress's block around the stock code is the stock code's citation, once."""
    (citation,) = cite_html(
        f'<figure class="wp-block-embed wp-block-embed-twitter"><div class="wp-block-embed__wrapper">{STOCK}</div>'
        "<figcaption>The council's post.</figcaption></figure>"
    )
    assert (citation.form, citation.text, citation.display_name) == ("blockquote.twitter-tweet", "Fog.", "City Desk")


def test_an_unrendered_cms_wrapper_is_read_for_the_url_it_holds():
    """An unrendered WordPress block holds the post's URL as its text."""
    (citation,) = cite_html(
        f'<figure class="wp-block-embed-twitter"><div class="wp-block-embed__wrapper">\n'
        f"https://twitter.com/citydesk/status/{TWEET}\n</div></figure>"
    )
    assert (citation.form, citation.post_id, citation.handle) == ("figure.wp-block-embed-twitter", TWEET, "citydesk")


@pytest.mark.parametrize(
    "markup",
    [
        f"<BLOCKQUOTE CLASS=twitter-tweet><A HREF=https://twitter.com/citydesk/status/{TWEET}>June 7, 2019</A>"
        "</BLOCKQUOTE>",
        f"<blockquote class='Twitter-Tweet'><a href='https://twitter.com/citydesk/status/{TWEET}'>June 7, 2019</a>"
        "</blockquote>",
        f'<blockquote class = " tw twitter-tweet "><a href="https://twitter.com/citydesk/status/{TWEET}">'
        "June 7, 2019</a></blockquote>",
    ],
)
def test_unquoted_and_oddly_cased_embed_code_is_read(markup):
    """Embed code with unquoted or oddly cased attributes and classes is the same embed."""
    (citation,) = cite_html(markup)
    assert (citation.form, citation.post_id, citation.shown_date_text) == (
        "blockquote.twitter-tweet", TWEET, "June 7, 2019"
    )


def test_unquoted_hrefs_are_links():
    """A link written ``href=https://…`` unquoted names its post."""
    (citation,) = cite_html(f"<p>As <a href=https://x.com/citydesk/status/{TWEET}>the desk wrote</a>, fog.</p>")
    assert (citation.kind, citation.form, citation.post_id) == ("link", "a[href]", TWEET)


def test_a_consent_placeholder_whose_code_cannot_be_decoded_is_read_for_its_link():
    """An Embed Privacy overlay whose stored code is unreadable is cited by its "open directly" link."""
    (citation,) = cite_html(
        '<div class="embed-privacy-container embed-twitter"><div class="embed-privacy-overlay"><p>Click to load.</p>'
        '<span class="embed-privacy-url"><a href="https://twitter.com/citydesk/status/'
        f"{TWEET}\">Open post directly</a></span></div><script>var _oembed_1 = 'not json';</script></div>"
    )
    assert (citation.form, citation.post_id) == ("div.embed-privacy-container", TWEET)


def test_a_consent_placeholder_with_nothing_readable_makes_no_citation():
    """A Borlabs blocker whose base64 holds no embed code, and no link, is no citation."""
    junk = base64.b64encode(b"just some words, no markup").decode()
    assert cite_html(f'<div class="BorlabsCookie _brlbs-cb-twitter"><div class="borlabs-hide">{junk}</div></div>') == []


@pytest.mark.parametrize(
    ("value", "found"),
    [
        (base64.b64encode(STOCK.encode()).decode(), True),
        ("'{\\\"embed\\\":\\\"&lt;blockquote class=&quot;twitter-tweet&quot;&gt;\\\"}'", True),
        ("&lt;iframe src=&quot;https://www.youtube.com/embed/Zx9_Lm-Qr2A&quot;&gt;", True),
        ("bm90IG1hcmt1cA==", False),
        ("var x = 1;", False),
    ],
)
def test_decode_reads_base64_escaped_javascript_and_entities(value, found):
    """Stored embed code is read from base64, an escaped JavaScript string, or HTML entities."""
    decoded = decode(value)
    assert (decoded is not None and "<" in decoded) is found


def test_substack_json_gives_author_text_and_date():
    """Substack's ``data-attrs`` JSON gives the post, its author, its text and the date it shows."""
    (citation,) = cite_html(
        '<div class="tweet" data-attrs="{&quot;url&quot;:&quot;https://twitter.com/citydesk/status/'
        f'{TWEET})&quot;,&quot;full_text&quot;:&quot;Fog &lt;span class=\\&quot;tweet-fake-link\\&quot;&gt;@port'
        '&lt;/span&gt; again&quot;,&quot;username&quot;:&quot;citydesk&quot;,&quot;name&quot;:&quot;City Desk&quot;,'
        '&quot;date&quot;:&quot;Fri Jun 07 15:15:00 +0000 2019&quot;}"></div>'
    )
    assert (citation.post_id, citation.handle, citation.display_name, citation.text) == (
        TWEET, "citydesk", "City Desk", "Fog @port again"
    )
    assert citation.shown_moment == datetime(2019, 6, 7, 15, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("markup", "kind"),
    [
        (f"<p>https://twitter.com/citydesk/status/{TWEET}</p>", "embed"),
        (f'<p class=embed-url> <a href="https://x.com/citydesk/status/{TWEET}">https://x.com/citydesk/status/{TWEET}'
         "</a> </p>", "embed"),
        (f'<p><a href="https://x.com/citydesk/status/{TWEET}">the desk\'s post</a></p>', "link"),
        (f"<p>See https://twitter.com/citydesk/status/{TWEET} for more.</p>", None),
        (f'<p><a href="https://x.com/citydesk/status/{TWEET2}">https://x.com/citydesk/status/{TWEET}</a></p>', "link"),
        ("<p>https://twitter.com/citydesk</p>", None),
    ],
)
def test_a_post_url_alone_in_a_paragraph_is_an_embed(markup, kind):
    """Only a paragraph that is a post's URL and nothing else (maybe linked to itself) is an embed."""
    citations = cite_html(markup)
    if kind is None:
        assert [c.kind for c in citations] != ["embed"]
        assert all(c.form != "bare-url-paragraph" for c in citations)
    else:
        assert citations[0].kind == kind
        assert (citations[0].form == "bare-url-paragraph") is (kind == "embed")
