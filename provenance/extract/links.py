"""Links to posts outside any embed: ``href`` attributes in HTML, bare URLs in text and Markdown.

A bare URL is read with its scheme (``https://``, and ``at://`` for Bluesky records) or, on the
hosts the platform modules list, without one (``instagram.com/p/CODE``, ``www.tiktok.com/@user/video/ID``,
``t.me/channel/42``), as people paste them into prose. Each is kept only when a platform reads it
as a single post.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

import regex

from provenance.model import Document, Fragment
from provenance.platforms import may_name_post, parse_url, platform_for_host

__all__ = ["find_links"]

#: An ``href`` attribute, its value quoted or not (``href=https://…``, as minified pages write it).
HREF = regex.compile(r"""\bhref\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+))""", regex.IGNORECASE)
#: A URL in running text: with a scheme, or a host name and a path without one (kept only when
#: a platform lists the host). Matching any host name and checking it after is several times
#: faster than an alternation of every platform's hosts.
BARE_URL = regex.compile(
    r"(?<![\w/.@-])(?:https?://|at://|(?P<host>(?:[a-z0-9-]+\.)+[a-z]{2,})/)[^\s<>\"'\]\)]+",
    regex.IGNORECASE,
)
TRAILING = ".,;:!?…'\""


def find_links(document: Document) -> Iterator[Fragment]:
    """Every link to a single post in ``document``'s text, in order."""
    text = document.text
    if document.kind == "html":
        matches = ((m.start(), next(value for value in m.groups() if value is not None), m.end())
                   for m in HREF.finditer(text, document.body_start))
        form = "a[href]"
    else:
        matches = (
            (m.start(), m.group(), m.end()) for m in BARE_URL.finditer(text, document.body_start)
            if m.group("host") is None or platform_for_host(m.group("host")) is not None
        )
        form = "bare-link"
    for offset, raw, end in matches:
        url = html.unescape(raw).strip().rstrip(TRAILING)
        # A page has thousands of links and a few posts: only the few are parsed.
        if not may_name_post(url):
            continue
        ref = parse_url(url)
        if ref is None or not ref.post_id or ref.url is None:
            continue
        line, column = document.position(offset)
        end_line, end_column = document.position(end)
        yield Fragment(
            kind="link",
            end_line=end_line,
            end_column=end_column,
            form=form,
            offset=offset,
            line=line,
            column=column,
            platform=ref.platform,
            url=url,
            post_id=ref.post_id,
            handle=ref.handle,
        )
