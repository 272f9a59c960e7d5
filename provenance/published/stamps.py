"""Date stamps as pages and front matter write them, and the record of what an article states."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
#: Zone abbreviations news sites write after a time of day: a region's zone (its offset then
#: follows the date's daylight saving time) or a fixed offset in hours. Only these are read:
#: most other abbreviations name several zones ("IST" is India's, Ireland's and Israel's).
ZONES: dict[str, str | float] = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles",
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2, "EET": 2, "EEST": 3,
}


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
    r"(?:\s*(?P<half>[ap])\.?\s?m\b\.?)?"
    r"\s*(?P<z>Z|[+-]\d{2}(?::?\d{2})?|(?-i:[A-Z]{2,4})\b)?)?(?!\d)",
    re.IGNORECASE,
)
#: A 12-hour clock: RFC 2822's lenient parser would drop the "PM" and read 9:30 PM as 9:30.
_HALF_DAY = re.compile(r"\d\s*[ap]\.?\s?m\b", re.IGNORECASE)


def named_zone(name: str | None) -> tzinfo | None:
    """The zone a news site means by an abbreviation (``ET``, ``PDT``, ``CEST`` …), or None."""
    value = ZONES.get(name or "")
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return ZoneInfo(value)
        except ZoneInfoNotFoundError:  # a system without the time zone database: the time stays local
            return None
    return UTC if value == 0 else timezone(timedelta(hours=value))


def _zone(text: str | None) -> tzinfo | None:
    if text is None:
        return None
    if text.upper() == "Z":
        return UTC
    if text[0] not in "+-":
        return named_zone(text.upper())
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
            hour = int(match["H"])
            if match["half"]:
                if not 1 <= hour <= 12:
                    raise ValueError("not a 12-hour clock")
                hour = hour % 12 + (12 if match["half"].lower() == "p" else 0)
            moment = datetime(
                day.year, day.month, day.day, hour, int(match["M"]),
                int(match["S"] or 0), fraction, tzinfo=_zone(match["z"]),
            )
        except ValueError:
            # A broken time of day does not void the day it is attached to.
            return ArticleDate(day, source)
        return ArticleDate(day, source, moment)
    if not value.strip()[:1].isalpha() or _HALF_DAY.search(value):
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


