"""Tests for the article's date as real pages write it: bylines in words, metadata in odd forms, offsets."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from provenance.model import Confidence
from provenance.published import find_dates
from provenance.published.byline import BYLINE_REACH_CHARS


def _html(head: str, body: str, title: str = "The harbour reopens") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def _day(page: str) -> tuple[str | None, str | None]:
    published = find_dates(page, "html").published
    return (published.day.isoformat(), published.source) if published is not None else (None, None)


LONG_TEXT = "<p>" + "The ferries ran again after the winter's storms closed the quay. " * 12 + "</p>"

# ---------------------------------------------------------------- bylines in words


@pytest.mark.parametrize(
    ("lang", "byline"),
    [
        ("en", '<div class="info"><span class="date-posted">Tuesday, 19 April 2016 20:41</span></div>'),
        ("ja", '<div class="pubdate">2019年4月4日</div>'),
        ("pl", '<div class="infobox"><div class="editor">opublikowano:  7 kwietnia 2021</div></div>'),
        ("de", '<div class="postdate"><span class="day">26</span> Okt 2018</div>'),
    ],
)
def test_a_date_written_under_the_headline_is_the_byline(lang: str, byline: str) -> None:
    """A short line right after the headline that names a full date is the byline, without a ``<time>``."""
    body = f'<div class="article"><h1>The harbour reopens</h1>{byline}{LONG_TEXT}</div>'
    page = _html("", body).replace("<html>", f'<html lang="{lang}">')
    published = find_dates(page, "html").published
    assert published is not None and published.source == "html:byline"
    assert published.confidence is Confidence.PROBABLE
    assert published.day in {date(2016, 4, 19), date(2019, 4, 4), date(2021, 4, 7), date(2018, 10, 26)}


def test_a_byline_above_the_headline_in_its_box_is_read() -> None:
    """A date just above the headline in the headline's own box is the byline (kickers, date blocks)."""
    body = (
        '<div class="head"><span class="stamp"><time datetime="2016-10-03T16:35:39Z">Posted on 3 Oct 2016</time>'
        "</span><h1>The harbour reopens</h1><p>Ferries run again.</p></div>" + LONG_TEXT
    )
    assert _day(_html("", body)) == ("2016-10-03", "html:byline")


def test_a_quoted_posts_time_after_the_headline_is_not_the_byline() -> None:
    """The ``<time>`` of a post quoted in the article (a tweet's card) does not date the article."""
    body = (
        '<div class="head"><span class="stamp"><time datetime="2016-10-03T16:35:39Z">3 Oct 2016</time></span>'
        "<h1>The harbour reopens</h1></div>"
        '<div class="card-tweet"><p>Ferries are back</p><time datetime="2016-09-30T15:13:45Z">Sep 30</time></div>'
        + LONG_TEXT
    )
    assert _day(_html("", body)) == ("2016-10-03", "html:byline")


def test_comment_dates_are_never_the_byline() -> None:
    """A comment section's dates (even WordPress comments, each an ``<article>``) date no article."""
    body = (
        "<article><h1>The harbour reopens</h1><p>Ferries run again.</p>"
        '<div id="comments"><article class="comment"><time datetime="2020-02-25T13:02:01+01:00">25.02.2020</time>'
        "<p>Good news.</p></article></div></article>"
    )
    published = find_dates(_html("", body), "html").published
    assert published is None or not published.source.startswith("html:byline")


def test_a_topic_class_naming_a_platform_is_no_quoted_post() -> None:
    """WordPress's tag classes (``tag-tweet-of-the-week``) name a topic: the article's dates stay read."""
    body = (
        '<article><div class="post type-post tag-tweet-of-the-week"><h1>The harbour reopens</h1>'
        '<p>By Ann <time itemprop="datePublished" datetime="2020-02-08 11:00">Feb 8, 2020</time></p>'
        f"{LONG_TEXT}</div></article>"
    )
    assert _day(_html("", body)) == ("2020-02-08", "html:itemprop:datePublished")


