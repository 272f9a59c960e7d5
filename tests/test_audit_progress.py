"""The progress bar's total: counted as ``Sources`` resolves the inputs, or unknown (None)."""

from __future__ import annotations

from pathlib import Path

from provenance.fetch import Fetcher
from provenance.sources.inputs import Sources, count_inputs


def site(root: Path) -> Path:
    for name in ["a.html", "b.html", "c.html", "notes.md", "x.png", ".hidden.html", "sub/d.html"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("<p>", encoding="utf-8")
    return root


def items_of(inputs: list[str]) -> int:
    with Fetcher() as fetcher:
        return sum(1 for _ in Sources(fetcher, max_bytes=100).items(inputs))


def test_a_glob_counts_each_of_its_matches(tmp_path):
    """A glob counts its matches (folders among them walked), as many as the audit will check."""
    root = site(tmp_path)
    for inputs in ([f"{root}/*.html"], [f"{root}/**/*.html"], [f"{root}/*"], [f"{root}/*.nothing"], [str(root)]):
        assert count_inputs(inputs, []) == items_of(inputs), inputs
    assert count_inputs([f"{root}/*.html"], []) == 3
    assert count_inputs([f"{root}/*.nothing"], []) == 1  # the one "no file matches" error
    assert count_inputs([f"{root}/*.html"], [], reads=lambda path: not path.endswith("b.html")) == 2


def test_sitemaps_and_warc_files_are_counted_only_as_they_are_read(tmp_path):
    """A sitemap (by its URL's path, query or not) or a WARC file makes the total unknown; a page URL is one."""
    root = site(tmp_path)
    (root / "crawl.warc.gz").write_bytes(b"")
    (root / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    assert count_inputs(["https://example.com/sitemap.xml?page=2"], []) is None
    assert count_inputs(["https://example.com/news/sitemap.XML.gz"], []) is None
    assert count_inputs(["https://example.com/a.html", "https://example.com/feed?x=.xml"], []) == 2
    assert count_inputs([str(root / "sitemap.xml")], []) is None
    assert count_inputs([f"{root}/*.warc.gz"], []) is None
    assert count_inputs([str(root)], []) is None  # the folder holds a WARC file
    assert count_inputs([str(root / "a.html")], ["-"]) is None
    listing = tmp_path / "list.txt"
    listing.write_text(f"# pages\n{root / 'a.html'}\n{root}/sub/*.html\n", encoding="utf-8")
    assert count_inputs([], [str(listing)]) == 2
