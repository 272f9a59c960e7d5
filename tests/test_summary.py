"""The running summary of an audit (Tally), post ages, and the readable text summary."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from helpers import FIXTURES

from provenance import check_path
from provenance.formats import json_format
from provenance.formats.summary import (
    AGE_BUCKETS,
    FAILURES_KEPT,
    SLOWEST_KEPT,
    Summary,
    Tally,
    age_bucket,
    post_age_days,
    summarize,
)
from provenance.formats.text import render_summary, render_summary_lines
from provenance.model import ArticleDate, Citation, FileReport, Finding, IdTime, Report, Severity

ARTICLE = ArticleDate(date(2024, 6, 15), "test", datetime(2024, 6, 15, 12, 0, tzinfo=UTC))


def citation(when: datetime | None = None, shown: date | None = None, kind: str = "embed",
             platform: str = "x", problem: str | None = None) -> Citation:
    """A citation posted at ``when`` (its ID's time) or shown on ``shown``."""
    id_time = IdTime(when, "ms", problem=problem) if when is not None else None
    return Citation(platform=platform, kind=kind, form="test", line=1, column=1,  # type: ignore[arg-type]
                    handle="someone", post_id="1", id_time=id_time, shown_date=shown)


def finding(code: str = "PV103", severity: Severity = Severity.WARNING, index: int | None = 0) -> Finding:
    """A finding with the given code on citation ``index``."""
    return Finding(code, "stale-post", severity, "message", 1, 1, index)


def before(days: float) -> datetime:
    """The instant ``days`` before the article's moment."""
    assert ARTICLE.moment is not None
    return ARTICLE.moment - timedelta(days=days)


@pytest.mark.parametrize(("post", "bucket"), [
    (citation(before(-3)), "after"),
    (citation(before(0.2)), "same-day"),
    (citation(before(5)), "1-7"),
    (citation(before(20)), "8-30"),
    (citation(before(100)), "31-180"),
    (citation(before(200)), "181-365"),
    (citation(before(400)), "older"),
    (citation(), "unknown"),
    (citation(shown=date(2024, 6, 10)), "1-7"),
])
def test_age_buckets(post, bucket):
    """A post falls in the age bucket of the calendar days between it and its article."""
    assert age_bucket(post, ARTICLE) == bucket
    assert bucket in AGE_BUCKETS


def test_age_is_unknown_without_an_article_date():
    """Without the article's date no post has an age."""
    assert age_bucket(citation(before(3)), None) == "unknown"
    assert post_age_days(citation(before(3)), None) is None


def test_age_days_is_negative_for_a_later_post():
    """Age counts days from the post to the article: positive before it, negative after it."""
    assert post_age_days(citation(before(10)), ARTICLE) == 10
    assert post_age_days(citation(before(-2)), ARTICLE) == -2


def test_an_impossible_id_gives_way_to_the_shown_date():
    """A post whose ID is impossible is dated by the date its embed shows."""
    post = citation(datetime(2099, 1, 1, tzinfo=UTC), shown=date(2024, 6, 1), problem="in the future")
    assert post_age_days(post, ARTICLE) == 14


def test_a_post_the_next_utc_day_may_still_be_the_same_day():
    """A post one UTC day after an article dated without a zone is not certainly after it."""
    day_only = ArticleDate(date(2024, 6, 15), "test")
    post = citation(datetime(2024, 6, 16, 3, 0, tzinfo=UTC))
    assert post_age_days(post, day_only) == -1
    assert age_bucket(post, day_only) == "same-day"


def test_tally_counts_platforms_kinds_rules_and_articles():
    """A tally counts citations by platform and kind, findings by rule and severity, and articles."""
    tally = Tally()
    tally.add(FileReport("a.html", published=ARTICLE,
                         citations=(citation(before(200)), citation(before(1), kind="link", platform="instagram")),
                         findings=(finding(),)))
    tally.add(FileReport("b.html", published=ARTICLE, citations=(citation(before(1), kind="mention"),)))
    tally.add(FileReport("c.html"))
    tally.add(FileReport("d.html", error="empty file"))
    summary = tally.summary()
    assert (summary.files, summary.failed, summary.readable()) == (4, 1, 3)
    assert (summary.with_citations, summary.with_embeds, summary.with_findings) == (2, 1, 1)
    assert summary.by_platform == {"x": 2, "instagram": 1}
    assert summary.by_kind == {"embed": 1, "link": 1, "mention": 1}
    assert summary.by_rule == {"PV103 stale-post": 1} and summary.by_severity == {"warning": 1}
    assert list(summary.by_age) == list(AGE_BUCKETS)
    assert summary.by_age["181-365"] == 1 and summary.by_age["1-7"] == 2
    assert summary.share(summary.with_embeds) == pytest.approx(1 / 3)


def test_tally_keeps_only_the_slowest_and_the_first_failures():
    """However many inputs, a tally names only the slowest few and the first few failures, and counts all."""
    tally = Tally()
    for n in range(1000):
        tally.add(FileReport(f"{n:04}.html", error=None if n % 2 else f"bad {n}"), seconds=n / 1000)
    summary = tally.summary()
    assert [t.source for t in summary.slowest] == [f"{n:04}.html" for n in range(999, 999 - SLOWEST_KEPT, -1)]
    assert summary.failed == 500 and len(summary.failures) == FAILURES_KEPT
    assert summary.failures[0].source == "0000.html" and summary.failures[0].error == "bad 0"
    assert summary.timed == 1000 and summary.seconds == pytest.approx(sum(range(1000)) / 1000)


def test_merged_tallies_equal_one_tally():
    """Tallies of parts of an audit merge into the tally of the whole."""
    files = [FileReport(f"{n}.html", published=ARTICLE, citations=(citation(before(n)),),
                        findings=(finding(),) if n % 3 else (), error="broken" if n % 7 == 0 else None)
             for n in range(60)]
    whole, left, right = Tally(), Tally(), Tally()
    for n, file in enumerate(files):
        whole.add(file, seconds=n % 11)
        (left if n < 25 else right).add(file, seconds=n % 11)
    left.merge(right)
    assert left.summary() == whole.summary()


def test_summarize_matches_a_tally_of_the_report():
    """summarize(report) is a tally over the report's files, without timings."""
    report = Report((check_path(FIXTURES / "cases" / "html_problems.html"), FileReport("gone.html", error="missing")))
    summary = summarize(report)
    assert summary.files == 2 and summary.failed == 1 and summary.timed == 0 and summary.slowest == ()
    assert summary.by_age["after"] >= 1
    assert summary.findings == len(report.files[0].findings)


def test_json_summary_keeps_its_fields_and_adds_the_new_ones():
    """The JSON summary still has every field of format 1 and now also the age buckets."""
    report = Report((check_path(FIXTURES / "cases" / "html_standard.html"),))
    summary = json.loads(json_format.render(report))["summary"]
    assert {"files", "failed", "with_citations", "citations", "findings", "by_platform", "by_kind",
            "by_rule", "by_severity"} <= set(summary)
    assert list(summary["by_age"]) == list(AGE_BUCKETS)


def test_summary_lines_read_well_and_end_with_the_one_line_count():
    """The audit summary names rules, ages, slow and failed inputs, and ends with check's one-line count."""
    report = Report((
        check_path(FIXTURES / "cases" / "html_problems.html"),
        check_path(FIXTURES / "cases" / "html_standard.html"),
        *(FileReport(f"broken{n}.html", error="not an article") for n in range(FAILURES_KEPT + 3)),
    ))
    tally = Tally()
    for file in report.files:
        tally.add(file, seconds=0.25)
    text = render_summary_lines(tally.summary())
    lines = text.splitlines()
    assert lines[-1] == render_summary(report)
    assert any("PV101 post-after-article" in line for line in lines)
    assert any("after the article" in line and line.endswith("#") for line in lines)
    assert "broken0.html: not an article" in text and "… and 3 more" in text
    assert "0.250 s" in text


def test_summary_lines_of_an_empty_run():
    """An audit of nothing still prints a summary, without the sections that have nothing to show."""
    text = render_summary_lines(Summary())
    assert text.splitlines()[-1].startswith("0 file(s)")
    assert "post age" not in text and "slowest" not in text
