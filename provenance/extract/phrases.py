"""Flattened embeds anchored by a platform's fixed phrase: Instagram, Facebook, TikTok, Threads, Mastodon.

What each embed leaves once a scraper drops its markup, and the field of the platform's record
(``Platform.flattened``) that declares its anchor:

- ``attribution`` (Instagram): ``View this post on Instagram`` (``view_prompt``, translated), the
  caption, then ``A post shared by Display Name (@handle)``, followed in 2014–2018 embeds by ``on
  Jul 21, 2016 at 8:32pm PDT``. The phrase (every language the record lists) anchors it; the
  caption is what stands between the prompt and the phrase, or, with no prompt, the lines above
  that read as a post's text, and any text before the phrase on its own line.
- ``posted_by`` (Facebook): the post's text, then ``Posted by NAME on DATE`` (``Publicado por NAME
  en DATE``, ``NAME paylaştı: DATE``). A date must follow: "posted by" alone is prose.
- ``sound_mark`` (TikTok): ``@user CAPTION #tag ♬ original sound - user``: a line that starts with
  ``@user`` and, within the same paragraph, the ``♬`` that names the post's sound. No date.
- ``view_on`` (Threads and Mastodon): ``Post by @handle View on Threads`` (``View on Mastodon``),
  no text.

A link to a post of the same platform inside the flattened region (Markdown converters keep
them: ``[View this post on Instagram](https://www.instagram.com/p/CODE/)``) gives the fragment
its URL and so its post. In HTML only the anchor itself is read, since the lines around it are
markup. Each fragment comes with the (start, end) span it covers.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import regex

from provenance.dates import match_date
from provenance.extract.evidence import dominant_script, media_links, script_lang
from provenance.extract.scan import LiteralSet, ascii_gate, page_literals
from provenance.extract.textlines import Line, body_before, line_bounds, split_lines
from provenance.model import Document, Fragment
from provenance.platforms import PLATFORMS, Platform, parse_url
from provenance.platforms.markup import clean_lines, date_after

__all__ = ["find_phrases"]

#: What Markdown leaves of a link around anchor text: the ``](URL)`` tail, brackets, ``*``
#: emphasis and a quote's ``>``. Underscores stay: they are part of handles and hashtags.
LINK_TAIL = regex.compile(r"\]\([^)\s]*\)")
MARKUP = regex.compile(r"[\[\]*]+|^[ \t]*>+")
URL = regex.compile(r"(?:https?://|www\.)[^\s<>\"'\])]+")
TAG = regex.compile(r"<[^>]*>")
#: A name standing before a joining word is at most this long; longer text is not a name.
MAX_NAME_CHARS = 80
#: How far above an Instagram attribution its "View this post" prompt may stand: a caption
#: is at most 2,200 characters, and blank lines and hashtag blocks add a few more.
MAX_CAPTION_CHARS = 2600
#: The platforms whose flattened embeds each reader anchors (``Platform.flattened``).
_ATTRIBUTED = tuple((p, p.flattened.attribution) for p in PLATFORMS.values() if p.flattened.attribution is not None)
_POSTED_BY = tuple(p for p in PLATFORMS.values() if p.flattened.posted_by)
_SOUND_MARKED = tuple(p for p in PLATFORMS.values() if p.flattened.sound_mark is not None)


def _sound_line(mark: str) -> regex.Pattern[str]:
    """``@user CAPTION MARK SOUND``, within one paragraph (``mark`` is one character)."""
    escaped = regex.escape(mark)
    return regex.compile(
        r"(?m)^[ \t>*_\[]*@(?P<handle>[A-Za-z0-9._]{1,24})(?![A-Za-z0-9._@])"
        r"(?P<caption>(?:(?!\n[ \t]*\n)[^" + escaped + r"]){0,2200}?)"
        + escaped + r"[ \t]*(?P<sound>[^\n]{1,200})"
    )


_SOUND_LINES = tuple((p, _sound_line(p.flattened.sound_mark or "")) for p in _SOUND_MARKED)
#: Sites whose fallback link reads "Post by @handle View on SITE" (``Flattened.view_on``).
POST_BY_SITES = {p.title: p for p in PLATFORMS.values() if p.flattened.view_on}
POST_BY = regex.compile(
    r"Post by @(?P<handle>[A-Za-z0-9._]{1,30})(?:@(?P<server>[A-Za-z0-9.-]{1,253}))?"
    r"(?:\]\([^)\s]*\))?[\s\u00a0*_\[\]]*View on (?P<site>" + "|".join(POST_BY_SITES) + r")\b"
)
_SPACE = r"[ \t\u00a0]"
#: A weekday before a date (a word, then a comma) or after it (one word, ending the line).
WEEKDAY_FIRST = regex.compile(r"[ \t\u00a0]*\p{L}{3,}\.?,")
WEEKDAY_LAST = regex.compile(r"[ \t\u00a0]+\p{L}{3,}[ \t\u00a0]*$", regex.MULTILINE)
WEEKDAY_END = regex.compile(r"\d[ \t\u00a0,]+\p{L}{3,}\.?$")


#: The phrases whose presence in a page says whether to read it for a platform's form, each with
#: the ASCII part of it (scan.ascii_gate) that the page's one scan looks for first: a page
#: without that part has no such phrase, and the phrase is looked for only where it has one
#: (each ``str.find`` over a non-ASCII page costs some 0.2 ms).
_PHRASES = (
    *(lead or joiner for platform in _POSTED_BY for lead, joiner in platform.flattened.posted_by),
    *(platform.flattened.sound_mark or "" for platform, _ in _SOUND_LINES),
    "Post by @",
)
_GATES = {phrase: gate for phrase in _PHRASES if (gate := ascii_gate(phrase)) is not None}
_GATE_SET = LiteralSet(sorted(set(_GATES.values())), every_page=True)


def _holds(text: str, present: frozenset[str] | None, phrase: str) -> bool:
    """``phrase in text``, answered without reading the text where the scan found no part of it
    (``present``: the gates in the page, from scan.page_literals, or None)."""
    gate = _GATES.get(phrase)
    if present is not None and gate is not None and gate not in present:
        return False
    return phrase in text


@dataclass
class _Reader:
    """One document's text, lines and what the readers share."""

    document: Document

    @cached_property
    def lines(self) -> Sequence[Line]:
        return split_lines(self.document.text, self.document.body_start)

    @cached_property
    def starts(self) -> list[int]:
        return [line.start for line in self.lines]

    @cached_property
    def script(self) -> str | None:
        # Most of an article's letters are its prose's: no need to sort out the post lines first.
        return dominant_script(self.document.text[self.document.body_start :])

    @property
    def markup(self) -> bool:
        return self.document.kind == "html"

    def line_at(self, offset: int) -> int:
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def bounds(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the line that holds ``offset``, found without splitting the text:
        in HTML no reader needs more of the lines than this."""
        return line_bounds(self.document.text, offset, self.document.body_start)

    def above(self, index: int, floor: int, *, adjacent: bool) -> list[int]:
        """Lines above line ``index`` (not above ``floor``) that read as the post's text."""
        if self.markup:
            return []
        return body_before(self.lines, index, floor, set(), self.script, adjacent=adjacent)

    def fragment(
        self, platform: str, start: int, end: int, *, handle: str | None = None, name: str | None = None,
        shown: str | None = None, text: str | None = None,
    ) -> tuple[Fragment, int, int]:
        """The fragment for a region, with the post link found inside it, if any."""
        url = post_id = None
        for match in URL.finditer(self.document.text, start, end):
            ref = parse_url(match.group().rstrip(".,;:!?"))
            if ref is not None and ref.platform == platform and ref.post_id:
                url, post_id = match.group().rstrip(".,;:!?"), ref.post_id
                break
        line, column = self.document.position(start)
        return (
            Fragment(
                kind="embed", form="flattened-text", offset=start, line=line, column=column, platform=platform,
                url=url, post_id=post_id, handle=handle, display_name=name, shown_date_text=shown, text=text,
                lang=script_lang(text) if text else None, media=tuple(media_links(text or "")),
            ),
            start,
            end,
        )


def _plain(text: str) -> str:
    """``text`` without HTML tags, Markdown link targets and emphasis, spaces collapsed."""
    return " ".join(MARKUP.sub(" ", LINK_TAIL.sub(" ", TAG.sub(" ", text))).split())


def _past_markup(text: str, position: int, end: int) -> int:
    """``position`` moved past the Markdown or HTML that closes an anchor's link."""
    while position < end:
        found = LINK_TAIL.match(text, position) or TAG.match(text, position) or MARKUP.match(text, position)
        if found is None or found.end() == position:
            break
        position = found.end()
    return position


_PAREN_AT = regex.compile(r"\(\s*@")
#: "(@" or "( @": whether to look for Instagram attributions at all (one scan, not two).
_PAREN_AT_NEAR = re.compile(r"\( ?@")
#: An Instagram attribution's phrase and name stand within this many characters before its ``(@``
#: (a phrase of at most ~40, a name of at most the platform's ``MAX_NAME_CHARS``, spacing), and its
#: handle within ``_HANDLE_REACH`` after: the phrase pattern is only tried in that window.
_ATTRIBUTION_REACH = 400
_HANDLE_REACH = 60


def _attributions(text: str, start: int, attribution: regex.Pattern[str]) -> Iterator[regex.Match[str]]:
    """A platform's attributions in order, searched only around each ``(@`` (the cheap anchor)."""
    end = start
    for hit in _PAREN_AT.finditer(text, start):
        if hit.start() < end:
            continue
        window = max(end, hit.start() - _ATTRIBUTION_REACH)
        match = attribution.search(text, window, hit.end() + _HANDLE_REACH)
        if match is not None and match.end() > end:
            end = match.end()
            yield match


def _attributed(
    reader: _Reader, platform: Platform, attribution: regex.Pattern[str]
) -> Iterator[tuple[Fragment, int, int]]:
    text = reader.document.text
    floor = 0
    for match in _attributions(text, reader.document.body_start, attribution):
        line_start, line_end = reader.bounds(match.start())
        position = _past_markup(text, match.end(), line_end)
        # The date must stand on the attribution's line: read it from that line alone.
        found = date_after(text[line_start:line_end], position - line_start, reader.document.lang)
        span = (found[0] + line_start, found[1] + line_start) if found is not None else None
        # In text the rest of the attribution's line is the embed's (the link Markdown keeps).
        end = (span[1] if span is not None else match.end()) if reader.markup else line_end
        start = match.start()
        parts: list[str] = []
        if not reader.markup:
            index = reader.line_at(match.start())
            prefix = _plain(text[line_start : match.start()])
            # A caption on the phrase's own line is a legacy layout: no prompt stands above it.
            prompt = None if prefix else _prompt_above(reader, index, floor, platform)
            if prompt is not None:
                between = list(range(prompt + 1, index))
                start = reader.lines[prompt].start
            else:
                between = reader.above(index, floor, adjacent=False)
                start = reader.lines[between[0]].start if between else line_start
            parts = [_plain(reader.lines[i].text) for i in between] + [prefix]
            floor = index + 1
        yield reader.fragment(
            platform.name, _skip_space(text, start), end, handle=match["handle"],
            name=_plain(match["name"]) or None, shown=text[span[0] : span[1]] if span else None,
            text=clean_lines("\n".join(parts)),
        )


def _prompt_above(reader: _Reader, index: int, floor: int, platform: Platform) -> int | None:
    """The line of the "View this post on Instagram" prompt (``Flattened.view_prompt``) above line
    ``index``, if any."""
    attribution, prompt = platform.flattened.attribution, platform.flattened.view_prompt
    if prompt is None or attribution is None:
        return None
    size = 0
    for above in range(index - 1, floor - 1, -1):
        raw = reader.lines[above].text
        size += len(raw)
        if size > MAX_CAPTION_CHARS or attribution.search(raw):
            return None
        if (plain := _plain(raw)) and prompt.fullmatch(plain):
            return above
    return None


def _skip_space(text: str, offset: int) -> int:
    while offset < len(text) and text[offset] in " \t":
        offset += 1
    return offset


def _weekday_date(text: str, start: int, line_end: int, lang: str | None) -> int | None:
    """The end of a date with its weekday at ``start`` (``Monday, September 12, 2016``, or
    ``9 Ocak 2017 Pazartesi``), or None: Facebook always writes the weekday, a byline does not."""
    found = match_date(text, start, lang)
    if found is None:
        return None
    if WEEKDAY_FIRST.match(text, start) or WEEKDAY_END.search(text, start, found[1]):
        return found[1]
    after = WEEKDAY_LAST.match(text, found[1], line_end)
    return after.end() if after is not None else None


def _posted_by(reader: _Reader, platform: Platform) -> Iterator[tuple[Fragment, int, int]]:
    text = reader.document.text
    lang = reader.document.lang
    seen: set[int] = set()
    for lead, joiner in platform.flattened.posted_by:
        joining = regex.compile(rf"{_SPACE}+{regex.escape(joiner)}{_SPACE}+")
        if lead:
            starts = ((m.start(), m.end()) for m in regex.finditer(
                rf"\b{regex.escape(lead)}{_SPACE}+", text, pos=reader.document.body_start))
        else:
            starts = ((reader.bounds(m.start())[0],) * 2 for m in joining.finditer(text, reader.document.body_start))
        for start, name_start in starts:
            if start in seen:
                continue
            seen.add(start)
            line_start, line_end = reader.bounds(start)
            for join in joining.finditer(text, name_start, min(line_end, name_start + MAX_NAME_CHARS + 20)):
                name = _plain(text[name_start : join.start()])
                date_end = _weekday_date(text, join.end(), line_end, lang)
                if not name or len(name) > MAX_NAME_CHARS or date_end is None:
                    continue
                prefix = _plain(text[line_start:start]) if lead else ""
                taken = [] if prefix or reader.markup else reader.above(reader.line_at(start), 0, adjacent=True)
                first = reader.lines[taken[0]].start if taken else start
                parts = [_plain(reader.lines[i].text) for i in taken] + [prefix]
                if prefix and not reader.markup:
                    first = line_start
                yield reader.fragment(
                    platform.name, _skip_space(text, first), date_end, name=name,
                    shown=text[_skip_space(text, join.end()) : date_end],
                    text=None if reader.markup else clean_lines("\n".join(parts)),
                )
                break


def _sound_marked(
    reader: _Reader, platform: Platform, pattern: regex.Pattern[str]
) -> Iterator[tuple[Fragment, int, int]]:
    text = reader.document.text
    for match in pattern.finditer(text, reader.document.body_start):
        caption = None if reader.markup else clean_lines(_plain(match["caption"]))
        yield reader.fragment(
            platform.name, match.start("handle") - 1, match.end(), handle=match["handle"], text=caption,
        )


def _post_by(reader: _Reader) -> Iterator[tuple[Fragment, int, int]]:
    text = reader.document.text
    for match in POST_BY.finditer(text, reader.document.body_start):
        platform = POST_BY_SITES[match["site"]]
        end = text.find("\n", match.end())
        found = reader.fragment(platform.name, match.start(), len(text) if end == -1 else end, handle=match["handle"])
        fragment = found[0]
        server = match["server"]
        if server and platform.any_host:
            # A post on its own server links with the bare user; elsewhere with USER@SERVER.
            ref = parse_url(fragment.url) if fragment.url else None
            if ref is None or ref.handle != match["handle"]:
                fragment = replace(fragment, handle=f"{match['handle']}@{server.lower()}")
        yield fragment, found[1], found[2]


def find_phrases(document: Document) -> Iterator[tuple[Fragment, int, int]]:
    """Every phrase-anchored flattened embed in ``document``, with the (start, end) span it covers."""
    reader = _Reader(document)
    text = document.text
    found: list[tuple[Fragment, int, int]] = []
    if _PAREN_AT_NEAR.search(text):
        for platform, attribution in _ATTRIBUTED:
            found.extend(_attributed(reader, platform, attribution))
    # A plain-text article is read without loading the scan's compiled dependency (nor is it a
    # page of markup, some hundred thousand characters long).
    present = page_literals(_GATE_SET, text) if document.kind in ("html", "markdown") else None
    for platform in _POSTED_BY:
        if any(_holds(text, present, lead or joiner) for lead, joiner in platform.flattened.posted_by):
            found.extend(_posted_by(reader, platform))
    for platform, pattern in _SOUND_LINES:
        if _holds(text, present, platform.flattened.sound_mark or ""):
            found.extend(_sound_marked(reader, platform, pattern))
    if POST_BY_SITES and _holds(text, present, "Post by @"):
        found.extend(_post_by(reader))
    found.sort(key=lambda item: item[1])
    yield from found
