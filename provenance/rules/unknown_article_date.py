"""PV100 unknown-article-date (info): the article's own publication date was not found.

Without it, the checks that compare posts with the article (``post-after-article``,
``stale-post``) cannot run, so they are skipped for this article. Supply the date in the article
(HTML ``article:published_time`` or JSON-LD ``datePublished``, a ``date`` front-matter key, a
``date YYYY-MM-DD`` prefix on plain text) or on the command line with ``--published DATE``.

Passes: an HTML page with ``<meta property="article:published_time" content="2025-08-21">``.
Fails: a plain-text article with no date prefix, checked without ``--published``.
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.model import Severity
from provenance.rules.base import Context, Problem

CODE = "PV100"
NAME = "unknown-article-date"
SEVERITY = Severity.INFO
OPTIONS: dict[str, object] = {}
#: What a journalist or editor does about a finding (``provenance rules --explain``).
FIX = (
    'Give the article a publication date: article:published_time or JSON-LD datePublished in HTML, a '
    "date key in front matter, a 'date YYYY-MM-DD' first line in text, or --published DATE on the "
    'command line.'
)


def check(context: Context) -> Iterator[Problem]:
    """Report an article whose publication date is unknown."""
    if context.published is None and context.citations:
        yield Problem(
            "give the article a publication date (--published DATE, front matter or page metadata): none was "
            "found, so the checks against it were skipped",
            {},
            line=1,
            column=1,
        )
