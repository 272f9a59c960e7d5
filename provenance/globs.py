"""Path patterns for ``include`` and ``exclude``: which article files a run reads.

A pattern uses ``/`` between folders and is relative to the configuration file's folder:

- ``*`` matches any run of characters within one folder or file name, ``?`` one character,
  ``[abc]`` one of a set (``[!abc]`` one not in it), and ``**`` any number of whole folders;
- a pattern with no ``/`` (``*.txt``, ``drafts``) matches a file name or any folder name on the
  path, as in ``.gitignore``; one with a ``/`` anywhere but at its end (``/drafts``,
  ``content/drafts``) is anchored at the configuration file's folder;
- a pattern matches a file when it matches the file's path or one of the folders that hold it,
  so ``content/archive`` covers everything below that folder.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from provenance import caches

__all__ = ["matches", "rebase", "relative_path"]


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


@caches.register
@functools.lru_cache(maxsize=256)
def _compile(pattern: str) -> tuple[re.Pattern[str], bool]:
    """The pattern as a regular expression, and whether it is anchored (has a ``/``)."""
    text = pattern.strip().strip("/") if pattern.strip() != "/" else ""
    anchored = "/" in pattern.strip().rstrip("/")  # a leading "/" anchors, a trailing one does not
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


def _escape(text: str) -> str:
    """``text`` as a pattern that matches it literally."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def _descend(segments: list[str], down: tuple[str, ...]) -> Iterator[str]:
    """Patterns relative to a folder ``down`` below the pattern's folder, for files below it."""
    if not segments:
        yield "**"  # the pattern names ``down`` or a folder that holds it: every file below
    elif not down:
        yield "/" + "/".join(segments)  # the leading "/" keeps a one-folder rest anchored
    elif segments[0] == "**":
        yield from _descend(segments[1:], down)  # zero folders
        yield from _descend(segments, down[1:])  # one more, and maybe others below
    elif re.fullmatch(_segment(segments[0]), down[0]):
        yield from _descend(segments[1:], down[1:])


def rebase(pattern: str, folder: Path, root: Path) -> tuple[str, ...]:
    """``pattern``, written relative to ``folder``, as patterns relative to ``root`` that match the
    same files below ``root`` (none, if it can match none there). A pattern without ``/`` matches a
    name anywhere, so it stays as it is."""
    text = pattern.strip().strip("/")
    if "/" not in pattern.strip().rstrip("/") or folder == root:
        return (pattern,)
    try:
        down = root.relative_to(folder).parts
    except ValueError:  # ``folder`` lies below or beside ``root``: the way from ``root`` to it
        return (f"{_escape(os.path.relpath(folder, root).replace(os.sep, '/'))}/{text}",)
    return tuple(dict.fromkeys(_descend(text.split("/"), down)))
