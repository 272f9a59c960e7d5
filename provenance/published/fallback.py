"""htmldate as the last resort for an article's date, and how far its answer can be trusted."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import regex
from lxml import etree

from provenance.htmltree import parse_html
from provenance.model import ArticleDate
from provenance.published.evidence import HTMLDATE, HTMLDATE_TEXT
from provenance.published.furniture import without_furniture
from provenance.published.stamps import EARLIEST_DAY, HTMLDATE_MAX_CHARS, LATEST_DAY, parse_stamp

__all__ = ["HTMLDATE_SETTINGS", "htmldate_day"]

#: How htmldate is asked, as one would use it alone: the original (first-published) date, with
#: its text search, within fixed bounds so that the answer never depends on the day of the run.
HTMLDATE_SETTINGS: dict[str, Any] = {
    "extensive_search": True,
    "original_date": True,
    "outputformat": "%Y-%m-%d",
    "min_date": datetime.combine(EARLIEST_DAY, datetime.min.time()),
    "max_date": datetime.combine(LATEST_DAY, datetime.min.time()),
}

#: A copyright line, for telling htmldate's year-only fallback (1 January of that year) apart:
#: its marker, then the years written within a few characters (``© 2009–2019 Example``).
_COPYRIGHT = regex.compile(
    r"(?:©|&copy;|&#169;|&#xa9;|\bcopyright\b|\(c\)|copyrightYear)[^<]{0,40}", regex.IGNORECASE
)
_YEAR = regex.compile(r"(?<!\d)\d{4}(?!\d)")


def htmldate_day(text: str, page: etree._Element | None = None) -> ArticleDate | None:
    """htmldate's original date for the page, with the evidence it rests on.

    htmldate is asked as it is used alone (extensive search, original date). Its answer is
    ``probable`` when htmldate's markup stages find the same day again on the page without its
    furniture; otherwise it came from the text search over the whole page or from the site's
    header, navigation or footer, and is ``weak``. Two answers are no date at all: 1 January of
    a year a copyright line names (the site's year), and a weak answer on the first of a month,
    which is how htmldate writes a month or a year it found without a day (``/2018/08/`` in a
    URL, "© 2019", "1996" in an archive's banner).
    ``page`` is the page already parsed, if any: it is emptied of its furniture here.
    """
    from htmldate import find_date  # noqa: PLC0415 - 0.15 s to import, needed only as a fallback

    sample = text[:HTMLDATE_MAX_CHARS].lstrip()
    if sample.startswith("http") and " " not in sample:
        return None  # htmldate would take the text for a URL and download it.
    options = {key: value for key, value in HTMLDATE_SETTINGS.items() if key != "extensive_search"}
    try:
        found = find_date(sample, extensive_search=True, **options)
    except Exception:  # a heuristic fallback must never abort loading a page
        return None
    stamp = parse_stamp(found, "htmldate") if isinstance(found, str) else None
    if stamp is None:
        return None
    if (stamp.day.month, stamp.day.day) == (1, 1) and _copyright_year(sample, stamp.day.year):
        return None
    try:
        whole = page if page is not None and len(text) <= HTMLDATE_MAX_CHARS else parse_html(sample, comments=False)
        again = find_date(without_furniture(whole) if whole is not None else sample, extensive_search=False, **options)
    except Exception:  # as above
        again = None
    if again == found:
        return HTMLDATE.tag(stamp)
    if stamp.day.day == 1:
        return None
    return HTMLDATE_TEXT.tag(replace(stamp, source="htmldate:text"))


def _copyright_year(markup: str, year: int) -> bool:
    """Whether a copyright line of ``markup`` names ``year`` (``© 2009–2019``, ``copyrightYear``)."""
    return any(str(year) in _YEAR.findall(match.group()) for match in _COPYRIGHT.finditer(markup))
