"""Rendered post cards copied or scraped to text: name, ``@handle``, text, time and date, a line each.

What a journalist gets copying a post from the platform's web page, and what a scraper keeps of
a rendered embed, is the card's items one a line::

    Display Name
    @handle
    The post's text, on one line or several
    3:15 PM · Jun 7, 2019

The name and the handle may share a line (``Display Name @handle``), a ``·`` or ``Follow`` may
stand after the handle, and counters or the client's name may follow the date
(``3:15 PM · Jun 7, 2019 · Twitter for iPhone``). The anchor is the line of the time and the date
joined by a dot, bullet or dash, in any language the date reader knows (``15:15 · 7. Juni 2019``,
``午後3:15 · 2019年6月7日``); above it, within :data:`MAX_CARD_LINES` lines, must stand a line that
ends with the handle, in the shape a platform's ``card-text`` form declares (X: ``@`` and one to
fifteen letters, digits or underscores). The lines between are the post's text.

The date is the one the copier's screen showed, in the copier's time zone, so it may be a day
off the post's UTC day (the form is declared ``local_date``). The time of day stays in the
card's text but not in the shown date, since its zone is unknown.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from provenance.dates import match_date
from provenance.extract.evidence import media_links, script_lang
from provenance.extract.textlines import MAX_POST_CHARS
from provenance.model import Document, Fragment
from provenance.platforms import PLATFORMS
from provenance.platforms.forms import EmbedForm

__all__ = ["CARD_FORM", "find_cards"]

CARD_FORM = "card-text"
#: The most lines a card's text takes between the handle and the stamp. Posts of 280 characters
#: wrap to a few lines; the bound keeps an unrelated "@name" far above from being taken.
MAX_CARD_LINES = 30
#: The stamp line: a time of day, a separator, then (checked by the date reader) a date.
STAMP = regex.compile(
    r"^[ \t]*(?:(?:午前|午後|오전|오후)[ \t]?)?\d{1,2}[:.]\d{2}"
    r"(?:[ \t]?[AaPp]\.?[ \t]?[Mm]\.?)?(?:[ \t]?(?:午前|午後))?"
    r"[ \t\u00a0]+[·•∙‧|\-–—][ \t\u00a0]+",
    regex.MULTILINE,
)
#: What may follow the date on its line: the client's name, view counts, after another separator.
_AFTER_DATE = regex.compile(r"[ \t\u00a0]*(?:$|[·•∙‧|]|\s-\s)", regex.MULTILINE)
#: Interface words a copy keeps between the handle and the text.
_CHROME = regex.compile(r"[·•]?[ \t]*(?:Follow|Following|Folgen|Suivre|Seguir|Segui|Volgen)?[ \t]*", regex.IGNORECASE)
#: The most characters a display name takes on a line of its own.
MAX_NAME_CHARS = 60


def _card_forms() -> list[tuple[str, regex.Pattern[str]]]:
    forms: list[tuple[str, regex.Pattern[str]]] = []
    for name, platform in PLATFORMS.items():
        for form in platform.forms:
            if form.kind == "card-text":
                forms.append((name, _handle_line(form)))
    return forms


def _handle_line(form: EmbedForm) -> regex.Pattern[str]:
    """A line that ends with the handle (after the name, or alone), maybe then "· Follow"."""
    return regex.compile(
        r"^(?P<name>.*?)[ \t]*(?<![\w@.])(?P<handle>" + form.marker + r")(?![\w.])[ \t]*"
        r"(?:[·•][ \t]*(?:Follow|Following|Folgen|Suivre|Seguir|Segui|Volgen)?)?[ \t]*$",
        regex.IGNORECASE,
    )


_FORMS = _card_forms()


def _lines_above(text: str, position: int, floor: int) -> list[tuple[int, str]]:
    """The (start, text) of up to ``MAX_CARD_LINES`` + 1 lines above the line at ``position``, nearest first."""
    lines: list[tuple[int, str]] = []
    end = position - 1  # the newline before the stamp line
    while end > floor and len(lines) <= MAX_CARD_LINES:
        start = max(text.rfind("\n", floor, end) + 1, floor)
        lines.append((start, text[start:end]))
        end = start - 1
    return lines


def find_cards(document: Document) -> Iterator[Fragment]:
    """Every copied or scraped post card in ``document``'s text (plain text and Markdown)."""
    if document.kind == "html" or not _FORMS:
        return
    text = document.text
    floor = document.body_start
    for stamp in STAMP.finditer(text, floor):
        found = match_date(text, stamp.end(), document.lang)
        if found is None or not _AFTER_DATE.match(text, found[1]):
            continue
        line_start = stamp.start()
        card = _card(text, line_start, floor)
        if card is None:
            continue
        platform, first, handle, name, body = card
        floor = found[1]  # a later stamp's card starts after this one
        line, column = document.position(first)
        joined = "\n".join(body) or None
        yield Fragment(
            kind="embed", form=CARD_FORM, offset=first, line=line, column=column, platform=platform,
            handle=handle, display_name=name, shown_date_text=text[stamp.end() : found[1]].strip(),
            text=joined, lang=script_lang(joined) if joined else None, media=tuple(media_links(joined or "")),
        )


def _card(text: str, stamp_line: int, floor: int) -> tuple[str, int, str, str | None, list[str]] | None:
    """(platform, where the card starts, handle, display name, text lines) above a stamp line."""
    above = _lines_above(text, stamp_line, floor)
    size = 0
    for index, (start, line) in enumerate(above):
        stripped = line.strip()
        for platform, pattern in _FORMS:
            match = pattern.match(stripped)
            if match is None:
                continue
            handle = match.group("handle").lstrip("@")
            name = match.group("name").strip() or None
            first = start
            if name is None and index + 1 < len(above):
                candidate_start, candidate = above[index + 1]
                if 0 < len(candidate.strip()) <= MAX_NAME_CHARS and "@" not in candidate:
                    name, first = candidate.strip(), candidate_start
            body = [item.strip() for _, item in reversed(above[:index]) if item.strip()]
            body = [item for item in body if not _CHROME.fullmatch(item)]
            lead = text[first : first + MAX_NAME_CHARS]
            return platform, first + len(lead) - len(lead.lstrip()), handle, name, body
        size += len(stripped)
        if size > MAX_POST_CHARS or STAMP.match(text, start):
            return None
    return None
