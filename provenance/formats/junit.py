"""JUnit XML: one test case per input file, a ``<failure>`` per failing finding, an ``<error>`` per unreadable input.

The report CI servers (GitLab, Jenkins, Azure Pipelines) show as test results. A finding is a
failure only when its severity reaches ``--fail-on``, as it does for the exit code, so the test
view turns red exactly when the job fails; the other findings are listed in the test case's
``<system-out>``. A failure's ``type`` is the rule code and its text the finding as the text
format prints it. Every value is log-safe (``provenance.logsafe``), since CI servers print these
reports: control characters, which XML 1.0 cannot carry either, are shown as escapes (``\x01``),
and the other characters it cannot carry (lone surrogates, U+FFFE, U+FFFF) are dropped. ``<``,
``&`` and ``>`` are escaped by the XML writer.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from provenance.logsafe import log_safe
from provenance.model import Report, Severity

__all__ = ["render"]

# Control characters other than tab, LF and CR, lone surrogates and U+FFFE/U+FFFF are not XML 1.0.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """One line of text XML 1.0 can carry: control characters shown as escapes, the rest it cannot hold dropped."""
    return _NOT_XML.sub("", log_safe(text))


def _fails(severity: Severity, fail_on: str) -> bool:
    return fail_on != "never" and severity >= Severity.parse(fail_on)


def render(report: Report, *, fail_on: str = "error") -> str:
    """The report as a JUnit XML document with one test suite; findings reaching ``fail_on`` fail."""
    failures = sum(1 for file in report.files
                   if file.error is None and any(_fails(finding.severity, fail_on) for finding in file.findings))
    errors = sum(1 for file in report.files if file.error is not None)
    counts = {"tests": str(len(report.files)), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", {"name": "provenance", **counts, "time": "0"})
    suite = ET.SubElement(root, "testsuite", {"name": "provenance", **counts, "skipped": "0", "time": "0"})
    for file in report.files:
        source = _clean(file.source)
        case = ET.SubElement(suite, "testcase", {"classname": "provenance", "name": source, "file": source,
                                                 "time": "0"})
        if file.error is not None:
            ET.SubElement(case, "error", {"type": "unreadable", "message": _clean(file.error)}).text = _clean(
                f"{file.source}: {file.error}")
        passing: list[str] = []
        for finding in sorted(file.findings, key=lambda f: f.sort_key()):
            line = (f"{file.source}:{finding.line}:{finding.column}: {finding.severity} {finding.code} "
                    f"{finding.name}: {finding.message}")
            if not _fails(finding.severity, fail_on):
                passing.append(line)
                continue
            failure = ET.SubElement(case, "failure", {
                "type": finding.code,
                "message": _clean(f"{finding.code} {finding.name} ({finding.severity}): {finding.message}"),
            })
            failure.text = _clean(line)
        if passing:
            ET.SubElement(case, "system-out").text = "\n".join(map(_clean, passing))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
