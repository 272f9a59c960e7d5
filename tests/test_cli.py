"""The command line: exit codes, formats, inputs and errors."""

from __future__ import annotations

import io
import json
import sys

import pytest
from helpers import FIXTURES, SEEDS, run_cli

from provenance.cli import main

SEED_000 = str(SEEDS / "000_f8d9cb38c620aa53.txt")
STANDARD = str(FIXTURES / "cases" / "html_standard.html")
PROBLEMS = str(FIXTURES / "cases" / "html_problems.html")


def test_text_lines_have_the_linter_shape(capsys):
    """Each finding is one 'path:line:col: severity CODE name: message' line, then a summary."""
    code, out, _ = run_cli(capsys, "check", PROBLEMS)
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith(f"{PROBLEMS}:")
    line, column, rest = lines[0][len(PROBLEMS) + 1 :].split(":", 2)
    assert line.isdigit() and column.isdigit()
    severity, code_, name = rest.split(":", 1)[0].split()
    assert severity in {"error", "warning", "info"} and code_.startswith("PV") and name.islower()
    assert "file(s)" in lines[-1] and "finding(s)" in lines[-1]


def test_exit_zero_when_nothing_reaches_fail_on(capsys):
    """An article whose findings are below --fail-on exits 0."""
    assert run_cli(capsys, "check", "--fail-on", "never", PROBLEMS)[0] == 0
    assert run_cli(capsys, "check", SEED_000)[0] == 0  # warnings and info only
    assert run_cli(capsys, "check", "--fail-on", "warning", SEED_000)[0] == 1


def test_json_output_is_versioned_and_complete(capsys):
    """--format json prints files with citations, findings and error, and a format version."""
    code, out, _ = run_cli(capsys, "check", "--format", "json", "--published", "2025-08-21", SEED_000)
    document = json.loads(out)
    assert code == 1 and document["format"] == 1 and document["tool"] == "provenance"
    (file,) = document["files"]
    assert file["published"] == "2025-08-21" and file["published_from"] == "command-line"
    assert file["error"] is None
    assert [(c["kind"], c["handle"]) for c in file["citations"]] == [
        ("embed", "THSsavunma"), ("embed", "MouradTeyeb"), ("mention", None),
    ]
    for finding in file["findings"]:
        assert set(finding) >= {"code", "name", "severity", "message", "line", "column", "citation"}
    assert {"PV101"} <= {f["code"] for f in file["findings"]}


def test_output_file(tmp_path, capsys):
    """--output writes the report to a file and nothing to standard output."""
    target = tmp_path / "report.json"
    code, out, _ = run_cli(capsys, "check", "--format", "json", "--output", str(target), STANDARD)
    assert out == "" and code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["files"][0]["citations"]


def test_standard_input(monkeypatch, capsys):
    """'-' reads one article from standard input."""
    text = "Our delegation met today. pic.twitter.com/AbCdEf1234\n— Ministry (@ministry) August 25, 2025\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8"))
    code, out, _ = run_cli(capsys, "check", "--format", "json", "-")
    assert code == 0  # a missing permalink is a warning
    (file,) = json.loads(out)["files"]
    assert file["source"] == "<stdin>" and file["citations"][0]["handle"] == "ministry"


def test_bad_inputs_are_one_line_errors_and_the_rest_is_checked(tmp_path, capsys):
    """Missing and binary inputs each get one stderr line; an empty file is checked; the good file is reported."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, out, err = run_cli(capsys, "check", "--format", "json", str(tmp_path / "missing.md"), str(empty),
                         str(binary), STANDARD)
    files = json.loads(out)["files"]
    assert [f["error"] is not None for f in files] == [True, False, True, False]
    assert files[3]["citations"]
    assert len(err.splitlines()) == 2 and "Traceback" not in err
    for line, name in zip(err.splitlines(), ("missing.md", "image.html"), strict=True):
        assert name in line
    assert code == 1


@pytest.mark.parametrize("fail_on", ["never", "info", "error"])
def test_an_empty_article_passes(tmp_path, capsys, fail_on):
    """An empty article (an empty Hugo _index.md) is checked, cites nothing and passes, whatever --fail-on says."""
    (tmp_path / "_index.md").write_bytes(b"")
    (tmp_path / "blank.html").write_bytes(b" \n")
    code, out, err = run_cli(capsys, "check", "--no-config", "--fail-on", fail_on, str(tmp_path))
    assert (code, err) == (0, "")
    assert out == "2 file(s), 0 citation(s) (none), 0 finding(s) (none)\n"


def test_usage_errors_exit_2(capsys):
    """Unknown flags, bad dates, unknown rules and zones are usage errors with exit code 2."""
    with pytest.raises(SystemExit) as raised:
        main(["check", "--no-such-flag", SEED_000])
    assert raised.value.code == 2
    capsys.readouterr()
    for argv in (["--published", "yesterday"], ["--select", "PV999"], ["--timezone", "Mars/Olympus"]):
        code, _, err = run_cli(capsys, "check", *argv, SEED_000)
        assert code == 2 and err.startswith("provenance: error:") and len(err.splitlines()) == 1


def test_select_and_ignore_by_code_or_name(capsys):
    """--select and --ignore take rule codes or names."""
    _, out, _ = run_cli(capsys, "check", "--select", "missing-permalink", SEED_000)
    assert {line.split()[2] for line in out.splitlines()[:-1]} == {"PV106"}
    _, out, _ = run_cli(capsys, "check", "--ignore", "PV106,unknown-article-date", SEED_000)
    assert "PV106" not in out and "PV100" not in out


def test_audit_summarizes_and_exits_zero(capsys):
    """'audit' checks folders and exits 0 even with errors among the findings."""
    code, out, _ = run_cli(capsys, "audit", str(FIXTURES / "cases"), str(SEEDS))
    folders = (FIXTURES / "cases", SEEDS)
    articles = [p for folder in folders for p in folder.iterdir() if p.suffix in (".html", ".md", ".txt")]
    assert code == 0
    assert out.rstrip().splitlines()[-1].startswith(f"{len(articles)} file(s)")


def test_rules_lists_every_rule(capsys):
    """'rules' prints one line per rule with code, name and severity."""
    code, out, _ = run_cli(capsys, "rules")
    assert code == 0
    assert "PV101 post-after-article (error)" in out


def test_cite_decodes_urls_and_ids(capsys):
    """'cite' prints each post's citation with the time its ID encodes, in input order."""
    code, out, _ = run_cli(capsys, "cite", "--format", "json",
                         "https://x.com/DavidToons_/status/1578353380363501568?s=20", "938406524728291328",
                         "not a post")
    entries = json.loads(out)["citations"]
    assert [e["input"] for e in entries] == ["https://x.com/DavidToons_/status/1578353380363501568?s=20",
                                             "938406524728291328", "not a post"]
    assert entries[0]["id_time"] == "2022-10-07T11:55:44.923Z"
    assert entries[0]["url"] == "https://x.com/DavidToons_/status/1578353380363501568"
    assert entries[1]["id_time"] == "2017-12-06T13:55:24.902Z"
    assert entries[2]["error"] and entries[0]["error"] is None
    assert code == 1


def test_help_explains_the_commands(capsys):
    """--help names every command and check's help documents the exit codes."""
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("check", "audit", "cite", "rules"):
        assert command in out
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "exit codes" in capsys.readouterr().out
