"""PV203 not-archived (info): the Wayback Machine holds no copy of the cited post (``--online`` only).

An embed is only as lasting as the post: when the post goes, the article loses its evidence.
An archived copy lets an editor replace a vanished embed later (PV201 names it). This rule
reports a post that is still up (or whose status is unknown) when the Wayback Machine
definitely answered that it has no capture of its permalink; an archive that did not answer is
a note on the citation instead. Make a copy with the Save Page Now link the message gives. A
post that is already gone is reported by PV201 alone: saving it now would archive an error page.

Passes: a post whose permalink the Wayback CDX API lists a capture for.
Fails: a post whose permalink the CDX API answers with an empty list for.
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.model import Severity
from provenance.rules.base import Context, Problem, who

CODE = "PV203"
NAME = "not-archived"
#: It reports only on --online runs; offline, its suppressions are not judged.
ONLINE = True
SEVERITY = Severity.INFO
OPTIONS: dict[str, object] = {}
#: What a journalist or editor does about a finding (``provenance rules --explain``).
FIX = (
    'Save a copy of the post with the Save Page Now link the message gives, so that the article keeps '
    'its evidence if the post is deleted.'
)
#: The Wayback Machine's Save Page Now: this URL followed by the page's archives it at once.
SAVE_PAGE_NOW = "https://web.archive.org/save/"


def check(context: Context) -> Iterator[Problem]:
    """Report each live post the archive definitely has no copy of."""
    for index, citation in enumerate(context.citations):
        verification = citation.verification
        if verification is None or verification.archive != "none" or verification.status == "gone":
            continue
        url = citation.url or ""
        yield Problem(
            "save a copy of the post by {who} at {save}: the Wayback Machine holds none",
            {"who": who(citation), "url": url, "save": SAVE_PAGE_NOW + url},
            citation.line,
            citation.column,
            index,
        )
