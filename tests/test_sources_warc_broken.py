"""Broken and hostile WARC inputs: each is an error entry, the audit goes on, memory stays flat."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from audit_support import Record, build_warc, gzip_bomb
from helpers import FIXTURES, ROOT, run_cli

from provenance.sources.item import Item
from provenance.sources.warc import iter_warc
from provenance.sources.warc_records import MAX_HEADER_BYTES

SITE = FIXTURES / "audit" / "site"
DATED = SITE / "2025" / "harbour-opening.html"
HARBOUR = DATED.read_bytes()
MB = 1024 * 1024


def pages(count: int) -> list[Record]:
    return [Record(f"https://news.example/{n}.html", HARBOUR) for n in range(count)]


def audit(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "audit", "--jobs", "1", "--quiet", *argv)


def read_with_peak(path: Path) -> tuple[list[Item], int]:
    """The Items of a WARC file, and the most memory Python held while reading it."""
    tracemalloc.start()
    try:
        items = list(iter_warc(str(path), 1_000_000))
        return items, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def errors_of(jsonl: str) -> dict[str, str]:
    records = [json.loads(line) for line in jsonl.splitlines()]
    return {record["source"]: record["error"] for record in records if record["error"]}


def sources_of(jsonl: str) -> list[str]:
    return [json.loads(line)["source"] for line in jsonl.splitlines()]


def assert_one_clean_line(message: str) -> None:
    """An error message is one line of printable text, with no raw bytes quoted."""
    assert "\n" not in message and message.isprintable() and "\\x" not in message, message


# Defect 1: a gzip bomb.


def test_a_gzip_bomb_is_not_a_warc_and_is_never_unpacked(tmp_path):
    """A .warc.gz of 20 MB of zeros is "not a WARC file"; reading it takes a few megabytes, not a gigabyte."""
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(gzip_bomb(20 * MB))
    items, peak = read_with_peak(path)
    assert [(item.source, item.error) for item in items] == [
        (str(path), "not a WARC file (it does not begin with WARC/)")]
    assert peak < 4 * MB, peak  # warcio read all 20 MB as one header "line", several copies over


def test_a_gzip_bomb_audit_stays_small(tmp_path):
    """The QA reproduction, as a real process: `provenance audit` on the bomb exits 3 with flat memory."""
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(gzip_bomb(20 * MB))
    # Linux keeps ru_maxrss across fork and exec, so a child started by a large pytest process
    # reports the parent's peak: the child's own peak is VmHWM, where /proc has it.
    script = (
        "import os, resource, sys\n"
        "from provenance.cli import main\n"
        "code = main(['audit', '-q', '-j1', '--format', 'jsonl', sys.argv[1]])\n"
        "status = '/proc/self/status'\n"
        "peak = [int(l.split()[1]) for l in open(status) if l.startswith('VmHWM:')] if os.path.exists(status) else []\n"
        "print(peak[0] if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120, check=False)
    assert done.returncode == 3, done.stderr
    (line,) = done.stdout.splitlines()
    assert json.loads(line)["error"] == "not a WARC file (it does not begin with WARC/)"
    peak_kb = int(done.stderr.splitlines()[-1])
    assert peak_kb < 300 * 1024, peak_kb  # was about 1 GB; the interpreter and provenance take ~50-120 MB


def bomb_member(body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=9)


BOMBS = {
    # A record whose HTTP headers are 20 MB of zeros (no line break).
    "zeros": b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/\r\n"
             b"Content-Length: 20971520\r\n\r\n" + bytes(20 * MB),
    # A WARC header of a few million short lines.
    "lines": b"WARC/1.0\r\n" + b"X-Padding: x\r\n" * (20 * MB // 14),
}


@pytest.mark.parametrize("kind", BOMBS)
def test_a_bomb_inside_a_warc_is_a_record_error_and_the_rest_is_read(tmp_path, kind):
    """A gzip member after a good record that unpacks to endless headers is one error; memory stays flat."""
    path = tmp_path / "crawl.warc.gz"
    offsets = build_warc(path, pages(3))
    data = path.read_bytes()
    path.write_bytes(data[: offsets[1]] + bomb_member(BOMBS[kind]) + data[offsets[1] :])
    items, peak = read_with_peak(path)
    assert [item.error is None for item in items] == [True, False, True, True]
    assert items[1].key == f"{path}#{offsets[1]}"
    assert items[1].error is not None and f"over {MAX_HEADER_BYTES:,} bytes" in items[1].error
    assert_one_clean_line(items[1].error)
    assert peak < 64 * MB, peak  # warcio's 16 KB read buffer of zeros unpacks to ~16 MB at most


# Defect 2: a WARC cut off inside a record's headers.


def cut_points(data: bytes, offset: int) -> dict[str, int]:
    """Where to cut an uncompressed WARC inside the record at ``offset``."""
    warc_end = data.index(b"\r\n\r\n", offset) + 4
    return {"in WARC headers": offset + 30, "before the block": warc_end,
            "in HTTP headers": data.index(b"HTTP/1.1", offset) + 20}


def test_a_record_cut_off_in_its_first_header_lines(tmp_path, capsys):
    """The QA reproduction: a WARC/1.0 line and a WARC-Type, nothing else, is one error; exit 3, no traceback."""
    path = tmp_path / "t.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\n")
    code, out, err = audit(capsys, "--format", "jsonl", str(path))
    assert code == 3
    assert errors_of(out) == {f"{path}#0": "truncated WARC record: it ends inside its headers"}
    assert err == f"{path}#0: error: truncated WARC record: it ends inside its headers\n"


@pytest.mark.parametrize("where", ["in WARC headers", "before the block", "in HTTP headers"])
def test_a_warc_cut_off_in_a_record_header_is_one_error(tmp_path, where):
    """The records before the cut are articles; the cut one is one error naming it; nothing is dropped."""
    path = tmp_path / "crawl.warc"
    offsets = build_warc(path, pages(4), compress=False)
    data = path.read_bytes()
    path.write_bytes(data[: cut_points(data, offsets[2])[where]])
    items = list(iter_warc(str(path), 1_000_000))
    assert [item.source for item in items[:2]] == ["https://news.example/0.html", "https://news.example/1.html"]
    assert [item.error is None for item in items] == [True, True, False]
    assert items[2].key == f"{path}#{offsets[2]}"
    # Named by its target URI once its WARC headers are read, by the archive and offset before.
    source = f"{path}#{offsets[2]}" if where == "in WARC headers" else "https://news.example/2.html"
    assert items[2].source == source
    assert items[2].error is not None and items[2].error.startswith("truncated")
    assert_one_clean_line(items[2].error)


@pytest.mark.parametrize("into", [5, 40, 200])
def test_a_warc_gz_cut_off_in_a_member_is_one_error(tmp_path, into):
    """A WARC.gz cut off in a gzip member (its gzip header, its WARC headers, its block) ends with one error."""
    path = tmp_path / "crawl.warc.gz"
    offsets = build_warc(path, pages(4))
    path.write_bytes(path.read_bytes()[: offsets[2] + into])
    items = list(iter_warc(str(path), 1_000_000))
    assert [item.error is None for item in items] == [True, True, False]
    assert items[2].key == f"{path}#{offsets[2]}"
    assert items[2].error is not None and "truncated" in items[2].error
    assert_one_clean_line(items[2].error)


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_a_cut_off_warc_loses_nothing_else_of_the_audit(tmp_path, capsys, compress):
    """With --output and --state, the other inputs' results and the good records are all written; exit 3."""
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    offsets = build_warc(path, pages(4), compress)
    data = path.read_bytes()
    path.write_bytes(data[: offsets[2] + 40 if compress else cut_points(data, offsets[2])["in WARC headers"]])
    output, state = tmp_path / "out.jsonl", tmp_path / "audit.state"
    code, _, err = audit(capsys, "--format", "jsonl", "-o", str(output), "--state", str(state), str(DATED), str(path))
    assert code == 3
    text = output.read_text()
    assert sources_of(text) == [str(DATED), "https://news.example/0.html", "https://news.example/1.html",
                                f"{path}#{offsets[2]}"]
    (error,) = errors_of(text).values()
    assert error.startswith("truncated WARC record")
    assert [line for line in err.splitlines() if ": error: " in line] == [f"{path}#{offsets[2]}: error: {error}"]


