"""The only module that touches the network: one polite, bounded HTTP client.

``Fetcher`` wraps one shared ``httpx.Client`` (injectable, so tests and other features reuse a
configured one) and adds what an audit over thousands of pages needs:

- a User-Agent that names provenance and its version;
- timeouts (connect, and between bytes read) and a cap on every response's size, enforced
  while streaming on the *decoded* bytes, so a gzip bomb stops at the cap too;
- redirects followed by hand, only to http and https URLs, at most ``MAX_REDIRECTS``;
- at most ``per_host`` requests at a time to any one host, however many threads ask;
- retries with exponential backoff on 429 and 5xx answers, honouring ``Retry-After``.

Every failure is a ``FetchError`` whose message is one line naming the URL and the problem.
Nothing in the package fetches unless an input is a URL.
"""

from __future__ import annotations

import logging
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, partial
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from provenance import caches
from provenance.model import one_line
from provenance.version import version

if TYPE_CHECKING:
    # Imported by the functions that send requests: importing httpx costs more than checking a
    # short article, and ``provenance check`` imports this module (through ``audit``) without fetching.
    import httpx

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_PER_HOST",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "FetchError",
    "Fetcher",
    "Response",
    "default_user_agent",
    "describe_status",
    "is_url",
    "parse_content_type",
]

logger = logging.getLogger(__name__)


@caches.register
@cache
def default_user_agent() -> str:
    """The User-Agent sent: provenance's version and httpx's."""
    import httpx  # noqa: PLC0415 - see TYPE_CHECKING above

    return f"provenance/{version()} (social-media citation audit; python-httpx/{httpx.__version__})"


#: Seconds to connect, and to wait for the next bytes: news sites answer in well under a second,
#: and a host silent this long is down or throttling us.
DEFAULT_TIMEOUT = 30.0
#: The largest page read, decoded: the same bound as a local file (``load.MAX_INPUT_BYTES``),
#: since a larger page would be refused after download anyway.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: Retries of a 429 or 5xx answer: three covers a server restart or a short rate-limit window.
DEFAULT_RETRIES = 3
#: First backoff in seconds, doubled on each retry (1, 2, 4 s) when no Retry-After is given.
DEFAULT_BACKOFF = 1.0
#: Requests at a time to one host: browsers open six, a crawler that wants to stay welcome two.
DEFAULT_PER_HOST = 2
#: A server asking us to wait longer than this is not coming back within an audit's patience.
MAX_RETRY_AFTER = 120.0
#: Browsers stop at 20; news sites use one to three (http→https, apex→www, a trailing slash).
MAX_REDIRECTS = 10
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: Only these content codings are asked for, so only these need decoding (and bounding) here.
ACCEPT_ENCODING = "gzip, deflate"
_SCHEMES = ("http", "https")


