"""Update notes an article writes in its own text: "Update July 3rd, 8:05AM ET: Added a tweet."

Newsrooms say in the story when they change it, and an embed added in an update is no sign of a
wrong publication date. Metadata often misses such updates (a page whose ``dateModified`` equals
its publication time), so the text is read too.

A note is a lead word ("Update", "Updated", "Aktualisiert", "Mise à jour", "Actualización" …,
:data:`LEADS`) that starts a line or a paragraph (markup, an opening bracket or an asterisk may
stand before it), followed within a few characters by a date in the article's language. A date
without a year takes the year that puts it on or after the publication day; a note dated before
the publication is no update. A time of day next to the date is kept, with its zone when the
note names one (``ET``, ``PDT``, ``GMT``, ``CEST`` …, :data:`ZONES`); otherwise the note gives the
day only. The latest note is the article's modified date when it is certainly later than the one the
metadata names (a note that gives only the day of a modified stamp leaves the stamp).
"""

from __future__ import annotations

import html
from datetime import date, datetime, time
from functools import cache

import regex

from provenance import caches
from provenance.dates import find_dates
from provenance.dates._spans import longest_word
from provenance.model import ArticleDate, TextDate
from provenance.published.evidence import UPDATE_NOTE
from provenance.published.stamps import ZONES, named_zone

__all__ = ["LEADS", "ZONES", "later_of", "latest_update", "written_moment"]

#: Words that open an update note, by language (compared case-insensitively). English leads
#: are looked for on every page: sites write "Update:" in many languages.
LEADS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": ("update", "updated", "last updated"),
    "de": ("aktualisiert", "aktualisierung", "nachtrag"),
    "fr": ("mise à jour", "mis à jour", "actualisé", "actualisée"),
    "es": ("actualización", "actualizado", "actualizada"),
    "it": ("aggiornamento", "aggiornato"),
    "pt": ("atualização", "atualizado", "atualizada"),
    "el": ("ενημέρωση",),
    "tr": ("güncelleme", "güncellendi"),
}
LEADS = tuple(lead for leads in LEADS_BY_LANGUAGE.values() for lead in leads)
#: How far past the lead word a note's date may start, and how much text after it is read.
MAX_DATE_START = 40
WINDOW_CHARS = 160
SOURCE = "text:update-note"
#: How far before a lead word the start of its line, element or bracket is looked for.
LOOK_BACK_CHARS = 200

_NOTE = regex.compile(
    r"(?:^|(?<=[>\[(*]))[ \t]*(?:<[a-z][^<>]*>[ \t]*)*(?P<lead>"
    + "|".join(regex.escape(lead).replace(r"\ ", r"\s+") for lead in sorted(LEADS, key=len, reverse=True))
    + r")\b",
    regex.IGNORECASE | regex.MULTILINE,
)
_TAG = regex.compile(r"<[^<>]*>")
#: Where a note ends at the latest: the end of its line or of its block.
_NOTE_END = regex.compile(r"\n|</?(?:p|div|li|h[1-6]|td|th|section|article|blockquote)\b|<br\b", regex.IGNORECASE)
_TIME = regex.compile(
    r"(?<![\d:.])(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?![\d:]|\.\d)"
    r"(?:\s*(?P<half>[ap])\.?\s?m\b\.?)?(?:\s*Uhr)?(?:\s+(?-i:(?P<zone>[A-Z]{2,4}))\b)?",
    regex.IGNORECASE,
)


def latest_update(text: str, start: int, published: ArticleDate | None, lang: str | None) -> ArticleDate | None:
    """The latest update note in ``text`` from ``start`` on, dated on or after ``published``."""
    if published is None:
        return None
    latest: ArticleDate | None = None
    for note in _notes(text, start, lang):
        found = _read_note(text[note.end() : note.end() + WINDOW_CHARS], published.day, lang)
        if found is not None and (latest is None or _later(found, latest)):
            latest = found
    return latest


