"""The page's one scan finds what the readers' patterns find, with hyperscan and without."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import FIXTURES, SEEDS, SHARED

from provenance import check_path
from provenance.extract import generic, html, scan
from provenance.extract.catalogue import OPENER_START
from provenance.extract.scan import LiteralSet, caseless, literal_matches, literal_starts, lowered

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
    assert scan.backend() == request.param
    yield request.param
    monkeypatch.undo()
    scan.backend.cache_clear()


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
def test_literal_starts_are_every_start_of_every_literal(seed: int, backend: str) -> None:
    """Each backend gives every place a literal starts, overlapping ones too ("abc" inside
    "xabcd" starts "ab", "abc", "bcd", "c" and "cd"), each place once."""
    rng = random.Random(2000 + seed)
    literals = LiteralSet(["ab", "abc", "bcd", "c", "cd"])
    text = _random_text(rng, literals.literals)
    lower = lowered(text)
    if lower is None:
        return
    starts = literals.literals
    expected = sorted({at for at in range(len(lower)) for literal in starts if lower.startswith(literal, at)})
    assert literal_starts(literals, lower) == expected
    assert literal_starts(literals, "xabcd") == [1, 2, 3]


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
    words = [found.start() for found in (generic._WORD_SET.pattern.finditer(lower, start) if len(lower) == len(text)
                                         else generic._GATE.finditer(text, start))]
    assert list(generic._word_positions(text, start)) == words


def test_caseless_reads_text_as_re_ignorecase_does() -> None:
    """The caseless view matches ASCII literals where re.IGNORECASE does; it refuses text whose offsets it moves."""
    assert caseless("<ſcrıpt K") == "<script k"
    assert re.fullmatch("<script k", "<ſcrıpt K", re.IGNORECASE)
    assert caseless("İstanbul") is None


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
