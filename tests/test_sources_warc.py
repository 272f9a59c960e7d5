"""WARC inputs: HTML responses streamed record by record; broken records are errors and reading goes on."""

from __future__ import annotations

import pytest
from audit_support import Record, build_warc
from helpers import FIXTURES

from provenance.config import Options
from provenance.engines import check_item
from provenance.sources.warc import iter_warc

SITE = FIXTURES / "audit" / "site"
HARBOUR = (SITE / "2025" / "harbour-opening.html").read_bytes()
COUNCIL = (SITE / "2025" / "council-budget.html").read_bytes()


def page(name: str, body: bytes = HARBOUR, **kwargs: str) -> Record:
    return Record(f"https://news.example/{name}", body, **kwargs)


MIXED = [
    page("a.html"),
    Record("https://news.example/a.html", b"GET /a.html HTTP/1.1\r\n\r\n", "application/http; msgtype=request",
           kind="request"),
    page("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png"),
    page("moved", b"<html>moved</html>", status="301 Moved Permanently"),
    page("robots.txt", b"User-agent: *\n", content_type="text/plain"),
    page("b.html", COUNCIL, content_type="application/xhtml+xml"),
    page("c.html", HARBOUR, content_type=""),
]


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_only_html_responses_are_articles(tmp_path, compress):
    """2xx HTML response records are articles named by their target URI; everything else is skipped."""
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    offsets = build_warc(path, MIXED, compress)
    items = list(iter_warc(str(path), 1_000_000))
    assert [item.source for item in items] == [f"https://news.example/{n}" for n in ("a.html", "b.html", "c.html")]
    assert [item.key for item in items] == [f"{path}#{offsets[i]}" for i in (0, 5, 6)]
    assert all(item.error is None and item.kind == "html" for item in items)
    assert items[0].data == HARBOUR and items[0].charset == "utf-8"


def test_the_content_type_is_read_as_a_fetched_page_s(tmp_path):
    """A record's media type and charset are parsed as a fetched page's are: any case, any order."""
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, [page("a.html", content_type='Text/HTML ; foo=bar; Charset="Windows-1252"'),
                      page("b.html", content_type="text/html;charset="),
                      page("c.png", content_type="IMAGE/PNG; charset=utf-8")])
    assert [(item.source.rsplit("/", 1)[1], item.charset) for item in iter_warc(str(path), 1_000_000)] == [
        ("a.html", "windows-1252"), ("b.html", None)]


def test_the_warc_date_is_never_the_publication_date(tmp_path):
    """An undated page in a WARC stays undated: the crawl date is not the article's date."""
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, [page("council.html", COUNCIL)])
    (item,) = iter_warc(str(path), 1_000_000)
    report = check_item(item, Options())
    assert item.published is None and report.published is None
    assert "PV100" in {finding.code for finding in report.findings}


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_a_truncated_record_is_an_error_and_the_rest_is_read(tmp_path, compress):
    """A record with bytes missing from its middle is one error item; the records after it are read."""
    path = tmp_path / "crawl.warc"
    records = [page(f"{n}.html") for n in range(4)]
    offsets = build_warc(path, records, compress)
    data = path.read_bytes()
    middle = (offsets[1] + offsets[2]) // 2
    path.write_bytes(data[:middle] + data[middle + 40:])
    items = list(iter_warc(str(path), 1_000_000))
    assert [item.error is None for item in items] == [True, False, True, True]
    assert items[1].key == f"{path}#{offsets[1]}"
    assert items[1].error is not None and "corrupt WARC record" in items[1].error
    assert [item.source for item in items if item.error is None] == [
        "https://news.example/0.html", "https://news.example/2.html", "https://news.example/3.html"]


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_a_file_cut_short_ends_with_an_error(tmp_path, compress):
    """A WARC cut off in its last record gives the records before it and one error for the last."""
    path = tmp_path / "crawl.warc"
    build_warc(path, [page("0.html"), page("1.html")], compress)
    path.write_bytes(path.read_bytes()[:-100])
    items = list(iter_warc(str(path), 1_000_000))
    assert [item.error is None for item in items] == [True, False]
    assert items[1].error is not None and "WARC record" in items[1].error


def test_a_corrupt_header_is_an_error_and_the_next_record_is_found(tmp_path):
    """A record whose header does not parse is one error named by its offset; reading resumes after it."""
    path = tmp_path / "crawl.warc"
    offsets = build_warc(path, [page(f"{n}.html") for n in range(3)], compress=False)
    data = bytearray(path.read_bytes())
    data[offsets[1] : offsets[1] + 8] = b"GARBAGE!"
    path.write_bytes(bytes(data))
    items = list(iter_warc(str(path), 1_000_000))
    assert [item.source for item in items] == [
        "https://news.example/0.html", f"{path}#{offsets[1]}", "https://news.example/2.html"]
    assert items[1].error is not None and items[1].error.startswith("corrupt WARC record")


def test_a_wrong_digest_is_an_error(tmp_path):
    """A record whose payload does not match its recorded digest is an error."""
    path = tmp_path / "crawl.warc"
    build_warc(path, [page("0.html", b"<html><body>original text</body></html>")], compress=False)
    path.write_bytes(path.read_bytes().replace(b"original", b"modified"))
    (item,) = iter_warc(str(path), 1_000_000)
    assert item.error is not None and "digest failed" in item.error


def test_a_record_over_the_size_limit_is_an_error(tmp_path):
    """An HTML record larger than the limit is an error, and the next record is still read."""
    path = tmp_path / "crawl.warc.gz"
    build_warc(path, [page("big.html", b"<html>" + b"x" * 5000 + b"</html>"), page("ok.html")])
    items = list(iter_warc(str(path), 3000))
    assert (items[0].source, items[0].error) == ("https://news.example/big.html", "too large (over 3000 bytes)")
    assert items[1].error is None and items[1].data == HARBOUR


def test_files_that_are_not_warcs(tmp_path):
    """A missing, empty or non-WARC file is one error item naming the file."""
    html = tmp_path / "page.warc"
    html.write_bytes(b"<html><body>not an archive</body></html>")
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    items = [item for name in ("page.warc", "empty.warc.gz", "gone.warc")
             for item in iter_warc(str(tmp_path / name), 1000)]
    assert [item.source for item in items] == [str(html), str(tmp_path / "empty.warc.gz"), str(tmp_path / "gone.warc")]
    errors = [item.error or "" for item in items]
    assert errors[0].startswith("not a WARC file")
    assert errors[1] == "empty file, not a WARC file"
    assert errors[2].startswith("cannot open")
