"""Does the post still exist, and who does the platform say posted it? One oEmbed table.

Each platform with a public, unauthenticated oEmbed endpoint has one :class:`Endpoint`: the
configuration key of its base URL, the post URL it is asked about, where its answer names the
author, and which answers definitely mean the post is gone. To add a platform, add a row to
``ENDPOINTS`` (and its default base URL to ``settings.ENDPOINTS``).

Only a definite answer makes a post ``gone``: 404 or 410 from the endpoint (and X's 403 with
its JSON error, for protected posts and suspended accounts). A timeout, a 5xx, a 429, HTML or
malformed JSON leave it ``unknown`` with a note, never ``gone``, and is not cached: only a
``live`` answer (kept ``POSITIVE_TTL``) or a ``gone`` one (``NEGATIVE_TTL``) is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal
from urllib.parse import urlencode, urlsplit

from provenance.fetch import describe_status
from provenance.model import Citation
from provenance.online.cache import NEGATIVE_TTL, POSITIVE_TTL
from provenance.online.client import Answer, Client, Unverifiable, parse_json
from provenance.online.settings import OnlineSettings
from provenance.platforms import PLATFORMS
from provenance.platforms.base import split_path

__all__ = ["ENDPOINTS", "Author", "Endpoint", "Outcome", "ask_oembed"]

#: The statuses that mean "no such post" from any oEmbed endpoint.
GONE_STATUSES = frozenset({404, 410})
#: Reddit shows a post whose author deleted it (or their account) with this author name.
REDDIT_DELETED = "[deleted]"
#: How long the answer behind each outcome is cached; an ``unknown`` one is asked again next time.
_TTL: dict[str, timedelta] = {"live": POSITIVE_TTL, "gone": NEGATIVE_TTL}


@dataclass(frozen=True)
class Author:
    """The author an oEmbed answer names."""

    handle: str | None = None
    name: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What the platform said: live (with its author), gone (and why), or unknown (and why)."""

    status: Literal["live", "gone", "unknown"]
    author: Author | None = None
    reason: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Endpoint:
    """One platform's oEmbed endpoint."""

    #: The configuration key of its base URL (``settings.ENDPOINTS``).
    key: str
    #: Citation → the post URL to ask about; None when the citation does not name one.
    target: Callable[[Citation], str | None]
    #: The JSON answer → the author it names.
    author: Callable[[Mapping[str, Any]], Author]
    #: Query parameters besides ``url``.
    extra: tuple[tuple[str, str], ...] = ()
    #: Statuses besides 404 and 410 that definitely mean the post is gone, when the body is JSON.
    gone_when_json: frozenset[int] = frozenset()


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _last_segment(url: str | None) -> str | None:
    if not url:
        return None
    try:
        segments = split_path(urlsplit(url))
    except ValueError:
        return None
    return segments[-1] if segments else None


def _author_from_url(data: Mapping[str, Any], *, at_sign: bool = False) -> Author:
    """The handle is the profile URL's last path segment (``/@user`` when ``at_sign``)."""
    url = _text(data, "author_url")
    segment = _last_segment(url)
    if segment is not None and at_sign:
        segment = segment[1:] if segment.startswith("@") and len(segment) > 1 else None
    return Author(segment, _text(data, "author_name"), url)


def _x_target(citation: Citation) -> str | None:
    if not citation.post_id or not citation.post_id.isdigit():
        return None  # a media key names an upload, not a post
    return f"https://twitter.com/{citation.url_handle or citation.handle or 'i'}/status/{citation.post_id}"


def _youtube_target(citation: Citation) -> str | None:
    return f"https://www.youtube.com/watch?v={citation.post_id}" if citation.post_id else None


def _permalink(citation: Citation) -> str | None:
    return citation.url if citation.post_id else None


def _tiktok_author(data: Mapping[str, Any]) -> Author:
    found = _author_from_url(data, at_sign=True)
    return Author(_text(data, "author_unique_id") or found.handle, found.name, found.url)


def _bluesky_author(data: Mapping[str, Any]) -> Author:
    found = _author_from_url(data)
    handle = found.handle if found.handle and not found.handle.startswith("did:") else None
    return Author(handle, found.name, found.url)


