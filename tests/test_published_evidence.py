"""Tests for the evidence and confidence of the article's dates, and what the rules make of them."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import htmldate
import pytest
from helpers import FIXTURES, shared_corpus

from provenance import Options, check_path, check_text
from provenance.config import parse_published
from provenance.engines import check_item
from provenance.formats.json_format import file_dict
from provenance.htmltree import parse_html
from provenance.load import load_path, load_text
from provenance.model import ArticleDate, Citation, Confidence, FileReport, Severity
from provenance.published import find_dates, parse_stamp
from provenance.published.evidence import EVIDENCE
from provenance.published.fallback import HTMLDATE_SETTINGS
from provenance.published.furniture import Furniture, without_furniture
from provenance.rules import post_after_article
from provenance.rules.base import Context
from provenance.sources.item import Item

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 21, tzinfo=UTC)


def _tweet(post_id: str, shown: str) -> str:
    """An X embed of post ``post_id`` showing the date ``shown``."""
    return (
        '<blockquote class="twitter-tweet"><p lang="en">Normal timetable from today.</p>&mdash; Harbour Office '
        f'(@harbouroffice) <a href="https://twitter.com/harbouroffice/status/{post_id}">{shown}</a></blockquote>'
    )


#: X posts made 2021-05-10 10:00, 2019-07-04 01:00 and 2019-07-04 03:10 UTC.
TWEET = _tweet("1391694500459446272", "May 10, 2021")
EVENING_BEFORE = _tweet("1146584407864246272", "July 4, 2019")
EVENING_AFTER = _tweet("1146617123435446272", "July 4, 2019")

#: The published date's confidence and evidence for every fixture under fixtures/load.
CONFIDENCE: dict[str, tuple[str, str] | None] = {
    "byline-updated.html": ("probable", "time in the byline"),
    "byline.html": ("probable", "time in the byline"),
    "copyright-only.html": None,
    "date-prefix.txt": ("certain", "text prefix date"),
    "header-today.html": ("weak", "htmldate's search of the whole page"),
    "htmldate-only.html": ("probable", "htmldate's reading of the page's markup"),
    "itemprop-time.html": ("certain", "itemprop datePublished"),
    "jsonld-graph.html": ("certain", "JSON-LD datePublished"),
    "jsonld-list.html": ("certain", "JSON-LD datePublished"),
    "malformed-front-matter.md": None,
    "meta-names.html": ("certain", "meta parsely-pub-date"),
    "metadata-lines.txt": ("certain", "text prefix published"),
    "no-date.html": None,
    "og-and-jsonld.html": ("certain", "meta article:published_time"),
    "plain.md": None,
    "prose-date.txt": None,
    "same-day-refine.html": ("certain", "JSON-LD datePublished"),
    "saved-value-attr.html": ("certain", "meta article:published_time"),
    "time-pubdate.html": ("probable", "time[pubdate] on the page"),
    "toml-front-matter.md": ("certain", "front matter publishDate"),
    "url-path.html": ("probable", "the date in this page's URL"),
    "yaml-front-matter.md": ("certain", "front matter date"),
}


def _page(head: str, body: str = "<p>Nothing else.</p>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def _case(name: str) -> FileReport:
    return check_path(FIXTURES / "cases" / name, Options(now=NOW))


@pytest.mark.parametrize("name", sorted(CONFIDENCE))
def test_fixture_published_dates_carry_their_evidence(name: str) -> None:
    """Each fixture's published date carries the expected confidence and evidence."""
    published = load_path(FIXTURES / "load" / name).published
    expected = CONFIDENCE[name]
    assert (None if published is None else (str(published.confidence), published.evidence)) == expected


def test_every_load_fixture_has_a_confidence_entry() -> None:
    """The confidence table covers every file under fixtures/load."""
    assert sorted(p.name for p in (FIXTURES / "load").iterdir()) == sorted(CONFIDENCE)


def test_evidence_kinds_are_named_once_and_documented() -> None:
    """Every kind of evidence has a unique name, and the docs' table lists each with its confidence."""
    names = [evidence.name for evidence in EVIDENCE]
    assert len(names) == len(set(names))
    docs = (ROOT / "docs" / "article-dates.md").read_text(encoding="utf-8")
    for evidence in EVIDENCE:
        assert f"| `{evidence.name}` | {evidence.confidence} |" in docs, evidence.name


