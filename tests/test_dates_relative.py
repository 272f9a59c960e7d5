"""provenance.dates: relative dates ("yesterday", "on Monday") resolved against a reference."""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import resources

import pytest

from provenance.dates import find_dates
from provenance.dates._relative import DAY_OFFSETS, read_languages

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
        ("two months later", "en"),
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
    ],
)
def test_malformed_data_is_rejected_with_a_reason(data: object, message: str) -> None:
    """A newsroom's mistake in the data file is a ValueError that says what is wrong."""
    with pytest.raises(ValueError, match=message):
        read_languages(data)
