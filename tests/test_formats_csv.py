"""The CSV format: one row per cited post, a row per unreadable input, and spreadsheet-safe cells."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from helpers import FIXTURES

from provenance import check_path
from provenance.cli import main
from provenance.formats import FORMATS
from provenance.formats.csv_format import COLUMNS, HEADER, render, rows
from provenance.model import ArticleDate, Citation, FileReport, Finding, IdTime, Report, Severity

PROBLEMS = FIXTURES / "cases" / "html_problems.html"


def parse(text: str) -> list[dict[str, str]]:
    """The rows of a CSV document as dictionaries."""
    return list(csv.DictReader(io.StringIO(text)))


def test_header_is_one_line_naming_every_column():
    """HEADER is one CSV line with the columns in order."""
    assert HEADER.endswith("\n") and HEADER.count("\n") == 1
    assert HEADER.rstrip("\n").split(",") == list(COLUMNS)


def test_one_row_per_citation_with_its_codes():
    """Each cited post is one row carrying the codes of the findings on it."""
    file = check_path(PROBLEMS)
    table = parse(HEADER + rows(file))
    assert len(table) == len(file.citations)
    for index, (row, cited) in enumerate(zip(table, file.citations, strict=True)):
        expected = sorted({f.code for f in file.findings if f.citation == index})
        assert row["codes"].split() == expected
        assert row["platform"] == cited.platform and row["post_id"] == (cited.post_id or "")
        assert (row["line"], row["column"]) == (str(cited.line), str(cited.column))
        assert row["error"] == ""
    later = [row for row in table if "PV101" in row["codes"].split()]
    assert later and all(row["age_bucket"] == "after" and int(row["age_days"]) < 0 for row in later)


def test_values_are_iso_dates_and_ages():
    """Dates are ISO 8601, the ID time is UTC, and the age counts days from post to article."""
    published = ArticleDate(date(2020, 1, 31), "test")
    cited = Citation("x", "embed", "test", 3, 5, handle="someone", post_id="42",
                     url="https://x.com/someone/status/42", shown_date=date(2020, 1, 1),
                     id_time=IdTime(datetime(2020, 1, 1, 8, 30, tzinfo=UTC), "ms"))
    file = FileReport("a.html", published=published, citations=(cited,),
                      findings=(Finding("PV100", "n", Severity.INFO, "m", 1, 1, None),
                                Finding("PV103", "n", Severity.WARNING, "m", 3, 5, 0)))
    (row,) = parse(HEADER + rows(file))
    assert row == {
        "source": "a.html", "published": "2020-01-31", "platform": "x", "kind": "embed", "handle": "someone",
        "post_id": "42", "url": "https://x.com/someone/status/42", "shown_date": "2020-01-01",
        "id_time": "2020-01-01T08:30:00Z", "age_days": "30", "age_bucket": "8-30", "codes": "PV103",
        "article_codes": "PV100", "line": "3", "column": "5", "error": "",
    }


def test_unreadable_input_and_article_without_posts_get_one_row_each():
    """An unreadable input is one row with its error; an article citing nothing is one row with empty post columns."""
    table = parse(render(Report((FileReport("gone.html", error="no such file"),
                                 FileReport("plain.html", kind="html")))))
    assert [row["source"] for row in table] == ["gone.html", "plain.html"]
    assert table[0]["error"] == "no such file" and table[0]["platform"] == ""
    assert table[1]["error"] == "" and table[1]["post_id"] == ""
    assert all(len(row) == len(COLUMNS) for row in table)


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://evil\")", "+1+2", "-2+3", "@SUM(A1)", "\tx"])
def test_formula_cells_are_defused(value):
    """A text cell a spreadsheet would run as a formula starts with an apostrophe."""
    cited = Citation("x", "embed", "test", 1, 1, handle=value, post_id="1")
    (row,) = parse(HEADER + rows(FileReport(value, citations=(cited,))))
    assert row["source"] == "'" + value and row["handle"] == "'" + value


def test_quotes_and_commas_survive_a_round_trip_and_a_newline_is_shown():
    """Commas and quotes come back unchanged from a CSV reader; a newline is shown as \\n, so a row stays one line."""
    source = 'odd, "name"\nwith a newline.html'
    text = render(Report((FileReport(source, error="unreadable, \"really\""),)))
    (row,) = parse(text)
    assert row["source"] == 'odd, "name"\\nwith a newline.html' and row["error"] == 'unreadable, "really"'
    assert len(text.splitlines()) == 2


def test_csv_is_a_format_of_the_command_line(capsys):
    """'check --format csv' prints the header and a row per cited post."""
    assert "csv" in FORMATS
    main(["check", "--format", "csv", "--fail-on", "never", str(PROBLEMS)])
    out = capsys.readouterr().out
    assert out.startswith(HEADER)
    assert len(parse(out)) == len(check_path(PROBLEMS).citations)
