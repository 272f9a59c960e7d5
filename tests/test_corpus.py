"""Real third-party pages from ../shared/corpus: every labelled X embed and linked post is found."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import SHARED, shared_corpus

from provenance import FileReport, check_path

LABELS = SHARED / "corpus" / "labels.json"


def _pages() -> list[dict[str, Any]]:
    if not LABELS.is_file():
        return []
    _, labels = shared_corpus()
    return labels


def _report(page: dict[str, Any]) -> FileReport:
    folder, _ = shared_corpus()
    report = check_path(folder / page["file"])
    assert report.error is None
    return report


@pytest.mark.parametrize("page", [p for p in _pages() if any(e["platform"] == "twitter" for e in p["embeds"])],
                         ids=lambda p: p["file"])
def test_every_labelled_x_embed_is_found(page):
    """Each labelled X embed is cited as an embed with its ID, handle and shown date."""
    report = _report(page)
    embeds = {c.post_id: c for c in report.citations if c.platform == "x" and c.kind == "embed"}
    for label in (e for e in page["embeds"] if e["platform"] == "twitter"):
        citation = embeds.get(label["post_id"])
        assert citation is not None, f"{label['post_id']} not found"
        if label["handle"]:
            assert (citation.url_handle or citation.handle or "").casefold() == (
                label.get("url_handle") or label["handle"]
            ).casefold()
        if label["display_name"]:
            assert citation.display_name == label["display_name"]
        expected = label["displayed_date_iso"]
        assert (citation.shown_date.isoformat() if citation.shown_date else None) == expected
        assert list(citation.media) == label["media_links"]  # attached pictures only, not links in the text


@pytest.mark.parametrize("page", [p for p in _pages() if p["linked_posts"]], ids=lambda p: p["file"])
def test_every_labelled_linked_post_is_found(page):
    """Each labelled link to an X post outside embeds is cited."""
    report = _report(page)
    cited = {c.post_id for c in report.citations if c.platform == "x"}
    for label in page["linked_posts"]:
        assert label["post_id"] in cited


def test_pages_without_x_posts_cite_none():
    """A labelled page with no X embed or link yields no X citation."""
    quiet = [p for p in _pages() if not p["linked_posts"] and all(e["platform"] != "twitter" for e in p["embeds"])]
    if not quiet:
        pytest.skip("../shared/corpus is not present")
    for page in quiet:
        assert [c.post_id for c in _report(page).citations if c.platform == "x"] == [], page["file"]


def test_every_labelled_embed_stands_in_the_article():
    """Each labelled embed of every platform is placed in the article, so the rules check it."""
    pages = [p for p in _pages() if p["embeds"]]
    if not pages:
        pytest.skip("../shared/corpus is not present")
    outside = []
    for page in pages:
        report = _report(page)
        placed = {c.post_id: c for c in report.citations if c.kind == "embed"}
        outside += [(page["file"], e["post_id"], placed[e["post_id"]].placement) for e in page["embeds"]
                    if e["post_id"] in placed and not placed[e["post_id"]].in_article]
    assert outside == []
