"""PV101 post-after-article (error): a cited post was made after the article was published.

An article cannot embed a post that did not exist when it was published, so either the article's
date is wrong or the embed was added later without saying so. The post's time comes from its ID
where the ID encodes one (to the millisecond on X), else from its shown date; the article's from
its metadata, taken at the precision it has (a bare day spans every time zone unless one is
configured). Only a post certainly later than the article is reported.

When the article also states a modified date (in its metadata, or in an update note in its text:
"Update July 3rd, 8:05AM ET: added a tweet") and the post falls between the two dates, the
finding is a warning that says so and where the modified date came from: the embed was probably
added in a stated update.

Passes: an article published 2025-08-26 embedding a post shown August 25, 2025.
Fails: an article published 2025-08-21 embedding a post shown August 25, 2025.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from provenance.model import Severity
from provenance.rules.base import Context, Problem, describe_posted, who

CODE = "PV101"
NAME = "post-after-article"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}
#: What a journalist or editor does about a finding (``provenance rules --explain``).
FIX = (
    "Check the article's publication date first: if it is right, the post was added later, so add an "
    "update note saying when and why; if the date is wrong, correct the article's date metadata."
)
#: Publication stamps are often rounded to the minute and CMS clocks drift; a post a few
#: minutes after the stamp is not evidence of a wrong date.
GRACE = timedelta(minutes=5)


def check(context: Context) -> Iterator[Problem]:
    """Report each post made after the article's publication."""
    article = context.article_span()
    if article is None or context.published is None:
        return
    modified = context.modified.span(context.zone) if context.modified is not None else None
    for index, citation in enumerate(context.citations):
        posted = context.posted(citation)
        if posted is None or not posted.after(article.widen(GRACE)):
            continue
        args = {
            "who": who(citation),
            "posted": describe_posted(citation, posted),
            "published": context.published.isoformat(),
            "source": context.published.source,
        }
        if modified is not None and context.modified is not None and not posted.after(modified.widen(GRACE)):
            yield Problem(
                "post by {who} was made {posted}, after the article's publication ({published}, from "
                "{source}) but before its last modification ({modified}, from {modified_source}): probably added "
                "in an update",
                {**args, "modified": context.modified.isoformat(), "modified_source": context.modified.source},
                citation.line,
                citation.column,
                index,
                severity=Severity.WARNING,
            )
            continue
        yield Problem(
            "post by {who} was made {posted}, after the article was published ({published}, from {source})",
            args,
            citation.line,
            citation.column,
            index,
        )
