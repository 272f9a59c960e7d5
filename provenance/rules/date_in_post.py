"""PV104 date-in-post (info): a date written in a post's text differs from the post's own date.

A post that says "20 August 2025" but was made on 25 August is often fine (it announces an event
of that day), but it is also how recycled posts and misdated claims show: an editor should look.
Dates are read in every supported language (see :mod:`provenance.dates`); a date that could be
the post's own day in some time zone is not reported, nor is an ambiguous numeric date or a
relative one ("on Monday"), whose meaning depends on the tense of the sentence.

Passes: a post shown August 25, 2025 whose text says "25 Ağustos 2025".
Fails: a post shown August 25, 2025 whose text says "20 Ağustos 2025".
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.model import Severity, TimeSpan
from provenance.rules.base import Context, Problem, describe_posted, who

CODE = "PV104"
NAME = "date-in-post"
SEVERITY = Severity.INFO
OPTIONS: dict[str, object] = {}
#: What a journalist or editor does about a finding (``provenance rules --explain``).
FIX = (
    'Read the post: if the date it names is an event it announces, nothing needs doing (suppress the '
    "finding); if the article presents the post as reporting that day's events, check when it was "
    'really made and say so.'
)


def check(context: Context) -> Iterator[Problem]:
    """Report each written date in a post that cannot be the post's own day."""
    for index, citation in enumerate(context.citations):
        if citation.kind == "mention":
            continue
        posted = context.posted(citation)
        if posted is None:
            continue
        for written in citation.dates_in_text:
            # Relative dates ("on Monday") in a post are read against the post's date, which
            # makes them a guess about tense; only dates written out in full are compared.
            if written.kind != "absolute" or written.day is None or TimeSpan.day(written.day).overlaps(posted):
                continue
            middle = posted.earliest + (posted.latest - posted.earliest) / 2
            days = (written.day - middle.date()).days
            yield Problem(
                "check the date in the post by {who}: it writes {text!r} ({written}), {gap} {side} it was made "
                "{posted}",
                {
                    "who": who(citation),
                    "written": written.day.isoformat(),
                    "text": written.text,
                    "gap": f"{abs(days)} day{'' if abs(days) == 1 else 's'}",
                    "side": "before" if days < 0 else "after",
                    "posted": describe_posted(citation, posted),
                },
                citation.line,
                citation.column,
                index,
            )
