"""The HTTP client: redirects, retries, limits and one-line errors, against a real server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler

import httpx
import pytest
from audit_support import Server, closed_port, gzip_bomb, send, stall

from provenance import __version__
from provenance.fetch import Fetcher, FetchError, _retry_after, default_user_agent, is_url

PAGE = b"<html><body><p>hello</p></body></html>"


def html(handler: BaseHTTPRequestHandler) -> None:
    send(handler, 200, PAGE, [("Content-Type", "text/html; charset=utf-8")])


def redirect_to(target: str, status: int = 302):
    return lambda handler: send(handler, status, b"", [("Location", target)])


def failure(fetcher: Fetcher, url: str) -> FetchError:
    """The FetchError that fetching ``url`` raises."""
    with pytest.raises(FetchError) as caught:
        fetcher.get(url)
    return caught.value


@pytest.fixture
def fetcher():
    with Fetcher(timeout=2, retries=2, backoff=0.01) as client:
        yield client


def test_get_returns_the_body_and_names_provenance(fetcher):
    """A GET returns status, headers and body, and its User-Agent names provenance and its version."""
    agents = []

    def echo(handler: BaseHTTPRequestHandler) -> None:
        agents.append(handler.headers["User-Agent"])
        html(handler)

    with Server(routes={"/page": echo}) as server:
        response = fetcher.get(server.url("/page"))
    assert response.status == 200 and response.content == PAGE
    assert response.content_type == "text/html" and response.charset == "utf-8"
    assert agents == [default_user_agent()] and f"provenance/{__version__}" in default_user_agent()


def test_redirects_are_followed_to_the_final_url(fetcher):
    """Relative and absolute redirects are followed; the response names the final URL."""
    with Server(routes={"/a": redirect_to("/b", 301), "/b": redirect_to("/page", 307), "/page": html}) as server:
        response = fetcher.get(server.url("/a"))
    assert response.url == server.url("/page") and response.content == PAGE


@pytest.mark.parametrize("target", ["ftp://127.0.0.1/page.html", "file:///etc/passwd", "javascript:alert(1)"])
def test_redirect_to_a_non_http_scheme_is_an_error(fetcher, target):
    """A redirect to anything but http or https is refused with a one-line error naming it."""
    with Server(routes={"/away": redirect_to(target)}) as server:
        error = failure(fetcher, server.url("/away"))
    message = str(error)
    named = "redirected to a non-HTTP URL" in message and target in message
    assert named or "redirected to an invalid URL" in message  # httpx cannot even parse javascript:
    assert "\n" not in message


def test_redirect_loop_stops(fetcher):
    """A redirect loop ends with an error after the redirect limit."""
    with Server(routes={"/loop": redirect_to("/loop")}) as server:
        error = failure(fetcher, server.url("/loop"))
    assert "more than 10 redirects" in str(error)
    assert len(server.requests) == 11


@pytest.mark.parametrize(("status", "reason"), [(404, "Not Found"), (410, "Gone"), (403, "Forbidden")])
def test_client_errors_are_not_retried(fetcher, status, reason):
    """A 4xx answer other than 429 is an error at once, with its status and reason."""
    route = lambda handler: send(handler, status, b"no", [("Content-Type", "text/plain")])  # noqa: E731
    with Server(routes={"/x": route}) as server:
        error = failure(fetcher, server.url("/x"))
    assert str(error) == f"{server.url('/x')}: HTTP {status} {reason}"
    assert error.status == status and len(server.requests) == 1


def test_retry_after_is_honoured_then_the_page_is_read():
    """A 503 or 429 with Retry-After is retried after the delay the server asked for."""
    answers = iter([(503, "3"), (429, "1"), (200, None)])
    waits: list[float] = []

    def flaky(handler: BaseHTTPRequestHandler) -> None:
        status, after = next(answers)
        if status == 200:
            html(handler)
        else:
            send(handler, status, b"busy", [("Retry-After", after)])

    with Server(routes={"/busy": flaky}) as server, Fetcher(retries=3, sleep=waits.append) as fetcher:
        response = fetcher.get(server.url("/busy"))
    assert response.content == PAGE and waits == [3.0, 1.0]


def test_server_errors_back_off_exponentially_then_fail():
    """A 5xx without Retry-After is retried with doubling delays, then reported with its status."""
    waits: list[float] = []
    route = lambda handler: send(handler, 502, b"bad gateway")  # noqa: E731
    with Server(routes={"/down": route}) as server, Fetcher(retries=3, backoff=0.5, sleep=waits.append) as fetcher:
        error = failure(fetcher, server.url("/down"))
    assert waits == [0.5, 1.0, 2.0] and len(server.requests) == 4
    assert error.status == 502 and "HTTP 502 Bad Gateway" in str(error)


def test_a_retry_after_beyond_patience_is_not_waited_for():
    """A Retry-After longer than the client waits is an error at once, naming the delay."""
    waits: list[float] = []
    route = lambda handler: send(handler, 429, b"slow down", [("Retry-After", "86400")])  # noqa: E731
    with Server(routes={"/limit": route}) as server, Fetcher(sleep=waits.append) as fetcher:
        error = failure(fetcher, server.url("/limit"))
    assert waits == [] and "retry after 86400 s" in str(error)


def test_retry_after_reads_seconds_and_http_dates():
    """Retry-After is read as delta-seconds or as an HTTP date; anything else is ignored."""
    now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    assert _retry_after("120") == 120.0
    assert _retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30.0
    assert _retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0.0
    assert _retry_after("soon") is None and _retry_after(None) is None


def test_a_silent_host_times_out():
    """A server that stops sending is given up after the timeout, with a one-line error."""
    with Server(routes={"/stall": stall(3)}) as server, Fetcher(timeout=0.2, retries=0) as fetcher:
        error = failure(fetcher, server.url("/stall"))
    assert "timed out waiting for data (after 0.2 s)" in str(error)


def test_an_unreachable_host_is_an_error():
    """Nothing listening on the port is a 'cannot connect' error naming the URL."""
    url = f"http://127.0.0.1:{closed_port()}/page.html"
    with Fetcher(timeout=2) as fetcher:
        error = failure(fetcher, url)
    assert str(error).startswith(f"{url}: cannot connect:")


def test_declared_length_over_the_limit_is_refused():
    """A Content-Length over max_bytes is refused before the body is read."""
    route = lambda handler: send(handler, 200, b"x" * 5000, [("Content-Type", "text/html")])  # noqa: E731
    with Server(routes={"/big": route}) as server, Fetcher(max_bytes=1000) as fetcher:
        error = failure(fetcher, server.url("/big"))
    assert "too large (5000 bytes; the limit is 1000" in str(error)


def test_an_undeclared_length_is_cut_off_while_streaming():
    """A body with no Content-Length stops being read once it passes max_bytes."""
    route = lambda handler: send(handler, 200, b"y" * 50_000, [("Content-Type", "text/html")], length=False)  # noqa: E731
    with Server(routes={"/stream": route}) as server, Fetcher(max_bytes=10_000) as fetcher:
        error = failure(fetcher, server.url("/stream"))
    assert "too large (over 10000 bytes decoded" in str(error)


def test_a_gzip_bomb_stops_at_the_limit_on_decoded_bytes():
    """A small gzip body that inflates past max_bytes is refused while decoding."""
    bomb = gzip_bomb(64 * 1024 * 1024)
    assert len(bomb) < 200_000
    route = lambda handler: send(handler, 200, bomb, [("Content-Type", "text/html"), ("Content-Encoding", "gzip")])  # noqa: E731
    with Server(routes={"/bomb": route}) as server, Fetcher(max_bytes=1024 * 1024) as fetcher:
        error = failure(fetcher, server.url("/bomb"))
    assert "too large (over 1048576 bytes decoded" in str(error)


@pytest.mark.parametrize("coding", ["gzip", "deflate-zlib", "deflate-raw"])
def test_compressed_bodies_are_decoded(coding):
    """gzip and both kinds of deflate bodies are decoded to the page."""
    if coding == "gzip":
        body, header = zlib.compress(PAGE, wbits=31), "gzip"
    elif coding == "deflate-zlib":
        body, header = zlib.compress(PAGE), "deflate"
    else:
        packer = zlib.compressobj(wbits=-15)
        body, header = packer.compress(PAGE) + packer.flush(), "deflate"
    route = lambda handler: send(handler, 200, body, [("Content-Type", "text/html"), ("Content-Encoding", header)])  # noqa: E731
    with Server(routes={"/c": route}) as server, Fetcher() as fetcher:
        assert fetcher.get(server.url("/c")).content == PAGE


def test_corrupt_gzip_and_unknown_codings_are_errors():
    """A corrupt or cut gzip body, or a coding that was not asked for, is a one-line error."""
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"
    routes = {
        "/broken": lambda h: send(h, 200, header + b"\xff\xff\xff\xff", [("Content-Encoding", "gzip")]),
        "/cut": lambda h: send(h, 200, zlib.compress(PAGE, wbits=31)[:-12], [("Content-Encoding", "gzip")]),
        "/br": lambda h: send(h, 200, b"\x0b\x02\x80", [("Content-Encoding", "br")]),
    }
    with Server(routes=routes) as server, Fetcher() as fetcher:
        with pytest.raises(FetchError, match="corrupt gzip data"):
            fetcher.get(server.url("/broken"))
        with pytest.raises(FetchError, match="truncated gzip data"):
            fetcher.get(server.url("/cut"))
        with pytest.raises(FetchError, match="unsupported Content-Encoding 'br'"):
            fetcher.get(server.url("/br"))


def test_a_truncated_body_is_an_error():
    """A connection closed before Content-Length bytes arrived is an 'incomplete' error."""
    def short(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "1000")
        handler.end_headers()
        handler.wfile.write(b"<html>only this")
        handler.close_connection = True

    with Server(routes={"/short": short}) as server, Fetcher(retries=0) as fetcher:
        error = failure(fetcher, server.url("/short"))
    assert "incomplete or malformed response" in str(error)


@pytest.mark.parametrize("url", ["ftp://example.com/a.html", "file:///etc/hosts", "example.com/page", "/local/path"])
def test_only_absolute_http_urls_are_fetched(url):
    """A URL that is not absolute http or https is refused without any request."""
    assert not is_url(url)
    with Fetcher() as fetcher, pytest.raises(FetchError, match="only http and https"):
        fetcher.get(url)


def test_requests_to_one_host_are_limited():
    """However many threads ask, at most per_host requests reach one host at a time."""
    lock = threading.Lock()
    state = {"now": 0, "most": 0}

    def slow(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            state["now"] += 1
            state["most"] = max(state["most"], state["now"])
        time.sleep(0.1)
        with lock:
            state["now"] -= 1
        html(handler)

    with Server(routes={"/slow": slow}) as server, Fetcher(per_host=2) as fetcher:
        threads = [threading.Thread(target=fetcher.get, args=(server.url("/slow"),)) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(server.requests) == 6 and state["most"] == 2


def test_an_injected_client_is_used_and_left_open():
    """A Fetcher sends through the httpx.Client it is given (its headers arrive) and does not close it."""
    seen: list[str | None] = []

    def page(handler: BaseHTTPRequestHandler) -> None:
        seen.append(handler.headers.get("X-Test"))
        html(handler)

    with Server(routes={"/page": page}) as server:
        client = httpx.Client(headers={"X-Test": "1"})
        with Fetcher(client) as fetcher:
            assert fetcher.get(server.url("/page")).content == PAGE
        assert not client.is_closed
        client.close()
    assert seen == ["1"]
