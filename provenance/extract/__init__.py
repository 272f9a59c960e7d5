"""Document → Fragments: every place an article embeds, links or mentions a post.

Each form has its own module: ``html`` (embed markup, read with ``catalogue``, the forms the
platform modules declare, and ``placeholders``; then ``bareurls``, a post's URL alone in a
paragraph, and ``generic``, uncatalogued placeholders that name a platform and carry its post),
``shortcodes`` (site-generator and CMS shortcodes), ``phrases`` and ``flattened`` (embeds a
scraper flattened to text: fixed phrases such as "A post shared by", and the dash attribution of
X and Bluesky), ``cards`` (rendered post cards copied or scraped, one item a line), ``links``
(links outside embeds) and ``mentions`` (posts cited in prose without a link). A fragment found
inside an embed's span is that embed's, so links inside embed code are not counted again.
Each fragment is then placed (``placement``): in the article or in the page's furniture. The
mentions, the placement and the prose dates read one marked reading of the page
(:class:`~provenance.extract.placement.MarkedPage`), which :func:`extract` makes and hands to each.

:func:`extract` returns an :class:`Extraction`: the fragments, and the dates the article's prose
states when a post is cited in it without a link (a mention has no post of its own to date).
Later stages read both from it; none goes back into this package for more. The mentions are
looked for only when asked (``stages``, see :mod:`provenance.stages`).
"""

from __future__ import annotations

import bisect
import logging
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from provenance.extract.cards import find_cards
from provenance.extract.flattened import find_flattened
from provenance.extract.html import find_html_embeds
from provenance.extract.links import find_links
from provenance.extract.mentions import article_dates, find_mentions
from provenance.extract.phrases import find_phrases
from provenance.extract.placement import MarkedPage, place
from provenance.extract.shortcodes import find_shortcodes
from provenance.model import Document, Fragment, TextDate
from provenance.stages import ALL, MENTIONS

__all__ = ["Extraction", "extract"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Extraction:
    """What one document holds: its fragments, and the dates written in its prose."""

    #: Every fragment, in document order, each with its placement.
    fragments: tuple[Fragment, ...]
    #: The dates written in the article's prose when it cites a post without a link (empty when
    #: it cites none), relative dates read against the reference day given to :func:`extract`.
    dates_in_text: tuple[TextDate, ...] = ()


class _Spans:
    """Non-overlapping (start, end) spans already claimed by an embed."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_left(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)

    def covers(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]


def _ended(document: Document, fragment: Fragment, end: int) -> Fragment:
    """``fragment`` with the position just after its source, which ends at ``end``."""
    end_line, end_column = document.position(end)
    return replace(fragment, end_line=end_line, end_column=end_column)


def extract(document: Document, reference: date | None = None, stages: frozenset[str] = ALL) -> Extraction:
    """Every fragment in ``document``, in document order, each with its placement, and the dates
    its prose states when it cites a post without a link (relative ones read against ``reference``,
    the article's day); of the optional kinds, those ``stages`` asks for."""
    fragments: list[Fragment] = []
    claimed = _Spans()
    if document.kind in ("html", "markdown"):
        for fragment, end in find_html_embeds(document):
            fragments.append(_ended(document, fragment, end))
            claimed.add(fragment.offset, end)
        for fragment, start, end in find_shortcodes(document):
            if not claimed.covers(start):
                fragments.append(_ended(document, fragment, end))
                claimed.add(start, end)
    for fragment, start, end in find_phrases(document):
        if not claimed.covers(start):
            fragments.append(_ended(document, fragment, end))
            claimed.add(start, end)
    fragments.extend(f for f in find_cards(document) if not claimed.covers(f.offset))
    fragments.extend(f for f in find_flattened(document) if not claimed.covers(f.offset))
    fragments.extend(f for f in find_links(document) if not claimed.covers(f.offset))
    # The page with these posts marked: parsed (and its prose read) once, when a step first needs
    # it, and handed to each step that reads it.
    page = MarkedPage(document, fragments)
    if MENTIONS in stages:
        fragments.extend(find_mentions(document, fragments, page))  # posts cited in prose without a link
    fragments.sort(key=lambda fragment: fragment.offset)
    placed = place(document, fragments, page)
    if logger.isEnabledFor(logging.DEBUG):
        forms = Counter(f"{fragment.kind}/{fragment.form}" for fragment in placed)
        logger.debug("%s: %d fragment(s): %s", document.source, len(placed),
                     ", ".join(f"{form} {count}" for form, count in sorted(forms.items())) or "none")
    return Extraction(tuple(placed), article_dates(document, placed, reference, page))
