"""The platform registry: one module per platform, listed here once.

To add a platform, write ``platforms/NAME.py`` with a module docstring (the platform's manual:
link shapes, canonical permalink, what the ID encodes, the shown date's zone) and a
``PLATFORM`` record (see :class:`~provenance.platforms.base.Platform`: its forms, shortcodes,
flattened anchors, short links, oEmbed endpoint and post kind are fields of it), put the words
prose names it by in ``platforms/data/NAME/mentions.json``, add it to ``PLATFORMS`` below, and
add its tests under ``tests/platforms/``; docs/platforms.md, "Adding a platform", is the recipe.
Everything outside this package (the extractors, the article-date readers, the rules, the oEmbed
client, the commands, the reference styles) reads these records and keeps no per-platform table
of its own.

A URL goes to the platform that owns its host (or a parent domain of it); a URI scheme other
than http(s) goes to the platform that owns the scheme (``at://`` → Bluesky), unsplit by host
since an AT-URI's authority is a DID full of colons; a URL on a host nobody owns is offered to
the platforms that run on any host (Mastodon), which accept only their own path shapes and
list in ``path_marks`` what those paths hold. From the schemes, hosts and marks,
:func:`may_name_post` tells without parsing which URLs can name a post at all, so that a page's
hundreds of other links cost a look-up each.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from urllib.parse import SplitResult, urlsplit

from provenance import caches
from provenance.model import IdTime, PostRef
from provenance.platforms import (
    bluesky,
    discord,
    facebook,
    instagram,
    linkedin,
    mastodon,
    reddit,
    telegram,
    threads,
    tiktok,
    vimeo,
    x,
    youtube,
)
from provenance.platforms.base import Platform, no_time

__all__ = [
    "ALIASES",
    "BARE_ID_PLATFORM",
    "PLATFORMS",
    "Platform",
    "decode_time",
    "get",
    "may_name_post",
    "mention_words",
    "owner",
    "parse_id",
    "parse_url",
    "platform_for_host",
]

PLATFORMS: dict[str, Platform] = {
    platform.name: platform
    for platform in (
        x.PLATFORM,
        instagram.PLATFORM,
        facebook.PLATFORM,
        youtube.PLATFORM,
        tiktok.PLATFORM,
        bluesky.PLATFORM,
        mastodon.PLATFORM,
        threads.PLATFORM,
        reddit.PLATFORM,
        telegram.PLATFORM,
        linkedin.PLATFORM,
        discord.PLATFORM,
        vimeo.PLATFORM,
    )
}


def _bare_id_platform() -> Platform:
    """The one platform whose record says a bare ID with no platform named is its post's."""
    found = [platform for platform in PLATFORMS.values() if platform.bare_id_default]
    if len(found) != 1:
        raise RuntimeError(f"exactly one platform reads bare IDs by default, not {[p.name for p in found]}")
    return found[0]


#: The platform a bare ID is read for when no platform is named (X).
BARE_ID_PLATFORM = _bare_id_platform()
#: Other names people use for a platform (each record's ``aliases``) → its name.
ALIASES = {alias: platform.name for platform in PLATFORMS.values() for alias in platform.aliases}

_BY_HOST: dict[str, Platform] = {host: p for p in PLATFORMS.values() for host in p.hosts}
_BY_SCHEME: dict[str, Platform] = {scheme: p for p in PLATFORMS.values() for scheme in p.schemes}
_ANY_HOST = tuple(p for p in PLATFORMS.values() if p.any_host)

#: Host prefixes that name the same site as the bare host.
_HOST_PREFIXES = ("www.", "mobile.", "m.", "web.", "mbasic.", "old.", "new.", "np.")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
#: Any path mark of a platform that runs on any host (one search is cheaper than a loop).
_ANY_HOST_MARK = re.compile("|".join(re.escape(mark) for p in _ANY_HOST for mark in p.path_marks) or "(?!)")
#: The host :func:`_split` finds: after an http(s) scheme, ``//`` or nothing, and any user
#: name; before the port. Other schemes leave the scheme's name here, which no platform owns.
_HOST = re.compile(r"(?:https?:)?(?://)?(?:[^/?#]*@)?([^/?#:@]*)", re.IGNORECASE)


def _site(host: str) -> str:
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix) :]
    return host


