"""Resume: what an audit has finished, kept in an append-only file (``--state FILE``).

The file is JSON lines. The first line names the run it belongs to (the output format and the
``--output`` file); each further line is one finished article: its key (``Item.key``: a path,
a URL, ``archive.warc.gz#offset``), its whole report, and ``end``, the size of ``--output``
right after the article was written there.

An article's output is written and flushed before its state line, and both are fsync'd at most
``SYNC_SECONDS`` apart, so after any interruption the state never records an article whose
output is missing. On resume:

- a torn last line (a kill in mid-write) is dropped, and so is every line whose ``end`` lies
  beyond the output's actual size (output lost in a crash of the machine);
- the output is cut back to the last recorded ``end``: whatever was written after it (an
  article whose state line never made it, a summary written at exit) goes, and those articles
  are checked again. So every article is in the output exactly once;
- the recorded reports are replayed into the summary and the reports that need every article
  (JSON, HTML), without being written to the output again.

A failed input is finished too: it is reported once and not retried on resume.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import json
import os
import time
import types
import typing
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from provenance import caches
from provenance.model import ConfigError, FileReport
from provenance.version import version

__all__ = ["STATE_VERSION", "SYNC_SECONDS", "State", "decode_record", "encode_record", "key_digest"]

STATE_VERSION = 1
#: Output and state are made durable (fsync) at most this often: a kill loses nothing either
#: way (the kernel holds what was written), and a power cut loses at most this much work,
#: while an fsync per article would make the disk, not the checks, the audit's limit.
SYNC_SECONDS = 1.0


# --- records as JSON ----------------------------------------------------------------------


def encode_record(value: Any) -> Any:
    """A frozen record (FileReport and what it holds) as JSON-ready values; defaults left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for item in dataclasses.fields(value):
            field_value = getattr(value, item.name)
            if item.default is not dataclasses.MISSING and field_value == item.default:
                continue
            if item.default_factory is not dataclasses.MISSING and field_value == item.default_factory():
                continue
            out[item.name] = encode_record(field_value)
        return out
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, tuple | list):
        return [encode_record(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot record a {type(value).__name__} in the state file")


def decode_record(hint: Any, data: Any) -> Any:
    """The value of type ``hint`` that ``encode_record`` turned into ``data``."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        arms = [arm for arm in typing.get_args(hint) if arm is not type(None)]
        if data is None:
            return None
        return decode_record(arms[0], data) if len(arms) == 1 else data
    if origin is typing.Literal or hint is typing.Any:
        return data
    if origin is tuple:
        items = typing.get_args(hint)
        if len(items) == 2 and items[1] is Ellipsis:
            return tuple(decode_record(items[0], v) for v in data)
        return tuple(decode_record(item, v) for item, v in zip(items, data, strict=True))
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            hints = _hints(hint)
            return hint(**{k: decode_record(hints[k], v) for k, v in data.items() if k in hints})
        if issubclass(hint, enum.Enum):
            return hint[data]
        if issubclass(hint, datetime):
            return datetime.fromisoformat(data)
        if issubclass(hint, date):
            return date.fromisoformat(data)
        if issubclass(hint, timedelta):
            return timedelta(seconds=data)
    return data


# --- the state file -----------------------------------------------------------------------


def key_digest(key: str) -> bytes:
    """A short fixed-size stand-in for an Item key, for sets of millions of keys."""
    # 16 bytes per article instead of its key: a million keys fit in well under 100 MB.
    return hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=16).digest()


class State:
    """The finished articles of an audit; ``open`` reads a previous run's, ``record`` adds one."""

    def __init__(self, path: Path, handle: IO[bytes], done: set[bytes], kept: int, resume_at: int) -> None:
        self.path = path
        self._handle = handle
        #: The ``key_digest`` of every key recorded, by the previous runs and this one. An audit
        #: adds the keys it starts to the same set, and skips any key already in it.
        self.done = done
        #: How many finished articles the previous runs recorded (and ``replay`` yields).
        self.kept = kept
        #: The size ``--output`` must be cut back to before appending.
        self.resume_at = resume_at
        self._synced = time.monotonic()

    @classmethod
    def open(cls, path: Path, run: dict[str, Any], output_size: int | None) -> State:
        """Open or create the state at ``path`` for a run described by ``run``; ConfigError when it
        belongs to another run or is not a state file. ``output_size`` is the output's size now."""
        header = {"provenance_state": STATE_VERSION, **run}
        try:
            handle = path.open("a+b")
            handle.seek(0)
            first = handle.readline()
        except OSError as error:
            raise ConfigError(f"--state: cannot open {path}: {error.strerror or error}") from None
        if not first.strip():
            handle.truncate(0)
            handle.write(_line({**header, "tool": f"provenance {version()}"}))
            handle.flush()
            os.fsync(handle.fileno())
            return cls(path, handle, set(), 0, 0)
        try:
            found = json.loads(first)
        except ValueError:
            found = None
        if not isinstance(found, dict) or found.get("provenance_state") != STATE_VERSION:
            handle.close()
            raise ConfigError(f"--state: {path} is not a provenance state file (version {STATE_VERSION})")
        for name, value in run.items():
            if found.get(name) != value:
                handle.close()
                raise ConfigError(
                    f"--state: {path} belongs to a run with {_setting(name, found.get(name))}; this run has "
                    f"{_setting(name, value)}; rerun with the same options or use another state file"
                )
        done: set[bytes] = set()
        kept, resume_at, good_end = 0, 0, handle.tell()
        for number, raw in enumerate(iter(handle.readline, b""), start=2):
            try:
                entry = json.loads(raw)
                end, key = entry["end"], entry["key"]
            except (ValueError, KeyError, TypeError):
                if raw.endswith(b"\n") and handle.read(1):
                    handle.close()
                    raise ConfigError(f"--state: {path} line {number} is corrupt") from None
                break  # the last line, torn by a kill in mid-write
            if output_size is not None and end is not None and end > output_size:
                break  # output the machine lost before it reached the disk: check those again
            done.add(key_digest(key))
            kept += 1
            resume_at = end or 0
            good_end = handle.tell()
        handle.truncate(good_end)
        handle.seek(0, os.SEEK_END)
        return cls(path, handle, done, kept, resume_at)

    def __contains__(self, key: str) -> bool:
        return key_digest(key) in self.done

    def replay(self) -> Iterator[FileReport]:
        """The reports the previous runs recorded, read one at a time."""
        with self.path.open("rb") as handle:
            handle.readline()
            for _, raw in zip(range(self.kept), handle, strict=False):
                yield decode_record(FileReport, json.loads(raw)["report"])

    def record(self, key: str, report: FileReport, end: int | None) -> None:
        """Add a finished article; ``end`` is the output's size after its output was flushed."""
        self.done.add(key_digest(key))
        self._handle.write(_line({"key": key, "end": end, "report": encode_record(report)}))
        self._handle.flush()  # in the kernel now: a killed process loses nothing

    def due(self) -> bool:
        """Whether ``SYNC_SECONDS`` passed since the last fsync."""
        return time.monotonic() - self._synced >= SYNC_SECONDS

    def sync(self) -> None:
        """Make what was recorded durable."""
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._synced = time.monotonic()

    def close(self) -> None:
        """Sync and close the file."""
        if not self._handle.closed:
            self.sync()
            self._handle.close()


def _line(value: dict[str, Any]) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8", "surrogateescape")


def _setting(name: str, value: object) -> str:
    """One setting of a run, as a person reads it: ``output '/tmp/o.jsonl'``, ``no output``."""
    return f"no {name}" if value is None else f"{name} {value!r}"


@caches.register
@functools.cache
def _hints(record: type) -> dict[str, Any]:
    """A record class's field types, read once: a resumed audit decodes every record it replays."""
    return typing.get_type_hints(record)
