"""Does the post still exist, and who does the platform say posted it? Ask its oEmbed endpoint.

Each platform with a public, unauthenticated oEmbed endpoint declares it in its record
(``Platform.oembed``, :class:`provenance.platforms.oembed.OEmbed`): the configuration key and
default of its base URL, the post URL it is asked about, where its answer names the author, and
which answers definitely mean the post is gone. This module asks them all the same way.

Only a definite answer makes a post ``gone``: 404 or 410 from the endpoint (and X's 403 with
its JSON error, for protected posts and suspended accounts). A timeout, a 5xx, a 429, HTML or
malformed JSON leave it ``unknown`` with a note, never ``gone``, and is not cached: only a
``live`` answer (kept ``POSITIVE_TTL``) or a ``gone`` one (``NEGATIVE_TTL``) is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Literal
from urllib.parse import urlencode, urlsplit

from provenance.fetch import describe_status
from provenance.model import Citation
from provenance.online.cache import NEGATIVE_TTL, POSITIVE_TTL
from provenance.online.client import Answer, Client, Unverifiable, parse_json
from provenance.online.settings import OnlineSettings
from provenance.platforms import PLATFORMS
from provenance.platforms.oembed import Author, OEmbed, text_field

__all__ = ["ENDPOINTS", "Author", "Endpoint", "Outcome", "ask_oembed"]

#: The statuses that mean "no such post" from any oEmbed endpoint.
GONE_STATUSES = frozenset({404, 410})
#: How long the answer behind each outcome is cached; an ``unknown`` one is asked again next time.
_TTL: dict[str, timedelta] = {"live": POSITIVE_TTL, "gone": NEGATIVE_TTL}

#: One platform's oEmbed endpoint (declared in its record).
Endpoint = OEmbed
#: Platform → its oEmbed endpoint, read from the registry.
ENDPOINTS: dict[str, OEmbed] = {
    name: platform.oembed for name, platform in PLATFORMS.items() if platform.oembed is not None
}


@dataclass(frozen=True)
class Outcome:
    """What the platform said: live (with its author), gone (and why), or unknown (and why)."""

    status: Literal["live", "gone", "unknown"]
    author: Author | None = None
    reason: str | None = None
    note: str | None = None


def request_url(endpoint: OEmbed, settings: OnlineSettings, target: str) -> str:
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
    message = text_field(data, "error") or text_field(data, "message") or text_field(data, "status_msg")
    return " ".join(message.split())[:200] if message else None


def _gone(endpoint: OEmbed, answer: Answer) -> str | None:
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


def _outcome(endpoint: OEmbed, platform: str, what: str, answer: Answer) -> Outcome:
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
    if endpoint.deleted_author is not None and author.handle == endpoint.deleted_author:
        return Outcome("gone", reason=f"deleted: the platform shows its author as {endpoint.deleted_author}")
    return Outcome("live", author=author)
