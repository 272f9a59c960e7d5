"""PV102 shown-date-mismatch (error): the date an embed shows disagrees with its post ID's time.

Embed code carries the post's date as text, which anyone pasting the code can edit; the post ID
encodes when the post was really made. X shows the UTC calendar date, so the two must agree to
the day; other platforms show the date in some viewer's time zone, and the platform module says
how much slack that needs (``Platform.shown_date_slack``). IDs that only estimate a time (tweets
from before November 2010) are compared with their error bound plus a day.

Passes: a tweet whose ID decodes to 2017-12-06T13:55Z shown as "December 6, 2017".
Fails: the same tweet shown as "December 9, 2017".
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, timedelta

from provenance.model import Severity, TimeSpan
from provenance.platforms import PLATFORMS
from provenance.rules.base import Context, Problem, describe_span, who

CODE = "PV102"
NAME = "shown-date-mismatch"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}
#: Estimated times (pre-Snowflake tweets) are only worth flagging beyond a day's disagreement.
ESTIMATE_SLACK = timedelta(days=1)
#: A machine-readable time in the embed (Instagram's ``<time datetime>``) trails the ID time by
#: seconds for photos and up to about ten minutes for videos.
MOMENT_SLACK = timedelta(minutes=15)
#: Slack for a platform no module describes: a day either way.
DEFAULT_SLACK = timedelta(days=1)


def check(context: Context) -> Iterator[Problem]:
    """Report each post whose shown date or time disagrees with its ID."""
    for index, citation in enumerate(context.citations):
        id_span = citation.id_time.span() if citation.id_time is not None else None
        if id_span is None or citation.id_time is None:
            continue
        if citation.id_time.estimate:
            id_span = id_span.widen(ESTIMATE_SLACK)
        platform = PLATFORMS.get(citation.platform)
        slack = platform.shown_date_slack if platform is not None else DEFAULT_SLACK
        if citation.shown_moment is not None:
            shown = TimeSpan.instant(citation.shown_moment, timedelta(seconds=1)).widen(MOMENT_SLACK)
            shown_text = citation.shown_moment.astimezone(UTC).isoformat()
        elif citation.shown_date is not None:
            shown = TimeSpan.day(citation.shown_date, UTC).widen(slack)
            shown_text = citation.shown_date.isoformat()
        else:
            continue
        if shown.overlaps(id_span):
            continue
        yield Problem(
            "post by {who} is shown as {shown} ({text!r}) but its ID says it was made {id_time}",
            {
                "who": who(citation),
                "shown": shown_text,
                "text": citation.shown_date_text or shown_text,
                "id_time": describe_span(citation.id_time.span() or id_span),
            },
            citation.line,
            citation.column,
            index,
        )
