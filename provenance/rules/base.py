"""What a rule is given and what it reports.

A rule is a module with ``CODE`` (``PV1xx``), ``NAME`` (kebab-case), ``SEVERITY`` (its default),
``OPTIONS`` (option names and defaults), ``FIX`` (what to do about a finding), ``STAGES`` (the
optional stages of :mod:`provenance.stages` whose citations it reads; none when omitted) and
``check(context)``, a generator of :class:`Problem` records. Its docstring is its manual: what it
checks, why, a passing and a failing example (``provenance rules --explain CODE`` prints it).
Rules report facts; the linter applies configuration, severities and suppressions.

A rule runs in one of two phases, which it declares as ``PHASE`` (default :data:`FINDINGS`):
:data:`FINDINGS` rules judge the citations; :data:`AFTER_SUPPRESSION` rules judge the article's
suppressions once the findings of the first phase have met them (:class:`Suppression` records
in ``Context.suppressions``, each with what it suppressed), as PV900 ``unused-suppression`` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from types import ModuleType
from typing import Any, Literal

from provenance.model import ArticleDate, Citation, Document, Severity, TimeSpan
from provenance.posted import describe_estimate, implausibility, posted_span

__all__ = [
    "AFTER_SUPPRESSION", "FINDINGS", "PHASES", "Context", "Phase", "Problem", "Rule", "Suppression", "describe_posted",
    "describe_span", "excerpt", "implausibility", "who",
]

#: When a rule runs: ``findings`` on the citations; ``after-suppression`` on the suppressions,
#: once the findings of the first phase have met them.
Phase = Literal["findings", "after-suppression"]
FINDINGS: Phase = "findings"
AFTER_SUPPRESSION: Phase = "after-suppression"
#: The phases in the order the linter runs them.
PHASES: tuple[Phase, ...] = (FINDINGS, AFTER_SUPPRESSION)


@dataclass(frozen=True)
class Suppression:
    """One suppression as written in an article, and, once applied, what it suppressed
    (:mod:`provenance.suppress` reads and applies them)."""

    line: int
    column: int
    #: The line and column of its last character: the citation it governs begins after it.
    end_line: int
    end_column: int
    #: One of ``provenance.suppress.DIRECTIVES`` (``ignore`` when it cannot be read).
    directive: str
    #: The codes of the rules it names; None for every rule.
    codes: frozenset[str] | None
    #: The directive and rules as written, e.g. ``ignore stale-post``.
    text: str
    #: Names it gives that are no rule's code or name.
    unknown: tuple[str, ...] = ()
    #: Why it cannot be read at all (an unknown directive), if so.
    problem: str | None = None
    #: The codes of the findings it suppressed, filled in by ``provenance.suppress.apply_suppressions``.
    suppressed: frozenset[str] = frozenset()
    #: Whether it is an ``enable`` with no ``disable`` of its rules open before it.
    unmatched: bool = False

    @property
    def file_wide(self) -> bool:
        """Whether it covers the whole article (``ignore-file``)."""
        return self.directive == "ignore-file"

    @property
    def place(self) -> tuple[int, int]:
        """Its line and column, to compare with a finding's."""
        return self.line, self.column

    def covers(self, code: str) -> bool:
        """Whether it suppresses rule ``code`` (it names it, or every rule); an ``enable`` suppresses nothing."""
        return self.problem is None and self.directive != "enable" and (self.codes is None or code in self.codes)

    def ends(self, code: str) -> bool:
        """Whether it is an ``enable`` that ends the ranges of rule ``code``."""
        return self.problem is None and self.directive == "enable" and (self.codes is None or code in self.codes)


@dataclass(frozen=True)
class Context:
    """One article, its citations and dates, as every rule sees them."""

    document: Document
    citations: tuple[Citation, ...]
    published: ArticleDate | None
    modified: ArticleDate | None
    #: The article's time zone when configured; None means "any zone on Earth".
    zone: tzinfo | None
    now: datetime
    #: This rule's options, defaults merged with configuration.
    options: Mapping[str, Any] = field(default_factory=dict)
    #: The article's suppressions and what each suppressed (given to the ``after-suppression`` rules only).
    suppressions: tuple[Suppression, ...] = ()
    #: The codes of the rules this run does not apply.
    skipped: frozenset[str] = frozenset()
    #: Codes of rules that cannot report in this run's mode (the ``--online`` rules, offline):
    #: their suppressions are not judged, and they do not keep a bare suppression from being judged.
    unavailable: frozenset[str] = frozenset()

    def article_span(self) -> TimeSpan | None:
        """When the article was published, as a span of instants."""
        return self.published.span(self.zone) if self.published is not None else None

    def posted(self, citation: Citation) -> TimeSpan | None:
        """When the post was made, at the best precision known (see :func:`provenance.posted.posted_span`)."""
        return posted_span(citation, self.now)


