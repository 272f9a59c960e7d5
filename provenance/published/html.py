"""The article's dates and language in an HTML page's metadata, byline and URL."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import regex
from lxml import etree

from provenance.htmltree import parse_html
from provenance.model import ArticleDate
from provenance.published.evidence import (
    BYLINE,
    BYLINE_UPDATED,
    HATOM_UPDATED,
    JSON_LD,
    META_NAME,
    MICRODATA,
    OPEN_GRAPH,
    PAGE_URL,
    TIME_ELEMENT,
)
from provenance.published.fallback import htmldate_day
from provenance.published.furniture import Furniture
from provenance.published.notes import LEADS, written_moment
from provenance.published.stamps import (
    BYLINE_MAX_CHARS,
    HTML_SCAN_MAX_CHARS,
    JSON_LD_MAX_DEPTH,
    JSON_LD_MAX_NODES,
    ArticleDates,
    _plausible,
    normalize_lang,
    parse_stamp,
)

# ---------------------------------------------------------------- html

# Precedence tiers of the published date; lower wins (see the module docstring).
_OPEN_GRAPH, _JSON_LD, _ITEMPROP, _META, _TIME, _URL_PATH, _BYLINE = range(7)
#: The tiers whose vocabulary names the publication itself: when two of them disagree, the
#: earlier date is the first publication and the later one a republication or an update.
_PUBLICATION_TIERS = (_OPEN_GRAPH, _JSON_LD, _ITEMPROP)
#: Two publication stamps this close are one publication written at different saves (a page
#: states 00:25 in JSON-LD and 00:53 in Open Graph); a republication comes hours or days later.
REPUBLISHED_AFTER = timedelta(hours=1)
#: Two stamps name the same instant when they are this close (stamps are often cut to the minute).
SAME_INSTANT = timedelta(minutes=1)
#: How many ISO stamps of each candidate day the page scan reads at most: a page writes its own
#: stamp a few times, and a page of a hundred thousand stamps must stay cheap.
SAME_INSTANT_MAX_STAMPS = 200

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
#: How many characters before a byline ``<time>`` are read for an "Updated" label.
UPDATED_LABEL_CHARS = 40
#: An "Updated" label may end with a short joining word ("Updated on", "Aktualisiert am", "Mis à jour le").
_UPDATED_LABEL = regex.compile(
    r"(?<!\w)(?:" + "|".join(regex.escape(lead).replace(r"\ ", r"\s+") for lead in LEADS) + r")(?:\W+\w{1,3})?\W*$",
    regex.IGNORECASE,
)
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
        stamps = [stamp for _, _, stamp in found]
        if kind == "published" and stamps:
            first = _first_publication(found)
            if first is not stamps[0]:
                stamps = [first, *(stamp for stamp in stamps if stamp is not first)]
        return _refined(stamps)

    def stamps(self) -> list[ArticleDate]:
        """Every date found, published and modified."""
        return [stamp for _, _, stamp in (*self.published, *self.modified)]


def _first_publication(found: list[tuple[int, int, ArticleDate]]) -> ArticleDate:
    """The winner of ``found`` (sorted), or the first date of another publication vocabulary
    (Open Graph, JSON-LD, microdata) that is certainly earlier: a page that states two
    publication times was first published at the earlier one."""
    winner = found[0][2]
    proposals = {tier: stamp for tier, _, stamp in reversed(found) if tier in _PUBLICATION_TIERS}
    start = winner.span().earliest - REPUBLISHED_AFTER
    earlier = [stamp for stamp in proposals.values() if stamp.span().latest < start]
    return min(earlier, key=lambda stamp: stamp.span().earliest, default=winner)


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
    page: etree._Element | None = None
    # The whole page is parsed only when the head is silent, or when a body itemprop could
    # still beat the plain meta name the head offered.
    body_itemprop = (
        head_end is not None and _search(_BODY_ITEMPROP, _ITEMPROP_ANCHOR, scan, head_end.start()) is not None
    )
    if tier is None or (tier > _ITEMPROP and body_itemprop):
        page = parse_html(scan, comments=False) if head_end else head
        body = page.find("body") if page is not None and head_end else None
        if body is not None:
            _read_metas(body, found, Furniture())
        if page is not None:
            _read_page(page, found)
        for url in found.urls:
            found.add("published", _URL_PATH, PAGE_URL.tag(_url_day(url)))
    modified = found.best("modified")
    published = found.best("published") or _unless_modified(htmldate_day(text, page), modified)
    return ArticleDates(_at_page_offset(published, found.stamps(), scan), modified, found.lang(), 0, ())


def _at_page_offset(stamp: ArticleDate | None, others: list[ArticleDate], page: str) -> ArticleDate | None:
    """``stamp`` read at the page's own UTC offset when it is given in UTC and the page states a
    local offset: the same instant, on the page's calendar day (a US evening article stamped
    ``…T01:30:00Z`` was published the day before, its byline says ``…T20:30:00-05:00``). The
    offset is that of a stamp naming the same instant (among the dates found, then anywhere in the
    page), else of the page's own date stamp nearest in time."""
    moment = stamp.moment if stamp is not None else None
    if stamp is None or moment is None or moment.utcoffset() != timedelta(0):
        return stamp
    local = [o for o in others if o.moment is not None and o.moment.utcoffset() not in (None, timedelta(0))]
    instant = stamp.span().earliest
    same = [o for o in local if abs(o.span().earliest - instant) < SAME_INSTANT] or _same_instant_in(page, moment)
    pool = same or local
    if not pool:
        return stamp
    nearest = min(pool, key=lambda other: abs(other.span().earliest - instant))
    zone = nearest.moment.tzinfo if nearest.moment is not None else None
    if zone is None:
        return stamp
    shifted = moment.astimezone(zone)
    offset = shifted.isoformat()[-6:]
    return replace(stamp, day=shifted.date(), moment=shifted, evidence=f"{stamp.basis}, at the page's offset {offset}")


