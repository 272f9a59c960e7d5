"""Embed markup in HTML (and in the raw HTML that Markdown may hold).

A page is not parsed whole: one compiled scan finds the opening tags of the embed forms the
platform modules declare (``blockquote.twitter-tweet``, ``blockquote.instagram-media``,
``div.fb-post``, the platforms' frames, ``script[data-telegram-post]``, the AMP components, CMS
blocks and consent placeholders: see :mod:`provenance.extract.catalogue`), the region up to the
matching closing tag is cut out, and only that region is parsed, by lxml's HTML parser. This
keeps large pages cheap and gives every embed its exact line and column in the source. In the
parsed region a text of nothing but ASCII white space reads as one space, or one line break
when it holds one (except in ``<pre>`` and ``<textarea>``); the text of an element is read as
:mod:`provenance.platforms.markup` describes.

A CMS block around the platform's own embed code (WordPress's ``figure.wp-block-embed-…``, Arc
XP's ``div.oembed-…``, Ghost's ``figure.kg-embed-card``) gives way to the code inside it; only a
block with no embed code in it is read itself. Consent placeholders keep the embed code encoded
and are read by :mod:`provenance.extract.placeholders`.

From each region the reader takes the post's URL (from the form's own attribute and the embed
attributes first, then from the last link that names a post, then from a bare ID attribute such
as ``data-video-id`` or ``data-shortcode``), the shown date (the text of that link), the
attribution ``— Display Name (@handle)``, the post's text and language, and its media links.
The platform module then refines what the generic reader found (``Platform.read_embed``):
Instagram's attribution phrases and ``<time datetime>``, Facebook's "Posted by" fallback,
TikTok's ``@user`` and sound, and the boilerplate of the others.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import regex

from provenance import caches
from provenance.dates import match_date
from provenance.extract import placeholders
from provenance.extract.bareurls import find_bare_url_paragraphs
from provenance.extract.catalogue import (
    CONTAINER_TAGS,
    CUSTOM_TAGS,
    EMBED_OPENER,
    OPENER_LITERALS,
    OPENER_MARKER,
    OPENER_START,
    STOCK_OPENER,
    Match,
    frame_source,
    matched_form,
)
from provenance.extract.evidence import MEDIA_LINK, media_links
from provenance.extract.generic import find_generic_embeds
from provenance.extract.scan import FOLDS_APART, LiteralSet, backend, page_matches, page_occurrences
from provenance.htmltree import parse_html
from provenance.model import Document, Fragment, PostRef
from provenance.platforms import PLATFORMS, parse_id, parse_url
from provenance.platforms.markup import attr, inner_text, links

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["EMBED_OPENER", "embed_regions", "find_html_embeds", "read_region", "region_end"]

#: The most of a page one embed may span; beyond it the markup is broken and the rest of the
#: page is not the embed's. Real embed code is under 20 kB even with long posts inlined.
MAX_EMBED_CHARS = 100_000
_ATTRIBUTION = regex.compile(r"(?:—|–|-{1,3})\s*(?P<name>[^\n—]*?)\s*\(\s*@(?P<handle>[A-Za-z0-9_.]{1,64})\s*\)")
#: Attributes that hold the embedded post's URL: the platforms' own (``Platform.url_attributes``),
#: then the generic ones, most telling first.
_URL_ATTRIBUTES = (
    *(name for p in PLATFORMS.values() for name in p.url_attributes),
    "data-href", "data-embed-url", "cite", "src", "data-src",
)
#: Attributes that, on any element of an embed, hold a bare post ID, with the permalink each
#: stands for (``Platform.id_attributes``).
_ID_ATTRIBUTES = tuple(
    (name, p.id_permalink) for p in PLATFORMS.values() if p.id_permalink is not None for name in p.id_attributes
)
#: Attributes of the embed element itself that hold a bare post ID: (the element's tag, or None
#: for any, the attribute, the platform whose ID it is) (``Platform.element_ids``).
_ELEMENT_IDS = tuple((tag, name, p.name) for p in PLATFORMS.values() for tag, name in p.element_ids)
#: ASCII white space, and the elements that keep theirs as written.
_SPACES = " \t\n\r\f"
#: ``OPENER_START``'s literals, for the page's one scan (:mod:`provenance.extract.scan`): no
#: literal starts another, so the longest-first order finds what the alternation finds.
_CUSTOM_STARTS = frozenset(f"<{tag.lower()}" for tag in CUSTOM_TAGS)
_OPENER_STARTS = LiteralSet([*_CUSTOM_STARTS, *(f"<{tag.lower()}" for tag in CONTAINER_TAGS)], every_page=True)
_KEEP_SPACES = frozenset({"pre", "textarea"})
#: ``OPENER_MARKER``'s literals, found once in a page for :func:`_may_open`.
_MARKERS = LiteralSet(OPENER_LITERALS, every_page=True)


@caches.register
@lru_cache(maxsize=16)
def _tag_pattern(tag: str) -> regex.Pattern[str]:
    return regex.compile(rf"<(/?){regex.escape(tag)}\b[^>]*>", regex.IGNORECASE)


def region_end(text: str, tag: str, start: int, inner: int, limit: int = MAX_EMBED_CHARS) -> int:
    """Where the element opened at ``start`` (content from ``inner``) ends, looking at most
    ``limit`` characters ahead; an unclosed frame, script or custom element ends with its tag."""
    stop = min(len(text), start + limit)
    depth = 1
    for match in _tag_pattern(tag).finditer(text, inner, stop):
        if match.group(1):
            depth -= 1
            if depth == 0:
                return match.end()
        elif not match.group().endswith("/>"):
            depth += 1
    return inner if tag in ("iframe", "script") or "-" in tag else stop


def embed_regions(text: str, start: int = 0) -> tuple[tuple[int, int, str], ...]:
    """The (start, end, tag) of every embed element in ``text``, outermost only, in order; a CMS
    wrapper with the platform's own embed code inside gives way to that code."""
    return _embed_regions(text, start)


