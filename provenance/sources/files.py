"""Local files as inputs: the files named, and the article files inside the folders named.

Folders are walked by :func:`provenance.walk.walk_files` (hidden entries and, inside a git work
tree, what git ignores are skipped); the configuration's ``include`` and ``exclude`` patterns
(``Options.reads``) leave files out, also when named. ``check`` reads its inputs here;
``audit`` (:mod:`provenance.sources.inputs`) walks folders with the same test of a name.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from provenance.sources.item import Item
from provenance.walk import walk_files

if TYPE_CHECKING:
    from provenance.options import Options

__all__ = ["ARTICLE_SUFFIXES", "file_items", "is_article_name", "iter_inputs", "iter_paths"]

#: Files a folder walk reads; other files in a folder are not articles.
ARTICLE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".md", ".markdown", ".mdx", ".txt", ".text"})


def is_article_name(path: str) -> bool:
    """Whether a file found in a folder walk is an article, by its name's suffix."""
    return os.path.splitext(path)[1].lower() in ARTICLE_SUFFIXES


def iter_inputs(paths: Iterable[str | Path], options: Options | None = None) -> Iterator[tuple[Path, OSError | None]]:
    """``iter_paths``, with the folders that cannot be listed: (path, None) for each file to read,
    (folder, error) for each folder that cannot be. Folders are walked by ``walk_files``, git's
    ignore rules honoured unless ``options`` says otherwise."""
    gitignore = options is None or options.gitignore
    for raw in paths:
        path = Path(raw)
        try:
            is_dir = path.is_dir()
        except OSError:  # a name too long, say: check_path reports it, in its place
            is_dir = False
        if is_dir:
            for found, error in walk_files(str(path), gitignore):
                if error is not None:
                    yield Path(found), error
                elif is_article_name(found) and (options is None or options.reads(found)):
                    yield Path(found), None
        elif options is None or options.reads(path):
            yield path, None  # a missing file is reported by check_path, in its place


def iter_paths(paths: Iterable[str | Path], options: Options | None = None) -> Iterator[Path]:
    """The files named, and the article files inside the folders named (hidden and git-ignored
    files left out), sorted within each folder.

    With ``options``, files that its ``include`` and ``exclude`` patterns leave out are skipped,
    also when named: pre-commit and editors pass files one by one. Folders that cannot be listed
    are left out (``iter_inputs`` yields them).
    """
    for path, error in iter_inputs(paths, options):
        if error is None:
            yield path


def file_items(paths: Iterable[str | Path], options: Options | None = None) -> Iterator[Item]:
    """``iter_inputs`` as Items: a file to read, or a folder that cannot be listed, failed."""
    for path, error in iter_inputs(paths, options):
        name = str(path)
        if error is None:
            yield Item(key=name, source=name, path=name)
        else:
            yield Item(key=name, source=name, error=f"cannot read: {error.strerror or error}")
