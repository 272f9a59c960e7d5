"""Empty and absent inputs: an empty article, inputs that hold no article, reports written to /dev/null or a pipe."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, run_cli


def audit(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "audit", "--jobs", "1", "--no-config", *argv)


def test_an_audit_checks_an_empty_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An audit reads an empty article as one that cites nothing: no error line, exit 0."""
    (tmp_path / "_index.md").write_bytes(b"")
    code, out, err = audit(capsys, "--format", "jsonl", "--quiet", str(tmp_path))
    assert (code, err) == (0, "")
    assert '"source":"' + str(tmp_path / "_index.md") + '"' in out and '"error":null' in out


@pytest.fixture
def no_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with an empty folder and a folder of files that are no articles."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "code").mkdir()
    (tmp_path / "code" / "app.py").write_text("print('hi')\n", encoding="utf-8")
    (tmp_path / "code" / ".hidden.md").write_text("# hidden\n", encoding="utf-8")
    return tmp_path


NO_ARTICLE = "provenance: error: no article found in "


@pytest.mark.parametrize(("flags", "names"), [
    ([], ["empty"]), ([], ["code"]), ([], ["empty", "code"]), (["--exit-zero"], ["empty"]),
    (["--fail-on", "never"], ["code"]),
])
def test_check_of_inputs_without_an_article_is_a_usage_error(no_articles: Path, capsys: pytest.CaptureFixture[str],
                                                             flags: list[str], names: list[str]) -> None:
    """Inputs that hold no article at all are one line on stderr naming them and exit 2, whatever the flags."""
    code, out, err = run_cli(capsys, "check", "--no-config", *flags, *names)
    assert (code, out) == (2, "")
    (line,) = err.splitlines()
    assert line.startswith(NO_ARTICLE + ", ".join(names) + " (folders are read for ")
    assert ".md" in line and "git-ignored" in line


@pytest.mark.parametrize("argv", [["empty"], ["code", "empty"], ["code/*.md"], ["--from-file", "list.txt"], ["-"]])
def test_audit_of_inputs_without_an_article_is_a_usage_error(no_articles: Path, capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    """An audit whose inputs (folders, a glob matching nothing, an empty list) hold no article says so and exits 2."""
    (no_articles / "list.txt").write_text("# nothing to audit\n\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = audit(capsys, "--quiet", "--format", "jsonl", *argv)
    assert code == 2
    assert err.splitlines()[-1].startswith(NO_ARTICLE) and "WARC" in err.splitlines()[-1]


def test_a_glob_matching_nothing_beside_articles_is_an_input_error(no_articles: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Beside inputs that hold articles, a glob matching nothing is an unreadable input (exit 3), no usage error."""
    (tmp_path / "code" / "a.md").write_text("An article.\n", encoding="utf-8")
    code, _, err = audit(capsys, "--quiet", "--format", "jsonl", "nothing/*.md", "code")
    assert code == 3 and err == "nothing/*.md: error: no file matches\n"


@pytest.mark.parametrize("command", ["check", "audit"])
def test_articles_the_configuration_leaves_out_are_no_usage_error(no_articles: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str],
                                                                  command: str) -> None:
    """Articles that include/exclude leave out were found: a run they all leave out passes (pre-commit names them)."""
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text("A draft.\n", encoding="utf-8")
    (tmp_path / ".provenance.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    extra = ["--jobs", "1", "--format", "jsonl", "--quiet"] if command == "audit" else []
    for target in ("drafts", "drafts/a.md"):
        code, _, err = run_cli(capsys, command, *extra, target)
        assert (code, err) == (0, ""), target
    code, _, err = run_cli(capsys, command, *extra, "empty")
    assert code == 2 and NO_ARTICLE in err


def test_spark_without_a_warc_file_is_a_usage_error(no_articles: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The Spark engine given folders without WARC files says so and exits 2 before starting Spark."""
    pytest.importorskip("pyspark")
    code, _, err = audit(capsys, "--engine", "spark", "--output", str(tmp_path / "out"), "code")
    assert code == 2 and err.startswith(NO_ARTICLE + "code (folders are read for WARC files")


ARTICLE = FIXTURES / "audit" / "site" / "2025" / "harbour-opening.html"


@pytest.mark.parametrize("argv", [
    ["audit", "--jobs", "1", "--quiet", "--format", "jsonl", "-o", os.devnull],
    ["audit", "--jobs", "1", "--quiet", "--format", "json", "-o", os.devnull, "--report", os.devnull],
    ["audit", "--jobs", "1", "--quiet", "-o", os.devnull, "--state", "{tmp}/audit.state"],
    ["check", "--output", os.devnull],
    ["check", "--write-baseline", os.devnull],
    ["check", "--format", "sarif", "--output", os.devnull, "--write-baseline", os.devnull],
])
def test_reports_can_go_to_dev_null(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """Every report a run writes may be /dev/null: the run ends as it would with a file, twice over (a resume)."""
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in argv]
    for _ in range(2):
        code, out, err = run_cli(capsys, *argv, "--no-config", str(ARTICLE))
        assert code == 0 and "Traceback" not in err
        assert out == "" or argv[0] == "check"


def test_the_audit_state_cannot_be_a_device_or_a_pipe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The state is read back to resume, so /dev/null or a named pipe as --state is a usage error."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for state in (os.devnull, str(fifo)):
        code, _, err = audit(capsys, "--quiet", "--state", state, str(ARTICLE))
        assert code == 2 and err == f"provenance: error: --state: {state} is not a regular file; it is read back " \
                                    "to resume, so it must be one\n"


@contextlib.contextmanager
def reading(fifo: Path) -> Iterator[list[bytes]]:
    """A reader of the named pipe ``fifo`` in a thread; what it read, once the block ends."""
    got: list[bytes] = []
    thread = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    thread.start()
    try:
        yield got
    finally:
        if not got:
            with contextlib.suppress(OSError):  # a writer that never came: let the reader end
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(10)


@pytest.mark.parametrize(("argv", "starts"), [
    (["audit", "--jobs", "1", "--quiet", "--format", "jsonl", "-o", "{fifo}"], b'{"source":'),
    (["audit", "--jobs", "1", "--quiet", "--format", "json", "-o", "{fifo}"], b'{\n  "tool": "provenance"'),
    (["audit", "--jobs", "1", "--quiet", "--format", "csv", "-o", "{fifo}", "--state", "{tmp}/s"], b"source,"),
    (["audit", "--jobs", "1", "--quiet", "--format", "jsonl", "--report", "{fifo}"], b"<!DOCTYPE html>"),
    (["check", "--format", "json", "--output", "{fifo}"], b'{\n  "tool": "provenance"'),
    (["check", "--write-baseline", "{fifo}"], b'{\n  "tool": "provenance",\n  "baseline": 1'),
])
def test_reports_can_go_to_a_named_pipe(tmp_path: Path, argv: list[str], starts: bytes) -> None:
    """Every report a run writes may be a named pipe: its reader gets the whole report, the run its usual end."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    argv = [arg.replace("{fifo}", str(fifo)).replace("{tmp}", str(tmp_path)) for arg in argv]
    with reading(fifo) as got:
        # A process of its own: a run that reads the pipe instead of writing it would wait forever.
        run = subprocess.run([sys.executable, "-m", "provenance", *argv, "--no-config", str(ARTICLE)],
                             check=False, capture_output=True, timeout=120, cwd=tmp_path,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0 and b"Traceback" not in run.stderr
    assert got and got[0].startswith(starts)
