"""``provenance cite``: every shared ID vector in text and JSON, and bad input without a crash."""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime, timedelta
from typing import Any

import pytest
from helpers import SHARED, run_cli

from provenance.platforms import x

VECTORS = SHARED / "vectors" / "id_timestamps.json"
#: Vector files name X by its old name.
PLATFORM_NAMES = {"twitter": "x"}


def _load() -> list[dict[str, Any]]:
    return json.loads(VECTORS.read_text(encoding="utf-8")) if VECTORS.is_file() else []


def _vectors() -> list[Any]:
    if not VECTORS.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared/vectors is not present"))]
    return [pytest.param(vector, id=f"{vector['platform']}-{vector['id']}") for vector in _load()]


def _platform(vector: dict[str, Any]) -> str:
    name = str(vector["platform"][0] if isinstance(vector["platform"], list) else vector["platform"])
    return PLATFORM_NAMES.get(name, name)


def _bare(vector: dict[str, Any]) -> bool:
    """Whether the vector is a bare ID, which needs ``--platform`` unless it is X's."""
    raw = vector["url_or_id"]
    return "/" not in raw and ":" not in raw


def _argv(vector: dict[str, Any]) -> list[str]:
    platform = ["--platform", _platform(vector)] if _bare(vector) else []
    return [*platform, vector["url_or_id"]]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "cite", *argv)


