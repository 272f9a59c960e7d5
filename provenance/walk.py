"""The folder walk every reader shares: files in name order, hidden and git-ignored ones left out.

``check``, ``audit`` (its sources and its progress count) and the Spark engine's driver walk
folders only through ``walk_files``, so they all read the same files. One folder is listed at a
time, so the walk never holds the whole tree.

**.gitignore.** Inside a git work tree (the walked folder, or a folder above it, holds ``.git``),
what git ignores is not read: ``node_modules/``, build output, caches. The rules are git's
(``gitignore(5)``): the ``.gitignore`` of every folder from the work tree's root down, each
applying to its own subtree with a deeper one winning, then the repository's ``info/exclude``; a
folder git ignores is not entered. Patterns are matched by ``pathspec`` (``GitIgnoreSpec``
implements git's wildmatch and the edge cases of git's own behaviour). A folder named on the
command line is walked even when git ignores it, with the ``.gitignore`` files found inside it,
and a repository nested in the walk (a submodule) starts over with its own rules, as git does.

Outside a git work tree a ``.gitignore`` is not read: to git it means nothing there, and an
archive copied from elsewhere is read whole. The user's global excludes (``core.excludesFile``)
are never read, so that a run gives the same result on every machine. ``gitignore=False``
(``--no-gitignore``, ``gitignore = false``) reads every file but the hidden ones.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

__all__ = ["walk_files"]

GIT = ".git"
GITIGNORE = ".gitignore"


@dataclass(frozen=True)
class _Level:
    """The rules of one ignore file, and where the folder being walked lies below the file's folder
    (``""`` in that folder itself, else ``"a/b/"``)."""

    spec: GitIgnoreSpec
    below: str

    def down(self, name: str) -> _Level:
        """The same rules, one folder further down."""
        return _Level(self.spec, f"{self.below}{name}/")


#: The rules in force in a folder, shallowest first; None outside any git work tree.
_Rules: TypeAlias = tuple[_Level, ...] | None


def _spec(path: str) -> GitIgnoreSpec | None:
    """The patterns of the ignore file ``path``; None when there is none (or it cannot be read)."""
    # Imported when an ignore file is read: a run that walks no work tree does not pay for it.
    from pathspec import GitIgnoreSpec  # noqa: PLC0415

    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            spec = GitIgnoreSpec.from_lines(handle.read().splitlines())
    except (OSError, ValueError):
        return None
    return spec if len(spec) else None


def _git_dir(root: str) -> str | None:
    """The repository folder (where ``info/exclude`` lives) of the work tree at ``root``: ``.git``
    itself, or what a ``.git`` file points to (a linked worktree's common folder, a submodule's)."""
    dot_git = os.path.join(root, GIT)
    if os.path.isdir(dot_git):
        return dot_git
    try:
        with open(dot_git, encoding="utf-8") as handle:
            pointer = handle.readline().strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not pointer.startswith("gitdir:"):
        return None
    git_dir = os.path.join(root, pointer.removeprefix("gitdir:").strip())
    try:
        with open(os.path.join(git_dir, "commondir"), encoding="utf-8") as handle:
            return os.path.join(git_dir, handle.readline().strip())
    except (OSError, UnicodeDecodeError):
        return git_dir


def _repository(root: str) -> tuple[_Level, ...]:
    """The rules a work tree starts with at its ``root``: its repository's ``info/exclude``."""
    git_dir = _git_dir(root)
    spec = _spec(os.path.join(git_dir, "info", "exclude")) if git_dir is not None else None
    return (_Level(spec, ""),) if spec is not None else ()


def _rules_above(top: str) -> _Rules:
    """The rules in force in the folder ``top`` from the folders above it: those of its work tree's
    root and of each folder from there down to ``top``'s parent; None outside a work tree. When
    git ignores ``top`` or a folder on the way to it, the rules above are dropped there: a folder
    named on the command line is read, with the rules found inside it."""
    folder = os.path.abspath(top)
    above: list[str] = []
    while not os.path.lexists(os.path.join(folder, GIT)):
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        above.append(os.path.basename(folder))
        folder = parent
    levels = _repository(folder)
    for name in reversed(above):
        if spec := _spec(os.path.join(folder, GITIGNORE)):
            levels = (*levels, _Level(spec, ""))
        levels = () if _ignored(levels, name, True) else tuple(level.down(name) for level in levels)
        folder = os.path.join(folder, name)
    return levels


def _ignores_folder(spec: GitIgnoreSpec, path: str) -> bool | None:
    """Whether the patterns of ``spec`` ignore the folder ``path`` (ending in ``/``); None when none
    matches it. The last pattern that matches decides, as git decides for a folder: pathspec's
    ``check_file`` answers for files (a file pattern outranks a folder pattern there, so that
    ``*`` then ``!*/`` still ignores a file), which is not the answer for the folder itself."""
    decided = None
    for pattern in spec.patterns:
        if pattern.include is not None and pattern.match_file(path) is not None:
            decided = pattern.include
    return decided


def _ignored(rules: _Rules, name: str, is_dir: bool) -> bool:
    """Whether ``rules`` ignore the entry ``name`` of the folder they are in force in."""
    for level in reversed(rules or ()):  # the deepest file that says anything decides
        path = f"{level.below}{name}"
        include = _ignores_folder(level.spec, f"{path}/") if is_dir else level.spec.check_file(path).include
        if include is not None:
            return include
    return False


def walk_files(top: str, gitignore: bool = True) -> Iterator[tuple[str, OSError | None]]:
    """Every file under the folder ``top``, as (path, None), and every folder that cannot be listed,
    as (folder, error). Hidden files and folders are skipped, and with ``gitignore`` what git
    ignores (see the module's docstring); names sort within each folder, a folder's files coming
    where its name sorts. A link to a folder is followed unless it leads back into a folder the
    walk is inside (a loop)."""
    rules = _rules_above(top) if gitignore else None
    yield from _walk(top, frozenset(), rules, gitignore, top=True)


def _walk(folder: str, inside: frozenset[tuple[int, int]], rules: _Rules, gitignore: bool,
          top: bool = False) -> Iterator[tuple[str, OSError | None]]:
    """``walk_files`` below ``folder``; ``inside`` holds the (device, inode) of the folders above it."""
    try:
        info = os.stat(folder)
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield folder, error
        return
    here = (info.st_dev, info.st_ino)
    if here in inside:
        return  # a link back to a folder being walked: its files are (or will be) reached once already
    inside = inside | {here}
    if gitignore:
        names = {entry.name for entry in entries}
        if GIT in names and not top:
            rules = _repository(folder)  # a nested repository: its own rules, not the outer ones
        if rules is not None and GITIGNORE in names and (spec := _spec(os.path.join(folder, GITIGNORE))):
            rules = (*rules, _Level(spec, ""))
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError as error:
            yield entry.path, error
            continue
        if rules and _ignored(rules, entry.name, is_dir):
            continue
        if is_dir:
            below = tuple(level.down(entry.name) for level in rules) if rules is not None else None
            yield from _walk(entry.path, inside, below, gitignore)
        elif is_file:
            yield entry.path, None