def test_confidence_orders_and_prints_in_lower_case() -> None:
    """Certain beats probable beats weak, and each prints as its lower-case name."""
    assert Confidence.CERTAIN > Confidence.PROBABLE > Confidence.WEAK
    assert [str(c) for c in Confidence] == ["weak", "probable", "certain"]


def test_a_date_the_caller_gives_is_certain() -> None:
    """``--published`` and a date built without evidence are certain."""
    given = parse_published("2021-05-01")
    assert (given.confidence, given.evidence) == (Confidence.CERTAIN, "--published")
    assert ArticleDate(date(2021, 5, 1), "test").confidence is Confidence.CERTAIN


# ---------------------------------------------------------------- the page's own offset


@pytest.mark.parametrize(
    ("value", "moment"),
    [
        ("2019-07-03 21:30:00 EDT", datetime(2019, 7, 3, 21, 30, tzinfo=timezone(timedelta(hours=-4)))),
        ("2019-07-03 9:30 PM CDT", datetime(2019, 7, 3, 21, 30, tzinfo=timezone(timedelta(hours=-5)))),
        ("2019-07-03 12:05 a.m.", datetime(2019, 7, 3, 0, 5)),
        ("2019-07-03 21:30 XYZ", datetime(2019, 7, 3, 21, 30)),
    ],
)
def test_parse_stamp_reads_zone_names_and_twelve_hour_clocks(value: str, moment: datetime) -> None:
    """A zone abbreviation news sites use gives the offset, and a 12-hour clock keeps its half of the day."""
    stamp = parse_stamp(value, "test")
    assert stamp is not None and stamp.moment == moment and stamp.moment.utcoffset() == moment.utcoffset()


def test_a_twelve_hour_clock_is_not_read_by_the_lenient_mail_date_parser() -> None:
    """A byline of "July 3, 2019 9:30 PM EST" means 21:30 at UTC−5, not 9:30 in the morning."""
    assert parse_stamp("July 3, 2019 9:30 PM EST", "test") is None
    byline = _page("", "<h1>T</h1><time>July 3, 2019 9:30 PM EST</time>")
    found = find_dates(byline, "html").published
    assert found is not None
    assert found.moment == datetime(2019, 7, 3, 21, 30, tzinfo=timezone(timedelta(hours=-5)))


def test_a_utc_stamp_is_read_at_the_offset_the_page_states_for_the_same_instant() -> None:
    """A US evening article stamped in UTC keeps its own day when the page writes the same instant with its offset."""
    page = _page(
        '<meta property="article:published_time" content="2019-07-04T02:30:00Z">',
        '<h1>T</h1><time datetime="2019-07-03T21:30:00-05:00">July 3, 9:30 p.m.</time>',
    )
    published = find_dates(page, "html").published
    assert published is not None and published.day == date(2019, 7, 3)
    assert published.moment == datetime(2019, 7, 4, 2, 30, tzinfo=UTC)  # the same instant
    assert published.moment is not None and published.moment.utcoffset() == timedelta(hours=-5)
    assert published.confidence is Confidence.CERTAIN


def test_a_utc_stamp_takes_the_offset_of_the_pages_nearest_stamp() -> None:
    """Without the same instant written locally, the offset of the page's nearest stated stamp is used."""
    head = (
        '<meta property="article:published_time" content="2019-07-04T01:30:00Z">'
        '<meta property="article:modified_time" content="2019-07-04T09:00:00-04:00">'
    )
    published = find_dates(_page(head), "html").published
    assert published is not None and published.day == date(2019, 7, 3)
    assert published.isoformat() == "2019-07-03T21:30:00-04:00"
    alone = head.split("<meta property=\"article:mod", maxsplit=1)[0]
    assert find_dates(_page(alone), "html").published == ArticleDate(
        date(2019, 7, 4), "html:meta:article:published_time", datetime(2019, 7, 4, 1, 30, tzinfo=UTC),
        Confidence.CERTAIN, "meta article:published_time",
    )