def _expected(vector: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(vector["expected_utc"])


@pytest.mark.parametrize("vector", _vectors())
def test_text_line_gives_each_vector_its_time(vector: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    """The text line names the platform and the post and ends with the ID's time at its precision."""
    code, out, err = run(capsys, *_argv(vector))
    (line,) = out.splitlines()
    assert code == 0 and err == ""
    assert line.startswith(f"{vector['url_or_id']}: {_platform(vector)} post ")
    if vector["expected_utc"] is None:
        assert "no time: " in line
        return
    if vector["precision"] == "estimate":
        # An estimate is said to the minute, with the bound of the shipped anchor table.
        moment = datetime.fromisoformat(vector["expected_utc"])
        hours = x.packaged_anchors().error_bound // timedelta(hours=1)
        assert line.endswith(f" about {moment:%Y-%m-%d %H:%M} UTC, give or take {hours} h"), line
        return
    stamp = vector["expected_utc"]
    if vector["precision"] == "us" and "." not in stamp:
        stamp = stamp.replace("Z", ".000000Z")
    assert line.endswith(stamp), line


def test_json_gives_every_vector_in_input_order(capsys: pytest.CaptureFixture[str]) -> None:
    """One JSON document lists every input in order, with its citation, time and a null error."""
    vectors = [v for v in _load() if not _bare(v) or _platform(v) == "x"]
    if not vectors:
        pytest.skip("../shared/vectors is not present")
    code, out, err = run(capsys, "--format", "json", *(v["url_or_id"] for v in vectors))
    entries = json.loads(out)["citations"]
    assert code == 0 and err == ""
    assert [e["input"] for e in entries] == [v["url_or_id"] for v in vectors]
    for vector, entry in zip(vectors, entries, strict=True):
        assert entry["error"] is None
        assert entry["platform"] == _platform(vector)
        # A short link (t.co) names no post ID: its code is only in the input.
        assert vector["id"] in (entry["post_id"] or entry["input"])
        _check_json_time(vector, entry)


@pytest.mark.parametrize("platform", ["bluesky", "instagram", "tiktok", "mastodon", "linkedin", "discord"])
def test_json_bare_ids_with_platform(platform: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Bare IDs given with ``--platform`` decode as that platform's, in JSON too."""
    vectors = [v for v in _load() if _platform(v) == platform]
    if not vectors:
        pytest.skip("../shared/vectors is not present")
    ids = [v["id"] for v in vectors]
    code, out, _ = run(capsys, "--format", "json", "--platform", platform, *ids)
    entries = json.loads(out)["citations"]
    assert [e["input"] for e in entries] == ids
    for vector, entry in zip(vectors, entries, strict=True):
        if entry["error"] is not None:
            # A Discord attachment ID or a Mastodon status ID alone reads as a message or status ID.
            pytest.fail(f"{vector['id']}: {entry['error']}")
        assert entry["platform"] == platform
        _check_json_time(vector, entry)
    assert code == 0


def _check_json_time(vector: dict[str, Any], entry: dict[str, Any]) -> None:
    if vector["expected_utc"] is None:
        assert entry["id_time"] is None
        assert entry["id_time_note"] or entry["id_time_problem"]
        return
    if vector["precision"] == "estimate":
        assert entry["id_time_precision"] == "estimate" and entry["id_time_estimate"] is True
        assert entry["id_time_error_s"] == x.packaged_anchors().error_bound.total_seconds()
        assert datetime.fromisoformat(entry["id_time"]) == _expected(vector)
        return
    decoded = datetime.fromisoformat(entry["id_time"])
    if entry["id_time_precision"] == "s":
        # Seconds are all a bare Mastodon ID is trusted for: its server is unknown.
        assert vector["precision"] in ("s", "ms")
        assert timedelta(0) <= _expected(vector) - decoded < timedelta(seconds=1)
    else:
        assert entry["id_time_precision"] == vector["precision"]
        assert decoded == _expected(vector)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["12345abc"], "is not a post ID of X (Twitter)"),
        (["99999999999999999999999999"], "is not a post ID of X (Twitter)"),
        (["3jzfcijpj2z2a"], "it reads as a post ID of bluesky"),
        (["https://example.com/status/1"], "not a link to a post on any platform"),
        (["https://www.instagram.com/p/abc$%/"], "is on Instagram but names no single post"),
        (["--platform", "instagram", "abc$%"], "is not a post ID of Instagram"),
        (["--platform", "bluesky", "zzzzzzzzzzzzz"], "is not a post ID of Bluesky"),
        (["--platform", "bluesky", "3jzf-cij-pj2z-2a"], "is not a post ID of Bluesky"),
        (["https://twitter.com/x/status/99999999999999999999999"], "is on X (Twitter) but names no single post"),
        ([""], "empty input"),
    ],
)
def test_bad_input_is_a_one_line_error(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    """An input that names no post gets one stderr line saying why, and exit code 1."""
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    (line,) = err.splitlines()
    assert message in line and "Traceback" not in line


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        ("https://bsky.app/profile/a.bsky.social/post/zzzzzzzzzzzzz", "not a valid TID: larger than 64 bits"),
        ("at://did:plc:abc/app.bsky.feed.post/0000000000000", "not a TID"),
        ("9999999999999999999", "too large"),
        ("https://www.instagram.com/p/____________________/", "private-post shortcode"),
        ("https://mastodon.social/@a/1", "sequential status ID"),
        ("https://t.co/TZvVN8ITkX", "hides the post ID"),
    ],
)
def test_posts_without_a_time_say_why(item: str, reason: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A post whose ID encodes no time (or an impossible one) is cited with the reason, exit code 0."""
    code, out, err = run(capsys, item)
    assert code == 0 and err == ""
    assert "no time: " in out and reason in out


def test_json_marks_errors_per_entry(capsys: pytest.CaptureFixture[str]) -> None:
    """In JSON a bad input is an entry with its error, between good ones, and the problem of an impossible ID."""
    code, out, _ = run(capsys, "--format", "json", "318058960919855104", "not a post", "9999999999999999999")
    entries = json.loads(out)["citations"]
    assert [e["error"] is None for e in entries] == [True, False, True]
    assert entries[1] == {"input": "not a post", "error": entries[1]["error"]}
    assert entries[2]["id_time"] is None and "too large" in entries[2]["id_time_problem"]
    assert code == 1


def test_standard_input_one_item_a_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """With no items (or ``-``) the items are read from standard input, blank lines skipped."""
    stdin = io.TextIOWrapper(io.BytesIO(b"https://youtu.be/dQw4w9WgXcQ\n\nhttps://t.me/bitcartcc/3408\n"), "utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(capsys, "-")
    assert code == 0
    assert [line.split(": ")[1].split()[0] for line in out.splitlines()] == ["youtube", "telegram"]
