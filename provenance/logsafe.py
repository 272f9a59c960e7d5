"""Text bound for a CI log or a terminal: nothing from an article can act on what reads it.

A CI log is read by a program before a person. The GitHub Actions runner runs a line that starts
with ``::`` (after blanks) as a workflow command, and a ``##[`` anywhere in a line as a legacy one
(actions/runner, ``ActionCommand.TryParseV2`` and ``TryParse``); Azure Pipelines runs ``##vso[``;
terminals and log viewers act on ANSI escape sequences, and a CR or LF starts a new line. File
names, handles, post text and messages come from articles that a pull request may add, so every
writer that can print to a log passes them through ``log_safe``, naming the part it fills:

- ``"line"``: a plain line, or the text that starts one. Control characters (C0 but tab, DEL,
  C1, U+2028, U+2029) are written as visible escapes (``\\n``, ``\\r``, ``\\x1b``, ``\\u2028``), so
  no text starts a line of its own and no escape sequence reaches a screen; the ``[`` of
  ``##[`` and ``##vso[`` is written ``\\x5b``; and a line that would start with ``::`` gets
  ``./`` before it (a relative path stays the same path).
- ``"text"``: the same for text within a line, which nothing is put before.
- ``"data"``, ``"property"``: a workflow command's message and the value of one of its
  properties, escaped as the runner unescapes them (``%``, CR and LF; in a property also ``:``
  and ``,``); other control characters as in ``"text"``.
- ``"json"``: a whole serialized JSON document (``json.dumps`` has escaped C0 already): DEL, C1,
  U+2028, U+2029 and the ``[`` of ``##[`` become ``\\uXXXX`` escapes, which any JSON reader reads
  back as the same characters, so JSON output loses nothing.
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["Part", "log_safe"]

Part = Literal["line", "text", "data", "property", "json"]

#: Characters a log or a terminal acts on: C0 controls but tab, DEL, C1 controls, and the
#: Unicode line and paragraph separators (line ends to some readers).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
#: What json.dumps leaves raw of those (it escapes C0 itself).
_JSON_CONTROL = re.compile("[\x7f-\x9f\u2028\u2029]")
#: Legacy commands, read anywhere in a line: GitHub's ``##[name]``, Azure's ``##vso[name]``.
_LEGACY_COMMAND = re.compile(r"(##(?:vso)?)\[", re.IGNORECASE)
#: A workflow command: ``::`` after any blanks (the runner trims the line's start first).
_COMMAND_START = re.compile("[\\s\ufeff\u200b]*::")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _visible(match: re.Match[str]) -> str:
    char = match[0]
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def log_safe(text: str, part: Part = "line") -> str:
    """``text`` made safe to write as ``part`` of a log (see the module's docstring)."""
    if part == "json":
        text = _JSON_CONTROL.sub(lambda match: f"\\u{ord(match[0]):04x}", text)
        return _LEGACY_COMMAND.sub(r"\1\\u005b", text)
    if part in ("data", "property"):
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        if part == "property":
            text = text.replace(":", "%3A").replace(",", "%2C")
        return _CONTROL.sub(_visible, text)
    text = _LEGACY_COMMAND.sub(r"\1\\x5b", _CONTROL.sub(_visible, text))
    if part == "line" and _COMMAND_START.match(text):
        return "./" + text
    return text
