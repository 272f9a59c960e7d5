"""Test helpers for --online: one real HTTP server on 127.0.0.1 playing every endpoint.

``FakeWeb`` answers as the platforms and the Wayback Machine would:

- ``/oembed/<platform>?url=POST`` (``/oembed/mastodon/<server>/api/oembed`` for Mastodon): the
  route in ``oembed[POST]``, else a JSON 404;
- ``/tco/<code>`` and ``/pic/<code>``: a 301 to ``redirects[code]``, else a 404;
- ``/cdx?url=URL`` and ``/available?url=URL``: the capture in ``captures[URL]`` (a timestamp), else none;
- any path in ``routes`` (exact match) first, to play faults.

Every request is recorded in ``requests`` as (method, path with query), with its headers in ``headers``.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from audit_support import LocalServer, QuietServer, Route, send

from provenance.online.settings import ENDPOINTS, env_name


def answer_json(data: Any, status: int = 200, headers: Iterable[tuple[str, str]] = ()) -> Route:
    """A route that answers ``data`` as JSON."""
    body = json.dumps(data).encode()
    return lambda handler: send(handler, status, body, [("Content-Type", "application/json"), *headers])


def live(author_name: str, author_url: str, **extra: str) -> Route:
    """An oEmbed answer for a live post by this author."""
    return answer_json({"type": "rich", "version": "1.0", "author_name": author_name, "author_url": author_url,
                        "html": "<blockquote>…</blockquote>", **extra})


def status(code: int, body: bytes = b"", content_type: str = "text/plain", headers: Iterable[tuple[str, str]] = ()
           ) -> Route:
    """A route that answers ``code`` with ``body``."""
    return lambda handler: send(handler, code, body, [("Content-Type", content_type), *headers])


def redirect(location: str, code: int = 301) -> Route:
    """A route that redirects to ``location``."""
    return lambda handler: send(handler, code, b"", [("Location", location)])


def sequence(*routes: Route) -> Route:
    """A route that plays ``routes`` in turn, then repeats the last."""
    played = iter(routes)
    last: list[Route] = []

    def route(handler: BaseHTTPRequestHandler) -> None:
        step = next(played, None)
        if step is not None:
            last[:] = [step]
        last[0](handler)

    return route


def stall(seconds: float) -> Route:
    """A route that sends nothing for ``seconds``, then gives up."""
    def route(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        handler.close_connection = True

    return route


def reset() -> Route:
    """A route that drops the connection without answering."""
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.connection.shutdown(socket.SHUT_RDWR)
        handler.close_connection = True

    return route


def enormous(size: int, declared: bool = True) -> Route:
    """A JSON answer of ``size`` bytes, with or without a Content-Length."""
    body = b'{"author_name": "' + b"x" * size + b'"}'
    return lambda handler: send(handler, 200, body, [("Content-Type", "application/json")], length=declared)


class FakeWeb(LocalServer):
    """The platforms' oEmbed endpoints, the short-link hosts and the Wayback Machine, on 127.0.0.1."""

    METHODS = ("GET", "HEAD")
    SERVER = QuietServer

    def __init__(self) -> None:
        self.oembed: dict[str, Route] = {}
        self.redirects: dict[str, str] = {}
        self.captures: dict[str, str] = {}
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str]] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        super().__init__()

    def endpoints(self) -> dict[str, str]:
        """Every endpoint key, pointed at this server."""
        paths = {key: f"/oembed/{key.removeprefix('oembed-')}" for key in ENDPOINTS if key.startswith("oembed-")}
        paths |= {"oembed-mastodon": "/oembed/mastodon/{server}/api/oembed", "shortlink-tco": "/tco",
                  "shortlink-pic": "/pic", "wayback-cdx": "/cdx", "wayback-available": "/available"}
        return {key: self.base + path for key, path in paths.items()}

    def environ(self) -> dict[str, str]:
        """``PROVENANCE_*`` variables that point every endpoint at this server."""
        return {env_name(key): url for key, url in self.endpoints().items()}

    def count(self, prefix: str = "/") -> int:
        """How many requests had a path starting with ``prefix``."""
        with self._lock:
            return sum(1 for _, path in self.requests if path.startswith(prefix))

    def serve(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append((handler.command, handler.path))
            self.headers.append({key.lower(): value for key, value in handler.headers.items()})
        parts = urlsplit(handler.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        path = parts.path
        if path in self.routes:
            self.routes[path](handler)
        elif path.startswith("/oembed/"):
            route = self.oembed.get(query.get("url", ""))
            if route is None:
                send(handler, 404, b'{"error": "not found"}', [("Content-Type", "application/json")])
            else:
                route(handler)
        elif path.startswith(("/tco/", "/pic/")):
            target = self.redirects.get(path.split("/", 2)[2])
            if target is None:
                send(handler, 404, b"", [("Content-Type", "text/html")])
            else:
                send(handler, 301, b"", [("Location", target)])
        elif path == "/cdx":
            stamp = self.captures.get(query.get("url", ""))
            rows = [["timestamp", "original"], [stamp, query["url"]]] if stamp else []
            answer_json(rows)(handler)
        elif path == "/available":
            stamp = self.captures.get(query.get("url", ""))
            closest = {"status": "200", "available": True, "timestamp": stamp,
                       "url": f"http://web.archive.org/web/{stamp}/{query.get('url')}"}
            answer_json({"url": query.get("url"), "archived_snapshots": {"closest": closest} if stamp else {}})(handler)
        else:
            send(handler, 404, b"no route", [("Content-Type", "text/plain")])


def snowflake(moment_ms: int) -> str:
    """An X status ID made at ``moment_ms`` (Unix milliseconds)."""
    return str((moment_ms - 1288834974657) << 22)


def iter_notes(citations: Iterable[Any]) -> Iterator[str]:
    """Every verification note of ``citations``."""
    for citation in citations:
        if citation.verification is not None:
            yield from citation.verification.notes


def isolate(monkeypatch: Any, tmp_path: Any) -> None:
    """No ``PROVENANCE_*`` variable from the developer's shell, and a cache under ``tmp_path``."""
    for name in list(os.environ):
        if name.startswith("PROVENANCE_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
