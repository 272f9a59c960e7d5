"""The article's dates and language in an HTML page's metadata, byline and URL."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import regex
from lxml import etree

from provenance.htmltree import parse_html
from provenance.model import ArticleDate, Confidence
from provenance.published.byline import (
    PUBLISHED_CLASS,
    Byline,
    element_stamp,
    hatom_updated,
    headline,
    labelled_updated,
    read_byline,
    written_day,
)
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
    Evidence,
)
from provenance.published.fallback import htmldate_day
from provenance.published.furniture import Furniture
from provenance.published.offsets import at_page_offset, at_shown_offset, local_day, may_show_another_day
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
# A comment or a CDATA section around the JSON, its markers commented out for JavaScript or not.
_LD_WRAPPER = re.compile(r"^\s*(?:<!--|(?://\s*)?<!\[CDATA\[)|(?:-->|(?://\s*)?\]\]>)\s*$")
#: What every match of ``_LD_WRAPPER`` holds: a block without any (most) is not scanned, which
#: ``re`` does at every character for the closing markers.
_LD_WRAPPER_MARKS = ("<!--", "<![CDATA[", "-->", "]]>")
#: A numeric date whose first two numbers could each be the day or the month (``10/05/2022``).
_DAY_OR_MONTH_FIRST = re.compile(r"(?<!\d)(0?[1-9]|1[0-2])[./-](0?[1-9]|1[0-2])[./-](?:\d{4}|\d{2})(?!\d)")
_BODY_ITEMPROP = re.compile(r"itemprop\s*=\s*[\"']?datePublished", re.IGNORECASE)
# ``re`` scans a page for a case-insensitive pattern about twenty times slower than ``regex``
# finds a case-insensitive literal, so the two scans above are led by a literal inside every
# match: (anchor, characters before it). The anchors hold no "i": ``re`` also takes the dotless
# "ı" for it, ``regex`` does not; for every other letter in them ``regex`` accepts all ``re`` does.
_LD_ANCHOR = (regex.compile(r"on/ld\+json", regex.IGNORECASE), len("applicati"))
_ITEMPROP_ANCHOR = (regex.compile(r"temprop", regex.IGNORECASE), len("i"))
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
    #: Stated values that are no ISO or RFC 2822 stamp (``Di., 25.01.2022 - 14:45``), read in the
    #: page's language once it is known: (kind, tier, rank, evidence, key, value, source).
    written: list[tuple[str, int, int, Evidence, str, str, str]] = field(default_factory=list)
    #: The update time the byline shows, the article's date when the page shows no other.
    byline_updated: ArticleDate | None = None

    def add(self, kind: str, tier: int, stamp: ArticleDate | None, rank: int = 0) -> None:
        if stamp is not None:
            (self.published if kind == "published" else self.modified).append((tier, rank, stamp))

    def state(self, kind: str, value: str, *, tier: int, evidence: Evidence, key: str, source: str, rank: int) -> None:
        """Add the date a metadata field states: a stamp now, a date in words once the language is known."""
        stamp = parse_stamp(value, source)
        if stamp is not None:
            self.add(kind, tier, evidence.tag(stamp, key), rank)
        elif len(value) <= BYLINE_MAX_CHARS:
            self.written.append((kind, tier, rank, evidence, key, value, source))

    def read_written(self) -> None:
        """Read the stated values written in words, in the page's language (numeric dates in its
        order). A numeric date whose day and month could swap (``10/05/2022``) is only probable:
        the page's language may not say which order its CMS writes."""
        lang = self.lang()
        for kind, tier, rank, evidence, key, value, source in self.written:
            stamp = evidence.tag(written_day(value, lang, source), key)
            swappable = _DAY_OR_MONTH_FIRST.search(value)
            if stamp is not None and swappable is not None and int(swappable[1]) != int(swappable[2]):
                stamp = replace(stamp, confidence=Confidence.PROBABLE)
            self.add(kind, tier, stamp, rank)
        self.written.clear()

    def tier(self, kind: str) -> int | None:
        return min((c[0] for c in (self.published if kind == "published" else self.modified)), default=None)

    def lang(self) -> str | None:
        return min(self.langs, key=lambda c: c[0])[1] if self.langs else None

    def best(self, kind: str) -> ArticleDate | None:
        found = sorted(self.published if kind == "published" else self.modified, key=lambda c: c[:2])
        stamps = [stamp for _, _, stamp in found]
        if kind == "published" and stamps:
            first = _first_publication(found)
            if _bare_date(first):
                # A meta "date" names no kind of date (sites fill it with a print, creation or update
                # day): a byline that shows another day is the publication.
                first = next((s for t, _, s in found if t == _BYLINE and s.day != first.day), first)
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


