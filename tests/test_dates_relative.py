"""provenance.dates: relative dates ("yesterday", "on Monday") resolved against a reference."""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import resources

import pytest

from provenance.dates import find_dates
from provenance.dates._relative import DAY_OFFSETS, SPAN_UNITS, read_languages
from provenance.dates._spans import Span, place
from provenance.model import TextDate

REFERENCE = date(2026, 2, 18)  # a Wednesday
MONDAY = date(2026, 2, 16)


def relative(text: str, lang: str | None = None, reference: date = REFERENCE) -> list[tuple[str, date | None]]:
    """The relative dates find_dates reports, as (text, day)."""
    return [(d.text, d.day) for d in find_dates(text, lang, reference) if d.kind == "relative"]


def test_greek_weekday_is_the_most_recent_such_day() -> None:
    """In an article of Wednesday 18 February 2026, "τη Δευτέρα" is Monday 16 February."""
    text = "Η κυβέρνηση ανακοίνωσε τη Δευτέρα ότι"
    assert relative(text, "el") == [("τη Δευτέρα", MONDAY)]
    assert relative(text) == [("τη Δευτέρα", MONDAY)]
    found = find_dates(text, "el", REFERENCE)
    assert found[0].offset == text.index("τη Δευτέρα")


@pytest.mark.parametrize(
    ("text", "lang", "offset"),
    [
        ("He said yesterday that", "en", -1),
        ("The vote is today", "en", 0),
        ("They meet tomorrow", "en", 1),
        ("χθες το βράδυ", "el", -1),
        ("Dün açıklama yaptı", "tr", -1),
        ("YARIN toplanacak", "tr", 1),
        ("Er sagte gestern", "de", -1),
        ("heute Morgen im Bundestag", "de", 0),
        ("il a annoncé hier", "fr", -1),
        ("aujourd’hui à Paris", "fr", 0),
        ("anunció ayer", "es", -1),
        ("esta mañana en Madrid", "es", 0),
        ("ha detto oggi", "it", 0),
        ("disse ontem", "pt", -1),
        ("depois de amanhã", "pt", 2),
        ("قال أمس", "ar", -1),
        ("заявил вчера", "ru", -1),
        ("позавчера", "ru", -2),
    ],
)
def test_day_words_resolve_against_the_reference(text: str, lang: str, offset: int) -> None:
    """Words for yesterday, today and tomorrow name the day that far from the reference."""
    found = relative(text, lang)
    assert [day for _, day in found] == [REFERENCE + timedelta(days=offset)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("on Monday", "en", MONDAY),
        ("last Monday", "en", MONDAY),
        ("on Wednesday", "en", REFERENCE),
        ("last Wednesday", "en", REFERENCE - timedelta(days=7)),
        ("am Montag", "de", MONDAY),
        ("am vergangenen Mittwoch", "de", REFERENCE - timedelta(days=7)),
        ("geçen Pazartesi", "tr", MONDAY),
        ("Pazartesi günü", "tr", MONDAY),
        ("lundi dernier", "fr", MONDAY),
        ("Lundi, le ministre", "fr", MONDAY),
        ("el lunes pasado", "es", MONDAY),
        ("lunedì scorso", "it", MONDAY),
        ("na segunda-feira", "pt", MONDAY),
        ("na segunda", "pt", MONDAY),
        ("يوم الاثنين", "ar", MONDAY),
        ("в понедельник", "ru", MONDAY),
        ("в среду", "ru", REFERENCE),
        ("την περασμένη Τετάρτη", "el", REFERENCE - timedelta(days=7)),
    ],
)
def test_weekdays_resolve_to_the_most_recent_such_day(text: str, lang: str, expected: date) -> None:
    """A weekday is the latest such day on or before the reference; after "last", before it."""
    assert [day for _, day in relative(text, lang)] == [expected]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Guten Morgen, am Morgen", "de"),
        ("por la mañana", "es"),
        ("Mardi gras à Nice", "fr"),
        ("Monday Night Football", "en"),
        ("a hierarchy of todays", "en"),
    ],
)
def test_look_alikes_are_not_relative_dates(text: str, lang: str) -> None:
    """Words that only look like relative dates (German Morgen, a bare English weekday) are not."""
    assert relative(text, lang) == []


