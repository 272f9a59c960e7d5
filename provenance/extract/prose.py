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
Other places of posts (links, flattened embeds) may be marked too (``points``): in HTML each
becomes an empty element in the parsed page, so :mod:`provenance.extract.placement` can tell
where in the page each post stands from the same parse.
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from provenance import caches
from provenance.htmltree import parse_html
from provenance.model import Document

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["PLACEHOLDER_TAG", "POINT_TAG", "Anchor", "Marker", "Prose", "article_prose", "marked_page", "page_text"]

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
#: The element an embed region becomes in the parsed page, and the empty element that marks
#: another place of a post (``data-at``: its offset in the source).
PLACEHOLDER_TAG = _PLACEHOLDER
POINT_TAG = "provenance-at"
#: How far past an element's source line its text is looked for: the text a mention's words
#: stand in follows the element's start tag closely, however long the page.
LOCATE_WINDOW = 200_000
#: The words of a piece of prose looked for in the source to find where it stands.
LOCATE_WORDS = 4
#: Markdown that is not read, in the order it is tried at a position: fenced code (to its
#: closing fence), inline code; then, in what is left, comments, tags, shortcodes, Jekyll tags,
#: emphasis marks and link brackets. The paired ones are read by :func:`_md_spans`, which looks
#: for each closer once: an opener with no closer after it makes every later one of its kind
#: fail too, so a page of unclosed ``{{<`` costs one pass, not one pass per opener.
_MD_CODE_START = regex.compile(r"^(?:```|~~~)|`", regex.MULTILINE)
_MD_INLINE_CODE = regex.compile(r"`[^`\n]+`")
_MD_MASK_START = regex.compile(r"[<{*_!\[\]]")
_MD_TAG = regex.compile(r"<[A-Za-z/!][^>\n]*>")
_MD_SHORTCODE_END = regex.compile(r"[>%]\}\}")
_MD_SIMPLE = regex.compile(r"\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)|!?\[|\]")


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
    #: In order of position: the prose is read front to back, and the embeds' spans in order.
    markers: list[Marker] = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)
    #: Prose offset where each piece starts, and the source offset its text starts at (exact)
    #: or after (``located``, for HTML, where entities and markup make lengths differ).
    starts: list[int] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)
    located: bool = False
    #: HTML: the source line each piece's element starts on. ``sources`` (those lines' starts)
    #: is filled from it when first asked: most pages never map a position back.
    lines: list[int] = field(default_factory=list)
    #: HTML: the parsed page (embeds as placeholders, other marked places as empty elements),
    #: and the element whose content each piece is.
    tree: etree._Element | None = None
    owners: list[etree._Element | None] = field(default_factory=list)

    def owner(self, position: int) -> etree._Element | None:
        """The element whose content holds the prose character at ``position`` (HTML only)."""
        if not self.owners:
            return None
        return self.owners[max(bisect.bisect_right(self.starts, position) - 1, 0)]

    def source_offset(self, position: int) -> int:
        """The offset in the source of the prose character at ``position``."""
        index = max(bisect.bisect_right(self.starts, position) - 1, 0)
        if not self.starts:
            return 0
        if len(self.sources) < len(self.lines):
            line_starts = _line_starts(self.source_text)
            last = len(line_starts) - 1
            self.sources = [line_starts[min(max(line - 1, 0), last)] for line in self.lines]
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


def article_prose(
    document: Document, embeds: Iterable[tuple[int, int]] = (), points: Iterable[int] = ()
) -> Prose:
    """The prose of ``document``, with each (start, end) span of ``embeds`` cut out and marked;
    in HTML each offset of ``points`` (outside those spans) is marked in the parsed page."""
    spans = sorted(embeds)
    if document.kind == "html":
        return _html_prose(document.text, spans, sorted(set(points)))
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
        for begin, end in _md_code_spans(text, start):
            blank(begin, end)
        masked = "".join(chars)
        for begin, end in _md_spans(masked):
            blank(begin + start, end + start)
    markers = []
    for begin, end in spans:
        if end <= start:
            continue
        blank(begin, end)
        markers.append(Marker(max(begin - start, 0), begin))
    return Prose("".join(chars), text, markers, [], [0], [start], located=False)


