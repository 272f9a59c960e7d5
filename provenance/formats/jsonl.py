"""JSON Lines: one JSON object per input file per line, as ``--format json`` describes each file.

Each line is ``provenance.formats.json_format.file_dict`` of one file, so a stream of files (an
audit of a large archive) can be written and read one line at a time. Characters that some
line splitters take for line breaks (U+2028, U+2029, U+0085) are escaped.
"""

from __future__ import annotations

import json

from provenance.formats.json_format import file_dict
from provenance.model import FileReport, Report

__all__ = ["render", "render_file"]

# ``json.dumps`` escapes control characters, but not these; Python's str.splitlines() and
# JavaScript engines before ES2019 treat them as line ends.
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def render_file(file: FileReport) -> str:
    """One file's report as one line of JSON, ending with a newline."""
    text = json.dumps(file_dict(file), ensure_ascii=False, separators=(",", ":"))
    for char, escape in _LINE_BREAKS.items():
        text = text.replace(char, escape)
    return text + "\n"


def render(report: Report) -> str:
    """Every file of the report, one line each, in input order."""
    return "".join(render_file(file) for file in report.files)