def test_a_us_evening_post_is_judged_against_the_articles_own_clock() -> None:
    """A post made before a 9:30 p.m. byline is not after the article, one made after it is."""
    page = _page("", f"<h1>T</h1><time>July 3, 2019 9:30 PM CDT</time>{EVENING_BEFORE}")
    assert [f.code for f in check_text(page, "a.html", "html", Options(now=NOW)).findings] == []
    later = page.replace(EVENING_BEFORE, EVENING_AFTER)
    (finding,) = check_text(later, "a.html", "html", Options(now=NOW)).findings
    assert (finding.code, finding.severity) == ("PV101", Severity.WARNING)  # a byline is probable


# ---------------------------------------------------------------- first publication


def test_first_publication_wins_over_a_later_publication_stamp() -> None:
    """When two publication vocabularies disagree by more than an hour, the earlier is the first publication."""
    head = (
        '<meta property="article:published_time" content="2020-03-12T09:00:00+01:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2020-03-09T18:00:00+01:00", "dateModified": "2020-03-12T09:00:00+01:00"}</script>'
    )
    found = find_dates(_page(head), "html")
    assert found.published is not None and found.published.isoformat() == "2020-03-09T18:00:00+01:00"
    assert found.modified is not None and found.modified.isoformat() == "2020-03-12T09:00:00+01:00"
    near = head.replace("2020-03-09T18:00:00", "2020-03-12T08:30:00")
    published = find_dates(_page(near), "html").published
    assert published is not None and published.source == "html:meta:article:published_time"


def test_a_byline_time_labelled_updated_is_the_modified_date() -> None:
    """A byline's "Updated" time is not the publication; the published time after it is."""
    body = '<h1>T</h1><p>Aktualisiert am <time>7. März 2023</time> | <time>5. März 2023</time></p>'
    found = find_dates(_page("", body), "html")
    assert found.published is not None and (found.published.day, found.published.source) == (
        date(2023, 3, 5), "html:byline"
    )
    assert found.modified is not None and found.modified.day == date(2023, 3, 7)
    classed = '<h1>T</h1><time class="updated">7 March 2023</time><time>5 March 2023</time>'
    published = find_dates(_page("", classed), "html").published
    assert published is not None and published.day == date(2023, 3, 5)


# ---------------------------------------------------------------- furniture and htmldate


def test_dates_in_the_site_header_and_sidebar_are_not_the_byline() -> None:
    """A ``<time>`` in the site's header or a sidebar is skipped (and the site's ``<h1>`` is no headline);
    one in the article's header counts."""
    body = (
        '<header class="site-header"><h1>Gazette</h1><time>6 May 2021</time></header>'
        '<aside><time class="published">1 May 2021</time></aside>'
        "<article><header><h1>Market reopens</h1><aside><time>4 May 2021</time></aside></header></article>"
    )
    published = find_dates(_page("", body), "html").published
    assert published is not None and (published.day, published.source) == (date(2021, 5, 4), "html:byline")


@pytest.mark.parametrize(
    ("markup", "furniture"),
    [
        ("<aside><time>x</time></aside>", True),
        ("<article><aside><time>x</time></aside></article>", False),
        ("<nav><article><time>x</time></article></nav>", False),
        ('<div id="Sidebar"><p><time>x</time></p></div>', True),
        ('<div class="lay-sidebar"><time>x</time></div>', False),
        ('<div role="banner"><time>x</time></div>', True),
        ("<header><h1>Story</h1><time>x</time></header>", False),
        ('<header class="site-header"><h1>Site</h1><time>x</time></header>', True),
        ('<div class="entry-header"><time>x</time></div>', False),
    ],
)
def test_furniture_is_a_landmark_outside_every_article(markup: str, furniture: bool) -> None:
    """A date stands in the furniture inside a header, footer, nav or aside (by tag, role or class
    word) outside every article; a header holding the headline is the article's."""
    page = parse_html(f"<html><body>{markup}</body></html>")
    assert page is not None
    (time,) = page.iter("time")
    assert (time in Furniture()) is furniture