def _md_code_spans(text: str, start: int) -> Iterator[tuple[int, int]]:
    """The spans of fenced code blocks (to their closing fence) and inline code, in order."""
    closed: dict[str, regex.Pattern[str] | None] = {}
    position = start
    while (found := _MD_CODE_START.search(text, position)) is not None:
        at = found.start()
        fence = found.group()
        if len(fence) == 3:
            if fence not in closed:
                closed[fence] = regex.compile(rf"^{regex.escape(fence)}[ \t]*$", regex.MULTILINE)
            closer = closed[fence]
            end = closer.search(text, at + 3) if closer is not None else None
            if end is not None:
                yield at, end.end()
                position = end.end()
                continue
            closed[fence] = None  # no closing fence after this one: none after any later one
        inline = _MD_INLINE_CODE.match(text, at)
        if inline is not None:
            yield at, inline.end()
            position = inline.end()
        else:
            position = at + 1


def _md_spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans of Markdown markup that is not read, in order (see ``_MD_MASK_START``)."""
    unclosed: set[str] = set()  # the paired kinds with no closer left in the text
    position = 0
    while (found := _MD_MASK_START.search(text, position)) is not None:
        at = found.start()
        end = _paired_end(text, at, unclosed)
        if end is None and (match := _MD_TAG.match(text, at) or _MD_SIMPLE.match(text, at)) is not None:
            end = match.end()
        if end is None and text.startswith("{%", at) and "jekyll" not in unclosed:
            end = _closer(text, text.find("%}", at + 2), 2, "jekyll", unclosed)
        if end is None:
            position = at + 1
            continue
        yield at, end
        position = end


def _paired_end(text: str, at: int, unclosed: set[str]) -> int | None:
    """Where a comment or a shortcode opened at ``at`` closes (None: not one, or never closed)."""
    if text.startswith("<!--", at) and "comment" not in unclosed:
        return _closer(text, text.find("-->", at + 4), 3, "comment", unclosed)
    if text.startswith(("{{<", "{{%"), at) and "shortcode" not in unclosed:
        close = _MD_SHORTCODE_END.search(text, at + 3)
        return _closer(text, close.start() if close else -1, 3, "shortcode", unclosed)
    return None


def _closer(text: str, found: int, length: int, kind: str, unclosed: set[str]) -> int | None:
    if found == -1:
        unclosed.add(kind)
        return None
    return found + length


def _html_prose(text: str, spans: list[tuple[int, int]], points: list[int]) -> Prose:
    return page_text(text, marked_page(text, spans, points))


def marked_page(text: str, embeds: Iterable[tuple[int, int]] = (), points: Iterable[int] = ()) -> etree._Element | None:
    """The HTML page ``text`` parsed, with each (start, end) span of ``embeds`` an empty placeholder
    element and each offset of ``points`` (outside those spans) an empty mark, each with its
    offset in ``data-at``; None when lxml finds no element."""
    # Embed regions become empty placeholder elements; their newlines stay, so lines still match.
    # A point inside a tag (a link's href) marks the tag: its element stands where the tag does.
    cuts = [(begin, end, begin, True) for begin, end in sorted(embeds)]
    for point in sorted(set(points)):
        opening = text.rfind("<", 0, point)
        at = opening if opening != -1 and text.find(">", opening, point) == -1 else point
        cuts.append((at, at, point, False))
    cuts.sort()
    parts = []
    previous = 0
    for begin, end, mark, region in cuts:
        if begin < previous:
            continue
        parts.append(text[previous:begin])
        if region:
            parts.append(f'<{_PLACEHOLDER} data-at="{begin}"></{_PLACEHOLDER}>' + "\n" * text.count("\n", begin, end))
        else:
            parts.append(f'<{POINT_TAG} data-at="{mark}"></{POINT_TAG}>')
        previous = end
    parts.append(text[previous:])
    return parse_html("".join(parts), comments=False, instructions=False)


def page_text(text: str, root: etree._Element | None) -> Prose:
    """The prose of the HTML page ``text``, read from ``root``, its parse by :func:`marked_page`
    (which only reads it)."""
    prose = Prose("", text, located=True)
    if root is None:
        return prose
    prose.tree = root
    body = root.find("body")
    _walk(body if body is not None else root, prose)
    return prose


def _line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


#: Per tag: its lower-case name, whether it is a block, and whether it is skipped whatever its
#: attributes (script, nav, …; and comments or other nodes that are no element).
_TagInfo = tuple[str, bool, bool]
_TAGS: dict[object, _TagInfo] = {}
caches.on_clear(_TAGS.clear)
_HIDING_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "dialog"})


def _tag_info(tag: object) -> _TagInfo:
    if not isinstance(tag, str):
        return "", False, True
    name = tag.lower()
    info = (name, name in BLOCK_TAGS, name in SKIPPED_TAGS)
    if len(_TAGS) < 4096:  # custom elements are many, but a page's tags are few
        _TAGS[tag] = info
    return info


@caches.register
@lru_cache(maxsize=4096)
def _furniture_names(names: str) -> bool:
    """Whether a class and id (space-separated) name page furniture."""
    for name in names.lower().split():
        parts = [part for part in _NAME_PARTS.split(name) if part]
        if parts and (parts[0] in BOILERPLATE_WORDS or parts[-1] in BOILERPLATE_WORDS):
            return True
    return False


def _skipped(element: etree._Element, name: str, keys: list[str]) -> bool:
    """Whether an element is hidden or page furniture by its attributes (its tag is not skipped;
    ``keys``, not empty, are its attributes' names)."""
    get = element.get
    if "hidden" in keys or ("aria-hidden" in keys and get("aria-hidden") == "true"):
        return True
    if "role" in keys and get("role") in _HIDING_ROLES:
        return True
    if "style" in keys:
        style = get("style")
        if style and HIDDEN_STYLE.search(style):
            return True
    if name in CONTAINER_TAGS or ("class" not in keys and "id" not in keys):
        return False  # containers' classes describe the page's layout (vox.com: body.small-header)
    return _furniture_names(f"{get('class') or ''} {get('id') or ''}")


def _walk(root: etree._Element, prose: Prose) -> None:
    """Read the visible text under ``root`` into ``prose``, piece by piece.

    One loop over lxml's start and end events with the state in local variables: this runs for
    every element of nearly every page.
    """
    from lxml import etree  # noqa: PLC0415 - lxml is loaded with the first HTML page

    chunks: list[str] = []
    starts, lines, markers, anchors, owners = prose.starts, prose.lines, prose.markers, prose.anchors, prose.owners
    tags = _TAGS
    length = 0
    last = ""  # the last character of the prose so far
    line = 1
    open_anchors: list[tuple[int, str]] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        name, block, skipped = tags.get(tag) or _tag_info(tag)
        if event == "start":
            sourceline = element.sourceline
            if sourceline is not None and sourceline > line:
                line = sourceline
            if name == POINT_TAG:
                continue  # an empty mark: its tail is read as its parent's text
            if name == _PLACEHOLDER:
                if last and last != "\n":
                    chunks.append("\n")
                    length += 1
                    last = "\n"
                markers.append(Marker(length, int(element.get("data-at") or 0)))
                walker.skip_subtree()
                continue
            if skipped or ((keys := element.keys()) and _skipped(element, name, keys)):
                walker.skip_subtree()
                if (block or name in SKIPPED_TAGS) and last and last != "\n":
                    chunks.append("\n")
                    length += 1
                    last = "\n"
                continue
            if block and last and last != "\n":
                chunks.append("\n")
                length += 1
                last = "\n"
            if name == "a":
                href = element.get("href")
                if href:
                    open_anchors.append((length, href))
            raw = element.text
            owner: etree._Element | None = element
        else:
            if name == "a" and open_anchors and element.get("href"):
                begin, href = open_anchors.pop()
                anchors.append(Anchor(begin, length, href.strip()))
            if block and last and last != "\n":
                chunks.append("\n")
                length += 1
                last = "\n"
            if element is root:
                continue
            raw = element.tail
            owner = element.getparent()
        if not raw:
            continue
        if "&" in raw:
            raw = html.unescape(raw)
        if not raw or raw.isspace():
            if last and last not in {" ", "\n"}:
                chunks.append(" ")
                length += 1
                last = " "
            continue
        # Only runs of spaces and other white space change: printable text without a double
        # space has none (every character \s matches but the space is unprintable).
        piece = raw if raw.isprintable() and "  " not in raw else _SPACE.sub(" ", raw)
        starts.append(length)
        lines.append(line)
        owners.append(owner)
        chunks.append(piece)
        length += len(piece)
        last = piece[-1]
    prose.text = "".join(chunks)
