"""PV201 post-unavailable (warning): the platform says the cited post is gone (``--online`` only).

Posts vanish: deleted by their authors, hidden when an account is suspended or made private,
removed by the platform; nearly one in five tweets leaves public view within months. An embed
of a vanished post shows an empty box, or only its fallback text, which anyone who pasted the
code could have edited. This rule reports a post only on a definite answer from the
platform's oEmbed endpoint: 404 or 410 (X also answers 403 with a JSON error for protected
posts and suspended accounts; Reddit names a deleted post's author ``[deleted]``). A timeout, a
5xx, a 429, HTML or malformed JSON is a note on the citation (``verification.notes``), never
this finding. Replace the embed with the archived copy the message names (the citation's
``archive_url``), or quote the post and keep a screenshot.

Passes: an embed of https://twitter.com/jeremycorbyn/status/938406524728291328 that the X oEmbed endpoint
answers with 200.
Fails: the same embed when the endpoint answers 404 Not Found.
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.model import Severity
from provenance.rules.base import Context, Problem, who

CODE = "PV201"
NAME = "post-unavailable"
#: It reports only on --online runs; offline, its suppressions are not judged.
ONLINE = True
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}
#: What a journalist or editor does about a finding (``provenance rules --explain``).
FIX = (
    'Replace the embed with the archived copy the message names, or quote the post and keep a '
    'screenshot, and tell the reader the post is no longer available.'
)


def check(context: Context) -> Iterator[Problem]:
    """Report each post the platform definitely says is gone."""
    for index, citation in enumerate(context.citations):
        verification = citation.verification
        if verification is None or verification.status != "gone":
            continue
        if citation.archive_url:
            advice = f"; replace the embed with the archived copy {citation.archive_url}"
        elif verification.archive == "none":
            advice = "; no archived copy exists either, so quote it and keep a screenshot"
        else:
            advice = "; look for an archived copy"
        yield Problem(
            "tell the reader the post by {who} is gone: the platform says it is no longer available ({reason}){advice}",
            {"who": who(citation), "reason": verification.reason or "unavailable", "advice": advice,
             "url": citation.url or "", "archive_url": citation.archive_url or ""},
            citation.line,
            citation.column,
            index,
        )
