"""The inputs of an audit, resolved lazily into Items: one per article to check, and the pages fetched.

An input is, in this order of tests:

- ``-``: a list on standard input, one path or URL a line (blank lines and ``#`` comments are
  skipped); ``--from-file LIST`` is the same list read from a file;
- an ``http``/``https`` URL: a sitemap when its path ends in ``.xml`` or ``.xml.gz``, else a page;
  any other scheme is a per-input error;
- a folder: walked recursively in name order by ``provenance.walk`` (hidden entries and, in a git
  work tree, what git ignores are skipped), for article files
  (``.html .htm .xhtml .md .markdown .mdx .txt .text``) and WARC files;
- a file: a WARC when named ``.warc`` or ``.warc.gz``, a sitemap when named ``.xml`` or
  ``.xml.gz``, else an article;
- a glob (``*``, ``?``, ``[…]``, ``**``) when no file has that very name: its matches, sorted.

Everything is streamed: a folder is walked one directory at a time, a list is read line by
line, a sitemap is parsed incrementally and a WARC record by record, so the inputs of an audit
never sit in memory. Nothing is fetched unless an input is a URL (or a sitemap lists URLs);
``fetch_item`` turns a URL Item into bytes in hand, and every engine calls it.
"""

from __future__ import annotations

import dataclasses
import glob
import io
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO
from urllib.parse import urlsplit

from provenance.fetch import Fetcher, FetchError, is_url
from provenance.model import one_line
from provenance.sources.files import is_article_name
from provenance.sources.item import ARTICLE_TYPES, HTML_TYPES, Item
from provenance.sources.sitemap import SITEMAP_MAX_BYTES, SitemapError, read_sitemap
from provenance.sources.warc import is_warc_name, iter_warc
from provenance.walk import walk_files

__all__ = [
    "ACCEPT_ARTICLE",
    "ARTICLE_TYPES",
    "HTML_TYPES",
    "MAX_SITEMAP_DEPTH",
    "Item",
    "Sources",
    "count_inputs",
    "fetch_item",
    "glob_matches",
    "is_sitemap_name",
    "list_entry",
]

#: Sitemap indexes may not nest by the protocol; real sites nest one more level at most.
#: Deeper chains are loops or traps.
MAX_SITEMAP_DEPTH = 3
_SITEMAP_SUFFIXES = (".xml", ".xml.gz")
_SITEMAP_ACCEPT = "application/xml, text/xml;q=0.9, */*;q=0.1"
_GLOB_MAGIC = frozenset("*?[")
#: What a page request asks for: HTML first, text that may be an article after.
ACCEPT_ARTICLE = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5, text/markdown;q=0.5"


def is_sitemap_name(name: str) -> bool:
    """Whether a file name or URL path says sitemap (``.xml`` or ``.xml.gz``)."""
    path = urlsplit(name).path if is_url(name) else name
    return path.lower().endswith(_SITEMAP_SUFFIXES)


def glob_matches(raw: str) -> list[str] | None:
    """The paths the glob ``raw`` matches, sorted (``**`` crossing folders); None when ``raw`` is
    no glob: it holds none of ``*?[``, or a file has that very name. Every engine and the
    progress count tell globs apart this one way, so they all see the same inputs."""
    if os.path.exists(raw) or not _GLOB_MAGIC.intersection(raw):
        return None
    return sorted(glob.glob(raw, recursive=True))


def list_entry(line: str) -> str | None:
    """The path or URL a line of an input list names; None for a blank line or a ``#`` comment."""
    line = line.strip()
    return None if not line or line.startswith("#") else line


