"""The byline: the date a page shows by its headline, in a ``<time>`` or written out.

News and blog themes put the article's date next to its headline: above it (a kicker, a date
block beside the title), or below it with the author's name. It is a ``<time>`` on many pages
and plain text on many others (``<p class="date">2019年04月21日 12時00分更新</p>``,
``<span>Tuesday, 19 April 2016 20:41</span>``, ``<div>26 <span>Okt 2018</span></div>``). The
byline is looked for in the headline's block (the headline's box, the article header around it,
the article: ``BYLINE_LEVELS`` up) and near the headline (``BYLINE_REACH_CHARS`` of text before or
after it): the first date after the headline, else the last one before it. Only failing that, the
first ``<time>`` anywhere after the headline is taken, as before. Dates in the page's furniture,
comment sections and quoted posts (see :mod:`provenance.published.furniture`) are not read.

A date labelled as an update ("Updated June 13, 2019", "Aktualisiert am", "…12時00分更新",
"2019.03.26 lastupdate") is the byline's update time, not its publication.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import regex
from lxml import etree

from provenance import caches
from provenance.model import ArticleDate
from provenance.published.evidence import BYLINE, BYLINE_UPDATED
from provenance.published.furniture import Furniture
from provenance.published.notes import LEADS, written_moment
from provenance.published.stamps import BYLINE_MAX_CHARS, _plausible, parse_stamp

__all__ = [
    "BYLINE_LEVELS",
    "BYLINE_REACH_CHARS",
    "HEADLINE_TITLE_SHARE",
    "PUBLISHED_CLASS",
    "UPDATED_CLASS",
    "Byline",
    "element_stamp",
    "hatom_updated",
    "headline",
    "labelled_updated",
    "read_byline",
    "written_day",
]

#: How many levels above the headline its block may start: the headline's own box, the article's
#: header around it, the article. Higher, the block is the page's layout.
BYLINE_LEVELS = 3
#: How much text may stand between the headline and its byline: a kicker, a standfirst, the
#: author's name, a photo credit; not the article's paragraphs (whose dates are about events).
BYLINE_REACH_CHARS = 400
#: The headline is the ``<h1>`` whose words the page's title holds at least this share of (a kicker
#: or a site name may stand in one and not the other).
HEADLINE_TITLE_SHARE = 0.5
#: How many characters before a byline ``<time>`` are read for an "Updated" label.
UPDATED_LABEL_CHARS = 40
#: Update labels of bylines besides the update notes' leads: the short forms of date lines.
_BYLINE_UPDATE_WORDS = ("last update", "lastupdate", "stand", "最終更新日", "更新日", "更新")
#: An "Updated" label may end with a short joining word ("Updated on", "Aktualisiert am", "Mis à jour le").
_UPDATED_LABEL = regex.compile(
    r"(?<!\w)(?:"
    + "|".join(regex.escape(lead).replace(r"\ ", r"\s+") for lead in (*LEADS, *_BYLINE_UPDATE_WORDS))
    + r")(?:\W+\w{1,3})?\W*$",
    regex.IGNORECASE,
)
#: A label after the date (Japanese date lines: ``2019年04月21日 12時00分更新``, ``2019.03.26 lastupdate``).
_UPDATED_AFTER = regex.compile(
    r"^\W*(?:\d{1,2}\s*[時:：]\s*\d{2}\s*分?\s*)?(?:更新|last\s*update|updated)", regex.IGNORECASE
)
#: The classes of a published time, and the hAtom class of an entry's update time (WordPress
#: themes write it, often hidden).
PUBLISHED_CLASS = regex.compile(r"\b(?:published|pubdate|entry-date|date-published)\b", regex.IGNORECASE)
UPDATED_CLASS = regex.compile(r"(?<![\w-])updated(?![\w-])", regex.IGNORECASE)
#: Classes that hide an element from readers (``rich-snippet-hidden``, ``sr-only``, ``screen-reader-text``).
_HIDDEN_CLASS = regex.compile(
    r"(?<![\w-])(?:[\w-]*-)?(?:hidden|sr-only|screen-reader-text|visually-hidden|visuallyhidden)(?![\w-])",
    regex.IGNORECASE,
)
#: Elements whose text no reader sees.
_UNSEEN = frozenset({"script", "style", "noscript", "template", "head", "title"})
#: How many class values' verdicts (hidden, hAtom updated) are kept: a page holds a few hundred.
_CLASSES_KEPT = 4096
_SPACE = regex.compile(r"\s+")


@dataclass(frozen=True)
class Byline:
    """The dates a page's byline shows: its publication and its update, each if shown."""

    published: ArticleDate | None = None
    updated: ArticleDate | None = None


@dataclass(frozen=True)
class _Piece:
    """A place in the headline's block that may show a date: a ``<time>``, a short element or a
    loose text line, ``at`` characters of text from the block's start."""

    at: int
    element: etree._Element | None = None
    text: str = ""


