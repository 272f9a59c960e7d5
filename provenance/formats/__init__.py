"""Report → text, chosen by name. Each format is a pure function of the report."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from provenance.model import Report

__all__ = ["FORMATS", "render"]

#: Format name → the module that writes it. A run writes one format, so each module is imported
#: when its format is first written: importing them all took a short check's start-up 10 ms.
_MODULES = {
    "text": "text",
    "json": "json_format",
    "csv": "csv_format",
    "line": "line",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
    "jsonl": "jsonl",
    "gitlab": "gitlab",
}


def _renderer(module: str) -> Callable[[Report], str]:
    def render(report: Report) -> str:
        rendered: str = import_module(f"provenance.formats.{module}").render(report)
        return rendered

    return render


FORMATS: dict[str, Callable[[Report], str]] = {name: _renderer(module) for name, module in _MODULES.items()}


def render(report: Report, name: str, *, color: bool = False, quiet: bool = False) -> str:
    """The report in format ``name``; the text format takes colours and can leave out its summary."""
    if name == "text":
        from provenance.formats import text  # noqa: PLC0415 - see _MODULES

        return text.render(report, color=color, summary=not quiet)
    return FORMATS[name](report)
