"""Path patterns for ``include`` and ``exclude``: which article files a run reads.

A pattern uses ``/`` between folders and is relative to the configuration file's folder:

- ``*`` matches any run of characters within one folder or file name, ``?`` one character,
  ``[abc]`` one of a set (``[!abc]`` one not in it), and ``**`` any number of whole folders;
- a pattern with no ``/`` (``*.txt``, ``drafts``) matches a file name or any folder name on the
  path, as in ``.gitignore``;
- a pattern matches a file when it matches the file's path or one of the folders that hold it,
  so ``content/archive`` covers everything below that folder.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

__all__ = ["matches", "relative_path"]


def _segment(pattern: str) -> str:
    """The regular expression of one path segment's pattern."""
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and (end := pattern.find("]", index + 2)) != -1:
            body = pattern[index + 1 : end]
            negate = body.startswith("!")
            body = re.sub(r"([\\^])", r"\\\1", body[1:] if negate else body)
            out.append(f"[{'^' if negate else ''}{body}]")
            index = end
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


@functools.lru_cache(maxsize=256)
def _compile(pattern: str) -> tuple[re.Pattern[str], bool]:
    """The pattern as a regular expression, and whether it is anchored (has a ``/``)."""
    text = pattern.strip().strip("/") if pattern.strip() != "/" else ""
    anchored = "/" in text
    parts = []
    for segment in text.split("/"):
        # ``**`` stands for zero or more whole folders, so it swallows the separator after it.
        parts.append("(?:[^/]+/)*" if segment == "**" else _segment(segment) + "/")
    body = "".join(parts)
    body = body.removesuffix("/")
    if body.endswith("(?:[^/]+/)*"):
        body = body.removesuffix("(?:[^/]+/)*") + ".*"
    return re.compile(f"(?s:{body})"), anchored


def relative_path(path: str | Path, root: Path | None) -> str:
    """``path`` relative to ``root`` with ``/`` separators; as given when it lies outside ``root``."""
    given = Path(path)
    if root is not None:
        try:
            return PurePosixPath(given.resolve().relative_to(root.resolve())).as_posix()
        except ValueError:
            pass
    return PurePosixPath(os.path.normpath(given).replace(os.sep, "/")).as_posix()


def matches(path: str, patterns: Iterable[str]) -> bool:
    """Whether the relative ``path`` (``/``-separated) matches any of ``patterns``."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        regex, anchored = _compile(pattern)
        candidates = prefixes if anchored else parts
        if any(regex.fullmatch(candidate) for candidate in candidates):
            return True
    return False
