"""When a cited post was made, and whether its ID can be a real post's.

One answer for the rules (PV101, PV103, PV104, PV107) and for the reports (the audit summary's
post ages, the CSV, the HTML report's timelines), so that a post the summary counts as "after the
article" is the post PV101 reports.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from provenance.model import Citation, IdTime, TimeSpan
from provenance.platforms import PLATFORMS

__all__ = ["FUTURE_GRACE", "describe_estimate", "implausibility", "posted_span", "shown_span"]

#: Clocks disagree; an ID a few minutes "in the future" is not yet implausible.
FUTURE_GRACE = timedelta(minutes=10)


def implausibility(citation: Citation, now: datetime) -> str | None:
    """Why the citation's ID cannot be a real post's, or None when it can (or there is no ID)."""
    id_time = citation.id_time
    if id_time is None:
        return None
    if id_time.problem is not None:
        return id_time.problem
    platform = PLATFORMS.get(citation.platform)
    if id_time.moment is None or platform is None:
        return None
    # The launch day may be a local day anywhere on Earth, as when the ID was decoded.
    if id_time.moment < TimeSpan.day(platform.launched).earliest:
        return f"it decodes to {id_time.moment:%Y-%m-%d}, before {platform.title} existed"
    if id_time.moment > now + FUTURE_GRACE:
        return f"it decodes to {id_time.moment:%Y-%m-%d %H:%M} UTC, in the future"
    return None


def posted_span(citation: Citation, now: datetime | None = None) -> TimeSpan | None:
    """When the post was made, at the best precision known (``now`` defaults to the real time).

    The ID's time when it has a plausible one; else a time the embed states; else the shown
    date, read in the platform's display zone (X shows the UTC day) with the platform's slack.
    """
    if citation.id_time is not None and implausibility(citation, now or datetime.now(UTC)) is None:
        span = citation.id_time.span()
        if span is not None:
            return span
    return shown_span(citation)


def shown_span(citation: Citation) -> TimeSpan | None:
    """When the embed says the post was made: a time it states, or its shown date, read in the
    platform's display zone (X shows the UTC day) with the platform's slack; None when it shows none."""
    if citation.shown_moment is not None:
        return TimeSpan.instant(citation.shown_moment, timedelta(seconds=1))
    if citation.shown_date is None:
        return None
    platform = PLATFORMS.get(citation.platform)
    if platform is None or any(form.local_date and form.name == citation.form for form in platform.forms):
        return TimeSpan.day(citation.shown_date)  # a day in a zone nobody knows
    return TimeSpan.day(citation.shown_date, UTC).widen(platform.shown_date_slack)


def describe_estimate(id_time: IdTime) -> str:
    """An estimated ID time in words, as rules and ``cite`` say it: "about 2009-06-01 14:00 UTC,
    give or take 3 h" (the time to the minute, the bound in whole hours or minutes)."""
    if id_time.moment is None:
        return "at no known time"
    bound = id_time.error_bound or timedelta(0)
    if bound >= timedelta(hours=1):
        amount = f"{bound / timedelta(hours=1):g} h"
    else:
        amount = f"{bound / timedelta(minutes=1):g} min"
    return f"about {id_time.moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC, give or take {amount}"
