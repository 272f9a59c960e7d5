"""The article's own dates and language: what the page says about itself.

``find_dates`` reads, by document kind:

- **text**: a scraper's metadata prefix at the very start (`` date 2026-02-18 Body…``,
  ``published: 2026-02-18T10:00Z``). Only a known key followed by an ISO date counts, so a
  date in the first sentence of prose is never taken for metadata.
- **markdown**: YAML (``---``) or TOML (``+++``) front matter; without it, the text prefix.
  Published comes from ``publishDate``, ``published``, ``pubDate``, then ``date`` (as in
  Hugo, an explicit publish date beats ``date``); modified from ``lastmod``, ``modified``,
  ``updated``. Keys match case-insensitively; a boolean ``published: true`` is no date.
- **html**: the page's metadata, in this precedence for the published date:

  1. Open Graph meta (``article:published_time`` and its ``og:`` spellings);
  2. JSON-LD ``datePublished`` of an article node (``NewsArticle``, ``BlogPosting`` …,
     also inside ``@graph`` or a list), then of a ``WebPage`` node;
  3. ``itemprop="datePublished"`` (meta, ``<time>`` or any element);
  4. other meta names: ``date``, ``dc.date``, ``parsely-pub-date``, ``sailthru.date`` …;
  5. ``<time pubdate>`` or a ``<time>`` whose class says it is the published time;
  6. a full date in the path of the canonical URL or ``og:url`` (``/2018/12/05/``);
  7. the byline: the first ``<time>`` after the first ``<h1>`` (a date in words is read by
     ``provenance.dates``, in the declared language first, then in every other);
  8. htmldate (``original_date=True``) on the first ``HTMLDATE_MAX_CHARS`` characters.

  When the winner gives a day only and a later source names the same day with a time, the
  more precise one is kept (timezone-aware beats naive). Modified dates come from the same
  kinds of metadata (``article:modified_time``, ``og:updated_time``, ``dateModified`` …) and
  never from htmldate, which cannot tell them apart.

Speed: the meta tags come from one lxml parse of ``<head>``, JSON-LD from a string scan of
the page; the whole page is parsed only when these find nothing (or only a plain meta name
while the body has an ``itemprop``), and htmldate runs only when everything else is silent.
The language is what the page declares (``<html lang>``, ``content-language``, JSON-LD
``inLanguage``, ``og:locale``), even when it is wrong.
"""

from __future__ import annotations

import email.utils
import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import lxml.html
import yaml
from lxml import etree

from provenance import dates as written_dates
from provenance.model import ArticleDate, DocumentKind

__all__ = ["ArticleDates", "find_dates", "normalize_lang", "parse_stamp"]

#: Earlier "dates" are CMS placeholders (0000-00-00, the 1970 epoch): the web of articles
#: with embeds begins in the mid-1990s, as htmldate also assumes.
EARLIEST_DAY = date(1995, 1, 1)
#: Fixed far-future bound so that results never depend on the day of the run.
LATEST_DAY = date(2100, 1, 1)
#: htmldate's text heuristics cost time with page size; a page's own date sits in its head
#: or first screen, and this covers every labelled corpus page (largest: 854 KB).
HTMLDATE_MAX_CHARS = 1_000_000
#: The metadata scans and the whole-page parse read no further than this, for the same reason.
HTML_SCAN_MAX_CHARS = 2_000_000
#: Front matter longer than this is not front matter but a runaway fence.
FRONT_MATTER_MAX_CHARS = 64 * 1024
#: JSON-LD is walked breadth-first only this deep and over this many nodes: article nodes sit
#: at depth 0–2 (top level, ``@graph``, ``mainEntity``), and a hostile page must stay cheap.
JSON_LD_MAX_DEPTH = 4
JSON_LD_MAX_NODES = 5_000
#: A byline is short; longer ``<time>`` text is not a date line.
BYLINE_MAX_CHARS = 80


@dataclass(frozen=True)
class ArticleDates:
    """The dates and language an article states for itself, and where its body starts."""

    published: ArticleDate | None
    modified: ArticleDate | None
    lang: str | None
    body_start: int
    front_matter: tuple[tuple[str, str], ...]


def find_dates(text: str, kind: DocumentKind) -> ArticleDates:
    """The article's published and modified dates, where each came from, its declared language,
    and where the body starts (after a text date prefix or front matter)."""
    if kind == "html":
        return _html_dates(text)
    if kind == "markdown":
        found = _front_matter(text)
        if found is not None:
            return found
    return _text_prefix(text)


