"""Inline suppressions: comments in an article that silence the findings an editor has accepted.

In HTML and Markdown, a comment (rules by code or name, separated by commas or spaces; no rule
means every rule; text after ``--`` is the reason, for people)::

    <!-- provenance: ignore stale-post -- the caption dates the archive photo -->
    <!-- provenance: ignore-file PV106, PV104 -->
    <!-- provenance: disable stale-post -- a timeline of old posts -->
    ...
    <!-- provenance: enable stale-post -->

In plain text, the same words on a line of their own: ``provenance: ignore stale-post``.

Scope: ``ignore`` applies to the findings on the lines the comment stands on and, unless the
comment follows a citation on its own line (a trailing comment), to every finding about the
first citation that begins after it, however far below and wherever else that post is cited.
``ignore-file`` applies to the whole article. ``disable`` applies to the findings reported at a
place from the comment on, for each rule it names up to the first ``enable`` after it that names
that rule or no rule, else to the end of the article. A suppression that suppresses nothing, and
an ``enable`` that ends no ``disable``, are reported by PV900 ``unused-suppression``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from provenance.model import Citation, Document, Finding
from provenance.rules import RULES, find_rule
from provenance.rules.base import Suppression

__all__ = ["DIRECTIVES", "Suppression", "apply_suppressions", "read_suppressions"]

logger = logging.getLogger(__name__)

#: The directives: one place, the whole article, the start and the end of a range.
DIRECTIVES = ("ignore", "ignore-file", "disable", "enable")

_COMMENT = re.compile(r"<!--\s*provenance\s*:(?P<body>.*?)-->", re.DOTALL)
# The plain-text form must name a directive: prose such as "Provenance: the museum" is no
# suppression, and only lower-case ``provenance:`` at the start of a line is read at all.
_LINE = re.compile(
    r"^[ \t]*provenance[ \t]*:[ \t]*(?P<body>(?:ignore(?:-file)?|disable|enable)\b[^\n]*?)[ \t]*$", re.MULTILINE
)
_SEPARATORS = re.compile(r"[\s,]+")


def _parse(body: str, start: int, end: int, document: Document) -> Suppression:
    """One suppression from the text after ``provenance:``."""
    rules_text, _, _reason = body.partition("--")
    words = [word for word in _SEPARATORS.split(rules_text.strip()) if word]
    directive = words[0] if words else ""
    names = words[1:]
    line, column = document.position(start)
    end_line, end_column = document.position(max(end - 1, start))
    text = " ".join(words)
    if directive not in DIRECTIVES:
        choices = f"{', '.join(DIRECTIVES[:-1])} or {DIRECTIVES[-1]}"
        problem = f"unknown directive {directive!r} (use {choices})" if directive else "no directive"
        return Suppression(line, column, end_line, end_column, "ignore", frozenset(), text or "provenance:",
                           problem=problem)
    codes = {rule.code for name in names if (rule := find_rule(name)) is not None}
    unknown = tuple(name for name in names if find_rule(name) is None)
    return Suppression(
        line, column, end_line, end_column,
        directive=directive,
        codes=frozenset(codes) if names else None,
        text=text,
        unknown=unknown,
    )


def _matched(found: list[Suppression]) -> list[Suppression]:
    """``found`` with each ``enable`` that ends no open ``disable`` marked ``unmatched``."""
    every = frozenset(RULES)
    open_codes: list[set[str]] = []  # per disable so far, the rules it still suppresses
    out = []
    for suppression in found:
        codes = every if suppression.codes is None else suppression.codes
        if suppression.problem is None and suppression.directive == "disable":
            open_codes.append(set(codes))
        elif suppression.problem is None and suppression.directive == "enable":
            ended = any(still & codes for still in open_codes)
            for still in open_codes:
                still.difference_update(codes)
            # An enable that names only unknown rules is reported for those names alone.
            out.append(replace(suppression, unmatched=not ended and bool(codes)))
            continue
        out.append(suppression)
    return out


def read_suppressions(document: Document) -> list[Suppression]:
    """Every suppression in the article, in text order."""
    found = [_parse(m["body"], m.start(), m.end(), document) for m in _COMMENT.finditer(document.text)]
    if document.kind == "text":
        found += [_parse(m["body"], m.start("body"), m.end(), document) for m in _LINE.finditer(document.text)]
        found.sort(key=lambda s: (s.line, s.column))
    if found:
        logger.debug("%s: %d suppression comment(s)", document.source, len(found))
    return _matched(found)


def _in_range(number: int, finding: Finding, suppressions: Sequence[Suppression]) -> bool:
    """Whether ``finding`` lies in the range of the ``disable`` ``suppressions[number]``."""
    place = (finding.line, finding.column)
    if place < suppressions[number].place:
        return False
    end = next((s.place for s in suppressions[number + 1 :] if s.ends(finding.code)), None)
    return end is None or place < end


def _governed(suppression: Suppression, starts: Sequence[tuple[tuple[int, int], int]]) -> int | None:
    """The index of the first citation that begins after the suppression, if any."""
    if any(line == suppression.line and column < suppression.column for (line, column), _ in starts):
        return None  # a comment after an embed on the same line speaks for that line only
    after = (suppression.end_line, suppression.end_column)
    return next((index for place, index in starts if place > after), None)


def apply_suppressions(
    findings: Iterable[Finding], suppressions: Sequence[Suppression], citations: Sequence[Citation]
) -> tuple[list[Finding], list[Suppression]]:
    """The findings no suppression covers, and the suppressions with what each suppressed."""
    starts = sorted(
        (place, index)
        for index, citation in enumerate(citations)
        for place in ((citation.line, citation.column), *citation.also_at)
    )
    governed = [_governed(s, starts) if s.directive == "ignore" else None for s in suppressions]
    used: list[set[str]] = [set() for _ in suppressions]
    kept = []
    for finding in findings:
        hit = False
        for number, suppression in enumerate(suppressions):
            if not suppression.covers(finding.code):
                continue
            if suppression.directive == "disable":
                hit_here = _in_range(number, finding, suppressions)
            else:
                hit_here = (
                    suppression.file_wide
                    or suppression.line <= finding.line <= suppression.end_line
                    or (finding.citation is not None and finding.citation == governed[number])
                )
            if hit_here:
                used[number].add(finding.code)
                hit = True
        if not hit:
            kept.append(finding)
    applied = [
        replace(s, suppressed=s.suppressed | frozenset(codes)) for s, codes in zip(suppressions, used, strict=True)
    ]
    return kept, applied