def _bare_date(stamp: ArticleDate) -> bool:
    """Whether ``stamp`` is a meta field called just ``date``."""
    return stamp.source == "html:meta:date"


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
        # Weaker evidence does not take over a day it only repeats (a byline's time of a meta "date").
        if stamp.day == best.day and precision(stamp) > precision(best) and stamp.confidence >= best.confidence:
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
    found.read_written()
    tier = found.tier("published")
    page: etree._Element | None = None
    # The whole page is parsed only when the head is silent, or when a body itemprop could
    # still beat the plain meta name the head offered (the body is searched for one only then).
    winner = found.best("published")
    if (
        tier is None
        or (tier > _ITEMPROP and head_end is not None
            and _search(_BODY_ITEMPROP, _ITEMPROP_ANCHOR, scan, head_end.start()) is not None)
        or (winner is not None and _bare_date(winner))
    ):
        page = parse_html(scan, comments=False) if head_end else head
        body = page.find("body") if page is not None and head_end else None
        if body is not None:
            _read_metas(body, found, Furniture())
            found.read_written()
        if page is not None:
            _read_page(page, found)
        for url in found.urls:
            found.add("published", _URL_PATH, PAGE_URL.tag(_url_day(url)))
    modified = found.best("modified")
    # A page that shows only when it was updated was published then at the latest; a later date
    # than the true one makes no post look made after the article.
    published = (
        found.best("published") or found.byline_updated or _unless_modified(htmldate_day(text, page), modified)
    )
    if published is not None and published.moment is None and published.confidence is Confidence.CERTAIN:
        published = local_day(published, [stamp for _, _, stamp in found.published], scan)
    published = at_page_offset(published, found.stamps(), scan)
    if published is not None and _in_utc(published) and may_show_another_day(published, scan):
        published = at_shown_offset(published, _shown(scan, found.lang()))
    return ArticleDates(published, modified, found.lang(), 0, ())


def _in_utc(stamp: ArticleDate) -> bool:
    """Whether ``stamp`` is a time given in UTC (a CMS's ``…Z`` or ``GMT``)."""
    return stamp.moment is not None and stamp.moment.utcoffset() == timedelta(0)


def _shown(scan: str, lang: str | None) -> ArticleDate | None:
    """The publication time the byline shows, read from a fresh parse of the page (the rare pages
    that write a time of day a UTC stamp would have on another day)."""
    page = parse_html(scan, comments=False)
    if page is None:
        return None
    furniture = Furniture()
    heading = headline(page, furniture)
    if heading is None or heading in furniture:
        return None
    return read_byline(heading, furniture, lang).published


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
            found.state("modified", value, tier=_META, evidence=META_NAME, key="http-equiv last-modified",
                        source="html:meta:last-modified", rank=order)
        itemprop = meta.get("itemprop") or ""
        if itemprop.lower() in (_ITEMPROP_PUBLISHED, _ITEMPROP_MODIFIED):
            kind = "published" if itemprop.lower() == _ITEMPROP_PUBLISHED else "modified"
            found.state(kind, value, tier=_ITEMPROP, evidence=MICRODATA, key=itemprop,
                        source=f"html:itemprop:{itemprop}", rank=order)
        for attribute in ("property", "name"):
            for key in _keys(meta.get(attribute)):
                if not _read_field(found, key, value, order):
                    _read_meta_field(found, key, value)
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and (href := link.get("href") or link.get("value")):
            found.urls.insert(0, href)


def _keys(names: str | None) -> list[str]:
    """The field names of a ``property`` or ``name`` attribute: RDFa lists several, and writes
    Dublin Core's as ``dc:date`` where meta names write ``dc.date``."""
    keys = []
    for name in (names or "").lower().split():
        keys.append(name)
        if name.startswith(("dc:", "dcterms:")):
            keys.append(name.replace(":", ".", 1))
    return keys


