"""The command line against bad inputs and bad option values: one line each, never a traceback.

Regression tests of a black-box QA pass: each bad input is an error line and the rest is still
reported; each bad option value or file flag is a usage error (exit 2) before anything is read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import FIXTURES, SEEDS, run_cli

from provenance.cli import main
from provenance.sources.files import ARTICLE_SUFFIXES
from provenance.walk import walk_files

SEED_000 = str(SEEDS / "000_f8d9cb38c620aa53.txt")
DATED = FIXTURES / "audit" / "site" / "2025" / "harbour-opening.html"


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The one line an argument-parsing usage error prints; the exit code must be 2."""
    with pytest.raises(SystemExit) as raised:
        main(list(argv))
    err = capsys.readouterr().err
    assert raised.value.code == 2 and "Traceback" not in err
    return err.strip().splitlines()[-1]


def one_line_usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and out == "", err
    assert len(err.splitlines()) == 1 and err.startswith("provenance: error: ")
    return err


# --- inputs ----------------------------------------------------------------------------------


def test_a_file_name_too_long_is_an_input_error_and_the_rest_is_checked(capsys):
    """A name over the system's limit is one error line; the seeds beside it are still reported."""
    long_name = "a" * 300 + ".txt"
    code, out, err = run_cli(capsys, "check", "--format", "json", str(SEEDS), long_name)
    files = json.loads(out)["files"]
    assert [f["source"] for f in files if f["error"] is None] == sorted(str(p) for p in SEEDS.glob("*.txt"))
    assert sum(len(f["citations"]) for f in files) == 4
    (line,) = err.splitlines()
    assert line.startswith(long_name + ": error: cannot read: ") and "too long" in line
    assert code == 1


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_link_loop_in_a_folder_is_walked_once(tmp_path, capsys):
    """A link back to a folder being walked is not followed again; a link to itself is an error line."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.txt").write_bytes(Path(SEED_000).read_bytes())
    (tmp_path / "site" / "again").symlink_to(tmp_path / "site", target_is_directory=True)
    (tmp_path / "site" / "self.html").symlink_to(tmp_path / "site" / "self.html")
    assert [path for path, _ in walk_files(str(tmp_path / "site"))] == [
        str(tmp_path / "site" / "a.txt"), str(tmp_path / "site" / "self.html"),
    ]
    code, out, err = run_cli(capsys, "check", "--format", "json", str(tmp_path / "site"))
    files = json.loads(out)["files"]
    assert [(Path(f["source"]).name, f["error"] is None) for f in files] == [("a.txt", True), ("self.html", False)]
    (line,) = err.splitlines()
    assert line.startswith(f"{tmp_path / 'site' / 'self.html'}: error: cannot read: ")
    assert code == 1


def test_check_names_a_url_as_an_input_it_does_not_read(capsys):
    """A URL given to check is an input error naming the URL as given and pointing to audit."""
    url = "http://127.0.0.1:8766/ok"
    code, out, err = run_cli(capsys, "check", "--format", "json", url, SEED_000)
    files = json.loads(out)["files"]
    assert [f["source"] for f in files] == [url, SEED_000]
    assert files[1]["citations"] and files[1]["error"] is None
    (line,) = err.splitlines()
    assert line.startswith(f"{url}: error: is a URL") and "provenance audit" in line
    assert code == 1


def test_check_and_audit_name_an_unreadable_input_once_and_alike(tmp_path, capsys):
    """check and audit give an unreadable input the same JSON error, the problem alone, and the same one stderr line."""
    (tmp_path / "latin.html").write_bytes(b"\xef\xbb\xbfcaf\xe9")
    (tmp_path / "binary.txt").write_bytes(b"a\x00b")
    (tmp_path / "two\nlines.html").write_bytes(b"\x00")  # a line break in a name must not break the line
    names = [str(tmp_path / name) for name in ("latin.html", "binary.txt", "two\nlines.html", "missing.html")]
    seen = {}
    for command in (["check"], ["audit", "--jobs", "1"]):
        code, out, err = run_cli(capsys, *command, "--format", "json", *names)
        assert code == (1 if command == ["check"] else 3)
        files = json.loads(out)["files"]
        seen[command[0]] = (sorted((f["source"], f["error"]) for f in files),
                            sorted(line for line in err.splitlines() if ": error: " in line))
    assert seen["check"] == seen["audit"]
    errors, lines = seen["check"]
    undecodable = "undecodable: not valid utf-8 despite its byte-order mark"
    binary = "binary data (NUL bytes), not text"
    assert errors == sorted(zip(names, [undecodable, binary, binary, "no such file"], strict=True))
    assert lines == sorted([f"{tmp_path}/latin.html: error: {undecodable}",
                            f"{tmp_path}/binary.txt: error: {binary}",
                            f"{tmp_path}/two\\nlines.html: error: {binary}",
                            f"{tmp_path}/missing.html: error: no such file"])


def test_an_audit_input_failing_before_it_is_read_is_named_once(tmp_path, capsys):
    """An error found while reading an audit's sources (an empty WARC, a glob that matches nothing) names it once."""
    (tmp_path / "crawl.warc").write_bytes(b"")
    glob = str(tmp_path / "*.nothing")
    code, out, err = run_cli(capsys, "audit", "--jobs", "1", "--format", "json", str(tmp_path / "crawl.warc"), glob)
    files = json.loads(out)["files"]
    assert sorted((f["source"], f["error"]) for f in files) == sorted(
        [(str(tmp_path / "crawl.warc"), "empty file, not a WARC file"), (glob, "no file matches")])
    assert sorted(line for line in err.splitlines() if ": error: " in line) == sorted(
        [f"{tmp_path}/crawl.warc: error: empty file, not a WARC file", f"{glob}: error: no file matches"])
    assert code == 3


