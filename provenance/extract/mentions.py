"""Posts cited in prose without a link: "she wrote on Instagram", "σε δήλωση στη σελίδα του στο Facebook".

A *mention* is a sentence of the article's prose (:mod:`provenance.extract.prose`) that cites a
social-media post, statement or account and neither embeds nor links it. Sentences are matched
against phrase patterns per language (:mod:`provenance.extract.mention_patterns`, data files in
``provenance/data/mentions/``). The declared language is tried first, then the languages whose
common words the prose uses: pages misdeclare their language.

A mention's platform is ``social`` when the sentence names none ("on social media"). Sentences
that are not citations are left alone: sentences about social media in general match no pattern
(a pattern needs a verb of posting or a post noun tied to a platform), page furniture is
excluded, a sentence that links a post (a ``link`` citation already) is skipped, and a mention
that introduces or captions an embed next to it is that embed's — unless it names an author the
embed does not show. HTML is only parsed when the page holds a platform word at all.

A mention has no post of its own to date, so its citation carries the dates written in the
article's prose (:func:`article_dates`), read against the article's date.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from operator import attrgetter

import regex

from provenance.dates import find_dates
from provenance.extract.mention_patterns import (
    MIN_SENTENCE_WORDS,
    MentionMatch,
    candidate_positions,
    has_candidate,
    match_sentence,
    prose_languages,
)
from provenance.extract.placement import MarkedPage, placement_of
from provenance.extract.prose import Prose
from provenance.model import Document, Fragment, TextDate
from provenance.platforms import parse_url, platform_for_host

__all__ = ["article_dates", "find_mentions"]

#: A mention of an embed's platform that stands at most this many characters of prose (spaces
#: not counted) above the embed introduces it: a lede or a deck tells what a post says, and the
#: embed shows it a few paragraphs down (in the corpus: 152 to 1,520 characters above).
MAX_GAP_BEFORE_EMBED = 2000
#: A mention this close below an embed captions or comments on it (the corpus: up to 229
#: characters); further down it is about another post (a post "she wrote" 396 characters below
#: an embed of hers is an older one). A mention that names no platform ("social media") is tied
#: to an embed only this close, on either side: seed 000's ministry statement stands 465
#: characters above X posts by other accounts.
MAX_GAP_NEAR_EMBED = 300
#: The widest of the two gaps.
MAX_GAP = max(MAX_GAP_BEFORE_EMBED, MAX_GAP_NEAR_EMBED)
#: The longest sentence text kept on a citation.
MAX_TEXT_CHARS = 500
#: In text and Markdown, how far back the start of a paragraph is looked for: a longer run
#: without a blank line is not one paragraph (a list, a wall of text).
MAX_PARAGRAPH_CHARS = 3000

#: What ends a sentence: its final mark, closing quotes and white space before the start of the
#: next (a quote, a capital, a digit), or a line's end. The mark is matched, not looked behind
#: for: a pattern that starts with a character class is tried only where one stands, which makes
#: the scan of the prose some twice as fast. The mark is no part of the boundary (``_sentences``
#: steps over it): no boundary can hold it, so the boundaries are those a lookbehind finds.
_SENTENCE_END = regex.compile(r"[.!?…;;؟][\"”’»)]*\s+(?=[\"“„«'‘(¿¡\p{Lu}\p{Lt}\p{N}\p{Lo}])|\n")
_BLANK_LINE = regex.compile(r"\n[ \t]*\n")
#: A URL in prose: with its scheme, or a host name and a path without one (kept only when a
#: platform owns the host: ``x.com/user/status/ID`` written bare).
_URL = regex.compile(r"https?://[^\s<>\"'\])]+|(?<![\w/.@])(?P<host>(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})/\S+")


def _urls(text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    """The URLs in ``text[start:end]`` that may name a post."""
    for url in _URL.finditer(text, start, end):
        if url.group("host") is None or platform_for_host(url.group("host")) is not None:
            yield url


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        end = boundary.start() if text[boundary.start()] == "\n" else boundary.start() + 1  # after the mark
        if end > start:
            yield start, end
        start = boundary.end()
    if start < len(text):
        yield start, len(text)


def _linked(prose: Prose, start: int, end: int) -> bool:
    """Whether the sentence at prose ``start``–``end`` links a post."""
    for anchor in prose.anchors:
        if anchor.start < end and start < anchor.end and _is_post(anchor.href):
            return True
    return any(_is_post(url.group()) for url in _urls(prose.text, start, end))


def _is_post(url: str) -> bool:
    ref = parse_url(url.rstrip(".,;:!?…'\")]"))
    return ref is not None and bool(ref.post_id)


def _paragraph(text: str, position: int, html: bool, *, forward: bool = False) -> int:
    """Where the paragraph holding ``position`` starts (or, ``forward``, ends): in HTML prose a
    line is a block, in text and Markdown a paragraph ends at a blank line."""
    if html:
        if forward:
            found = text.find("\n", position)
            return len(text) if found == -1 else found
        return text.rfind("\n", 0, position) + 1
    if forward:
        blank = _BLANK_LINE.search(text, position)
        return blank.start() if blank is not None else len(text)
    blanks = list(_BLANK_LINE.finditer(text, max(position - MAX_PARAGRAPH_CHARS, 0), position))
    return blanks[-1].end() if blanks else max(position - MAX_PARAGRAPH_CHARS, 0)


def _refers_to_link(prose: Prose, html: bool, sentence: tuple[int, int], match: MentionMatch) -> bool:
    """Whether the mention refers to a post linked in its paragraph or the one above it ("She
    posted the video on X" below a paragraph that links the post): that post is cited already."""
    start, end = sentence
    text = prose.text
    here = _paragraph(text, start, html)
    above = _paragraph(text, max(here - 1, 0), html) if here > 0 else here
    if not html and here > 0:  # step over the blank lines between the two paragraphs
        above = _paragraph(text, len(text[:here].rstrip()), html)
    stop = _paragraph(text, end, html, forward=True)
    links = [(anchor.href, text[anchor.start : anchor.end]) for anchor in prose.anchors
             if above <= anchor.start < stop and not (start <= anchor.start < end)]
    links += [(url.group(), "") for url in _urls(text, above, stop) if not start <= url.start() < end]
    named = [word for word in _fold(match.display_name or "").split() if len(word) > 2]
    for href, words in links:
        ref = parse_url(href.rstrip(".,;:!?…'\")]"))
        if ref is None or not ref.post_id:
            continue
        if match.platform not in ("social", ref.platform):
            continue
        shown = _fold(f"{ref.handle or ''} {words}")
        # A mention that names someone the link does not show is about another post.
        if not named or not shown.strip() or any(word in shown for word in named):
            return True
    return _refers_to_source(prose, sentence, match, named)


def _refers_to_source(prose: Prose, sentence: tuple[int, int], match: MentionMatch, named: list[str]) -> bool:
    """Whether the mention refers to a post the article links further away: a link anywhere that
    shows the name the mention gives, or, when it gives none, the only link to a post of its
    platform below it (a list of sources under the article)."""
    start, end = sentence
    posts: dict[str, str] = {}  # post ID -> what its links show
    below: set[str] = set()
    for anchor in prose.anchors:
        if start <= anchor.start < end:
            continue
        ref = parse_url(anchor.href.rstrip(".,;:!?…'\")]"))
        if ref is None or not ref.post_id or match.platform not in ("social", ref.platform):
            continue
        shown = _fold(f"{ref.handle or ''} {prose.text[anchor.start : anchor.end]}")
        posts[ref.post_id] = f"{posts.get(ref.post_id, '')} {shown}"
        if anchor.start >= end:
            below.add(ref.post_id)
    if named:
        return any(any(word in shown for word in named) for shown in posts.values())
    return len(posts) == 1 and len(below) == 1


def _embed_at(found: Sequence[Fragment], source: int, spans: list[tuple[int, int]]) -> Fragment | None:
    span = next(((s, e) for s, e in spans if s <= source < max(e, s + 1)), (source, source + 1))
    return next((f for f in found if f.kind == "embed" and span[0] <= f.offset < span[1]), None)


def _describes_embed(
    prose: Prose, found: Sequence[Fragment], spans: list[tuple[int, int]], sentence: tuple[int, int],
    match: MentionMatch,
) -> bool:
    """Whether the mention in the sentence at ``sentence`` (start, end) introduces or captions an embed."""
    start, end = sentence
    markers = prose.markers  # in order of position
    split = bisect.bisect_left(markers, end, key=attrgetter("position"))
    # Nearest first on each side: the gap only grows outward, so past the widest limit no marker
    # further away can count. Without this, a page of many embeds costs sentences × embeds × page.
    after = (markers[index] for index in range(split, len(markers)))
    before = (markers[index] for index in range(split - 1, -1, -1))
    for side in (after, before):
        for marker in side:
            below = marker.position >= end
            between = prose.text[end : marker.position] if below else prose.text[marker.position : start]
            gap = len("".join(between.split()))
            if gap > MAX_GAP:
                break
            embed = _embed_at(found, marker.source, spans)
            platform = embed.platform if embed is not None else None
            if match.platform != "social" and platform is not None and platform != match.platform:
                continue
            named_platform = platform is not None and match.platform != "social"
            limit = MAX_GAP_BEFORE_EMBED if below and named_platform else MAX_GAP_NEAR_EMBED
            if gap > limit:
                continue
            if embed is None:
                return True  # an embed that names no post: nothing says it is not this one
            shown = _fold(" ".join(filter(None, (embed.display_name, embed.handle, embed.text))))
            named = [word for word in _fold(match.display_name or "").split() if len(word) > 2]
            # A mention that names someone the embed does not show is about another post.
            if not shown or not named or any(word in shown for word in named):
                return True
    return False


def _none_within(positions: list[int], start: int, end: int) -> bool:
    index = bisect.bisect_left(positions, start)
    return index == len(positions) or positions[index] >= end


def find_mentions(
    document: Document, found: Sequence[Fragment] = (), page: MarkedPage | None = None
) -> Iterator[Fragment]:
    """Every sentence of ``document``'s prose that cites a post without embedding or linking it.

    ``found`` are the fragments already found (embeds and links): a mention next to one of those
    embeds is that embed's, and is not reported again. ``page`` is the page marked for them, when
    the caller has it (:func:`provenance.extract.extract` shares one with the later steps).
    """
    if not has_candidate(document.text[document.body_start :]):
        return
    page = page or MarkedPage(document, found)
    found = page.found  # the caller may extend its list
    spans = page.spans
    prose = page.prose
    text = prose.text
    langs: tuple[str, ...] | None = None  # read when a sentence needs them: some pages have none
    hits = candidate_positions(text, one_pass=document.kind != "text")  # HTML pages load the scan anyway
    for start, end in _sentences(text):
        if hits is not None and _none_within(hits, start, end):
            continue  # no platform word in the sentence: most sentences end here
        sentence = text[start:end]
        if len(sentence.split()) < MIN_SENTENCE_WORDS:
            continue  # a label or a menu entry ("Share on Facebook"), in any language
        if langs is None:
            langs = prose_languages(text, document.lang)
        match = match_sentence(sentence, langs)
        if match is None or _linked(prose, start, end):
            continue
        if _describes_embed(prose, found, spans, (start, end), match):
            continue
        if _refers_to_link(prose, document.kind == "html", (start, end), match):
            continue
        offset = prose.source_offset(start + match.start)
        line, column = document.position(offset)
        placement = placement_of(page, prose.owner(start + match.start))
        yield Fragment(
            kind="mention",
            form="prose",
            offset=offset,
            line=line,
            column=column,
            platform=match.platform,
            handle=match.handle,
            display_name=match.display_name,
            text=" ".join(sentence.split())[:MAX_TEXT_CHARS],
            lang=match.lang,
            placement=placement,
        )


def article_dates(
    document: Document, fragments: Sequence[Fragment], reference: date | None, page: MarkedPage | None = None
) -> tuple[TextDate, ...]:
    """The dates written in the article's prose when it mentions a post (empty when it mentions none).

    Read in the article's language (else the mentions'), relative dates against ``reference``;
    each date's ``offset`` is where it stands in ``document.text``. The prose is ``page``'s, the
    page marked for the other ``fragments``, when the caller has it.
    """
    mentions = [fragment for fragment in fragments if fragment.kind == "mention"]
    if not mentions:
        return ()
    prose = (page or MarkedPage(document, fragments)).prose
    lang = document.lang or mentions[0].lang
    return tuple(
        replace(written, offset=prose.source_offset(written.offset))
        for written in find_dates(prose.text, lang, reference)
    )