def test_htmldate_is_weak_when_its_date_stands_only_in_the_site_header() -> None:
    """htmldate's day is weak when it comes from the site's header and probable when the article shows it."""
    header = '<div id="header"><span class="date">6 May 2021</span></div>'
    published = find_dates(_page("", header + "<div><h2>News</h2><p>Text.</p></div>"), "html").published
    assert published is not None and (published.day, published.confidence) == (date(2021, 5, 6), Confidence.WEAK)
    article = '<div><h2>News</h2><span class="date">6 May 2021</span><p>Text.</p></div>'
    published = find_dates(_page("", article), "html").published
    assert published is not None and (published.day, published.confidence) == (date(2021, 5, 6), Confidence.PROBABLE)


def test_htmldate_copyright_year_is_no_date() -> None:
    """htmldate's 1 January of a copyright line's year gives the article no date: it is the site's year."""
    assert find_dates(_page("", "<p>Text.</p><p>(c) 2015 - 2018 Example</p>"), "html").published is None


def test_a_weak_htmldate_answer_on_the_first_of_a_month_is_no_date() -> None:
    """A month htmldate finds only in the text (a dated path of the site's archive) gives no day of the article."""
    body = "<p>Text about the harbour.</p><p><a href='/archive/2018/08/'>Archive</a></p>"
    assert find_dates(_page("", body), "html").published is None


# ---------------------------------------------------------------- rules


def test_a_weak_date_makes_a_post_after_it_a_warning_that_says_why() -> None:
    """Another page's URL date and a copyright year give a weak date: PV101 warns, naming the evidence."""
    report = _case("dates_weak_fallback.html")
    (finding,) = [f for f in report.findings if f.code == "PV101"]
    args = dict(finding.args)
    assert finding.severity is Severity.WARNING
    assert (args["confidence"], args["evidence"]) == ("weak", "htmldate's search of the whole page")
    assert "weak evidence" in finding.message


def test_a_configured_error_severity_does_not_make_a_weak_date_an_error() -> None:
    """Configuring PV101 as an error keeps findings on uncertain dates warnings, and certain ones errors."""
    options = Options(now=NOW, severities={"PV101": Severity.ERROR})
    page = _page("", f"<h1>T</h1><p>Text.</p>{TWEET}<p>© 2021 Gazette, <a href='/2021/03/02/x'>x</a></p>")
    (finding,) = [f for f in check_text(page, "a.html", "html", options).findings if f.code == "PV101"]
    assert finding.severity is Severity.WARNING
    dated = page.replace("<head></head>", '<head><meta property="article:published_time" content="2021-05-01"></head>')
    (finding,) = [f for f in check_text(dated, "a.html", "html", options).findings if f.code == "PV101"]
    assert finding.severity is Severity.ERROR
    milder = Options(now=NOW, severities={"PV101": Severity.INFO})
    assert {f.severity for f in check_text(page, "a.html", "html", milder).findings if f.code == "PV101"} == {
        Severity.INFO
    }


def test_stale_post_says_what_an_uncertain_date_rests_on() -> None:
    """PV103 names the evidence of a probable date, and is only info on a weak one."""
    old_post = EVENING_BEFORE
    page = _page('<link rel="canonical" href="https://example.org/2021/05/12/story/">', f"<p>Text.</p>{old_post}")
    (finding,) = [f for f in check_text(page, "a.html", "html", Options(now=NOW)).findings if f.code == "PV103"]
    assert finding.severity is Severity.WARNING
    assert "rests on the date in this page's URL, probable evidence" in finding.message
    weak = _page("", f"<p>Text.</p>{old_post}<p><a href='https://news.example.org/2021/03/02/ferries/'>x</a></p>")
    (finding,) = [f for f in check_text(weak, "a.html", "html", Options(now=NOW)).findings if f.code == "PV103"]
    assert finding.severity is Severity.INFO and dict(finding.args)["confidence"] == "weak"


@dataclasses.dataclass(frozen=True)
class _Placed(Citation):
    """A citation with the in-article decision that furniture detection will add."""

    in_article: bool = True


def test_post_after_article_reads_the_citations_in_article_decision() -> None:
    """A post in the page's furniture after a certain date is a warning; in the article it is an error."""
    document = load_text("x", "a.txt", "text")
    published = ArticleDate(date(2021, 5, 1), "test")
    post: dict[str, Any] = {
        "platform": "x", "kind": "embed", "form": "blockquote", "line": 1, "column": 1, "shown_date": date(2021, 5, 10),
    }

    def severities(citation: Citation) -> list[Severity | None]:
        context = Context(document, (citation,), published, None, None, NOW)
        return [problem.severity for problem in post_after_article.check(context)]

    assert severities(_Placed(**post, in_article=True)) == [None]  # the rule's default: error
    assert severities(_Placed(**post, in_article=False)) == [Severity.WARNING]
    assert severities(Citation(**post)) == [None]