def test_relative_dates_need_a_reference() -> None:
    """Without a reference date no relative date is reported."""
    assert find_dates("He said yesterday that on Monday", "en") == []


def test_declared_language_uses_only_its_own_words() -> None:
    """With a language that has words, other languages' words are not read."""
    assert relative("hier und heute", "de") == [("heute", REFERENCE)]
    assert relative("hier und heute") == [("hier", REFERENCE - timedelta(days=1)), ("heute", REFERENCE)]


def test_relative_and_absolute_dates_come_back_in_order() -> None:
    """Relative dates sit among the other dates in text order, each marked by its kind."""
    found = find_dates("Yesterday (2026-02-17) and on Monday, 16 February", "en-GB", REFERENCE)
    assert [(d.kind, d.day) for d in found] == [
        ("relative", REFERENCE - timedelta(days=1)),
        ("absolute", date(2026, 2, 17)),
        ("relative", MONDAY),
        ("absolute", MONDAY),
    ]


def test_packaged_data_file_is_valid() -> None:
    """The packaged relative_dates.json names known languages and only known keys."""
    text = resources.files("provenance").joinpath("data", "relative_dates.json").read_text(encoding="utf-8")
    languages = read_languages(json.loads(text))
    assert {"en", "el", "tr", "de", "fr", "es", "it", "pt", "ar", "ru"} <= set(languages)
    for language in languages.values():
        assert set(language.weekdays.values()) == set(range(7))
        assert {offset for offset in language.phrases.values() if offset is not None} <= set(DAY_OFFSETS.values())
        assert language.spans is not None
        assert set(range(1, 13)) <= set(language.spans.numbers.values())
        assert set(language.spans.units.values()) == set(SPAN_UNITS)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "top level"),
        ({"en": []}, "must map to an object"),
        ({"en": {"yesterdays": ["x"]}}, "unknown keys"),
        ({"en": {"yesterday": "yesterday"}}, "list of non-empty strings"),
        ({"xx-unknown": {}}, "not a language"),
        ({"en": {"on_weekday": {"before": ["on"], "around": []}}}, "only before, after and alone"),
        ({"en": {"weekday_inflections": {"montag": ["x"]}}}, "English weekday names"),
        ({"en": {"spans": {"numbers": {"two": 2}, "later_on": {}}}}, "spans takes only"),
        ({"en": {"spans": {"numbers": {"a hundred and one": 101}}}}, "whole number from 1 to 100"),
        ({"en": {"spans": {"numbers": {"true": True}}}}, "whole number"),
        ({"en": {"spans": {"units": {"hour": ["hours"]}}}}, "must map units"),
        ({"en": {"spans": {"counted_units": {"month": ["months"]}}}}, "map words to counts"),
        ({"en": {"spans": {"ago": {"around": ["ago"]}}}}, "only before and after"),
    ],
)
def test_malformed_data_is_rejected_with_a_reason(data: object, message: str) -> None:
    """A newsroom's mistake in the data file is a ValueError that says what is wrong."""
    with pytest.raises(ValueError, match=message):
        read_languages(data)


