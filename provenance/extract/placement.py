"""Where each post stands on a page: in the article, or in the page's furniture.

A post in an HTML page stands in the article (its body, figures, embeds, live-blog entries) or
in furniture (navigation, sidebars, related and recommended boxes, feed widgets, headers,
footers, comment sections), or nowhere a reader sees (a copy in the page's metadata, scripts or
an HTML comment). The decision is made from the page's structure first, on the one parse of the
page the prose reader makes (:class:`MarkedPage`), and a main-content extractor settles the
cases the structure leaves open:

1. Not an element of the page: inside ``<head>``, a ``<script>`` (JSON-LD, a framework's state
   JSON), a ``<template>``, an attribute (``og:description``) → ``metadata``; inside an HTML
   comment → ``hidden``. These are copies, never the article's own citation.
2. Inside a comment section (a class or id naming comments, ``itemprop=comment``, a schema.org
   ``Comment``) → ``comments``; inside a ``twitter-timeline`` widget → ``feed``.
3. The element's ancestors, nearest first, give signals: the landmarks of HTML and ARIA
   (``aside``, ``nav``, ``header``, ``footer``, ``dialog`` and their roles) are furniture; an
   ``<article>``, ``itemprop=articleBody`` or a schema.org Article type is the article; ``<main>``
   and ``role=main`` lean to the article; class and id words (``sidebar``, ``widget``,
   ``related``, …) lean to furniture. An article signal with no furniture signal → ``article``;
   a landmark of furniture with no article signal on either side → that furniture.
4. Anything else (mixed signals, leaning signals alone, or none: pages of bare ``div``\\s) is
   settled by the main-content extractor trafilatura (imported only then): the post is the
   article's when at least ``MIN_MAIN_SHARE`` of the text around it is text trafilatura takes for
   the page's main content. When trafilatura finds no main text, or the page has too little text
   to tell, the post counts as the article's: doubt never silences a check.

Plain text and Markdown have no furniture: every post there is the article's.
Measured figures and the reasons for the thresholds: docs/in-article.md.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING, Any

import regex

from provenance import caches
from provenance.extract.html import embed_regions
from provenance.extract.prose import PLACEHOLDER_TAG, POINT_TAG, Prose, article_prose, marked_page, page_text
from provenance.model import Document, Fragment
from provenance.platforms import PLATFORMS

if TYPE_CHECKING:
    from lxml import etree

__all__ = [
    "ARTICLE",
    "HIDDEN",
    "METADATA",
    "MIN_CONTEXT_CHARS",
    "MIN_FAST_MAIN_CHARS",
    "MIN_MAIN_SHARE",
    "MarkedPage",
    "embed_spans",
    "place",
    "placement_of",
]

#: The placement of a post in the article; every other placement is furniture.
ARTICLE = "article"
#: A copy in the page's metadata, scripts or attributes; a post in an HTML comment.
METADATA = "metadata"
HIDDEN = "hidden"
#: What a furniture post whose container names no kind is called.
BOILERPLATE = "boilerplate"

#: The landmarks of furniture, by tag and by ARIA role.
FURNITURE_TAGS = {"aside": "sidebar", "nav": "navigation", "header": "header", "footer": "footer", "dialog": "popup"}
FURNITURE_ROLES = {
    "complementary": "sidebar", "navigation": "navigation", "banner": "header", "contentinfo": "footer",
    "dialog": "popup", "alertdialog": "popup", "search": "navigation",
}
#: Class and id words of comment sections, anywhere in a name (``wc-comment-text``, ``commentlist``).
COMMENT_WORDS = frozenset({"comment", "comments", "commentlist", "disqus"})
#: Class names of the platforms' feed widgets.
FEED_CLASSES = frozenset(name for platform in PLATFORMS.values() for name in platform.feed_classes)
#: Class and id words of share buttons and bars, anywhere in a name (``social-share``,
#: ``retweet``): a "Retweet this article!" link names the site's own post about the article.
SHARE_WORDS = frozenset({"share", "sharing", "sharebar", "shares", "retweet"})
#: A post outside every article container stands in the furniture when the page marks its
#: article: an article container holds the headline and at least this much text (an
#: ``<article>`` around the title alone marks nothing). On the development corpus, 19 posts the
#: structure left open stood so, every one in furniture (Drupal views, "more videos" blocks).
MIN_MARKED_ARTICLE_CHARS = 500
#: Class and id words that lean to furniture, as the first or last part of a name
#: (``site-sidebar``, ``widget_text``, ``news-related``): the extractor decides.
LEANING_WORDS = {
    "sidebar": "sidebar", "sidebars": "sidebar", "sidebox": "sidebar", "rail": "sidebar", "secondary": "sidebar",
    "widget": "sidebar", "widgets": "sidebar", "related": "related", "recommended": "related",
    "recirc": "related", "popular": "related", "trending": "related", "teaser": "related", "teasers": "related",
    "blogroll": "related", "menu": "navigation", "navbar": "navigation", "masthead": "header",
    "topbar": "header", "header": "header", "footer": "footer", "newsletter": "promo", "promo": "promo",
    "feed": "feed", "timeline": "feed",
}
#: schema.org types of an article's body, besides every type whose name ends in "Article".
ARTICLE_TYPES = frozenset({"BlogPosting", "LiveBlogPosting", "Report"})
#: Elements whose text nobody reads: posts inside them are copies (metadata).
_UNSEEN = frozenset({"head", "script", "style", "template", "title", "noframes"})
#: Elements that hold the whole page: their names describe the layout, not a part of it.
_PAGE = frozenset({"html", "body"})
#: What an element says of the posts inside it (see ``_signal``), and saying nothing.
_Signal = tuple[str, str | None]
_NO_SIGNAL: _Signal = ("", None)
_NAME_PARTS = regex.compile(r"[-_]+")
_SPACE = regex.compile(r"\s+")
#: Characters no reader sees, which pages put inside words ("Gummi\xadfische") and the extractor drops.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
#: What ``_plain``'s quick way (``str.split``) would read otherwise than its full way: the invisible
#: characters, and the separators ``str.isspace`` counts as white space and ``_SPACE`` does not.
_NOT_PLAIN = re.compile("[\x1c-\x1f\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_BODY_START = regex.compile(r"<body\b|</head\s*>", regex.IGNORECASE)
#: The text nodes a reader sees under an element.
_TEXTS_PATH = (
    "descendant-or-self::text()[not(ancestor::script or ancestor::style or ancestor::template or ancestor::noscript)]"
)


@caches.register
@cache
def _texts() -> Callable[[etree._Element], list[Any]]:
    """The compiled text-node XPath; lxml is loaded with the first HTML page, not at start-up."""
    from lxml import etree  # noqa: PLC0415

    return etree.XPath(_TEXTS_PATH, smart_strings=False)  # plain str: no parent is read

#: An ambiguous post is the article's when at least this share of the text around it is main
#: text. Around a post in the article, nearly all of it is (0.77 to 1.0 on the measured pages);
#: around furniture, little is (0 to 0.29), except in link blocks the extractor keeps.
MIN_MAIN_SHARE = 0.3
#: The text "around" a post is that of its nearest ancestor holding at least this many
#: characters (a paragraph or two): less tells nothing about the page region.
MIN_CONTEXT_CHARS = 200
#: How far back the opening of a script holding a post's text is looked for: inline scripts and
#: state JSON run to a few hundred kB.
MAX_SCRIPT_CHARS = 1_000_000
#: Text nodes shorter than this (a date, a button's word) are left out: they recur everywhere.
MIN_CHUNK_CHARS = 15
#: When trafilatura's fast extraction finds less main text than this (a paragraph or two), it is
#: asked again with its fallback extractors (readability, jusText), and the longer text is taken:
#: alone, the fast mode takes a landing page's sign-up form for its main text (639 characters
#: where the page's own text has 6,823; changenow.de on the development corpus).
MIN_FAST_MAIN_CHARS = 1000


def embed_spans(document: Document, found: Sequence[Fragment]) -> list[tuple[int, int]]:
    """Where the embeds stand in the source: markup regions, and the lines of flattened embeds."""
    text = document.text
    spans = [(s, e) for s, e, _ in embed_regions(text, document.body_start)] if document.kind != "text" else []
    for fragment in found:
        if fragment.kind != "embed" or any(s <= fragment.offset < e for s, e in spans):
            continue
        body = {line.strip() for line in (fragment.text or "").splitlines() if line.strip()}
        end = text.find("\n", fragment.offset)
        end = len(text) if end == -1 else end
        while end < len(text):
            following = text.find("\n", end + 1)
            following = len(text) if following == -1 else following
            line = text[end + 1 : following].strip()
            if not line or not (line in body or (fragment.handle and f"@{fragment.handle}" in line)):
                break
            end = following
        spans.append((text.rfind("\n", 0, fragment.offset) + 1, end))
    return sorted(spans)


class MarkedPage:
    """One reading of ``document`` with the places of the posts ``found`` marked (embeds cut out,
    and in HTML every link's place marked in the parsed page): the page's parse, which the
    placement of posts reads, and its prose, which the mentions and the article's prose dates
    read. :func:`provenance.extract.extract` makes one and hands it to each step; each part is
    made when a step first asks for it (a check without the mentions reads no prose, a page
    without posts is not parsed), then shared. Mentions in ``found`` are left out: they are read
    from the prose, never marked in it."""

    def __init__(self, document: Document, found: Sequence[Fragment]) -> None:
        self.document = document
        self.found = tuple(fragment for fragment in found if fragment.kind != "mention")

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """Where the embeds stand in the source (see :func:`embed_spans`)."""
        return embed_spans(self.document, self.found)

    @cached_property
    def tree(self) -> etree._Element | None:
        """The parsed HTML page with the embeds cut out and the links' places marked."""
        return marked_page(self.document.text, tuple(self.spans), _points(self.document, self.found))

    @cached_property
    def prose(self) -> Prose:
        """The article's prose, read from :attr:`tree` in HTML."""
        if self.document.kind == "html":
            return page_text(self.document.text, self.tree)
        return article_prose(self.document, tuple(self.spans), _points(self.document, self.found))

    @cached_property
    def judge(self) -> _Judge:
        """The placement decisions on :attr:`tree`, whose elements the marks and the prose's owners
        are: its article containers are looked for once per page, not once per post."""
        return _Judge(self.document, self.tree)


def _points(document: Document, found: Sequence[Fragment]) -> tuple[int, ...]:
    """The places of links in an HTML page's body (before it, a link is metadata, and a mark
    there would end the page's head early)."""
    if document.kind != "html":
        return ()
    start = _body_start(document.text)
    return tuple(sorted({f.offset for f in found if f.kind == "link" and f.offset >= start}))


def _body_start(text: str) -> int:
    found = _BODY_START.search(text)
    return found.start() if found is not None else 0


def place(document: Document, fragments: Sequence[Fragment], page: MarkedPage | None = None) -> list[Fragment]:
    """``fragments`` with their ``placement`` set (mentions keep theirs), read on ``page`` (the page
    marked for the same posts) when the caller has it."""
    if document.kind != "html" or not fragments:
        return [f if f.placement is not None else replace(f, placement=ARTICLE) for f in fragments]
    page = page or MarkedPage(document, fragments)
    elements = _marks(page.tree)
    starts = sorted(elements)
    judge = page.judge
    placed = []
    body = _body_start(document.text)
    for fragment in fragments:
        if fragment.placement is not None:
            placed.append(fragment)
            continue
        element = elements.get(fragment.offset)
        if element is None and fragment.kind == "embed" and starts:
            # A flattened embed is cut out from the start of its line: the text read may lie in a
            # script or an attribute on that line, which only the source tells.
            unseen = _unseen(document.text, fragment.offset, body)
            if unseen is not None:
                placed.append(replace(fragment, placement=unseen))
                continue
            index = bisect.bisect_right(starts, fragment.offset) - 1
            element = elements[starts[index]] if index >= 0 else None
        if element is not None:
            placement = judge.decide(element)
        else:
            placement = _unseen(document.text, fragment.offset, body) or METADATA
        placed.append(replace(fragment, placement=placement))
    return placed


def placement_of(page: MarkedPage, element: etree._Element | None) -> str:
    """Where the piece of ``page``'s prose held by ``element`` (an element of ``page.tree``) stands
    (for posts cited in prose)."""
    if page.document.kind != "html" or element is None:
        return ARTICLE
    return page.judge.decide(element)


def _marks(tree: etree._Element | None) -> dict[int, etree._Element]:
    """The marked places in the parsed page, by their offset in the source."""
    if tree is None:
        return {}
    return {int(element.get("data-at") or 0): element for element in tree.iter(PLACEHOLDER_TAG, POINT_TAG)}


def _unseen(text: str, offset: int, body: int) -> str | None:
    """Where the source puts text at ``offset`` that no reader sees: in an HTML comment
    (``hidden``), or in the head, a script, a style or a tag's attributes (``metadata``); None
    when it stands in the page's text."""
    if text.rfind("<!--", 0, offset) > text.rfind("-->", 0, offset):
        return HIDDEN
    if offset < body:
        return METADATA
    tag = text.rfind("<", 0, offset)
    if tag != -1 and text.find(">", tag, offset) == -1:
        return METADATA  # inside a tag: an attribute's value
    lowered = text[max(tag - MAX_SCRIPT_CHARS, 0) : offset].lower()
    for opening, closing in (("<script", "</script"), ("<style", "</style"), ("<template", "</template")):
        if lowered.rfind(opening) > lowered.rfind(closing):
            return METADATA
    return None


def _names(element: etree._Element, block: bool = False) -> list[list[str]]:
    """The parts of each class and id name of ``element``, lower case; with ``block``, of the part
    before a BEM element only (``subbuzz__header`` is the header of a ``subbuzz`` box, not the
    page's header; ``site-header__inner`` stands in the page's header)."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}".lower().split()
    if block:
        names = [name.split("__", 1)[0] for name in names]
    return [parts for name in names if (parts := [part for part in _NAME_PARTS.split(name) if part])]


def _article_type(element: etree._Element) -> bool:
    kind = (element.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1]
    return kind.endswith("Article") or kind in ARTICLE_TYPES


class _Judge:
    """The decisions for one parsed page, ``tree``: its article containers are found, and the
    extractor's main text is read, once, when first needed."""

    def __init__(self, document: Document, tree: etree._Element | None) -> None:
        self.document = document
        self.tree = tree
        self._containers: frozenset[etree._Element] | None = None
        #: Per element: its text chunks (see ``_chunks``) and their length in all.
        self._chunked: dict[etree._Element, tuple[list[str], int]] = {}
        #: Per context element: the share of its text that is main text.
        self._shares: dict[etree._Element, float] = {}
        #: Per element: what it says of the posts inside it (see ``_signal``).
        self._signals: dict[etree._Element, _Signal] = {}

    def decide(self, element: etree._Element) -> str:
        """Where the post marked by ``element`` stands."""
        decided, leaning = _structure(element, self._signals)
        if decided is not None:
            return decided
        if self._outside_marked_article(element):
            return leaning or BOILERPLATE
        share = self._main_share(element)
        if share is None or share >= MIN_MAIN_SHARE:
            return ARTICLE
        return leaning or BOILERPLATE

    def _main_share(self, element: etree._Element) -> float | None:
        """The share of the text around ``element`` that the extractor takes for main text; None
        when it cannot tell (too little text on the page, or no main text found). Each element's
        text is read once per page (the posts of a page share their ancestors), and the extractor
        is asked only once a context is found."""
        for node in (element, *element.iterancestors()):
            known = self._chunked.get(node)
            if known is None:
                chunks = [chunk for chunk in _chunks(node) if len(chunk) >= MIN_CHUNK_CHARS]
                known = self._chunked[node] = (chunks, sum(map(len, chunks)))
            chunks, total = known
            if total >= MIN_CONTEXT_CHARS:
                break
        else:
            return None
        share = self._shares.get(node)
        if share is None:
            main = _main_text(self.document)
            if not main:
                return None
            share = self._shares[node] = sum(len(chunk) for chunk in chunks if chunk in main) / total
        return share

    def _outside_marked_article(self, element: etree._Element) -> bool:
        """Whether the page marks its article (see ``MIN_MARKED_ARTICLE_CHARS``) and ``element``
        stands outside every article container."""
        if self._containers is None:
            if any(_article_container(node) for node in element.iterancestors()):
                return False  # inside one, marked or not: the page's containers are not looked for yet
            root = self.tree if self.tree is not None else element.getroottree().getroot()
            containers = [node for node in _container_candidates()(root) if _article_container(node)]
            marked = any(next(node.iter("h1"), None) is not None and _holds_text(node, MIN_MARKED_ARTICLE_CHARS)
                         for node in containers)
            self._containers = frozenset(containers) if marked else frozenset()
        if not self._containers:
            return False
        return not any(node in self._containers for node in element.iterancestors())


def _holds_text(node: etree._Element, chars: int) -> bool:
    """Whether the texts a reader sees under ``node`` hold at least ``chars`` characters, white
    space around each left out (counted until there are enough)."""
    count = 0
    for text in _texts()(node):
        count += len(text.strip())
        if count >= chars:
            break
    return count >= chars


@caches.register
@cache
def _container_candidates() -> Callable[[etree._Element], list[Any]]:
    """The compiled XPath of the elements that may be article containers (see
    :func:`_article_container`), in document order: one C pass instead of a Python call per element."""
    from lxml import etree  # noqa: PLC0415

    return etree.XPath("descendant-or-self::*[self::article or @itemprop or @itemtype]")


def _article_container(node: etree._Element) -> bool:
    """Whether ``node`` is an article container: ``<article>``, ``itemprop=articleBody`` or a
    schema.org Article type."""
    if not isinstance(node.tag, str):
        return False
    return node.tag == "article" or "articleBody" in (node.get("itemprop") or "").split() or _article_type(node)


def _structure(
    element: etree._Element, known: dict[etree._Element, _Signal] | None = None
) -> tuple[str | None, str | None]:
    """The placement the page's structure gives (None when it leaves it open), and the kind of
    furniture it leans to; ``known`` keeps each element's signal for the page's other posts."""
    signals: list[_Signal] = []  # nearest first: F landmark, A article, a main, f leaning
    nodes: tuple[etree._Element, ...] = (element, *element.iterancestors())
    following = element.getnext() if element.tag == POINT_TAG else None
    if following is not None and following.tag == "a":
        nodes = (following, *nodes)  # a link's mark stands before it: the link's own names count
    for node in nodes:
        signal = known.get(node) if known is not None else None
        if signal is None:
            signal = _signal(node)
            if known is not None:
                known[node] = signal
        kind, value = signal
        if kind == "=":
            return value, None
        if kind:
            signals.append(signal)
    kinds = [kind for kind, _ in signals]
    leaning = next((value for kind, value in signals if kind in "Ff"), None)
    if "F" in kinds:
        return (None if "A" in kinds else next(v for k, v in signals if k == "F")), leaning
    if "f" not in kinds and "A" in kinds:
        return ARTICLE, None
    return None, leaning


def _signal(node: etree._Element) -> _Signal:
    """What ``node`` says of the posts inside it: ``("=", placement)`` settles their placement;
    ``("F", furniture)`` is a landmark, ``("A", None)`` an article container, ``("a", None)``
    the main part, ``("f", furniture)`` a leaning name; ``("", None)`` says nothing."""
    tag = node.tag.lower() if isinstance(node.tag, str) else ""
    if tag in _UNSEEN:
        return "=", METADATA
    if tag in _PAGE:
        return _NO_SIGNAL
    names = _names(node)
    words = {part for parts in names for part in parts}
    itemprop = (node.get("itemprop") or "").split()
    if tag != "main" and (words & COMMENT_WORDS or "comment" in itemprop
                          or (node.get("itemtype") or "").endswith("/Comment")):
        return "=", "comments"
    if FEED_CLASSES.intersection((node.get("class") or "").split()):
        return "=", "feed"
    if words & SHARE_WORDS:
        return "=", "share"
    role = (node.get("role") or "").lower()
    landmark = FURNITURE_TAGS.get(tag) or FURNITURE_ROLES.get(role)
    if landmark is not None:
        return "F", landmark
    if tag == "article" or "articleBody" in itemprop or _article_type(node):
        return "A", None
    if tag == "main" or role == "main":
        return "a", None
    ends = (part for parts in _names(node, block=True) for part in (parts[0], parts[-1]))
    lean = next((LEANING_WORDS[part] for part in ends if part in LEANING_WORDS), None)
    return ("f", lean) if lean is not None else _NO_SIGNAL


def _chunks(node: etree._Element) -> Iterable[str]:
    """The texts a reader sees under ``node``, each as compared with the extractor's (see ``_plain``)."""
    return map(_plain, _texts()(node))


@caches.register
@lru_cache(maxsize=2)
def _main_text(document: Document) -> str:
    """The page's main text as trafilatura extracts it, white space made single spaces, case-folded."""
    extract = _extractor()
    options = {"favor_recall": True, "include_comments": False, "include_tables": True}
    text = extract(document.text, fast=True, **options) or ""
    if len(text) < MIN_FAST_MAIN_CHARS:
        text = max(text, extract(document.text, fast=False, **options) or "", key=len)
    return _plain(text)


def _plain(text: str) -> str:
    """Text as compared with the extractor's: white space made single spaces, case-folded, without
    the invisible characters the extractor drops (soft hyphens, zero-width spaces and joiners)."""
    if _NOT_PLAIN.search(text) is None:
        # Where str.split and _SPACE read the same white space, and nothing is to be dropped,
        # splitting does in one C call what the substitution and strip do.
        return " ".join(text.split()).casefold()
    return _SPACE.sub(" ", text.translate(_INVISIBLE)).strip().casefold()


@caches.register
@cache
def _extractor() -> Callable[..., Any]:
    # About half a second to import: only a page with a post the structure leaves open needs it.
    import trafilatura  # noqa: PLC0415 - half a second to import, needed only for undecided posts

    # Its log messages are about its own extraction, not about the article: keep them off stderr.
    logging.getLogger("trafilatura").addHandler(logging.NullHandler())
    extract: Callable[..., Any] = trafilatura.extract
    return extract