def _notes(text: str, start: int, lang: str | None) -> list[regex.Match[str]]:
    """The lead words of notes in ``text`` from ``start`` on, in order: each stem found, then
    the note pattern tried from where the line, the element or the bracket before it begins."""
    found: dict[int, regex.Match[str]] = {}
    for stem in _stems_for(lang):
        for hit in _stem_pattern(stem).finditer(text, start):
            floor = max(start, hit.start() - LOOK_BACK_CHARS)
            begin = max(text.rfind(mark, floor, hit.start()) for mark in ">\n[(*")
            note = _NOTE.match(text, begin + 1) if begin != -1 else _NOTE.match(text, start) if floor == start else None
            if note is not None and note.start("lead") <= hit.start() < note.end():
                found[note.start("lead")] = note
    return [found[position] for position in sorted(found)]


@caches.register
@cache
def _stems_for(lang: str | None) -> tuple[str, ...]:
    """What the scan for notes on a page in ``lang`` looks for: the longest word of each lead
    of English and of the language (of every language when the page names none), less the
    words that hold another. A scan for a literal is many times cheaper than one for the
    alternation of leads, and a word holds no space, which the note pattern lets be any run of
    spaces ("Mise à jour" with a non-breaking space)."""
    code = (lang or "").split("-")[0].lower()
    if not code:
        codes = list(LEADS_BY_LANGUAGE)
    elif code in LEADS_BY_LANGUAGE:
        codes = ["en", code]
    else:
        codes = ["en"]
    words = {longest_word(lead).lower() for each in codes for lead in LEADS_BY_LANGUAGE[each]}
    return tuple(sorted(word for word in words if not any(other in word for other in words - {word})))


@caches.register
@cache
def _stem_pattern(stem: str) -> regex.Pattern[str]:
    return regex.compile(regex.escape(stem), regex.IGNORECASE)


def later_of(first: ArticleDate | None, second: ArticleDate | None) -> ArticleDate | None:
    """The later of two modified dates: the second only when it is certainly later."""
    if first is None or second is None:
        return first or second
    if _same_clock(first, second):
        return first  # one stamp, written twice: pages label the zone of the shown one loosely
    return second if _later(second, first) else first


def _same_clock(first: ArticleDate, second: ArticleDate) -> bool:
    """Whether two dates show the same day, hour and minute on their own clocks."""
    a, b = first.moment, second.moment
    return a is not None and b is not None and (a.date(), a.hour, a.minute) == (b.date(), b.hour, b.minute)


def _read_note(window: str, published: date, lang: str | None) -> ArticleDate | None:
    """The date (and time) a note states right after its lead word, if any."""
    stop = _NOTE_END.search(window)
    plain = html.unescape(_TAG.sub(" ", window[: stop.start()] if stop is not None else window))
    found = written_moment(plain, lang, published)
    if found is None:
        return None
    written, moment = found
    if written.day is None or written.offset > MAX_DATE_START or written.day < published:
        return None
    return UPDATE_NOTE.tag(ArticleDate(written.day, SOURCE, moment))


def written_moment(
    plain: str, lang: str | None, reference: date | None = None
) -> tuple[TextDate, datetime | None] | None:
    """The first absolute date written in ``plain`` text and the time of day written next to it
    (before it or within a few characters after it), with the zone it names, if any."""
    # Times are blanked before the date is read: "July 6, 10:00" is no year 10.
    dateless = _TIME.sub(lambda clock: " " * len(clock.group()), plain)
    written = next((d for d in find_dates(dateless, lang, reference) if d.kind == "absolute"), None)
    if written is None or written.day is None:
        return None
    end = written.offset + len(written.text)
    clocks = _TIME.finditer(plain, 0, end + MAX_DATE_START)
    clock = next((t for t in clocks if not written.offset <= t.start() < end), None)
    return written, _moment(written.day, clock) if clock is not None else None


def _moment(day: date, clock: regex.Match[str]) -> datetime | None:
    hour, minute = int(clock["hour"]), int(clock["minute"])
    if clock["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if clock["half"].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    zone = named_zone(clock["zone"])
    moment = datetime.combine(day, time(hour, minute))
    return moment.replace(tzinfo=zone) if zone is not None else moment


def _later(first: ArticleDate, second: ArticleDate) -> bool:
    """Whether ``first`` is certainly later than ``second``: a day-only note does not replace a
    precise time on that same day ("Update: On December 10, …" against a modified stamp of that day)."""
    return first.span().earliest > second.span().latest