class _Markers(NamedTuple):
    """Where ``OPENER_MARKER``'s literals stand in a page, for :func:`_may_open`."""

    #: The start of every occurrence of every literal in the caseless view, in order.
    starts: list[int]
    #: At each index of ``starts``, the least end of the occurrences from that one on.
    least_ends: list[int]
    #: Whether the page is ASCII: then the view reads every span as ``str.casefold`` does; else
    #: only a span without a character of scan.FOLDS_APART.
    ascii: bool


@caches.register
@lru_cache(maxsize=2)
def _markers(text: str) -> _Markers | None:
    """The page's marker occurrences, found in one hyperscan pass; None without hyperscan (a
    ``str.find`` loop per literal over the page costs more than the searches of the tags) or
    when the caseless view moves offsets."""
    if backend() != "hyperscan":
        return None
    found = page_occurrences(_MARKERS, text, folded=True)
    if found is None:
        return None
    least_ends = [end for _, end in found]
    for index in range(len(least_ends) - 2, -1, -1):
        least_ends[index] = min(least_ends[index], least_ends[index + 1])
    return _Markers([at for at, _ in found], least_ends, text.isascii())


def _may_open(text: str, start: int, markers: _Markers | None = None) -> bool:
    """Whether a container ``EMBED_OPENER`` match may start at ``start``: a marker stands where one
    could; ``markers``, the page's (:func:`_markers`), answer for the search where they can."""
    close = text.find(">", start)
    if close == -1:
        return False
    # A match ends at the tag's first ">", unless a quoted class or src value runs past it: then
    # the last quote before that ">" opens the value (it follows "=" and maybe spaces), and the
    # value, with the marker in it, ends at the next quote.
    stop = close
    quote = max(text.rfind('"', start, close), text.rfind("'", start, close))
    if quote > start and (
        (before := text[quote - 1]) == "=" or (before.isspace() and text[start:quote].rstrip().endswith("="))
    ):
        ends = [found for mark in "\"'" if (found := text.find(mark, close)) != -1]
        stop = min(ends, default=len(text))
    if markers is not None and (
        markers.ascii or (span := text[start:stop]).isascii() or not any(char in span for char in FOLDS_APART)
    ):
        first = bisect_left(markers.starts, start)
        return first < len(markers.starts) and markers.least_ends[first] <= stop
    return OPENER_MARKER.search(text[start:stop].casefold()) is not None


def _opener_starts(text: str, start: int) -> Iterator[tuple[int, bool]]:
    """Each offset of ``OPENER_START.finditer(text, start)``, and whether a custom tag opens there."""
    found = page_matches(_OPENER_STARTS, text, start, folded=True)
    if found is None:
        yield from ((match.start(), bool(match.group("custom"))) for match in OPENER_START.finditer(text, start))
    else:
        yield from ((at, literal in _CUSTOM_STARTS) for at, literal in found)


def _openers(text: str, start: int) -> Iterator[regex.Match[str]]:
    """``EMBED_OPENER.finditer(text, start)``, tried only where a match may start."""
    end = start
    markers = _markers(text)
    for position, custom in _opener_starts(text, start):
        if position < end or not (custom or _may_open(text, position, markers)):
            continue
        match = EMBED_OPENER.match(text, position)
        if match is not None:
            end = match.end()
            yield match


