"""The page's own UTC offset: a date stamped in UTC, or a day-only one, read at the offset the page
writes its own times with, so that a US evening article keeps its day."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from provenance.model import ArticleDate
from provenance.published.stamps import parse_stamp

__all__ = [
    "SAME_INSTANT",
    "SAME_INSTANT_MAX_STAMPS",
    "at_page_offset",
    "at_shown_offset",
    "local_day",
    "may_show_another_day",
]

#: Two stamps name the same instant when they are this close (stamps are often cut to the minute).
SAME_INSTANT = timedelta(minutes=1)
DAY = timedelta(days=1)
#: How many ISO stamps of each candidate day the page scan reads at most: a page writes its own
#: stamp a few times, and a page of a hundred thousand stamps must stay cheap.
SAME_INSTANT_MAX_STAMPS = 200
#: The separators between an ISO stamp's day and time, in the order their stamps are read.
_SEPARATORS = ("T", " ")
#: UTC offsets in use run from -12:00 to +14:00, in steps of a quarter of an hour (+05:45, +08:45).
EARLIEST_OFFSET, LATEST_OFFSET, OFFSET_STEP = timedelta(hours=-12), timedelta(hours=14), timedelta(minutes=15)
#: How far a byline's time of day may stand after its day of the month (a year, a month's name,
#: a tag or two: ``3 de mayo de 2022</span> <span>22:41``).
_DAY_TO_TIME_CHARS = 80
#: A tag that labels the stamp in it as the page's publication (HTML's ``pubdate``, microdata).
_PUBLICATION_TAG = re.compile(r"\bpubdate\b|datepublished|article:published", re.IGNORECASE)
#: An opening tag's attributes around a stamp fit in this many characters.
_TAG_REACH = 1000


def at_page_offset(stamp: ArticleDate | None, others: list[ArticleDate], page: str) -> ArticleDate | None:
    """``stamp`` read at the page's own UTC offset when it is given in UTC and the page states a
    local offset: the same instant, on the page's calendar day (a US evening article stamped
    ``…T01:30:00Z`` was published the day before, its byline says ``…T20:30:00-05:00``). The
    offset is that of a stamp naming the same instant (among the dates found, then anywhere in the
    page), else of the page's own date stamp nearest in time."""
    moment = stamp.moment if stamp is not None else None
    if stamp is None or moment is None or moment.utcoffset() != timedelta(0):
        return stamp
    local = [o for o in others if o.moment is not None and o.moment.utcoffset() not in (None, timedelta(0))]
    instant = stamp.span().earliest
    same = [o for o in local if abs(o.span().earliest - instant) < SAME_INSTANT] or _same_instant_in(page, moment)
    pool = same or local
    if not pool:
        return stamp
    nearest = min(pool, key=lambda other: abs(other.span().earliest - instant))
    zone = nearest.moment.tzinfo if nearest.moment is not None else None
    if zone is None:
        return stamp
    shifted = moment.astimezone(zone)
    offset = shifted.isoformat()[-6:]
    return replace(stamp, day=shifted.date(), moment=shifted, evidence=f"{stamp.basis}, at the page's offset {offset}")


