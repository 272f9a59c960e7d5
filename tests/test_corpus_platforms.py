"""Real pages from ../shared/corpus: every labelled Instagram and Facebook embed is found whole."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from helpers import SHARED, shared_corpus

from provenance import Citation, check_path
from provenance.platforms import parse_url

LABELS = SHARED / "corpus" / "labels.json"
PLATFORMS = ("instagram", "facebook")


def _embeds() -> list[Any]:
    if not LABELS.is_file():
        return [pytest.param(None, None, marks=pytest.mark.skip(reason="../shared/corpus is not present"))]
    _, pages = shared_corpus()
    return [
        pytest.param(page["file"], label, id=f"{page['file'][:40]}-{label['post_id']}")
        for page in pages
        for label in page["embeds"]
        if label["platform"] in PLATFORMS
    ]


def _cited(file: str, post_id: str) -> Citation:
    folder, _ = shared_corpus()
    report = check_path(folder / file)
    assert report.error is None
    found = [c for c in report.citations if c.post_id == post_id and c.kind == "embed"]
    assert len(found) == 1, f"{post_id} cited {len(found)} times as an embed"
    return found[0]


@pytest.mark.parametrize(("file", "label"), _embeds())
def test_labelled_embed_is_found_with_its_permalink_author_and_date(file: str, label: dict[str, Any]) -> None:
    """Each labelled embed is cited with its platform, canonical permalink, handle, name and shown date."""
    citation = _cited(file, label["post_id"])
    assert citation.platform == label["platform"]
    expected = parse_url(label["permalink"])
    assert expected is not None and citation.url == expected.url
    assert citation.handle == label["handle"]
    assert citation.display_name == label["display_name"]
    shown = citation.shown_date.isoformat() if citation.shown_date else None
    assert shown == label["displayed_date_iso"]
    if label["displayed_date"]:
        assert citation.shown_date_text == label["displayed_date"]
    if "datetime_attr" in label:
        moment = datetime.fromisoformat(label["datetime_attr"]) if label["datetime_attr"] else None
        assert citation.shown_moment == moment
