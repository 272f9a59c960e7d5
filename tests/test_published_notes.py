"""Update notes in an article's text: the modified date the metadata may not give."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from provenance.load import load_text
from provenance.model import ArticleDate
from provenance.published.notes import later_of, latest_update

PUBLISHED = ArticleDate(date(2019, 7, 3), "test", datetime(2019, 7, 3, 8, 22, tzinfo=UTC))
EDT = timezone(timedelta(hours=-4))


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("<p><em><strong>Update July 3rd, 8:05AM ET:</strong></em> Added a tweet.</p>", "en",
         datetime(2019, 7, 3, 8, 5, tzinfo=EDT)),
        ("Intro.\nUpdated: July 4, 2019 at 2:30 p.m. PDT\nMore.", "en",
         datetime(2019, 7, 4, 14, 30, tzinfo=timezone(timedelta(hours=-7)))),
        ("<p>[Update, July 5: the ministry replied.]</p>", "en", None),  # a day, no time
        ("<p>Aktualisiert am 5. Juli 2019, 14:05 Uhr MESZ</p>", "de",
         datetime(2019, 7, 5, 14, 5, tzinfo=timezone(timedelta(hours=2)))),
        ("<p>Mise à jour le 6 juillet 2019 à 10h15</p>", "fr", datetime(2019, 7, 6, 10, 15)),
    ],
)
def test_a_note_gives_its_date_and_time(text, lang, expected):
    found = latest_update(text, 0, PUBLISHED, lang)
    assert found is not None and found.source == "text:update-note"
    assert found.moment == expected
    if expected is None:
        assert found.day == date(2019, 7, 5)


@pytest.mark.parametrize("space", ["\u00a0", "  ", "\u202f"])
@pytest.mark.parametrize("lang", ["fr", None])
def test_a_lead_of_several_words_is_found_whatever_spaces_part_them(space, lang):
    """Pages put non-breaking spaces inside "Mise à jour": the note is read all the same."""
    text = f"<p>Mise à{space}jour le 6 juillet 2019 à 10h15</p>"
    found = latest_update(text, 0, PUBLISHED, lang)
    assert found is not None and found.day == date(2019, 7, 6)


@pytest.mark.parametrize(
    "text",
    [
        "<p>Update your browser to see the post.</p>",  # no date
        "<p>Updated: June 30, 2019</p>",  # before the publication: no update of this article
        "<p>We will update this story on July 9.</p>",  # not at the start of a paragraph
        "<p>Update</p><p>Much later, on July 9, the council met.</p>",  # the date is too far away
    ],
)
def test_what_is_no_update_note(text):
    assert latest_update(text, 0, PUBLISHED, "en") is None


def test_the_latest_of_several_notes_wins():
    text = "<p>Update July 4, 9:00 ET: one.</p><p>Update July 6, 10:00 ET: two.</p><p>Update July 5: three.</p>"
    found = latest_update(text, 0, PUBLISHED, "en")
    assert found is not None and found.moment == datetime(2019, 7, 6, 10, 0, tzinfo=EDT)


def test_no_publication_date_no_notes():
    assert latest_update("<p>Update July 4, 2019: one.</p>", 0, None, "en") is None


def test_a_note_replaces_the_metadata_only_when_certainly_later():
    stamp = ArticleDate(date(2016, 12, 10), "html:meta", datetime(2016, 12, 10, 10, 20, tzinfo=UTC))
    same_day = ArticleDate(date(2016, 12, 10), "text:update-note")
    next_day = ArticleDate(date(2016, 12, 12), "text:update-note")
    same_clock = ArticleDate(date(2016, 12, 10), "text:update-note", datetime(2016, 12, 10, 10, 20))
    assert later_of(stamp, same_day) is stamp
    assert later_of(stamp, same_clock) is stamp  # one stamp shown twice, its zone labelled loosely
    assert later_of(stamp, next_day) is next_day
    assert later_of(None, next_day) is next_day


def test_a_loaded_page_takes_the_note_as_its_modified_date():
    page = (
        '<html><head><meta property="article:published_time" content="2019-07-03T04:22:07-04:00">'
        '<meta property="article:modified_time" content="2019-07-03T04:22:07-04:00"></head>'
        "<body><p><strong>Update July 3rd, 8:05AM ET:</strong> Added a tweet.</p></body></html>"
    )
    document = load_text(page, "a.html", "html")
    assert document.modified is not None and document.modified.source == "text:update-note"
    assert document.modified.moment == datetime(2019, 7, 3, 8, 5, tzinfo=EDT)


def test_an_hatom_update_time_is_the_modified_date_and_never_the_publication():
    """A theme's hidden ``span.updated`` is the update time; htmldate, which cannot tell it from
    the publication, does not get to make it the publication date."""
    page = (
        "<html><head><title>Blog</title></head><body><h1>A post</h1>"
        '<span class="updated rich-snippet-hidden">2019-01-07T17:27:31+02:00</span><span>Juni 19th, 2018</span>'
        "<p>Some text about a ruling, and more text so the page is not empty.</p></body></html>"
    )
    document = load_text(page, "blog.html", "html")
    assert document.modified is not None and document.modified.source == "html:class:updated"
    assert document.modified.day == date(2019, 1, 7)
    assert document.published is None  # the byline "Juni 19th, 2018" is read by no one: better none than wrong


def test_without_a_time_zone_database_a_note_keeps_its_local_time(monkeypatch):
    from zoneinfo import ZoneInfoNotFoundError  # noqa: PLC0415

    from provenance.published import stamps  # noqa: PLC0415

    def missing(key: str) -> None:
        raise ZoneInfoNotFoundError(key)

    monkeypatch.setattr(stamps, "ZoneInfo", missing)
    found = latest_update("<p>Update July 3rd, 8:05AM ET: Added a tweet.</p>", 0, PUBLISHED, "en")
    assert found is not None and found.moment == datetime(2019, 7, 3, 8, 5)
