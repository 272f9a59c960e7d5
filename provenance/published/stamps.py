"""Date stamps as pages and front matter write them, and the record of what an article states."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from provenance.model import ArticleDate

#: Earlier "dates" are CMS placeholders (0000-00-00, the 1970 epoch): the web of articles
#: with embeds begins in the mid-1990s, as htmldate also assumes.
EARLIEST_DAY = date(1995, 1, 1)
#: Fixed far-future bound so that results never depend on the day of the run.
LATEST_DAY = date(2100, 1, 1)
#: htmldate's text heuristics cost time with page size; a page's own date sits in its head
#: or first screen, and this covers every labelled corpus page (largest: 854 KB).
HTMLDATE_MAX_CHARS = 1_000_000
#: The metadata scans and the whole-page parse read no further than this, for the same reason.
HTML_SCAN_MAX_CHARS = 2_000_000
#: Front matter longer than this is not front matter but a runaway fence.
FRONT_MATTER_MAX_CHARS = 64 * 1024
#: JSON-LD is walked breadth-first only this deep and over this many nodes: article nodes sit
#: at depth 0–2 (top level, ``@graph``, ``mainEntity``), and a hostile page must stay cheap.
JSON_LD_MAX_DEPTH = 4
JSON_LD_MAX_NODES = 5_000
#: A byline is short; longer ``<time>`` text is not a date line.
BYLINE_MAX_CHARS = 80


@dataclass(frozen=True)
class ArticleDates:
    """The dates and language an article states for itself, and where its body starts."""

    published: ArticleDate | None
    modified: ArticleDate | None
    lang: str | None
    body_start: int
    front_matter: tuple[tuple[str, str], ...]


# ---------------------------------------------------------------- stamps


_ISO = re.compile(
    r"\s*(?P<y>\d{4})(?P<sep>[-/])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?:(?:[T@]|\s+)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?"
    r"\s*(?P<z>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)",
    re.IGNORECASE,
)


def _zone(text: str | None) -> timezone | None:
    if text is None:
        return None
    if text.upper() in ("Z", "UTC", "GMT"):
        return UTC
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:4] or "0")
    if minutes >= 24 * 60:
        raise ValueError("offset out of range")
    return timezone(timedelta(minutes=-minutes if text[0] == "-" else minutes))


def _plausible(day: date) -> bool:
    return EARLIEST_DAY <= day < LATEST_DAY


def parse_stamp(value: str, source: str) -> ArticleDate | None:
    """An ISO 8601 or RFC 2822 date (with time and zone when given), or None."""
    match = _ISO.match(value)
    if match is not None:
        try:
            day = date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            return None
        if not _plausible(day):
            return None
        if match["H"] is None:
            return ArticleDate(day, source)
        try:
            fraction = int((match["f"] or "0")[:6].ljust(6, "0"))
            moment = datetime(
                day.year, day.month, day.day, int(match["H"]), int(match["M"]),
                int(match["S"] or 0), fraction, tzinfo=_zone(match["z"]),
            )
        except ValueError:
            # A broken time of day does not void the day it is attached to.
            return ArticleDate(day, source)
        return ArticleDate(day, source, moment)
    if not value.strip()[:1].isalpha():
        return None
    import email.utils  # noqa: PLC0415 - a few percent of a short check, for a date few pages write so

    try:
        moment = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return ArticleDate(moment.date(), source, moment) if _plausible(moment.date()) else None


def _from_value(value: object, source: str) -> ArticleDate | None:
    """A date from a parsed YAML or TOML value: datetime, date or string."""
    if isinstance(value, datetime):
        return ArticleDate(value.date(), source, value) if _plausible(value.date()) else None
    if isinstance(value, date):
        return ArticleDate(value, source) if _plausible(value) else None
    if isinstance(value, str):
        return parse_stamp(value, source)
    return None


_LANG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*")


def normalize_lang(value: str | None) -> str | None:
    """A BCP-47-like lower-case tag (``en_US`` → ``en-us``), or None when ``value`` is none."""
    if not value:
        return None
    tag = value.split(",")[0].strip().replace("_", "-").lower()
    return tag if _LANG.fullmatch(tag) else None


