"""provenance.dates: full dates in every supported language, numeric dates, day-month dates."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from babel import Locale
from babel.dates import format_date
from helpers import shared_corpus

from provenance import check_text
from provenance.dates import SUPPORTED_LOCALES, find_dates, match_date, month_names, parse_date
from provenance.model import TextDate

#: Days every locale is tested on: the 1st, 2nd and 23rd of each month (one- and two-digit
#: days, every month name), month ends, a leap day, and years at both ends of the range.
DAYS = (
    *(date(2025, month, day) for month in range(1, 13) for day in (1, 2, 23)),
    date(2024, 1, 31),
    date(2025, 3, 31),
    date(2016, 5, 31),
    date(1999, 10, 31),
    date(2025, 12, 31),
    date(2024, 2, 29),
    date(2099, 7, 4),
)
#: Unicode's name for the digits of CLDR's native numbering systems, to write dates with them.
DIGIT_NAMES = {
    "arab": "ARABIC-INDIC",
    "arabext": "EXTENDED ARABIC-INDIC",
    "beng": "BENGALI",
    "deva": "DEVANAGARI",
    "thai": "THAI",
    "tamldec": "TAMIL",
    "gujr": "GUJARATI",
    "knda": "KANNADA",
}
DIGIT_WORDS = ("ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE")
NATIVE_DIGIT_LOCALES = tuple(
    name for name in SUPPORTED_LOCALES if Locale.parse(name).other_numbering_systems.get("native") in DIGIT_NAMES
)
REFERENCE = date(2026, 2, 18)  # a Wednesday


def native(text: str, locale: str) -> str:
    """``text`` with its ASCII digits written in ``locale``'s native digits."""
    system = Locale.parse(locale).other_numbering_systems["native"]
    digits = [unicodedata.lookup(f"{DIGIT_NAMES[system]} DIGIT {word}") for word in DIGIT_WORDS]
    return "".join(digits[int(c)] if c.isascii() and c.isdigit() else c for c in text)


def test_supported_locales_cover_x_languages() -> None:
    """The supported locales include every language X offers, each known to Babel."""
    x_languages = {
        "en", "ar", "bn", "cs", "da", "de", "el", "es", "fa", "fi", "fil", "fr", "gu", "he", "hi", "hr",
        "hu", "id", "it", "ja", "kn", "ko", "mr", "ms", "nb", "nl", "pl", "pt", "ro", "ru", "sk", "sr",
        "sv", "ta", "th", "tr", "uk", "ur", "vi", "zh", "zh_Hant", "ca", "eu", "gl", "ga", "cy",
    }  # fmt: skip
    assert x_languages <= set(SUPPORTED_LOCALES)
    assert len(SUPPORTED_LOCALES) == len(set(SUPPORTED_LOCALES))
    for name in SUPPORTED_LOCALES:
        assert str(Locale.parse(name)) == name


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_cldr_dates_read_back_in_their_language(locale: str) -> None:
    """Every full, long and medium date Babel writes for the locale reads back as that day."""
    wrong = []
    for width in ("full", "long", "medium"):
        for day in DAYS:
            text = format_date(day, format=width, locale=locale)
            if match_date(text, 0, locale) != (day, len(text)) or parse_date(text, locale) != day:
                wrong.append((width, text, match_date(text, 0, locale)))
    assert wrong == []


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_cldr_dates_read_back_without_a_language(locale: str) -> None:
    """A long or full date in words reads back as its day when no language is declared."""
    wrong = []
    for width in ("full", "long"):
        for day in DAYS:
            text = format_date(day, format=width, locale=locale)
            if parse_date(text) != day:
                wrong.append((width, text, parse_date(text)))
    assert wrong == []


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_cldr_dates_found_in_running_text(locale: str) -> None:
    """find_dates finds a long date inside a sentence, with its text and offset."""
    wrong = []
    for day in DAYS[::4]:
        written = format_date(day, format="long", locale=locale)
        text = f"Posted ~ {written} ~ then edited."
        expected = [TextDate(written, day, "absolute", 9)]
        if find_dates(text, locale) != expected or find_dates(text) != expected:
            wrong.append((written, find_dates(text, locale), find_dates(text)))
    assert wrong == []


