"""Counts over a report: by platform, rule, severity and kind of citation."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from provenance.model import Report

__all__ = ["Summary", "summarize"]


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


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def summarize(report: Report) -> Summary:
    """Count the files, citations and findings of ``report``."""
    platforms: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    for file in report.files:
        platforms.update(c.platform for c in file.citations)
        kinds.update(c.kind for c in file.citations)
        rules.update(f"{f.code} {f.name}" for f in file.findings)
        severities.update(str(f.severity) for f in file.findings)
    return Summary(
        files=len(report.files),
        failed=sum(1 for f in report.files if f.error is not None),
        with_citations=sum(1 for f in report.files if f.citations),
        citations=sum(platforms.values()),
        findings=sum(rules.values()),
        by_platform=_sorted(platforms),
        by_kind=_sorted(kinds),
        by_rule=_sorted(rules),
        by_severity=_sorted(severities),
    )