def _reddit_author(data: Mapping[str, Any]) -> Author:
    name = _text(data, "author_name")
    handle = name.removeprefix("u/") if name else None
    return Author(handle, None, _text(data, "author_url"))


ENDPOINTS: dict[str, Endpoint] = {
    "x": Endpoint("oembed-x", _x_target, _author_from_url, (("omit_script", "true"), ("dnt", "true")),
                  gone_when_json=frozenset({403})),
    "youtube": Endpoint("oembed-youtube", _youtube_target, lambda d: _author_from_url(d, at_sign=True),
                        (("format", "json"),)),
    "tiktok": Endpoint("oembed-tiktok", _permalink, _tiktok_author),
    "bluesky": Endpoint("oembed-bluesky", _permalink, _bluesky_author, (("format", "json"),)),
    "reddit": Endpoint("oembed-reddit", _permalink, _reddit_author),
    "mastodon": Endpoint("oembed-mastodon", _permalink, lambda d: _author_from_url(d, at_sign=True)),
}


def request_url(endpoint: Endpoint, settings: OnlineSettings, target: str) -> str:
    """The oEmbed request for post ``target``."""
    base = settings.endpoint(endpoint.key)
    if "{server}" in base:
        base = base.replace("{server}", urlsplit(target).netloc)
    query = urlencode([("url", target), *endpoint.extra])
    return f"{base}{'&' if '?' in base else '?'}{query}"


def _platform_message(answer: Answer) -> str | None:
    """The error message a JSON error body carries (``error``, ``message``, ``errors[0].message``)."""
    try:
        data = parse_json(answer)
    except Unverifiable:
        return None
    if not isinstance(data, dict):
        return None
    errors = data.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        data = errors[0]
    message = _text(data, "error") or _text(data, "message") or _text(data, "status_msg")
    return " ".join(message.split())[:200] if message else None


def _gone(endpoint: Endpoint, answer: Answer) -> str | None:
    """Why the answer definitely means the post is gone, or None."""
    json_error = "json" in answer.content_type
    if answer.status in GONE_STATUSES or (answer.status in endpoint.gone_when_json and json_error):
        message = _platform_message(answer)
        return f"{describe_status(answer.status)}: {message}" if message else describe_status(answer.status)
    return None


def ask_oembed(client: Client, platform: str, citation: Citation) -> Outcome:
    """What the platform's oEmbed endpoint says about the cited post."""
    endpoint = ENDPOINTS.get(platform)
    if endpoint is None:
        title = PLATFORMS[platform].title if platform in PLATFORMS else platform
        return Outcome("unknown", note=f"no public endpoint to ask {title}")
    target = endpoint.target(citation)
    if target is None:
        return Outcome("unknown", note="no post URL to ask about")
    url = request_url(endpoint, client.settings, target)
    what = f"oEmbed ({urlsplit(url).netloc})"

    def read(answer: Answer) -> tuple[Outcome, timedelta | None]:
        outcome = _outcome(endpoint, platform, what, answer)
        return outcome, _TTL.get(outcome.status)

    try:
        return client.ask(url, accept="application/json", follow=True, read=read)
    except Unverifiable as error:
        return Outcome("unknown", note=f"{what}: {error}")


def _outcome(endpoint: Endpoint, platform: str, what: str, answer: Answer) -> Outcome:
    """What one answer of ``endpoint`` (asked as ``what``) says about the post."""
    if (reason := _gone(endpoint, answer)) is not None:
        return Outcome("gone", reason=reason)
    if answer.status != 200:
        message = _platform_message(answer)
        status = describe_status(answer.status)
        return Outcome("unknown", note=f"{what}: {status}: {message}" if message else f"{what}: {status}")
    try:
        data = parse_json(answer)
    except Unverifiable as error:
        return Outcome("unknown", note=f"{what}: {error}")
    if not isinstance(data, dict):
        return Outcome("unknown", note=f"{what}: answered with JSON that is not an oEmbed object")
    author = endpoint.author(data)
    if platform == "reddit" and author.handle == REDDIT_DELETED:
        return Outcome("gone", reason=f"deleted: the platform shows its author as {REDDIT_DELETED}")
    return Outcome("live", author=author)