def headline(page: etree._Element, furniture: Furniture) -> etree._Element | None:
    """The article's headline: of the ``<h1>`` elements outside the furniture, the one the page's title
    names best (pages hold a logo's, a breadcrumb's or a teaser's ``<h1>`` too), else the first with
    text; failing that, the first ``<h1>`` at all."""
    headings = page.findall(".//h1")
    shown = [(h, _plain(h)) for h in headings if h not in furniture]
    shown = [(h, text) for h, text in shown if text]
    title = _plain(t) if (t := page.find(".//title")) is not None else ""
    scored = [(_title_share(text, title), -order, h) for order, (h, text) in enumerate(shown)]
    best = max(scored, key=lambda s: s[:2], default=None)
    if best is not None and best[0] >= HEADLINE_TITLE_SHARE:
        return best[2]
    return shown[0][0] if shown else headings[0] if headings else None


def _plain(element: etree._Element) -> str:
    """An element's text, case-folded, its white space single spaces and its soft hyphens dropped."""
    return " ".join(" ".join(element.itertext()).replace("\xad", "").split()).casefold()


def _title_share(text: str, title: str) -> float:
    """How much of a heading's ``text`` the page's ``title`` holds: 1 when one holds the other, else
    the share of the heading's words in the title."""
    if not title:
        return 0.0
    if text in title or title in text:
        return 1.0
    words = text.split()
    return sum(word in title for word in words) / len(words) if words else 0.0


def read_byline(heading: etree._Element, furniture: Furniture, lang: str | None) -> Byline:
    """The byline's dates near ``heading`` (see the module docstring); the first ``<time>`` after
    the headline is left to the caller when this finds no publication."""
    block = heading
    for _ in range(BYLINE_LEVELS):
        parent = block.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        block = parent
    walk = _Walk(heading, furniture)
    walk.run(block)
    if walk.heading_end < 0:
        return Byline()
    near = [p for p in walk.after if p.at - walk.heading_end <= BYLINE_REACH_CHARS]
    near += [p for p in reversed(walk.before) if walk.heading_start - p.at <= BYLINE_REACH_CHARS]
    published: ArticleDate | None = None
    updated: ArticleDate | None = None
    for piece in near:  # read lazily: most pages show their byline first
        found = _piece_date(piece, lang)
        if found is None:
            continue
        if found[1]:
            updated = updated or found[0]
        elif published is None:
            published = found[0]
        if published is not None and updated is not None:
            break
    return Byline(
        BYLINE.tag(published),
        BYLINE_UPDATED.tag(replace(updated, source="html:byline:updated") if updated is not None else None),
    )


class _Walk:
    """One walk through the headline's block: the places that may show a date before and after
    the headline, up to ``BYLINE_REACH_CHARS`` past it."""

    def __init__(self, heading: etree._Element, furniture: Furniture) -> None:
        self.heading = heading
        self.furniture = furniture
        self.before: list[_Piece] = []
        self.after: list[_Piece] = []
        #: Characters of text from the block's start; where the headline starts and ends.
        self.position = 0
        self.heading_start = self.heading_end = -1

    def run(self, block: etree._Element) -> None:
        sizes = _text_sizes(block)
        around = set(self.heading.iterancestors())
        walk = etree.iterwalk(block, events=("start", "end"))
        for event, element in walk:
            if self.heading_end >= 0 and self.position - self.heading_end > BYLINE_REACH_CHARS:
                return
            if event == "end":
                if element is self.heading:
                    self.heading_end = self.position
                if element is not block:
                    self._text(element.tail, element.getparent())
                continue
            if not isinstance(element.tag, str) or element.tag in _UNSEEN:
                walk.skip_subtree()
                continue
            if element is self.heading or (element not in around and _skipped(element, sizes)):
                if element is self.heading:
                    self.heading_start = self.position
                elif element not in self.furniture and not _hidden(element):
                    self._note(_Piece(self.position, element))
                self.position += sizes.get(element, 0)
                walk.skip_subtree()
                continue
            self._text(element.text, element)

    def _text(self, text: str | None, parent: etree._Element | None) -> None:
        """Note a loose text line (``<br>VERÖFFENTLICHT AM 07.06.2019``)."""
        size = _size(text)
        if text and 0 < size <= BYLINE_MAX_CHARS and parent is not None and parent not in self.furniture:
            self._note(_Piece(self.position, text=text))
        self.position += size

    def _note(self, piece: _Piece) -> None:
        (self.after if self.heading_end >= 0 else self.before).append(piece)


def _skipped(element: etree._Element, sizes: dict[etree._Element, int]) -> bool:
    """Whether the walk takes ``element`` whole: a ``<time>``, a hidden element, or a short
    element without a ``<time>`` (its text is read as one line)."""
    if element.tag == "time" or _hidden(element):
        return True
    return 0 < sizes.get(element, 0) <= BYLINE_MAX_CHARS and next(element.iter("time"), None) is None


