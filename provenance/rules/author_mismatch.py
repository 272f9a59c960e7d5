"""PV202 author-mismatch (error): the platform names another author than the article shows (``--online`` only).

The attribution in embed code ("— Name (@handle)") and in flattened text is whatever the page
says; the platform knows who posted. A different handle means the attribution was edited,
copied from another post, or the account was renamed since; each needs a look. Handles
compare case-insensitively, and a Mastodon handle with its server (``user@server``) matches
the same user without it. When neither side gives a handle, the display names are compared,
as a warning only: people change their display names often.

Passes: "— Jeremy Corbyn (@jeremycorbyn)" for a post whose oEmbed author_url is https://twitter.com/jeremycorbyn.
Fails: "— Jeremy Corbyn (@jeremycorbyn)" for a post whose oEmbed author_url is https://twitter.com/someoneelse.
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.model import Severity
from provenance.rules.base import Context, Problem

CODE = "PV202"
NAME = "author-mismatch"
#: It reports only on --online runs; offline, its suppressions are not judged.
ONLINE = True
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}
#: What a journalist or editor does about a finding (``provenance rules --explain``).
FIX = (
    'Open the post and compare its author with the attribution. If the article names the wrong '
    'person, correct the attribution; if the account was renamed, say so in the text ("posted by '
    '@old, now @new").'
)


def _handle(text: str) -> str:
    return text.strip().removeprefix("@").casefold()


def same_handle(shown: str, reported: str) -> bool:
    """Whether two handles name one account: case-insensitive, a server part on one side only ignored."""
    a, b = _handle(shown), _handle(reported)
    if a == b:
        return True
    if ("@" in a) != ("@" in b):
        return a.split("@", 1)[0] == b.split("@", 1)[0]
    return False


def _name(text: str) -> str:
    return " ".join(text.split()).casefold()


def check(context: Context) -> Iterator[Problem]:
    """Report each post whose author, as the platform reports it, differs from the one shown."""
    for index, citation in enumerate(context.citations):
        verification = citation.verification
        if verification is None or verification.status != "live":
            continue
        shown, reported = citation.handle, verification.author_handle
        if shown and reported:
            if same_handle(shown, reported):
                continue
            named = f" ({verification.author_name})" if verification.author_name else ""
            yield Problem(
                "check who posted it: the platform says the post is by @{reported}{named} but the article shows "
                "'@{shown}'; the account may have been renamed, or the attribution edited or taken from another post",
                {"reported": reported, "named": named, "shown": shown},
                citation.line,
                citation.column,
                index,
            )
        elif citation.kind == "embed" and citation.display_name and verification.author_name:
            if _name(citation.display_name) == _name(verification.author_name):
                continue
            yield Problem(
                "check who posted it: the platform says the post is by {reported_name} but the article shows "
                "{shown_name!r}; display names change",
                {"reported_name": verification.author_name, "shown_name": citation.display_name},
                citation.line,
                citation.column,
                index,
                severity=Severity.WARNING,
            )