@pytest.mark.parametrize("locale", NATIVE_DIGIT_LOCALES)
def test_cldr_dates_read_back_in_native_digits(locale: str) -> None:
    """A long date written with the locale's native digits reads back as its day."""
    assert len(NATIVE_DIGIT_LOCALES) >= 6
    for day in DAYS[::3]:
        text = native(format_date(day, format="long", locale=locale), locale)
        assert parse_date(text, locale) == day, text
        assert parse_date(text) == day, text


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("August 25, 2025", "en", date(2025, 8, 25)),
        ("25. März 2017", "de", date(2017, 3, 25)),
        ("6 de junio de 2018", "es", date(2018, 6, 6)),
        ("13 Kasım 2016", "tr", date(2016, 11, 13)),
        ("2018年3月21日", "ja", date(2018, 3, 21)),
        ("25 Αυγούστου 2025", "el", date(2025, 8, 25)),
        ("23 סבתמבר 2025", "he", None),
        ("23 באוגוסט 2025", "he", date(2025, 8, 23)),
        ("2025(e)ko abuztuaren 23(a)", "eu", date(2025, 8, 23)),
        ("2025eko abuztuaren 23a", "eu", date(2025, 8, 23)),
        ("23 สิงหาคม 2568", "th", date(2025, 8, 23)),
        ("23 สิงหาคม พ.ศ. 2568", None, date(2025, 8, 23)),
        ("23 ส.ค. 2568", None, date(2025, 8, 23)),
        ("١٥ آب ٢٠٢٥", "ar", date(2025, 8, 15)),
        ("15 تشرين الأول 2025", None, date(2025, 10, 15)),
        ("5. Jänner 2020", "de", date(2020, 1, 5)),
        ("Sept. 5, 2025", "en", date(2025, 9, 5)),
        ("12 de setiembre de 2019", None, date(2019, 9, 12)),
        ("Monday, February 7, 2022", "de", date(2022, 2, 7)),
        ("August 25th, 2025", None, date(2025, 8, 25)),
        ("1er août 2025", "fr", date(2025, 8, 1)),
        ("1º de junio de 2018", "es", date(2018, 6, 1)),
    ],
)
def test_hand_written_dates(text: str, lang: str | None, expected: date | None) -> None:
    """Dates as embeds and writers show them read as the day they name."""
    assert parse_date(text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "August  25, 2025",
        "August 25,2025",
        "August\u00a025,\u00a02025",
        "AUGUST 25, 2025",
        "Aug. 25, 2025",
        "Aug 25 2025",
        "25 August 2025",
        "25. August 2025",
        "25.August 2025",
    ],
)
def test_scraper_damage_is_tolerated(text: str) -> None:
    """Doubled, missing or non-breaking spaces, capitals and dropped dots still read."""
    assert parse_date(text) == date(2025, 8, 25)


def test_abbreviation_without_its_dot_reads() -> None:
    """An abbreviated month whose trailing dot was dropped still reads ("Okt" for "Okt.")."""
    assert match_date("23. Okt 2017 um 0:31 Uhr", 0, "de") == (date(2017, 10, 23), 12)
    assert parse_date("23 ago 2025", "es") == date(2025, 8, 23)


def test_mislabelled_english_date_reads_with_german_language() -> None:
    """An English date in an embed declared German is still read."""
    assert match_date("August 25, 2025", 0, "de") == (date(2025, 8, 25), 15)


def test_declared_language_settles_a_month_name_two_languages_share() -> None:
    """The declared language settles "listopada": November in Polish, October in Croatian."""
    assert parse_date("23 listopada 2025", "pl") == date(2025, 11, 23)
    assert parse_date("23 listopada 2025", "hr") == date(2025, 10, 23)
    assert parse_date("23 listopada 2025") == date(2025, 11, 23)


def test_match_date_reads_after_a_flattened_embed_handle() -> None:
    """The date right after "(@handle) " in a flattened embed reads, with the offset past it."""
    text = "Great news! pic.twitter.com/AbC\n— Display Name (@handle) August 25, 2025\nNext paragraph"
    pos = text.index("(@handle)") + len("(@handle)")
    found = match_date(text, pos, "en")
    assert found == (date(2025, 8, 25), text.index("\nNext"))


