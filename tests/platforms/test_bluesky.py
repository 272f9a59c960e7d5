"""Bluesky: post links, AT-URIs and TID record-key decoding."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from provenance.platforms import decode_time, parse_id, parse_url

RKEY = "3lbq7mxsiek2v"
DID = "did:plc:vjug55kidv6sye7ykr5faxxn"
SORT32 = "234567abcdefghijklmnopqrstuvwxyz"
UNIX = datetime(1970, 1, 1, tzinfo=UTC)


def tid(moment: datetime, clock: int = 0) -> str:
    """The TID made at ``moment`` by clock ``clock``: 13 base32-sortable digits of a 64-bit value."""
    value = ((moment - UNIX) // timedelta(microseconds=1)) << 10 | clock
    return "".join(SORT32[(value >> (5 * place)) & 31] for place in reversed(range(13)))


@pytest.mark.parametrize(
    ("url", "handle", "canonical"),
    [
        (
            f"https://bsky.app/profile/{DID}/post/{RKEY}?ref_src=embed",
            None,
            f"https://bsky.app/profile/{DID}/post/{RKEY}",
        ),
        (f"at://{DID}/app.bsky.feed.post/{RKEY}", None, f"https://bsky.app/profile/{DID}/post/{RKEY}"),
        (f"https://bsky.app/profile/Cinny.Bun.How/post/{RKEY}", "cinny.bun.how", None),
        (f"at://alice.bsky.social/app.bsky.feed.post/{RKEY}", "alice.bsky.social", None),
        (f"https://main.bsky.dev/profile/alice.bsky.social/post/{RKEY}", "alice.bsky.social", None),
        (f"https://bsky.app/profile/alice.bsky.social/post/{RKEY}/liked-by", "alice.bsky.social", None),
    ],
)
def test_post_links_give_the_record(url: str, handle: str | None, canonical: str | None) -> None:
    """Every post form and AT-URI gives the record key, the handle and one canonical permalink."""
    ref = parse_url(url)
    assert ref is not None
    assert (ref.platform, ref.post_id, ref.handle) == ("bluesky", RKEY, handle)
    assert ref.url == (canonical or f"https://bsky.app/profile/{handle}/post/{RKEY}")


@pytest.mark.parametrize(
    "url",
    [
        "https://bsky.app/profile/alice.bsky.social",
        f"at://{DID}/app.bsky.feed.like/{RKEY}",
        f"at://{DID}",
        "https://bsky.app/profile/not a handle/post/3lbq7mxsiek2v",
        "https://bsky.app/search?q=x",
    ],
)
def test_links_that_are_not_one_post_give_none(url: str) -> None:
    """Profiles, likes, bare repositories, bad actors and search pages are not posts."""
    assert parse_url(url) is None


@pytest.mark.parametrize(
    ("moment", "clock"),
    [
        (datetime(2023, 2, 17, 0, 0, 0, 1, tzinfo=UTC), 1023),
        (datetime(2024, 11, 24, 23, 58, 51, 890000, tzinfo=UTC), 0),
        (datetime(2026, 1, 1, 12, 0, 0, 999999, tzinfo=UTC), 512),
    ],
)
def test_derived_tids_decode_to_the_microsecond(moment: datetime, clock: int) -> None:
    """A TID built from a chosen time decodes back to that microsecond."""
    ref = parse_id(tid(moment, clock), "bluesky")
    assert ref is not None
    decoded = decode_time(ref)
    assert (decoded.moment, decoded.precision, decoded.problem) == (moment, "us", None)


@pytest.mark.parametrize("rkey", ["self", "3jzf-cij-pj2z-2a", "0000000000000", "3LBQ7MXSIEK2V"])
def test_record_keys_that_are_not_tids_carry_no_time(rkey: str) -> None:
    """A valid record key that is not a TID is a post with no time, not a problem."""
    ref = parse_url(f"https://bsky.app/profile/alice.bsky.social/post/{rkey}")
    assert ref is not None and ref.post_id == rkey
    decoded = decode_time(ref)
    assert decoded.moment is None and decoded.problem is None and decoded.note


@pytest.mark.parametrize(
    ("rkey", "problem"),
    [
        ("c222222222222", "top bit"),
        ("zzzzzzzzzzzzz", "64 bits"),
        (tid(datetime(2015, 1, 1, tzinfo=UTC)), "before Bluesky"),
        (tid(datetime(2070, 1, 1, tzinfo=UTC)), "future"),
    ],
)
def test_tids_outside_the_scheme_have_a_problem(rkey: str, problem: str) -> None:
    """TIDs with the top bit set, over 64 bits, before the launch or in the future are problems."""
    ref = parse_url(f"at://{DID}/app.bsky.feed.post/{rkey}")
    assert ref is not None
    decoded = decode_time(ref)
    assert decoded.moment is None and decoded.problem is not None and problem in decoded.problem


@pytest.mark.parametrize(
    "raw", ["zzzzzzzzzzzzz", "0000000000000", "3jzf-cij-pj2z-2a", "3lbq7mxsiek2", "self"]
)
def test_bare_ids_must_be_tids(raw: str) -> None:
    """A bare ID is read only when it is a TID-shaped key within 64 bits."""
    assert parse_id(raw, "bluesky") is None