# ---------------------------------------------------------------- stamps


_ISO = re.compile(
    r"\s*(?P<y>\d{4})(?P<sep>[-/])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?:(?:[T@]|\s+)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?"
    r"\s*(?P<z>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)",
    re.IGNORECASE,
)


def _zone(text: str | None) -> timezone | None:
    if text is None:
        return None
    if text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:4] or "0")
    if minutes >= 24 * 60:
        raise ValueError("offset out of range")
    return timezone(timedelta(minutes=-minutes if text[0] == "-" else minutes))


def _plausible(day: date) -> bool:
    return EARLIEST_DAY <= day < LATEST_DAY


def parse_stamp(value: str, source: str) -> ArticleDate | None:
    """An ISO 8601 or RFC 2822 date (with time and zone when given), or None."""
    match = _ISO.match(value)
    if match is not None:
        try:
            day = date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            return None
        if not _plausible(day):
            return None
        if match["H"] is None:
            return ArticleDate(day, source)
        try:
            fraction = int((match["f"] or "0")[:6].ljust(6, "0"))
            moment = datetime(
                day.year, day.month, day.day, int(match["H"]), int(match["M"]),
                int(match["S"] or 0), fraction, tzinfo=_zone(match["z"]),
            )
        except ValueError:
            # A broken time of day does not void the day it is attached to.
            return ArticleDate(day, source)
        return ArticleDate(day, source, moment)
    if not value.strip()[:1].isalpha():
        return None
    try:
        moment = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return ArticleDate(moment.date(), source, moment) if _plausible(moment.date()) else None


def _from_value(value: object, source: str) -> ArticleDate | None:
    """A date from a parsed YAML or TOML value: datetime, date or string."""
    if isinstance(value, datetime):
        return ArticleDate(value.date(), source, value) if _plausible(value.date()) else None
    if isinstance(value, date):
        return ArticleDate(value, source) if _plausible(value) else None
    if isinstance(value, str):
        return parse_stamp(value, source)
    return None


_LANG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*")


def normalize_lang(value: str | None) -> str | None:
    """A BCP-47-like lower-case tag (``en_US`` → ``en-us``), or None when ``value`` is none."""
    if not value:
        return None
    tag = value.split(",")[0].strip().replace("_", "-").lower()
    return tag if _LANG.fullmatch(tag) else None


# ---------------------------------------------------------------- text and markdown


_PREFIX_KEYS = {
    "date": "published", "published": "published", "publishdate": "published",
    "pubdate": "published", "published_at": "published",
    "updated": "modified", "modified": "modified", "lastmod": "modified",
    "last-modified": "modified",
}
_PREFIX_ITEM = re.compile(
    r"[\s\ufeff]*(?P<key>" + "|".join(sorted(_PREFIX_KEYS, key=len, reverse=True)) + r")"
    r"(?:[ \t]*[:=][ \t]*|[ \t]+)"
    r"(?P<value>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"(?=\s|$)",
    re.IGNORECASE,
)


def _text_prefix(text: str) -> ArticleDates:
    found: dict[str, ArticleDate] = {}
    end = 0
    while (match := _PREFIX_ITEM.match(text, end)) is not None:
        stamp = parse_stamp(match["value"], "text-prefix")
        if stamp is None:
            break
        found.setdefault(_PREFIX_KEYS[match["key"].lower()], stamp)
        end = match.end()
    while 0 < end < len(text) and text[end].isspace():
        end += 1
    return ArticleDates(found.get("published"), found.get("modified"), None, end, ())


_FENCES = {
    "---": re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M),
    "+++": re.compile(r"^\+\+\+[ \t]*\r?$", re.M),
}
#: The first line inside the fences must look like ``key:`` or ``key =`` (or a TOML table):
#: a Markdown rule (``---``) around prose is not front matter.
_FM_FIRST_LINE = re.compile(r"\s*(?:\[[^\]\n]+\]|[\w\"'.-]+\s*[:=])")
_FM_PUBLISHED = ("publishdate", "published", "pubdate", "date")
_FM_MODIFIED = ("lastmod", "modified", "updated", "lastmodified", "last_modified")
_FM_LANG = ("lang", "language")