def test_match_date_needs_the_date_at_pos() -> None:
    """match_date reads only a date starting at pos, not one later in the text."""
    text = "Posted on August 25, 2025"
    assert match_date(text, 0) is None
    assert match_date(text, len("Posted on")) == (date(2025, 8, 25), len(text))


def test_language_tags_in_any_spelling_are_understood() -> None:
    """Language tags as HTML and X write them (en-GB, zh-cn, msa, unknown) are accepted."""
    assert match_date("03/04/2025", 0, "en-GB") == (date(2025, 4, 3), 10)
    assert parse_date("2025年3月21日", "zh-cn") == date(2025, 3, 21)
    assert parse_date("23 Ogos 2025", "msa") == date(2025, 8, 23)
    assert parse_date("August 25, 2025", "xx-unknown") == date(2025, 8, 25)


def test_find_dates_reads_a_date_glued_to_an_emoji() -> None:
    """A Turkish date right after a calendar emoji is found, with or without a language."""
    text = "Etkinlik 🗓️20 Ağustos 2025 tarihinde"
    offset = text.index("20")
    expected = [TextDate("20 Ağustos 2025", date(2025, 8, 20), "absolute", offset)]
    assert find_dates(text, "tr") == expected
    assert find_dates(text) == expected


def test_find_dates_returns_dates_in_order_with_offsets() -> None:
    """Several dates come back in text order, each text found at its offset."""
    text = "Von 3. März 2024 bis 2025-08-20, laut Post vom 13 Kasım 2016 und 14/04/2025."
    found = find_dates(text, "de")
    assert [f.day for f in found] == [date(2024, 3, 3), date(2025, 8, 20), date(2016, 11, 13), date(2025, 4, 14)]
    for item in found:
        assert text[item.offset : item.offset + len(item.text)] == item.text


def test_day_month_takes_the_year_from_the_reference() -> None:
    """A day-month date takes the year that puts it nearest before the reference."""
    found = find_dates("Στις 23 Δεκεμβρίου ανακοίνωσε", reference=REFERENCE)
    assert found == [TextDate("23 Δεκεμβρίου", date(2025, 12, 23), "absolute", 5)]
    assert find_dates("on 23 December", "en", REFERENCE)[0].day == date(2025, 12, 23)
    assert find_dates("on February 20", "en", REFERENCE)[0].day == date(2026, 2, 20)
    assert find_dates("on 28 February", "en", REFERENCE)[0].day == date(2025, 2, 28)
    assert find_dates("am 29. Februar", "de", date(2026, 3, 1))[0].day == date(2024, 2, 29)


@pytest.mark.parametrize("gap", [" ", "\n", " \n "])
def test_a_time_after_a_day_month_is_no_day_and_no_year(gap: str) -> None:
    """A time of day after a day-month date leaves the date alone: "6 de Mayo" then "9:00" is 6 May."""
    found = find_dates(f"Rueda de prensa el 6 de Mayo{gap}9:00 hrs", "es", date(2022, 5, 5))
    assert [(f.text, f.day) for f in found] == [("6 de Mayo", date(2022, 5, 6))]
    assert find_dates("Mayo 9:00", "es", date(2022, 5, 5)) == []
    assert find_dates("6 mai, 21h30", "fr", date(2022, 5, 5))[0].day == date(2022, 5, 6)
    assert find_dates("am 6. Mai 2022 um 9.30 Uhr", "de")[0].day == date(2022, 5, 6)


def test_a_html_line_break_between_a_date_and_its_time_keeps_the_date() -> None:
    """An embedded post whose text says "6 de Mayo<br>9:00" mentions 6 May, not 9 May."""
    page = (
        '<html lang="es"><body><blockquote class="twitter-tweet"><p lang="es">Rueda de prensa el 6 de Mayo'
        "<br>9:00 horas</p>&mdash; Alcaldía (@alcaldia) "
        '<a href="https://twitter.com/alcaldia/status/1522229629547446272">May 5, 2022</a></blockquote>'
        "</body></html>"
    )
    (citation,) = check_text(page, "a.html", "html").citations
    assert [(d.text, d.day) for d in citation.dates_in_text] == [("6 de Mayo", date(2022, 5, 6))]


