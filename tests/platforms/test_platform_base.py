"""The helpers platform modules share: exact epoch arithmetic and the plausibility check."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from provenance.platforms.base import FUTURE_SLACK, checked, from_ms, from_seconds, from_us

LAUNCHED = date(2020, 6, 15)
NOW = datetime(2025, 1, 1, tzinfo=UTC)


def test_epoch_offsets_are_exact() -> None:
    """Offsets from the Unix epoch convert exactly, without float rounding, at every unit."""
    assert from_ms(1_512_568_524_902) == datetime(2017, 12, 6, 13, 55, 24, 902000, tzinfo=UTC)
    assert from_us(1_688_137_381_887_007) == datetime(2023, 6, 30, 15, 3, 1, 887007, tzinfo=UTC)
    assert from_seconds(2**31) == datetime(2038, 1, 19, 3, 14, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "plausible"),
    [
        # The launch day counts in every zone, so it starts 14 hours before its UTC midnight.
        (datetime(2020, 6, 14, 10, 0, tzinfo=UTC), True),
        (datetime(2020, 6, 14, 9, 59, 59, tzinfo=UTC), False),
        (NOW + FUTURE_SLACK, True),
        (NOW + FUTURE_SLACK + timedelta(milliseconds=1), False),
    ],
)
def test_checked_accepts_exactly_the_plausible_span(moment: datetime, plausible: bool) -> None:
    """A time from the launch day's first instant to a day past now is kept; others are problems."""
    result = checked(moment, "ms", launched=LAUNCHED, title="Example", note="n", now=NOW)
    assert result.note == "n"
    if plausible:
        assert (result.moment, result.precision, result.problem) == (moment, "ms", None)
    else:
        assert result.moment is None and result.problem is not None
        assert ("before Example existed" in result.problem) != ("in the future" in result.problem)
