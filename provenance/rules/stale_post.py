"""PV103 stale-post (warning): a cited post is much older than the article.

A news article's embedded post normally documents the events it reports. A post far older than
the article is often reused from earlier coverage and presented as new: the reader should be
told its date. The threshold is the option ``max-age-days``, 180 by default: half a year is longer
than the news cycle of almost any story, and it is the threshold the labelled development corpus
uses for "old posts reused" (brigitte.de, forward.com).

The age is counted from the article's date, so the finding says what that date rests on when it
is not certain (``probable``: the page's URL, its byline, htmldate's reading of the markup). A date
on ``weak`` evidence (another page's URL, a "today" in the site's header) can be years off, so
the finding is then only ``info``.

Passes: an article published 2019-06-19 embedding a post from 2019-05-30.
Fails: an article published 2019-06-19 embedding a post from 2017-10-23.
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.model import Confidence, Severity
from provenance.rules.base import Context, Problem, describe_posted, who

CODE = "PV103"
NAME = "stale-post"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, int] = {"max-age-days": 180}
#: What a journalist or editor does about a finding (``provenance rules --explain``).
FIX = (
    'Tell the reader when the post was made ("in a post from March 2021"). If the post is meant to '
    'show current events, find a current source. To allow older posts, raise max-age-days.'
)


def check(context: Context) -> Iterator[Problem]:
    """Report each post older than the article by more than the threshold."""
    article = context.article_span()
    if article is None or context.published is None:
        return
    limit = int(context.options.get("max-age-days", OPTIONS["max-age-days"]))
    confidence = context.published.confidence
    template = (
        "tell the reader when the post by {who} was made: {posted}, {days} days before the article ({published}); "
        "more than {limit} days"
    )
    if confidence < Confidence.CERTAIN:
        template += "; the article's date rests on {evidence}, {confidence} evidence"
    for index, citation in enumerate(context.citations):
        posted = context.posted(citation)
        if posted is None:
            continue
        age = (article.earliest - posted.latest).days
        if age > limit:
            yield Problem(
                template,
                {
                    "who": who(citation),
                    "posted": describe_posted(citation, posted),
                    "days": age,
                    "published": context.published.isoformat(),
                    "limit": limit,
                    "confidence": str(confidence),
                    "evidence": context.published.basis,
                },
                citation.line,
                citation.column,
                index,
                severity=Severity.INFO if confidence <= Confidence.WEAK else None,
            )
