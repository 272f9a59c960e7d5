"""Report → text, chosen by name. Each format is a pure function of the report."""

from __future__ import annotations

from collections.abc import Callable

from provenance.formats import csv_format, github, gitlab, json_format, jsonl, junit, line, markdown, sarif, text
from provenance.model import Report

__all__ = ["FORMATS", "render"]

FORMATS: dict[str, Callable[[Report], str]] = {
    "text": text.render,
    "json": json_format.render,
    "csv": csv_format.render,
    "line": line.render,
    "github": github.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "jsonl": jsonl.render,
    "gitlab": gitlab.render,
    "markdown": markdown.render,
}


def render(
    report: Report, name: str, *, color: bool = False, quiet: bool = False, fail_on: str = "error",
    rules_url: str | None = None,
) -> str:
    """The report in format ``name``: the text format takes colours and can leave out its summary,
    JUnit fails the findings that reach ``fail_on``, SARIF links each rule to ``rules_url``."""
    if name == "text":
        return text.render(report, color=color, summary=not quiet)
    if name == "junit":
        return junit.render(report, fail_on=fail_on)
    if name == "sarif":
        return sarif.render(report, rules_url=rules_url)
    return FORMATS[name](report)
