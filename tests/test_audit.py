"""``provenance audit``: inputs of every kind, streamed formats, per-input errors, exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest
from audit_support import Record, Server, build_warc, closed_port, gzip_bomb, send, stall
from helpers import FIXTURES, ROOT, run_cli, shared_corpus

from provenance.audit import audit_paths
from provenance.cli import main
from provenance.config import Options
from provenance.sources.inputs import Sources
from provenance.sources.item import Item

SITE = FIXTURES / "audit" / "site"
UNDATED = SITE / "2025" / "council-budget.html"
DATED = SITE / "2025" / "harbour-opening.html"
#: Fast failure on the bad hosts of these tests; retries and backoff are tested in test_fetch.
FAST = ["--timeout", "0.5", "--retries", "0", "--max-bytes", "200000"]
#: As FAST, with a timeout that a loaded machine's slow answers stay well inside (only /stall.html,
#: which sends nothing for longer, times out): at 0.5 s this test failed now and then under load.
PATIENT = ["--timeout", "2", "--retries", "0", "--max-bytes", "200000"]


def audit(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    # One job unless a test asks for more: a process pool costs a second to start.
    return run_cli(capsys, "audit", *([] if "--jobs" in argv else ["--jobs", "1"]), *argv)


def jsonl_by_source(text: str) -> dict[str, dict[str, object]]:
    records = [json.loads(line) for line in text.splitlines()]
    by_source = {record["source"]: record for record in records}
    assert len(by_source) == len(records), "an article was reported twice"
    return by_source


def without_source(record: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in record.items() if key != "source"}


def test_the_corpus_gives_the_same_results_as_files_warc_and_urls(tmp_path, capsys):
    """Auditing the corpus as files, as a WARC and as URLs gives the same citations and findings."""
    folder, _ = shared_corpus()
    pages = sorted(folder.glob("*.html"))
    server_root = tmp_path / "root"
    server_root.mkdir()
    for page in pages:
        shutil.copyfile(page, server_root / page.name)
    with Server(root=server_root) as server:
        urls = [server.url(f"/files/{page.name}") for page in pages]
        warc = tmp_path / "corpus.warc.gz"
        build_warc(warc, [Record(url, page.read_bytes(), "text/html") for url, page in zip(urls, pages, strict=True)])
        listing = tmp_path / "urls.txt"
        listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
        runs = {
            "files": ["--jobs", "1", *map(str, pages)],
            "warc": ["--jobs", "2", str(warc)],
            "urls": ["--jobs", "2", "--from-file", str(listing)],
        }
        results = {}
        for name, argv in runs.items():
            output = tmp_path / f"{name}.jsonl"
            code, _, err = audit(capsys, "--format", "jsonl", "--output", str(output), "--quiet", *argv)
            assert code == 0, err
            results[name] = jsonl_by_source(output.read_text(encoding="utf-8"))
    files = {page.name: without_source(results["files"][str(page)]) for page in pages}
    for name in ("warc", "urls"):
        mapped = {url.rsplit("/", 1)[1]: without_source(record) for url, record in results[name].items()}
        assert mapped.keys() == files.keys()
        for page_name, record in files.items():
            assert mapped[page_name] == record, f"{name}: {page_name} differs"
    assert sum(len(record["citations"]) for record in files.values()) >= 80  # type: ignore[arg-type]


def test_jsonl_and_csv_are_streamed_one_article_at_a_time(tmp_path, capsys):
    """jsonl writes one line per article and csv one header and rows per post, each article once."""
    code, out, err = audit(capsys, "--format", "jsonl", "--jobs", "2", str(SITE))
    assert code == 0 and "4 input(s)" in err
    records = jsonl_by_source(out)
    assert set(records) == {str(p) for p in (DATED, UNDATED, SITE / "ferry-notes.md", SITE / "brief.txt")}
    assert len(records[str(DATED)]["citations"]) == 2  # type: ignore[arg-type]
    code, out, _ = audit(capsys, "--format", "csv", "--jobs", "1", str(SITE))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.count("source,published,platform") == 1
    assert [row["source"] for row in rows] == [str(UNDATED)] * 2 + [str(DATED)] * 2 + [
        str(SITE / "brief.txt"), str(SITE / "ferry-notes.md")]


def test_text_prints_findings_then_the_summary(capsys):
    """The text format prints each article's findings, then the audit summary last, on stdout."""
    code, out, err = audit(capsys, "--jobs", "1", str(SITE))
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert lines[0].startswith(f"{UNDATED}:1:1: info PV100 unknown-article-date: ")
    assert lines[1].startswith(f"{DATED}:") and " PV103 stale-post: " in lines[1]
    assert lines[-1].startswith("4 file(s), 6 citation(s)")
    assert any(line.startswith("post age") for line in lines)


