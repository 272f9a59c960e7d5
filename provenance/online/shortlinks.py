"""Recover a post from its ``t.co`` or ``pic.twitter.com`` link by reading the redirect.

Flattened embeds keep ``pic.twitter.com/CODE`` but lose the status link. The short link
redirects to ``https://twitter.com/USER/status/ID/photo/1``, which names the post: its
permalink, its author and the ID that dates it. Only short-link hosts are ever requested, with
HEAD (GET when a server refuses HEAD, its body unread): the target itself is read, not fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from provenance.fetch import describe_status
from provenance.model import PostRef
from provenance.online.cache import NEGATIVE_TTL, REDIRECT_TTL
from provenance.online.client import Answer, Client, Unverifiable
from provenance.platforms import PLATFORMS, parse_url

__all__ = ["MAX_HOPS", "SHORT_HOSTS", "Resolution", "is_short_link", "resolve_short_link"]

#: Short-link hosts and the endpoint key each is asked through, as the platforms' records declare them.
SHORT_HOSTS = {
    host: key for platform in PLATFORMS.values() if platform.short_links is not None
    for host, key in platform.short_links.hosts
}
#: Short-link host → the platform whose posts its links lead to.
_HOST_PLATFORMS = {
    host: platform.name for platform in PLATFORMS.values() if platform.short_links is not None
    for host, _ in platform.short_links.hosts
}
#: A pic link goes to the status in one hop, a t.co link in one or two (t.co → pic → status).
MAX_HOPS = 4
_CODE = re.compile(r"[A-Za-z0-9_-]{1,40}")
_REFUSED_HEAD = frozenset({405, 501})
#: The statuses that mean the short link is dead (it may yet be fixed, so kept only NEGATIVE_TTL).
_DEAD = frozenset({404, 410})


@dataclass(frozen=True)
class Resolution:
    """Where a short link leads: the post it names, or why it names none."""

    post: PostRef | None = None
    #: Why no post was found, in one line.
    note: str | None = None


def _split(link: str) -> tuple[str, str] | None:
    """(host, code) of a short link written with or without its scheme."""
    text = link.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    code = parts.path.strip("/")
    if host not in SHORT_HOSTS or not _CODE.fullmatch(code):
        return None
    return host, code


def is_short_link(link: str) -> bool:
    """Whether ``link`` is a link with a code on a platform's short-link host (``t.co``, ``pic.twitter.com``)."""
    return _split(link) is not None


def _request_url(client: Client, link: str) -> str | None:
    """The URL to ask for ``link``: its host's configured base, then the code."""
    split = _split(link)
    if split is None:
        # A redirect to the configured base itself (a local mirror) is a short link too.
        for key in sorted(set(SHORT_HOSTS.values())):
            base = client.settings.endpoint(key).rstrip("/") + "/"
            code = link[len(base):] if link.startswith(base) else ""
            if code and _CODE.fullmatch(code):
                return base + code
        return None
    host, code = split
    return f"{client.settings.endpoint(SHORT_HOSTS[host]).rstrip('/')}/{code}"


def _read(answer: Answer) -> tuple[Answer, timedelta | None]:
    """The answer and how long to keep it: a redirect never changes; a dead link may yet be fixed.

    Anything else (a 403 from a blocking proxy, a 200 page, a 3xx without a Location) says
    nothing definite about the link and is not kept.
    """
    if 300 <= answer.status < 400 and answer.location is not None:
        return answer, REDIRECT_TTL
    return answer, NEGATIVE_TTL if answer.status in _DEAD else None


def _ask(client: Client, url: str) -> Answer:
    answer = client.ask(url, method="HEAD", read=_read)
    if answer.status in _REFUSED_HEAD:
        answer = client.ask(url, method="GET", read=_read)
    return answer


def resolve_short_link(client: Client, link: str) -> Resolution:
    """The post a short link leads to, reading redirects up to ``MAX_HOPS`` without fetching the post."""
    url = _request_url(client, link)
    split = _split(link)
    platforms = {_HOST_PLATFORMS[split[0]]} if split is not None else set(_HOST_PLATFORMS.values())
    if url is None:
        return Resolution(note=f"{link} is not a short link ({', '.join(SHORT_HOSTS)})")
    seen: list[str] = []
    for _ in range(MAX_HOPS):
        if url in seen:
            return Resolution(note=f"{link}: redirect loop")
        seen.append(url)
        try:
            answer = _ask(client, url)
        except Unverifiable as error:
            return Resolution(note=f"{link}: {error}")
        if answer.location is None:
            status = describe_status(answer.status)
            return Resolution(note=f"{link}: no redirect ({status})")
        target = answer.location
        ref = parse_url(target)
        # A numeric ID names a post; X's media keys, which its photo links also carry, do not.
        if ref is not None and ref.platform in platforms and ref.post_id and ref.post_id.isdigit():
            return Resolution(post=ref)
        next_url = _request_url(client, target)
        if next_url is None:
            return Resolution(note=f"{link} leads to {target}, not to a post")
        url = next_url
    return Resolution(note=f"{link}: more than {MAX_HOPS} redirects")
