"""What an article's date rests on, and how far each kind of evidence goes.

Every reader of the article's dates tags what it finds with one of the records below: the words
a message uses for it and a :class:`~provenance.model.Confidence` with its reason. The rule is:

- what the page (or the caller) **states** about itself is ``certain``: its metadata (Open Graph,
  JSON-LD, microdata, named meta fields), a Markdown article's front matter, a text's date line;
- what the page **shows** where a publication date usually stands, without labelling it so, is
  ``probable``: the date in the page's own URL, the byline, a ``<time>`` a theme marks published,
  htmldate's reading of the page's markup;
- what is inferred from dates **about other things** is ``weak``: a date found only by htmldate's
  search of the whole text (a date in a link to another page, a "today" in the site's header,
  the earliest or largest date in the text). A copyright year, or a month or year htmldate
  writes as its first day, is no date at all (:mod:`provenance.published.fallback`).

Only a certain date can make ``post-after-article`` an error (see its manual); the others make
warnings that name the evidence. ``EVIDENCE`` lists every kind, for the documentation's table.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from provenance.model import ArticleDate, Confidence

__all__ = [
    "BYLINE",
    "BYLINE_UPDATED",
    "COMMAND_LINE",
    "EVIDENCE",
    "FRONT_MATTER",
    "HATOM_UPDATED",
    "HTMLDATE",
    "HTMLDATE_TEXT",
    "JSON_LD",
    "META_NAME",
    "MICRODATA",
    "NEWS_SITEMAP",
    "OPEN_GRAPH",
    "PAGE_URL",
    "TEXT_PREFIX",
    "TIME_ELEMENT",
    "UPDATE_NOTE",
    "Evidence",
]


@dataclass(frozen=True)
class Evidence:
    """One kind of evidence for an article's date: how messages name it, its confidence and why."""

    #: Stable kebab-case name (documentation, tests).
    name: str
    #: How a message names it; ``{key}`` stands for the field read (``article:published_time``).
    words: str
    confidence: Confidence
    reason: str

    def tag(self, stamp: ArticleDate | None, key: str = "") -> ArticleDate | None:
        """``stamp`` with this evidence and its confidence (None stays None)."""
        if stamp is None:
            return None
        return replace(stamp, confidence=self.confidence, evidence=self.words.format(key=key).strip())


_CERTAIN, _PROBABLE, _WEAK = Confidence.CERTAIN, Confidence.PROBABLE, Confidence.WEAK

#: Every kind of evidence, strongest first: name, words, confidence, reason (see :class:`Evidence`).
EVIDENCE: tuple[Evidence, ...] = tuple(Evidence(*row) for row in (
    ("command-line", "--published", _CERTAIN, "the user states the date; it wins over the page's own"),
    ("text-prefix", "text prefix {key}", _CERTAIN,
     "a key and an ISO date at the very start of a text is how scrapers and exports write the article's metadata"),
    ("front-matter", "front matter {key}", _CERTAIN, "the article's own metadata, written with it by its author"),
    ("open-graph", "meta {key}", _CERTAIN,
     "the publication time the CMS states for the page itself (article:published_time and its spellings)"),
    ("json-ld", "JSON-LD {key}", _CERTAIN,
     "schema.org data the CMS writes for the page's own article or web page node"),
    ("microdata", "itemprop {key}", _CERTAIN, "schema.org microdata: the page labels the date as its publication"),
    ("meta-name", "meta {key}", _CERTAIN,
     "a named metadata field of the page (Dublin Core, Parse.ly, Sailthru, citation_*, Last-Modified …)"),
    ("news-sitemap", "news sitemap publication_date", _CERTAIN,
     "the publisher's news sitemap states the publication date of that very URL"),
    ("time-element", "{key} on the page", _PROBABLE,
     "a <time pubdate> or a date a theme classes as published: themes put the same mark on the dates "
     "of teasers and comments, and nothing tells which is the article's"),
    ("byline", "time in the byline", _PROBABLE,
     "the first date after the headline stands where bylines do, but nothing labels it the publication date"),
    ("page-url", "the date in this page's URL", _PROBABLE,
     "a /2019/07/03/ path is set when a story is first filed: usually its publication day, sometimes its "
     "draft's or its print issue's"),
    ("htmldate", "htmldate's reading of the page's markup", _PROBABLE,
     "htmldate (original date) finds it in the page's markup, and finds it again with the site's header, "
     "navigation, footer and asides taken away: a heuristic, but about this page"),
    ("update-note", "an update note in the text", _PROBABLE,
     "an 'Update July 3rd, 8:05AM ET' line in the article: stated, but read from prose"),
    ("hatom-updated", "{key} on the page", _PROBABLE,
     "the hAtom class 'updated' that themes write, often hidden, on the article and on teasers alike"),
    ("byline-updated", "an 'updated' time in the byline", _PROBABLE,
     "a byline time that an 'Updated' label or class marks as the last change, not the publication"),
    ("htmldate-text", "htmldate's search of the whole page", _WEAK,
     "htmldate finds it only in the page's full text or outside the article (a date in a link to another "
     "page, a 'today' in the site's header, the earliest date in the text): about something else"),
))

_BY_NAME: dict[str, Evidence] = {kind.name: kind for kind in EVIDENCE}

# The names the readers import: each is the row of EVIDENCE with that name.
COMMAND_LINE = _BY_NAME["command-line"]
TEXT_PREFIX = _BY_NAME["text-prefix"]
FRONT_MATTER = _BY_NAME["front-matter"]
OPEN_GRAPH = _BY_NAME["open-graph"]
JSON_LD = _BY_NAME["json-ld"]
MICRODATA = _BY_NAME["microdata"]
META_NAME = _BY_NAME["meta-name"]
NEWS_SITEMAP = _BY_NAME["news-sitemap"]
TIME_ELEMENT = _BY_NAME["time-element"]
BYLINE = _BY_NAME["byline"]
PAGE_URL = _BY_NAME["page-url"]
HTMLDATE = _BY_NAME["htmldate"]
UPDATE_NOTE = _BY_NAME["update-note"]
HATOM_UPDATED = _BY_NAME["hatom-updated"]
BYLINE_UPDATED = _BY_NAME["byline-updated"]
HTMLDATE_TEXT = _BY_NAME["htmldate-text"]
