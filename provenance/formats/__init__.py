"""Report → text, chosen by name. Each format is a pure function of the report."""

from __future__ import annotations

from collections.abc import Callable

from provenance.formats import json_format, text
from provenance.model import Report

__all__ = ["FORMATS", "render"]

FORMATS: dict[str, Callable[[Report], str]] = {
    "text": text.render,
    "json": json_format.render,
}


def render(report: Report, name: str) -> str:
    """The report in format ``name``."""
    return FORMATS[name](report)