def test_collected_formats_are_written_at_the_end(capsys):
    """--format json collects every article and writes one document with all of them."""
    code, out, _ = audit(capsys, "--format", "json", "--quiet", str(SITE), str(DATED))
    document = json.loads(out)
    assert code == 0 and len(document["files"]) == 4 and document["summary"]["files"] == 4


def test_an_article_named_twice_is_checked_once(capsys):
    """The same article given twice (a file and its folder) is reported once."""
    _, out, _ = audit(capsys, "--format", "jsonl", "--quiet", str(DATED), str(SITE), str(DATED))
    assert len(out.splitlines()) == 4


def test_input_order_is_kept_with_one_job(capsys):
    """With --jobs 1 articles come out in input order."""
    _, out, _ = audit(capsys, "--format", "jsonl", "--quiet", "--jobs", "1", str(SITE / "brief.txt"), str(DATED))
    assert [json.loads(line)["source"] for line in out.splitlines()] == [str(SITE / "brief.txt"), str(DATED)]


def test_a_list_on_standard_input(monkeypatch, capsys):
    """'-' reads one input per line from standard input."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{DATED}\n# comment\n\n{SITE / 'brief.txt'}\n"))
    _, out, _ = audit(capsys, "--format", "jsonl", "--quiet", "-")
    assert [json.loads(line)["source"] for line in out.splitlines()] == [str(DATED), str(SITE / "brief.txt")]


def test_a_news_sitemap_dates_the_undated_page(tmp_path, capsys):
    """An undated page listed in a news sitemap takes the sitemap's date, marked as such; a dated page keeps its own."""
    with Server(root=SITE / "2025") as server:
        sitemap = tmp_path / "news.xml"
        sitemap.write_text(
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"<url><loc>{server.url('/files/council-budget.html')}</loc><news:news>"
            "<news:publication_date>2025-01-17T09:00:00Z</news:publication_date></news:news></url>"
            f"<url><loc>{server.url('/files/harbour-opening.html')}</loc><news:news>"
            "<news:publication_date>2020-01-01</news:publication_date></news:news></url></urlset>",
            encoding="utf-8",
        )
        code, out, _ = audit(capsys, "--format", "jsonl", "--quiet", *FAST, str(sitemap))
    records = jsonl_by_source(out)
    undated = records[server.url("/files/council-budget.html")]
    dated = records[server.url("/files/harbour-opening.html")]
    assert code == 0
    assert undated["published"] == "2025-01-17T09:00:00+00:00"
    assert undated["published_from"] == f"news-sitemap {sitemap}"
    assert {f["code"] for f in undated["findings"]} >= {"PV101"}  # type: ignore[union-attr]
    assert dated["published"] == "2025-03-14T08:00:00+00:00"


def bad_inputs(server: Server, tmp_path) -> dict[str, str]:
    """Every kind of bad input, by source name, with a fragment of the error each must give."""
    warc = tmp_path / "broken.warc.gz"
    offsets = build_warc(warc, [Record(f"https://crawl.example/{n}.html", DATED.read_bytes()) for n in range(3)])
    data = warc.read_bytes()
    middle = (offsets[1] + offsets[2]) // 2
    warc.write_bytes(data[:middle] + data[middle + 40 :])
    return {
        server.url("/missing.html"): "HTTP 404 Not Found",
        server.url("/error.html"): "HTTP 500 Internal Server Error",
        server.url("/stall.html"): "timed out",
        server.url("/ftp.html"): "redirected to a non-HTTP URL",
        server.url("/image.png"): "not an article page (Content-Type image/png)",
        server.url("/bomb.html"): "too large (over 200000 bytes decoded",
        server.url("/huge.html"): "too large (",
        f"http://127.0.0.1:{closed_port()}/down.html": "cannot connect",
        f"{warc}#{offsets[1]}": "corrupt WARC record",
        str(tmp_path / "gone.html"): "no such file",
    }


