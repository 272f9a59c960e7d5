"""Mastodon and Truth Social: status links on any server, and time-based status IDs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from provenance.platforms import decode_time, parse_id, parse_url

ID = "109683757201594015"
UNIX = datetime(1970, 1, 1, tzinfo=UTC)


def status_id(moment: datetime, low: int = 0) -> int:
    """The local status ID made at ``moment``: Unix milliseconds above 16 low bits."""
    return ((moment - UNIX) // timedelta(milliseconds=1)) << 16 | low


def fetched_id(moment: datetime, random_ms: int, low: int) -> int:
    """The ID Mastodon gives a post stored after the fact: its second, random ms, random low bits."""
    return (int(moment.timestamp()) * 1000 + random_ms) << 16 | low


@pytest.mark.parametrize(
    ("url", "handle", "canonical"),
    [
        (
            f"https://hachyderm.io/@Martindotnet/{ID}",
            "Martindotnet",
            f"https://hachyderm.io/@Martindotnet/{ID}",
        ),
        (f"https://hachyderm.io/@Martindotnet/{ID}/embed", "Martindotnet", None),
        (f"https://example.social/@alice/{ID}", "alice", f"https://example.social/@alice/{ID}"),
        (f"https://m.cmx.im/@alice/{ID}", "alice", f"https://m.cmx.im/@alice/{ID}"),
        (
            f"https://mastodon.social/@bob@Example.Social/{ID}",
            "bob@example.social",
            f"https://mastodon.social/@bob@example.social/{ID}",
        ),
        (f"https://example.social/users/alice/statuses/{ID}", "alice", f"https://example.social/@alice/{ID}"),
        (f"https://example.social/users/alice/statuses/{ID}/activity", "alice", None),
        (f"https://example.social/web/statuses/{ID}", None, f"https://example.social/web/statuses/{ID}"),
        (
            f"https://truthsocial.com/@realDonald/posts/{ID}",
            "realDonald",
            f"https://truthsocial.com/@realDonald/posts/{ID}",
        ),
        (f"https://truthsocial.com/@realDonald/{ID}/embed", "realDonald", None),
    ],
)
def test_status_links_give_the_status(url: str, handle: str | None, canonical: str | None) -> None:
    """Every Mastodon status shape gives the ID, the handle and one canonical permalink on its server."""
    ref = parse_url(url)
    assert ref is not None
    assert (ref.platform, ref.post_id, ref.handle) == ("mastodon", ID, handle)
    if canonical is not None:
        assert ref.url == canonical


@pytest.mark.parametrize(
    "url",
    [
        "https://example.social/@alice",
        "https://example.social/@alice/with_replies",
        f"https://example.social/@alice/{ID}/reblogs",
        f"https://example.social/notes/{ID}",
        f"https://example.social/@alice/statuses/{ID}",
        f"https://example.social/@bad name/{ID}",
        f"https://example.social/@alice/{2**63}",
        f"https://www.youtube.com/@alice/{ID}",
        f"https://www.tiktok.com/@alice/{ID}",
        f"https://medium.com/@alice/a-title-{ID}",
    ],
)
def test_other_shapes_and_owned_hosts_give_none(url: str) -> None:
    """Pages that are not one status, other software's shapes and other platforms' hosts are not claimed."""
    ref = parse_url(url)
    assert ref is None or ref.platform != "mastodon"


@pytest.mark.parametrize(
    ("moment", "low"),
    [
        (datetime(2017, 10, 20, 8, 0, 0, 1000, tzinfo=UTC), 65535),
        (datetime(2022, 7, 9, 16, 3, 57, 694000, tzinfo=UTC), 0),
        (datetime(2025, 11, 28, 0, 35, 26, 960000, tzinfo=UTC), 4242),
    ],
)
def test_derived_local_ids_decode_to_the_millisecond(moment: datetime, low: int) -> None:
    """A local post's ID built from a chosen time decodes back to that millisecond."""
    ref = parse_url(f"https://example.social/@alice/{status_id(moment, low)}")
    assert ref is not None
    decoded = decode_time(ref)
    assert (decoded.moment, decoded.precision, decoded.problem) == (moment, "ms", None)


@pytest.mark.parametrize(
    ("moment", "random_ms", "low"),
    [
        (datetime(2016, 11, 1, 9, 30, 5, tzinfo=UTC), 999, 65535),
        (datetime(2023, 5, 17, 23, 59, 59, tzinfo=UTC), 0, 1),
        (datetime(2025, 1, 1, 0, 0, 0, tzinfo=UTC), 503, 30000),
    ],
)
def test_remote_and_bare_ids_decode_to_the_second(moment: datetime, random_ms: int, low: int) -> None:
    """A remote post's ID, or a bare ID, is dated to the second, ignoring its random milliseconds."""
    number = fetched_id(moment, random_ms, low)
    remote = parse_url(f"https://mastodon.social/@bob@example.social/{number}")
    for ref in (remote, parse_id(str(number), "mastodon")):
        assert ref is not None
        decoded = decode_time(ref)
        assert (decoded.moment, decoded.precision, decoded.problem) == (moment, "s", None)


def test_sequential_ids_carry_no_time() -> None:
    """A pre-2.0 sequential status ID is undated rather than decoded to 1970."""
    ref = parse_url("https://mastodon.social/@Gargron/1")
    assert ref is not None
    decoded = decode_time(ref)
    assert decoded.moment is None and decoded.problem is None and decoded.note


@pytest.mark.parametrize(
    ("moment", "problem"),
    [(datetime(2012, 1, 1, tzinfo=UTC), "before Mastodon"), (datetime(2080, 1, 1, tzinfo=UTC), "future")],
)
def test_implausible_ids_have_a_problem(moment: datetime, problem: str) -> None:
    """IDs that decode to before Mastodon existed or to the future are problems, not dates."""
    ref = parse_url(f"https://example.social/@alice/{status_id(moment)}")
    assert ref is not None
    decoded = decode_time(ref)
    assert decoded.moment is None and decoded.problem is not None and problem in decoded.problem


@pytest.mark.parametrize("raw", ["", "abc", str(2**63), "12 34"])
def test_malformed_ids_give_none(raw: str) -> None:
    """Empty, non-numeric, over-63-bit and spaced IDs are not status IDs."""
    assert parse_id(raw, "mastodon") is None