class FetchError(Exception):
    """A URL that could not be fetched; the message is one line naming the URL and the problem."""

    def __init__(self, url: str, problem: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {problem}")
        self.url = url
        self.problem = problem
        self.status = status


@dataclass(frozen=True)
class Response:
    """A successful answer: the final URL, status, headers and the decoded body."""

    url: str
    status: int
    content: bytes
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        """The media type without parameters, lowercased ('' when the server sent none)."""
        return parse_content_type(self.headers.get("content-type", ""))[0]

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header names, if any."""
        return parse_content_type(self.headers.get("content-type", ""))[1]


def parse_content_type(header: str) -> tuple[str, str | None]:
    """A Content-Type header's media type (lowercased, without parameters; '' when empty) and the
    charset it names (lowercased, or None): one parser for fetched pages and WARC records alike."""
    media_type, *parameters = header.split(";")
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip(' "'):
            return media_type.strip().lower(), value.strip(' "').lower()
    return media_type.strip().lower(), None


def is_url(text: str) -> bool:
    """Whether ``text`` is an absolute http or https URL."""
    parts = urlsplit(text)
    return parts.scheme.lower() in _SCHEMES and bool(parts.netloc)


def _retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    import email.utils  # noqa: PLC0415 - importing it costs a short check more than this rare header is worth

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class _Decoder:
    """Content-Encoding decoding that never produces more than ``limit`` bytes."""

    def __init__(self, coding: str, limit: int) -> None:
        self.coding = coding
        self.limit = limit
        self.size = 0
        self._zlib: zlib._Decompress | None = None
        if coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            # RFC 9110 says zlib-wrapped; some servers send raw deflate: the header byte tells.
            self._zlib = None
        elif coding not in ("", "identity"):
            raise ValueError(f"unsupported Content-Encoding {coding!r}")

    def feed(self, chunk: bytes) -> bytes:
        """The decoded bytes of ``chunk``; ValueError past the limit or on corrupt data."""
        if self.coding == "deflate" and self._zlib is None and chunk:
            wrapped = len(chunk) >= 2 and chunk[0] & 0x0F == 8 and int.from_bytes(chunk[:2], "big") % 31 == 0
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        if self._zlib is None:
            return self._count(chunk)
        out = bytearray()
        pending = chunk
        while pending:
            try:
                # max_length keeps a bomb from inflating past the limit in one call.
                piece = self._zlib.decompress(pending, self.limit - self.size + 1)
            except zlib.error as error:
                raise ValueError(f"corrupt {self.coding} data ({error})") from None
            out += self._count(piece)
            if self._zlib.eof and self._zlib.unused_data and self.coding != "deflate":
                # Concatenated gzip members are one body (RFC 1952).
                pending = self._zlib.unused_data
                self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
            else:
                pending = self._zlib.unconsumed_tail
                if not piece and pending:
                    break
        return bytes(out)

    def finish(self) -> None:
        """ValueError when the compressed body stopped before its end."""
        if self._zlib is not None and not self._zlib.eof and self.coding != "deflate":
            raise ValueError(f"truncated {self.coding} data")

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise OverflowError
        return data


class Fetcher:
    """A polite, bounded HTTP GET client; thread-safe, so a pool of threads can share one."""

    def __init__(
        self,
        client: httpx.Client | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        per_host: int = DEFAULT_PER_HOST,
        user_agent: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        import httpx  # noqa: PLC0415 - see TYPE_CHECKING above

        self._owns_client = client is None
        # HTTP/2 where the server offers it (negotiated over TLS), HTTP/1.1 otherwise.
        self.client = client or httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, http2=True)
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.per_host = per_host
        self.user_agent = default_user_agent() if user_agent is None else user_agent
        self._sleep = sleep
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP client if this Fetcher made it (an injected one stays open)."""
        if self._owns_client:
            self.client.close()

    @contextmanager
    def _host_slot(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            slot = self._hosts.setdefault(host, threading.BoundedSemaphore(self.per_host))
        with slot:
            yield

    def get(self, url: str, *, max_bytes: int | None = None, accept: str | None = None) -> Response:
        """GET ``url`` following redirects (http/https only); FetchError for every failure."""
        limit = self.max_bytes if max_bytes is None else max_bytes
        _check_url(url)
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            # httpx also parses a redirect's Location: the URL itself was checked before.
            send = partial(self._send, "GET", url, current, limit, accept, invalid="redirected to an invalid URL")
            response = self._retried(url, send, MAX_RETRY_AFTER)
            status, headers = response.status, response.headers
            if status in REDIRECT_STATUSES and "location" in headers:
                target = urljoin(current, headers["location"].strip())
                if not is_url(target):
                    raise FetchError(url, f"redirected to a non-HTTP URL {target!r}", status)
                current = target
                continue
            if status >= 400 or status in REDIRECT_STATUSES:
                raise FetchError(url, describe_status(status), status)
            return response
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    # --- one request, its redirects not followed (used by provenance.online) --------------------

    def request(
        self, url: str, *, method: str = "GET", max_bytes: int | None = None, accept: str | None = None,
        error_bytes: int = 0, max_wait: float = MAX_RETRY_AFTER,
    ) -> Response:
        """One ``method`` request to ``url``, retried on 429 and 5xx, its redirects not followed.

        The answer comes back whatever its status: a 3xx with its headers (``location``) and no
        body, a 4xx or 5xx with at most ``error_bytes`` of its body, a 2xx with its body (FetchError
        past ``max_bytes``). FetchError when no answer came (a timeout, a refused connection, a URL
        that is not http or https) or the server asks to wait longer than ``max_wait`` seconds.
        """
        limit = self.max_bytes if max_bytes is None else max_bytes
        _check_url(url)
        send = partial(self._send, method, url, url, limit, accept, error_bytes=error_bytes)
        return self._retried(url, send, max_wait)

    def _retried(self, url: str, send: Callable[[], Response], max_wait: float) -> Response:
        """``send()``, sent again after a pause while the answer is a 429 or a 5xx, at most
        ``retries`` more times; FetchError when the server asks to wait over ``max_wait`` seconds.
        The pause is ``Retry-After`` when the server gives one, else exponential backoff."""
        for attempt in range(self.retries + 1):
            response = send()
            if response.status not in RETRY_STATUSES or attempt == self.retries:
                return response
            delay = _retry_after(response.headers.get("retry-after"))
            if delay is None:
                delay = self.backoff * 2**attempt
            logger.debug("%s: %d, trying again in %.1f s", url, response.status, delay)
            if delay > max_wait:
                status = response.status
                raise FetchError(url, f"{describe_status(status)}, retry after {delay:.0f} s", status)
            self._sleep(delay)  # outside the host slot, so other requests to the host go on
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(
        self, method: str, url: str, target: str, limit: int, accept: str | None, *, error_bytes: int = 0,
        invalid: str = "not a valid URL",
    ) -> Response:
        """One request for ``url`` (the input: errors name it) to ``target`` (``url`` or where it
        redirected): no body for HEAD or a 3xx, at most ``error_bytes`` for a 4xx or 5xx."""
        request_headers = {"User-Agent": self.user_agent, "Accept-Encoding": ACCEPT_ENCODING}
        if accept:
            request_headers["Accept"] = accept
        stream = self.client.stream
        with self._faults(url, invalid=invalid), self._host_slot(target), \
                stream(method, target, headers=request_headers) as answer:
            headers = {key.lower(): value for key, value in answer.headers.items()}
            status = answer.status_code
            logger.info("%s %s: %d", method, target, status)
            if method == "HEAD" or 300 <= status < 400:
                body = b""
            elif status >= 400:
                body = self._error_body(url, answer, error_bytes)
            else:
                body = self._read(url, answer, limit)
            return Response(target, status, body, headers)

    def _read(self, url: str, response: httpx.Response, limit: int) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"too large ({declared} bytes; the limit is {limit}, see --max-bytes)")
        try:
            decoder = _Decoder(response.headers.get("content-encoding", "").strip().lower(), limit)
        except ValueError as error:
            raise FetchError(url, str(error)) from None
        body = bytearray()
        try:
            for chunk in response.iter_raw():
                body += decoder.feed(chunk)
            decoder.finish()
        except OverflowError:
            raise FetchError(url, f"too large (over {limit} bytes decoded; see --max-bytes)") from None
        except ValueError as error:
            raise FetchError(url, str(error)) from None
        return bytes(body)

    def _error_body(self, url: str, response: httpx.Response, limit: int) -> bytes:
        """Up to ``limit`` bytes of an error's body: it may explain the error, and is never needed."""
        if limit <= 0:
            return b""
        try:
            return self._read(url, response, limit)
        except FetchError:
            return b""

    @contextmanager
    def _faults(self, url: str, invalid: str = "not a valid URL") -> Iterator[None]:
        """Turn the HTTP client's exceptions into one-line FetchErrors about ``url``."""
        import httpx  # noqa: PLC0415 - see TYPE_CHECKING above

        try:
            yield
        except httpx.TimeoutException as error:
            what = "connecting" if isinstance(error, httpx.ConnectTimeout) else "waiting for data"
            raise FetchError(url, f"timed out {what} (after {self.timeout:g} s)") from None
        except httpx.ConnectError as error:
            raise FetchError(url, f"cannot connect: {one_line(error)}") from None
        except httpx.RemoteProtocolError as error:
            raise FetchError(url, f"incomplete or malformed response: {one_line(error)}") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            raise FetchError(url, f"{invalid} ({one_line(error)})") from None
        except httpx.HTTPError as error:
            raise FetchError(url, f"network error: {one_line(error)}") from None


def _check_url(url: str) -> None:
    """FetchError unless ``url`` is an absolute http or https URL that httpx can parse."""
    if not is_url(url):
        scheme = urlsplit(url).scheme
        problem = f"unsupported URL scheme {scheme!r}" if scheme else "not an absolute URL"
        raise FetchError(url, f"{problem} (only http and https are fetched)")
    import httpx  # noqa: PLC0415 - see TYPE_CHECKING above

    try:
        httpx.URL(url)
    except httpx.InvalidURL as error:
        raise FetchError(url, f"not a valid URL ({one_line(error)})") from None


def describe_status(status: int) -> str:
    """``HTTP 404 Not Found``: a status with its reason phrase (none for a code httpx does not know)."""
    import httpx  # noqa: PLC0415 - see TYPE_CHECKING above

    return f"HTTP {status} {httpx.codes.get_reason_phrase(status)}".rstrip()
