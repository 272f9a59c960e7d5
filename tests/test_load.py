"""Tests for provenance.load: reading, decoding and recognising inputs, and every bad input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from provenance.load import MAX_INPUT_BYTES, _declared, decode, detect_kind, load_bytes, load_path, load_text
from provenance.model import Document, InputError

FRENCH = (
    "Le ministre a déclaré que la réforme serait présentée à l'Assemblée après l'été. "
    "« C'est une étape décisive », a-t-il ajouté, évoquant un coût de 12 € par mois.\n"
)
GREEK = (
    "Στις 23 Δεκεμβρίου ο δήμαρχος ανακοίνωσε νέα μέτρα για την κυκλοφορία στο κέντρο της πόλης, "
    "με αποτέλεσμα να αλλάξουν τα δρομολόγια των λεωφορείων.\n"
)
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


# ---------------------------------------------------------------- kinds


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.html", "html"),
        ("A.HTM", "html"),
        ("page.xhtml", "html"),
        ("post.md", "markdown"),
        ("post.markdown", "markdown"),
        ("notes.txt", "text"),
        ("https://example.org/story.html?x=1#top", "html"),
    ],
)
def test_detect_kind_by_extension(name: str, kind: str) -> None:
    """A known extension decides the kind, whatever the content."""
    assert detect_kind(b"# looks like markdown\n\n[a](b) **c**", name) == kind


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("\ufeff  <html lang=en><p>x", "html"),
        ('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"></html>', "html"),
        ("<div class='post'><p>Fragment</p></div>", "html"),
        ("Intro text<p>one</p><p>two</p><br>", "html"),
        ("---\ntitle: x\n---\nBody", "markdown"),
        ("+++\ntitle = 'x'\n+++\nBody", "markdown"),
        ("# Title\n\nSee [the post](https://x.com/a/status/1).\n", "markdown"),
        (
            '# Title\n\n<blockquote class="twitter-tweet"><p>hi</p><a href="u">d</a></blockquote>'
            "\n\n- item\n> q\n",
            "markdown",
        ),
        (" date 2026-02-18 Στις 23 Δεκεμβρίου συνετρίβη", "text"),
        ("Plain words only.\nA second line.", "text"),
        ("Use a < b and c > d in prose.", "text"),
    ],
)
def test_detect_kind_by_content(content: str, kind: str) -> None:
    """Without a known extension the content decides: markup start, front matter, Markdown signs."""
    assert detect_kind(content) == kind
    assert detect_kind(content.encode("utf-8"), "download.bin") == kind


# ---------------------------------------------------------------- decoding


def test_decode_honours_byte_order_marks() -> None:
    """A byte-order mark decides the encoding and is removed."""
    assert decode("\ufeffhé".encode(), "x") == "hé"
    assert decode("hé there".encode("utf-16"), "x") == "hé there"
    assert decode(b"\xff\xfe" + "hé there".encode("utf-16-le"), "x") == "hé there"


def test_decode_prefers_the_declared_charset() -> None:
    """A charset declared in a meta tag or XML declaration decodes the document."""
    page = f'<html><head><meta charset="iso-8859-7"></head><body>{GREEK}</body></html>'
    assert GREEK in decode(page.encode("iso-8859-7"), "x.html")
    xml = f'<?xml version="1.0" encoding="windows-1252"?><p>{FRENCH}</p>'
    assert FRENCH in decode(xml.encode("cp1252"), "x.xhtml")
    # WHATWG: a latin-1 label means Windows-1252, whose € the real latin-1 lacks.
    legacy = f'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">{FRENCH}'
    assert FRENCH in decode(legacy.encode("cp1252"), "x.html")


@pytest.mark.parametrize("label", ["utf-16", "UTF-16LE", "utf-7", "no-such-charset", "x-user-defined-junk"])
def test_decode_ignores_impossible_declarations(label: str) -> None:
    """A declared charset that cannot apply to the bytes is passed over for UTF-8."""
    page = f'<meta charset="{label}"><p>Grüße – schön, 1+1-2</p>'
    assert decode(page.encode(), "x.html") == page


def test_decode_falls_back_when_the_declaration_lies() -> None:
    """Bytes that are invalid in the declared charset are decoded by what they really are."""
    page = f'<meta charset="utf-8"><p>{FRENCH * 3}</p>'
    assert FRENCH in decode(page.encode("cp1252"), "x.html")


@pytest.mark.parametrize(("text", "encoding"), [(FRENCH * 2, "cp1252"), (GREEK * 2, "iso-8859-7")])
def test_decode_detects_undeclared_legacy_encodings(text: str, encoding: str) -> None:
    """Windows-1252 and ISO-8859-7 text without a declaration is recognised by detection."""
    assert decode(text.encode(encoding), "legacy.txt") == text


def test_decode_keeps_utf8_with_a_stray_broken_byte() -> None:
    """Mostly valid UTF-8 stays UTF-8, with U+FFFD for the broken byte, instead of mojibake."""
    data = ("Grüße aus Köln – schön! " * 10).encode() + b"\xff" + b" Ende"
    text = decode(data, "x.txt")
    assert text.startswith("Grüße aus Köln")
    assert text.endswith("\ufffd Ende")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (PNG_HEADER + b"\x00" * 64, "binary"),
        (b"GIF89a" + bytes(range(1, 9)) * 40, "binary"),
        (b"\xff\xfe" + b"\x00\xd8", "undecodable"),
    ],
)
def test_decode_rejects_binary_and_undecodable(data: bytes, problem: str) -> None:
    """Binary data and bytes broken despite their BOM raise a one-line InputError."""
    with pytest.raises(InputError) as caught:
        decode(data, "in/put.bin")
    message = str(caught.value)
    assert message.startswith("in/put.bin: ")
    assert problem in message
    assert "\n" not in message


@pytest.mark.parametrize("data", [b"", b" \n\t\r\n", b"\xef\xbb\xbf   ", b"\xff\xfe \x00\n\x00"])
def test_decode_reads_empty_input_as_empty_text(data: bytes) -> None:
    """Nothing, or only white space (after a byte-order mark too), is text with nothing in it, not an error."""
    assert not decode(data, "in/put.md").strip()


# ---------------------------------------------------------------- load_text and load_bytes


def test_load_text_builds_a_document() -> None:
    """load_text detects the kind from the source name and fills the article's dates."""
    document = load_text("\ufeff date 2026-02-18 Body text", "feed/item.txt")
    assert isinstance(document, Document)
    assert (document.source, document.kind, document.text) == (
        "feed/item.txt",
        "text",
        " date 2026-02-18 Body text",
    )
    assert document.published is not None
    assert document.published.isoformat() == "2026-02-18"
    assert document.text[document.body_start :] == "Body text"


