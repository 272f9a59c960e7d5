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
from functools import lru_cache
from operator import attrgetter

import regex

from provenance.dates import find_dates
from provenance.extract.html import embed_regions
from provenance.extract.mention_patterns import (
    MentionMatch,
    candidate_positions,
    has_candidate,
    match_sentence,
    prose_languages,
)
from provenance.extract.prose import Prose, article_prose
from provenance.model import Document, Fragment, TextDate
from provenance.platforms import parse_url

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

_SENTENCE_END = regex.compile(r"(?<=[.!?…;;؟])[\"”’»)]*\s+(?=[\"“„«'‘(¿¡\p{Lu}\p{Lt}\p{N}\p{Lo}])|\n")
_URL = regex.compile(r"https?://[^\s<>\"'\])]+|(?<![\w/.@])(?:www\.)?(?:twitter|x|facebook|instagram)\.com/\S+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.start() > start:
            yield start, boundary.start()
        start = boundary.end()
    if start < len(text):
        yield start, len(text)


def _embed_spans(document: Document, found: Sequence[Fragment]) -> list[tuple[int, int]]:
    """Where the embeds stand in the source: markup regions, and the lines of flattened embeds."""
    text = document.text
    spans = [(s, e) for s, e, _ in embed_regions(text, document.body_start)] if document.kind != "text" else []
    for fragment in found:
        if fragment.kind != "embed" or any(s <= fragment.offset < e for s, e in spans):
            continue
        body = {line.strip() for line in (fragment.text or "").splitlines() if line.strip()}
        end = text.find("\n", fragment.offset)
        end = len(text) if end == -1 else end
        while end < len(text):
            following = text.find("\n", end + 1)
            following = len(text) if following == -1 else following
            line = text[end + 1 : following].strip()
            if not line or not (line in body or (fragment.handle and f"@{fragment.handle}" in line)):
                break
            end = following
        spans.append((text.rfind("\n", 0, fragment.offset) + 1, end))
    return sorted(spans)


def _linked(prose: Prose, start: int, end: int) -> bool:
    """Whether the sentence at prose ``start``–``end`` links a post."""
    for anchor in prose.anchors:
        if anchor.start < end and start < anchor.end and _is_post(anchor.href):
            return True
    return any(_is_post(url.group()) for url in _URL.finditer(prose.text, start, end))


def _is_post(url: str) -> bool:
    ref = parse_url(url.rstrip(".,;:!?…'\")]"))
    return ref is not None and bool(ref.post_id)


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


@lru_cache(maxsize=4)
def _prose(document: Document, spans: tuple[tuple[int, int], ...]) -> Prose:
    # find_mentions and article_dates read the same prose; parsing a page once is enough.
    return article_prose(document, spans)


def _none_within(positions: list[int], start: int, end: int) -> bool:
    index = bisect.bisect_left(positions, start)
    return index == len(positions) or positions[index] >= end


def find_mentions(document: Document, found: Sequence[Fragment] = ()) -> Iterator[Fragment]:
    """Every sentence of ``document``'s prose that cites a post without embedding or linking it.

    ``found`` are the fragments already found (embeds and links): a mention next to one of those
    embeds is that embed's, and is not reported again.
    """
    if not has_candidate(document.text[document.body_start :]):
        return
    found = tuple(found)  # the caller may extend its list with what this yields
    spans = _embed_spans(document, found)
    prose = _prose(document, tuple(spans))
    text = prose.text
    langs: tuple[str, ...] | None = None  # read when a sentence needs them: some pages have none
    hits = candidate_positions(text)
    for start, end in _sentences(text):
        if hits is not None and _none_within(hits, start, end):
            continue  # no platform word in the sentence: most sentences end here
        if langs is None:
            langs = prose_languages(text, document.lang)
        sentence = text[start:end]
        match = match_sentence(sentence, langs)
        if match is None or _linked(prose, start, end):
            continue
        if _describes_embed(prose, found, spans, (start, end), match):
            continue
        offset = prose.source_offset(start + match.start)
        line, column = document.position(offset)
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
        )


def article_dates(document: Document, fragments: Sequence[Fragment], reference: date | None) -> tuple[TextDate, ...]:
    """The dates written in the article's prose when it mentions a post (empty when it mentions none).

    Read in the article's language (else the mentions'), relative dates against ``reference``;
    each date's ``offset`` is where it stands in ``document.text``.
    """
    mentions = [fragment for fragment in fragments if fragment.kind == "mention"]
    if not mentions:
        return ()
    prose = _prose(document, tuple(_embed_spans(document, fragments)))
    lang = document.lang or mentions[0].lang
    return tuple(
        replace(written, offset=prose.source_offset(written.offset))
        for written in find_dates(prose.text, lang, reference)
    )
