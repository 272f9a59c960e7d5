"""The helpers platform modules read their embed markup with, and the link forms embeds add."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from lxml import etree

from provenance.cite import shown_day
from provenance.platforms import instagram, owner, parse_url
from provenance.platforms.markup import clean_lines, date_after, inner_text, instant, links, strings

BLUESKY_TID = "3lbq7mxsiek2v"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (" on Apr 27, 2020 at 9:24am PDT", "Apr 27, 2020 at 9:24am PDT"),
        (" am 23. Okt 2017 um 0:31 Uhr", "23. Okt 2017 um 0:31 Uhr"),
        (" el 16 de Jul de 2016 a la(s) 8:48 PDT", "16 de Jul de 2016 a la(s) 8:48 PDT"),
        (" in data 16 luglio 2016 alle ore 8:48", "16 luglio 2016 alle ore 8:48"),
        (" November 25, 2024 at 12:58 AM", "November 25, 2024 at 12:58 AM"),
        (" 20 novembre 2024 à 14:43", "20 novembre 2024 à 14:43"),
    ],
)
def test_date_after_a_connector_keeps_its_time(text, shown):
    """A date after a short connector word is found with its time of day."""
    span = date_after(text, 0)
    assert span is not None and text[span[0] : span[1]] == shown


@pytest.mark.parametrize("text", [" said nothing at all", " and then, much later, on Apr 27, 2020"])
def test_no_date_after_prose(text):
    """Prose, or a date beyond a short connector, is no shown date."""
    assert date_after(text, 0) is None


@pytest.mark.parametrize(
    ("value", "moment"),
    [
        ("2016-07-22T03:32:07+00:00", datetime(2016, 7, 22, 3, 32, 7, tzinfo=UTC)),
        ("2026-03-08T22:10:00.000Z", datetime(2026, 3, 8, 22, 10, tzinfo=UTC)),
        ("2017-10-23T09:31:37+02:00", datetime(2017, 10, 23, 9, 31, 37, tzinfo=timezone(timedelta(hours=2)))),
        ("2017-10-23T07:31:37", None),
        ("2017-10-23", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_instant_needs_a_zone(value, moment):
    """Only an ISO 8601 time with a zone is an exact instant."""
    assert instant(value) == moment


def test_clean_lines():
    """Lines are stripped, inner spaces collapsed, blank lines dropped; nothing left is None."""
    assert clean_lines("  a   b \n\n\t c\n") == "a b\nc"
    assert clean_lines(" \n ") is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("December 6, 2017", date(2017, 12, 6)),
        ("Jun 16, 2019 at 7:30am PDT", date(2019, 6, 16)),
        ("23. Okt 2017 um 0:31 Uhr", date(2017, 10, 23)),
        ("November 25, 2024 at 12:58 AM", date(2024, 11, 25)),
        ("December 6, 2017 and more words", None),
        ("2017 4月 10 8:24午後 PDT", None),
    ],
)
def test_shown_day_reads_a_date_and_its_time(text, day):
    """A shown date is a date alone or a date then its time of day; anything else after it is not."""
    assert shown_day(text) == day


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("A post shared by Spice Band (@spice.band) on", ("Spice Band", "spice.band")),
        ("Ein Beitrag geteilt von Ursula von der Leyen (@vonderleyen)", ("Ursula von der Leyen", "vonderleyen")),
        ("港の写真さん(@minato.photo)がシェアした投稿 -", ("港の写真", "minato.photo")),
        ("(@alone)", (None, "alone")),
    ],
)
def test_instagram_attribution(line, expected):
    """The phrase (in any listed language) or a name standing first gives the name; the handle always."""
    found = instagram.read_attribution(line)
    assert found is not None and found[:2] == expected


def test_bluesky_rendered_frame_is_a_post_link():
    """``embed.bsky.app/embed/DID/app.bsky.feed.post/RKEY`` names the post."""
    ref = parse_url(f"https://embed.bsky.app/embed/did:plc:abc/app.bsky.feed.post/{BLUESKY_TID}?id=9")
    assert ref is not None and (ref.platform, ref.post_id) == ("bluesky", BLUESKY_TID)
    assert ref.url == f"https://bsky.app/profile/did:plc:abc/post/{BLUESKY_TID}"


def test_youtube_playlist_frame_is_no_video():
    """``/embed/videoseries`` plays a playlist: it has the shape of a video ID but names none."""
    assert parse_url("https://www.youtube.com/embed/videoseries?list=PLP7HaNDU4Cifov7C2fQM8Ij6Ew_uPHEXW") is None


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.instagram.com/explore/", "instagram"),
        ("instagram://media?id=1", "instagram"),
        ("at://did:plc:abc/app.bsky.actor.profile/self", "bluesky"),
        ("m.facebook.com/home.php", "facebook"),
        ("https://example.com/a", None),
        ("http://[::1", None),
    ],
)
def test_owner_of_a_url(url, name):
    """The platform that owns a URL's host or scheme, whether or not it names a post."""
    found = owner(url)
    assert (found.name if found is not None else None) == name


def _element(markup: str, tag: str = "blockquote") -> etree._Element:
    root = etree.fromstring(markup.encode(), etree.HTMLParser(encoding="utf-8"))
    return next(root.iter(tag))


def test_strings_read_breaks_and_paragraph_ends_as_line_breaks():
    """A ``<br>`` is a line break of its own, and so is the end of each paragraph; comments are no text."""
    element = _element("<blockquote><p>one<br>two <!-- note -->three</p>tail</blockquote>")
    assert strings(element) == ["one", "\n", "two ", "three", "\n", "tail"]
    assert inner_text(element, " ") == "one \n two  three \n tail"
    assert inner_text(element, " ", strip=True) == "one two three tail"


def test_strings_of_scripts_styles_templates_and_ruby_are_their_own():
    """What a script, style sheet, template or ruby annotation holds is not the text around it."""
    element = _element(
        "<blockquote>a<script>code()</script>b<style>p{}</style><template>t<br></template>"
        "<ruby>漢<rt>kan</rt></ruby></blockquote>"
    )
    assert inner_text(element) == "ab\n漢"
    assert inner_text(next(element.iter("script"))) == "code()"
    assert inner_text(next(element.iter("template"))) == "t"


def test_links_are_anchors_with_an_href():
    element = _element("<blockquote><a href='x'>1</a><a>2</a><a href=''>3</a></blockquote>")
    assert [inner_text(anchor) for anchor in links(element)] == ["1", "3"]

