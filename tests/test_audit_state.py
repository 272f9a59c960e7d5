"""The state file of a resumable audit: records round-trip, torn lines and lost output are recovered from."""

from __future__ import annotations

import json
import re

import pytest
from helpers import FIXTURES, SEEDS

from provenance.checking import check_path
from provenance.config import ConfigError, Options
from provenance.model import FileReport
from provenance.state import State, decode_record, encode_record

RUN = {"format": "jsonl", "output": "/tmp/out.jsonl"}


def reports() -> list[FileReport]:
    cases = sorted(path for path in (FIXTURES / "cases").iterdir() if path.suffix != ".json")
    return [check_path(path, Options()) for path in [*cases, *sorted(SEEDS.glob("*.txt"))[:3]]]


def test_reports_round_trip_through_the_state_encoding():
    """Every field of a report (dates, ID times, findings, severities) survives encoding and decoding."""
    originals = reports()
    assert len(originals) >= 8 and any(r.citations and r.findings for r in originals)
    for report in [*originals, FileReport(source="bad.html", error="bad.html: empty input")]:
        encoded = json.loads(json.dumps(encode_record(report)))
        assert decode_record(FileReport, encoded) == report


def test_a_new_state_starts_empty_and_records(tmp_path):
    """A new state file gets a header; recorded keys are done, in this run and the next."""
    path = tmp_path / "audit.state"
    state = State.open(path, RUN, output_size=0)
    assert state.kept == 0 and state.resume_at == 0 and "a.html" not in state
    report = FileReport(source="a.html", error="a.html: empty input")
    state.record("a.html", report, 120)
    state.close()
    again = State.open(path, RUN, output_size=120)
    assert "a.html" in again and again.resume_at == 120 and list(again.replay()) == [report]
    again.close()


def test_a_torn_last_line_is_dropped(tmp_path):
    """A line cut off by a kill in mid-write is ignored and removed; the article is checked again."""
    path = tmp_path / "audit.state"
    state = State.open(path, RUN, output_size=0)
    state.record("a.html", FileReport(source="a.html"), 10)
    state.close()
    with path.open("ab") as handle:
        handle.write(b'{"key": "b.html", "end": 20, "rep')
    state = State.open(path, RUN, output_size=20)
    assert "a.html" in state and "b.html" not in state and state.resume_at == 10
    state.record("c.html", FileReport(source="c.html"), 30)
    state.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line).get("key") for line in lines] == [None, "a.html", "c.html"]


def test_entries_beyond_the_output_are_checked_again(tmp_path):
    """Articles whose output was lost (output shorter than recorded) are no longer done."""
    path = tmp_path / "audit.state"
    state = State.open(path, RUN, output_size=0)
    for number, end in enumerate((10, 20, 30)):
        state.record(f"{number}.html", FileReport(source=f"{number}.html"), end)
    state.close()
    state = State.open(path, RUN, output_size=25)
    assert ["0.html" in state, "1.html" in state, "2.html" in state] == [True, True, False]
    assert state.resume_at == 20 and state.kept == 2
    state.close()


def test_a_corrupt_line_inside_the_file_is_an_error(tmp_path):
    """A broken line that is not the last one means the file is not a state file to trust."""
    path = tmp_path / "audit.state"
    State.open(path, RUN, output_size=0).close()
    with path.open("ab") as handle:
        handle.write(b"not json\n" + json.dumps({"key": "a", "end": 1, "report": {"source": "a"}}).encode() + b"\n")
    with pytest.raises(ConfigError, match="line 2 is corrupt"):
        State.open(path, RUN, output_size=1)


def test_a_state_of_another_run_is_refused(tmp_path):
    """The state names its run; opening it for another format or output is a ConfigError."""
    path = tmp_path / "audit.state"
    State.open(path, RUN, output_size=0).close()
    with pytest.raises(ConfigError, match="format 'jsonl'; this run has format 'csv'"):
        State.open(path, {**RUN, "format": "csv"}, output_size=0)


def test_a_run_without_an_output_is_named_so(tmp_path):
    path = tmp_path / "audit.state"
    State.open(path, {**RUN, "output": "o.jsonl"}, output_size=0).close()
    with pytest.raises(ConfigError, match=re.escape("with output 'o.jsonl'; this run has no output;")):
        State.open(path, {**RUN, "output": None}, output_size=0)