# ---------------------------------------------------------------- JSON and news sitemaps


def test_the_json_report_carries_evidence_and_confidence() -> None:
    """``published`` and ``modified`` come with their evidence and confidence in JSON."""
    file = file_dict(_case("dates_published_and_modified.html"))
    assert (file["published_evidence"], file["published_confidence"]) == ("JSON-LD datePublished", "certain")
    assert (file["modified_evidence"], file["modified_confidence"]) == ("meta article:modified_time", "certain")
    empty = file_dict(check_text("no date", "a.txt", "text"))
    assert [empty[k] for k in ("published_evidence", "published_confidence", "modified_confidence")] == [None] * 3


def test_a_news_sitemap_date_beats_a_weak_guess_but_not_a_stated_date() -> None:
    """A news sitemap's date replaces a date the page only guesses, never one it states."""
    sitemap = parse_stamp("2021-05-12T08:00:00Z", "news-sitemap s.xml")
    assert sitemap is not None
    stated = dataclasses.replace(sitemap, evidence="news sitemap publication_date")
    weak_page = (FIXTURES / "cases" / "dates_weak_fallback.html").read_bytes()
    report = check_item(Item("k", "a.html", data=weak_page, published=stated), Options(now=NOW))
    assert report.published == stated
    assert [f.code for f in report.findings if f.code == "PV101"] == []
    dated = (FIXTURES / "cases" / "dates_us_evening.html").read_bytes()
    report = check_item(Item("k", "b.html", data=dated, published=stated), Options(now=NOW))
    assert report.published is not None and report.published.source == "html:meta:article:published_time"


# ---------------------------------------------------------------- htmldate alone


def test_where_htmldate_alone_is_right_provenance_is_right() -> None:
    """On every corpus page where htmldate alone finds the labelled day, provenance finds that day too."""
    corpus, labels = shared_corpus()
    checked = 0
    for entry in labels:
        if entry["article_published"] is None:
            continue
        document = load_path(corpus / entry["file"])
        if htmldate.find_date(document.text, **HTMLDATE_SETTINGS) != entry["article_published"]:
            continue
        checked += 1
        assert document.published is not None, entry["file"]
        assert document.published.day.isoformat() == entry["article_published"], entry["file"]
    assert checked > 0



def test_without_furniture_empties_landmarks_quotes_and_scripts_only() -> None:
    """Landmarks outside the article (by tag, role, class or id word), quoted posts and comment
    sections anywhere, and scripts but JSON-LD are emptied; their tails, the article's own
    header, and plain elements stay."""
    page = parse_html(
        "<html><head><script>var d='2001-01-01'</script>"
        '<script type="application/ld+json">{"d": "2002-02-02"}</script></head><body>'
        "<nav>2003-03-03</nav>tail1<div role=Navigation>2004-04-04</div><p id=site-footer>2005-05-05</p>"
        "<div CLASS='Sidebar x'>2006-06-06</div><span>2007-07-07</span>"
        "<article><header>2008-08-08</header><aside>2009-09-09</aside>"
        "<blockquote>2010-10-10</blockquote>tail2<div class=comment-list>2011-11-11</div>"
        "<div class=tag-comments>2012-12-12</div><div itemprop=comment>2013-01-13</div>"
        "<div itemtype=https://schema.org/Comment/>2014-02-14</div></article></body></html>",
        comments=False,
    )
    assert page is not None
    markup = without_furniture(page)
    for kept in ("2002-02-02", "tail1", "2007-07-07", "2008-08-08", "2009-09-09", "tail2", "2012-12-12"):
        assert kept in markup
    for emptied in ("2001-01-01", "2003-03-03", "2004-04-04", "2005-05-05", "2006-06-06", "2010-10-10",
                    "2011-11-11", "2013-01-13", "2014-02-14"):
        assert emptied not in markup
