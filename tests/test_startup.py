"""A short check loads only what it uses: the libraries an HTML page, an audit or a fetch needs stay unimported.

Each import here is tens of milliseconds of a short check's start-up (benchmarks/bench_startup.py
measures it); the checks run in a fresh interpreter, since this one has imported everything.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, SEEDS, SHARED

from provenance import load
from provenance.load import decode
from provenance.model import InputError

#: What checking a short text file must not import, and what needs each.
HEAVY = (
    "babel",  # dates in a locale beyond the supported ones
    "bs4", "charset_normalizer", "soupsieve",  # a declared charset, a byte-order mark, a guessed encoding
    "htmldate",  # an HTML page's date when its metadata states none
    "httpx", "socket", "ssl",  # fetching (URL inputs, --online)
    "lxml",  # HTML
    "yaml",  # YAML front matter
    "email",  # RFC 2822 dates in pages and HTTP headers
    "rich", "multiprocessing", "warcio", "sqlite3",  # audit
    "provenance.engines", "provenance.sources.inputs", "provenance.state", "provenance.online.client",
    "provenance.published.html",  # HTML
)  # fmt: skip


def _imported(*argv: str) -> list[str]:
    """Which of HEAVY a run of the command line with ``argv`` imports, in a fresh interpreter."""
    code = (
        "import contextlib, io, sys\n"
        "from provenance.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(sys.argv[1:])\n"
        f"print(' '.join(name for name in {HEAVY!r} if name in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True)
    return result.stdout.split()


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda path: path.name)
def test_checking_a_text_file_imports_none_of_the_heavy_libraries(seed: Path) -> None:
    assert _imported("check", "--exit-zero", str(seed)) == []


def test_checking_a_markdown_file_with_toml_front_matter_imports_none_of_the_heavy_libraries(tmp_path: Path) -> None:
    article = tmp_path / "post.md"
    article.write_text('+++\ndate = "2025-08-21"\n+++\nThe minister wrote on X on 20 August 2025.\n', encoding="utf-8")
    assert _imported("check", "--exit-zero", str(article)) == []


def test_an_html_page_declaring_utf8_loads_lxml_and_not_bs4() -> None:
    assert _imported("check", "--exit-zero", str(FIXTURES / "cases" / "html_standard.html")) == [
        "lxml", "provenance.published.html"
    ]


def test_a_page_declaring_another_charset_loads_bs4(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes('<meta charset="windows-1252"><p>Café</p>'.encode("cp1252"))
    assert {"bs4", "lxml"} <= set(_imported("check", "--exit-zero", str(page)))


def test_listing_the_rules_imports_none_of_the_heavy_libraries() -> None:
    assert _imported("rules") == []


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ('<META CHARSET="ISO-8859-7"><p>Καλημέρα</p>'.encode("iso-8859-7"), "<p>Καλημέρα</p>"),
        ("<?xml version='1.0' ENCODING='windows-1252'?><p>café</p>".encode("cp1252"), "<p>café</p>"),
        ("\ufeffcafé".encode("utf-32-le"), "café"),
        ("\ufeffcafé".encode("utf-32-be"), "café"),
        (b"\xef\xbb\xbfcaf\xc3\xa9", "café"),
        ("Καλημέρα σας, η σελίδα δεν δηλώνει κωδικοποίηση.".encode("iso-8859-7"), "Καλημέρα σας"),
    ],
    ids=["meta-in-capitals", "xml-declaration-in-capitals", "utf-32-le-bom", "utf-32-be-bom", "utf-8-bom", "guessed"],
)
def test_the_inputs_bs4_is_loaded_for_are_decoded_by_it(data: bytes, text: str) -> None:
    """bs4 is imported only for an input with a declaration or no fitting encoding; those still get
    its reading (declarations in any case); byte-order marks are read without it, UTF-32's too."""
    assert text in decode(data, "page")


CRAFTED = [
    b'<meta charset="utf-8"><p>caf\xc3\xa9</p>',
    b'<meta charset="utf-8"><p>caf\xe9 na\xefve, d\xe9j\xe0 vu</p>',
    b'<meta charset="windows-1252"><p>caf\xe9</p>',
    b'<meta charset="utf-8"><meta charset="iso-8859-7"><p>\xe1\xe2\xe3 \xe4\xe5</p>',
    b'<meta charset="windows-1252"><meta charset="utf-8"><p>caf\xc3\xa9</p>',
    b'<meta name="x" content="charset=utf-8"><meta charset="windows-1252"><p>caf\xc3\xa9</p>',
    b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><p>caf\xc3\xa9</p>',
    b'<?xml version="1.0" encoding="UTF-8"?><p>caf\xc3\xa9</p>',
    b"<?xml version='1.0' encoding='iso-8859-7'?><p>\xe1\xe2\xe3</p>",
    b'<p>var charset = "utf-8"; caf\xc3\xa9</p>',
    b'<script>var s = "<meta charset=\\"utf-8\\">";</script><p>caf\xe9 na\xefve</p>',
    b'<meta charset=utf8>caf\xc3\xa9',
    b'<meta charset = "UTF_8" >caf\xc3\xa9',
    b'<meta charset="utf-8x"><p>caf\xe9</p>',
    b'<meta charset="utf-8\n"><p>caf\xc3\xa9</p>',
    b'<style>@charset "UTF-8";</style><p>caf\xe9</p>',
    b'The charset was utf-8, the encoding= field said so: caf\xc3\xa9',
]


@pytest.mark.parametrize("data", CRAFTED, ids=range(len(CRAFTED)))
def test_decoding_skips_bs4_only_where_it_would_decode_the_same(data: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """An input whose every declaration is of UTF-8 is not shown to bs4; it is decoded as when bs4 is asked."""
    def decoded() -> str:
        try:
            return decode(data, "page")
        except InputError as error:
            return str(error)

    quick = decoded()
    # bs4 asked about every declaration: a UTF-8 pattern per keyword that never matches
    monkeypatch.setattr(load, "_UTF8_DECLARATIONS", (re.compile(b"(?!)"),) * len(load._KEYWORDS))
    assert decoded() == quick


def test_the_corpus_and_fixtures_decode_as_when_bs4_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [*sorted((SHARED / "corpus").glob("*.html")), *sorted(FIXTURES.rglob("*.html"))]
    quick = [decode(page.read_bytes(), page.name) for page in pages]
    monkeypatch.setattr(load, "_UTF8_DECLARATIONS", (re.compile(b"(?!)"),) * len(load._KEYWORDS))
    assert [decode(page.read_bytes(), page.name) for page in pages] == quick