# Defect 3: broken or non-WARC .warc files.


NOT_WARCS = {
    "text": b"hello\n",
    "blank lines": b"\n\n",
    "blank lines, then text": b"\r\n\r\nhello\n",
    "html": b"<html><body>not an archive</body></html>",
    "zeros": bytes(100_000),
}


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("content", NOT_WARCS.values(), ids=NOT_WARCS.keys())
def test_a_file_that_is_no_warc_is_an_error_and_exit_3(tmp_path, capsys, content, compress):
    """Bytes that do not begin with a WARC/ line are "not a WARC file", compressed or not."""
    path = tmp_path / ("n.warc.gz" if compress else "n.warc")
    path.write_bytes(gzip.compress(content) if compress else content)
    code, out, err = audit(capsys, "--format", "jsonl", str(path))
    assert code == 3
    assert errors_of(out) == {str(path): "not a WARC file (it does not begin with WARC/)"}
    assert err == f"{path}: error: not a WARC file (it does not begin with WARC/)\n"


def raw_record(headers: bytes, block: bytes = b"") -> bytes:
    return b"WARC/1.0\r\n" + headers + b"\r\n" + block + b"\r\n\r\n"


BROKEN_RECORDS = {
    "a zero-length response without a target URI": (
        raw_record(b"WARC-Type: response\r\nContent-Length: 0\r\n"), "a response record without WARC-Target-URI"),
    "a response without a target URI": (
        raw_record(b"WARC-Type: response\r\nContent-Length: 19\r\n", b"HTTP/1.1 200 OK\r\n\r\n"),
        "a response record without WARC-Target-URI"),
    "no Content-Length": (
        raw_record(b"WARC-Type: response\r\nWARC-Target-URI: https://x.example/\r\n",
                   b"HTTP/1.1 200 OK\r\n\r\n<p>hi</p>"), "no Content-Length header"),
    "a Content-Length that is no number": (
        raw_record(b"WARC-Type: response\r\nWARC-Target-URI: https://x.example/\r\nContent-Length: lots\r\n",
                   b"HTTP/1.1 200 OK\r\n\r\n"), "Content-Length is not a number (lots)"),
}


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("case", BROKEN_RECORDS, ids=BROKEN_RECORDS.keys())
def test_a_record_warcio_would_misread_is_an_error_and_the_rest_is_read(tmp_path, case, compress):
    """A record between two good ones that warcio would skip or crash on is one error; both neighbours are read."""
    record, problem = BROKEN_RECORDS[case]
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    offsets = build_warc(path, pages(2), compress)
    data = path.read_bytes()
    path.write_bytes(data[: offsets[1]] + (gzip.compress(record) if compress else record) + data[offsets[1] :])
    items = list(iter_warc(str(path), 1_000_000))
    assert [item.error is None for item in items] == [True, False, True]
    assert items[1].key == f"{path}#{offsets[1]}"
    assert items[1].error is not None and items[1].error.endswith(f"corrupt WARC record: {problem}")
    assert [item.source for item in items if item.error is None] == [
        "https://news.example/0.html", "https://news.example/1.html"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json", "text"])
def test_a_broken_record_is_an_error_in_every_format(tmp_path, capsys, fmt):
    """A zero-length record without a target URI, alone in a .warc, is an error in every format; exit 3."""
    path = tmp_path / "z.warc"
    path.write_bytes(BROKEN_RECORDS["a zero-length response without a target URI"][0])
    code, out, err = audit(capsys, "--format", fmt, str(path))
    assert code == 3
    message = "corrupt WARC record: a response record without WARC-Target-URI"
    assert f"{path}#0: error: corrupt WARC record: a response record without WARC-Target-URI" in err.splitlines()
    if fmt == "jsonl":
        assert errors_of(out) == {f"{path}#0": message}
    elif fmt == "csv":
        assert [(row["source"], row["error"]) for row in csv.DictReader(io.StringIO(out))] == [(f"{path}#0", message)]
    elif fmt == "json":
        document = json.loads(out)
        assert [(f["source"], f["error"]) for f in document["files"]] == [(f"{path}#0", message)]
    else:
        assert "1 unreadable" in out.splitlines()[-1]
        assert f"{path}#0: {message}" in out and f"{path}#0: {path}#0" not in out  # the name once


def test_trailing_blank_lines_are_no_error(tmp_path):
    """Blank lines after the last record of a .warc are the end of the file, not a record."""
    path = tmp_path / "crawl.warc"
    build_warc(path, pages(2), compress=False)
    path.write_bytes(path.read_bytes() + b"\r\n\r\n\n")
    assert [item.error for item in iter_warc(str(path), 1_000_000)] == [None, None]


def test_a_cut_inside_the_payload_is_still_reported(tmp_path):
    """A WARC cut off inside a record's HTML is one error for that record, as before."""
    path = tmp_path / "crawl.warc"
    offsets = build_warc(path, pages(3), compress=False)
    data = path.read_bytes()
    path.write_bytes(data[: (offsets[1] + offsets[2]) // 2 + 200])
    items = list(iter_warc(str(path), 1_000_000))
    assert [item.error is None for item in items] == [True, False]
    assert (items[1].source, items[1].error) == (
        "https://news.example/1.html", "truncated or corrupt WARC record: the record ends before its Content-Length")


def test_messages_name_the_archive_and_quote_no_binary(tmp_path):
    """A record whose first line is binary noise is an error of one printable line, naming archive and offset."""
    path = tmp_path / "crawl.warc"
    offsets = build_warc(path, pages(2), compress=False)
    data = bytearray(path.read_bytes())
    data[offsets[1] : offsets[1] + 8] = b"\x00\xff\x1b[2J\x07\x08"
    Path(path).write_bytes(bytes(data))
    items = list(iter_warc(str(path), 1_000_000))
    assert [item.error is None for item in items] == [True, False]
    assert items[1].source == f"{path}#{offsets[1]}"
    assert items[1].error is not None and items[1].error.startswith("corrupt WARC record")
    assert_one_clean_line(items[1].error)
