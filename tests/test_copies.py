"""One post, one citation: copies of a post in metadata, scripts and fallbacks merge into it."""

from __future__ import annotations

from helpers import FIXTURES

from provenance import check_path, check_text

EMBED = (
    '<blockquote class="twitter-tweet"><p lang="en">Traffic is flowing both ways from 6am, thank you for your '
    'patience</p>&mdash; City Roads (@cityroads) <a href="https://twitter.com/cityroads/status/1900603371812270087">'
    "March 14, 2025</a></blockquote>"
)
HEAD = '<meta property="article:published_time" content="2025-03-14T18:00:00+00:00">'


def _x(report):
    return [(c.post_id, c.handle, c.in_article, c.placement) for c in report.citations]


def test_copies_in_meta_json_ld_state_and_noscript_are_one_citation():
    """The fixture's embed, its noscript fallback and its copies in two meta tags, JSON-LD and __NEXT_DATA__
    are one citation listing every place, with no missing-permalink finding."""
    report = check_path(FIXTURES / "cases" / "html_copies.html")
    first = report.citations[0]
    assert (first.post_id, first.line, first.in_article) == ("1900603371812270087", 20, True)
    assert [line for line, _ in first.also_at] == [6, 7, 12, 21, 26]
    assert _x(report)[1:] == [(None, "mayorsoffice", True, "article"), (None, "bridgewatch", False, "metadata")]
    # The copy of a post the page does not show raises nothing; the ID-less post in the article does.
    assert [(f.code, f.line) for f in report.findings] == [("PV106", 24)]


def test_a_fallback_copy_in_the_body_merges_into_the_embed():
    """A flattened copy in the body (a noscript text fallback) with the embed's handle and day is the embed's."""
    page = (f"<html><head>{HEAD}</head><body><article><p>The bridge reopened.</p>{EMBED}"
            "<noscript><p>Traffic is flowing both ways — City Roads (@cityroads) March 14, 2025</p></noscript>"
            "</article></body></html>")
    report = check_text(page, "p.html", "html")
    assert _x(report) == [("1900603371812270087", "cityroads", True, "article")]
    assert len(report.citations[0].also_at) == 1
    assert [f.code for f in report.findings] == []


def test_another_post_of_the_same_account_and_day_stays_apart():
    """A flattened post whose text differs from the embed's is another post, even by the same account that day."""
    text = (f"published: 2025-03-14\n\n{EMBED}\n\nThe closure was announced in the morning:\n\n"
            "The bridge closes at noon for a final inspection.\n— City Roads (@cityroads) March 14, 2025\n")
    report = check_text(text, "a.md", "markdown")
    assert [(c.post_id, c.form) for c in report.citations] == [
        ("1900603371812270087", "blockquote.twitter-tweet"), (None, "flattened-text"),
    ]
    assert [f.code for f in report.findings] == ["PV106"]


def test_a_copy_of_another_account_is_not_merged():
    """A metadata copy by another handle stays a citation of its own, outside the article."""
    page = (f'<html><head>{HEAD}<meta name="description" content="Ferries — Harbour Ferries (@ferries) '
            f'March 14, 2025"></head><body><article>{EMBED}</article></body></html>')
    report = check_text(page, "p.html", "html")
    assert _x(report) == [
        (None, "ferries", False, "metadata"), ("1900603371812270087", "cityroads", True, "article"),
    ]
    assert report.findings == ()


def test_every_place_of_a_post_is_kept():
    """Links to a post before its embed and after it are all in also_at, in order."""
    link = '<a href="https://x.com/cityroads/status/1900603371812270087">the post</a>'
    page = (f"<html><head>{HEAD}</head><body><article>\n<p>{link}</p>\n<p>{link}</p>\n{EMBED}\n<p>{link}</p>\n"
            "</article></body></html>")
    citation = check_text(page, "p.html", "html").citations[0]
    assert (citation.kind, citation.line) == ("embed", 4)
    assert [line for line, _ in citation.also_at] == [2, 3, 5]
