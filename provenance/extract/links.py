"""Links to posts outside any embed: ``href`` attributes in HTML, bare URLs in text and Markdown.

A bare URL is read with its scheme (``https://``, and ``at://`` for Bluesky records) or, on the
hosts the platform modules list, without one (``instagram.com/p/CODE``, ``www.tiktok.com/@user/video/ID``,
``t.me/channel/42``), as people paste them into prose. Each is kept only when a platform reads it
as a single post.

In HTML, a URL with its scheme written in the page's text (a footnote ``[3] https://…``, a
reference list, a source line) is a bare link too; one in a tag's attribute, a script, a style,
an HTML comment or inside a link (whose ``href`` is read) is not.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Iterator

import regex

from provenance.extract.scan import LiteralSet, backend, page_occurrences
from provenance.model import Document, Fragment
from provenance.platforms import may_name_post, parse_url, platform_for_host

__all__ = ["find_links"]

#: An ``href`` attribute, its value quoted or not (``href=https://…``, as minified pages write it).
HREF = regex.compile(r"""\bhref\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+))""", regex.IGNORECASE)
#: ``HREF``'s word, found in the page's one scan (:mod:`provenance.extract.scan`): no other
#: character matches one of its letters in any case, so every match starts where it stands.
_HREF_WORD = LiteralSet(["href"], every_page=True)
#: A URL in running text: with a scheme, or a host name and a path without one (kept only when
#: a platform lists the host). Matching any host name and checking it after is several times
#: faster than an alternation of every platform's hosts.
BARE_URL = regex.compile(
    r"(?<![\w/.@-])(?:https?://|at://|(?P<host>(?:[a-z0-9-]+\.)+[a-z]{2,})/)[^\s<>\"'\]\)]+",
    regex.IGNORECASE,
)
TRAILING = ".,;:!?…'\""
#: A URL with its scheme in an HTML page's text: never right after a quote or ``=`` (attribute values).
TEXT_URL = regex.compile(r"(?<![\w/.@=\"'-])(?:https?|HTTPS?)://[^\s<>\"'\]\)]+")
#: How far back the opening of a script, style, comment or link around a text URL is looked for.
TEXT_CONTEXT_CHARS = 20_000


def find_links(document: Document) -> Iterator[Fragment]:
    """Every link to a single post in ``document``'s text, in order."""
    text = document.text
    if document.kind == "html":
        # One of the value's three groups takes part in a match: the last.
        hrefs = ((m.start(), m.group(m.lastindex or 0), "a[href]") for m in _hrefs(text, document.body_start))
        # Few URLs of a page's text name posts: the two scans' posts are put in order at the end.
        yield from sorted(
            itertools.chain(_links(document, hrefs), _links(document, _text_urls(text, document.body_start))),
            key=lambda fragment: fragment.offset,
        )
        return
    matches = (
        (m.start(), m.group(), "bare-link") for m in BARE_URL.finditer(text, document.body_start)
        if m.group("host") is None or platform_for_host(m.group("host")) is not None
    )
    yield from _links(document, matches)


def _hrefs(text: str, start: int) -> Iterator[regex.Match[str]]:
    """``HREF.finditer(text, start)``, tried only where the page's scan found "href" in any case."""
    found = page_occurrences(_HREF_WORD, text, folded=False) if backend() == "hyperscan" else None
    if found is None:  # a str.find loop over the lower-cased page costs more than the search
        yield from HREF.finditer(text, start)
        return
    end = start
    for at, _ in found:
        if at >= end and (match := HREF.match(text, at)) is not None:
            end = match.end()
            yield match


def _links(document: Document, matches: Iterable[tuple[int, str, str]]) -> Iterator[Fragment]:
    """The links to single posts among ``matches`` (offset, raw URL, form)."""
    text = document.text
    # A page links to the same URLs many times: each raw URL is read once, and None kept for
    # one that names no post.
    read: dict[str, str | None] = {}
    for offset, raw, form in matches:
        if raw in read:
            url = read[raw]
        else:
            url = html.unescape(raw).strip().rstrip(TRAILING)
            # A page has thousands of links and a few posts: only the few are parsed.
            url = read[raw] = url if may_name_post(url) else None
        if url is None:
            continue
        if form == "bare-link" and document.kind == "html" and not _in_text(text, offset):
            continue
        ref = parse_url(url)
        if ref is None or not ref.post_id or ref.url is None:
            continue
        line, column = document.position(offset)
        # The raw URL stands at ``offset`` (bare) or just after it (``href="``): it ends the link.
        end_line, end_column = document.position(text.find(raw, offset) + len(raw))
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


def _text_urls(text: str, start: int) -> Iterator[tuple[int, str, str]]:
    """URLs with a scheme in an HTML page's source that no quote or ``=`` opens (not attribute values)."""
    for match in TEXT_URL.finditer(text, start):
        yield match.start(), match.group(), "bare-link"


def _in_text(text: str, offset: int) -> bool:
    """Whether ``offset`` of an HTML source stands in the page's text: not in a tag, a script, a
    style, a comment or a link (a link's own text repeats its ``href``, read already)."""
    tag = text.rfind("<", 0, offset)
    if tag != -1 and text.find(">", tag, offset) == -1:
        return False
    before = text[max(0, offset - TEXT_CONTEXT_CHARS) : offset].lower()
    if before.rfind("<!--") > before.rfind("-->"):
        return False
    for opening, closing in (("<script", "</script"), ("<style", "</style"), ("<a ", "</a>"), ("<a\n", "</a>")):
        if before.rfind(opening) > before.rfind(closing):
            return False
    return True
