"""Counts over a run: platforms, rules, severities, kinds of citation, post ages, slow and failed inputs.

``Tally`` takes one FileReport at a time, so an audit of millions of articles keeps constant
memory: counters whose keys are few (platforms, rule codes, severities, kinds, age buckets) and
bounded lists for the slowest and the failed inputs. ``summarize(report)`` tallies a whole Report.

A post's age is the number of calendar days from the post's day (UTC, from its ID, else the time
or date its embed shows) to the article's publication day as the article states it. The buckets
(``AGE_BUCKETS``) are: ``after`` (the post was certainly made after the article: every instant it
may have been made lies after every instant the article may have been published, the test of
PV101), ``same-day`` (the same day, or later by less than time zones allow), ``1-7``, ``8-30``,
``31-180``, ``181-365`` days before, ``older``, and ``unknown`` (no article date or no post date).
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field

from provenance.model import ArticleDate, Citation, FileReport, Report
from provenance.posted import posted_span

__all__ = [
    "AGE_BUCKETS",
    "AGE_LABELS",
    "FAILURES_KEPT",
    "SLOWEST_KEPT",
    "Failure",
    "Summary",
    "Tally",
    "Timing",
    "age_bucket",
    "post_age_days",
    "posted_span",
    "summarize",
]

#: Upper bounds (days before the article) of the age buckets between "same day" and "older":
#: a week and a month are the news cycles of most stories; 180 days is PV103's default
#: ``max-age-days``, so the buckets past it are the stale posts; a year marks reuse of old posts.
AGE_BOUNDS: tuple[tuple[str, int], ...] = (("1-7", 7), ("8-30", 30), ("31-180", 180), ("181-365", 365))
#: Every age bucket, in the order a histogram shows them.
AGE_BUCKETS: tuple[str, ...] = ("after", "same-day", *(key for key, _ in AGE_BOUNDS), "older", "unknown")
#: How a person reads each bucket.
AGE_LABELS: dict[str, str] = {
    "after": "after the article",
    "same-day": "same day",
    "1-7": "1–7 days before",
    "8-30": "8–30 days before",
    "31-180": "31–180 days before",
    "181-365": "181–365 days before",
    "older": "over a year before",
    "unknown": "unknown",
}
#: The slowest inputs a summary names: enough to spot the pathological pages of an archive.
SLOWEST_KEPT = 10
#: The failed inputs a summary names; the rest are counted. A broken archive may fail millions.
FAILURES_KEPT = 20


@dataclass(frozen=True)
class Timing:
    """How long one input took to check."""

    source: str
    seconds: float


@dataclass(frozen=True)
class Failure:
    """One input that could not be read, and why."""

    source: str
    error: str


@dataclass(frozen=True)
class Summary:
    """What a run found, counted."""

    files: int = 0
    failed: int = 0
    with_citations: int = 0
    citations: int = 0
    findings: int = 0
    by_platform: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    by_rule: dict[str, int] = field(default_factory=dict)
    by_severity: dict[str, int] = field(default_factory=dict)
    #: Articles that embed at least one post (not only link or mention one).
    with_embeds: int = 0
    #: Articles with at least one finding.
    with_findings: int = 0
    #: Citations per age bucket (``AGE_BUCKETS``, every bucket present, in that order).
    by_age: dict[str, int] = field(default_factory=lambda: dict.fromkeys(AGE_BUCKETS, 0))
    #: The slowest inputs, slowest first (only inputs whose time was given).
    slowest: tuple[Timing, ...] = ()
    #: The first failed inputs met; ``failed`` counts them all.
    failures: tuple[Failure, ...] = ()
    #: Inputs whose time was given, and their seconds added up.
    timed: int = 0
    seconds: float = 0.0

    def readable(self) -> int:
        """The inputs that could be read."""
        return self.files - self.failed

    def share(self, count: int) -> float:
        """``count`` as a share of the readable inputs (0 when there are none)."""
        readable = self.readable()
        return count / readable if readable else 0.0


def post_age_days(citation: Citation, published: ArticleDate | None) -> int | None:
    """Calendar days from the post's UTC day to the article's day; negative when the post is later."""
    span = posted_span(citation)
    if span is None or published is None:
        return None
    middle = span.earliest + (span.latest - span.earliest) / 2
    return (published.day - middle.date()).days


def age_bucket(citation: Citation, published: ArticleDate | None) -> str:
    """The age bucket (one of ``AGE_BUCKETS``) of a cited post relative to its article."""
    span = posted_span(citation)
    if span is None or published is None:
        return "unknown"
    if span.after(published.span()):
        return "after"
    age = post_age_days(citation, published)
    if age is None or age <= 0:
        return "same-day"
    for key, bound in AGE_BOUNDS:
        if age <= bound:
            return key
    return "older"


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


class Tally:
    """A running summary: add file reports one at a time, read the summary at any point."""

    def __init__(self, slowest: int = SLOWEST_KEPT, failures: int = FAILURES_KEPT) -> None:
        self.files = 0
        self.failed = 0
        self.with_citations = 0
        self.with_embeds = 0
        self.with_findings = 0
        self.timed = 0
        self.seconds = 0.0
        self.platforms: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.rules: Counter[str] = Counter()
        self.severities: Counter[str] = Counter()
        self.ages: Counter[str] = Counter()
        self._slowest_kept = slowest
        self._failures_kept = failures
        # A min-heap of the slowest inputs: its root is the first to give way to a slower one.
        self._slowest: list[tuple[float, str]] = []
        self._failures: list[Failure] = []

    def add(self, file: FileReport, seconds: float | None = None) -> None:
        """Count one input; ``seconds`` is how long it took, when measured."""
        self.files += 1
        if seconds is not None:
            self.timed += 1
            self.seconds += seconds
            self._keep_slow(seconds, file.source)
        if file.error is not None:
            self.failed += 1
            if len(self._failures) < self._failures_kept:
                self._failures.append(Failure(file.source, file.error))
            return
        if file.citations:
            self.with_citations += 1
        if any(c.kind == "embed" for c in file.citations):
            self.with_embeds += 1
        if file.findings:
            self.with_findings += 1
        for citation in file.citations:
            self.platforms[citation.platform] += 1
            self.kinds[citation.kind] += 1
            self.ages[age_bucket(citation, file.published)] += 1
        for finding in file.findings:
            self.rules[f"{finding.code} {finding.name}"] += 1
            self.severities[str(finding.severity)] += 1

    def _keep_slow(self, seconds: float, source: str) -> None:
        if self._slowest_kept <= 0:
            return
        entry = (seconds, source)
        if len(self._slowest) < self._slowest_kept:
            heapq.heappush(self._slowest, entry)
        elif entry > self._slowest[0]:
            heapq.heapreplace(self._slowest, entry)

    def merge(self, other: Tally) -> None:
        """Add the counts of ``other`` (a tally of other inputs, e.g. from another process)."""
        self.files += other.files
        self.failed += other.failed
        self.with_citations += other.with_citations
        self.with_embeds += other.with_embeds
        self.with_findings += other.with_findings
        self.timed += other.timed
        self.seconds += other.seconds
        self.platforms.update(other.platforms)
        self.kinds.update(other.kinds)
        self.rules.update(other.rules)
        self.severities.update(other.severities)
        self.ages.update(other.ages)
        for seconds, source in other._slowest:
            self._keep_slow(seconds, source)
        room = self._failures_kept - len(self._failures)
        self._failures.extend(other._failures[: max(room, 0)])

    def summary(self) -> Summary:
        """The counts so far."""
        slowest = sorted(self._slowest, key=lambda entry: (-entry[0], entry[1]))
        return Summary(
            files=self.files,
            failed=self.failed,
            with_citations=self.with_citations,
            citations=sum(self.platforms.values()),
            findings=sum(self.rules.values()),
            by_platform=_sorted(self.platforms),
            by_kind=_sorted(self.kinds),
            by_rule=_sorted(self.rules),
            by_severity=_sorted(self.severities),
            with_embeds=self.with_embeds,
            with_findings=self.with_findings,
            by_age={key: self.ages[key] for key in AGE_BUCKETS},
            slowest=tuple(Timing(source, seconds) for seconds, source in slowest),
            failures=tuple(self._failures),
            timed=self.timed,
            seconds=self.seconds,
        )


def summarize(report: Report) -> Summary:
    """Count the files, citations and findings of ``report``."""
    tally = Tally()
    for file in report.files:
        tally.add(file)
    return tally.summary()