def _front_matter(text: str) -> ArticleDates | None:
    start = 1 if text.startswith("\ufeff") else 0
    fence = text[start : start + 3]
    closing = _FENCES.get(fence)
    first_line_end = text.find("\n", start)
    if closing is None or first_line_end == -1 or text[start + 3 : first_line_end].strip():
        return None
    match = closing.search(text, first_line_end + 1, start + FRONT_MATTER_MAX_CHARS)
    if match is None:
        return None
    raw = text[first_line_end + 1 : match.start()]
    if raw.strip() and _FM_FIRST_LINE.match(raw) is None:
        return None
    body_start = match.end() + (1 if text.startswith("\n", match.end()) else 0)
    try:
        data: object = yaml.safe_load(raw) if fence == "---" else tomllib.loads(raw)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, OverflowError, RecursionError):
        # Malformed front matter is still not body: skip its data, keep the fence.
        data = None
    if not isinstance(data, dict):
        return ArticleDates(None, None, None, body_start, ())
    items = {str(key): value for key, value in data.items()}
    by_lower = {key.lower(): key for key in reversed(items)}

    def pick(keys: tuple[str, ...]) -> ArticleDate | None:
        for key in keys:
            if key in by_lower:
                name = by_lower[key]
                stamp = _from_value(items[name], f"front-matter:{name}")
                if stamp is not None:
                    return stamp
        return None

    lang = None
    for key in _FM_LANG:
        value = items.get(by_lower.get(key, ""))
        if isinstance(value, str) and (lang := normalize_lang(value)) is not None:
            break
    pairs = tuple((key, shown) for key, value in items.items() if (shown := _fm_text(value)) is not None)
    return ArticleDates(pick(_FM_PUBLISHED), pick(_FM_MODIFIED), lang, body_start, pairs)


def _scalar_text(value: object) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return str(value)
    return None


def _fm_text(value: object) -> str | None:
    """A front matter value as text; nested maps are left out (YAML aliases could make them huge)."""
    if isinstance(value, list):
        return ", ".join(t for item in value if (t := _scalar_text(item)) is not None)
    return _scalar_text(value)


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
_PUBLISHED_CLASS = re.compile(r"\b(?:published|pubdate|entry-date|date-published)\b", re.IGNORECASE)
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


def _parse_html(markup: str) -> lxml.html.HtmlElement | None:
    # Bytes with a fixed encoding: lxml refuses str input that carries an XML declaration.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, collect_ids=False)
    try:
        return lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def _html_dates(text: str) -> ArticleDates:
    found = _Candidates([], [], [], [])
    scan = text[:HTML_SCAN_MAX_CHARS]
    head_end = _HEAD_END.search(scan)
    head = _parse_html(scan[: head_end.start()] if head_end else scan)
    if head is not None:
        _read_root(head, found)
        _read_metas(head, found)
    _read_json_ld(scan, found)
    tier = found.tier("published")
    # The whole page is parsed only when the head is silent, or when a body itemprop could
    # still beat the plain meta name the head offered.
    body_itemprop = head_end is not None and _BODY_ITEMPROP.search(scan, head_end.start()) is not None
    if tier is None or (tier > _ITEMPROP and body_itemprop):
        page = _parse_html(scan) if head_end else head
        body = page.find("body") if page is not None and head_end else None
        if body is not None:
            _read_metas(body, found)
        if page is not None:
            _read_page(page, found)
        for url in found.urls:
            found.add("published", _URL_PATH, _url_day(url))
    published = found.best("published") or _htmldate_day(text)
    return ArticleDates(published, found.best("modified"), found.lang(), 0, ())


def _read_root(root: lxml.html.HtmlElement, found: _Candidates) -> None:
    # The HTML parser keeps XHTML's ``xml:lang`` as a plain attribute of that name.
    lang = normalize_lang(root.get("lang") or root.get("xml:lang"))
    if lang is not None:
        found.langs.append((0, lang))


def _read_metas(root: lxml.html.HtmlElement, found: _Candidates) -> None:
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


def _json_ld_blocks(markup: str) -> Iterator[str]:
    position = 0
    while (mention := _LD_TYPE.search(markup, position)) is not None:
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


def _read_page(page: lxml.html.HtmlElement, found: _Candidates) -> None:
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
        if element.tag != "time":
            continue
        if element.get("pubdate") is not None or _PUBLISHED_CLASS.search(element.get("class") or ""):
            found.add("published", _TIME, _element_stamp(element, "html:time", lang), order)
        elif after_heading and heading is not None and not byline_seen:
            # Only the first: later ones date related links, comments or match tables.
            found.add("published", _BYLINE, _element_stamp(element, "html:time", lang), order)
            byline_seen = True


def _element_stamp(element: lxml.html.HtmlElement, source: str, lang: str | None) -> ArticleDate | None:
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