def test_the_byline_is_looked_for_only_near_the_headline() -> None:
    """A date line past the article's first paragraphs (a teaser, an event) is no byline."""
    body = f'<div class="article"><h1>The harbour reopens</h1>{LONG_TEXT * 2}<p class="event">19.05.2007</p></div>'
    assert len(LONG_TEXT * 2) > BYLINE_REACH_CHARS
    published = find_dates(_html("", body), "html").published
    assert published is None or published.source != "html:byline"


def test_the_headline_is_the_h1_the_title_names() -> None:
    """Of several ``<h1>`` (a logo, a breadcrumb), the one the page's title names is the headline."""
    body = (
        '<div class="top"><h1>You are here:</h1><p class="when">3 March 2001</p></div>'
        + LONG_TEXT
        + '<article><div class="kicker">Harbour</div><h1>The harbour reopens</h1>'
        '<p class="when">12 June 2019</p>' + LONG_TEXT + "</article>"
    )
    assert _day(_html("", body, title="Gazette - The harbour reopens")) == ("2019-06-12", "html:byline")


def test_a_headline_in_the_furniture_reads_no_byline_around_it() -> None:
    """When the only ``<h1>`` is the site's name in its header, the dates around it are not the byline."""
    body = '<div class="site-header"><h1>Gazette</h1><span>Thursday, 6 May 2021</span></div><div><p>Text.</p></div>'
    published = find_dates(_html("", body), "html").published
    assert published is None or published.source != "html:byline"


# ---------------------------------------------------------------- update stamps


@pytest.mark.parametrize(
    ("lang", "line", "day"),
    [
        ("ja", '<p class="date">2019年04月21日 12時00分更新</p>', date(2019, 4, 21)),
        ("ja", "<p>2019.03.26 lastupdate</p>", date(2019, 3, 26)),
        ("en", '<p class="meta">Updated June 13, 2019</p>', date(2019, 6, 13)),
    ],
)
def test_a_byline_that_shows_only_an_update_gives_that_day(lang: str, line: str, day: date) -> None:
    """A byline labelled as an update is the modified date, and the article's date when the page shows no other."""
    page = _html("", f"<article><h1>The harbour reopens</h1>{line}{LONG_TEXT}</article>").replace(
        "<html>", f'<html lang="{lang}">'
    )
    found = find_dates(page, "html")
    assert found.modified is not None and found.modified.day == day
    assert found.published is not None and found.published.day == day
    assert found.published.evidence == "an 'updated' time in the byline"


def test_a_byline_update_leaves_the_publication_it_shows_next_to_it() -> None:
    """"Published … Updated …" gives the publication as the article's date and the update as modified."""
    line = "<p>Publié le 29/10/2012 <em>Mis à jour le 30/10/2012 à 14h03</em></p>"
    found = find_dates(_html("", f"<article><h1>Le port</h1><div>{line}</div>{LONG_TEXT}</article>", "Le port"), "html")
    assert found.published is not None and found.published.day == date(2012, 10, 29)


def test_a_hidden_update_stamp_is_no_byline() -> None:
    """A rich snippet's hidden update time is not the date a reader sees, nor the article's date."""
    body = (
        '<article><h1>The harbour reopens</h1><div class="meta"><span class="updated rich-snippet-hidden">'
        "2019-01-07T17:27:31+02:00</span><span>Juni 19th, 2018</span></div>" + LONG_TEXT + "</article>"
    )
    published = find_dates(_html("", body), "html").published
    assert published is None or published.source != "html:byline"


# ---------------------------------------------------------------- metadata as pages write it


def test_json_ld_in_a_bare_cdata_section_is_read() -> None:
    """JSON-LD wrapped in ``<![CDATA[ … ]]>`` without comment markers is read."""
    ld = '<![CDATA[ {"@type": "NewsArticle", "datePublished": "2015-10-15T02:19:15.607Z"} ]]>'
    head = f'<script type="application/ld+json">{ld}</script><meta property="og:title" content="x">'
    assert _day(_html(head, "<p>x</p>")) == ("2015-10-15", "html:json-ld:datePublished")


