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
     also inside ``@graph`` or a list, typed ``@type`` or ``type``), then of a ``WebPage`` node;
  3. ``itemprop="datePublished"`` (meta, ``<time>`` or any element);
  4. other meta names: ``date``, ``dc.date``, ``parsely-pub-date``, ``sailthru.date`` … (also as
     RDFa ``property="dc:date"`` in the body);
  5. ``<time pubdate>`` or a ``<time>`` whose class says it is the published time;
  6. a full date in the path of the canonical URL or ``og:url`` (``/2018/12/05/``);
  7. the byline (:mod:`provenance.published.byline`): the date shown next to the headline (the
     ``<h1>`` the page's title names), in a ``<time>`` or written out, read by
     ``provenance.dates`` in the declared language first, then in every other, with the time of
     day and zone written next to it; one labelled "Updated" is the modified date instead;
  8. the byline's update time, when the page shows no other date;
  9. htmldate (``original_date=True``) on the first ``HTMLDATE_MAX_CHARS`` characters.

  A stated value that is no ISO or RFC 2822 stamp (``Di., 25.01.2022 - 14:45``) is read as a
  date in words in the page's language. Dates in the page's furniture (a header, footer,
  navigation or aside outside every ``<article>``; comment sections and quoted posts anywhere)
  are not read in steps 3, 5 and 7. When the winner gives a day only and a later source of no
  weaker evidence names the same day with a time, the more precise one is kept (timezone-aware
  beats naive). When steps 1–3 disagree by more than ``REPUBLISHED_AFTER``, the earliest is the
  first publication and wins; a meta named just ``date`` gives way to a byline of another day.
  A winner stamped in UTC is read at the page's own offset when the page writes the same instant
  with one (or, failing that, when its other stamps state one), so a US evening article keeps
  its day; a day-only metadata date that is the UTC day of the page's own stamps takes their
  local day. Modified dates come from the same kinds of metadata
  (``article:modified_time``, ``og:updated_time``, ``dateModified`` …) and the hAtom class
  ``updated``, never from htmldate, which cannot tell them apart: for the same reason htmldate's
  day is dropped when it is the stated modification day.

Every date carries its evidence and a confidence (:mod:`provenance.published.evidence`): what
the page states about itself is certain, what it only shows (its URL, its byline, htmldate's
reading of its markup) is probable, and htmldate's search of the whole text is weak; a
copyright year, or a month htmldate writes as its first day, is no date at all.

For every kind, an update note in the text ("Update July 3rd, 8:05AM ET: …",
:mod:`provenance.published.notes`) dated after the publication is the modified date when the
metadata names none later.

Speed: the meta tags come from one lxml parse of ``<head>``, JSON-LD from a string scan of
the page; the whole page is parsed only when these find nothing (or only a plain meta name
while the body has an ``itemprop``, or only a meta named ``date``), and htmldate runs only
when everything else is silent.
The language is what the page declares (``<html lang>``, ``content-language``, JSON-LD
``inLanguage``, ``og:locale``), even when it is wrong.
"""

from __future__ import annotations

from dataclasses import replace

from provenance.model import DocumentKind
from provenance.published.notes import later_of, latest_update
from provenance.published.stamps import ArticleDates, normalize_lang, parse_stamp
from provenance.published.text import front_matter_dates, text_prefix_dates

__all__ = ["ArticleDates", "find_dates", "normalize_lang", "parse_stamp"]


def find_dates(text: str, kind: DocumentKind) -> ArticleDates:
    """The article's published and modified dates, where each came from, its declared language,
    and where the body starts (after a text date prefix or front matter)."""
    found = None
    if kind == "html":
        # Imported with the first HTML page: it brings lxml, which a text or Markdown check never needs.
        from provenance.published.html import html_dates  # noqa: PLC0415

        found = html_dates(text)
    elif kind == "markdown":
        found = front_matter_dates(text)
    if found is None:
        found = text_prefix_dates(text)
    note = latest_update(text, found.body_start, found.published, found.lang)
    return replace(found, modified=later_of(found.modified, note)) if note is not None else found