def holds_stock_embed(text: str, inner: int, end: int) -> bool:
    """Whether the platform's own embed code opens between ``inner`` and ``end`` (a wrapper's
    content: wrappers are few and small, so the plain scan is cheap enough here)."""
    return STOCK_OPENER.search(text, inner, end) is not None


@caches.register
@lru_cache(maxsize=2)
def _embed_regions(text: str, start: int) -> tuple[tuple[int, int, str], ...]:
    # Cached: the embed reader and the mention finder both need the regions of the same page.
    regions = []
    end = start
    for match in _openers(text, start):
        if match.start() < end:
            continue  # inside an embed already found (an iframe inside a rendered tweet)
        tag = match.group("tag").lower()
        stop = region_end(text, tag, match.start(), match.end())
        if STOCK_OPENER.match(text, match.start()) is None and holds_stock_embed(text, match.end(), stop):
            continue  # a CMS wrapper: the embed code inside it is the embed
        end = stop
        regions.append((match.start(), end, tag))
    return tuple(regions)


def _parse(markup: str, tag: str) -> etree._Element | None:
    """The first ``tag`` element of ``markup`` (a region), parsed with its white space read."""
    root = parse_html(markup)
    if root is None:
        return None
    _collapse_spaces(root)
    return next(root.iter(tag), None)


def _collapse_spaces(element: etree._Element) -> None:
    """Make each text (and comment) under ``element`` that is only ASCII white space one space,
    or one line break when it holds one; but not inside ``<pre>`` or ``<textarea>``."""
    if element.tag in _KEEP_SPACES:
        return
    text = element.text
    if text is not None and not text.strip(_SPACES) and text not in (" ", "\n"):
        element.text = "\n" if "\n" in text else " "
    for child in element:
        _collapse_spaces(child)
        tail = child.tail
        if tail is not None and not tail.strip(_SPACES) and tail not in (" ", "\n"):
            child.tail = "\n" if "\n" in tail else " "


def read_embed(element: etree._Element, offset: int, document: Document) -> Fragment | None:
    """The fragment an embed element describes, or None when it names no post."""
    found = matched_form(element)
    if found is not None and found.form.kind == "encoded":
        return placeholders.read_encoded(element, found, offset, document, read_region)
    if found is not None and found.form.kind == "json":
        return placeholders.read_json(element, found, offset, document)
    fragment = _read_markup(element, found, offset, document)
    if fragment is None and found is not None and found.form.kind == "wrapper":
        return placeholders.read_wrapper_text(element, found, offset, document)
    return fragment


def _url_attributes(found: Match | None) -> tuple[str, ...]:
    """The attributes to read the post's URL from: the form's own first."""
    if found is None:
        return _URL_ATTRIBUTES
    own = found.form.id_attribute or (found.form.marker if found.form.kind == "attribute" else None)
    return (own, *_URL_ATTRIBUTES) if own else _URL_ATTRIBUTES


def _read_markup(element: etree._Element, found: Match | None, offset: int, document: Document) -> Fragment | None:
    from lxml import etree  # noqa: PLC0415 - lxml is loaded with the first HTML page

    post_url: str | None = None
    link_text = None
    post_id = None
    elements = list(element.iter(etree.Element))
    for attribute, id_permalink in _ID_ATTRIBUTES:
        holder = next((e for e in elements if attribute in e.attrib), None)
        if holder is not None:
            post_id = attr(holder, attribute)
            if post_id:
                post_url = id_permalink(post_id)
            break
    if post_url is None:
        for attribute in _url_attributes(found):
            value = attr(element, attribute)
            if value and (named := _post_in(value)) is not None:
                post_url = named
                break
    if post_url is None and (source := frame_source(element)) is not None:
        post_url = _post_in(source)
    from_id = post_id is not None
    for anchor in reversed(links(element)):
        href = attr(anchor, "href") or ""
        ref = parse_url(href)
        if ref is None or not ref.post_id:
            continue
        if post_url is None or _same_post(href, post_url):
            # The link that names the post carries the shown date; it also names the handle,
            # which an ID attribute alone does not.
            post_url = href if post_url is None or from_id else post_url
            link_text = inner_text(anchor, " ", strip=True) or None
            break
    ref = parse_url(post_url) if post_url is not None else None
    full = inner_text(element)  # a <br> and a paragraph's end are line breaks
    short_links: list[str] = []
    if post_url is None:
        ref = _element_id(element, found)
        if ref is not None and ref.url is not None:
            post_url = ref.url
        else:
            # No permalink: an embed may still name its post by short links (X's t.co), which --online resolves.
            short_links = _short_links(element, full)
            if not short_links:
                return None
            ref = parse_url("https://" + short_links[0])
    platform = ref.platform if ref is not None else None
    lang_holder = next((e for e in elements[1:] if "lang" in e.attrib), None)
    lang = attr(lang_holder, "lang") if lang_holder is not None else None
    attributions = list(_ATTRIBUTION.finditer(full))
    attribution = attributions[-1] if attributions else None
    name = handle = None
    date_lang = attr(element, "data-lang") or document.lang
    if attribution is not None:
        name = " ".join(attribution.group("name").split()) or None  # any Unicode space → one space
        handle = attribution.group("handle")
        if short_links and (dated := match_date(full, attribution.end(), date_lang)) is not None:
            link_text = " ".join(full[attribution.end() : dated[1]].split())  # no post link: the date is text
        full = full[: attribution.start()]
    text = "\n".join(line.strip() for line in full.strip().splitlines() if line.strip()) or None
    shown = None
    if link_text and match_date(link_text, 0, date_lang):
        shown = link_text
    line, column = document.position(offset)
    fragment = Fragment(
        kind="embed",
        form=found.name if found is not None else str(element.tag),
        offset=offset,
        line=line,
        column=column,
        platform=platform,
        url=post_url,
        post_id=ref.post_id if ref is not None else post_id,
        handle=handle,
        display_name=name,
        shown_date_text=shown,
        text=text,
        lang=lang,
        media=tuple(media_links(" ".join((text or "", *short_links)))),
    )
    owner = PLATFORMS.get(platform or "")
    return owner.read_embed(element, fragment) if owner is not None and owner.read_embed else fragment


