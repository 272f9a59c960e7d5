"""Inputs of an audit: files, folders, globs, lists, URLs and sitemaps resolved into Items."""

from __future__ import annotations

import gzip
import io
from datetime import date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler

import pytest
from audit_support import Server, send

from provenance.fetch import Fetcher
from provenance.sources.inputs import MAX_SITEMAP_DEPTH, Sources, is_sitemap_name
from provenance.sources.sitemap import SitemapError, read_sitemap

URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ' \
         'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{}</urlset>'
INDEX = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</sitemapindex>'


def url_entry(loc: str, published: str | None = None) -> str:
    news = (f"<news:news><news:publication><news:name>Daily</news:name><news:language>en</news:language>"
            f"</news:publication><news:publication_date>{published}</news:publication_date>"
            f"<news:title>T</news:title></news:news>") if published else ""
    return f"<url><loc>{loc}</loc><lastmod>2030-01-01</lastmod>{news}</url>"


@pytest.fixture
def sources():
    with Fetcher(timeout=2, retries=0) as fetcher:
        yield Sources(fetcher, max_bytes=1_000_000)


def keys(items):
    return [item.key for item in items]


def test_folders_are_walked_in_order_for_articles_and_warcs(tmp_path, sources):
    """A folder gives its article and WARC files in path order; hidden entries and other files are skipped."""
    for name in ["b.html", "a.md", "c.txt", "notes.pdf", ".hidden.html", "sub/d.htm", ".git/e.html", "crawl.warc.gz"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    items = list(sources.items([str(tmp_path)]))
    names = [item.key.removeprefix(str(tmp_path) + "/") for item in items]
    # The empty WARC is one error item named after the file.
    assert names == ["a.md", "b.html", "c.txt", "crawl.warc.gz", "sub/d.htm"]
    assert [item.path is not None for item in items] == [True, True, True, False, True]
    (tmp_path / "0-first" / "z.html").parent.mkdir()
    (tmp_path / "0-first" / "z.html").write_bytes(b"")
    assert keys(sources.items([str(tmp_path)]))[0] == str(tmp_path / "0-first" / "z.html")
    # An Item's error is the problem alone; its source names the input, as a file's report does.
    assert (items[3].source, items[3].error) == (str(tmp_path / "crawl.warc.gz"), "empty file, not a WARC file")


def test_a_named_file_is_an_article_even_when_missing(tmp_path, sources):
    """A named file is an article Item by its path; a missing one fails later, when it is read."""
    (item,) = sources.items([str(tmp_path / "gone.html")])
    assert item.path == str(tmp_path / "gone.html") and item.error is None


def test_globs_expand_sorted_and_report_no_match(tmp_path, sources):
    """A glob gives its matches in order; a glob that matches nothing is one error item."""
    for name in ["x/2.html", "x/1.html", "y/3.html"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<p>", encoding="utf-8")
    items = list(sources.items([f"{tmp_path}/**/*.html", f"{tmp_path}/*.nothing"]))
    assert [i.key.removeprefix(str(tmp_path)) for i in items[:3]] == ["/x/1.html", "/x/2.html", "/y/3.html"]
    assert (items[3].source, items[3].error) == (f"{tmp_path}/*.nothing", "no file matches")


def test_lists_on_stdin_and_in_files(tmp_path):
    """'-' and --from-file read one input a line, skipping blanks and comments; '-' inside a list is an error."""
    listed = tmp_path / "list.txt"
    listed.write_text("# archive\n\nhttps://example.com/a.html\n  b.html  \n-\n", encoding="utf-8")
    with Fetcher() as fetcher:
        sources = Sources(fetcher, max_bytes=10, stdin=io.StringIO("c.html\n# no\nhttps://example.com/d\n"))
        items = list(sources.items(["-", "e.html"], [str(listed), str(tmp_path / "missing.txt")]))
    assert [(i.key, i.url is not None) for i in items[:3]] == [
        ("c.html", False), ("https://example.com/d", True), ("e.html", False)]
    assert keys(items[3:5]) == ["https://example.com/a.html", "b.html"]
    assert (items[5].source, items[5].error) == ("-", f"a list in {listed} cannot name standard input")
    assert items[6].source == str(tmp_path / "missing.txt")
    assert items[6].error is not None and items[6].error.startswith("cannot read the list:")


@pytest.mark.parametrize("raw", ["ftp://example.com/a.html", "file:///srv/a.html", "gopher://x/y"])
def test_other_url_schemes_are_errors(raw, sources):
    """A URL with a scheme other than http or https is one error item, never fetched or opened."""
    (item,) = sources.items([raw])
    assert item.error is not None and "unsupported URL scheme" in item.error and item.url is None


def test_include_and_exclude_patterns_filter_local_files(tmp_path):
    """Files the configuration's patterns leave out are skipped, in folders and when named."""
    for name in ["keep.html", "drafts/skip.html"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<p>", encoding="utf-8")
    with Fetcher() as fetcher:
        sources = Sources(fetcher, max_bytes=10, reads=lambda path: "drafts" not in str(path))
        items = list(sources.items([str(tmp_path), str(tmp_path / "drafts" / "skip.html")]))
    assert keys(items) == [str(tmp_path / "keep.html")]


def test_sitemap_names():
    """A sitemap is told by its name: .xml or .xml.gz, for files and URL paths."""
    assert is_sitemap_name("https://example.com/sitemap.xml?page=2")
    assert is_sitemap_name("news-sitemap.XML.gz")
    assert not is_sitemap_name("https://example.com/xml/article.html")


def test_a_news_sitemap_gives_pages_with_their_publication_dates(tmp_path, sources):
    """Each <url> is a page Item; news:publication_date becomes its date, marked as from the sitemap."""
    path = tmp_path / "news.xml"
    path.write_text(URLSET.format(
        url_entry("https://example.com/a.html", "2025-01-17T21:30:00+02:00")
        + url_entry("https://example.com/b.html", "2025-01-18")
        + url_entry("https://example.com/c.html")
        + url_entry("mailto:editor@example.com")
    ), encoding="utf-8")
    items = list(sources.items([str(path)]))
    assert keys(items) == ["https://example.com/a.html", "https://example.com/b.html",
                           "https://example.com/c.html", "mailto:editor@example.com"]
    first, second, third, fourth = items
    assert first.url == first.key and first.published is not None
    assert first.published.moment == datetime(2025, 1, 17, 21, 30, tzinfo=timezone(timedelta(hours=2)))
    assert first.published.source == f"news-sitemap {path}"
    assert second.published is not None and second.published.day == date(2025, 1, 18)
    assert third.published is None
    assert (fourth.source, fourth.error) == ("mailto:editor@example.com", "not an http or https URL")


def test_a_gzipped_sitemap_file_is_read(tmp_path, sources):
    """A .xml.gz sitemap is decompressed (told by its bytes) and read."""
    path = tmp_path / "sitemap.xml.gz"
    path.write_bytes(gzip.compress(URLSET.format(url_entry("https://example.com/z.html")).encode()))
    assert keys(sources.items([str(path)])) == ["https://example.com/z.html"]


def test_sitemap_indexes_are_followed_over_http(sources):
    """A sitemap index URL is fetched, and each child sitemap (plain or gzipped) in turn; loops stop."""
    def answer(body: bytes, kind: str = "application/xml"):
        return lambda handler: send(handler, 200, body, [("Content-Type", kind)])

    routes: dict[str, object] = {}
    with Server(routes=routes) as server:  # type: ignore[arg-type]
        routes["/index.xml"] = answer(INDEX.format(
            f"<sitemap><loc>{server.url('/one.xml')}</loc></sitemap>"
            f"<sitemap><loc>{server.url('/two.xml.gz')}</loc></sitemap>"
            f"<sitemap><loc>{server.url('/index.xml')}</loc></sitemap>"
            f"<sitemap><loc>{server.url('/missing.xml')}</loc></sitemap>").encode())
        routes["/one.xml"] = answer(URLSET.format(url_entry(server.url("/p1.html"), "2025-02-01")).encode())
        routes["/two.xml.gz"] = answer(gzip.compress(URLSET.format(url_entry(server.url("/p2.html"))).encode()),
                                       "application/x-gzip")
        items = list(sources.items([server.url("/index.xml")]))
    assert keys(items) == [server.url("/p1.html"), server.url("/p2.html"), f"sitemap:{server.url('/missing.xml')}"]
    assert items[0].published is not None and items[0].published.source == f"news-sitemap {server.url('/one.xml')}"
    assert (items[2].source, items[2].error) == (server.url("/missing.xml"), "HTTP 404 Not Found")
    assert server.requests.count("/index.xml") == 1


def test_deeply_nested_indexes_stop(sources):
    """Sitemap indexes nested deeper than MAX_SITEMAP_DEPTH give an error item instead of more requests."""
    routes = {}
    with Server(routes=routes) as server:
        for level in range(MAX_SITEMAP_DEPTH + 2):
            body = INDEX.format(f"<sitemap><loc>{server.url(f'/s{level + 1}.xml')}</loc></sitemap>").encode()
            routes[f"/s{level}.xml"] = lambda handler, body=body: send(handler, 200, body)
        items = list(sources.items([server.url("/s0.xml")]))
    assert len(items) == 1 and "nested deeper than" in (items[0].error or "")
    assert len(server.requests) == MAX_SITEMAP_DEPTH


def test_broken_sitemaps_are_errors_after_what_could_be_read(tmp_path, sources):
    """Malformed XML keeps the entries before the break; XML that is no sitemap is one error."""
    broken = tmp_path / "broken.xml"
    broken.write_text(URLSET.format(url_entry("https://example.com/ok.html") + "<url><loc>x</u"), "utf-8")
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss><channel><item><link>https://example.com/a</link></item></channel></rss>", "utf-8")
    items = list(sources.items([str(broken), str(feed), str(tmp_path / "gone.xml")]))
    assert items[0].key == "https://example.com/ok.html"
    assert items[1].source == str(broken)
    assert items[1].error is not None and items[1].error.startswith("malformed XML")
    assert (items[2].source, items[2].error) == (str(feed), "not a sitemap (its root element is <rss>)")
    assert items[3].source == str(tmp_path / "gone.xml")
    assert items[3].error is not None and items[3].error.startswith("cannot read")


def test_a_sitemap_with_a_doctype_is_refused_before_its_entities_are_read(tmp_path):
    """A sitemap with a DOCTYPE is an error: no local file is read and no entity expands."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    for subset in (f'<!ENTITY x SYSTEM "file://{secret}">', f'<!ENTITY l0 "lol">{laughs}'):
        xml = (f'<?xml version="1.0"?><!DOCTYPE urlset [{subset}]>'
               + URLSET.format("<url><loc>https://example.com/&x;&l9;</loc></url>"))
        with pytest.raises(SitemapError, match=r"^a DOCTYPE <!DOCTYPE urlset> \(sitemaps have none") as raised:
            list(read_sitemap(io.BytesIO(xml.encode()), "evil.xml"))
        assert "TOPSECRET" not in str(raised.value) and "lol" not in str(raised.value)


def test_a_sitemap_that_inflates_past_the_limit_is_refused():
    """A gzipped sitemap larger than the limit once decompressed is an error, not a memory spike."""
    body = gzip.compress(URLSET.format(url_entry("https://example.com/a") * 5000).encode())
    with pytest.raises(SitemapError, match="larger than 10000 bytes"):
        list(read_sitemap(io.BytesIO(body), "big.xml.gz", limit=10_000))


def test_a_page_url_is_not_fetched_while_resolving(sources):
    """A page URL becomes an Item to fetch later: resolving inputs sends no request."""
    hits: list[str] = []

    def page(handler: BaseHTTPRequestHandler) -> None:
        hits.append(handler.path)
        send(handler, 200, b"<p>")

    with Server(routes={"/a.html": page}) as server:
        (item,) = sources.items([server.url("/a.html")])
    assert item.url == server.url("/a.html") and hits == []


def test_a_binary_list_is_one_error_not_a_line_each(tmp_path, sources):
    """A --from-file list that holds NUL bytes is no list of paths: one error, the rest unread."""
    listing = tmp_path / "inputs.txt"
    listing.write_bytes(b"article.html\n\x7fELF\x02\x00\x00garbage\nmore.html\n")
    items = list(sources.items([], [str(listing)]))
    assert [(item.source, item.error) for item in items] == [
        ("article.html", None),
        (str(listing), "not a list of paths or URLs (it holds NUL bytes); the rest is not read"),
    ]
