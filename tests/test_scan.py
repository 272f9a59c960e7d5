"""The page's one scan finds what the readers' patterns find, with hyperscan and without."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex
from helpers import FIXTURES, SEEDS, SHARED

from provenance import check_path
from provenance.extract import generic, html, links, phrases, scan
from provenance.extract.catalogue import OPENER_START
from provenance.extract.links import find_links
from provenance.extract.scan import (
    FOLDS_APART,
    LiteralSet,
    ascii_gate,
    caseless,
    literal_matches,
    literal_occurrences,
    lowered,
    page_literals,
    page_matches,
    page_occurrences,
)
from provenance.load import load_text

HAS_HYPERSCAN = scan.backend() == "hyperscan"
_NO_HYPERSCAN = "hyperscan not installed or switched off"
BACKENDS = [pytest.param("hyperscan", marks=pytest.mark.skipif(not HAS_HYPERSCAN, reason=_NO_HYPERSCAN)), "re"]
#: Characters that stress the case folding: the four that re.IGNORECASE takes for ASCII letters
#: (dotted and dotless i, long s, the Kelvin sign), one that lower-cases to two, and the "?"
#: that stands for every other character in the scanned bytes.
_TRICKY = "İıſK\u1e9e?ßÅ<>/. -"


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Each backend in turn, chosen as a user chooses it: by the environment."""
    monkeypatch.setenv(scan.ENV_NO_HYPERSCAN, "1" if request.param == "re" else "")
    scan.backend.cache_clear()
    html._markers.cache_clear()  # found with the backend of the moment
    assert scan.backend() == request.param
    yield request.param
    monkeypatch.undo()
    scan.backend.cache_clear()
    html._markers.cache_clear()


def _pages() -> list[Path]:
    pages = sorted((SHARED / "corpus").glob("*.html")) + sorted(FIXTURES.rglob("*.html"))
    return [page for page in pages if page.is_file()]


def _random_text(rng: random.Random, literals: tuple[str, ...]) -> str:
    parts = []
    for _ in range(rng.randrange(1, 40)):
        choice = rng.random()
        if choice < 0.4:
            literal = rng.choice(literals)
            parts.append(literal.upper() if rng.random() < 0.3 else literal)
        elif choice < 0.6:
            literal = rng.choice(literals)
            parts.append(literal[: rng.randrange(1, len(literal) + 1)])  # a literal's start, cut short
        else:
            parts.append("".join(rng.choice("abcdefghijklmnopqrstuvwxyz" + _TRICKY) for _ in range(rng.randrange(4))))
    return "".join(parts)


def test_literal_sets_refuse_what_the_scan_cannot_find() -> None:
    """A literal set takes ASCII lower-case literals only, without the '?' that stands for other characters."""
    for bad in (["Tweet"], ["twéet"], [""], ["x?y"]):
        with pytest.raises(ValueError, match="literals must be"):
            LiteralSet(bad)


def test_the_environment_switches_hyperscan_off(backend: str) -> None:
    """PROVENANCE_NO_HYPERSCAN=1 selects the pure-Python scan."""
    assert scan.backend() == backend


def test_no_opener_literal_starts_another() -> None:
    """The opener literals are prefix-free, so longest-first finds what OPENER_START's alternation finds."""
    literals = html._OPENER_STARTS.literals
    assert not [(a, b) for a in literals for b in literals if a != b and b.startswith(a)]


@pytest.mark.parametrize("seed", range(40))
def test_literal_matches_are_re_finditer_of_the_alternation(seed: int, backend: str) -> None:
    """On random text, each backend yields the offsets and literals ``re.finditer`` yields."""
    rng = random.Random(seed)
    for literals in (generic._WORD_SET, html._OPENER_STARTS, LiteralSet(["ab", "abc", "bcd", "c", "cd"])):
        text = _random_text(rng, literals.literals)
        lower = lowered(text)
        if lower is None:
            continue
        start = rng.randrange(len(lower) + 1)
        expected = [(found.start(), found.group()) for found in literals.pattern.finditer(lower, start)]
        assert list(literal_matches(literals, lower, start)) == expected


@pytest.mark.parametrize("seed", range(40))
def test_the_scans_find_the_openers_and_words_re_finds(seed: int, backend: str) -> None:
    """The readers' scans give OPENER_START's (IGNORECASE) and the words' (lower-cased) matches, also
    on text with characters that case-fold to ASCII letters or lower-case to two."""
    rng = random.Random(1000 + seed)
    text = _random_text(rng, (*html._OPENER_STARTS.literals, *generic._WORD_SET.literals))
    start = rng.randrange(len(text) + 1)
    openers = [(found.start(), bool(found.group("custom"))) for found in OPENER_START.finditer(text, start)]
    assert list(html._opener_starts(text, start)) == openers
    lower = text.lower()
    words = generic._word_matches(text, start)
    if len(lower) == len(text):
        assert words == [(found.start(), found.group()) for found in generic._WORD_SET.pattern.finditer(lower, start)]
    else:
        assert words is None


