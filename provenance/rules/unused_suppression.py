"""PV900 unused-suppression (warning): a suppression comment in the article suppresses nothing.

An editor who accepts a finding writes ``<!-- provenance: ignore stale-post -->`` before the
embed (``provenance: ignore stale-post`` on a line of its own in plain text), ``ignore-file``
for the whole article, or ``disable stale-post`` … ``enable stale-post`` around a part of it.
When the embed is later replaced or the finding goes away, the comment stays and would silently
hide the next real problem at that place, so it is reported. So is a comment that cannot work at
all: a rule name that is no rule (a typo), a directive other than ``ignore``, ``ignore-file``,
``disable`` and ``enable``, or an ``enable`` with no ``disable`` of its rules before it.

A suppression is judged only on the rules that ran: one naming a rule that this run skips
(``--select``, ``ignore`` or ``per-file-ignores`` in the configuration) is not reported, and one
naming no rule is judged only when every rule ran. Suppressions of PV900 itself are never reported; they are the way to
keep a comment on purpose (``ignore stale-post, unused-suppression``).

This rule runs after the others, on what their findings left of each suppression; see
``provenance.suppress`` for the syntax and the scope of each form.

Passes: ``<!-- provenance: ignore stale-post -->`` just before an embed of a post two years
older than the article.
Fails: the same comment before an embed of a post made the day before the article.
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.model import Severity
from provenance.rules.base import AFTER_SUPPRESSION, Context, Problem

CODE = "PV900"
NAME = "unused-suppression"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}
#: It judges the suppressions, so it runs after the other rules' findings met them.
PHASE = AFTER_SUPPRESSION
#: What a journalist or editor does about a finding (``provenance rules --explain``).
FIX = (
    'Delete the suppression comment, or correct the rule name in it; to keep it on purpose, name '
    'unused-suppression in it too.'
)


def check(context: Context) -> Iterator[Problem]:
    """Report each suppression that cannot work or that suppressed nothing this run could find."""
    for suppression in context.suppressions:
        if suppression.codes is not None and CODE in suppression.codes:
            continue
        where = {"suppression": suppression.text}
        if suppression.problem is not None:
            yield Problem(
                "fix or remove the suppression '{suppression}': it cannot be read: {problem}",
                {**where, "problem": suppression.problem},
                suppression.line,
                suppression.column,
            )
            continue
        for name in suppression.unknown:
            yield Problem(
                "fix the rule name in the suppression '{suppression}': {name!r} is no rule (see 'provenance rules')",
                {**where, "name": name},
                suppression.line,
                suppression.column,
            )
        if suppression.directive == "enable":
            if suppression.unmatched:
                yield Problem(
                    "remove the suppression '{suppression}': it ends no disable before it",
                    where,
                    suppression.line,
                    suppression.column,
                )
            continue
        if suppression.codes is None:
            if not suppression.suppressed and not context.skipped - {CODE} - context.unavailable:
                yield Problem(
                    "remove the suppression '{suppression}': it suppresses nothing",
                    where,
                    suppression.line,
                    suppression.column,
                )
            continue
        idle = sorted(code for code in suppression.codes - suppression.suppressed if code not in context.skipped)
        if idle:
            yield Problem(
                "remove {what}: the suppression '{suppression}' suppresses nothing for {rules}",
                {
                    **where,
                    "rules": ", ".join(idle),
                    "what": "the comment" if len(idle) == len(suppression.codes) else "those rules from the comment",
                },
                suppression.line,
                suppression.column,
            )