def may_show_another_day(stamp: ArticleDate, page: str) -> bool:
    """Whether ``page`` writes a day of the month and, shortly after it, a time of day (``3/5/2022
    22:41``, ``3. Mai, 10.41``) that ``stamp``'s UTC instant has at some UTC offset on another
    calendar day: a cheap test before the byline is read."""
    if stamp.moment is None:
        return False
    instant = stamp.moment.astimezone(UTC)
    times: dict[int, set[str]] = {}
    minutes: set[str] = set()
    for steps in range(EARLIEST_OFFSET // OFFSET_STEP, LATEST_OFFSET // OFFSET_STEP + 1):
        local = instant + steps * OFFSET_STEP
        if local.date() != instant.date():
            hours = {f"{local.hour}", f"{local.hour:02d}", f"{local.hour % 12 or 12}"}
            times.setdefault(local.day, set()).update(f"{hour}:{local.minute:02d}" for hour in hours)
            minutes.add(f"{local.minute:02d}")
    if not times:
        return False
    shapes = _times_of_day(page, minutes)
    for day, shown in times.items():
        day_before = re.compile(rf"(?<!\d)0?{day}(?!\d)")
        end = 0  # the times one regex of the day's times finds: one at a time, never overlapping
        for start, stop, written in shapes:
            if start >= end and written in shown:
                end = stop
                if day_before.search(page, max(0, start - _DAY_TO_TIME_CHARS), start):
                    return True
    return False


def _times_of_day(page: str, minutes: set[str]) -> list[tuple[int, int, str]]:
    """Every place ``page`` writes a time of day with one of ``minutes`` (``22:41``, ``10.41``,
    ``7h41``), overlapping ones included, as (start, end, ``H:MM`` as written with a colon): one
    pass over the page for the minutes, the hour read back from each."""
    found: list[tuple[int, int, str]] = []
    for match in re.finditer(rf"[:.h](?:{'|'.join(sorted(minutes))})(?!\d)", page):
        at = match.start()
        for width in (2, 1):
            start = at - width
            hour = page[start:at]
            if start >= 0 and hour.isascii() and hour.isdecimal() and (start == 0 or not page[start - 1].isdecimal()):
                found.append((start, match.end(), f"{hour}:{match.group()[1:]}"))
    found.sort()
    return found


def at_shown_offset(stamp: ArticleDate, shown: ArticleDate | None) -> ArticleDate:
    """``stamp``, given in UTC, on the calendar day of the offset a byline ``shown`` without an
    offset implies: when the byline's wall time is the same instant at a UTC offset in use (a
    Bolivian byline ``3/5/2022 22:41`` of the JSON-LD's ``Wed, 04 May 2022 02:41:00 GMT``)."""
    if stamp.moment is None or shown is None or shown.moment is None or shown.moment.tzinfo is not None:
        return stamp
    instant = stamp.moment.astimezone(UTC).replace(tzinfo=None)
    if shown.moment.second == 0:
        instant = instant.replace(second=0, microsecond=0)  # bylines show minutes
    offset = shown.moment - instant
    if not offset or offset % OFFSET_STEP or not EARLIEST_OFFSET <= offset <= LATEST_OFFSET:
        return stamp
    moment = stamp.moment.astimezone(timezone(offset))
    if moment.date() == stamp.day:
        return stamp
    written = moment.isoformat()[-6:]
    return replace(stamp, day=moment.date(), moment=moment,
                   evidence=f"{stamp.basis}, at the offset {written} its byline shows")


def local_day(stamp: ArticleDate, published: list[ArticleDate], page: str) -> ArticleDate:
    """A day-only metadata stamp, or the local day of the page's publication stamps on that UTC
    day: CMSs write the UTC day (``sailthru.date`` 2014-06-30) of a time the page states at its own
    offset (``<time datetime="2014-06-29 20:08:00-0400" pubdate>``). Only stamps the page labels as
    its publication count (the dates found, or a tag with ``pubdate`` or ``datePublished`` around
    the stamp): a teaser's or a comment's time would move the article a day earlier. Only when
    every such stamp names the same other day."""
    start = datetime.combine(stamp.day, datetime.min.time(), UTC)
    scanned = _same_instant_in(page, start + timedelta(hours=12), DAY, labelled=True)
    local = [
        o.moment for o in (*published, *scanned)
        if o.moment is not None and o.moment.utcoffset() not in (None, timedelta(0))
        and start <= o.moment < start + DAY
    ]
    days = {moment.date() for moment in local}
    if len(days) != 1 or (day := days.pop()) == stamp.day:
        return stamp
    offset = local[0].isoformat()[-6:]
    return replace(stamp, day=day, evidence=f"{stamp.basis}, a UTC day, at the page's offset {offset}")


def _same_instant_in(
    page: str, moment: datetime, within: timedelta = SAME_INSTANT, *, labelled: bool = False
) -> list[ArticleDate]:
    """ISO stamps in ``page`` with a local offset that name ``moment``'s instant, give or take
    ``within`` (``T`` or a space between day and time: ``2015-04-06 23:42:00-0400``); with
    ``labelled``, only those in a tag that labels them the publication."""
    found: list[ArticleDate] = []
    for shift in (-1, 0, 1):
        day = (moment.date() + timedelta(days=shift)).isoformat()
        for separator in _SEPARATORS:
            for at in _literal_places(page, day + separator):
                stamp = parse_stamp(page[at : at + 40], "html:page")
                if (
                    stamp is not None and stamp.moment is not None
                    and stamp.moment.utcoffset() not in (None, timedelta(0))
                    and abs(stamp.span().earliest - moment) < within
                    and (not labelled or _PUBLICATION_TAG.search(_tag_around(page, at)) is not None)
                ):
                    found.append(stamp)
    return found


def _literal_places(page: str, literal: str) -> list[int]:
    """The first ``SAME_INSTANT_MAX_STAMPS`` places of ``literal`` in ``page``."""
    places: list[int] = []
    at = page.find(literal)
    while at != -1 and len(places) < SAME_INSTANT_MAX_STAMPS:
        places.append(at)
        at = page.find(literal, at + 1)
    return places


def _tag_around(page: str, at: int) -> str:
    """The tag whose attribute holds the character at ``at`` (empty when it stands in text)."""
    start = page.rfind("<", max(0, at - _TAG_REACH), at)
    if start == -1 or page.find(">", start, at) != -1:
        return ""
    end = page.find(">", at, at + _TAG_REACH)
    return page[start : end if end != -1 else at]