@dataclass(frozen=True)
class Problem:
    """A fact a rule reports: a message template with its values, and where it applies."""

    template: str
    args: Mapping[str, object]
    line: int
    column: int
    citation: int | None = None
    #: Set when this problem is milder (or graver) than the rule's default severity.
    severity: Severity | None = None

    @property
    def message(self) -> str:
        """The template filled with its values."""
        return self.template.format(**self.args)


@dataclass(frozen=True)
class Rule:
    """A rule module, read into a typed record."""

    code: str
    name: str
    severity: Severity
    options: Mapping[str, Any]
    check: Callable[[Context], Iterator[Problem]]
    doc: str
    #: What a journalist or editor does about a finding: the first line of the rule's help.
    fix: str = ""
    #: Whether the rule reports only on ``--online`` runs.
    online: bool = False
    #: The optional stages (:mod:`provenance.stages`) whose citations the rule reads.
    stages: frozenset[str] = frozenset()
    #: When the rule runs: on the citations, or on the suppressions once the other findings met them.
    phase: Phase = FINDINGS

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        """Read a rule module's constants and check function."""
        return cls(
            code=module.CODE,
            name=module.NAME,
            severity=module.SEVERITY,
            options=dict(getattr(module, "OPTIONS", {})),
            check=module.check,
            doc=(module.__doc__ or "").strip(),
            fix=module.FIX,
            online=bool(getattr(module, "ONLINE", False)),
            stages=frozenset(getattr(module, "STAGES", ())),
            phase=_phase(getattr(module, "PHASE", FINDINGS)),
        )


def _phase(value: object) -> Phase:
    """A rule module's ``PHASE``, checked: a misspelt phase would leave the rule never run."""
    for phase in PHASES:
        if value == phase:
            return phase
    raise ValueError(f"unknown rule phase {value!r} (expected one of {', '.join(PHASES)})")


def describe_span(span: TimeSpan) -> str:
    """A span in words: one instant, one UTC day, or a range."""
    width = span.latest - span.earliest
    if width.total_seconds() <= 1:
        return span.earliest.strftime("%Y-%m-%d %H:%M:%S UTC")
    if width.total_seconds() <= 3600:
        return span.earliest.strftime("%Y-%m-%d %H:%M UTC")
    middle = span.earliest + width / 2
    if width.days < 2 and span.earliest.hour == 0 and span.earliest.minute == 0:
        return span.earliest.strftime("%Y-%m-%d (UTC)")
    return middle.strftime("%Y-%m-%d")


def describe_posted(citation: Citation, span: TimeSpan) -> str:
    """When a post was made, in words: an ID's estimated time as "about …, give or take …" when
    ``span`` is that estimate's, else as :func:`describe_span` says ``span``."""
    id_time = citation.id_time
    if id_time is not None and id_time.estimate and id_time.span() == span:
        return describe_estimate(id_time)
    return describe_span(span)


#: The longest quotation of an article's text a message carries; longer text is cut at a word.
EXCERPT_CHARS = 80


def excerpt(text: str) -> str:
    """The text a message quotes: on one line, cut at a word boundary with '…' past :data:`EXCERPT_CHARS`."""
    text = " ".join(text.split())
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = text.rfind(" ", 0, EXCERPT_CHARS)
    return text[: cut if cut > EXCERPT_CHARS // 2 else EXCERPT_CHARS].rstrip(" ,;:") + "…"


def who(citation: Citation) -> str:
    """Who posted, as a message names them after "post by": handle, else name, else what is known."""
    if citation.handle:
        return f"@{citation.handle}"
    if citation.display_name:
        return citation.display_name
    if citation.post_id:
        return f"the author of {citation.platform} post {citation.post_id}"
    return f"an unnamed {citation.platform} account"
