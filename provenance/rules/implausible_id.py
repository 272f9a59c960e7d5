"""PV107 implausible-id (error): a post ID that no real post can have.

Every time-encoding platform issues IDs from a known date on, and no ID encodes the future. An ID
outside the ranges the platform ever issued, one that decodes to before the platform existed, or
one that decodes to after the check runs, is mistyped, truncated or made up.

Passes: https://x.com/jeremycorbyn/status/938406524728291328 (2017-12-06).
Fails: https://x.com/someone/status/9223372036854775807 (decodes to 2080).
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.model import Severity
from provenance.rules.base import Context, Problem, implausibility, who

CODE = "PV107"
NAME = "implausible-id"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}
#: What a journalist or editor does about a finding (``provenance rules --explain``).
FIX = (
    "Copy the permalink again from the platform: a real post's ID cannot fall outside the range the "
    'platform issued, so this one was probably mistyped or truncated.'
)


def check(context: Context) -> Iterator[Problem]:
    """Report each post ID outside its platform's plausible range."""
    for index, citation in enumerate(context.citations):
        reason = implausibility(citation, context.now)
        if reason is not None:
            yield Problem(
                "copy the link of the post by {who} again from the platform: its ID {post_id!r} is implausible: "
                "{reason}",
                {"who": who(citation), "post_id": citation.post_id, "reason": reason},
                citation.line,
                citation.column,
                index,
            )
