"""Flattened embeds whose attribution date is written in any supported locale, generated from CLDR.

Each case writes a flattened X embed whose date is what Babel's CLDR long or medium pattern
produces for that locale, and checks the extracted citation's shown date end to end.
"""

from __future__ import annotations

from datetime import date

import pytest
from babel.dates import format_date

from provenance import Options, check_text
from provenance.dates import SUPPORTED_LOCALES

DAYS = (date(2025, 8, 25), date(2024, 1, 2), date(2023, 12, 31), date(2019, 5, 1))


def flattened(shown: str) -> str:
    return f"The minister wrote:\nWe met today. #News pic.twitter.com/AbCdEf1234\n— Ministry (@ministry) {shown}\n"


@pytest.mark.parametrize("locale", sorted(SUPPORTED_LOCALES))
@pytest.mark.parametrize("width", ["long", "medium"])
def test_flattened_attribution_date_in_every_locale(locale, width):
    """The shown date of a flattened embed reads back as the day CLDR formatted, in each locale."""
    for day in DAYS:
        shown = format_date(day, format=width, locale=locale)
        # Numeric medium forms (2.1.2024) need the article's language to settle day and month.
        report = check_text(flattened(shown), f"{locale}.txt", "text", Options(lang=locale))
        assert [c.shown_date for c in report.citations] == [day], shown
        assert report.citations[0].shown_date_text == shown


def test_at_least_thirty_locales():
    """The generated cases cover at least 30 locales."""
    assert len(SUPPORTED_LOCALES) >= 30
