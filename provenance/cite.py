"""Fragment → Citation: normalize what each place says about a post, one citation per post.

All the places of one post are one citation: a place in the article speaks for the post before
one in the page's furniture, an embed before a link; the others fill what it lacks and are kept
in ``also_at``. A post is in the article when any of its places is. Fragments that name no post
ID (flattened text) are matched to the other citations by handle, shown date and text: a copy
(``og:description``, JSON-LD ``articleBody``, a framework's state, ``<noscript>``) that matches
one is merged into it. Those that match none, and mentions, each stay a citation of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from provenance.dates import find_dates, match_date, parse_date
from provenance.extract.evidence import hashtags, mentions
from provenance.extract.placement import ARTICLE
from provenance.model import Citation, Fragment, PostRef, TextDate
from provenance.platforms import PLATFORMS, decode_time, parse_id, parse_url
from provenance.platforms.markup import TIME_TAIL

__all__ = ["cite", "cite_fragment", "cite_ref", "shown_day"]

_KIND_RANK = {"embed": 0, "link": 1, "mention": 2}
#: How much of two copies' texts (case-folded, white space made single) must agree: the start of
#: a post is what every copy keeps, whatever it cuts at the end.
COPY_TEXT_CHARS = 40
#: An embed that shows no date is dated by its ID in UTC; a copy shows the day in the embed's
#: display zone, which is at most this many days off.
COPY_DAY_SLACK = 1


def _ref(fragment: Fragment) -> PostRef | None:
    if fragment.url:
        ref = parse_url(fragment.url)
        if ref is not None:
            return ref
    if fragment.post_id and fragment.platform in PLATFORMS:
        return parse_id(fragment.post_id, fragment.platform)
    return None


def shown_day(text: str, lang: str | None = None) -> date | None:
    """The calendar day a shown date names: the whole text, or a date then its time of day
    (``Jun 16, 2019 at 7:30am PDT``, ``November 25, 2024 at 12:58 AM``)."""
    day = parse_date(text, lang)
    if day is not None:
        return day
    found = match_date(text, 0, lang)
    if found is None or not TIME_TAIL.fullmatch(text.rstrip(), found[1]):
        return None
    return found[0]


def _shown_date(fragment: Fragment, article_lang: str | None) -> date | None:
    """The shown date, read in the post's language, else the article's (which settles 2.1.2024)."""
    if not fragment.shown_date_text:
        return None
    shown = shown_day(fragment.shown_date_text, fragment.lang)
    if shown is None and article_lang and article_lang != fragment.lang:
        shown = shown_day(fragment.shown_date_text, article_lang)
    return shown


def cite_fragment(fragment: Fragment, article_day: date | None = None, article_lang: str | None = None) -> Citation:
    """The citation one fragment makes on its own."""
    ref = _ref(fragment)
    platform = fragment.platform or (ref.platform if ref is not None else "unknown")
    shown_date = _shown_date(fragment, article_lang)
    if shown_date is None and fragment.shown_moment is not None:
        shown_date = fragment.shown_moment.date()
    text = fragment.text
    reference = shown_date or article_day
    url_handle = ref.handle if ref is not None else None
    return Citation(
        platform=platform,
        kind=fragment.kind,
        form=fragment.form,
        line=fragment.line,
        column=fragment.column,
        end_line=fragment.end_line,
        end_column=fragment.end_column,
        handle=fragment.handle or url_handle,
        url_handle=url_handle,
        display_name=fragment.display_name,
        post_id=ref.post_id if ref is not None else fragment.post_id,
        url=ref.url if ref is not None else None,
        shown_date=shown_date,
        shown_date_text=fragment.shown_date_text,
        shown_moment=fragment.shown_moment,
        id_time=decode_time(ref) if ref is not None and ref.post_id else None,
        media=fragment.media,
        hashtags=tuple(hashtags(text)) if text else (),
        mentions=tuple(mentions(text)) if text else (),
        text=text,
        lang=fragment.lang,
        in_article=fragment.placement in (None, ARTICLE),
        placement=fragment.placement or ARTICLE,
        # A mention's text is the article's sentence: its dates are the article's, given by cite().
        dates_in_text=tuple(find_dates(text, fragment.lang, reference)) if text and fragment.kind != "mention" else (),
    )


def cite_ref(ref: PostRef) -> Citation:
    """The citation a bare URL or ID makes (``provenance cite``)."""
    return Citation(
        platform=ref.platform,
        kind="link",
        form="command-line",
        line=1,
        column=1,
        handle=ref.handle,
        url_handle=ref.handle,
        post_id=ref.post_id,
        url=ref.url,
        id_time=decode_time(ref),
    )


def _merge(first: Citation, other: Citation) -> Citation:
    """``first`` with what ``other`` adds: missing fields, its places in ``also_at``, and being in
    the article when ``other`` is."""
    filled = {
        name: getattr(other, name)
        for name in ("handle", "url_handle", "display_name", "shown_date", "shown_date_text", "shown_moment",
                     "text", "lang", "media", "hashtags", "mentions", "dates_in_text")
        if not getattr(first, name) and getattr(other, name)
    }
    places = tuple(sorted({*first.also_at, (other.line, other.column), *other.also_at} - {(first.line, first.column)}))
    in_article = first.in_article or other.in_article
    placement = ARTICLE if in_article else first.placement
    return replace(first, also_at=places, in_article=in_article, placement=placement, **filled)


def _rank(citation: Citation) -> tuple[bool, int]:
    """Which place speaks for a post: one in the article, then an embed before a link."""
    return (not citation.in_article, _KIND_RANK[citation.kind])


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _copy_of(copy: Citation, target: Citation) -> bool:
    """Whether the ID-less ``copy`` is the post ``target`` cites: the same platform and handle, the
    same shown day, and texts that start alike where both have one."""
    if copy is target or copy.platform != target.platform or not copy.handle:
        return False
    if copy.handle.casefold() not in {h.casefold() for h in (target.handle, target.url_handle) if h}:
        return False
    day = target.shown_date
    if day is None and target.id_time is not None and target.id_time.moment is not None:
        day = target.id_time.moment.date()
        if copy.shown_date is None or abs((copy.shown_date - day).days) > COPY_DAY_SLACK:
            return False
    elif copy.shown_date != day:
        return False
    mine, theirs = _fold(copy.text), _fold(target.text)
    if mine and theirs:
        return mine[:COPY_TEXT_CHARS] in theirs or theirs[:COPY_TEXT_CHARS] in mine
    return day is not None  # a handle alone does not tell one post of an account from another


def _merge_copies(citations: list[Citation]) -> list[Citation]:
    """The citations with each ID-less copy of another post merged into it: into a citation with
    an ID first, else into an ID-less one in the article (a copy outside the article only)."""
    kept = list(citations)
    for copy in citations:
        if copy.post_id or copy.kind != "embed":
            continue
        targets = [c for c in kept if c.post_id and _copy_of(copy, c)]
        if not targets and not copy.in_article:
            targets = [c for c in kept if not c.post_id and c.in_article and c.kind == "embed" and _copy_of(copy, c)]
        if not targets:
            continue
        index = next(i for i, c in enumerate(kept) if c is targets[0])
        first, other = (copy, targets[0]) if _rank(copy) < _rank(targets[0]) else (targets[0], copy)
        merged = _merge(first, other)
        if first is copy:  # the copy's place speaks (an embed, in the article), with the post's ID and link
            merged = replace(merged, post_id=other.post_id, url=other.url, id_time=other.id_time)
        kept[index] = merged
        del kept[next(i for i, c in enumerate(kept) if c is copy)]
    return kept


def cite(
    fragments: Iterable[Fragment], article_day: date | None = None, article_lang: str | None = None,
    article_dates: Sequence[TextDate] = (),
) -> list[Citation]:
    """One citation per post, in the order each post is first cited, then the mentions (posts cited
    without a link), which carry ``article_dates``: they have no post text of their own to date."""
    citations: list[Citation] = []
    by_post: dict[tuple[str, str], int] = {}
    for fragment in fragments:
        citation = cite_fragment(fragment, article_day, article_lang)
        if citation.kind == "mention":
            citation = replace(citation, dates_in_text=tuple(article_dates))
        key = (citation.platform, citation.post_id) if citation.post_id else None
        if key is None or key not in by_post:
            if key is not None:
                by_post[key] = len(citations)
            citations.append(citation)
            continue
        index = by_post[key]
        earlier = citations[index]
        # The embed in the article speaks for the post even where a link to it comes first.
        citations[index] = _merge(citation, earlier) if _rank(citation) < _rank(earlier) else _merge(earlier, citation)
    citations = _merge_copies(citations)
    # Mentions last: finding a mention never renumbers the citations that findings point to.
    citations.sort(key=lambda citation: citation.kind == "mention")
    return citations
