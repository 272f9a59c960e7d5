"""Baselines: findings accepted as they are, kept in a file so that CI reports only new ones.

An entry names a file, a rule and a post, never a line: editing the text around an embed, or
moving it, keeps the entry valid. The post is named by ``platform:ID`` when the citation has an
ID, else by its permalink, else by ``platform:@handle:shown date``; a finding about the whole
article (no citation) has ``post`` null. ``count`` says how many findings with that key are
accepted, so a second stale embed of the same post in the same file is still reported.

The file is JSON, sorted by file, rule and post, one key per line, so that its diffs read well::

    {
      "tool": "provenance",
      "baseline": 1,
      "entries": [
        {"file": "content/a.md", "rule": "PV103", "name": "stale-post", "post": "x:938406524728291328", "count": 1}
      ]
    }

``file`` is relative to the baseline file's folder. ``name`` is for people; matching uses
``rule``. Fields are only ever added within a version.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from provenance.model import Citation, ConfigError, FileReport, Finding

__all__ = [
    "BASELINE_VERSION",
    "Baseline",
    "Entry",
    "dump_baseline",
    "entries_for",
    "file_key",
    "finding_post",
    "load_baseline",
    "post_key",
    "pruned",
    "updated",
    "write_baseline",
]

BASELINE_VERSION = 1
#: How a source read from standard input is named in a baseline.
STDIN = "<stdin>"

#: (rule code, post key): what an entry matches within one file.
Key = tuple[str, str | None]


@dataclass(frozen=True)
class Entry:
    """Accepted findings: ``count`` findings of ``rule`` about ``post`` in ``file``."""

    file: str
    rule: str
    post: str | None
    count: int = 1
    name: str = ""

    def sort_key(self) -> tuple[str, str, str]:
        """Entries sort by file, rule and post."""
        return (self.file, self.rule, self.post or "")

    def describe(self) -> str:
        """The entry in one line, for messages."""
        times = f" (x{self.count})" if self.count > 1 else ""
        return f"{self.file} {self.rule} {self.name} {self.post or '(article)'}{times}".replace("  ", " ")


@dataclass(frozen=True)
class Baseline:
    """A baseline file as read: its entries, and the folder their file names are relative to."""

    path: Path
    entries: tuple[Entry, ...] = ()

    @cached_property
    def _by_file(self) -> dict[str, dict[Key, Entry]]:
        index: dict[str, dict[Key, Entry]] = {}
        for entry in self.entries:
            entries = index.setdefault(entry.file, {})
            key = (entry.rule, entry.post)
            # A hand-merged file may list a key twice: both counts stand.
            earlier = entries[key].count if key in entries else 0
            entries[key] = replace(entry, count=entry.count + earlier)
        return index

    @property
    def folder(self) -> Path:
        """The folder file names are relative to."""
        return self.path.resolve().parent

    def file_key(self, source: str) -> str:
        """How this baseline names the input ``source``."""
        return file_key(source, self.folder)

    def for_source(self, source: str) -> Mapping[Key, Entry]:
        """The entries about the input ``source``, by (rule, post)."""
        return self._by_file.get(self.file_key(source), {})


def file_key(source: str, folder: Path) -> str:
    """How a baseline in ``folder`` names the input ``source``: a relative path with ``/``."""
    if source == STDIN:
        return source
    path = Path(source).resolve()
    try:
        return Path(os.path.relpath(path, folder.resolve())).as_posix()
    except ValueError:  # another drive (Windows): no relative path leads there
        return path.as_posix()


def post_key(citation: Citation) -> str | None:
    """How a baseline names a cited post: its ID, else its permalink, else its handle and shown date."""
    if citation.post_id:
        return f"{citation.platform}:{citation.post_id}"
    if citation.url:
        return citation.url
    if citation.handle:
        shown = citation.shown_date.isoformat() if citation.shown_date else citation.shown_date_text or ""
        return f"{citation.platform}:@{citation.handle}:{shown}"
    return None


def finding_post(file: FileReport, finding: Finding) -> str | None:
    """The post key of the citation a finding is about; None for a finding about the whole article."""
    if finding.citation is None or not 0 <= finding.citation < len(file.citations):
        return None
    return post_key(file.citations[finding.citation])


def entries_for(files: Iterable[FileReport], folder: Path) -> list[Entry]:
    """Entries that accept every finding of ``files``, file names relative to ``folder``."""
    counts: Counter[tuple[str, str, str | None]] = Counter()
    names: dict[str, str] = {}
    for file in files:
        name = file_key(file.source, folder)
        for finding in file.findings:
            counts[(name, finding.code, finding_post(file, finding))] += 1
            names[finding.code] = finding.name
    entries = [Entry(f, rule, post, count, names[rule]) for (f, rule, post), count in counts.items()]
    return sorted(entries, key=Entry.sort_key)


def _entry(raw: object, number: int) -> Entry:
    if not isinstance(raw, dict):
        raise ValueError(f"entry {number}: expected an object")
    file, rule, post, count, name = (raw.get(k) for k in ("file", "rule", "post", "count", "name"))
    if not isinstance(file, str) or not file or not isinstance(rule, str) or not rule:
        raise ValueError(f"entry {number}: 'file' and 'rule' must be non-empty strings")
    if post is not None and not isinstance(post, str):
        raise ValueError(f"entry {number}: 'post' must be a string or null")
    count = 1 if count is None else count
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise ValueError(f"entry {number}: 'count' must be a positive integer")
    return Entry(file, rule, post, count, name if isinstance(name, str) else "")


def load_baseline(path: str | Path) -> Baseline:
    """The baseline in the file at ``path``; ConfigError naming the file when it cannot be used."""
    file = Path(path)
    try:
        document: Any = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{file}: no such baseline file (create one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{file}: cannot read the baseline: {getattr(error, 'strerror', None) or error}") from None
    except json.JSONDecodeError as error:
        raise ConfigError(f"{file}: the baseline is not JSON: {error}") from None
    if not isinstance(document, dict) or document.get("tool") != "provenance" or "baseline" not in document:
        raise ConfigError(f"{file}: not a provenance baseline (no \"tool\": \"provenance\" and \"baseline\" version)")
    if document["baseline"] != BASELINE_VERSION:
        raise ConfigError(f"{file}: baseline version {document['baseline']!r} is not supported "
                          f"(this provenance reads version {BASELINE_VERSION})")
    raw = document.get("entries")
    if not isinstance(raw, list):
        raise ConfigError(f"{file}: the baseline has no \"entries\" list")
    try:
        entries = tuple(_entry(item, number) for number, item in enumerate(raw, 1))
    except ValueError as error:
        raise ConfigError(f"{file}: {error}") from None
    return Baseline(file, entries)


def dump_baseline(entries: Iterable[Entry]) -> str:
    """The baseline file's text: sorted entries, one per line."""
    rows = [
        json.dumps(
            {"file": e.file, "rule": e.rule, "name": e.name, "post": e.post, "count": e.count}, ensure_ascii=False
        )
        for e in sorted(entries, key=Entry.sort_key)
    ]
    body = ",\n".join(f"    {row}" for row in rows)
    lines = ["{", '  "tool": "provenance",', f'  "baseline": {BASELINE_VERSION},']
    lines += ['  "entries": [', body, "  ]"] if rows else ['  "entries": []']
    return "\n".join([*lines, "}"]) + "\n"