def _piece_date(piece: _Piece, lang: str | None) -> tuple[ArticleDate, bool] | None:
    """The date a piece shows, and whether it is labelled an update."""
    element = piece.element
    if element is None:
        return _written(_SPACE.sub(" ", piece.text).strip(), lang)
    if element.tag == "time":
        stamp = element_stamp(element, "html:byline", lang)
        return (stamp, hatom_updated(element) or labelled_updated(element)) if stamp is not None else None
    found = _written(" ".join(" ".join(_visible_text(element)).split()), lang)
    return (found[0], found[1] or hatom_updated(element)) if found is not None else None


def _written(shown: str, lang: str | None) -> tuple[ArticleDate, bool] | None:
    """The full date a short line shows, and whether a label around it makes it an update."""
    if not any(character.isdigit() for character in shown):
        return None  # every full date has a number (a year, a day)
    found = written_moment(shown, lang)
    if found is None or found[0].day is None or not _plausible(found[0].day):
        return None
    written, moment = found
    if written.day is None:
        return None
    label_before = shown[max(0, written.offset - UPDATED_LABEL_CHARS) : written.offset]
    label_after = shown[written.offset + len(written.text) :]
    updated = _UPDATED_LABEL.search(label_before) is not None or _UPDATED_AFTER.match(label_after) is not None
    return ArticleDate(written.day, "html:byline", moment), updated


def _hidden(element: etree._Element) -> bool:
    """Whether a theme hides ``element`` from readers (a hidden rich-snippet stamp is the update time
    search engines get, not the date a reader sees)."""
    style = (element.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style or element.get("hidden") is not None:
        return True
    classes = element.get("class")
    return classes is not None and _hiding_classes(classes)


# A page repeats its classes on many elements, and every element of the headline's block is asked
# (see _text_sizes), every element of the page for hAtom: the answers are kept per class value.
@caches.register
@lru_cache(maxsize=_CLASSES_KEPT)
def _hiding_classes(classes: str) -> bool:
    return _HIDDEN_CLASS.search(classes) is not None


@caches.register
@lru_cache(maxsize=_CLASSES_KEPT)
def _updated_classes(classes: str) -> bool:
    return UPDATED_CLASS.search(classes) is not None and PUBLISHED_CLASS.search(classes) is None


def _text_sizes(block: etree._Element) -> dict[etree._Element, int]:
    """How many characters of visible text each element of ``block`` holds (its tail excluded)."""
    sizes: dict[etree._Element, int] = {}
    for element in reversed(list(block.iter())):
        if not isinstance(element.tag, str) or element.tag in _UNSEEN or _hidden(element):
            sizes[element] = 0
            continue
        total = _size(element.text)
        for child in element:
            total += sizes.get(child, 0) + _size(child.tail)
        sizes[element] = total
    return sizes


def _visible_text(element: etree._Element) -> list[str]:
    """The text nodes of ``element`` a reader sees."""
    texts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _UNSEEN and not _hidden(child):
            texts.extend(_visible_text(child))
        texts.append(child.tail or "")
    return texts


def _size(text: str | None) -> int:
    return len(text.strip()) if text else 0


def hatom_updated(element: etree._Element) -> bool:
    """Whether ``element`` carries the hAtom class of an update time (and not a published class)."""
    classes = element.get("class")
    return classes is not None and _updated_classes(classes)


def labelled_updated(element: etree._Element) -> bool:
    """Whether the text just before a byline ``<time>`` labels it an update ("Updated:", "Aktualisiert am")."""
    previous = element.getprevious()
    before = (previous.tail if previous is not None else None) or ""
    if not before.strip():
        parent = element.getparent()
        before = (parent.text or "") if previous is None and parent is not None else before
    if not before.strip() and previous is not None:
        before = " ".join(previous.itertext())
    return _UPDATED_LABEL.search(before[-UPDATED_LABEL_CHARS:]) is not None


def element_stamp(element: etree._Element, source: str, lang: str | None) -> ArticleDate | None:
    """The date an element states in its ``datetime`` or ``content``, else shows as short text."""
    value = element.get("datetime") or element.get("content")
    if value:
        return parse_stamp(value, source)
    # Text nodes joined with spaces: adjacent spans must not glue "2022" to "21/04".
    shown = " ".join(" ".join(element.itertext()).split())
    if not shown or len(shown) > BYLINE_MAX_CHARS:
        return None
    return parse_stamp(shown, source) or written_day(shown, lang, source)


def written_day(shown: str, lang: str | None, source: str) -> ArticleDate | None:
    """The first full date a short date line names in words (``Jueves, 21 de abril de 2022``), with
    the time of day and zone written next to it (``July 3, 2019 9:30 PM EDT``)."""
    # provenance.dates tries the declared language first, then every other one: pages
    # declare their language wrongly (a labelled page says "en" for Spanish).
    found = written_moment(shown, lang)
    if found is None or found[0].day is None or not _plausible(found[0].day):
        return None
    return ArticleDate(found[0].day, source, found[1])