def test_json_ld_typed_with_type_is_read() -> None:
    """A JSON-LD node typed with ``type`` instead of ``@type`` is the article all the same."""
    ld = '{"@context": "http://schema.org", "type": "Article", "datePublished": "Thu, 08 May 2014 14:04:53 -0400"}'
    found = find_dates(_html(f'<script type="application/ld+json">{ld}</script>', "<p>x</p>"), "html")
    assert found.published is not None and found.published.source == "html:json-ld:datePublished"
    assert found.published.moment == datetime(2014, 5, 8, 14, 4, 53, tzinfo=timezone(timedelta(hours=-4)))


@pytest.mark.parametrize(
    ("lang", "value", "moment", "confidence"),
    [
        ("de", "Di., 25.01.2022 - 14:45", datetime(2022, 1, 25, 14, 45), Confidence.CERTAIN),
        ("es", "10/05/2022 05:22 pm", datetime(2022, 5, 10, 17, 22), Confidence.PROBABLE),
        ("en", "05/05/2022 9:30 AM", datetime(2022, 5, 5, 9, 30), Confidence.CERTAIN),
    ],
)
def test_a_metadata_date_written_in_the_pages_language_is_read(
    lang: str, value: str, moment: datetime, confidence: Confidence
) -> None:
    """An Open Graph date written as the page shows dates (not ISO) is read in the page's language:
    certain, unless its day and month could be swapped."""
    head = f'<meta property="article:published_time" content="{value}">'
    page = f'<html lang="{lang}"><head>{head}</head><body></body></html>'
    published = find_dates(page, "html").published
    assert published is not None and published.moment == moment
    assert published.confidence is confidence


def test_an_rdfa_dublin_core_date_in_the_body_is_read() -> None:
    """Drupal's ``<span property="dc:date dc:created" content="…">`` states the publication."""
    body = '<h1>T</h1><span property="dc:date dc:created" content="2019-02-08T00:00:00+01:00"></span>'
    assert _day(_html("", body)) == ("2019-02-08", "html:meta:dc.date")


def test_a_bare_meta_date_loses_to_a_byline_of_another_day() -> None:
    """A meta named just ``date`` (a print or creation day on many sites) gives way to the byline's day."""
    head = '<meta name="date" content="2020-04-30">'
    body = '<article><h1>The harbour reopens</h1><p class="date"><time>29.04.2020, 12:01 Uhr</time></p></article>'
    page = _html(head, body).replace("<html>", '<html lang="de">')
    assert _day(page) == ("2020-04-29", "html:byline")


def test_a_bare_meta_date_the_byline_agrees_with_stays_certain() -> None:
    """When the byline shows the meta ``date``'s day, the certain metadata stays the evidence."""
    head = '<meta name="date" content="2016-12-15">'
    body = '<article><h1>The harbour reopens</h1><p class="date"><time>December 15, 2016 5:00 AM</time></p></article>'
    published = find_dates(_html(head, body), "html").published
    assert published is not None and (published.source, published.confidence) == ("html:meta:date", Confidence.CERTAIN)


# ---------------------------------------------------------------- the page's own offset


def test_a_utc_stamp_takes_the_offset_the_page_writes_with_a_space() -> None:
    """``2015-04-06 23:42:00-0400`` in the page gives the UTC ``article:published_time`` its local day."""
    head = '<meta property="article:published_time" content="2015-04-07T03:42:00+00:00">'
    body = '<h1>T</h1><span><time datetime="2015-04-06 23:42:00-0400">April 6</time></span>'
    published = find_dates(_html(head, body), "html").published
    assert published is not None and published.day == date(2015, 4, 6)


UTC_LD = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "%s"}</script>'