def _read_field(found: _Candidates, key: str, value: str, order: int) -> bool:
    """Add the date a published or modified field ``key`` states; whether ``key`` is one."""
    source = f"html:meta:{key}"
    if key in _OG_PUBLISHED or key in _OG_MODIFIED:
        kind = "published" if key in _OG_PUBLISHED else "modified"
        found.state(kind, value, tier=_OPEN_GRAPH, evidence=OPEN_GRAPH, key=key, source=source, rank=order)
    elif key in _META_PUBLISHED or key in _META_MODIFIED:
        kind = "published" if key in _META_PUBLISHED else "modified"
        found.state(kind, value, tier=_META, evidence=META_NAME, key=key, source=source, rank=order)
    else:
        return False
    return True


def _read_meta_field(found: _Candidates, key: str, value: str) -> None:
    """The language or URL a meta field states."""
    if key == "og:locale":
        _add_lang(found, 3, value)
    elif key in ("language", "dc.language", "content-language"):
        _add_lang(found, 4, value)
    elif key == "og:url":
        found.urls.append(value)


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
            unwrapped = _LD_WRAPPER.sub("", block) if any(mark in block for mark in _LD_WRAPPER_MARKS) else block
            data = json.loads(unwrapped, strict=False)
        except (ValueError, RecursionError):
            continue
        for node, rank in _ld_nodes(data):
            for key, kind in (("datePublished", "published"), ("dateModified", "modified")):
                if isinstance(value := node.get(key), str):
                    source = f"html:json-ld:{key}"
                    found.state(kind, value, tier=_JSON_LD, evidence=JSON_LD, key=key, source=source, rank=rank)
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
            # Some CMSs write "type" for "@type": the node is typed all the same.
            rank = _ld_rank(item["@type"] if "@type" in item else item.get("type"))
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
    """Sources that need the whole page: itemprop and RDFa in the body, ``<time>`` and the byline.
    Dates in the page's furniture (site header, navigation, sidebars, footer, comments, quoted
    posts) are left out."""
    lang = found.lang()
    furniture = Furniture()
    heading = headline(page, furniture)
    # A headline in the furniture is the site's name: the dates around it are the site's.
    byline = read_byline(heading, furniture, lang) if heading is not None and heading not in furniture else Byline()
    found.add("published", _BYLINE, byline.published)
    found.add("modified", _BYLINE, byline.updated)
    found.byline_updated = byline.updated
    after_heading = heading is None
    byline_seen = byline.published is not None or byline.updated is not None
    for order, element in enumerate(page.iter(etree.Element)):
        if element is heading:
            after_heading = True
            continue
        # Most elements have none of the four things read here: they are passed over first.
        itemprop = element.get("itemprop")
        stated = element.get("property") is not None
        updated = hatom_updated(element)
        if itemprop is None and not stated and not updated and element.tag != "time":
            continue
        itemprop = itemprop or ""
        dated = itemprop.lower() in (_ITEMPROP_PUBLISHED, _ITEMPROP_MODIFIED) and element.tag != "meta"
        stated = stated and element.tag != "meta"
        if not (dated or updated or stated or element.tag == "time") or element in furniture:
            continue
        if dated:
            kind = "published" if itemprop.lower() == _ITEMPROP_PUBLISHED else "modified"
            stamp = MICRODATA.tag(element_stamp(element, f"html:itemprop:{itemprop}", lang), itemprop)
            found.add(kind, _ITEMPROP, stamp, order)
        if stated and (value := element.get("content") or element.get("datetime")):
            for key in _keys(element.get("property")):
                _read_field(found, key, value, order)  # RDFa: <span property="dc:date" content="…">
        if updated:
            stamp = element_stamp(element, "html:class:updated", lang)
            found.add("modified", _TIME, HATOM_UPDATED.tag(stamp, f"{element.tag!s}.updated"), order)
        if element.tag != "time" or updated:
            continue
        if element.get("pubdate") is not None or PUBLISHED_CLASS.search(element.get("class") or ""):
            key = "time[pubdate]" if element.get("pubdate") is not None else "time.published"
            found.add("published", _TIME, TIME_ELEMENT.tag(element_stamp(element, "html:time", lang), key), order)
        elif after_heading and heading is not None and not byline_seen:
            # Far from the headline, only the first: later ones date related links or match tables.
            if labelled_updated(element):
                stamp = element_stamp(element, "html:byline:updated", lang)
                found.add("modified", _BYLINE, BYLINE_UPDATED.tag(stamp), order)
                continue
            found.add("published", _BYLINE, BYLINE.tag(element_stamp(element, "html:byline", lang)), order)
            byline_seen = True
    found.read_written()


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
