"""A post's URL alone in a paragraph: the unrendered oEmbed form of WordPress and other CMSs.

WordPress turns a post's URL written on a line of its own into the platform's embed code when
the page is rendered; saved before rendering, or when the platform does not answer, the page
keeps ``<p>URL</p>`` (or ``<p><a href="URL">URL</a></p>``, the URL made a link to itself). The
author put the post there to be shown, so it is an embed citation (form ``bare-url-paragraph``),
not a link. Only platforms that declare the form (``bare-url``) are read, and only when the URL
is the paragraph's whole content: a link with other text, or a paragraph with words around the
URL, is a link in prose.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

import regex

from provenance.model import Document, Fragment
from provenance.platforms import PLATFORMS, may_name_post, parse_url
from provenance.platforms.forms import BARE_URL_FORM

__all__ = ["find_bare_url_paragraphs"]

#: ``<p>`` holding nothing but a URL, or one link whose text is a URL; unquoted attributes too.
PARAGRAPH = regex.compile(
    r"<p\b[^>]*>\s*(?:<a\b(?P<anchor>[^>]*)>\s*)?(?P<url>(?:https?:)?//[^\s<>\"']{4,2000})\s*(?(anchor)</a\s*>\s*)</p\s*>",
    regex.IGNORECASE,
)
HREF = regex.compile(r"""\bhref\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+))""", regex.IGNORECASE)
_PLATFORMS = frozenset(
    name for name, platform in PLATFORMS.items() if any(form.kind == "bare-url" for form in platform.forms)
)


def _same(first: str, second: str) -> bool:
    a, b = parse_url(first), parse_url(second)
    return a is not None and b is not None and (a.platform, a.post_id) == (b.platform, b.post_id)


def find_bare_url_paragraphs(document: Document) -> Iterator[tuple[Fragment, int]]:
    """Every paragraph of ``document``'s HTML that is a post's URL alone, with where it ends."""
    text = document.text
    for match in PARAGRAPH.finditer(text, document.body_start):
        url = html.unescape(match.group("url")).rstrip(".,;:!?")
        if not may_name_post(url):
            continue
        ref = parse_url(url)
        if ref is None or not ref.post_id or ref.platform not in _PLATFORMS:
            continue
        if match.group("anchor") is not None:
            href = HREF.search(match.group("anchor"))
            target = next((value for value in href.groups() if value), "") if href else ""
            if not _same(html.unescape(target), url):
                continue  # the link goes somewhere else: prose that happens to show a URL
        line, column = document.position(match.start())
        yield Fragment(
            kind="embed", form=BARE_URL_FORM, offset=match.start(), line=line, column=column, platform=ref.platform,
            url=url, post_id=ref.post_id, handle=ref.handle,
        ), match.end()