def test_load_text_respects_an_explicit_kind() -> None:
    """An explicit kind overrides detection."""
    assert load_text("<p>x</p><p>y</p><p>z</p>", "a.html", kind="text").kind == "text"


def test_load_bytes_decodes_and_detects() -> None:
    """load_bytes decodes legacy bytes, detects HTML and reads its date."""
    head = '<head><meta property="article:published_time" content="2020-03-01"></head>'
    page = f'<html lang="el">{head}<p>{GREEK}</p>'
    document = load_bytes(page.encode("iso-8859-7"), "https://example.gr/a")
    assert document.kind == "html"
    assert GREEK in document.text
    assert document.lang == "el"
    assert document.published is not None
    assert document.published.source == "html:meta:article:published_time"


def test_load_bytes_rejects_oversized_input() -> None:
    """Input over MAX_INPUT_BYTES raises an InputError that names the limit."""
    with pytest.raises(InputError, match=r"big\.html: too large .*limit"):
        load_bytes(b" " * (MAX_INPUT_BYTES + 1), "big.html")


def test_deeply_nested_html_loads(tmp_path: Path) -> None:
    """A page of 100,000 nested divs loads, and its head metadata is read."""
    path = tmp_path / "nested.html"
    head = '<head><meta property="article:published_time" content="2021-01-02T03:04:05Z"></head>'
    path.write_text(
        f"<html>{head}<body>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "</body></html>"
    )
    document = load_path(path)
    assert document.kind == "html"
    assert document.published is not None
    assert document.published.isoformat() == "2021-01-02T03:04:05+00:00"


def test_deeply_nested_html_without_metadata_loads(tmp_path: Path) -> None:
    """A page of 100,000 nested divs and no metadata goes through every fallback without error."""
    path = tmp_path / "nested.html"
    path.write_text(
        "<html><body>" + "<div><span>" * 50_000 + "x" + "</span></div>" * 50_000 + "</body></html>"
    )
    assert load_path(path).published is None


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Broken<body><p>Unclosed <b>bold <i>and <a href='x>broken",
        "</body></html><html><head></head><<<>>><p>2020-01-01",
        "<table><tr><td><div></td></div></tr><script>var x = '</script>';</script>",
        "<html>" + "<p>" * 5000 + "</html>",
    ],
)
def test_broken_html_loads(page: str) -> None:
    """Broken markup is read as well as it can be, never raising."""
    document = load_bytes(page.encode(), "broken.html")
    assert document.kind == "html"


