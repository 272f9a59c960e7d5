"""The article's dates and language in an HTML page's metadata, byline and URL."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import regex
from lxml import etree

from provenance import dates as written_dates
from provenance.htmltree import parse_html
from provenance.model import ArticleDate
from provenance.published.stamps import (
    BYLINE_MAX_CHARS,
    EARLIEST_DAY,
    HTML_SCAN_MAX_CHARS,
    HTMLDATE_MAX_CHARS,
    JSON_LD_MAX_DEPTH,
    JSON_LD_MAX_NODES,
    LATEST_DAY,
    ArticleDates,
    _plausible,
    normalize_lang,
    parse_stamp,
)

# ---------------------------------------------------------------- html

# Precedence tiers of the published date; lower wins (see the module docstring).
_OPEN_GRAPH, _JSON_LD, _ITEMPROP, _META, _TIME, _URL_PATH, _BYLINE = range(7)

_OG_PUBLISHED = frozenset({
    "article:published_time", "og:article:published_time", "og:published_time",
    "article:published", "og:pubdate", "og:publish_date",
})
_OG_MODIFIED = frozenset({
    "article:modified_time", "og:article:modified_time", "og:updated_time", "og:modified_time",
    "article:modified",
})
_META_PUBLISHED = frozenset({
    "date", "dc.date", "dc.date.issued", "dc.date.created", "dc.created", "dcterms.date",
    "dcterms.issued", "dcterms.created", "parsely-pub-date", "sailthru.date", "publish-date",
    "publish_date", "publishdate", "pubdate", "published_at", "published_time", "date_published",
    "article.published", "datepublished", "citation_publication_date", "citation_date",
    "publication_date",
})
_META_MODIFIED = frozenset({
    "last-modified", "lastmod", "lastmodified", "modified", "dcterms.modified", "dc.date.modified",
    "datemodified", "date_modified", "modified_time", "updated_time", "article.updated",
})
_ITEMPROP_PUBLISHED = "datepublished"
_ITEMPROP_MODIFIED = "datemodified"
_ARTICLE_TYPES = frozenset({"BlogPosting", "LiveBlogPosting", "Report"})
_PAGE_TYPES = frozenset({"WebPage", "ItemPage"})

_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.IGNORECASE)
# JSON-LD is found from its type string, its tag and closing tag looked up around it, so that
# a page of unclosed or unfinished tags costs linear time, not quadratic.
_LD_TYPE = re.compile(r"application/ld\+json", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.IGNORECASE)
#: An opening tag's attributes around its type fit in this many characters.
_TAG_REACH = 1000
_LD_WRAPPER = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)\s*$")
_BODY_ITEMPROP = re.compile(r"itemprop\s*=\s*[\"']?datePublished", re.IGNORECASE)
# ``re`` scans a page for a case-insensitive pattern about twenty times slower than ``regex``
# finds a case-insensitive literal, so the two scans above are led by a literal inside every
# match: (anchor, characters before it). The anchors hold no "i": ``re`` also takes the dotless
# "ı" for it, ``regex`` does not; for every other letter in them ``regex`` accepts all ``re`` does.
_LD_ANCHOR = (regex.compile(r"on/ld\+json", regex.IGNORECASE), len("applicati"))
_ITEMPROP_ANCHOR = (regex.compile(r"temprop", regex.IGNORECASE), len("i"))
_PUBLISHED_CLASS = re.compile(r"\b(?:published|pubdate|entry-date|date-published)\b", re.IGNORECASE)
#: The hAtom class of an entry's update time (WordPress themes write it, often hidden).
_UPDATED_CLASS = re.compile(r"(?<![\w-])updated(?![\w-])", re.IGNORECASE)
_URL_DATE = re.compile(
    r"/(?P<y>(?:199\d|20\d\d))(?:/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?=[/_-]|$)"
    r"|-(?P<m2>\d{2})-(?P<d2>\d{2})(?=[/_.-]|$)|(?P<m3>\d{2})(?P<d3>\d{2})(?=[/.]|$))"
)


@dataclass
class _Candidates:
    """Dates found so far, each with its tier and its rank inside the tier."""

    published: list[tuple[int, int, ArticleDate]]
    modified: list[tuple[int, int, ArticleDate]]
    langs: list[tuple[int, str]]
    urls: list[str]

    def add(self, kind: str, tier: int, stamp: ArticleDate | None, rank: int = 0) -> None:
        if stamp is not None:
            (self.published if kind == "published" else self.modified).append((tier, rank, stamp))

    def tier(self, kind: str) -> int | None:
        return min((c[0] for c in (self.published if kind == "published" else self.modified)), default=None)

    def lang(self) -> str | None:
        return min(self.langs, key=lambda c: c[0])[1] if self.langs else None

    def best(self, kind: str) -> ArticleDate | None:
        found = sorted(self.published if kind == "published" else self.modified, key=lambda c: c[:2])
        return _refined([stamp for _, _, stamp in found])


def _refined(stamps: list[ArticleDate]) -> ArticleDate | None:
    """The first stamp, or a later one naming the same day more precisely."""
    if not stamps:
        return None
    best = stamps[0]

    def precision(stamp: ArticleDate) -> int:
        if stamp.moment is None:
            return 0
        return 2 if stamp.moment.tzinfo is not None else 1

    for stamp in stamps[1:]:
        if stamp.day == best.day and precision(stamp) > precision(best):
            best = stamp
    return best


def html_dates(text: str) -> ArticleDates:
    found = _Candidates([], [], [], [])
    scan = text[:HTML_SCAN_MAX_CHARS]
    head_end = _HEAD_END.search(scan)
    head = parse_html(scan[: head_end.start()] if head_end else scan, comments=False)
    if head is not None:
        _read_root(head, found)
        _read_metas(head, found)
    _read_json_ld(scan, found)
    tier = found.tier("published")
    # The whole page is parsed only when the head is silent, or when a body itemprop could
    # still beat the plain meta name the head offered.
    body_itemprop = (
        head_end is not None and _search(_BODY_ITEMPROP, _ITEMPROP_ANCHOR, scan, head_end.start()) is not None
    )
    if tier is None or (tier > _ITEMPROP and body_itemprop):
        page = parse_html(scan, comments=False) if head_end else head
        body = page.find("body") if page is not None and head_end else None
        if body is not None:
            _read_metas(body, found)
        if page is not None:
            _read_page(page, found)
        for url in found.urls:
            found.add("published", _URL_PATH, _url_day(url))
    modified = found.best("modified")
    published = found.best("published") or _unless_modified(_htmldate_day(text), modified)
    return ArticleDates(published, modified, found.lang(), 0, ())


def _unless_modified(guess: ArticleDate | None, modified: ArticleDate | None) -> ArticleDate | None:
    """htmldate's day, unless it is the day the page states it was modified: htmldate cannot
    tell the two apart, and an update time taken for the publication makes posts look old."""
    if guess is not None and modified is not None and guess.day == modified.day:
        return None
    return guess


def _read_root(root: etree._Element, found: _Candidates) -> None:
    # The HTML parser keeps XHTML's ``xml:lang`` as a plain attribute of that name.
    lang = normalize_lang(root.get("lang") or root.get("xml:lang"))
    if lang is not None:
        found.langs.append((0, lang))


def _read_metas(root: etree._Element, found: _Candidates) -> None:
    for order, meta in enumerate(root.iter("meta")):
        # Some saved pages (postlight's fixtures) carry the value in ``value``, not ``content``.
        value = meta.get("content") or meta.get("value") or meta.get("datetime")
        if not value:
            continue
        equiv = (meta.get("http-equiv") or "").lower()
        if equiv == "content-language":
            _add_lang(found, 1, value)
        elif equiv == "last-modified":
            found.add("modified", _META, parse_stamp(value, "html:meta:last-modified"), order)
        itemprop = (meta.get("itemprop") or "").lower()
        if itemprop in (_ITEMPROP_PUBLISHED, _ITEMPROP_MODIFIED):
            kind = "published" if itemprop == _ITEMPROP_PUBLISHED else "modified"
            found.add(kind, _ITEMPROP, parse_stamp(value, f"html:itemprop:{meta.get('itemprop')}"), order)
        for attribute in ("property", "name"):
            key = (meta.get(attribute) or "").strip().lower()
            if not key:
                continue
            source = f"html:meta:{key}"
            if key in _OG_PUBLISHED:
                found.add("published", _OPEN_GRAPH, parse_stamp(value, source), order)
            elif key in _OG_MODIFIED:
                found.add("modified", _OPEN_GRAPH, parse_stamp(value, source), order)
            elif key in _META_PUBLISHED:
                found.add("published", _META, parse_stamp(value, source), order)
            elif key in _META_MODIFIED:
                found.add("modified", _META, parse_stamp(value, source), order)
            elif key == "og:locale":
                _add_lang(found, 3, value)
            elif key in ("language", "dc.language", "content-language"):
                _add_lang(found, 4, value)
            elif key == "og:url":
                found.urls.append(value)
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and (href := link.get("href") or link.get("value")):
            found.urls.insert(0, href)


def _add_lang(found: _Candidates, tier: int, value: str) -> None:
    lang = normalize_lang(value)
    if lang is not None:
        found.langs.append((tier, lang))


def _search(
    pattern: re.Pattern[str], anchor: tuple[regex.Pattern[str], int], text: str, position: int
) -> re.Match[str] | None:
    """``pattern.search(text, position)``, tried only where its anchor literal stands."""
    literal, lead = anchor
    at = position + lead
    while (hit := literal.search(text, at)) is not None:
        if (match := pattern.match(text, hit.start() - lead)) is not None:
            return match
        at = hit.start() + 1
    return None


def _json_ld_blocks(markup: str) -> Iterator[str]:
    position = 0
    while (mention := _search(_LD_TYPE, _LD_ANCHOR, markup, position)) is not None:
        position = mention.end()
        tag_start = markup.rfind("<", max(0, mention.start() - _TAG_REACH), mention.start())
        tag_end = markup.find(">", mention.end(), mention.end() + _TAG_REACH)
        if tag_start == -1 or tag_end == -1 or markup[tag_start : tag_start + 7].lower() != "<script":
            continue
        closing = _SCRIPT_CLOSE.search(markup, tag_end)
        if closing is None:
            return
        position = closing.end()
        yield markup[tag_end + 1 : closing.start()]


def _read_json_ld(markup: str, found: _Candidates) -> None:
    for block in _json_ld_blocks(markup):
        try:
            data = json.loads(_LD_WRAPPER.sub("", block), strict=False)
        except (ValueError, RecursionError):
            continue
        for node, rank in _ld_nodes(data):
            for key, kind in (("datePublished", "published"), ("dateModified", "modified")):
                if isinstance(value := node.get(key), str):
                    found.add(kind, _JSON_LD, parse_stamp(value, f"html:json-ld:{key}"), rank)
            language = node.get("inLanguage")
            if isinstance(language, dict):
                language = language.get("alternateName") or language.get("name")
            if isinstance(language, str):
                _add_lang(found, 2, language)


def _ld_nodes(data: object) -> Iterator[tuple[dict[str, Any], int]]:
    """Article-like JSON-LD nodes, breadth-first, with rank 0 for articles and 1 for pages."""
    queue: list[tuple[object, int]] = [(data, 0)]
    for item, depth in queue:
        if len(queue) > JSON_LD_MAX_NODES:
            return
        children: list[object] = []
        if isinstance(item, list):
            children = item
        elif isinstance(item, dict):
            rank = _ld_rank(item.get("@type"))
            if rank is not None:
                yield item, rank
            children = [value for value in item.values() if isinstance(value, dict | list)]
        if depth < JSON_LD_MAX_DEPTH:
            queue.extend((child, depth + 1) for child in children)


def _ld_rank(types: object) -> int | None:
    names = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    ranks = []
    for name in names:
        if not isinstance(name, str):
            continue
        short = name.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
        if short.endswith("Article") or short in _ARTICLE_TYPES:
            ranks.append(0)
        elif short in _PAGE_TYPES:
            ranks.append(1)
    return min(ranks, default=None)


def _read_page(page: etree._Element, found: _Candidates) -> None:
    """Sources that need the whole page: itemprop in the body, ``<time>`` and the byline."""
    lang = found.lang()
    heading = page.find(".//h1")
    after_heading = heading is None
    byline_seen = False
    for order, element in enumerate(page.iter(etree.Element)):
        if element is heading:
            after_heading = True
            continue
        itemprop = (element.get("itemprop") or "").lower()
        if itemprop in (_ITEMPROP_PUBLISHED, _ITEMPROP_MODIFIED) and element.tag != "meta":
            kind = "published" if itemprop == _ITEMPROP_PUBLISHED else "modified"
            source = f"html:itemprop:{element.get('itemprop')}"
            found.add(kind, _ITEMPROP, _element_stamp(element, source, lang), order)
        classes = element.get("class") or ""
        if _UPDATED_CLASS.search(classes) and not _PUBLISHED_CLASS.search(classes):
            found.add("modified", _TIME, _element_stamp(element, "html:class:updated", lang), order)
        if element.tag != "time":
            continue
        if element.get("pubdate") is not None or _PUBLISHED_CLASS.search(classes):
            found.add("published", _TIME, _element_stamp(element, "html:time", lang), order)
        elif after_heading and heading is not None and not byline_seen:
            # Only the first: later ones date related links, comments or match tables.
            found.add("published", _BYLINE, _element_stamp(element, "html:time", lang), order)
            byline_seen = True


def _element_stamp(element: etree._Element, source: str, lang: str | None) -> ArticleDate | None:
    value = element.get("datetime") or element.get("content")
    if value:
        return parse_stamp(value, source)
    # Text nodes joined with spaces: adjacent spans must not glue "2022" to "21/04".
    shown = " ".join(" ".join(element.itertext()).split())
    if not shown or len(shown) > BYLINE_MAX_CHARS:
        return None
    return parse_stamp(shown, source) or _written_day(shown, lang, source)


def _written_day(shown: str, lang: str | None, source: str) -> ArticleDate | None:
    """The first full date a short date line names in words (``Jueves, 21 de abril de 2022``)."""
    # provenance.dates tries the declared language first, then every other one: pages
    # declare their language wrongly (a labelled page says "en" for Spanish).
    for written in written_dates.find_dates(shown, lang):
        if written.kind == "absolute" and written.day is not None and _plausible(written.day):
            return ArticleDate(written.day, source)
    return None


def _url_day(url: str) -> ArticleDate | None:
    path = url.split("?", 1)[0].split("#", 1)[0]
    path = path.split("//", 1)[1] if "//" in path else path
    for match in _URL_DATE.finditer(path):
        try:
            day = date(
                int(match["y"]),
                int(match["m"] or match["m2"] or match["m3"]),
                int(match["d"] or match["d2"] or match["d3"]),
            )
        except ValueError:
            continue
        if _plausible(day):
            return ArticleDate(day, "html:url-path")
    return None


def _htmldate_day(text: str) -> ArticleDate | None:
    from htmldate import find_date  # noqa: PLC0415 - 0.15 s to import, needed only as a fallback

    sample = text[:HTMLDATE_MAX_CHARS].lstrip()
    if sample.startswith("http") and " " not in sample:
        return None  # htmldate would take the text for a URL and download it.
    try:
        found = find_date(
            sample,
            original_date=True,
            extensive_search=True,
            outputformat="%Y-%m-%d",
            min_date=datetime.combine(EARLIEST_DAY, datetime.min.time()),
            max_date=datetime.combine(LATEST_DAY, datetime.min.time()),
        )
    except Exception:  # a heuristic fallback must never abort loading a page
        return None
    if not isinstance(found, str):
        return None
    return parse_stamp(found, "htmldate")