def test_day_month_without_reference_is_skipped() -> None:
    """Without a reference date a day-month date is not reported."""
    assert find_dates("10 May") == []
    assert find_dates("Στις 23 Δεκεμβρίου ανακοίνωσε", "el") == []


def test_day_month_in_another_language_needs_the_wide_month_name() -> None:
    """Outside the declared language only a month's full name makes a day-month date."""
    assert find_dates("won 6 set in a row", "en", REFERENCE) == []
    assert find_dates("el 6 set de discos", "it", REFERENCE)[0].day == date(2025, 9, 6)


def test_iso_dates_are_always_read() -> None:
    """An ISO date reads in any language, also with a time after it."""
    assert find_dates("at 2025-08-20T10:00:00Z", "en") == [TextDate("2025-08-20", date(2025, 8, 20), "absolute", 3)]
    assert match_date("2025-08-20") == (date(2025, 8, 20), 10)
    assert parse_date("2025/08/20", "ja") == date(2025, 8, 20)


def test_numeric_date_order_follows_the_declared_language() -> None:
    """03/04/2025 is March 4 in US English (CLDR's en) and 3 April in British English."""
    assert parse_date("03/04/2025", "en") == date(2025, 3, 4)
    assert parse_date("03/04/2025", "en-US") == date(2025, 3, 4)
    assert parse_date("03/04/2025", "en-GB") == date(2025, 4, 3)
    assert parse_date("03.04.2025", "de") == date(2025, 4, 3)
    assert parse_date("3/4 2025", "sv") is None
    assert parse_date("13/04/2025", "en-US") == date(2025, 4, 13)
    assert find_dates("03/04/2025", "en-GB") == [TextDate("03/04/2025", date(2025, 4, 3), "absolute", 0)]


def test_numeric_date_keeps_a_final_dot_only_where_the_format_has_one() -> None:
    """A spaced-out Serbian date keeps its final dot; a German sentence's full stop is left out."""
    assert find_dates("rok 1. 2. 2025. godine", "sr")[0].text == "1. 2. 2025."
    assert find_dates("am 14.04.2025. Dann", "de")[0].text == "14.04.2025"


def test_numeric_date_without_language_is_ambiguous_unless_one_reading_is_valid() -> None:
    """Without a language 03/04/2025 is ambiguous, 13/04/2025 is not, 04/04/2025 is one day."""
    assert find_dates("03/04/2025") == [TextDate("03/04/2025", None, "ambiguous", 0)]
    assert find_dates("13/04/2025") == [TextDate("13/04/2025", date(2025, 4, 13), "absolute", 0)]
    assert find_dates("04/13/2025") == [TextDate("04/13/2025", date(2025, 4, 13), "absolute", 0)]
    assert find_dates("04/04/2025") == [TextDate("04/04/2025", date(2025, 4, 4), "absolute", 0)]
    assert match_date("03/04/2025") is None


@pytest.mark.parametrize(
    "text",
    [
        "Mayıs",
        "March of the penguins",
        "32 March 2020",
        "31 April 2025",
        "August 25, 1850",
        "25 August 2525",
        "Call +1 212-555-0123 today",
        "Tel. 030/1203-2025 oder 0176 1203 2025",
        "IP 10.12.2020.1 and version v1.2.2025",
        "Seite 12 von 2025 Seiten",
        "",
    ],
)
def test_non_dates_do_not_match(text: str) -> None:
    """Month names alone, impossible days, implausible years and phone numbers are no dates."""
    assert match_date(text) is None
    assert parse_date(text) is None
    assert [d for d in find_dates(text, reference=REFERENCE) if d.kind != "relative"] == []


def test_impossible_full_date_is_not_read_as_a_day_month() -> None:
    """A date whose year is implausible is not reported as its day and month alone."""
    assert find_dates("born August 25, 1850 in Ohio", "en", REFERENCE) == []