BAD_ROUTES = {
    "/error.html": lambda h: send(h, 500, b"oops", [("Content-Type", "text/html")]),
    "/stall.html": stall(5),
    "/ftp.html": lambda h: send(h, 302, b"", [("Location", "ftp://127.0.0.1/x.html")]),
    "/image.png": lambda h: send(h, 200, b"\x89PNG\r\n\x1a\n", [("Content-Type", "image/png")]),
    "/huge.html": lambda h: send(h, 200, b"<p>" + b"x" * 300_000, [("Content-Type", "text/html")]),
}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "text", "json"])
def test_every_bad_input_is_an_error_in_every_format(tmp_path, capsys, fmt):
    """Each bad input is one stderr line, an error in the output and the summary, and the audit goes on to exit 3."""
    bomb = gzip_bomb(8 * 1024 * 1024)
    routes = {**BAD_ROUTES, "/bomb.html": lambda h: send(
        h, 200, bomb, [("Content-Type", "text/html"), ("Content-Encoding", "gzip")])}
    with Server(routes=routes) as server:
        expected = bad_inputs(server, tmp_path)
        inputs = [name for name in expected if "#" not in name] + [str(tmp_path / "broken.warc.gz"), str(DATED)]
        jobs = "2" if fmt == "jsonl" else "1"
        code, out, err = audit(capsys, "--format", fmt, "--jobs", jobs, *PATIENT, *inputs)
    assert code == 3
    lines = err.splitlines()
    for source, fragment in expected.items():
        (line,) = [line for line in lines if line.startswith(f"{source}: error: ")]
        assert fragment in line, line
    if fmt == "jsonl":
        records = jsonl_by_source(out)
        errors = {source: record["error"] for source, record in records.items() if record["error"]}
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        errors = {row["source"]: row["error"] for row in rows if row["error"]}
    elif fmt == "json":
        document = json.loads(out)
        errors = {f["source"]: f["error"] for f in document["files"] if f["error"]}
        assert document["summary"]["failed"] == len(expected)
    else:  # the summary's "unreadable" block names each input once, with its problem
        errors = {source: line.split(f"{source}: ", 1)[1] for source in expected
                  for line in out.splitlines() if f" {source}: " in line}
        assert out.splitlines()[-1].startswith(f"{len(expected) + 3} file(s), ")
    assert errors.keys() == expected.keys()
    assert all(fragment in str(errors[source]) for source, fragment in expected.items())
    assert f"{len(expected)} unreadable" in (out if fmt == "text" else err)
    # The good articles around the bad ones were checked: two WARC records and the file.
    if fmt == "jsonl":
        assert len(records) == len(expected) + 3
    elif fmt == "json":
        assert len(document["files"]) == len(expected) + 3


def test_exit_codes(tmp_path, capsys):
    """0 when all is read, 1 when a finding reaches --fail-on, 3 when an input failed, 2 for usage errors."""
    assert audit(capsys, "--quiet", str(DATED))[0] == 0
    assert audit(capsys, "--quiet", "--fail-on", "warning", str(DATED))[0] == 1
    assert audit(capsys, "--quiet", str(tmp_path / "gone.html"))[0] == 3
    assert audit(capsys, "--quiet", "--fail-on", "warning", str(DATED), str(tmp_path / "gone.html"))[0] == 1
    code, _, err = audit(capsys)
    assert code == 2 and err.startswith("provenance: error: audit: no input given")
    code, _, err = audit(capsys, "--output", str(tmp_path / "same"), "--report", str(tmp_path / "same"), str(DATED))
    assert code == 2 and len(err.splitlines()) == 1
    code, _, err = audit(capsys, "--engine", "spark", str(DATED))
    assert code == 2 and "--engine spark needs --output" in err


@pytest.mark.parametrize("value", [["--jobs", "0"], ["--timeout", "-1"], ["--max-bytes", "lots"]])
def test_bad_option_values_are_usage_errors(capsys, value):
    """A non-positive or non-numeric option value is a usage error (exit 2) with one message."""
    with pytest.raises(SystemExit) as caught:
        main(["audit", *value, str(DATED)])
    assert caught.value.code == 2 and value[0] in capsys.readouterr().err