# --- exit codes ------------------------------------------------------------------------------


def test_an_unreadable_input_fails_check_even_with_fail_on_never(tmp_path, capsys):
    """--fail-on is about findings: an unreadable input exits 1 whatever it says; --exit-zero exits 0."""
    missing = str(tmp_path / "nonexist.html")
    assert run_cli(capsys, "check", "--fail-on", "never", missing)[0] == 1
    assert run_cli(capsys, "check", "--fail-on", "never", SEED_000, missing)[0] == 1
    (tmp_path / ".provenance.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    assert run_cli(capsys, "check", "--config", str(tmp_path / ".provenance.toml"), missing)[0] == 1
    code, _, err = run_cli(capsys, "check", "--exit-zero", missing)
    assert code == 0 and "nonexist.html: error: no such file" in err
    assert run_cli(capsys, "check", "--exit-zero", "--published", "2025-08-21", SEED_000, missing)[0] == 0
    assert run_cli(capsys, "check", "--fail-on", "never", "--published", "2025-08-21", SEED_000)[0] == 0


# --- option values ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
                                   "1899-12-31", "2200-01-01"])
def test_published_out_of_range_is_a_usage_error(capsys, value):
    """A --published year outside 1900-2199 is a one-line usage error, never an overflow."""
    err = one_line_usage_error(capsys, "check", "--published", value, str(SEEDS))
    assert f"--published: {value!r} is out of range" in err and "1900" in err and "2199" in err


@pytest.mark.parametrize(
    ("value", "expected"),
    # In 1900 every seed post is after the article (PV101, exit 1); in 2199 none is.
    [("1900-01-01", 1), ("1900-01-01T00:00:00+14:00", 1), ("2199-12-31", 0), ("2199-12-31T23:59:59-12:00", 0)],
)
def test_published_at_the_ends_of_the_range_is_checked(capsys, value, expected):
    """The first and last accepted dates, in the farthest zones, are checked without error."""
    code, out, err = run_cli(capsys, "check", "--format", "json", "--published", value, str(SEEDS))
    assert code == expected and "Traceback" not in err
    files = json.loads(out)["files"]
    assert len(files) == len(list(SEEDS.glob("*.txt"))) and all(f["error"] is None for f in files)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--timeout", "nan"], "argument --timeout: 'nan' is not a finite number"),
        (["--timeout", "NaN"], "argument --timeout: 'NaN' is not a finite number"),
        (["--timeout", "inf"], "argument --timeout: 'inf' is not a finite number"),
        (["--timeout", "1e400"], "argument --timeout: '1e400' is not a finite number"),
        (["--timeout=-inf"], "argument --timeout"),
        (["--timeout", "1e10"], "argument --timeout: '1e10' is above 86400"),
        (["--jobs", "100000000000000000000"], "argument --jobs/-j: '100000000000000000000' is above 1024"),
    ],
)
def test_non_finite_or_huge_numbers_are_usage_errors(capsys, argv, message):
    """nan, inf and values no socket or process pool can take are refused by the parser (exit 2)."""
    assert message in usage_error(capsys, "audit", *argv, str(DATED))


def test_the_largest_timeout_is_accepted(capsys):
    """The bound itself is a valid --timeout."""
    code, _, _ = run_cli(capsys, "audit", "--quiet", "--jobs", "1", "--timeout", "86400", str(DATED))
    assert code == 0


# --- the files a run writes --------------------------------------------------------------------