#: The folder of the platforms' data, inside the package: ``data/NAME/`` per platform.
DATA = ("platforms", "data")
#: The kinds of mention word a platform's ``mentions.json`` lists per language.
MENTION_KINDS = ("names", "verbs", "posts")


@caches.register
@cache
def mention_words() -> dict[str, dict[str, dict[str, list[str]]]]:
    """Language → kind (``names``, ``verbs``, ``posts``) → platform → the words prose names it by,
    read from each platform's ``data/NAME/mentions.json`` (in the registry's order)."""
    found: dict[str, dict[str, dict[str, list[str]]]] = {}
    folder = resources.files("provenance").joinpath(*DATA)
    for name in PLATFORMS:
        item = folder.joinpath(name, "mentions.json")
        if not item.is_file():
            continue
        for lang, kinds in json.loads(item.read_text(encoding="utf-8")).items():
            for kind, words in kinds.items():
                if kind not in MENTION_KINDS:
                    raise ValueError(f"platforms/data/{name}/mentions.json: {lang}: unknown kind {kind!r}")
                found.setdefault(lang, {}).setdefault(kind, {})[name] = list(words)
    return found


def get(name: str) -> Platform:
    """The platform called ``name`` or one of its aliases; raise ValueError if none is."""
    key = name.strip().lower()
    platform = PLATFORMS.get(ALIASES.get(key, key))
    if platform is None:
        choices = ", ".join(sorted(PLATFORMS))
        raise ValueError(f"unknown platform {name!r} (choose from {choices})")
    return platform


@caches.register
@lru_cache(maxsize=1024)
def platform_for_host(host: str) -> Platform | None:
    """The platform that owns ``host`` (or a parent domain of it), if any."""
    # Cached: a page links to the same few hosts hundreds of times.
    host = _site(host.lower().rstrip("."))
    while host:
        if (platform := _BY_HOST.get(host)) is not None:
            return platform
        _, _, host = host.partition(".")
    return None


def may_name_post(url: str) -> bool:
    """Whether :func:`parse_url` may read a post in ``url``, judged without parsing it.

    True when the URL's scheme or host belongs to a platform, or its path holds a mark of a
    post link of a platform that runs on any host; never false where ``parse_url`` reads a post.
    """
    url = url.strip()
    if (scheme := _SCHEME.match(url)) and scheme[1].lower() in _BY_SCHEME:
        return True
    host = _HOST.match(url)
    if host is not None and platform_for_host(host[1]) is not None:
        return True
    return _ANY_HOST_MARK.search(url) is not None


def _split(url: str) -> tuple[SplitResult, str] | None:
    """The split URL and its lower-case host, or None when it is not an http(s) URL."""
    if url.startswith("//"):
        url = "https:" + url
    elif "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    if not host or parts.scheme not in ("http", "https"):
        return None
    return parts, host


def owner(url: str) -> Platform | None:
    """The platform whose host or URI scheme ``url`` is on, whether or not it names a post."""
    url = url.strip()
    if (scheme := _SCHEME.match(url)) and (by_scheme := _BY_SCHEME.get(scheme[1].lower())):
        return by_scheme
    split = _split(url)
    return platform_for_host(split[1]) if split is not None else None


def parse_url(url: str) -> PostRef | None:
    """The post a URL names, or None when no known platform reads it."""
    url = url.strip()
    if (scheme := _SCHEME.match(url)) and (owner := _BY_SCHEME.get(scheme[1].lower())):
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        return owner.parse_url(parts._replace(scheme=parts.scheme.lower()))
    split = _split(url)
    if split is None:
        return None
    parts, host = split
    platform = platform_for_host(host)
    if platform is not None:
        return platform.parse_url(parts._replace(netloc=_site(host)))
    # A server of an any-host platform keeps its full name: ``m.`` may be part of it.
    parts = parts._replace(netloc=host)
    for platform in _ANY_HOST:
        if (ref := platform.parse_url(parts)) is not None:
            return ref
    return None


def parse_id(raw: str, platform: str) -> PostRef | None:
    """The post a bare ID or record key names on ``platform``, or None if it is not one."""
    return get(platform).parse_id(raw)


def decode_time(ref: PostRef) -> IdTime:
    """The creation time the post's ID encodes, or an IdTime saying why there is none."""
    platform = PLATFORMS.get(ref.platform)
    if platform is None:
        return no_time(f"unknown platform {ref.platform!r}")
    return platform.decode_time(ref)
