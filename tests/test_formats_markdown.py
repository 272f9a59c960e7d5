"""The markdown format (the Action's job summary) and check's --summary FILE."""

from __future__ import annotations

import pytest
from helpers import FIXTURES, run_cli
from markdown_it import MarkdownIt
from markdown_it.token import Token

from provenance.formats import FORMATS, markdown
from provenance.logsafe import log_safe
from provenance.model import FileReport, Finding, Report, Severity

PROBLEMS = str(FIXTURES / "cases" / "html_problems.html")
STANDARD = str(FIXTURES / "cases" / "html_standard.html")
#: A Markdown reader close to GitHub's: CommonMark with tables and strikethrough.
READER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
HOSTILE = (
    "a | b",
    "[click](https://evil.example/x) ![img](https://evil.example/p.png)",
    "<script>alert(1)</script> <img src=x onerror=alert(1)> &amp; &lt;",
    "*bold* _it_ `code` ~~gone~~ $x^2$ \\| back\\slash",
    "line\nbreak\x1b[31m ::error::x ##[error]y",
)


def finding(message: str, line: int = 1, severity: Severity = Severity.ERROR) -> Finding:
    return Finding("PV101", "post-after-article", severity, message, line, 2)


def cells(text: str) -> list[list[list[Token]]]:
    """The rows of every table body in ``text``, each a list of cells, each the inline tokens of the cell."""
    rows: list[list[list[Token]]] = []
    in_body = False
    for token in READER.parse(text):
        if token.type in ("tbody_open", "tbody_close"):
            in_body = token.type == "tbody_open"
        elif in_body and token.type == "tr_open":
            rows.append([])
        elif in_body and token.type == "inline":
            rows[-1].append(token.children or [])
    return rows


def plain(tokens: list[Token]) -> str:
    return "".join(token.content for token in tokens)


def test_markdown_is_a_format():
    """--format markdown is registered."""
    assert FORMATS["markdown"] is markdown.render


def test_markdown_has_a_headline_and_a_table_of_findings_per_article(capsys):
    """The summary counts the findings, then gives each article with findings a table of them."""
    code, out, _ = run_cli(capsys, "check", "--no-config", "--format", "markdown", PROBLEMS, STANDARD)
    assert code == 1
    assert out.startswith("### provenance\n\n**8 findings** (5 errors, 3 warnings) in 2 of 2 articles, 6 citations.\n")
    assert out.count("| line | severity | rule | message |") == 2
    headings = [line for line in out.splitlines() if line.startswith("#### ")]
    assert headings == [f"#### {markdown.escape(PROBLEMS)}", f"#### {markdown.escape(STANDARD)}"]
    rows = cells(out)
    assert len(rows) == 8 and all(len(row) == 4 for row in rows)
    assert [plain(cell) for cell in rows[0][:3]] == ["10:1", "error", "PV102 shown-date-mismatch"]


def test_markdown_shows_an_articles_text_as_text():
    """Names and messages that hold Markdown, HTML or control characters read back as the same text, in one cell."""
    report = Report(tuple(FileReport(f"content/{text}.md", "markdown", findings=(finding(text),)) for text in HOSTILE))
    text = markdown.render(report)
    rows = cells(text)
    in_order = sorted(HOSTILE, key=lambda each: f"content/{each}.md")  # articles are listed by name
    for row, original in zip(rows, in_order, strict=True):
        assert len(row) == 4
        assert plain(row[3]) == log_safe(original, "text")
        assert {token.type for token in row[3]} <= {"text"}, row[3]  # no link, image, code, HTML or emphasis
    headings = [token for token in READER.parse(text) if token.type == "inline" and token.map and
                text.splitlines()[token.map[0]].startswith("#### ")]
    names = [f"content/{log_safe(each, 'text')}.md" for each in in_order]
    assert [plain(token.children or []) for token in headings] == names
    assert "<script>" not in READER.render(text) and "<img" not in READER.render(text)


def test_markdown_without_findings_says_so():
    """A clean run is one headline that says no finding was made."""
    report = Report((FileReport("a.md", "markdown"), FileReport("b.md", "markdown")))
    assert markdown.render(report) == "### provenance\n\n**No findings** in 2 articles, 0 citations.\n"


def test_markdown_lists_unreadable_inputs():
    """Inputs that could not be read get a table of their own and are counted in the headline."""
    report = Report((FileReport("gone.md", error="no such file"), FileReport("a.md", "markdown")))
    text = markdown.render(report)
    assert "1 input could not be read." in text and "#### Inputs that could not be read" in text
    assert [[plain(cell) for cell in row] for row in cells(text)] == [["gone.md", "no such file"]]


def test_markdown_stays_within_its_size_and_counts_what_it_leaves_out():
    """Past the size limit, findings are counted instead of listed, and the text stays within the limit."""
    report = Report(tuple(
        FileReport(f"content/article-{n:03}.md", "markdown",
                   findings=tuple(finding("x" * 200, line) for line in range(1, 6)))
        for n in range(40)
    ))
    whole = markdown.render(report)
    assert len(cells(whole)) == 200
    limit = len(whole.encode()) // 2
    cut = markdown.render(report, max_bytes=limit)
    listed = len(cells(cut))
    assert 0 < listed < 200
    assert cut.rstrip().endswith("GitHub keeps at most 1 MiB of a step summary (the log, or --format json, lists every "
                                 "finding).")
    assert f"\n{200 - listed} more findings not listed here" in cut
    assert len(cut.encode()) <= limit + 200  # the closing note is the only text past the limit
    assert markdown.MAX_BYTES < 1024 * 1024


def test_summary_writes_markdown_beside_the_main_report(tmp_path, capsys):
    """--summary FILE writes the markdown summary while the findings go to standard output in their format."""
    target = tmp_path / "summary.md"
    code, out, _ = run_cli(capsys, "check", "--no-config", "--format", "line", "--summary", str(target), PROBLEMS)
    assert code == 1 and out.startswith(f"{PROBLEMS}:10:1: PV102 ")
    summary = target.read_text(encoding="utf-8")
    assert summary.startswith("### provenance\n\n**7 findings** (5 errors, 2 warnings) in 1 of 1 article, ")
    assert len(cells(summary)) == 7


@pytest.mark.parametrize(("argv", "error"), [
    (["--output", "{same}", "--summary", "{same}"], "--output and --summary name the same file"),
    (["--summary", "{missing}/summary.md"], "--summary: cannot write"),
    (["--summary", PROBLEMS], "--summary: " + PROBLEMS + " is an input of this run"),
])
def test_summary_file_problems_are_usage_errors(tmp_path, capsys, argv, error):
    """A --summary file that cannot be written, or that names another output or an input, is a usage error."""
    values = {"same": str(tmp_path / "same.md"), "missing": str(tmp_path / "missing")}
    code, out, err = run_cli(capsys, "check", "--no-config", *(arg.format(**values) for arg in argv), PROBLEMS)
    assert code == 2 and out == "" and error in err