def test_large_allowed_page_loads(tmp_path: Path) -> None:
    """A 3 MB page under the limit loads, its dates taken from the head."""
    head = '<html lang="it"><head><meta property="article:published_time" content="2022-02-02"></head><body>'
    path = tmp_path / "large.html"
    path.write_text(head + "<p>parole parole parole</p>\n" * 110_000 + "</body></html>")
    document = load_path(path)
    assert (document.lang, document.published is not None) == ("it", True)


# ---------------------------------------------------------------- load_path and bad files


def _error(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        load_path(path)
    message = str(caught.value)
    assert str(path) in message
    assert "\n" not in message
    return message


def test_load_path_reads_a_file_without_changing_it(tmp_path: Path) -> None:
    """load_path returns the Document and leaves the file's bytes and times as they were."""
    path = tmp_path / "post.md"
    path.write_text("---\ndate: 2020-05-06\n---\nHello\n", encoding="utf-8")
    os.utime(path, (1_000_000_000, 1_000_000_000))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    document = load_path(path)
    assert (document.source, document.kind) == (str(path), "markdown")
    assert document.published is not None
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_missing_file(tmp_path: Path) -> None:
    """A missing path is an InputError saying so."""
    assert "no such file" in _error(tmp_path / "absent.html")


def test_directory(tmp_path: Path) -> None:
    """A directory is an InputError saying so."""
    assert "directory" in _error(tmp_path)


def test_path_through_a_file(tmp_path: Path) -> None:
    """A path that runs through a regular file cannot be read and says so."""
    parent = tmp_path / "file.txt"
    parent.write_text("x")
    assert "cannot read" in _error(parent / "child.html")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_fifo_is_not_read(tmp_path: Path) -> None:
    """A named pipe is refused rather than read, which could block forever."""
    path = tmp_path / "pipe.html"
    os.mkfifo(path)
    assert "not a regular file" in _error(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    """A file without read permission is an InputError saying it cannot be read."""
    path = tmp_path / "secret.html"
    path.write_text("<p>x</p>")
    path.chmod(0)
    try:
        assert "cannot read" in _error(path)
    finally:
        path.chmod(0o600)


def test_empty_file_is_an_article_with_nothing_in_it(tmp_path: Path) -> None:
    """An empty file (a Hugo section's _index.md) loads as an empty Markdown article."""
    path = tmp_path / "_index.md"
    path.write_bytes(b"")
    document = load_path(path)
    assert document.text == "" and document.kind == "markdown" and document.published is None


def test_png_file(tmp_path: Path) -> None:
    """A PNG image is rejected as binary."""
    path = tmp_path / "image.png"
    path.write_bytes(PNG_HEADER + bytes(range(256)) * 4)
    assert "binary" in _error(path)


def test_png_named_html(tmp_path: Path) -> None:
    """Binary data is rejected whatever its name says."""
    path = tmp_path / "page.html"
    path.write_bytes(PNG_HEADER + bytes(range(256)) * 4)
    assert "binary" in _error(path)


def test_fifty_megabyte_file(tmp_path: Path) -> None:
    """A 50 MB file is refused as too large before it is read."""
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert "too large" in _error(path)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(FRENCH * 2, "cp1252"), (GREEK * 2, "iso-8859-7")],
)
def test_legacy_encoded_files_load(tmp_path: Path, text: str, encoding: str) -> None:
    """Undeclared Windows-1252 and ISO-8859-7 files load as the right text."""
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    assert load_path(path).text == text


def test_invalid_utf8_file_loads(tmp_path: Path) -> None:
    """A UTF-8 file with broken bytes loads instead of failing."""
    path = tmp_path / "broken.txt"
    path.write_bytes("Città – perché ".encode() * 30 + b"\xc3\x28 \xa0\xa1")
    document = load_path(path)
    assert document.text.startswith("Città – perché")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta charset="utf-8">', None),
        (b'<META CHARSET="UTF-8"><meta http-equiv="content-type" content="text/html; Charset=UTF8">', None),
        (b'<meta charset="windows-1252"><meta charset="utf-8">', "cp1252"),
        (b'<meta http-equiv="Content-Type" content="text/html; CHARSET = ISO-8859-2">', "iso8859-2"),
        (b"<p>charset and encoding, charsetcharset = nothing declared</p>", None),
        (b"<p>charset charset=</p>", None),  # declared, but bs4 finds no label in it
    ],
)
def test_declared_counts_every_declaration_and_every_utf8_one(head: bytes, expected: str | None) -> None:
    assert _declared(b"<html><head>" + head + b"</head><body>text</body></html>") == expected
