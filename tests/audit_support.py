"""Test helpers for the audit: a real HTTP server on 127.0.0.1 and WARC files built with warcio."""

from __future__ import annotations

import gzip
import io
import mimetypes
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

#: A route answers a request: it is given the handler and writes status, headers and body.
Route = Callable[[BaseHTTPRequestHandler], None]


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", headers: Iterable[tuple[str, str]] = (),
         length: bool = True) -> None:
    """Answer with ``status``, ``headers`` and ``body`` (no Content-Length if not ``length``; no body to HEAD)."""
    handler.send_response(status)
    for name, value in headers:
        handler.send_header(name, value)
    if length:
        handler.send_header("Content-Length", str(len(body)))
    else:
        handler.send_header("Connection", "close")
        handler.close_connection = True
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up (the faults tests play) is no error of the test


class LocalServer:
    """A threaded HTTP/1.1 server on 127.0.0.1, on a free port, for a ``with`` block; each
    request of a method in ``METHODS`` goes to :meth:`serve`."""

    METHODS: tuple[str, ...] = ("GET",)
    #: The server class: ThreadingHTTPServer, or QuietServer where clients hang up on purpose.
    SERVER: type[ThreadingHTTPServer] = ThreadingHTTPServer

    def __init__(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def dispatch(self) -> None:
                owner.serve(self)

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean

        for method in self.METHODS:
            setattr(Handler, f"do_{method}", Handler.dispatch)
        self.httpd = self.SERVER(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False  # a route that stalls must not hold up the test's end
        # A short poll interval: shutdown() waits for the serving loop to look up.
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)

    def serve(self, handler: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def base(self) -> str:
        """The server's root URL."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"


class Server(LocalServer):
    """Static files under ``/files/``, plus ``routes``."""

    def __init__(self, root: Path | None = None, routes: dict[str, Route] | None = None) -> None:
        self.root = root
        self.routes = routes if routes is not None else {}
        self.requests: list[str] = []
        super().__init__()

    def serve(self, handler: BaseHTTPRequestHandler) -> None:
        self.requests.append(handler.path)
        path = urlsplit(handler.path).path
        route = self.routes.get(path)
        if route is not None:
            route(handler)
        elif self.root is not None and path.startswith("/files/"):
            target = self.root / path.removeprefix("/files/")
            if target.is_file():
                kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
                send(handler, 200, target.read_bytes(), [("Content-Type", kind)])
            else:
                send(handler, 404, b"not found", [("Content-Type", "text/plain")])
        else:
            send(handler, 404, b"not found", [("Content-Type", "text/plain")])

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base + path


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stall(seconds: float) -> Route:
    """A route that sends headers, then nothing for ``seconds``."""
    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        handler.wfile.flush()
        time.sleep(seconds)

    return route


def gzip_bomb(size: int) -> bytes:
    """``size`` zero bytes, gzipped (about a thousandth of the size)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as out:
        chunk = bytes(1024 * 1024)
        for _ in range(size // len(chunk)):
            out.write(chunk)
    return buffer.getvalue()


@dataclass(frozen=True)
class Record:
    """One WARC response record to write."""

    uri: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    kind: str = "response"


def build_warc(path: Path, records: Iterable[Record], compress: bool = True) -> list[int]:
    """Write ``records`` to a WARC file at ``path``; return each record's offset."""
    offsets = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=compress)
        for record in records:
            offsets.append(handle.tell())
            if record.kind == "response":
                headers = StatusAndHeaders(record.status, [("Content-Type", record.content_type)],
                                           protocol="HTTP/1.1")
                warc = writer.create_warc_record(record.uri, "response", payload=io.BytesIO(record.body),
                                                 http_headers=headers)
            else:
                warc = writer.create_warc_record(record.uri, record.kind, payload=io.BytesIO(record.body),
                                                 warc_content_type=record.content_type)
            writer.write_record(warc)
            warc.raw_stream.close()  # warcio spools the payload to a temporary file to digest it
    return offsets