_TAG_PIECES = ("<div", "<a", " ", "=", '"', "'", ">", "<", "/", "data-", "class", "-", "x", "T", ".")


@pytest.mark.parametrize("seed", range(40))
def test_the_words_of_a_start_tag_are_the_page_scans(seed: int, backend: str) -> None:
    """In an ASCII span from a "<" to the next ">", the page's word matches name the platforms the
    IGNORECASE search of the span names."""
    rng = random.Random(5000 + seed)
    parts = []
    for _ in range(rng.randrange(1, 80)):
        if rng.random() < 0.3:
            word = rng.choice(generic._WORD_SET.literals)
            word = word.upper() if rng.random() < 0.3 else word
            parts.append(word[: rng.randrange(1, len(word) + 1)] if rng.random() < 0.3 else word)
        else:
            parts.append(rng.choice(_TAG_PIECES))
    text = "".join(parts)
    words = generic._word_matches(text, 0)
    assert words is not None
    starts = [at for at, _ in words]
    opening = text.find("<")
    while opening != -1:
        close = text.find(">", opening)
        if close == -1:
            break
        assert generic._named_between(words, starts, opening, close + 1) == generic._named(text[opening : close + 1])
        opening = text.find("<", opening + 1)


def _every_occurrence(literals: LiteralSet, text: str) -> list[tuple[int, int]]:
    return sorted((at, at + len(literal)) for literal in literals.literals for at in range(len(text))
                  if text.startswith(literal, at))


def test_literal_occurrences_include_overlapping_ones(backend: str) -> None:
    """Every occurrence is found, also those that start inside or around another."""
    literals = LiteralSet(["ab", "abc", "bcd", "c", "cd"])
    assert literal_occurrences(literals, "xabcd?abc") == [
        (1, 3), (1, 4), (2, 5), (3, 4), (3, 5), (6, 8), (6, 9), (8, 9),
    ]
    assert literal_occurrences(LiteralSet(["aa"]), "aaaa") == [(0, 2), (1, 3), (2, 4)]
    assert literal_occurrences(literals, "") == []


@pytest.mark.parametrize("seed", range(40))
def test_literal_occurrences_are_every_place_a_literal_starts(seed: int, backend: str) -> None:
    """On random text, each backend gives every (start, end) where a literal stands, in order."""
    rng = random.Random(2000 + seed)
    for literals in (html._MARKERS, html._OPENER_STARTS, LiteralSet(["ab", "abc", "bcd", "c", "cd"])):
        lower = lowered(_random_text(rng, literals.literals))
        if lower is None:
            continue
        assert literal_occurrences(literals, lower) == _every_occurrence(literals, lower)


def _folds_as_the_view_reads(char: str) -> bool:
    """Whether ``char`` case-folds to the one character the caseless view has for it when that
    is ASCII, or to no ASCII character when the view has none."""
    folded, seen = char.casefold(), caseless(char)
    if seen is not None and len(seen) == 1 and seen.isascii():
        return folded == seen
    return seen is not None and len(seen) == 1 and not any(c.isascii() for c in folded)


def test_folds_apart_are_the_characters_the_view_does_not_fold() -> None:
    """FOLDS_APART holds every code point the caseless view reads otherwise than str.casefold, and only those."""
    apart = {chr(code) for code in range(0x110000)
             if not 0xD800 <= code < 0xE000 and not _folds_as_the_view_reads(chr(code))}
    assert apart == set(FOLDS_APART)
    assert len(set(FOLDS_APART)) == len(FOLDS_APART)


#: Markup that stresses _may_open: tag starts, attribute syntax, and characters that case-fold
#: to ASCII letters, to two characters (one ASCII), or to two non-ASCII ones.
_MARKUP_PIECES = ("<div ", "<iframe ", "<blockquote", "<span", " class=", " src=", "=", '"', "'", ">", " ",
                  "\u00df", "\ufb06", "\ufb01", "\u0131", "\u017f", "\u212a", "\u1f80", "\u00c5")


def _random_markup(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randrange(1, 60)):
        choice = rng.random()
        if choice < 0.3:
            literal = rng.choice(html._MARKERS.literals)
            literal = literal.upper() if rng.random() < 0.3 else literal
            parts.append(literal[: rng.randrange(1, len(literal) + 1)] if rng.random() < 0.3 else literal)
        elif choice < 0.9:
            parts.append(rng.choice(_MARKUP_PIECES))
        else:
            parts.append(rng.choice("stkinagrm.-/"))
    if rng.random() < 0.05:
        parts.append("\u0130")  # lower-cases to two characters: no caseless view, no page markers
    return "".join(parts)


