"""PV106 missing-permalink (warning): a post is cited with no link to it.

A reader, an editor or an archivist can only verify a post they can open. Flattened embeds
(scraped text) and hand-written attributions often keep the author and date but lose the link.
Add the post's permalink (``https://x.com/HANDLE/status/ID``) next to it.

Passes: an embed whose date links to https://twitter.com/jeremycorbyn/status/938406524728291328.
Fails: "— THS Savunma (@THSsavunma) August 25, 2025" in plain text with no status link.
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.model import Severity
from provenance.rules.base import Context, Problem, who

CODE = "PV106"
NAME = "missing-permalink"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}
#: What a journalist or editor does about a finding (``provenance rules --explain``).
FIX = (
    'Find the post on the platform and add its permalink next to the quoted text, or replace the text '
    "with the platform's embed code."
)


def check(context: Context) -> Iterator[Problem]:
    """Report each embedded post that has no permalink."""
    for index, citation in enumerate(context.citations):
        if citation.kind == "mention" or citation.url is not None:
            continue
        shown = citation.shown_date_text
        yield Problem(
            "add the permalink of the post by {who} shown {shown!r}: it has no link, so no one can verify it"
            if shown
            else "add the permalink of the post by {who}: it has no link, so no one can verify it",
            {"who": who(citation), "shown": shown} if shown else {"who": who(citation)},
            citation.line,
            citation.column,
            index,
        )
