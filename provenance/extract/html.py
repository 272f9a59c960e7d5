"""Embed markup in HTML (and in the raw HTML that Markdown may hold).

A page is not parsed whole: one compiled scan finds the opening tags that embed code uses
(``blockquote.twitter-tweet``, ``blockquote.instagram-media``, ``div.fb-post``, the platforms'
frames, ``script[data-telegram-post]``, the AMP components, …: the one list of embed markup is
below), the region up to the matching closing tag is cut out, and only that region is parsed,
by lxml's HTML parser. This keeps large pages cheap and gives every embed its exact line and
column in the source. In the parsed region a text of nothing but ASCII white space reads as one
space, or one line break when it holds one (except in ``<pre>`` and ``<textarea>``); the text
of an element is read as :mod:`provenance.platforms.markup` describes.

From each region the reader takes the post's URL (from embed attributes first, then from the
last link that names a post, then from a bare ID attribute such as ``data-video-id`` or
``data-shortcode``), the shown date (the text of that link), the attribution
``— Display Name (@handle)``, the post's text and language, and its media links. The platform
module then refines what the generic reader found (``Platform.read_embed``): Instagram's
attribution phrases and ``<time datetime>``, Facebook's "Posted by" fallback, TikTok's
``@user`` and sound, and the boilerplate of the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import regex

from provenance.dates import match_date
from provenance.extract.evidence import MEDIA_LINK, media_links
from provenance.htmltree import parse_html
from provenance.model import Document, Fragment, PostRef
from provenance.platforms import PLATFORMS, parse_id, parse_url
from provenance.platforms.markup import attr, inner_text, links

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["EMBED_OPENER", "embed_regions", "find_html_embeds"]

#: Class names and attributes that mark embed code, by the tag that carries them. This is the
#: one list of embed markup: the platform modules read what these regions hold.
_CLASSES = (
    "twitter-tweet", "twitter-video", "twitter-tweet-rendered", "instagram-media", "tiktok-embed",
    "bluesky-embed", "mastodon-embed", "truthsocial-embed", "reddit-embed-bq", "reddit-card",
    "text-post-media", "fb-post", "fb-video",
)
_ATTRIBUTES = ("data-tweet-id", "data-tweetid", "data-telegram-post", "data-instgrm-permalink", "data-bluesky-uri")
#: Frame sources of embeds (``data-src`` too, as lazy loaders write it). The last two are
#: rendered forms, saved from a page after the Bluesky or Reddit script replaced the blockquote.
_FRAME_SOURCES = (
    r"platform\.twitter\.com/embed", r"facebook\.com/plugins/(?:post|video|comment_embed)\.php",
    r"instagram\.com/(?:p|reel|tv)/[^\"'/]+/embed", r"tiktok\.com/(?:embed|player)", r"linkedin\.com/embed/",
    r"youtube(?:-nocookie)?\.com/embed/", r"/@[^\"'/]+/\d+/embed",
    r"embed\.bsky\.app/embed/", r"embed\.reddit\.com/r/",
)
#: AMP components: the tag alone marks them (``data-shortcode``, ``data-href``, ``data-videoid``,
#: ``data-src`` or ``data-tweetid`` name the post).
_AMP_TAGS = ("amp-twitter", "amp-instagram", "amp-facebook", "amp-youtube", "amp-tiktok", "amp-reddit")
EMBED_OPENER = regex.compile(
    r"<(?P<tag>" + "|".join(_AMP_TAGS) + r")\b(?P<attrs>[^>]*)>"
    r"|<(?P<tag>blockquote|div|iframe|script)\b"
    r"(?P<attrs>[^>]*?(?:"
    r"class\s*=\s*[\"'][^\"']*\b(?:" + "|".join(regex.escape(c) for c in _CLASSES) + r")\b"
    r"|(?:" + "|".join(_ATTRIBUTES) + r")\s*="
    r"|src\s*=\s*[\"'][^\"']*(?:" + "|".join(_FRAME_SOURCES) + r")"
    r")[^>]*)>",
    regex.IGNORECASE,
)
#: Where an embed opener may start: ``EMBED_OPENER`` is tried only there. ``re`` (which for
#: the letters here accepts every character ``regex`` does, case-insensitively) finds these
#: about six times faster than ``EMBED_OPENER`` scans a page (tests/test_speed_identity_scans.py).
_OPENER_START = re.compile(r"<(?:(?P<amp>amp-)|blockquote|div|iframe|script)", re.IGNORECASE)
#: Literals one of which stands, case-folded, in every match of the non-AMP openers: in a class
#: name, an attribute name or a frame source (all but two frame sources hold "embed").
_OPENER_MARKERS = (
    "embed", "twitter", "instagram-media", "text-post-media", "fb-", "instgrm", "data-t", "bluesky", "reddit",
    "tiktok", "plugins",
)
_OPENER_MARKER = re.compile("|".join(re.escape(marker) for marker in _OPENER_MARKERS))
#: The most of a page one embed may span; beyond it the markup is broken and the rest of the
#: page is not the embed's. Real embed code is under 20 kB even with long posts inlined.
MAX_EMBED_CHARS = 100_000
_ATTRIBUTION = regex.compile(r"(?:—|–|-{1,3})\s*(?P<name>[^\n—]*?)\s*\(\s*@(?P<handle>[A-Za-z0-9_.]{1,64})\s*\)")
#: Attributes that hold the embedded post's URL or ID, most telling first.
_URL_ATTRIBUTES = (
    "data-instgrm-permalink", "data-text-post-permalink", "data-href", "data-embed-url", "data-bluesky-uri",
    "cite", "src", "data-src",
)
_ID_ATTRIBUTES = ("data-tweet-id", "data-tweetid")
#: Attributes of the embed element itself that hold a bare post ID: (the element's tag, or None
#: for any, the attribute, the platform whose ID it is).
_ELEMENT_IDS = (
    (None, "data-telegram-post", "telegram"), ("blockquote", "data-video-id", "tiktok"),
    ("amp-instagram", "data-shortcode", "instagram"), ("amp-youtube", "data-videoid", "youtube"),
    ("amp-tiktok", "data-src", "tiktok"),
)
#: ASCII white space, and the elements that keep theirs as written.
_SPACES = " \t\n\r\f"
_KEEP_SPACES = frozenset({"pre", "textarea"})


@lru_cache(maxsize=16)
def _tag_pattern(tag: str) -> regex.Pattern[str]:
    return regex.compile(rf"<(/?){regex.escape(tag)}\b[^>]*>", regex.IGNORECASE)


def _region_end(text: str, tag: str, start: int, inner: int) -> int:
    """Where the element opened at ``start`` (content from ``inner``) ends."""
    limit = min(len(text), start + MAX_EMBED_CHARS)
    depth = 1
    for match in _tag_pattern(tag).finditer(text, inner, limit):
        if match.group(1):
            depth -= 1
            if depth == 0:
                return match.end()
        elif not match.group().endswith("/>"):
            depth += 1
    return inner if tag in ("iframe", "script") or tag.startswith("amp-") else limit


def embed_regions(text: str, start: int = 0) -> tuple[tuple[int, int, str], ...]:
    """The (start, end, tag) of every embed element in ``text``, outermost only, in order."""
    return _embed_regions(text, start)


def _may_open(text: str, start: int) -> bool:
    """Whether a non-AMP ``EMBED_OPENER`` match may start at ``start``: a marker stands where one could."""
    close = text.find(">", start)
    if close == -1:
        return False
    # A match ends at the tag's first ">", unless a quoted class or src value runs past it: then
    # the last quote before that ">" opens the value (it follows "=" and maybe spaces), and the
    # value, with the marker in it, ends at the next quote.
    stop = close
    quote = max(text.rfind('"', start, close), text.rfind("'", start, close))
    if quote != -1 and text[start:quote].rstrip().endswith("="):
        ends = [found for mark in "\"'" if (found := text.find(mark, close)) != -1]
        stop = min(ends, default=len(text))
    return _OPENER_MARKER.search(text[start:stop].casefold()) is not None


def _openers(text: str, start: int) -> Iterator[regex.Match[str]]:
    """``EMBED_OPENER.finditer(text, start)``, tried only where a match may start."""
    end = start
    for candidate in _OPENER_START.finditer(text, start):
        position = candidate.start()
        if position < end or not (candidate.group("amp") or _may_open(text, position)):
            continue
        match = EMBED_OPENER.match(text, position)
        if match is not None:
            end = match.end()
            yield match


@lru_cache(maxsize=4)
def _embed_regions(text: str, start: int) -> tuple[tuple[int, int, str], ...]:
    # Cached: the embed reader and the mention finder both need the regions of the same page.
    regions = []
    end = start
    for match in _openers(text, start):
        if match.start() < end:
            continue  # inside an embed already found (an iframe inside a rendered tweet)
        tag = match.group("tag").lower()
        end = _region_end(text, tag, match.start(), match.end())
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


def _form(element: etree._Element) -> str:
    name = str(element.tag)
    classes = [c for c in (element.get("class") or "").split() if c in _CLASSES]
    if classes:
        return f"{name}.{classes[0]}"
    for attribute in (*_ID_ATTRIBUTES, "data-telegram-post"):
        if attribute in element.attrib:
            return f"{name}[{attribute}]"
    if name.startswith("amp-"):
        return name
    source = next((value for key in ("src", "data-src") if "//" in (value := attr(element, key) or "")), None)
    if source:
        host = urlsplit(source if "//" in source else "//" + source).hostname
        return f"{name}[src={host}]" if host else name
    return name


def read_embed(element: etree._Element, offset: int, document: Document) -> Fragment | None:
    """The fragment an embed element describes, or None when it names no post."""
    from lxml import etree  # noqa: PLC0415 - lxml is loaded with the first HTML page

    post_url = None
    link_text = None
    post_id = None
    elements = list(element.iter(etree.Element))
    for attribute in _ID_ATTRIBUTES:
        holder = next((e for e in elements if attribute in e.attrib), None)
        if holder is not None:
            post_id = attr(holder, attribute)
            if post_id:
                post_url = f"https://x.com/i/status/{post_id}"
            break
    if post_url is None:
        for attribute in _URL_ATTRIBUTES:
            value = attr(element, attribute)
            if value and (ref := parse_url(value)) is not None and ref.post_id:
                post_url = value
                break
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
        ref = _element_id(element)
        if ref is not None and ref.url is not None:
            post_url = ref.url
        else:
            # No permalink: an X embed may still name its post by short links, which --online resolves.
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
        if short_links and (found := match_date(full, attribution.end(), date_lang)) is not None:
            link_text = " ".join(full[attribution.end() : found[1]].split())  # no post link: the date is text
        full = full[: attribution.start()]
    text = "\n".join(line.strip() for line in full.strip().splitlines() if line.strip()) or None
    shown = None
    if link_text and match_date(link_text, 0, date_lang):
        shown = link_text
    line, column = document.position(offset)
    fragment = Fragment(
        kind="embed",
        form=_form(element),
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


def _element_id(element: etree._Element) -> PostRef | None:
    """The post a bare ID attribute of the embed element names (``data-video-id``, …)."""
    for tag, name, platform in _ELEMENT_IDS:
        value = attr(element, name) if tag in (None, element.tag) else None
        if value and (ref := parse_id(value, platform)) is not None:
            return ref
    return None


def _short_links(element: etree._Element, text: str) -> list[str]:
    """The X short links (``t.co``, ``pic.twitter.com``) an embed holds, in its links and its text,
    written without a scheme as in a post's text; in order, without duplicates."""
    hrefs = (attr(anchor, "href") or "" for anchor in links(element))
    found = [
        found.group()
        for href in hrefs
        if (ref := parse_url(href)) is not None and ref.platform == "x" and ref.post_id is None
        and (found := MEDIA_LINK.search(href)) is not None
    ]
    found.extend(match.group() for match in MEDIA_LINK.finditer(text))
    return list(dict.fromkeys(found))


def _same_post(first: str, second: str) -> bool:
    a, b = parse_url(first), parse_url(second)
    return a is not None and b is not None and (a.platform, a.post_id) == (b.platform, b.post_id)


def find_html_embeds(document: Document) -> Iterator[tuple[Fragment, int]]:
    """Every embed in ``document``'s HTML, with the offset where its region ends."""
    for start, end, tag in embed_regions(document.text, document.body_start):
        element = _parse(document.text[start:end], tag)
        if element is None:
            continue
        fragment = read_embed(element, start, document)
        if fragment is not None:
            yield fragment, end