def _post_in(value: str) -> str | None:
    """``value`` when it is a URL naming a post with an ID, or the post URL in its ``url=``
    parameter (Drupal's and iframely's frames), else None."""
    ref = parse_url(value)
    if ref is not None and ref.post_id:
        return value
    for inner in placeholders.url_parameters(value):
        ref = parse_url(inner)
        if ref is not None and ref.post_id:
            return inner
    return None


def _element_id(element: etree._Element, found: Match | None) -> PostRef | None:
    """The post a bare ID attribute of the embed element names (``data-video-id``, ``data-shortcode``, …)."""
    if found is not None and found.form.kind == "tag" and found.form.id_attribute:
        value = attr(element, found.form.id_attribute)
        if value and (ref := parse_id(value, found.platform)) is not None:
            return ref
    for tag, name, platform in _ELEMENT_IDS:
        value = attr(element, name) if tag in (None, element.tag) else None
        if value and (ref := parse_id(value, platform)) is not None:
            return ref
    return None


def _short_links(element: etree._Element, text: str) -> list[str]:
    """The short links (``Platform.short_links``: X's ``t.co``, ``pic.twitter.com``) an embed holds,
    in its links and its text, written without a scheme as in a post's text; in order, without
    duplicates."""
    hrefs = (attr(anchor, "href") or "" for anchor in links(element))
    found = [
        found.group()
        for href in hrefs
        if (ref := parse_url(href)) is not None and ref.post_id is None
        and PLATFORMS[ref.platform].short_links is not None
        and (found := MEDIA_LINK.search(href)) is not None
    ]
    found.extend(match.group() for match in MEDIA_LINK.finditer(text))
    return list(dict.fromkeys(found))


def _same_post(first: str, second: str) -> bool:
    a, b = parse_url(first), parse_url(second)
    return a is not None and b is not None and (a.platform, a.post_id) == (b.platform, b.post_id)


def read_region(markup: str, offset: int, document: Document) -> Fragment | None:
    """The first embed in ``markup`` (a piece of HTML, such as a placeholder's decoded embed code)."""
    for start, end, tag in embed_regions(markup):
        element = _parse(markup[start:end], tag)
        if element is not None and (fragment := read_embed(element, offset, document)) is not None:
            return fragment
    return None


def find_html_embeds(document: Document) -> Iterator[tuple[Fragment, int]]:
    """Every embed in ``document``'s HTML, with the offset where its region ends: the catalogued
    forms, then posts' URLs alone in paragraphs, then what the generic reader finds elsewhere."""
    claimed: list[tuple[int, int]] = []
    for start, end, tag in embed_regions(document.text, document.body_start):
        element = _parse(document.text[start:end], tag)
        if element is None:
            continue
        fragment = read_embed(element, start, document)
        if fragment is not None:
            claimed.append((start, end))
            yield fragment, end
    if document.kind != "html":
        return  # Markdown's components and URL lines are the shortcode reader's
    for fragment, end in find_bare_url_paragraphs(document):
        if not any(start <= fragment.offset < stop for start, stop in claimed):
            claimed.append((fragment.offset, end))
            yield fragment, end
    yield from find_generic_embeds(document, claimed, region_end)