def test_a_report_into_a_missing_folder_is_refused_before_the_audit(tmp_path, capsys):
    """--report is checked before any input is read, as --output and --state are."""
    output = tmp_path / "out.jsonl"
    err = one_line_usage_error(capsys, "audit", "--quiet", "--output", str(output),
                               "--report", str(tmp_path / "missing" / "x.html"), str(DATED))
    assert f"--report: cannot write {tmp_path / 'missing' / 'x.html'}: No such file or directory" in err
    assert not output.exists()  # nothing was started
    err = one_line_usage_error(capsys, "audit", "--quiet", "--report", str(tmp_path), str(DATED))
    assert f"--report: cannot write {tmp_path}: " in err


def test_output_and_state_naming_one_file_is_refused(tmp_path, capsys, monkeypatch):
    """--output, --state and --report must be three files: one would overwrite another."""
    monkeypatch.chdir(tmp_path)
    err = one_line_usage_error(capsys, "audit", "--quiet", "--output", "f", "--state", "f", str(DATED))
    assert "--output and --state name the same file" in err and not (tmp_path / "f").exists()
    err = one_line_usage_error(capsys, "audit", "--quiet", "--output", "./f", "--state", str(tmp_path / "f"),
                               str(DATED))
    assert "--output and --state name the same file" in err
    err = one_line_usage_error(capsys, "audit", "--quiet", "--state", "s", "--report", "s", str(DATED))
    assert "--state and --report name the same file" in err
    if hasattr(os, "symlink"):
        (tmp_path / "real").write_text("", encoding="utf-8")
        (tmp_path / "alias").symlink_to(tmp_path / "real")
        err = one_line_usage_error(capsys, "audit", "--quiet", "--output", "alias", "--state", "real", str(DATED))
        assert "--output and --state name the same file" in err


def test_check_refuses_an_unwritable_output_before_reading(tmp_path, capsys):
    """check's --output and --write-baseline are checked first, and may not be one file."""
    err = one_line_usage_error(capsys, "check", "--output", str(tmp_path / "missing" / "r.json"), SEED_000)
    assert "--output: cannot write" in err and "No such file or directory" in err
    target = str(tmp_path / "b.json")
    err = one_line_usage_error(capsys, "check", "--output", target, "--write-baseline", target, SEED_000)
    assert "--output and --write-baseline name the same file" in err and not Path(target).exists()


# --- help and cite ----------------------------------------------------------------------------


def help_text(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as raised:
        main([*argv, "--help"])
    assert raised.value.code == 0
    return capsys.readouterr().out


def test_help_texts(capsys):
    """check's epilog lists every suffix read; cite documents --format and its exit codes; rules is described."""
    check = help_text(capsys, "check")
    for suffix in ARTICLE_SUFFIXES:
        assert f" {suffix}" in check
    assert "1900-2199" in check and "--exit-zero" in check
    cite = help_text(capsys, "cite")
    assert "exit codes" in cite and "json: one document" in cite
    assert "List every rule" in help_text(capsys, "rules")


def test_cite_style_names_a_missing_article_file(capsys):
    """An article-like name that does not exist is 'no such file', not 'not a post ID'."""
    code, _, err = run_cli(capsys, "cite", "--style", "apa", "nonexist.html")
    assert code == 1 and err.strip() == "nonexist.html: error: no such file"
    code, _, err = run_cli(capsys, "cite", "nonexist.html")
    assert code == 1 and "article files are read with --style" in err


@pytest.mark.parametrize(("command", "flag"), [("check", "--output"), ("audit", "--output"), ("audit", "--state"),
                                               ("audit", "--report")])
def test_a_file_a_run_writes_may_not_be_one_of_its_inputs(tmp_path, capsys, command, flag):
    article = tmp_path / "article.txt"
    article.write_bytes((SEEDS / "004_1ed5aa9ce87cdf07.txt").read_bytes())
    message = one_line_usage_error(capsys, command, flag, str(article), str(article))
    assert f"{flag}: {article} is an input of this run; inputs are never overwritten" in message
    assert article.read_bytes() == (SEEDS / "004_1ed5aa9ce87cdf07.txt").read_bytes()


@pytest.mark.parametrize(("flag", "message"), [
    ("--select=", "--select: names no rule"),
    ("--ignore=", "--ignore: names no rule"),
    ("--published=", "--published: '' is not an ISO date"),
    ("--timezone=", "'' is not an IANA zone name"),
    ("--lang=", "--lang: '' is not a language tag"),
])
def test_a_flag_given_empty_is_a_usage_error(capsys, flag, message):
    """'--select $RULES' with RULES unset must not quietly mean every rule."""
    assert message in one_line_usage_error(capsys, "check", flag, str(SEEDS))
