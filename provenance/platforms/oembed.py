"""A platform's oEmbed endpoint, declared in its record (``Platform.oembed``).

:mod:`provenance.online.oembed` asks the endpoints; what is particular to each platform (the
configuration key and public default of its base URL, the post URL it is asked about, where its
answer names the author, which answers mean the post is gone) is declared here, in the platform's
module, with the helpers those declarations share.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from provenance.model import Citation

__all__ = ["Author", "OEmbed", "author_from_url", "permalink_target", "text_field"]


@dataclass(frozen=True)
class Author:
    """The author an oEmbed answer names."""

    handle: str | None = None
    name: str | None = None
    url: str | None = None


def text_field(data: Mapping[str, Any], key: str) -> str | None:
    """The stripped string under ``key`` in an oEmbed answer, or None when it is missing or blank."""
    value = data.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _last_segment(url: str | None) -> str | None:
    if not url:
        return None
    try:
        # The path's segments, read here: base.py's Platform record names this module's OEmbed,
        # so importing base's helper would make the two modules import each other.
        segments = [segment for segment in urlsplit(url).path.split("/") if segment]
    except ValueError:
        return None
    return segments[-1] if segments else None


def author_from_url(data: Mapping[str, Any], *, at_sign: bool = False) -> Author:
    """The handle is the profile URL's last path segment (``/@user`` when ``at_sign``)."""
    url = text_field(data, "author_url")
    segment = _last_segment(url)
    if segment is not None and at_sign:
        segment = segment[1:] if segment.startswith("@") and len(segment) > 1 else None
    return Author(segment, text_field(data, "author_name"), url)


def author_from_at_url(data: Mapping[str, Any]) -> Author:
    """The handle is the profile URL's last path segment after its ``@`` (``/@user``)."""
    return author_from_url(data, at_sign=True)


def permalink_target(citation: Citation) -> str | None:
    """The cited post's own URL, when the citation names a post."""
    return citation.url if citation.post_id else None


@dataclass(frozen=True)
class OEmbed:
    """One platform's public, unauthenticated oEmbed endpoint."""

    #: The configuration key of its base URL (``oembed-NAME``).
    key: str
    #: The public default of that base URL; ``{server}`` stands for the post's own server's host.
    default: str
    #: The JSON answer → the author it names.
    author: Callable[[Mapping[str, Any]], Author] = author_from_url
    #: Citation → the post URL to ask about; None when the citation does not name one.
    target: Callable[[Citation], str | None] = permalink_target
    #: Query parameters besides ``url``.
    extra: tuple[tuple[str, str], ...] = ()
    #: Statuses besides 404 and 410 that definitely mean the post is gone, when the body is JSON.
    gone_when_json: frozenset[int] = frozenset()
    #: The author name the platform shows for a post whose author deleted it: such a post is gone.
    deleted_author: str | None = None