def approximate(
    text: str, lang: str | None = None, reference: date | None = REFERENCE
) -> list[tuple[str, date | None]]:
    """The spans of time find_dates reports, as (text, day)."""
    return [(d.text, d.day) for d in find_dates(text, lang, reference) if d.kind == "approximate"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("two months later", "en", date(2026, 4, 18)),
        ("3 days earlier", "en", date(2026, 2, 15)),
        ("a week after", "en", date(2026, 2, 25)),
        ("Δύο μήνες μετά", "el", date(2026, 4, 18)),
        ("τρεις ημέρες νωρίτερα", "el", date(2026, 2, 15)),
        ("πριν από 2 εβδομάδες", "el", date(2026, 2, 4)),
        ("İki ay sonra", "tr", date(2026, 4, 18)),
        ("üç gün önce", "tr", date(2026, 2, 15)),
        ("3 hafta sonra", "tr", date(2026, 3, 11)),
        ("zwei Monate später", "de", date(2026, 4, 18)),
        ("drei Tage zuvor", "de", date(2026, 2, 15)),
        ("vor 2 Jahren", "de", date(2024, 2, 18)),
        ("deux mois plus tard", "fr", date(2026, 4, 18)),
        ("trois jours plus tôt", "fr", date(2026, 2, 15)),
        ("il y a 10 jours", "fr", date(2026, 2, 8)),
        ("dos meses después", "es", date(2026, 4, 18)),
        ("tres días antes", "es", date(2026, 2, 15)),
        ("hace 2 semanas", "es", date(2026, 2, 4)),
        ("due mesi dopo", "it", date(2026, 4, 18)),
        ("tre giorni prima", "it", date(2026, 2, 15)),
        ("4 anni fa", "it", date(2022, 2, 18)),
        ("dois meses depois", "pt", date(2026, 4, 18)),
        ("três dias antes", "pt", date(2026, 2, 15)),
        ("há 6 meses", "pt", date(2025, 8, 18)),
        ("بعد شهرين", "ar", date(2026, 4, 18)),
        ("قبل ثلاثة أيام", "ar", date(2026, 2, 15)),
        ("بعد 5 أيام", "ar", date(2026, 2, 23)),
        ("قبل ٣ أسابيع", "ar", date(2026, 1, 28)),
        ("два месяца спустя", "ru", date(2026, 4, 18)),
        ("через два месяца", "ru", date(2026, 4, 18)),
        ("три дня назад", "ru", date(2026, 2, 15)),
        ("через 10 дней", "ru", date(2026, 2, 28)),
        ("год спустя", "ru", date(2027, 2, 18)),
    ],
)
def test_spans_count_from_the_reference_when_no_date_precedes(text: str, lang: str, expected: date) -> None:
    """A span with no date written before it counts from the reference, by its number and unit."""
    assert approximate(f"Wrote: {text}, and", lang) == [(text, expected)]


def test_span_is_an_approximate_text_date_where_it_is_written() -> None:
    """A span is reported with its text as written, its offset and kind "approximate"."""
    text = "The talks resumed. Two months later, the deal was signed."
    assert find_dates(text, "en", REFERENCE) == [
        TextDate("Two months later", date(2026, 4, 18), "approximate", text.index("Two")),
    ]


def test_undeclared_language_reads_each_languages_span_words() -> None:
    """Without a declared language every language's span words are read, each language's with its own."""
    assert approximate("zwei Monate später") == [("zwei Monate später", date(2026, 4, 18))]
    assert approximate("deux mois plus tard") == [("deux mois plus tard", date(2026, 4, 18))]
    assert approximate("dos months later") == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("On 23 December 2025 the plane crashed. Two months later, he visited.", "en", date(2026, 2, 23)),
        ("Στις 23 Δεκεμβρίου συνετρίβη. Δύο μήνες μετά, επισκέφθηκε", "el", date(2026, 2, 23)),
        ("Il 10 gennaio 2026 è arrivato; tre giorni prima era partito.", "it", date(2026, 1, 7)),
        ("Yesterday he resigned. Two days earlier he had spoken.", "en", date(2026, 2, 15)),
        ("في 1 يناير 2026 وصل، وبعد شهرين غادر", "ar", date(2026, 3, 1)),
        ("1 января 2026 года он приехал, а через 3 дня уехал", "ru", date(2026, 1, 4)),
    ],
)
def test_spans_count_from_the_date_written_before_them(text: str, lang: str, expected: date) -> None:
    """"Later" and "earlier" count from the nearest date written before the span, absolute or relative."""
    assert [day for _, day in approximate(text, lang)] == [expected]


