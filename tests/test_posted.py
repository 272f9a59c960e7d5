"""Whether a post's ID can be a real post's: the rules' check agrees with the one made when the ID is decoded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from provenance.model import Citation, IdTime, TimeSpan
from provenance.platforms import PLATFORMS
from provenance.platforms.base import checked
from provenance.posted import FUTURE_GRACE, implausibility

NOW = datetime(2026, 1, 1, tzinfo=UTC)
LAUNCH = TimeSpan.day(PLATFORMS["x"].launched).earliest


def _citation(moment: datetime) -> Citation:
    return Citation(platform="x", kind="embed", form="blockquote", line=1, column=1, post_id="1",
                    id_time=IdTime(moment, "ms"))


@pytest.mark.parametrize(
    ("moment", "problem"),
    [
        (LAUNCH, None),  # the launch day's first instant anywhere on Earth, 14 hours before its UTC midnight
        (LAUNCH - timedelta(seconds=1), "before X (Twitter) existed"),
        (NOW + FUTURE_GRACE, None),
        (NOW + FUTURE_GRACE + timedelta(seconds=1), "in the future"),
    ],
)
def test_an_id_time_is_implausible_before_the_launch_day_anywhere_or_in_the_future(moment, problem):
    found = implausibility(_citation(moment), NOW)
    assert (found is None) == (problem is None)
    if problem is not None:
        assert problem in found


def test_every_time_the_decoder_keeps_after_launch_the_rules_keep_too():
    """The two checks bound the launch day by the same instant: a time the decoder keeps is not
    called "before X (Twitter) existed" by the rules."""
    for moment in (LAUNCH, LAUNCH + timedelta(hours=13, minutes=59)):
        kept = checked(moment, "ms", launched=PLATFORMS["x"].launched, title="X", now=NOW)
        assert kept.moment == moment
        assert implausibility(_citation(moment), NOW) is None
