"""PV102 shown-date-mismatch (error): the date an embed shows disagrees with its post ID's time.

Embed code carries the post's date as text, which anyone pasting the code can edit; the post ID
encodes when the post was really made. X shows the UTC calendar date, so the two must agree to
the day; other platforms show the date in some viewer's time zone, and the platform module says
how much slack that needs (``Platform.shown_date_slack``); the shown span is the one every rule
reads (:func:`provenance.posted.shown_span`). IDs that only estimate a time (tweets
from before November 2010) are compared with their error bound plus a day.

Passes: a tweet whose ID decodes to 2017-12-06T13:55Z shown as "December 6, 2017".
Fails: the same tweet shown as "December 9, 2017".
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, timedelta

from provenance.model import Severity
from provenance.posted import describe_estimate, shown_span
from provenance.rules.base import Context, Problem, describe_span, who

CODE = "PV102"
NAME = "shown-date-mismatch"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}
#: What a journalist or editor does about a finding (``provenance rules --explain``).
FIX = (
    'Re-embed the post from the platform (fresh embed code shows the true date), or correct the date '
    'written beside it; then check whether the article relied on the wrong date.'
)
#: Estimated times (pre-Snowflake tweets) are only worth flagging beyond a day's disagreement.
ESTIMATE_SLACK = timedelta(days=1)
#: A machine-readable time in the embed (Instagram's ``<time datetime>``) trails the ID time by
#: seconds for photos and up to about ten minutes for videos.
MOMENT_SLACK = timedelta(minutes=15)


def check(context: Context) -> Iterator[Problem]:
    """Report each post whose shown date or time disagrees with its ID."""
    for index, citation in enumerate(context.citations):
        made = citation.id_time.span() if citation.id_time is not None else None
        shown = shown_span(citation)
        if made is None or citation.id_time is None or shown is None:
            continue
        id_span = made.widen(ESTIMATE_SLACK) if citation.id_time.estimate else made
        if citation.shown_moment is not None:
            shown = shown.widen(MOMENT_SLACK)
            shown_text = citation.shown_moment.astimezone(UTC).isoformat()
        else:
            shown_text = citation.shown_date.isoformat() if citation.shown_date is not None else ""
        if shown.overlaps(id_span):
            continue
        yield Problem(
            "re-embed the post by {who} or correct its date: it is shown as {text!r} ({shown}) but its ID says it was "
            "made {id_time}",
            {
                "who": who(citation),
                "shown": shown_text,
                "text": citation.shown_date_text or shown_text,
                "id_time": describe_estimate(citation.id_time) if citation.id_time.estimate else describe_span(made),
            },
            citation.line,
            citation.column,
            index,
        )
