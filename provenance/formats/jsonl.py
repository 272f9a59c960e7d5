"""JSON Lines: one JSON object per input file per line, as ``--format json`` describes each file.

Each line is ``provenance.formats.json_format.file_dict`` of one file, so a stream of files (an
audit of a large archive) can be written and read one line at a time. Characters that some
line splitters take for line breaks (U+2028, U+2029, U+0085), and whatever else a CI log would
act on, are written as JSON escapes (``provenance.logsafe``).
"""

from __future__ import annotations

import json

from provenance.formats.json_format import file_dict
from provenance.logsafe import log_safe
from provenance.model import FileReport, Report

__all__ = ["render", "render_file"]

def render_file(file: FileReport) -> str:
    """One file's report as one line of JSON, ending with a newline."""
    # json.dumps escapes C0 controls; log_safe the rest, among them U+2028, U+2029 and U+0085,
    # which Python's str.splitlines() and JavaScript engines before ES2019 take for line ends.
    return log_safe(json.dumps(file_dict(file), ensure_ascii=False, separators=(",", ":")), "json") + "\n"


def render(report: Report) -> str:
    """Every file of the report, one line each, in input order."""
    return "".join(render_file(file) for file in report.files)
