"""The shared ID-time vectors decode to their expected times, within each vector's precision."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from provenance.model import PostRef
from provenance.platforms import decode_time, parse_id, parse_url

VECTORS = Path(__file__).resolve().parents[2] / ".." / "shared" / "vectors" / "id_timestamps.json"
#: Vector files name X by its old name.
PLATFORM_NAMES = {"twitter": "x"}


def _vectors() -> list[Any]:
    if not VECTORS.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared/vectors is not present"))]
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    return [pytest.param(vector, id=f"{vector['platform']}-{vector['id']}") for vector in vectors]


def _read(vector: dict[str, Any]) -> PostRef:
    raw = vector["url_or_id"]
    names = vector["platform"] if isinstance(vector["platform"], list) else [vector["platform"]]
    ref = parse_url(raw)
    for name in names:
        if ref is None:
            ref = parse_id(raw, PLATFORM_NAMES.get(name) or name)
    assert ref is not None, f"neither a URL nor an ID provenance reads: {raw}"
    return ref


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize("vector", _vectors())
def test_vector_decodes_to_expected_time(vector: dict[str, Any]) -> None:
    """A vector's URL or ID decodes to its expected UTC time at its stated precision."""
    ref = _read(vector)
    assert ref.platform == PLATFORM_NAMES.get(vector["platform"], vector["platform"])
    assert vector["id"] in (ref.post_id, ref.time_key)
    decoded = decode_time(ref)
    expected = vector["expected_utc"]
    if expected is None:
        assert decoded.moment is None
        assert decoded.problem is None
        assert decoded.note
        return
    if vector["precision"] == "estimate":
        # The vector's time is TweetedAt's interpolation over the table provenance ships.
        assert decoded.estimate and decoded.problem is None and decoded.moment is not None
        assert abs(decoded.moment - _utc(expected)) <= timedelta(seconds=vector["stated_error_bound_s"])
        # The true time, where the vector records it, lies within the bound provenance states.
        if vector.get("peer_value_meaning", "").startswith("true created_at"):
            assert decoded.error_bound is not None
            assert abs(decoded.moment - _utc(vector["peer_value_utc"])) <= decoded.error_bound
        return
    assert decoded.problem is None
    assert decoded.moment is not None
    assert decoded.precision == vector["precision"]
    if vector["precision"] == "s":
        assert decoded.moment.replace(microsecond=0) == _utc(expected)
    else:
        # ms and µs vectors state every digit the ID holds: the decode must match exactly.
        assert decoded.moment == _utc(expected)
