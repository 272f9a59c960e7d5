"""The on-disk cache of online answers: SQLite, keyed by request (method + URL), with a TTL.

CI reruns and audits of thousands of articles ask about the same posts again and again; the
cache keeps each answer for ``POSITIVE_TTL`` (a live post, an archived capture), a negative
one (a post gone, no capture) only ``NEGATIVE_TTL``, and a short link's redirect, which never
changes, ``REDIRECT_TTL``. Faults (timeouts, 5xx, 429) are never cached, nor is an answer whose
body gives no definite outcome (HTML, malformed JSON, an unexpected status): the caller decides
that once it has read the body (``Client.ask``'s ``read``).

Several processes (the audit's pool) share one file: WAL mode lets readers go on while one
writes, every write is its own short transaction, and a busy database waits ``BUSY_SECONDS``
at most. A cache that cannot be opened or written is a warning, never a failed run.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from types import TracebackType

from provenance.logsafe import log_safe
from provenance.model import one_line

__all__ = ["BUSY_SECONDS", "CACHE_FILE", "NEGATIVE_TTL", "POSITIVE_TTL", "REDIRECT_TTL", "Cache", "Stored"]

logger = logging.getLogger(__name__)

#: A post's status can change any day (deleted, suspended, restored): a day keeps a CI day's
#: reruns and a day's audit free of repeat requests while a daily job still sees fresh answers.
POSITIVE_TTL = timedelta(days=1)
#: "Gone" and "not archived" are the answers most likely to change soon (a suspension lifted, an
#: editor saving the page after PV203 told them to), so they are asked again after an hour.
NEGATIVE_TTL = timedelta(hours=1)
#: A t.co or pic.twitter.com link always leads to the same post.
REDIRECT_TTL = timedelta(days=30)
#: How long a write waits for another process's write to finish.
BUSY_SECONDS = 5.0
CACHE_FILE = "online-v1.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    method TEXT NOT NULL,
    url TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    location TEXT,
    body BLOB NOT NULL,
    expires REAL NOT NULL,
    PRIMARY KEY (method, url)
)
"""


@dataclass(frozen=True)
class Stored:
    """One cached answer: its status, media type, redirect target and body."""

    status: int
    content_type: str
    location: str | None
    body: bytes


class Cache:
    """A cache file shared by threads (one connection, locked) and processes (SQLite's locking)."""

    def __init__(self, folder: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = folder / CACHE_FILE
        self.clock = clock
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self.problem: str | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, check_same_thread=False, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute(_SCHEMA)
                db.execute("DELETE FROM answers WHERE expires < ?", (self.clock(),))
            except sqlite3.Error:
                db.close()
                raise
            self._db = db
        except (OSError, sqlite3.Error) as error:
            self._disable(error)

    def __enter__(self) -> Cache:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def _disable(self, error: BaseException) -> None:
        """Go on without a cache, saying so once on standard error."""
        self.problem = one_line(error)
        print(log_safe(f"provenance: warning: online cache {self.path} disabled: {self.problem}"), file=sys.stderr)
        if self._db is not None:
            self._db.close()
            self._db = None

    def get(self, method: str, url: str) -> Stored | None:
        """The answer stored for this request, unless there is none or it expired."""
        with self._lock:
            if self._db is None:
                return None
            try:
                row = self._db.execute(
                    "SELECT status, content_type, location, body, expires FROM answers WHERE method = ? AND url = ?",
                    (method, url),
                ).fetchone()
            except sqlite3.Error as error:
                self._disable(error)
                return None
        if row is None or row[4] < self.clock():
            return None
        logger.debug("cached answer for %s %s", method, url)
        return Stored(int(row[0]), str(row[1]), row[2], bytes(row[3]))

    def put(self, method: str, url: str, answer: Stored, ttl: timedelta) -> None:
        """Keep ``answer`` for ``ttl``."""
        with self._lock:
            if self._db is None:
                return
            try:
                self._db.execute(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (method, url, answer.status, answer.content_type, answer.location, answer.body,
                     self.clock() + ttl.total_seconds()),
                )
            except sqlite3.Error as error:
                if "locked" not in str(error) and "busy" not in str(error):
                    self._disable(error)
                # else another process held the lock too long: this answer just goes uncached

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
