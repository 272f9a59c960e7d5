"""Links to posts outside any embed: ``href`` attributes in HTML, bare URLs in text and Markdown.

A bare URL is read with its scheme (``https://``, and ``at://`` for Bluesky records) or, on the
hosts the platform modules list, without one (``instagram.com/p/CODE``, ``www.tiktok.com/@user/video/ID``,
``t.me/channel/42``), as people paste them into prose. Each is kept only when a platform reads it
as a single post.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from functools import lru_cache

import regex

from provenance.model import Document, Fragment
from provenance.platforms import parse_url, platform_for_host

__all__ = ["find_links"]

HREF = regex.compile(r"""\bhref\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""", regex.IGNORECASE)
#: A URL in running text: with a scheme, or a host name and a path without one (kept only when
#: a platform lists the host). Matching any host name and checking it after is several times
#: faster than an alternation of every platform's hosts.
BARE_URL = regex.compile(
    r"(?<![\w/.@-])(?:https?://|at://|(?P<host>(?:[a-z0-9-]+\.)+[a-z]{2,})/)[^\s<>\"'\]\)]+",
    regex.IGNORECASE,
)
TRAILING = ".,;:!?…'\""
#: Where a link's host stands; a link is parsed only when a platform owns its host, or when its
#: path has the shape of a post on servers no list can hold (Mastodon's ``/@user/ID`` and
#: ``/users/u/statuses/ID``), or it is an ``at://`` URI. A page has thousands of links and a few
#: posts: this keeps the parsing to the few.
_HOST = regex.compile(r"\s*(?:[a-z][a-z0-9+.-]*:)?//([^/?#\s:@]+)", regex.IGNORECASE)


@lru_cache(maxsize=1024)
def _owned(host: str) -> bool:
    # Cached: a page links to the same few hosts hundreds of times.
    return platform_for_host(host) is not None


def _candidate(raw: str) -> bool:
    """Whether ``raw`` may name a post, judged without parsing it."""
    if "/@" in raw or "/users/" in raw or raw.lstrip().lower().startswith("at://"):
        return True
    host = _HOST.match(raw)
    return host is not None and _owned(host.group(1))


def find_links(document: Document) -> Iterator[Fragment]:
    """Every link to a single post in ``document``'s text, in order."""
    text = document.text
    if document.kind == "html":
        matches = ((m.start(), m.group("dq") if m.group("dq") is not None else m.group("sq"))
                   for m in HREF.finditer(text, document.body_start))
        form = "a[href]"
    else:
        matches = (
            (m.start(), m.group()) for m in BARE_URL.finditer(text, document.body_start)
            if m.group("host") is None or _owned(m.group("host"))
        )
        form = "bare-link"
    for offset, raw in matches:
        if form == "a[href]" and not _candidate(raw):
            continue
        url = html.unescape(raw).strip().rstrip(TRAILING)
        ref = parse_url(url)
        if ref is None or not ref.post_id or ref.url is None:
            continue
        line, column = document.position(offset)
        yield Fragment(
            kind="link",
            form=form,
            offset=offset,
            line=line,
            column=column,
            platform=ref.platform,
            url=url,
            post_id=ref.post_id,
            handle=ref.handle,
        )
