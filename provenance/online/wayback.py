"""Is there an archived copy of the post? The Wayback Machine's CDX and availability APIs.

The CDX API lists captures oldest first, so ``limit=1`` with ``filter=statuscode:200`` is the
earliest capture of the page as it was served: the copy an editor can put in place of an embed
whose post vanished. When the CDX server gives no answer (it is often slow), the availability
API is asked for the capture closest to 1996, which is the earliest it knows. Captures are
matched by exact URL, so a platform whose posts have several equivalent URLs declares them
(``Platform.archive_urls``: for X both ``twitter.com`` and ``x.com`` forms) and each is asked.

An answer is cached only once read: a capture for ``POSITIVE_TTL``, a definite "none" for
``NEGATIVE_TTL``; one that does not parse (HTML, malformed JSON, an unexpected shape, an
availability answer without ``archived_snapshots``) is not, and leaves the archive ``unknown``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit

from provenance.fetch import describe_status
from provenance.model import Citation
from provenance.online.cache import NEGATIVE_TTL, POSITIVE_TTL
from provenance.online.client import Answer, Client, Unverifiable, parse_json
from provenance.platforms import PLATFORMS

__all__ = ["ARCHIVE_WEB", "MAX_CANDIDATES", "Capture", "candidates", "earliest_capture"]

#: Where a capture is shown: ``ARCHIVE_WEB/TIMESTAMP/URL``.
ARCHIVE_WEB = "https://web.archive.org/web"
#: URLs asked per post: the twitter.com and x.com forms under two handles at most (the shown one
#: and the one the platform reports, which differ after a rename).
MAX_CANDIDATES = 4
#: The availability API returns the capture closest to a timestamp: one before the Wayback
#: Machine's first capture asks for its earliest.
EARLIEST = "19960101"
#: The most of an archive's own error text a note quotes: enough for a reason, not a page.
MAX_EXCERPT = 200


@dataclass(frozen=True)
class Capture:
    """The earliest archived copy, the definite absence of one, or why neither is known."""

    status: Literal["archived", "none", "unknown"]
    url: str | None = None
    at: datetime | None = None
    note: str | None = None


def candidates(citation: Citation, author_handle: str | None = None) -> list[str]:
    """The URLs under which the post may have been archived, most likely first."""
    if citation.url is None:
        return []
    platform = PLATFORMS.get(citation.platform)
    if platform is None or platform.archive_urls is None or not citation.post_id:
        return [citation.url]
    handles = tuple(h for h in dict.fromkeys((citation.url_handle or citation.handle, author_handle)) if h)
    urls = list(platform.archive_urls(handles, citation.post_id))
    return (urls or [citation.url])[:MAX_CANDIDATES]


def _timestamp(text: object) -> datetime | None:
    """A Wayback timestamp (``YYYYMMDDhhmmss``, possibly shorter) as a UTC datetime."""
    if not isinstance(text, str) or not text.isdigit() or not 4 <= len(text) <= 14:
        return None
    padded = text + "0101000000"[len(text) - 4:] if len(text) < 14 else text
    try:
        return datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _cdx_rows(data: Any) -> list[dict[str, str]]:
    """The rows of a CDX JSON answer as dicts; ValueError when it is not one."""
    if not isinstance(data, list) or not all(
        isinstance(row, list) and all(isinstance(cell, str) for cell in row) for row in data
    ):
        raise ValueError("not a CDX list of rows of strings")
    if not data:
        return []
    header, *rows = data
    if "timestamp" not in header or "original" not in header:
        raise ValueError("no timestamp and original columns")
    return [dict(zip(header, row, strict=False)) for row in rows]


def _ask(client: Client, key: str, params: list[tuple[str, str]], read: Callable[[Answer], Capture]) -> Capture:
    """What ``read`` makes of the 200 answer of a Wayback API; Unverifiable for any other status.

    Only a definite capture or absence is cached (an absence for ``NEGATIVE_TTL`` only): ``read``
    raises Unverifiable for a body it cannot parse, and nothing is kept.
    """
    base = client.settings.endpoint(key)
    url = f"{base}{'&' if '?' in base else '?'}{urlencode(params)}"

    def read_answer(answer: Answer) -> tuple[Capture, timedelta]:
        if answer.status != 200:
            raise Unverifiable(describe_status(answer.status))
        capture = read(answer)
        return capture, NEGATIVE_TTL if capture.status == "none" else POSITIVE_TTL

    return client.ask(url, accept="application/json", follow=True, read=read_answer)


def _cdx(client: Client, url: str) -> Capture:
    params = [("url", url), ("output", "json"), ("limit", "1"), ("filter", "statuscode:200"),
              ("fl", "timestamp,original")]
    return _ask(client, "wayback-cdx", params, partial(_read_cdx, url=url))


def _read_cdx(answer: Answer, *, url: str) -> Capture:
    """The capture a CDX answer names for ``url``, or none."""
    # The CDX server answers a URL it never saw with an empty body rather than [].
    data = parse_json(answer) if answer.body.strip() else []
    try:
        rows = _cdx_rows(data)
    except ValueError as error:
        raise Unverifiable(f"answered with an unexpected CDX list ({error})") from None
    if not rows:
        return Capture("none")
    moment = _timestamp(rows[0].get("timestamp"))
    original = rows[0].get("original") or url
    if moment is None:
        raise Unverifiable(f"answered with a malformed timestamp {rows[0].get('timestamp')!r}")
    return Capture("archived", f"{ARCHIVE_WEB}/{rows[0]['timestamp']}/{original}", moment)


def _available(client: Client, url: str) -> Capture:
    return _ask(client, "wayback-available", [("url", url), ("timestamp", EARLIEST)], _read_available)


def _read_available(answer: Answer) -> Capture:
    """The capture an availability answer names, or none when it says there is none.

    Only ``"archived_snapshots": {}`` (or a closest capture marked unavailable) says so; any other
    shape, such as ``{"url": …, "error": …}`` while the archive is failing, is no answer.
    """
    data = parse_json(answer)
    if not isinstance(data, dict):
        raise Unverifiable("answered with JSON that is not an availability object")
    snapshots = data.get("archived_snapshots")
    if not isinstance(snapshots, dict):
        error = data.get("error")
        said = f" (error: {' '.join(error.split())[:MAX_EXCERPT]})" if isinstance(error, str) and error.strip() else ""
        raise Unverifiable(f"answered without archived_snapshots{said}")
    if not snapshots:
        return Capture("none")
    closest = snapshots.get("closest")
    if not isinstance(closest, dict):
        raise Unverifiable("answered with archived_snapshots but no closest capture")
    if closest.get("available") is False:
        return Capture("none")
    moment = _timestamp(closest.get("timestamp"))
    found = closest.get("url")
    if moment is None or not isinstance(found, str):
        raise Unverifiable("answered with a capture without a timestamp or URL")
    if found.startswith("http://"):
        found = "https://" + found.removeprefix("http://")
    return Capture("archived", found, moment)


def earliest_capture(client: Client, urls: Sequence[str]) -> Capture:
    """The earliest capture of the first of ``urls`` that has one (they are the same post's URLs,
    most likely first); ``none`` only when every URL definitely has none."""
    notes: list[str] = []
    for url in urls:
        try:
            found = _cdx(client, url)
        except Unverifiable as error:
            try:
                found = _available(client, url)
            except Unverifiable as fallback:
                notes.append(f"CDX ({_host(client, 'wayback-cdx')}): {error}")
                notes.append(f"availability ({_host(client, 'wayback-available')}): {fallback}")
                continue
        if found.status == "archived":
            return found
    if notes:
        return Capture("unknown", note="; ".join(dict.fromkeys(notes)))
    return Capture("none")


def _host(client: Client, key: str) -> str:
    return urlsplit(client.settings.endpoint(key)).netloc