def test_parse_date_allows_only_surrounding_punctuation() -> None:
    """parse_date reads a date inside brackets and spaces but not inside other words."""
    assert parse_date(" (August 25, 2025). ") == date(2025, 8, 25)
    assert parse_date("Posted August 25, 2025") is None
    assert parse_date("August 25, 2025 at 9:24am PDT") is None


def test_month_names_come_from_cldr() -> None:
    """month_names gives every CLDR name, case-folded, with and without the trailing dot."""
    german = month_names("de")
    assert german["märz"] == 3
    assert german["okt"] == german["okt."] == 10
    assert german["jänner"] == 1
    assert month_names("tr")["kasım"] == 11
    assert month_names("el")["αυγούστου"] == 8
    assert month_names("ja")["3月"] == 3
    for names in (german, month_names("ru"), month_names("ar")):
        assert set(names.values()) == set(range(1, 13))
        assert all(key == key.casefold() for key in names)


def test_month_names_reject_an_unknown_language() -> None:
    """month_names raises ValueError for a language CLDR does not know."""
    with pytest.raises(ValueError, match="unknown language"):
        month_names("xx-unknown")


def test_month_names_survive_babels_alias_caching() -> None:
    """Formatting a Hebrew stand-alone month first does not leak Hebrew names into Japanese."""
    format_date(date(2025, 10, 1), "LLLL", locale="he")
    japanese = month_names("ja")
    assert all(not any("\u0590" <= c <= "\u05ff" for c in name) for name in japanese)
    assert parse_date("2025年10月1日") == date(2025, 10, 1)


def test_corpus_embed_dates_read_as_labelled() -> None:
    """Every displayed embed date in the shared corpus reads as its labelled day."""
    _, labels = shared_corpus()
    checked = 0
    for page in labels:
        for embed in page["embeds"]:
            shown = embed.get("displayed_date")
            if not shown:
                continue
            found = match_date(shown, 0, page["language"])
            assert found is not None, shown
            assert found[0].isoformat() == embed["displayed_date_iso"], shown
            checked += 1
    assert checked > 50



@pytest.mark.parametrize("seed", range(20))
def test_reading_the_words_near_numbers_finds_what_reading_every_word_finds(seed: int, monkeypatch) -> None:
    """The words of dates are looked up near the numbers only (``LOOKBACK`` before them to
    ``LOOKAHEAD`` after): on random text of month names, numbers and other words, in several
    languages, the dates are those found when every word of the text is looked up."""
    import random  # noqa: PLC0415

    from provenance.dates import _scan  # noqa: PLC0415

    rng = random.Random(seed)
    pieces = ["May", "mai", "März", "agosto", "Montag", "de", "den", "5", "12", "2020", "1999", ", ", ". ", " ",
              "  ", "\n", "-", "/", "x", "ab" * 20, "Lorem ipsum dolor", "é", "\u0301", "xxMay", "31.", "sept"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 60))) for _ in range(50)]
    reference = date(2021, 6, 1)
    near = [[(d.text, d.day, d.kind, d.offset) for d in find_dates(text, lang, reference)]
            for text in texts for lang in ("en", "de", "fr", "es")]
    monkeypatch.setattr(_scan, "_near", lambda numbers: [(0, 10**9)])  # every word of the text
    every = [[(d.text, d.day, d.kind, d.offset) for d in find_dates(text, lang, reference)]
             for text in texts for lang in ("en", "de", "fr", "es")]
    assert near == every
    assert any(near)


def test_dates_far_apart_are_each_read_near_their_numbers() -> None:
    """Dates in stretches far apart, and near each other, are read as in one pass over every word."""
    filler = " Lorem ipsum dolor sit amet." * 10
    text = f"On May 5, 2020 it began.{filler} By 7 June 2021, and 8 July 2021,{filler} then 3. März 2022."
    found = [(d.text, d.day) for d in find_dates(text, "en")]
    assert found == [("May 5, 2020", date(2020, 5, 5)), ("7 June 2021", date(2021, 6, 7)),
                     ("8 July 2021", date(2021, 7, 8)), ("3. März 2022", date(2022, 3, 3))]
