"""The requests of an online check: guarded, cached, throttled; every fault a one-line reason.

One :class:`Client` per process and settings. It sends no cookies, no credentials and no
proxy settings from the environment (the HTTP client is made with ``trust_env=False`` and a
cookie jar that accepts nothing), checks every URL and every redirect hop with
:mod:`provenance.online.guard`, and leaves a host alone for ``THROTTLE_PAUSE`` once it has
answered 429 through all our retries.

Each caller reads its answers (``read``) and says how long what it read holds: an answer is
cached only once its body has been read to a definite outcome, so HTML, malformed JSON or a
status that settles nothing is asked again next time.
"""

from __future__ import annotations

import http.cookiejar
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

import httpx

from provenance.fetch import REDIRECT_STATUSES, Fetcher, FetchError, describe_status
from provenance.online.cache import Cache, Stored
from provenance.online.guard import Refused, Resolver, Unresolvable, check_url, resolve_host
from provenance.online.settings import OnlineSettings

__all__ = [
    "ERROR_BYTES",
    "MAX_ANSWER_BYTES",
    "MAX_REDIRECTS",
    "MAX_WAIT",
    "THROTTLE_PAUSE",
    "Answer",
    "Client",
    "Unverifiable",
    "make_fetcher",
    "parse_json",
]

#: An oEmbed answer is a few kilobytes (the embed's HTML), a CDX answer with ``limit=1`` well
#: under one: a megabyte is a broken or hostile server, not an answer.
MAX_ANSWER_BYTES = 1024 * 1024
#: Enough of an error's body to read a platform's JSON error message.
ERROR_BYTES = 4096
#: An API endpoint redirects once or twice (http→https, a moved host); more is a loop or a trap.
MAX_REDIRECTS = 5
#: Seconds a host that still answers 429 after our retries is left alone: asking it again at
#: once would only prolong the rate limit for every later article.
THROTTLE_PAUSE = 300.0
#: The longest Retry-After waited for: a verification is worth a short wait, and a host that
#: asks for more is left alone (``THROTTLE_PAUSE``) instead of holding up the article.
MAX_WAIT = 30.0

_T = TypeVar("_T")


class Unverifiable(Exception):
    """No definite answer (a timeout, a 5xx, a refused address, a malformed body): why, in one line."""


@dataclass(frozen=True)
class Answer:
    """A definite HTTP answer: status, media type, redirect target (absolute) and body."""

    url: str
    status: int
    content_type: str
    location: str | None
    body: bytes


class _RefuseAll(http.cookiejar.DefaultCookiePolicy):
    """A cookie policy that accepts and returns nothing: no request carries state."""

    def set_ok(self, cookie: http.cookiejar.Cookie, request: Any) -> bool:
        return False

    def return_ok(self, cookie: http.cookiejar.Cookie, request: Any) -> bool:
        return False


def make_fetcher(settings: OnlineSettings) -> tuple[Fetcher, httpx.Client]:
    """A Fetcher for online checks, and the HTTP client it uses (the caller closes it)."""
    client = httpx.Client(
        timeout=httpx.Timeout(settings.timeout),
        follow_redirects=False,
        http2=True,  # where the platform offers it (negotiated over TLS); HTTP/1.1 otherwise
        trust_env=False,  # no proxy credentials, no .netrc: nothing of the user's is sent anywhere
        cookies=http.cookiejar.CookieJar(policy=_RefuseAll()),
    )
    fetcher = Fetcher(
        client, timeout=settings.timeout, max_bytes=MAX_ANSWER_BYTES, retries=settings.retries,
        per_host=settings.per_host,
    )
    return fetcher, client


def parse_json(answer: Answer) -> Any:
    """The JSON body of an answer; Unverifiable for HTML, an empty body or malformed JSON."""
    body = answer.body.lstrip()
    if "html" in answer.content_type or body[:1] == b"<":
        raise Unverifiable("answered with HTML, not JSON")
    if not body:
        raise Unverifiable("answered with an empty body")
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as error:
        detail = str(error).split(":")[0] if isinstance(error, json.JSONDecodeError) else "not UTF-8"
        raise Unverifiable(f"answered with malformed JSON ({detail})") from None


class Client:
    """Guarded, cached, throttled requests; thread-safe."""

    def __init__(
        self,
        settings: OnlineSettings,
        fetcher: Fetcher,
        cache: Cache | None = None,
        *,
        resolver: Resolver = resolve_host,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.fetcher = fetcher
        self.cache = cache
        self.resolver = resolver
        self.monotonic = monotonic
        self._paused: dict[str, float] = {}
        self._lock = threading.Lock()

    def ask(
        self,
        url: str,
        *,
        method: str = "GET",
        accept: str | None = None,
        follow: bool = False,
        read: Callable[[Answer], tuple[_T, timedelta | None]],
    ) -> _T:
        """What ``read`` makes of the answer to ``method url``; redirects followed when ``follow``.

        ``read`` returns its result and how long the answer it read may be kept: None (or an
        Unverifiable it raises) for an answer that settles nothing, which is then not cached.
        A fresh cached answer is read again instead of asked for.
        """
        if self.cache is not None and (stored := self.cache.get(method, url)) is not None:
            return read(Answer(url, stored.status, stored.content_type, stored.location, stored.body))[0]
        answer = self._send(url, method, accept)
        seen = [url]
        while follow and answer.status in REDIRECT_STATUSES and answer.location:
            target = answer.location
            if target in seen:
                raise Unverifiable(f"redirect loop ({' → '.join(_short(u) for u in (*seen, target))})")
            if len(seen) > MAX_REDIRECTS:
                raise Unverifiable(f"more than {MAX_REDIRECTS} redirects")
            seen.append(target)
            answer = self._send(target, method, accept)
        if follow and answer.status in REDIRECT_STATUSES:
            raise Unverifiable(f"HTTP {answer.status} redirect without a Location")
        if answer.status == 429 or answer.status >= 500:
            if answer.status == 429:
                self._pause(answer.url)
            raise Unverifiable(f"{describe_status(answer.status)}, still after {self.fetcher.retries} retries")
        answer = Answer(url, answer.status, answer.content_type, answer.location, answer.body)
        result, keep = read(answer)
        if self.cache is not None and keep is not None:
            self.cache.put(method, url, Stored(answer.status, answer.content_type, answer.location, answer.body), keep)
        return result

    def _send(self, url: str, method: str, accept: str | None) -> Answer:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            until = self._paused.get(host)
        if until is not None and self.monotonic() < until:
            raise Unverifiable(f"{host} is rate-limiting us (HTTP 429); it is not asked again for a while")
        try:
            check_url(url, self.settings.trusted_hosts, self.resolver)
        except Unresolvable as error:
            raise Unverifiable(str(error)) from None
        except Refused as error:
            raise Unverifiable(f"refused: {error}") from None
        try:
            response = self.fetcher.request(url, method=method, accept=accept, error_bytes=ERROR_BYTES,
                                            max_wait=MAX_WAIT)
        except FetchError as error:
            if error.status == 429:
                self._pause(url)
            problem = error.problem
            if problem.startswith("too large"):
                problem = f"answer too large (over {MAX_ANSWER_BYTES // 1024} KiB)"
            raise Unverifiable(problem) from None
        location = response.headers.get("location")
        target = urljoin(url, location.strip()) if location and location.strip() else None
        return Answer(url, response.status, response.content_type, target, response.content)

    def _pause(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            self._paused[host] = self.monotonic() + THROTTLE_PAUSE


def _short(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}"