class Sources:
    """Turns inputs into Items; ``fetcher`` is used only for sitemap URLs."""

    def __init__(
        self, fetcher: Fetcher, *, max_bytes: int, stdin: IO[str] | None = None,
        reads: Callable[[str], bool] | None = None, gitignore: bool = True,
    ) -> None:
        self.fetcher = fetcher
        self.max_bytes = max_bytes
        self.stdin = stdin
        #: Whether folder walks leave out what git ignores.
        self.gitignore = gitignore
        #: Whether the configuration's include and exclude patterns let a local file be read.
        self.reads = reads or (lambda path: True)
        #: Items given so far, globs that matched no file (each one error Item among them), and
        #: local files that ``reads`` left out: with none but the globs, the inputs held nothing.
        self.given = self.unmatched = self.left_out = 0

    @property
    def found_nothing(self) -> bool:
        """Whether the inputs read so far held no article: no Item but the errors of globs that
        matched nothing, and no file that the configuration left out."""
        return self.given == self.unmatched and not self.left_out

    def items(self, inputs: Iterable[str], lists: Iterable[str] = ()) -> Iterator[Item]:
        """The Items of every input and of every list file (``-``: standard input), in order."""
        for item in self._items(inputs, lists):
            self.given += 1
            yield item

    def _items(self, inputs: Iterable[str], lists: Iterable[str]) -> Iterator[Item]:
        for raw in inputs:
            if raw == "-":
                yield from self._list("-")
            else:
                yield from _guarded(raw, self.resolve(raw))
        for name in lists:
            yield from self._list(name)

    def _list(self, name: str) -> Iterator[Item]:
        if name == "-":
            stream: IO[str] = self.stdin if self.stdin is not None else io.StringIO()
            yield from self._lines(stream, "standard input")
            return
        try:
            with open(name, encoding="utf-8", errors="surrogateescape") as handle:
                yield from self._lines(handle, name)
        except OSError as error:
            problem = f"cannot read the list: {error.strerror or error}"
            yield Item(key=f"list:{name}", source=name, error=problem)

    def _lines(self, stream: IO[str], where: str) -> Iterator[Item]:
        for line in stream:
            if "\x00" in line:  # no path or URL holds a NUL: this is no list of them
                yield Item(key=f"list:{where}:binary", source=where,
                           error="not a list of paths or URLs (it holds NUL bytes); the rest is not read")
                return
            entry = list_entry(line)
            if entry == "-":
                yield Item(key=f"list:{where}:-", source="-", error=f"a list in {where} cannot name standard input")
            elif entry is not None:
                yield from _guarded(entry, self.resolve(entry))

    def resolve(self, raw: str) -> Iterator[Item]:
        """The Items of one input that is not a list."""
        if is_url(raw):
            if is_sitemap_name(raw):
                yield from self._sitemap_url(raw, 0, set())
            else:
                yield Item(key=raw, source=raw, url=raw)
            return
        scheme = urlsplit(raw).scheme
        if "://" in raw and scheme.isalpha() and len(scheme) > 1:
            yield Item(key=raw, source=raw, error=f"unsupported URL scheme {scheme!r} (only http and https)")
            return
        if os.path.isdir(raw):
            yield from self._walk(raw)
        elif (matches := glob_matches(raw)) is None:
            yield from self._file(raw)  # a missing file is reported by the check, in its place
        else:
            if not matches:
                self.unmatched += 1
                yield Item(key=raw, source=raw, error="no file matches")
            for match in matches:
                yield from (self._walk(match) if os.path.isdir(match) else self._file(match))

    def _file(self, path: str) -> Iterator[Item]:
        if not self.reads(path):
            self.left_out += 1
            return
        if is_warc_name(path):
            yield from iter_warc(path, self.max_bytes)
        elif is_sitemap_name(path):
            yield from self._sitemap_file(path)
        else:
            yield Item(key=path, source=path, path=path)

    def _walk(self, top: str) -> Iterator[Item]:
        for path, error in walk_files(top, self.gitignore):
            if error is not None:
                yield Item(key=path, source=path, error=f"cannot list: {error.strerror or error}")
            elif not (is_warc_name(path) or is_article_name(path)):
                continue
            elif not self.reads(path):
                self.left_out += 1
            elif is_warc_name(path):
                yield from iter_warc(path, self.max_bytes)
            else:
                yield Item(key=path, source=path, path=path)

    def _sitemap_file(self, path: str) -> Iterator[Item]:
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below, after the generator ends
        except OSError as error:
            yield Item(key=path, source=path, error=f"cannot read: {error.strerror or error}")
            return
        with handle:
            yield from self._entries(handle, path, 0, set())

    def _sitemap_url(self, url: str, depth: int, seen: set[str]) -> Iterator[Item]:
        if url in seen:
            return  # a sitemap index that lists itself, or a loop between indexes
        seen.add(url)
        try:
            response = self.fetcher.get(url, max_bytes=SITEMAP_MAX_BYTES, accept=_SITEMAP_ACCEPT)
        except FetchError as error:
            yield Item(key=f"sitemap:{url}", source=url, error=error.problem)
            return
        yield from self._entries(io.BytesIO(response.content), url, depth, seen)

    def _entries(self, stream: IO[bytes], name: str, depth: int, seen: set[str]) -> Iterator[Item]:
        try:
            for entry in read_sitemap(stream, name):
                if entry.is_sitemap and depth + 1 >= MAX_SITEMAP_DEPTH:
                    yield Item(key=entry.url, source=entry.url,
                               error=f"sitemap indexes nested deeper than {MAX_SITEMAP_DEPTH}")
                elif not is_url(entry.url):
                    yield Item(key=entry.url, source=entry.url, error="not an http or https URL")
                elif entry.is_sitemap:
                    yield from self._sitemap_url(entry.url, depth + 1, seen)
                else:
                    yield Item(key=entry.url, source=entry.url, url=entry.url, published=entry.published)
        except SitemapError as error:
            yield Item(key=f"sitemap:{name}", source=name, error=str(error))