def _same_instant_in(page: str, moment: datetime) -> list[ArticleDate]:
    """ISO stamps in ``page`` with a local offset that name ``moment``'s instant."""
    found: list[ArticleDate] = []
    for shift in (-1, 0, 1):
        literal = (moment.date() + timedelta(days=shift)).isoformat() + "T"
        at = page.find(literal)
        read = 0
        while at != -1 and read < SAME_INSTANT_MAX_STAMPS:
            read += 1
            stamp = parse_stamp(page[at : at + 40], "html:page")
            if (
                stamp is not None and stamp.moment is not None
                and stamp.moment.utcoffset() not in (None, timedelta(0))
                and abs(stamp.span().earliest - moment) < SAME_INSTANT
            ):
                found.append(stamp)
            at = page.find(literal, at + 1)
    return found


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


def _read_metas(root: etree._Element, found: _Candidates, furniture: Furniture | None = None) -> None:
    """The metas of ``root``; those in ``furniture`` (given for the body) are left out."""
    for order, meta in enumerate(root.iter("meta")):
        # Some saved pages (postlight's fixtures) carry the value in ``value``, not ``content``.
        value = meta.get("content") or meta.get("value") or meta.get("datetime")
        if not value or (furniture is not None and meta in furniture):
            continue
        equiv = (meta.get("http-equiv") or "").lower()
        if equiv == "content-language":
            _add_lang(found, 1, value)
        elif equiv == "last-modified":
            stamp = parse_stamp(value, "html:meta:last-modified")
            found.add("modified", _META, META_NAME.tag(stamp, "http-equiv last-modified"), order)
        itemprop = meta.get("itemprop") or ""
        if itemprop.lower() in (_ITEMPROP_PUBLISHED, _ITEMPROP_MODIFIED):
            kind = "published" if itemprop.lower() == _ITEMPROP_PUBLISHED else "modified"
            stamp = MICRODATA.tag(parse_stamp(value, f"html:itemprop:{itemprop}"), itemprop)
            found.add(kind, _ITEMPROP, stamp, order)
        for attribute in ("property", "name"):
            key = (meta.get(attribute) or "").strip().lower()
            if not key:
                continue
            source = f"html:meta:{key}"
            if key in _OG_PUBLISHED:
                found.add("published", _OPEN_GRAPH, OPEN_GRAPH.tag(parse_stamp(value, source), key), order)
            elif key in _OG_MODIFIED:
                found.add("modified", _OPEN_GRAPH, OPEN_GRAPH.tag(parse_stamp(value, source), key), order)
            elif key in _META_PUBLISHED:
                found.add("published", _META, META_NAME.tag(parse_stamp(value, source), key), order)
            elif key in _META_MODIFIED:
                found.add("modified", _META, META_NAME.tag(parse_stamp(value, source), key), order)
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
                    found.add(kind, _JSON_LD, JSON_LD.tag(parse_stamp(value, f"html:json-ld:{key}"), key), rank)
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
    """Sources that need the whole page: itemprop in the body, ``<time>`` and the byline. Dates in
    the page's furniture (site header, navigation, sidebars, footer) are left out."""
    lang = found.lang()
    furniture = Furniture()
    headings = page.findall(".//h1")
    heading = next((h for h in headings if h not in furniture), headings[0] if headings else None)
    after_heading = heading is None
    byline_seen = False
    for order, element in enumerate(page.iter(etree.Element)):
        if element is heading:
            after_heading = True
            continue
        itemprop = element.get("itemprop") or ""
        classes = element.get("class") or ""
        updated = _UPDATED_CLASS.search(classes) is not None and _PUBLISHED_CLASS.search(classes) is None
        dated = itemprop.lower() in (_ITEMPROP_PUBLISHED, _ITEMPROP_MODIFIED) and element.tag != "meta"
        if not (dated or updated or element.tag == "time") or element in furniture:
            continue
        if dated:
            kind = "published" if itemprop.lower() == _ITEMPROP_PUBLISHED else "modified"
            stamp = MICRODATA.tag(_element_stamp(element, f"html:itemprop:{itemprop}", lang), itemprop)
            found.add(kind, _ITEMPROP, stamp, order)
        if updated:
            stamp = _element_stamp(element, "html:class:updated", lang)
            found.add("modified", _TIME, HATOM_UPDATED.tag(stamp, f"{element.tag!s}.updated"), order)
        if element.tag != "time" or updated:
            continue
        if element.get("pubdate") is not None or _PUBLISHED_CLASS.search(classes):
            key = "time[pubdate]" if element.get("pubdate") is not None else "time.published"
            found.add("published", _TIME, TIME_ELEMENT.tag(_element_stamp(element, "html:time", lang), key), order)
        elif after_heading and heading is not None and not byline_seen:
            if _labelled_updated(element):
                stamp = _element_stamp(element, "html:byline:updated", lang)
                found.add("modified", _BYLINE, BYLINE_UPDATED.tag(stamp), order)
                continue
            # Only the first: later ones date related links, comments or match tables.
            found.add("published", _BYLINE, BYLINE.tag(_element_stamp(element, "html:byline", lang)), order)
            byline_seen = True


def _labelled_updated(element: etree._Element) -> bool:
    """Whether the text just before a byline ``<time>`` labels it an update ("Updated:", "Aktualisiert am")."""
    previous = element.getprevious()
    before = (previous.tail if previous is not None else None) or ""
    if not before.strip():
        parent = element.getparent()
        before = (parent.text or "") if previous is None and parent is not None else before
    if not before.strip() and previous is not None:
        before = " ".join(previous.itertext())
    return _UPDATED_LABEL.search(before[-UPDATED_LABEL_CHARS:]) is not None


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
    """The first full date a short date line names in words (``Jueves, 21 de abril de 2022``), with
    the time of day and zone written next to it (``July 3, 2019 9:30 PM EDT``)."""
    # provenance.dates tries the declared language first, then every other one: pages
    # declare their language wrongly (a labelled page says "en" for Spanish).
    found = written_moment(shown, lang)
    if found is None or found[0].day is None or not _plausible(found[0].day):
        return None
    return ArticleDate(found[0].day, source, found[1])


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
