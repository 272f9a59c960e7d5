"""``may_show_another_day``: the cheap test, before a byline is read, of whether a page writes a day
and then a time of day that a UTC stamp has at some offset on another calendar day."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta

import pytest

from provenance.model import ArticleDate
from provenance.published import offsets
from provenance.published.offsets import (
    _DAY_TO_TIME_CHARS,
    EARLIEST_OFFSET,
    LATEST_OFFSET,
    OFFSET_STEP,
    may_show_another_day,
)

#: 2022-05-04T02:41Z: 22:41 on 3 May at -04:00, 10:41 on 4 May at +08:00 (the same day, no use).
STAMP = ArticleDate(datetime(2022, 5, 4, 2, 41, tzinfo=UTC).date(), "test", datetime(2022, 5, 4, 2, 41, tzinfo=UTC))


def reference(stamp: ArticleDate, page: str) -> bool:
    """The test as a regex of every time of day, one per other day: what the one pass must equal."""
    assert stamp.moment is not None
    instant = stamp.moment.astimezone(UTC)
    times: dict[int, set[str]] = {}
    for steps in range(EARLIEST_OFFSET // OFFSET_STEP, LATEST_OFFSET // OFFSET_STEP + 1):
        local = instant + steps * OFFSET_STEP
        if local.date() != instant.date():
            hours = {f"{local.hour}", f"{local.hour:02d}", f"{local.hour % 12 or 12}"}
            times.setdefault(local.day, set()).update(f"{hour}[:.h]{local.minute:02d}" for hour in hours)
    for day, shown in times.items():
        day_before = re.compile(rf"(?<!\d)0?{day}(?!\d)")
        for found in re.finditer(rf"(?<!\d)(?:{'|'.join(sorted(shown))})(?!\d)", page):
            if day_before.search(page, max(0, found.start() - _DAY_TO_TIME_CHARS), found.start()):
                return True
    return False


@pytest.mark.parametrize(("page", "expected"), [
    ("<span>3/5/2022</span> <span>22:41</span>", True),          # Bolivia, -04:00
    ("<p>3 de mayo de 2022, 22h41</p>", True),
    ("<p>3. Mai 2022, 10.41 Uhr</p>", True),                       # 22:41 on a 12-hour clock
    ("<p>3. Mai 2022, 12.41 Uhr</p>", False),                      # no offset in use gives 12:41 on 3 May
    ("<p>4 May 2022 10:41</p>", False),                            # the same day as the stamp
    ("<p>3/5/2022 122:41</p>", False),                             # not a time of day: three digits
    ("<p>3/5/2022 22:415</p>", False),
    ("<p>3/5/2022 ٣22:41</p>", False),                            # a digit of another script before it
    ("<p>22:41 3/5/2022</p>", False),                              # the day stands after the time
    ("<p>3/5/2022" + " " * _DAY_TO_TIME_CHARS + "22:41</p>", False),  # too far after the day
    ("", False),
])
def test_days_and_times(page: str, expected: bool) -> None:
    assert may_show_another_day(STAMP, page) is expected
    assert reference(STAMP, page) is expected


def test_a_stamp_without_a_time_shows_no_other_day() -> None:
    assert may_show_another_day(ArticleDate(STAMP.day, "test"), "3/5/2022 22:41") is False


def test_times_chained_in_one_string_are_read_as_one_regex_reads_them() -> None:
    # "10:41.22" holds 10:41 and 41.22; a regex finds the first and goes on after it.
    stamp = ArticleDate(datetime(2022, 5, 4, 2, 22, tzinfo=UTC).date(), "test",
                        datetime(2022, 5, 4, 2, 22, tzinfo=UTC))
    for page in ("3 x 22:22.22", "03 22.22:22 3", "3 12h22.22h22"):
        assert may_show_another_day(stamp, page) is reference(stamp, page)


def test_the_one_pass_equals_the_regex_of_every_time() -> None:
    chooser = random.Random(16)
    alphabet = "0123456789:.h /-x٣"
    for _ in range(400):
        page = "".join(chooser.choice(alphabet) for _ in range(chooser.randint(0, 300)))
        moment = datetime(2022, chooser.randint(1, 12), chooser.randint(1, 28), chooser.randint(0, 23),
                          chooser.choice((0, 1, 15, 22, 30, 41, 59)), tzinfo=UTC)
        stamp = ArticleDate(moment.date(), "test", moment)
        assert may_show_another_day(stamp, page) is reference(stamp, page), (moment, page)


def _same_instant_reference(page: str, moment: datetime, within: timedelta, *, labelled: bool) -> list[ArticleDate]:
    """_same_instant_in written out: one scan per day and separator, at most the cap of each."""
    found = []
    for shift in (-1, 0, 1):
        for separator in "T ":
            literal = (moment.date() + timedelta(days=shift)).isoformat() + separator
            at, read = page.find(literal), 0
            while at != -1 and read < offsets.SAME_INSTANT_MAX_STAMPS:
                read += 1
                stamp = offsets.parse_stamp(page[at : at + 40], "html:page")
                if (
                    stamp is not None and stamp.moment is not None
                    and stamp.moment.utcoffset() not in (None, timedelta(0))
                    and abs(stamp.span().earliest - moment) < within
                    and (not labelled or offsets._PUBLICATION_TAG.search(offsets._tag_around(page, at)) is not None)
                ):
                    found.append(stamp)
                at = page.find(literal, at + 1)
    return found


@pytest.mark.parametrize("cap", [1, 2, 3, 200])
def test_the_stamps_of_the_same_instant_are_read_per_day_and_separator(monkeypatch: pytest.MonkeyPatch,
                                                                       cap: int) -> None:
    """Stamps of the day before, the day and the day after, with ``T``, a space or anything else
    after the day, in any number (past the caps too), labelled or not."""
    monkeypatch.setattr(offsets, "SAME_INSTANT_MAX_STAMPS", cap)
    chooser = random.Random(cap)
    moment = datetime(2022, 5, 4, 2, 41, tzinfo=UTC)
    pieces = [
        f"{day}{separator}{time}{zone}"
        for day in ("2022-05-03", "2022-05-04", "2022-05-05")
        for separator in ("T", " ", '"', "x")
        for time in ("22:41:00", "02:41:00", "10:41")
        for zone in ("-04:00", "+08:00", "Z", "")
    ] + ['<time pubdate datetime="', '">', "<p>", " "]
    for _ in range(300):
        page = "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 60)))
        for labelled in (False, True):
            within = timedelta(days=1) if labelled else offsets.SAME_INSTANT
            expected = _same_instant_reference(page, moment, within, labelled=labelled)
            assert offsets._same_instant_in(page, moment, within, labelled=labelled) == expected, page
