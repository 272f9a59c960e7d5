"""Rendered post cards copied or scraped to text: name, @handle, text, time and date on lines of their own."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from provenance import Options, check_text
from provenance.posted import shown_span


def cards(text: str, lang: str | None = None) -> list:
    """The card citations a plain-text article with ``text`` makes."""
    prefix = f"lang: {lang}\n\n" if lang else ""
    return [c for c in check_text(prefix + text, "article.txt", "text").citations if c.form == "card-text"]


@pytest.mark.parametrize(
    ("card", "name", "handle", "text", "shown"),
    [
        ("Harbour News\n@harbour_news\nThe 7:40 ferry is cancelled.\n3:15 PM · Jun 7, 2019",
         "Harbour News", "harbour_news", "The 7:40 ferry is cancelled.", date(2019, 6, 7)),
        ("Harbour News @harbour_news · Follow\nThe 7:40 ferry is cancelled.\nMore at noon.\n"
         "3:15 PM · Jun 7, 2019 · Twitter for iPhone",
         "Harbour News", "harbour_news", "The 7:40 ferry is cancelled.\nMore at noon.", date(2019, 6, 7)),
        ("Harbour News\n@harbour_news\n·\nFollow\nThe 7:40 ferry is cancelled.\n9:02 AM - June 8, 2019",
         "Harbour News", "harbour_news", "The 7:40 ferry is cancelled.", date(2019, 6, 8)),
        ("Rathaus Presse\n@rathaus_presse\nDie Sitzung beginnt um 10 Uhr.\n10:02 · 8. Juni 2019",
         "Rathaus Presse", "rathaus_presse", "Die Sitzung beginnt um 10 Uhr.", date(2019, 6, 8)),
        ("港湾ニュース\n@minato_news\nフェリーは欠航です。\n午後3:15 · 2019年6月7日",
         "港湾ニュース", "minato_news", "フェリーは欠航です。", date(2019, 6, 7)),
        ("@harbour_news\nThe 7:40 ferry is cancelled.\n3:15 PM • Jun 7, 2019",
         None, "harbour_news", "The 7:40 ferry is cancelled.", date(2019, 6, 7)),
    ],
)
def test_a_copied_card_is_an_x_embed_with_name_handle_text_and_date(card, name, handle, text, shown):
    """The card's lines give the display name, handle, text and shown date, in any layout and language."""
    (citation,) = cards(f"The council met on Tuesday.\n\n{card}\n\nThe next meeting is in two weeks.\n")
    assert (citation.platform, citation.kind) == ("x", "embed")
    assert (citation.display_name, citation.handle, citation.text, citation.shown_date) == (name, handle, text, shown)


def test_two_cards_in_a_row_are_two_posts():
    """Each stamp line closes its own card; the second card's lines are not the first's."""
    found = cards(
        "Harbour News\n@harbour_news\nFirst post.\n3:15 PM · Jun 7, 2019\n\n"
        "City Desk\n@citydesk\nSecond post.\n4:20 PM · Jun 7, 2019\n"
    )
    assert [(c.handle, c.text) for c in found] == [("harbour_news", "First post."), ("citydesk", "Second post.")]


@pytest.mark.parametrize(
    "text",
    [
        "The meeting started at\n3:15 PM · Jun 7, 2019\nand ended late.",  # no handle above the stamp
        "Follow us @harbour_news.\n" + "A line of the article.\n" * 40 + "3:15 PM · Jun 7, 2019",  # too far above
        "Harbour News\n@harbour_news\nThe ferry is cancelled.\nUpdated 3:15 PM · Jun 7, 2019",  # not a stamp line
        "Harbour News\n@harbour_news\nThe ferry is cancelled.\n3:15 PM · soon",  # no date
        "Write to desk@harbour.example\nThe ferry is cancelled.\n3:15 PM · Jun 7, 2019",  # an e-mail address
    ],
)
def test_text_that_only_looks_like_a_card_is_not_one(text):
    """Without a handle line above a time-and-date line, close enough, there is no card."""
    assert cards(text) == []


def test_html_pages_are_not_read_for_cards():
    """In HTML the lines are markup: rendered cards there are read by the embed readers."""
    page = "<html><body><p>Harbour News<br>@harbour_news<br>Text<br>3:15 PM · Jun 7, 2019</p></body></html>"
    assert [c.form for c in check_text(page, "a.html", "html").citations if c.form == "card-text"] == []


def test_a_card_date_is_a_day_in_an_unknown_zone():
    """A card shows the copier's local date: its span is the day anywhere on Earth, not X's UTC day."""
    (citation,) = cards("Harbour News\n@harbour_news\nText.\n11:50 PM · Jun 7, 2019\n")
    span = shown_span(citation)
    assert span is not None
    assert span.earliest < datetime(2019, 6, 7, tzinfo=UTC) < datetime(2019, 6, 8, 11, tzinfo=UTC) < span.latest


def test_a_card_dated_the_next_local_day_is_not_an_error_after_the_article():
    """A card showing the day after the article's UTC day, as a copier east of UTC saw it, raises no PV101."""
    report = check_text(
        "Published: 2019-06-07T23:00:00+00:00\n\nHarbour News\n@harbour_news\nText.\n8:15 AM · Jun 8, 2019\n",
        "article.txt", "text", Options(now=datetime(2026, 1, 1, tzinfo=UTC)),
    )
    assert [f.code for f in report.findings if f.code == "PV101"] == []
