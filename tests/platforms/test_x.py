"""X (Twitter): status links, Snowflake and media-key decoding, pre-Snowflake estimates."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest

from provenance.platforms import decode_time, parse_id, parse_url, x

EPOCH = datetime(2010, 11, 4, 1, 42, 54, 657000, tzinfo=UTC)
ID = "1578353380363501568"


def snowflake(moment: datetime, machine: int = 0, sequence: int = 0) -> int:
    """The status ID made at ``moment``, by the inverse of the documented layout."""
    ms = (moment - EPOCH) // timedelta(milliseconds=1)
    return (ms << 22) | (machine << 12) | sequence


@pytest.mark.parametrize(
    ("url", "handle", "canonical"),
    [
        (
            f"https://twitter.com/DavidToons_/status/{ID}",
            "DavidToons_",
            f"https://x.com/DavidToons_/status/{ID}",
        ),
        (f"https://x.com/DavidToons_/status/{ID}?s=20&t=Ab12", "DavidToons_", None),
        (f"https://mobile.twitter.com/DavidToons_/status/{ID}/photo/1", "DavidToons_", None),
        (f"https://www.x.com/DavidToons_/status/{ID}?ref_src=twsrc%5Etfw", "DavidToons_", None),
        (f"http://twitter.com/#!/DavidToons_/status/{ID}", "DavidToons_", None),
        (f"https://twitter.com/i/web/status/{ID}", None, f"https://x.com/i/status/{ID}"),
        (f"https://x.com/i/status/{ID}", None, f"https://x.com/i/status/{ID}"),
        (f"https://fxtwitter.com/DavidToons_/status/{ID}", "DavidToons_", None),
        (f"https://nitter.net/DavidToons_/status/{ID}#m", "DavidToons_", None),
        (f"https://platform.twitter.com/embed/Tweet.html?id={ID}", None, None),
        (f"twitter.com/DavidToons_/statuses/{ID}", "DavidToons_", None),
    ],
)
def test_status_links_give_the_status(url: str, handle: str | None, canonical: str | None) -> None:
    """Every status link form gives the status ID, the URL's handle and one canonical permalink."""
    ref = parse_url(url)
    assert ref is not None
    assert (ref.platform, ref.post_id, ref.handle) == ("x", ID, handle)
    assert ref.url == (canonical or f"https://x.com/{handle or 'i'}/status/{ID}")


@pytest.mark.parametrize(
    "url",
    [
        "https://x.com/DavidToons_",
        "https://twitter.com/",
        "https://x.com/search?q=a",
        "https://x.com/a/status/12ab",
    ],
)
def test_links_that_are_not_one_status_give_none(url: str) -> None:
    """Profile, home and search pages, and non-numeric IDs, are not posts."""
    assert parse_url(url) is None


def test_short_links_name_a_post_without_an_id() -> None:
    """A t.co link is an X post whose ID needs resolving, and it decodes to no time."""
    ref = parse_url("https://t.co/TZvVN8ITkX")
    assert ref is not None and ref.platform == "x" and ref.post_id is None
    assert decode_time(ref).moment is None


@pytest.mark.parametrize(
    ("moment", "machine", "sequence"),
    [
        (datetime(2012, 2, 29, 23, 59, 59, 999000, tzinfo=UTC), 1023, 4095),
        (datetime(2019, 7, 1, 0, 0, 0, 1000, tzinfo=UTC), 5, 0),
        (datetime(2024, 12, 31, 12, 30, 15, 500000, tzinfo=UTC), 512, 77),
    ],
)
def test_derived_snowflakes_decode_exactly(moment: datetime, machine: int, sequence: int) -> None:
    """An ID built from a chosen time decodes back to that millisecond, even with all low bits set."""
    ref = parse_id(str(snowflake(moment, machine, sequence)), "x")
    assert ref is not None
    decoded = decode_time(ref)
    assert (decoded.moment, decoded.precision, decoded.problem) == (moment, "ms", None)


def test_media_key_decodes_upload_time() -> None:
    """A media key built from a media Snowflake plus three bytes decodes to that Snowflake's time."""
    moment = datetime(2021, 1, 6, 16, 20, 44, 85000, tzinfo=UTC)
    raw = snowflake(moment, 33, 9).to_bytes(8, "big") + b"\x02\x01\xff"
    key = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    ref = parse_url(f"https://pbs.twimg.com/media/{key}?format=jpg&name=small")
    assert ref is not None and ref.post_id == key
    assert decode_time(ref).moment == moment


def test_pre_snowflake_ids_carry_no_time_without_anchors() -> None:
    """A sequential ID is undated when no anchor table is shipped, never given the Snowflake artifact."""
    if x.packaged_anchors():
        pytest.skip("an anchor table is shipped")
    decoded = decode_time(x.parse_id("1467984521") or pytest.fail("ID not read"))
    assert decoded.moment is None and decoded.problem is None
    assert decoded.note is not None and "pre-Snowflake" in decoded.note


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        (x.LAST_SEQUENTIAL_ID + 1, "ever issued"),
        (snowflake(datetime(2010, 11, 4, 19, 0, tzinfo=UTC)), "ever issued"),
        (2**63, "too large"),
        (snowflake(datetime(2070, 1, 1, tzinfo=UTC)), "future"),
    ],
)
def test_ids_outside_issued_ranges_have_a_problem(number: int, problem: str) -> None:
    """IDs in the unissued gap, beyond 63 bits or in the future are reported as problems, undated."""
    ref = parse_id(str(number), "x")
    assert ref is not None
    decoded = decode_time(ref)
    assert decoded.moment is None
    assert decoded.problem is not None and problem in decoded.problem


ANCHORS = ((100, 1_000_000), (200, 2_000_000), (1_000, 2_000_000), (10**19, 3 * 10**12))


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (100, 1_000_000),
        (150, 1_500_000),
        (201, 2_000_000),
        (199, 1_990_000),
        # One below a 20-digit anchor: floats would round this up to the anchor's time.
        (10**19 - 1, 3 * 10**12 - 1),
        (99, None),
        (10**19 + 1, None),
    ],
)
def test_interpolation_follows_the_line_between_anchors(number: int, expected: int | None) -> None:
    """Interpolation returns anchor times exactly, the integer line between them, and nothing outside."""
    assert x.interpolate(number, ANCHORS) == expected


def test_sequential_estimate_carries_its_error_bound() -> None:
    """An interpolated time is an estimate whose span is the stated error bound either side."""
    decoded = x.sequential_estimate(150, ANCHORS)
    assert decoded.estimate and decoded.error_bound == x.ESTIMATE_ERROR_BOUND
    assert decoded.moment == datetime(1970, 1, 1, 0, 25, tzinfo=UTC)
    span = decoded.span()
    assert span is not None and span.latest - span.earliest == 2 * x.ESTIMATE_ERROR_BOUND


def test_anchor_tables_must_rise() -> None:
    """An anchor table reads comments and blank lines, and rejects falling IDs and bad lines."""
    assert x.parse_anchors("# id,ms\n\n20,1142974214000\n30,1142974300000  # second\n") == (
        (20, 1142974214000),
        (30, 1142974300000),
    )
    with pytest.raises(ValueError, match="line 2"):
        x.parse_anchors("30,5\n20,6\n")
    with pytest.raises(ValueError, match="line 1"):
        x.parse_anchors("30;5\n")
