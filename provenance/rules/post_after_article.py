"""PV101 post-after-article (error): a cited post was made after the article was published.

An article cannot embed a post that did not exist when it was published, so either the article's
date is wrong or the embed was added later without saying so. The post's time comes from its ID
where the ID encodes one (to the millisecond on X), else from its shown date; the article's from
its metadata, taken at the precision it has (a bare day spans every time zone unless one is
configured). Only a post certainly later than the article is reported.

The finding is an **error only on certain evidence**: the article's date is ``certain`` (stated
by the page's metadata, its front matter, a text's date line, or ``--published``) and the post
stands in the article. Otherwise it is a **warning** whose message says why:

- the article's date is only ``probable`` (the page's URL, its byline, htmldate's reading of the
  markup) or ``weak`` (a date from another page's URL or a "today" in the site's header): the
  message names the evidence, since a wrong guess of the article's date, not the post, is the
  likelier fault;
- the post stands in the page's furniture (a sidebar, a feed widget, comments): a citation whose
  ``in_article`` is false was not put there by the article's author. (Citations carry no such
  attribute until in-article detection exists; until then every post counts as in the article.)
- the article also states a modified date (in its metadata, or in an update note in its text:
  "Update July 3rd, 8:05AM ET: added a tweet") and the post falls between the two dates: the
  embed was probably added in a stated update. The message says where the modified date came from.

A configured severity applies to the error case; these warnings stay warnings (or milder).

Passes: an article published 2025-08-26 embedding a post shown August 25, 2025.
Fails: an article published 2025-08-21 embedding a post shown August 25, 2025.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from provenance.model import Citation, Confidence, Severity
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
#: The least confidence in the article's date that can make this finding an error.
ERROR_CONFIDENCE = Confidence.CERTAIN


def in_article(citation: Citation) -> bool:
    """Whether the post stands in the article rather than in the page's furniture: the citation's
    ``in_article`` when it has one, else true."""
    return getattr(citation, "in_article", None) is not False


def check(context: Context) -> Iterator[Problem]:
    """Report each post made after the article's publication."""
    article = context.article_span()
    published = context.published
    if article is None or published is None:
        return
    modified = context.modified.span(context.zone) if context.modified is not None else None
    for index, citation in enumerate(context.citations):
        posted = context.posted(citation)
        if posted is None or not posted.after(article.widen(GRACE)):
            continue
        args: dict[str, object] = {
            "who": who(citation),
            "posted": describe_posted(citation, posted),
            "published": published.isoformat(),
            "source": published.source,
            "confidence": str(published.confidence),
            "evidence": published.basis,
        }
        where = (citation.line, citation.column, index)
        certain = published.confidence >= ERROR_CONFIDENCE
        if modified is not None and context.modified is not None and not posted.after(modified.widen(GRACE)):
            template = (
                "say in the article's update note that this post was added: the post by {who} was made {posted}, "
                "after the article's publication ({published}, from {source}) but before its last modification "
                "({modified}, from {modified_source})"
            )
            if not certain:
                template += "; the article's date rests on {evidence}, {confidence} evidence"
            args.update(modified=context.modified.isoformat(), modified_source=context.modified.source)
            yield Problem(template, args, *where, severity=Severity.WARNING)
        elif not certain:
            yield Problem(
                "check the article's date: the post by {who} was made {posted}, after it ({published}), and that "
                "date rests on {evidence}, {confidence} evidence, so it may be the date that is wrong",
                args,
                *where,
                severity=Severity.WARNING,
            )
        elif not in_article(citation):
            yield Problem(
                "check whether this post belongs to the article: the post by {who} was made {posted}, after the "
                "article was published ({published}, from {source}); it stands in the page's furniture",
                args,
                *where,
                severity=Severity.WARNING,
            )
        else:
            yield Problem(
                "correct the article's date or say the post was added later: the post by {who} was made {posted}, "
                "after the article was published ({published}, from {source})",
                args,
                *where,
            )