def test_spans_do_not_count_from_spans() -> None:
    """A span after another counts from the exact date before both, so errors do not add up."""
    text = "On 1 March 2025 the talks began. A week later they stalled; two days after, they resumed."
    assert approximate(text, "en") == [("A week later", date(2025, 3, 8)), ("two days after", date(2025, 3, 3))]
    repeated = "25 Years Later, This Happened. 25 Years Later, This Happened."
    assert [day for _, day in approximate(repeated, "en")] == [date(2051, 2, 18), date(2051, 2, 18)]


def test_spans_after_a_date_need_no_reference() -> None:
    """A span after a written date is placed without a reference; with neither, nothing is reported."""
    assert approximate("On 23 December 2025 it crashed. Two months later", "en", None) == [
        ("Two months later", date(2026, 2, 23))
    ]
    assert approximate("Two months later", "en", None) == []
    assert approximate("three days ago", "en", None) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("On 1 January 2020 he was born; three days ago he spoke.", "en"),
        ("Am 1. Januar 2020 begann es, vor drei Tagen endete es.", "de"),
        ("1 января 2020 года он приехал, три дня назад уехал", "ru"),
        ("1 Ocak 2020'de geldi, üç gün önce gitti.", "tr"),
    ],
)
def test_ago_forms_count_from_the_reference(text: str, lang: str) -> None:
    """"Ago" forms count back from the reference even after another date."""
    assert [day for _, day in approximate(text, lang)] == [date(2026, 2, 15)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("On 31 January 2026 they met. A month later", "en", date(2026, 2, 28)),
        ("On 29 February 2024 they met. A year later", "en", date(2025, 2, 28)),
        ("On 31 May 2026 they met. Three months earlier", "en", date(2026, 2, 28)),
        ("Am 31. Dezember 2025 trafen sie sich, zwei Monate später", "de", date(2026, 2, 28)),
        ("On 30 January 2024 they met. 13 months later", "en", date(2025, 2, 28)),
    ],
)
def test_months_and_years_go_by_the_calendar(text: str, lang: str, expected: date) -> None:
    """Months and years keep the day of the month, clamped to the month's last day."""
    assert [day for _, day in approximate(text, lang)] == [expected]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("two months of talks", "en"),
        ("After two months of talks, the deal was signed.", "en"),
        ("He stayed in hospital for two days after the crash.", "en"),
        ("days later", "en"),
        ("a few days later", "en"),
        ("150 days later", "en"),
        ("0 days later", "en"),
        ("1.5 years later", "en"),
        ("two days before 5 March", "en"),
        ("zwei Monate lang", "de"),
        ("desde hace dos meses", "es"),
        ("δύο μήνες διαπραγματεύσεων", "el"),
        ("بعد يوم الاثنين", "ar"),
        ("بعد عام 2020", "ar"),
        ("iki ay boyunca", "tr"),
    ],
)
def test_look_alikes_are_not_spans(text: str, lang: str) -> None:
    """Counts without a direction, durations, counts over the bound and dates' parts are no spans."""
    assert approximate(text, lang) == []


def test_a_span_beyond_the_calendar_is_placed_nowhere() -> None:
    """A span that would leave the calendar's range names no day."""
    assert place(Span(0, 16, 2, "year", "later"), date(9999, 12, 31)) is None
    assert place(Span(0, 16, 3, "day", "ago"), date(1, 1, 2)) is None
    assert place(Span(0, 16, 2, "month", "earlier"), date(1, 1, 31)) is None
    assert place(Span(0, 16, 2, "week", "later"), date(2026, 2, 18)) == date(2026, 3, 4)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("a clip from the channel Russia Today, in which", []),
        ("the USA Today report", []),
        ("Today, the minister said.", ["Today"]),
        ("He left. Today he returns.", ["Today"]),
        ("It happened today.", ["today"]),
        ("On Monday the council met", ["On Monday"]),
    ],
)
def test_a_word_for_today_that_ends_a_name_is_no_date(text, found):
    """'Russia Today' names a channel; a capitalised 'Today' after a capitalised word is its name."""
    assert [written.text for written in find_dates(text, "en", date(2022, 4, 21))] == found
