"""X (Twitter): status links, Snowflake and media-key decoding, pre-Snowflake estimates."""

from __future__ import annotations

import base64
import fnmatch
import re
import statistics
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import provenance
from provenance import caches
from provenance.platforms import decode_time, parse_id, parse_url, x

EPOCH = datetime(2010, 11, 4, 1, 42, 54, 657000, tzinfo=UTC)
ID = "1578353380363501568"

#: The checkout these tests stand in (the package may be installed elsewhere, as tox does).
CHECKOUT = Path(__file__).resolve().parents[2]


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


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (20, datetime(2006, 3, 21, 20, 50, 14, tzinfo=UTC)),  # the first tweet: an anchor's own time
        (1467984521, datetime(2009, 4, 7, 6, 52, 27, 168000, tzinfo=UTC)),  # between two anchors
        (x.LAST_SEQUENTIAL_ID, datetime(2010, 11, 4, 21, 2, 48, tzinfo=UTC)),  # the last sequential ID
    ],
)
def test_pre_snowflake_ids_are_estimated_from_the_shipped_table(number: int, expected: datetime) -> None:
    """A sequential ID is an estimate from the shipped anchor table with its bound, never the Snowflake artifact."""
    decoded = decode_time(x.parse_id(str(number)) or pytest.fail("ID not read"))
    assert (decoded.moment, decoded.precision, decoded.problem) == (expected, "estimate", None)
    assert decoded.error_bound == x.packaged_anchors().error_bound
    assert decoded.note is not None and "pre-Snowflake" in decoded.note


def test_ids_below_the_first_anchor_carry_no_time() -> None:
    """An ID below the first tweet's is not extrapolated: it carries no time and says why."""
    decoded = decode_time(x.parse_id("19") or pytest.fail("ID not read"))
    assert decoded.moment is None and decoded.problem is None
    assert decoded.note is not None and "outside the known anchors" in decoded.note


def test_the_anchor_table_is_read_only_when_a_pre_snowflake_id_is_seen() -> None:
    """Decoding Snowflake IDs never reads the anchor table; the first sequential ID reads it once."""
    caches.clear_all()
    try:
        decode_time(parse_id(ID, "x") or pytest.fail("ID not read"))
        assert x.packaged_anchors.cache_info().currsize == 0
        for number in ("1467984521", "1467984522"):
            decode_time(parse_id(number, "x") or pytest.fail("ID not read"))
        assert (x.packaged_anchors.cache_info().misses, x.packaged_anchors.cache_info().hits) == (1, 1)
    finally:
        caches.clear_all()


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


def test_sequential_estimate_carries_its_tables_error_bound() -> None:
    """An interpolated time is an estimate whose span is its table's error bound either side."""
    table = x.AnchorTable.of(ANCHORS)
    # Anchor 200 read from its neighbours (100 and 1,000) is 888,889 ms off: the bound is the next whole hour.
    assert x.leave_one_out_errors(ANCHORS)[0] == 888_889 and table.error_bound == timedelta(hours=1)
    decoded = x.sequential_estimate(150, table)
    assert decoded.estimate and decoded.error_bound == table.error_bound
    assert decoded.moment == datetime(1970, 1, 1, 0, 25, tzinfo=UTC)
    span = decoded.span()
    assert span is not None and span.latest - span.earliest == 2 * table.error_bound
    assert x.sequential_estimate(99, table).moment is None


@pytest.mark.parametrize(
    ("middle_ms", "errors", "bound"),
    [
        (10 * 3_600_000 - 5_000, [5_000], timedelta(hours=1)),  # under an hour: one hour
        (5 * 3_600_000, [5 * 3_600_000], timedelta(hours=5)),  # a whole number of hours stays
        (5 * 3_600_000 + 1, [5 * 3_600_000 - 1], timedelta(hours=5)),
        (5 * 3_600_000 - 1, [5 * 3_600_000 + 1], timedelta(hours=6)),  # a millisecond over: the next hour
    ],
)
def test_the_error_bound_is_the_largest_leave_one_out_error_rounded_up(
    middle_ms: int, errors: list[int], bound: timedelta
) -> None:
    """Each inner anchor is interpolated from its neighbours; the bound is the largest miss, rounded up to the hour."""
    anchors = ((0, 0), (10, middle_ms), (20, 20 * 3_600_000))
    assert x.leave_one_out_errors(anchors) == errors
    assert x.error_bound(anchors) == bound


def test_an_error_bound_needs_three_anchors() -> None:
    """Two anchors leave nothing to leave out: no bound can be stated."""
    with pytest.raises(ValueError, match="three anchors"):
        x.error_bound(((0, 0), (10, 10)))


def test_the_shipped_tables_bound_covers_every_anchor_left_out() -> None:
    """A shipped anchor read from its neighbours misses by at most the bound, under an hour above the largest miss."""
    table = x.packaged_anchors()
    errors = x.leave_one_out_errors(table.anchors)
    assert len(table.anchors) == 2362 and len(errors) == 2360
    largest = timedelta(milliseconds=max(errors))
    assert largest <= table.error_bound < largest + x.BOUND_STEP


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


def test_the_anchor_table_ships_with_its_licence() -> None:
    """The anchor table and TweetedAt's MIT licence are package data, and the table's header points to the licence."""
    patterns = tomllib.loads((CHECKOUT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["provenance"]
    licence = x.ANCHOR_FILE.with_name("LICENSE.tweetedat")
    package = Path(provenance.__file__).parent  # the checkout's, or the installed copy under tox
    for shipped in (x.ANCHOR_FILE, licence):
        relative = shipped.relative_to(package).as_posix()
        assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns), relative
    assert "Copyright (c) 2019 ODU WS-DL" in licence.read_text(encoding="utf-8")
    header = x.ANCHOR_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("#") and "TweetedAt" in header and "LICENSE.tweetedat" in header


def test_the_documented_error_figures_are_the_tables() -> None:
    """docs/platforms.md states the leave-one-out figures and the bound that the shipped table gives."""
    table = x.packaged_anchors()
    hours = [error / 3_600_000 for error in x.leave_one_out_errors(table.anchors)]
    p95 = statistics.quantiles(hours, n=20, method="inclusive")[-1]
    docs = " ".join((CHECKOUT / "docs" / "platforms.md").read_text(encoding="utf-8").split())
    assert f"median {statistics.median(hours):.1f} h, 95th percentile {p95:.1f} h, largest {max(hours):.1f} h" in docs
    assert f"give or take {table.error_bound // timedelta(hours=1)} h" in docs
    # Every bound the README and the docs state is the table's.
    pages = (CHECKOUT / "README.md", *CHECKOUT.glob("docs/*.md"))
    texts = [" ".join(page.read_text(encoding="utf-8").split()) for page in pages]
    stated = {int(hours) for text in texts for hours in re.findall(r"give or take (\d+) h\b", text)}
    assert stated == {table.error_bound // timedelta(hours=1)}