def count_inputs(paths: Sequence[str], lists: Sequence[str], reads: Callable[[str], bool] | None = None,
                 gitignore: bool = True) -> int | None:
    """How many items the inputs give, when that is cheap to know (nothing to read), else None.

    Inputs are told apart as ``Sources.resolve`` tells them (the same sitemap, WARC and glob
    tests), so the total is what the run will count; nothing is read but folder listings (the
    progress bar's total).
    """
    total = 0
    entries: list[str] = list(paths)
    reads = reads or (lambda path: True)
    for name in lists:
        if name == "-":
            return None
        try:
            with open(name, encoding="utf-8", errors="surrogateescape") as handle:
                entries.extend(entry for line in handle if (entry := list_entry(line)) is not None)
        except OSError:
            continue
    for raw in entries:
        count = None if raw == "-" else _count_input(raw, reads, gitignore)
        if count is None:
            return None
        total += count
    return total


def _count_input(raw: str, reads: Callable[[str], bool], gitignore: bool) -> int | None:
    """The items of one input that is not a list, or None when only reading it would tell."""
    if is_url(raw):
        return None if is_sitemap_name(raw) else 1
    if os.path.isdir(raw):
        return _count_folder(raw, reads, gitignore)
    matches = glob_matches(raw)
    if matches is None:
        return _count_file(raw, reads)
    total = 0 if matches else 1  # a glob that matches nothing is one error item
    for match in matches:
        count = _count_folder(match, reads, gitignore) if os.path.isdir(match) else _count_file(match, reads)
        if count is None:
            return None
        total += count
    return total


def _count_file(path: str, reads: Callable[[str], bool]) -> int | None:
    if not reads(path):
        return 0
    return None if is_warc_name(path) or is_sitemap_name(path) else 1


def _count_folder(top: str, reads: Callable[[str], bool], gitignore: bool) -> int | None:
    total = 0
    for path, error in walk_files(top, gitignore):
        if error is not None:
            total += 1  # a folder that cannot be listed is one error item
        elif not reads(path):
            continue
        elif is_warc_name(path):
            return None
        else:
            total += is_article_name(path)
    return total


def _guarded(raw: str, items: Iterator[Item]) -> Iterator[Item]:
    """The Items of one input; a reader that fails in a way nobody foresaw costs the rest of that
    input (one error Item), never the audit and what it already found."""
    try:
        yield from items
    except Exception as error:  # any bug of any reader: the next input is still read
        problem = one_line(error, 200)
        yield Item(key=f"{raw}#unreadable", source=raw, error=f"cannot read the rest of this input: {problem}")


def fetch_item(item: Item, fetcher: Fetcher) -> Item:
    """The Item with its page's bytes in hand, or failed with the one-line reason."""
    if item.url is None or item.error is not None:
        return item
    try:
        response = fetcher.get(item.url, accept=ACCEPT_ARTICLE)
    except FetchError as error:
        return item.failed(error.problem)
    media = response.content_type
    if media not in ARTICLE_TYPES:
        return item.failed(f"not an article page (Content-Type {media})")
    return dataclasses.replace(item, data=response.content, kind=ARTICLE_TYPES[media], charset=response.charset)