@pytest.mark.parametrize(
    ("stamp", "byline", "day"),
    [
        ("Wed, 04 May 2022 02:41:00 GMT", "Ariel Melgar <span>3/5/2022 22:41</span>", date(2022, 5, 3)),
        ("2022-05-03T23:10:00Z", "Por Ana Ruiz, 4/5/2022 5:10", date(2022, 5, 4)),
    ],
)
def test_a_utc_stamp_takes_the_offset_its_byline_shows(stamp: str, byline: str, day: date) -> None:
    """A byline without an offset that shows the UTC stamp's instant at a real offset gives it that day."""
    page = _html(UTC_LD % stamp, f"<div><h1>T</h1><p>{byline}</p>{LONG_TEXT}</div>")
    page = page.replace("<html>", '<html lang="es">')
    published = find_dates(page, "html").published
    assert published is not None and (published.day, published.confidence) == (day, Confidence.CERTAIN)
    assert "its byline shows" in published.evidence


@pytest.mark.parametrize(
    "byline",
    [
        "Ariel Melgar <span>3/5/2022 22:17</span>",  # another minute: another instant, an update
        "Ariel Melgar <span>4/5/2022 02:41</span>",  # the UTC wall time itself
        "Ariel Melgar <span>2/5/2022 22:41</span>",  # a day and four hours: no offset in use
    ],
)
def test_a_utc_stamp_keeps_its_day_unless_the_byline_shows_the_same_instant(byline: str) -> None:
    """A byline time that is not the UTC stamp's instant at an offset in use leaves the UTC day."""
    page = _html(UTC_LD % "Wed, 04 May 2022 02:41:00 GMT", f"<div><h1>T</h1><p>{byline}</p>{LONG_TEXT}</div>")
    page = page.replace("<html>", '<html lang="es">')
    published = find_dates(page, "html").published
    assert published is not None and published.day == date(2022, 5, 4)


def test_a_day_only_metadata_date_is_read_as_the_utc_day_of_the_pages_stamp() -> None:
    """A day-only meta (``sailthru.date``) that is the UTC day of the page's own local stamp takes its local day."""
    head = '<meta name="sailthru.date" content="2014-06-30">'
    body = '<h1>T</h1><time class="updated" datetime="2014-06-29 20:08:00-0400" pubdate>June 29, 2014</time>'
    published = find_dates(_html(head, body), "html").published
    assert published is not None and published.day == date(2014, 6, 29)
    assert published.confidence is Confidence.CERTAIN


def test_a_day_only_metadata_date_is_not_moved_by_a_teasers_time() -> None:
    """A stamp the page does not label as its publication (a teaser's ``<time>``) leaves the metadata's day."""
    head = '<meta name="sailthru.date" content="2014-06-30">'
    body = '<h1>T</h1><ul class="more"><li><time datetime="2014-06-29 20:08:00-0400">June 29</time></li></ul>'
    published = find_dates(_html(head, body), "html").published
    assert published is not None and published.day == date(2014, 6, 30)


def test_a_day_only_metadata_date_stays_when_the_pages_stamps_disagree() -> None:
    """Two local stamps on that UTC day naming different local days leave the metadata's day."""
    head = '<meta name="sailthru.date" content="2014-06-30">'
    body = (
        '<h1>T</h1><time pubdate datetime="2014-06-29 20:08:00-0400">a</time>'
        '<time pubdate datetime="2014-07-01T01:30:00+02:00">b</time>'
    )
    published = find_dates(_html(head, body), "html").published
    assert published is not None and published.day == date(2014, 6, 30)


# ---------------------------------------------------------------- htmldate's evidence


def test_a_date_only_in_a_frameworks_state_script_is_weak() -> None:
    """htmldate's day that only a script's state JSON holds (a promotion's start) is weak, never probable."""
    state = '{"promos": [{"startDate": "2020-06-30T22:00:00.000Z", "endDate": "2020-07-30T23:00:00.000Z"}]}'
    body = f"<h1>Best of the harbour</h1>{LONG_TEXT}<script>window.__STATE__ = {state};</script>"
    published = find_dates(_html("", body), "html").published
    assert published is None or published.confidence is Confidence.WEAK