@pytest.mark.parametrize("seed", range(60))
def test_may_open_answers_from_the_page_markers_as_from_the_tag(seed: int, backend: str) -> None:
    """With hyperscan, the page's marker occurrences answer _may_open as the search of each case-folded tag does."""
    rng = random.Random(3000 + seed)
    text = _random_markup(rng)
    markers = html._markers(text)
    assert (markers is None) == (backend == "re" or "\u0130" in text)
    for start, custom in html._opener_starts(text, 0):
        if not custom:
            assert html._may_open(text, start, markers) == html._may_open(text, start), (text, start)


@pytest.mark.parametrize(("tag", "opens"), [
    ('<div class="plugin\u00df">', True),  # "ss" when folded: "plugins"
    ('<div class="in\ufb06agram.com/">', True),  # the "st" ligature
    ('<div class="\u0131nstagram-media">', False),  # dotless i folds to itself
    ('<div class="ti\u212atok">', True),  # the Kelvin sign folds to "k"
    ('<div class="in\u017ftagram.com/">', True),  # long s folds to "s"
    ('<div class="\u1f80 youtube">', True),  # folds to two Greek letters
    ('<div class="\u00dfyoutub">', False),
    ('<div class="fb-pos">fb-post', False),
])
def test_may_open_reads_characters_that_fold_otherwise(tag: str, opens: bool, backend: str) -> None:
    """A tag with a character that folds to two, or that the view reads otherwise, opens as its folded text says."""
    text = f"<p>{tag} youtube</p>"
    assert html._may_open(text, 3, html._markers(text)) is opens
    assert html._may_open(text, 3) is opens


def test_caseless_reads_text_as_re_ignorecase_does() -> None:
    """The caseless view matches ASCII literals where re.IGNORECASE does; it refuses text whose offsets it moves."""
    assert caseless("<ſcrıpt K") == "<script k"
    assert re.fullmatch("<script k", "<ſcrıpt K", re.IGNORECASE)
    assert caseless("İstanbul") is None


@pytest.mark.parametrize("page", _pages(), ids=lambda page: page.name)
def _every_code_point() -> str:
    return "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


def test_view_bytes_are_the_views_written_as_ascii() -> None:
    """The bytes made from the page's own bytes are those of its lower-cased and caseless views,
    for every code point, and for text that lower-cases to two none are made."""
    text = _every_code_point().replace("\u0130", "")
    for folded in (False, True):
        view = caseless(text) if folded else lowered(text)
        assert view is not None
        assert scan._view_bytes(text, folded) == scan._ascii(view)
        assert scan._view_bytes("plain ascii <DIV>", folded) == scan._ascii("plain ascii <div>")
        assert scan._view_bytes("x\u0130x", folded) is None
    assert [char for char in _every_code_point() if len(char.lower()) != 1] == [scan._LOWERS_TO_TWO]
    assert [char for char in _every_code_point() if not char.isascii() and char.lower().isascii()
            ] == list(scan._LOWERS_TO_ASCII)


@pytest.mark.parametrize("seed", range(40))
def test_page_scans_are_the_scans_of_the_views(seed: int, backend: str) -> None:
    """page_matches and page_occurrences give what literal_matches and literal_occurrences give
    on the page's caseless or lower-cased view, and None where the view is None."""
    rng = random.Random(4000 + seed)
    for literals in (generic._WORD_SET, html._OPENER_STARTS, html._MARKERS):
        text = _random_text(rng, literals.literals)
        start = rng.randrange(len(text) + 1)
        for folded in (False, True):
            view = caseless(text) if folded else lowered(text)
            matches = page_matches(literals, text, start, folded=folded)
            occurrences = page_occurrences(literals, text, folded=folded)
            if view is None:
                assert matches is None and occurrences is None
            else:
                assert matches is not None
                assert list(matches) == list(literal_matches(literals, view, start))
                assert occurrences == literal_occurrences(literals, view)


@pytest.mark.skipif(not HAS_HYPERSCAN, reason=_NO_HYPERSCAN)
@pytest.mark.parametrize("seed", range(20))
def test_the_one_pass_of_every_page_set_finds_what_a_pass_of_each_finds(seed: int) -> None:
    """The literal sets scanned on every page, found together in one pass, each give the matches
    a pass of their own gives, on random text and on the corpus pages."""
    assert {id(member) for member in scan._EVERY_PAGE} >= {
        id(html._OPENER_STARTS), id(html._MARKERS), id(generic._WORD_SET), id(phrases._GATE_SET)}
    rng = random.Random(7000 + seed)
    every = tuple(literal for member in scan._EVERY_PAGE for literal in member.literals)
    texts = [_random_text(rng, every) for _ in range(5)]
    if seed == 0:
        texts += [page.read_text(encoding="utf-8", errors="replace") for page in _pages()[:40]]
    for text in texts:
        for folded in (False, True):
            data = scan._view_bytes(text, folded)
            if data is None:
                continue
            for member in scan._EVERY_PAGE:
                assert scan._all_matches(member, data) == scan._pass(member, data)


