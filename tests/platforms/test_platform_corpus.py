"""Every post link labelled in the shared corpus parses to its labelled platform, ID and time."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from provenance.platforms import decode_time, parse_url

LABELS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "labels.json"
PLATFORM_NAMES = {"twitter": "x"}


def _links() -> list[Any]:
    if not LABELS.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared/corpus is not present"))]
    cases = []
    for page in json.loads(LABELS.read_text(encoding="utf-8")):
        for index, embed in enumerate(page["embeds"]):
            if embed.get("permalink") and embed.get("post_id"):
                link = {**embed, "url": embed["permalink"]}
                cases.append(pytest.param(link, id=f"{page['file'][:40]}-embed{index}"))
        for index, linked in enumerate(page.get("linked_posts", [])):
            cases.append(pytest.param(linked, id=f"{page['file'][:40]}-link{index}"))
    return cases


@pytest.mark.parametrize("link", _links())
def test_labelled_links_parse_to_their_post(link: dict[str, Any]) -> None:
    """A labelled permalink gives the labelled platform and post ID, and an X ID its labelled time."""
    ref = parse_url(link["url"])
    assert ref is not None
    assert ref.platform == PLATFORM_NAMES.get(link["platform"], link["platform"])
    assert ref.post_id == link["post_id"]
    if ref.platform == "x":
        url_handle = link.get("url_handle") or link.get("handle")
        assert ref.handle is not None and url_handle is not None
        assert ref.handle.lower() == url_handle.lower()
    if link.get("id_timestamp_utc"):
        decoded = decode_time(ref)
        assert decoded.moment is not None
        assert decoded.moment.replace(microsecond=0) == datetime.fromisoformat(link["id_timestamp_utc"])
