"""PV105 handle-mismatch (error): the handle an embed shows differs from the handle in its link.

Embed code names the author twice: in the attribution ("— Name (@handle)") and in the post's
permalink. When they differ, the attribution was edited, the post was quoted from someone else,
or the account was renamed; each needs a look. Handles compare case-insensitively, as the
platforms treat them.

Passes: "— Jeremy Corbyn (@jeremycorbyn)" linking to twitter.com/jeremycorbyn/status/….
Fails: "— Jeremy Corbyn (@jeremycorbyn)" linking to twitter.com/someoneelse/status/….
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.model import Severity
from provenance.rules.base import Context, Problem

CODE = "PV105"
NAME = "handle-mismatch"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}
#: What a journalist or editor does about a finding (``provenance rules --explain``).
FIX = (
    'Open the permalink and see who posted it. Make the shown handle and the link agree: correct the '
    'attribution, or link the post you meant to cite.'
)


def check(context: Context) -> Iterator[Problem]:
    """Report each post whose shown handle differs from its link's."""
    for index, citation in enumerate(context.citations):
        shown, linked = citation.handle, citation.url_handle
        if shown and linked and shown.casefold() != linked.casefold():
            yield Problem(
                "check who posted it: the embed shows '@{shown}' but links to a post by @{linked}",
                {"shown": shown, "linked": linked},
                citation.line,
                citation.column,
                index,
            )
