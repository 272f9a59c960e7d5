"""Check one article: Document → Fragments → Citations → Findings → FileReport."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from provenance.baseline import Baseline, Entry, finding_post
from provenance.cite import cite
from provenance.extract import extract
from provenance.model import Document, FileReport, Finding, Severity
from provenance.online import settings_of, verify_online
from provenance.options import Options
from provenance.rules import RULES, Context, Problem, Rule
from provenance.rules.base import AFTER_SUPPRESSION, FINDINGS
from provenance.stages import needed
from provenance.suppress import apply_suppressions, read_suppressions

__all__ = ["apply_baseline", "check_document"]

logger = logging.getLogger(__name__)


def _severity(rule: Rule, problem: Problem, options: Options) -> Severity:
    """The configured severity (else the rule's), lowered to the problem's own when the rule marks
    it milder than its default: weaker evidence (an article date that is not certain, a post
    added in a stated update) never makes an error, whatever the configured severity."""
    severity = options.severity(rule) or problem.severity or rule.severity
    if problem.severity is not None and problem.severity < rule.severity:
        return min(severity, problem.severity)
    return severity


def _end(context: Context, problem: Problem) -> dict[str, int | None]:
    """Where the text a finding is about ends: its citation's end, when the finding stands at its start."""
    if problem.citation is None:
        return {}
    citation = context.citations[problem.citation]
    if (citation.line, citation.column) != (problem.line, problem.column) or citation.end_line is None:
        return {}
    return {"end_line": citation.end_line, "end_column": citation.end_column}


def _findings(rule: Rule, context: Context, options: Options, indexes: tuple[int, ...]) -> Iterator[Finding]:
    """What one rule reports, as findings at the configured severity; ``indexes`` maps the
    citations the rule saw to the file's citations."""
    for problem in rule.check(replace(context, options=options.options_for(rule))):
        yield Finding(
            code=rule.code,
            name=rule.name,
            severity=_severity(rule, problem, options),
            message=problem.message,
            line=problem.line,
            column=problem.column,
            citation=indexes[problem.citation] if problem.citation is not None else None,
            args=tuple((key, str(value)) for key, value in problem.args.items()),
            **_end(context, problem),
        )


def check_document(document: Document, options: Options | None = None, path: str | Path | None = None) -> FileReport:
    """Find, cite and check every post in one loaded article; its suppressions are applied, and
    when it was read from the file at ``path``, the configuration's per-file ignores."""
    options = options or Options()
    if document.lang is None and options.lang:
        document = replace(document, lang=options.lang)  # the configured language fills a gap only
    published = options.published or document.published
    day = published.day if published is not None else None
    rules = options.rules(path)  # a rule a per-file ignore skips is judged by PV900 as a deselected one
    extraction = extract(document, day, needed(rules))  # the optional stages run when a selected rule reads them
    prose_dates = extraction.dates_in_text  # empty unless a post is cited without a link
    citations = tuple(cite(extraction.fragments, day, document.lang, prose_dates))
    citations = verify_online(citations, options)  # only with --online: the platforms and archives, asked
    # Posts in the page's furniture (a sidebar's feed, the comments) are reported, not checked.
    indexes = tuple(i for i, c in enumerate(citations) if c.in_article or options.include_furniture)
    context = Context(
        document=document,
        citations=tuple(citations[i] for i in indexes),
        published=published,
        modified=document.modified if options.published is None else None,
        zone=options.zone,
        now=options.now or datetime.now(UTC),
    )
    first = [rule for rule in rules if rule.phase == FINDINGS]
    findings = [finding for rule in first for finding in _findings(rule, context, options, indexes)]
    suppressions = read_suppressions(document)
    findings, applied = apply_suppressions(findings, suppressions, citations)
    late = [rule for rule in rules if rule.phase == AFTER_SUPPRESSION]
    if late:  # they judge the suppressions, as the first phase's findings left them
        unavailable = frozenset() if settings_of(options) else frozenset(c for c, r in RULES.items() if r.online)
        skipped = (frozenset(RULES) - {rule.code for rule in rules}) | unavailable
        judged = replace(context, suppressions=tuple(applied), skipped=skipped, unavailable=unavailable)
        for rule in late:
            # Only a suppression that names the rule silences it: a bare one would silence its own
            # report. Every enable stays, to end the ranges of the disables that name it.
            explicit = [s for s in applied if s.directive == "enable" or (s.codes is not None and rule.code in s.codes)]
            late_findings, _ = apply_suppressions(_findings(rule, judged, options, indexes), explicit, citations)
            findings += late_findings
    findings.sort(key=Finding.sort_key)
    logger.info("%s: %d citation(s), %d in the article; %d finding(s)", document.source, len(citations),
                len(indexes), len(findings))
    return FileReport(
        source=document.source,
        kind=document.kind,
        lang=document.lang,
        published=published,
        modified=document.modified,
        citations=citations,
        findings=tuple(findings),
        dates_in_text=prose_dates,
    )


def apply_baseline(file: FileReport, baseline: Baseline) -> tuple[FileReport, list[Entry]]:
    """The report without the findings ``baseline`` accepts, and the file's entries left unmatched (stale)."""
    if file.error is not None:
        return file, []  # an unreadable input proves no entry stale
    remaining = {key: entry.count for key, entry in baseline.for_source(file.source).items()}
    kept = []
    for finding in file.findings:
        key = (finding.code, finding_post(file, finding))
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
        else:
            kept.append(finding)
    entries = baseline.for_source(file.source)
    stale = [replace(entries[key], count=left) for key, left in remaining.items() if left > 0]
    return replace(file, findings=tuple(kept)), stale