def write_baseline(path: str | Path, entries: Iterable[Entry]) -> None:
    """Write ``entries`` to the baseline file at ``path``."""
    try:
        Path(path).write_text(dump_baseline(entries), encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: cannot write the baseline: {error.strerror}") from None


def updated(baseline: Baseline | None, files: Iterable[FileReport], folder: Path) -> list[Entry]:
    """Entries accepting the findings of ``files``; entries of other files in ``baseline`` are kept."""
    readable = [file for file in files if file.error is None]
    fresh = entries_for(readable, folder)
    if baseline is None:
        return fresh
    checked = {file_key(file.source, folder) for file in readable}
    return sorted([*(e for e in baseline.entries if e.file not in checked), *fresh], key=Entry.sort_key)


def pruned(entries: Iterable[Entry], stale: Iterable[Entry]) -> list[Entry]:
    """``entries`` less the counts that ``stale`` entries say are no longer found."""
    unused: Counter[tuple[str, str, str | None]] = Counter()
    for entry in stale:
        unused[(entry.file, entry.rule, entry.post)] += entry.count
    kept = []
    for entry in entries:
        key = (entry.file, entry.rule, entry.post)
        taken = min(unused[key], entry.count)
        unused[key] -= taken
        if entry.count > taken:
            kept.append(replace(entry, count=entry.count - taken))
    return sorted(kept, key=Entry.sort_key)