def test_the_html_report_is_written(tmp_path, capsys):
    """--report writes a self-contained HTML page beside the chosen format."""
    report = tmp_path / "audit.html"
    code, out, _ = audit(capsys, "--format", "jsonl", "--quiet", "--report", str(report), str(SITE))
    page = report.read_text(encoding="utf-8")
    assert code == 0 and len(out.splitlines()) == 4
    assert page.lstrip().lower().startswith("<!doctype html") and "PV103" in page


def test_stderr_has_no_progress_when_not_a_terminal(capsys):
    """Off a terminal there is no progress bar: stderr holds the summary, and nothing with --quiet."""
    _, _, err = audit(capsys, "--format", "jsonl", str(SITE))
    assert err.splitlines()[-1].startswith("4 file(s)") and "\r" not in err and "\x1b" not in err
    assert audit(capsys, "--format", "jsonl", "--quiet", str(SITE))[2] == ""


def test_audit_paths_is_the_library_entry(tmp_path):
    """audit_paths yields one report per article of any input kind, as the command line does."""
    warc = tmp_path / "one.warc.gz"
    build_warc(warc, [Record("https://crawl.example/a.html", DATED.read_bytes())])
    reports = list(audit_paths([str(SITE / "brief.txt"), str(warc)], Options()))
    assert [r.source for r in reports] == [str(SITE / "brief.txt"), "https://crawl.example/a.html"]
    assert len(reports[1].citations) == 2


def test_a_url_page_is_fetched_and_checked(capsys):
    """A page URL is fetched and checked like the file it serves."""
    hits: list[str] = []

    def page(handler: BaseHTTPRequestHandler) -> None:
        hits.append(handler.path)
        send(handler, 200, DATED.read_bytes(), [("Content-Type", "text/html; charset=utf-8")])

    with Server(routes={"/news/harbour": page}) as server:
        _, out, _ = audit(capsys, "--format", "jsonl", "--quiet", server.url("/news/harbour"))
    (record,) = jsonl_by_source(out).values()
    assert hits == ["/news/harbour"] and record["published"] == "2025-03-14T08:00:00+00:00"
    assert [c["handle"] for c in record["citations"]] == ["portauthority", "islandpassengers"]  # type: ignore[union-attr]


def test_a_closed_pipe_stops_the_audit_quietly(tmp_path):
    """When the reader of standard output goes away (| head), the audit stops with 141 and no traceback."""
    for number in range(200):
        (tmp_path / f"{number:03d}.html").write_bytes(DATED.read_bytes())
    process = subprocess.Popen(
        [sys.executable, "-m", "provenance", "audit", "--jobs", "1", "--format", "jsonl", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read()
    process.stderr.close()
    assert process.wait() == 141
    assert json.loads(first)["source"] == str(tmp_path / "000.html") and error == b""


def test_the_command_line_loads_the_audit_machinery_only_for_an_audit():
    """'provenance check' starts without the process pool, rich, warcio, the state or the HTML
    report: the command line imports provenance.audit only for its parser."""
    heavy = ["concurrent.futures", "multiprocessing", "rich", "warcio", "provenance.engines",
             "provenance.sources.inputs", "provenance.state", "provenance.formats.html_report"]
    code = f"import sys, provenance.cli; print([name for name in {heavy!r} if name in sys.modules])"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    assert loaded.strip() == "[]"


def test_a_reader_that_fails_costs_its_input_not_the_audit(tmp_path, capsys, monkeypatch):
    """An unforeseen exception in one input's reader is one error entry; the other inputs'
    results are all written, with the process pool too."""
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(b"WARC/1.0\r\n")
    read_file = Sources._file

    def reader(self: Sources, path: str) -> Iterator[Item]:
        if path != str(archive):
            yield from read_file(self, path)
            return
        yield Item(key=f"{path}#0", source="https://example.org/harbour", data=DATED.read_bytes())
        raise RuntimeError("the reader broke")

    monkeypatch.setattr(Sources, "_file", reader)
    out = tmp_path / "out.jsonl"
    code, _, _ = audit(capsys, "--jobs", "2", "-q", "--format", "jsonl", "--output", str(out), str(archive),
                       str(UNDATED))
    records = jsonl_by_source(out.read_text(encoding="utf-8"))
    assert code == 3
    assert "the reader broke" in str(records[str(archive)]["error"])
    assert records["https://example.org/harbour"]["citations"] and records[str(UNDATED)].get("error") is None
