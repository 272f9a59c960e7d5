"""Resuming an audit: a killed or interrupted run, rerun with the same --state, reports each article once."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from audit_support import Server, send
from helpers import ROOT, run_cli

#: A guard against a hung subprocess, not a measurement: the waits below end long before it.
PATIENCE_SECONDS = 120
PAGE = b"<html><head><title>Held</title></head><body><p>Held back until released.</p></body></html>"


def write_articles(folder: Path, count: int) -> list[Path]:
    """``count`` small undated Markdown articles, each linking one post (one PV100 finding each)."""
    folder.mkdir(parents=True)
    paths = []
    for number in range(count):
        path = folder / f"a{number:03d}.md"
        path.write_text(f"# Note {number}\n\nThe mayor posted https://x.com/citymayor/status/"
                        f"{1880630126104281088 + number * 4096}\n", encoding="utf-8")
        paths.append(path)
    return paths


class HeldPage:
    """A route that answers only once released, so that a run can be stopped at a known point."""

    def __init__(self) -> None:
        self.released = threading.Event()
        self.asked = threading.Event()

    def __call__(self, handler: BaseHTTPRequestHandler) -> None:
        self.asked.set()
        if self.released.wait(PATIENCE_SECONDS):
            with contextlib.suppress(OSError):  # the audit that asked may have been killed meanwhile
                send(handler, 200, PAGE, [("Content-Type", "text/html")])


def start(argv: list[str], stdout: Path, stderr: Path) -> subprocess.Popen[bytes]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    with stdout.open("wb") as out, stderr.open("wb") as err:
        # A session of its own: the kill below reaches the audit and its workers, nothing else.
        # Ctrl-C as a terminal gives it, even when this run was started with SIGINT ignored (a
        # background job, nohup): an ignored signal would stay ignored in the audit.
        return subprocess.Popen([sys.executable, "-c", _WITH_CTRL_C, "audit", *argv], stdout=out, stderr=err,
                                cwd=ROOT, env=environment, start_new_session=True)


#: ``python -m provenance``, with Ctrl-C's usual handler put back first.
_WITH_CTRL_C = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.argv[0] = 'provenance'; runpy.run_module('provenance', run_name='__main__', alter_sys=True)"
)


def wait_for(condition, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + PATIENCE_SECONDS
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"the audit ended early with exit code {process.returncode}")
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            raise AssertionError("the audit never reached the point to stop it at")
        time.sleep(0.02)


def line_count(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_killed_audit_resumes_and_reports_each_article_once(tmp_path, jobs):
    """SIGKILL in mid-run, then a rerun with the same --state: every article is in the output exactly once."""
    before = write_articles(tmp_path / "before", 40)
    after = write_articles(tmp_path / "after", 40)
    output, state = tmp_path / "audit.jsonl", tmp_path / "audit.state"
    held = HeldPage()
    with Server(routes={"/held.html": held}) as server:
        argv = ["--format", "jsonl", "--output", str(output), "--state", str(state), "--jobs", jobs,
                "--timeout", str(PATIENCE_SECONDS), str(tmp_path / "before"), server.url("/held.html"),
                str(tmp_path / "after")]
        process = start(argv, tmp_path / "out1", tmp_path / "err1")
        # One job stops at the held page in input order; two jobs check everything else first.
        expected = len(before) if jobs == "1" else len(before) + len(after)
        wait_for(lambda: held.asked.is_set() and line_count(output) >= expected, process)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL
        written = line_count(output)
        assert written < len(before) + len(after) + 1
        held.released.set()
        rerun = subprocess.run([sys.executable, "-m", "provenance", "audit", *argv], capture_output=True, cwd=ROOT,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    assert rerun.returncode == 0, rerun.stderr.decode()
    sources = Counter(json.loads(line)["source"] for line in output.read_text(encoding="utf-8").splitlines())
    assert sources == Counter([*map(str, before), server.url("/held.html"), *map(str, after)])
    # The first run's lines are kept, not rewritten.
    assert output.read_bytes().count(b"\n") == len(sources) and written >= len(before)


def test_ctrl_c_writes_what_was_done_and_a_rerun_completes(tmp_path):
    """Ctrl-C ends with the summary written and a note; the rerun replaces that summary and completes."""
    articles = write_articles(tmp_path / "notes", 30)
    output, state = tmp_path / "audit.txt", tmp_path / "audit.state"
    held = HeldPage()
    with Server(routes={"/held.html": held}) as server:
        argv = ["--output", str(output), "--state", str(state), "--jobs", "1", "--timeout", str(PATIENCE_SECONDS),
                str(tmp_path / "notes"), server.url("/held.html")]
        process = start(argv, tmp_path / "out1", tmp_path / "err1")
        try:
            wait_for(held.asked.is_set, process)
            os.kill(process.pid, signal.SIGINT)
            process.wait(PATIENCE_SECONDS)
        finally:
            held.released.set()  # the server's shutdown waits on the held page
            if process.poll() is None:
                process.kill()
        interrupted = output.read_text(encoding="utf-8")
        note = (tmp_path / "err1").read_text(encoding="utf-8").splitlines()
        assert process.returncode == 130
        assert note[-1] == ("provenance: interrupted after 30 article(s); what was done is written "
                            "(rerun with the same --state to resume)")
        assert interrupted.splitlines()[-1].startswith("30 file(s)")
        code = subprocess.run([sys.executable, "-m", "provenance", "audit", *argv], cwd=ROOT, check=False,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True).returncode
    lines = output.read_text(encoding="utf-8").splitlines()
    assert code == 0
    findings = Counter(line.split(":", 1)[0] for line in lines if ": info PV100 " in line)
    assert findings == Counter(map(str, articles))
    assert [line for line in lines if "file(s)," in line] == [lines[-1]]
    assert lines[-1].startswith("31 file(s)")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "audit", "--jobs", "1", *argv)


def test_a_rerun_appends_only_what_is_new(tmp_path, capsys):
    """A rerun with more inputs checks only the new ones and appends them; the summary counts all."""
    write_articles(tmp_path / "one", 3)
    write_articles(tmp_path / "two", 2)
    output, state = tmp_path / "out.jsonl", tmp_path / "audit.state"
    common = ["--format", "jsonl", "--output", str(output), "--state", str(state)]
    run(capsys, *common, str(tmp_path / "one"))
    first = output.read_text(encoding="utf-8")
    _, _, err = run(capsys, *common, str(tmp_path / "one"), str(tmp_path / "two"))
    text = output.read_text(encoding="utf-8")
    assert text.startswith(first) and len(text.splitlines()) == 5
    assert err.splitlines()[-1].startswith("5 file(s)")


def test_collected_formats_are_rewritten_whole_on_resume(tmp_path, capsys):
    """--format json with --state writes one document holding the earlier and the new articles."""
    write_articles(tmp_path / "one", 2)
    write_articles(tmp_path / "two", 2)
    output, state = tmp_path / "out.json", tmp_path / "audit.state"
    common = ["--format", "json", "--quiet", "--output", str(output), "--state", str(state)]
    run(capsys, *common, str(tmp_path / "one"))
    run(capsys, *common, str(tmp_path / "one"), str(tmp_path / "two"))
    document = json.loads(output.read_text(encoding="utf-8"))
    assert len(document["files"]) == 4 and document["summary"]["files"] == 4


def test_a_csv_header_is_written_once_across_runs(tmp_path, capsys):
    """A resumed csv audit does not repeat the header."""
    write_articles(tmp_path / "one", 2)
    write_articles(tmp_path / "two", 1)
    output, state = tmp_path / "out.csv", tmp_path / "audit.state"
    common = ["--format", "csv", "--quiet", "--output", str(output), "--state", str(state)]
    run(capsys, *common, str(tmp_path / "one"))
    run(capsys, *common, str(tmp_path / "two"))
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("source,") and len(lines) == 4 and sum(line.startswith("source,") for line in lines) == 1


def test_a_state_from_another_run_is_refused(tmp_path, capsys):
    """A state file written for another format or output is a usage error, and nothing is written."""
    write_articles(tmp_path / "one", 1)
    state = tmp_path / "audit.state"
    one = str(tmp_path / "one")
    run(capsys, "--format", "jsonl", "--output", str(tmp_path / "a.jsonl"), "--state", str(state), one)
    code, out, err = run(capsys, "--format", "csv", "--output", str(tmp_path / "a.csv"), "--state", str(state),
                         str(tmp_path / "one"))
    assert code == 2 and out == "" and not (tmp_path / "a.csv").exists()
    assert err.startswith("provenance: error: --state: ") and "format 'jsonl'; this run has format 'csv'" in err
    (tmp_path / "notes.txt").write_text("shopping list\n", encoding="utf-8")
    code, _, err = run(capsys, "--state", str(tmp_path / "notes.txt"), str(tmp_path / "one"))
    assert code == 2 and "is not a provenance state file" in err
