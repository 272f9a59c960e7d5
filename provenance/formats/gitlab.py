"""GitLab Code Quality: the JSON report a merge request widget shows (``artifacts:reports:codequality``).

A list of issues, each with ``description``, ``check_name`` (the rule code), ``fingerprint``
(stable across edits around the embed, see ``provenance.formats.fingerprint``), ``severity`` and
``location`` (``path`` and ``lines.begin``). Severities map: error → ``major``, warning →
``minor``, info → ``info``. Written log-safe, as every JSON format is (``provenance.logsafe``).
GitLab matches ``path`` against the repository's files, so a path given absolute is written
relative to the folder the command ran in (the job's checkout).
"""

from __future__ import annotations

import json
from pathlib import Path

from provenance.formats.fingerprint import fingerprinted
from provenance.globs import relative_path
from provenance.logsafe import log_safe
from provenance.model import Report, Severity

__all__ = ["SEVERITIES", "render"]

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report) -> str:
    """The findings as a GitLab Code Quality report."""
    issues = [
        {
            "type": "issue",
            "description": f"{finding.code} {finding.name}: {finding.message}",
            "check_name": finding.code,
            "categories": ["Bug Risk"],
            "fingerprint": fingerprint,
            "severity": SEVERITIES[finding.severity],
            "location": {"path": relative_path(file.source, Path.cwd() if Path(file.source).is_absolute() else None),
                         "lines": {"begin": finding.line, **({"end": finding.end_line} if finding.end_line else {})}},
        }
        for file, finding, fingerprint in fingerprinted(report)
    ]
    return log_safe(json.dumps(issues, ensure_ascii=False, indent=2), "json") + "\n"
