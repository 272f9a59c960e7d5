"""The stages of a check that run only when asked: a stage runs when a selected rule reads it.

A rule module names what it reads in ``STAGES`` (none: it reads the citations every check
finds, of embeds, shortcodes, flattened embeds, cards and links, with their placement). The
linter runs :func:`needed` for the rules it applies to a file: with ``unlinked-post-reference``
deselected (``--ignore``, configuration, ``--select`` without it, a per-file ignore), the
posts cited in prose are not looked for, and the report lists no such citation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

__all__ = ["ALL", "DESCRIPTIONS", "MENTIONS", "needed"]

#: Posts cited in prose without a link: the prose walk, the prose's languages, the sentences
#: matched against the mention patterns and the dates written in the prose.
MENTIONS = "mentions"
#: What each optional stage does, as ``bench_audit.py --stages`` prints it.
DESCRIPTIONS = {
    MENTIONS: "posts cited without a link: prose walk, prose languages, sentence matching, prose dates",
}
#: Every optional stage: what a check runs when every rule is selected.
ALL = frozenset(DESCRIPTIONS)


class _Reads(Protocol):
    @property
    def stages(self) -> frozenset[str]: ...


def needed(rules: Iterable[_Reads]) -> frozenset[str]:
    """The optional stages the ``rules`` read."""
    return frozenset(stage for rule in rules for stage in rule.stages)
