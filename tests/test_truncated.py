"""WARC files and HTML pages cut off at any byte keep everything that was whole before the cut.

How much a parser reads ahead, or holds back before it reports a break, changes between versions
of warcio, lxml and libxml2; these tests try every offset (or every few), so that what is kept
does not depend on it. (Sitemaps: tests/test_sources_sitemap_broken.py.)
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from audit_support import Record, build_warc
from helpers import FIXTURES

from provenance.extract import extract
from provenance.extract.html import embed_regions
from provenance.htmltree import parse_html
from provenance.load import load_text
from provenance.sources.warc import read_warc

MAX_BYTES = 1_000_000


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_a_warc_cut_at_any_offset_gives_every_record_before_the_cut_and_one_error(tmp_path, compress):
    """Cut anywhere, a WARC gives its whole records unchanged, then one error for the record cut
    off (none when the cut takes only what follows a record's block), and loses none silently."""
    path = tmp_path / "cut.warc"
    bodies = [f"<html><body><p>Article {n}</p>{'x' * (n * 37)}</body></html>".encode() for n in range(4)]
    offsets = build_warc(path, [Record(f"https://news.example/{n}.html", body) for n, body in enumerate(bodies)],
                         compress=compress)
    data = path.read_bytes()
    ends = [*offsets[1:], len(data)]
    full = [(item.key, item.source, item.data) for item in read_warc(io.BytesIO(data), "cut.warc", MAX_BYTES)]
    assert [source for _, source, _ in full] == [f"https://news.example/{n}.html" for n in range(4)]
    for cut in range(1, len(data) + 1):
        items = list(read_warc(io.BytesIO(data[:cut]), "cut.warc", MAX_BYTES))
        whole = sum(1 for end in ends if end <= cut)
        good = [(item.key, item.source, item.data) for item in items if item.error is None]
        errors = [item.key for item in items if item.error is not None]
        assert good == full[: len(good)], cut
        if cut in (*offsets, len(data)):  # between records: nothing is cut
            assert errors == [] and len(good) == whole, cut
        elif errors:  # the record the cut falls in is one error, after the whole ones
            assert len(good) == whole and len(errors) == 1, cut
            problem = items[-1].error or ""
            if errors == ["cut.warc"]:  # cut before the first record's WARC/ line could be read
                assert whole == 0 and problem.startswith("not a WARC file"), (cut, problem)
            else:
                assert errors == [f"cut.warc#{offsets[whole]}"] and "truncated" in problem, (cut, problem)
        else:  # only the gzip trailer or the blank lines after the block were cut: the record is whole
            assert len(good) == whole + 1 and ends[whole] - cut <= 12, cut


def test_html_cut_at_any_offset_keeps_every_element_that_ended_before_the_cut():
    """The HTML parser keeps every element whose end tag came before a cut, with its attributes and text."""
    parts = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        '<title id="t">A &amp; B</title>',
        '<meta id="m1" property="article:published_time" content="2024-03-05T10:00:00Z">',
        '<script id="s1" type="application/ld+json">{"datePublished": "2024-03-05", "x": "</p>"}</script>',
        '<style id="st">p > a { color: red }</style></head><body>',
        "<!-- a comment with <p> inside -->",
        '<p id="p1">First paragraph with <a id="a1" href="https://x.com/a/status/1">a link</a> &amp; more.</p>',
        '<p id="p2">Ünïcödé text — “quoted” 😀</p>',
        '<blockquote id="b1" class="twitter-tweet"><p id="p3">Tweet</p>&mdash; Name (@h) '
        '<a id="a2" href="https://twitter.com/h/status/2">March 5, 2024</a></blockquote>',
        '<pre id="pre">  keep   spaces  </pre><textarea id="ta">x < y</textarea>',
        '<table id="tb"><tr><td id="td">cell</td></tr></table><img id="img" src="a.png" alt="x">',
        '<p id="p4">Last <b id="bb">bold</b> words.</p></body></html>\n',
    ]
    text = "".join(parts)
    ends: list[tuple[str, int]] = []
    for index, part in enumerate(parts):
        end = len("".join(parts[: index + 1]))
        ends += [(ident, end) for ident in re.findall(r'id="([^"]+)"', part)]

    def element(root: object, ident: str) -> tuple[str, dict[str, str], str] | None:
        found = root.xpath(f'//*[@id="{ident}"]') if root is not None else []  # type: ignore[attr-defined]
        return (found[0].tag, dict(found[0].attrib), "".join(found[0].itertext())) if found else None

    full = parse_html(text)
    assert all(element(full, ident) is not None for ident, _ in ends)
    for cut in range(len(text) + 1):
        root = parse_html(text[:cut])
        for ident, end in ends:
            if end <= cut:
                assert element(root, ident) == element(full, ident), (cut, ident)


@pytest.mark.parametrize("name", ["platform_instagram_embeds.html", "platform_facebook_embeds.html",
                                  "html_problems.html"])
def test_an_article_cut_anywhere_keeps_the_embeds_that_ended_before_the_cut(name):
    """A page cut off anywhere still gives, unchanged, every embed whose markup ended before the cut."""
    path: Path = FIXTURES / "cases" / name
    text = path.read_text(encoding="utf-8")
    regions = {start: end for start, end, _ in embed_regions(text)}
    fragments = [fragment for fragment in extract(load_text(text, name)).fragments if fragment.offset in regions]
    assert len(fragments) >= 3
    cuts = set(range(0, len(text), 97)) | {regions[f.offset] + delta for f in fragments for delta in (-1, 0, 1)}
    for cut in sorted(cut for cut in cuts if 0 <= cut <= len(text)):
        kept = set(extract(load_text(text[:cut], name)).fragments)
        assert {f for f in fragments if regions[f.offset] <= cut} <= kept, cut