def test_an_ascii_gate_is_the_longest_ascii_part_of_a_phrase() -> None:
    """The gate is the phrase's longest run of ASCII characters but "?", lower-cased; none without one."""
    assert ascii_gate("Posted by") == "posted by"
    assert ascii_gate("paylaştı:") == "payla"
    assert ascii_gate("a?Bc\u00e9d") == "bc"
    assert ascii_gate("\u266c") is None
    assert ascii_gate("") is None


@pytest.mark.parametrize("seed", range(40))
def test_page_literals_and_phrase_gates_answer_as_the_text_does(seed: int, backend: str) -> None:
    """page_literals gives the literals of the lower-cased view (None without hyperscan or view),
    and a phrase gated by it is found in a text exactly when ``in`` finds it."""
    rng = random.Random(6000 + seed)
    pieces = (*phrases._PHRASES, *(phrase.upper() for phrase in phrases._PHRASES), "\u0130", "\u0131", "P", "y")
    text = "".join(rng.choice(pieces)[: rng.choice((3, 99))] for _ in range(rng.randrange(12)))
    present = page_literals(phrases._GATE_SET, text)
    lower = lowered(text)
    if backend == "re" or lower is None:
        assert present is None
    else:
        assert present == {literal for literal in phrases._GATE_SET.literals if literal in lower}
    for phrase in phrases._PHRASES:
        assert phrases._holds(text, present, phrase) == (phrase in text), (text, phrase)


@pytest.mark.parametrize("page", _pages(), ids=lambda page: page.name)
def test_pages_scan_alike_with_either_backend(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every corpus and fixture page gives the same report with hyperscan as with the pure-Python scan."""
    if not HAS_HYPERSCAN:
        pytest.skip(_NO_HYPERSCAN)
    reports = []
    for value in ("", "1"):
        monkeypatch.setenv(scan.ENV_NO_HYPERSCAN, value)
        scan.backend.cache_clear()
        html._embed_regions.cache_clear()  # cached per text: each backend finds the regions anew
        html._markers.cache_clear()
        reports.append(check_path(page))
    scan.backend.cache_clear()
    monkeypatch.delenv(scan.ENV_NO_HYPERSCAN)
    assert reports[0].findings == reports[1].findings
    assert reports[0].citations == reports[1].citations


def test_a_seed_checks_without_loading_hyperscan() -> None:
    """A plain-text article is checked without the scan's compiled dependency."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    seed = next(iter(sorted(SEEDS.glob("*.txt"))))
    code = ("import sys; from provenance import check_path; check_path(sys.argv[1]); "
            "print('hyperscan' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code, str(seed)], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


_HREF_PIECES = ("href", "HREF", "Href", "hReF", "xhref", "=", " ", '"', "'", "<a ", ">", "https://x.com/a/status/1",
                "/p", "\u0130", "\u0131", "\u212a", "&amp;", "`")


@pytest.mark.parametrize("seed", range(40))
def test_hrefs_are_what_the_href_search_finds(seed: int, backend: str) -> None:
    """The href values tried where the page's scan found "href" are HREF.finditer's, on both backends."""
    rng = random.Random(8000 + seed)
    text = "".join(rng.choice(_HREF_PIECES) for _ in range(rng.randrange(60)))
    start = rng.randrange(len(text) + 1)
    expected = [(match.span(), match.groups()) for match in links.HREF.finditer(text, start)]
    assert [(match.span(), match.groups()) for match in links._hrefs(text, start)] == expected


def test_no_other_character_is_a_letter_of_href() -> None:
    """HREF's IGNORECASE reads only the ASCII letters of "href" as them, which the lower-cased view holds."""
    for letter in "href":
        pattern = regex.compile(letter, regex.IGNORECASE)
        assert [char for char in _every_code_point() if pattern.fullmatch(char)] == sorted([letter.upper(), letter])


def test_a_link_named_twice_is_found_twice() -> None:
    """Each href is a link, also one whose URL the page has read before."""
    url = "https://x.com/harbour/status/1450000000000000000"
    text = f'<p><a href="{url}">one</a> <a HREF=\'{url}\'>two</a> <a href="/x">x</a></p>'
    expected = [(text.index("href"), url), (text.index("HREF"), url)]
    assert [(fragment.offset, fragment.url) for fragment in find_links(load_text(text, "page.html"))] == expected
