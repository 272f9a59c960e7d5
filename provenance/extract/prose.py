"""The article's prose: the text a reader of the page reads, and where each piece stands in the source.

Mentions of posts are looked for in prose only (:mod:`provenance.extract.mentions`).

- Plain text and Markdown: the prose is the body itself. Markdown markup that is not read
  (fenced and inline code, HTML tags, shortcodes, emphasis marks, link brackets) is blanked to
  spaces, so every character keeps its offset in the source.
- HTML: the visible text of the ``<body>``. ``script``, ``style``, navigation, headers,
  footers, asides, forms, hidden elements, and elements whose class or id names boilerplate
  (comments, sharing, newsletters, cookie banners, related stories) are skipped. Block elements
  end a line. lxml gives each element's source line; a piece of text is found again in the
  source from that line on, which lands a mention on its line even in minified pages.

Embeds are cut out before the prose is read: each leaves a marker (its position in the prose
and its offset in the source), so a mention can tell whether it introduces or captions an embed.
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Iterable
from dataclasses import dataclass, field

import lxml.html
import regex
from lxml import etree

from provenance.model import Document

__all__ = ["Anchor", "Marker", "Prose", "article_prose"]

#: Elements whose content no reader takes for the article's text.
SKIPPED_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "nav", "header", "footer", "aside",
    "form", "button", "select", "option", "textarea", "iframe", "object", "embed", "video", "audio",
    "canvas", "map", "head", "title", "dialog", "menu",
})
#: Elements that start and end a block: text on either side of them is not one sentence.
BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr",
    "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "section", "article", "main",
    "blockquote", "pre", "figure", "figcaption", "address", "details", "summary", "center",
})
#: Class and id words of page furniture: comment threads, sharing widgets, newsletter and cookie
#: boxes, advertising, links to other stories. A class or id is furniture when it is one of these
#: or starts or ends with one (``comments-area``, ``entry-share``). Layout words (``sidebar``,
#: ``widget``, ``header``) are not on the list: pages wrap their article in ``lay-sidebar`` and
#: ``elementor-widget`` (the tags ``header``, ``nav``, ``aside``, ``footer`` are skipped anyway).
BOILERPLATE_WORDS = frozenset({
    "comment", "comments", "commentlist", "discussion", "respond", "replies", "share", "shares", "sharing",
    "sharebar", "sharer", "social", "socials", "related", "recirc", "newsletter", "subscribe", "signup",
    "cookie", "cookies", "consent", "gdpr", "promo", "advert", "advertisement", "ad", "ads", "sponsored",
    "breadcrumb", "breadcrumbs", "popup", "modal", "paywall", "outbrain", "taboola", "zergnet",
})
#: Elements that hold the whole article: never skipped for their class or id.
CONTAINER_TAGS = frozenset({"html", "body", "main", "article"})
_NAME_PARTS = regex.compile(r"[-_]+")
HIDDEN_STYLE = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.IGNORECASE)
_SPACE = regex.compile(r"\s+")
_PLACEHOLDER = "provenance-embed"
#: How far past an element's source line its text is looked for: the text a mention's words
#: stand in follows the element's start tag closely, however long the page.
LOCATE_WINDOW = 200_000
#: The words of a piece of prose looked for in the source to find where it stands.
LOCATE_WORDS = 4
_MD_CODE = regex.compile(r"^(```|~~~).*?^\1[ \t]*$|`[^`\n]+`", regex.MULTILINE | regex.DOTALL)
_MD_MASKED = regex.compile(
    r"<!--.*?-->|<[A-Za-z/!][^>\n]*>|\{\{[<%].*?[>%]\}\}|\{%.*?%\}|\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)|!?\[|\]",
    regex.DOTALL,
)


@dataclass(frozen=True)
class Marker:
    """Where an embed stood: its position in the prose and the offset of its start in the source."""

    position: int
    source: int


@dataclass(frozen=True)
class Anchor:
    """A hyperlink in HTML prose: the prose it covers and its target."""

    start: int
    end: int
    href: str


@dataclass
class Prose:
    """The readable text of a document, with embed markers, hyperlinks and a map back to the source."""

    text: str
    source_text: str
    markers: list[Marker] = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)
    #: Prose offset where each piece starts, and the source offset its text starts at (exact)
    #: or after (``located``, for HTML, where entities and markup make lengths differ).
    starts: list[int] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    located: bool = False

    def source_offset(self, position: int) -> int:
        """The offset in the source of the prose character at ``position``."""
        index = max(bisect.bisect_right(self.starts, position) - 1, 0)
        if not self.starts:
            return 0
        base = self.sources[index]
        if not self.located:
            return base + position - self.starts[index]
        return _locate(self.source_text, self.text, position, base)


def _locate(source: str, prose: str, position: int, floor: int) -> int:
    """Find the words of the prose at ``position`` in the source at or after ``floor``."""
    words = prose[position : position + 200].split()[:LOCATE_WORDS]
    while words:
        found = _words_pattern(words).search(source, floor, floor + LOCATE_WINDOW)
        if found is not None:
            return found.start()
        words = words[:-1]
    return floor


def _words_pattern(words: list[str]) -> regex.Pattern[str]:
    # In the source a character may be written as an entity, and words may be split by tags.
    parts = []
    for word in words:
        parts.append("".join(
            regex.escape(char) if char.isascii() and char.isalnum() else f"(?:{regex.escape(char)}|&[#\\w]+;)"
            for char in word
        ))
    return regex.compile(r"(?:\s|&nbsp;|&#160;|&#xa0;|<[^>]*>)+".join(parts), regex.IGNORECASE)


def article_prose(document: Document, embeds: Iterable[tuple[int, int]] = ()) -> Prose:
    """The prose of ``document``, with each (start, end) span of ``embeds`` cut out and marked."""
    spans = sorted(embeds)
    if document.kind == "html":
        return _html_prose(document.text, spans)
    return _text_prose(document, spans)


def _text_prose(document: Document, spans: list[tuple[int, int]]) -> Prose:
    text = document.text
    start = document.body_start
    chars = list(text[start:])

    def blank(begin: int, end: int) -> None:
        for index in range(max(begin - start, 0), min(end - start, len(chars))):
            if chars[index] != "\n":
                chars[index] = " "

    if document.kind == "markdown":
        for match in _MD_CODE.finditer(text, start):
            blank(match.start(), match.end())
        masked = "".join(chars)
        for match in _MD_MASKED.finditer(masked):
            blank(match.start() + start, match.end() + start)
    markers = []
    for begin, end in spans:
        if end <= start:
            continue
        blank(begin, end)
        markers.append(Marker(max(begin - start, 0), begin))
    return Prose("".join(chars), text, markers, [], [0], [start], located=False)


def _html_prose(text: str, spans: list[tuple[int, int]]) -> Prose:
    # Embed regions become empty placeholder elements; their newlines stay, so lines still match.
    parts = []
    previous = 0
    for begin, end in spans:
        if begin < previous:
            continue
        parts.append(text[previous:begin])
        parts.append(f'<{_PLACEHOLDER} data-at="{begin}"></{_PLACEHOLDER}>' + "\n" * text.count("\n", begin, end))
        previous = end
    parts.append(text[previous:])
    prose = Prose("", text, located=True)
    root = _parse("".join(parts))
    if root is None:
        return prose
    body = root.find("body")
    _Walker(prose, _line_starts(text)).walk(body if body is not None else root)
    return prose


def _parse(markup: str) -> lxml.html.HtmlElement | None:
    # Bytes with a fixed encoding: lxml refuses str input that carries an XML declaration.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, collect_ids=False)
    try:
        return lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def _skipped(element: lxml.html.HtmlElement) -> bool:
    tag = element.tag
    if not isinstance(tag, str) or tag.lower() in SKIPPED_TAGS:
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if element.get("role") in ("navigation", "banner", "contentinfo", "complementary", "dialog"):
        return True
    style = element.get("style")
    if style and HIDDEN_STYLE.search(style):
        return True
    if tag.lower() in CONTAINER_TAGS:
        return False  # their classes describe the page's layout (vox.com: body.small-header)
    for name in f"{element.get('class') or ''} {element.get('id') or ''}".lower().split():
        parts = [part for part in _NAME_PARTS.split(name) if part]
        if parts and (parts[0] in BOILERPLATE_WORDS or parts[-1] in BOILERPLATE_WORDS):
            return True
    return False


class _Walker:
    """Collects the visible text of an lxml tree into a Prose, piece by piece."""

    def __init__(self, prose: Prose, line_starts: list[int]) -> None:
        self.prose = prose
        self.line_starts = line_starts
        self.chunks: list[str] = []
        self.length = 0
        self.line = 1

    def _floor(self) -> int:
        return self.line_starts[min(max(self.line - 1, 0), len(self.line_starts) - 1)]

    def _emit(self, text: str | None) -> None:
        if not text:
            return
        piece = _SPACE.sub(" ", html.unescape(text) if "&" in text else text)
        if not piece.strip():
            if self.chunks and not self.chunks[-1].endswith((" ", "\n")):
                self.chunks.append(" ")
                self.length += 1
            return
        self.prose.starts.append(self.length)
        self.prose.sources.append(self._floor())
        self.chunks.append(piece)
        self.length += len(piece)

    def _break(self) -> None:
        if self.chunks and not self.chunks[-1].endswith("\n"):
            self.chunks.append("\n")
            self.length += 1

    def walk(self, root: lxml.html.HtmlElement) -> None:
        """Read the visible text under ``root``."""
        open_anchors: list[tuple[int, str]] = []
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, element in walker:
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if event == "start":
                if element.sourceline is not None:
                    self.line = max(self.line, element.sourceline)
                if tag == _PLACEHOLDER:
                    self._break()
                    self.prose.markers.append(Marker(self.length, int(element.get("data-at") or 0)))
                    walker.skip_subtree()
                    continue
                if _skipped(element):
                    walker.skip_subtree()
                    if tag in BLOCK_TAGS or tag in SKIPPED_TAGS:
                        self._break()
                    continue
                if tag in BLOCK_TAGS:
                    self._break()
                if tag == "a" and element.get("href"):
                    open_anchors.append((self.length, element.get("href") or ""))
                self._emit(element.text)
            else:
                if tag == "a" and element.get("href") and open_anchors:
                    start, href = open_anchors.pop()
                    self.prose.anchors.append(Anchor(start, self.length, href.strip()))
                if tag in BLOCK_TAGS:
                    self._break()
                if element is not root:
                    self._emit(element.tail)
        self.prose.text = "".join(self.chunks)
