"""SARIF 2.1.0: the static-analysis interchange format that GitHub code scanning and IDEs read.

One run whose driver lists every rule (id, name, the rule's docstring as short and full
description and help, its default level), one result per finding with its location, and a
``partialFingerprints`` entry (``provenance/v1``) that follows the finding's file, rule and post
rather than its line, so that code scanning keeps an alert open across edits around an embed.
Inputs that could not be read are tool execution notifications of the invocation.

Severities map to levels: error → ``error``, warning → ``warning``, info → ``note``.
Locations are relative URIs against ``%SRCROOT%`` (the folder the command ran in), or ``file:``
URIs for absolute paths; columns count Unicode code points. Written log-safe, as every JSON
format is (``provenance.logsafe``).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from provenance.formats.fingerprint import FINGERPRINT_VERSION, fingerprinted
from provenance.logsafe import log_safe
from provenance.model import Finding, Report, Severity
from provenance.rules import RULES, Rule
from provenance.rules.explain import anchor, explain, markdown
from provenance.version import version

__all__ = ["MAX_RESULTS", "SARIF_SCHEMA", "SARIF_VERSION", "artifact_location", "render", "rule_descriptor", "too_many"]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = f"provenance/v{FINGERPRINT_VERSION}"
SOURCE_ROOT = "%SRCROOT%"
#: GitHub code scanning rejects a run with more results than this (its documented SARIF upload
#: limits); the most severe are kept and a notification says how many were left out.
MAX_RESULTS = 25_000


def _paragraphs(doc: str) -> list[str]:
    return [" ".join(block.split()) for block in doc.split("\n\n") if block.strip()]


def rule_descriptor(rule: Rule, rules_url: str | None = None) -> dict[str, Any]:
    """A rule's metadata as a SARIF reportingDescriptor; ``rules_url`` is where docs/rules.md is published."""
    paragraphs = _paragraphs(rule.doc)
    summary = paragraphs[0].split(": ", 1)[-1] if paragraphs else rule.name
    summary = summary[:1].upper() + summary[1:]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": paragraphs[1] if len(paragraphs) > 1 else summary},
        "help": {"text": explain(rule), "markdown": markdown(rule, level=3)},
        **({"helpUri": f"{rules_url}#{anchor(rule)}"} if rules_url else {}),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["provenance", str(rule.severity)]},
    }


def region(finding: Finding) -> dict[str, int]:
    """Where the finding stands: its start, and the end of the text it is about where known (exclusive)."""
    where = {"startLine": finding.line, "startColumn": finding.column}
    if finding.end_line is not None and finding.end_column is not None:
        where.update(endLine=finding.end_line, endColumn=finding.end_column)
    return where


def too_many(left_out: int) -> str:
    """The warning for a report over :data:`MAX_RESULTS` findings."""
    return (f"{left_out} finding(s) left out of the SARIF report: GitHub code scanning accepts at most "
            f"{MAX_RESULTS:,} results in a run; the most severe were kept (use --format json for all)")


def artifact_location(source: str) -> dict[str, str]:
    """Where a file is: a relative URI against the source root, or a ``file:`` URI."""
    path = Path(source)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": quote(PurePosixPath(*path.parts).as_posix()), "uriBaseId": SOURCE_ROOT}


def render(report: Report, *, rules_url: str | None = None) -> str:
    """The report as one SARIF 2.1.0 log, at most :data:`MAX_RESULTS` results, the most severe first kept."""
    rules = list(RULES.values())
    index = {rule.code: number for number, rule in enumerate(rules)}
    findings = list(fingerprinted(report))
    left_out = max(0, len(findings) - MAX_RESULTS)
    if left_out:
        kept = sorted(range(len(findings)), key=lambda number: (-findings[number][1].severity, number))[:MAX_RESULTS]
        findings = [findings[number] for number in sorted(kept)]
    results = [
        {
            "ruleId": finding.code,
            **({"ruleIndex": index[finding.code]} if finding.code in index else {}),
            "kind": "fail",
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": artifact_location(file.source),
                    "region": region(finding),
                }
            }],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        }
        for file, finding, fingerprint in findings
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{file.source}: {file.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(file.source)}}],
        }
        for file in report.files
        if file.error is not None
    ]
    if left_out:
        notifications.append({"level": "warning", "message": {"text": too_many(left_out)}})
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {
                "driver": {
                    "name": "provenance",
                    "version": version(),
                    "semanticVersion": version(),
                    "rules": [rule_descriptor(rule, rules_url) for rule in rules],
                }
            },
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return log_safe(json.dumps(log, ensure_ascii=False, indent=2), "json") + "\n"
