"""The shipped CLDR data of the supported locales holds what the installed Babel gives, and serves without Babel.

The file is the union of what several Babel releases give (``built_from``), so it is checked for
containing the installed Babel's names, patterns and orders, never skipped: a Babel that gives one
it lacks fails here. Merge it in on purpose with ``pytest tests/test_dates_index.py --update-golden``
(the installed Babel's names go first when it is the newest release merged, after the others'
when older); start over by deleting the file and running that under each supported Babel.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import babel
import pytest

from provenance import caches
from provenance.dates import _babel, _build, _cldr, _scan, _shipped, find_dates
from provenance.dates._shipped import LocaleNames

INDEX_FILE = Path(_shipped.__file__).resolve().parents[1].joinpath(*_shipped.INDEX_DATA)
REBUILD = "merge the installed Babel's data in with: pytest tests/test_dates_index.py --update-golden"


def _uncovered(name: str, shipped: LocaleNames, installed: LocaleNames) -> list[str]:
    """What ``installed`` gives for locale ``name`` that ``shipped`` lacks, one line each."""
    problems = []
    for key in ("months", "wide_months", "days", "wide_days"):
        shipped_forms, installed_forms = getattr(shipped, key), getattr(installed, key)
        for number, names in installed_forms.items():
            missing = [form for form in names if form not in shipped_forms.get(number, ())]
            if missing:
                problems.append(f"{name} {key} {number}: {missing}")
    for key in ("eras", "date_patterns", "partial_patterns"):
        missing = [item for item in getattr(installed, key) if item not in getattr(shipped, key)]
        if missing:
            problems.append(f"{name} {key}: {missing}")
    if shipped.numeric_order != installed.numeric_order:
        problems.append(f"{name} numeric_order: {shipped.numeric_order}, Babel {installed.numeric_order}")
    return problems


def _reset() -> None:
    caches.clear_all()


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    _reset()
    yield
    _reset()


def test_the_shipped_data_holds_every_name_pattern_and_order_the_installed_babel_gives(update_golden: bool) -> None:
    if update_golden:
        INDEX_FILE.write_text(_build.text(_build.built(_cldr.SUPPORTED_LOCALES)), encoding="utf-8")
        _reset()
    shipped = _shipped.read(_cldr.SUPPORTED_LOCALES)
    assert shipped is not None, f"{INDEX_FILE} is missing, broken or for other locales: {REBUILD}"
    problems = [line for name in _cldr.SUPPORTED_LOCALES
                for line in _uncovered(name, shipped.names[name], _babel.locale_names(name))]
    assert not problems, (f"Babel {babel.__version__} gives {len(problems)} thing(s) the shipped data "
                          f"(built from {', '.join(shipped.built_from)}) lacks, e.g. {problems[:5]}; {REBUILD}")


def test_the_shipped_patterns_are_tokenized_as_the_installed_babel_does() -> None:
    shipped = _shipped.read(_cldr.SUPPORTED_LOCALES)
    assert shipped is not None, REBUILD
    patterns = {p for names in shipped.names.values() for p in (*names.date_patterns, *names.partial_patterns)}
    assert patterns <= set(shipped.tokens), REBUILD
    differ = [pattern for pattern, tokens in shipped.tokens.items() if _babel.tokenize(pattern) != tokens]
    assert not differ, f"Babel {babel.__version__} tokenizes {differ[:5]} otherwise; {REBUILD}"


def test_the_shipped_index_is_the_one_its_names_give_and_the_file_is_written_as_a_rebuild_writes_it() -> None:
    shipped = _shipped.read(_cldr.SUPPORTED_LOCALES)
    assert shipped is not None, REBUILD
    index = _scan.index_of(shipped.names)
    assert dict(shipped.owners) == dict(index.owners) and shipped.openers == index.openers, REBUILD
    text = INDEX_FILE.read_text(encoding="utf-8")
    assert text == _build.text(json.loads(text)), f"the same data, written otherwise: {REBUILD}"


@pytest.mark.parametrize("name", _cldr.SUPPORTED_LOCALES)
def test_a_tag_naming_a_supported_locale_gets_the_identifier_babel_gives(name: str) -> None:
    for tag in (name, name.replace("_", "-"), name.replace("_", "-").lower(), name.upper(), f" {name} "):
        assert _cldr.locale_id(tag) == _babel.locale_id(name) == name


@pytest.mark.parametrize("tag", [*_cldr.LANG_ALIASES, "en-US", "de-AT", "pt-BR", "lt", "xx", "zh-hk"])
def test_other_tags_and_the_aliases_get_the_identifier_babel_gives(tag: str) -> None:
    aliased = _cldr.LANG_ALIASES.get(tag.lower(), tag)
    assert _cldr.locale_id(tag) == _babel.locale_id(aliased.lower())


def test_a_date_in_a_supported_locale_is_read_without_importing_babel() -> None:
    """Importing Babel costs more than checking a short article: the shipped data serves instead."""
    code = (
        "import sys\n"
        "from provenance.dates import find_dates, match_date, month_names\n"
        "found = find_dates('Στις 23 Δεκεμβρίου 2025 και 20 Ağustos 2025 (03/04/2025)', 'el')\n"
        "print([d.day.isoformat() for d in found if d.day], match_date('5. September 2024', 0, 'de-DE')[0],\n"
        "      month_names('tr')['ağustos'], 'babel' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # de-DE is a regional locale beyond the supported ones: it, and only it, needs Babel.
    assert result.stdout.split() == ["['2025-12-23',", "'2025-08-20',", "'2025-04-03']", "2024-09-05", "8", "True"]
    code = code.replace("'5. September 2024', 0, 'de-DE'", "'5. September 2024', 0, 'de'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split()[-1] == "False"


def test_a_spelling_of_another_babel_release_is_read_whatever_babel_is_installed() -> None:
    """CLDR respelled Bengali January (জানুয়ারী → জানুয়ারি) and gave Thai short weekdays: both
    spellings are read, whichever Babel is installed."""
    for text in ("৫ জানুয়ারী ২০২৫", "৫ জানুয়ারি ২০২৫"):
        assert [d.day.isoformat() for d in find_dates(text, "bn") if d.day] == ["2025-01-05"], text
    assert {"จันทร์", "วันจันทร์"} <= set(_cldr.day_names("th")[0])


@pytest.mark.parametrize(
    "changed",
    [{"locales": ["en"]}, {"names": {}}, {"owners": None}],
    ids=["other-locales", "names-missing", "broken-index"],
)
def test_a_shipped_file_for_other_locales_or_broken_is_not_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fresh_caches: None, changed: dict[str, object]
) -> None:
    stale = json.loads(INDEX_FILE.read_text(encoding="utf-8")) | {"openers": []} | changed
    (tmp_path / "index.json").write_text(json.dumps(stale), encoding="utf-8")
    monkeypatch.setattr(_shipped, "_file", lambda: tmp_path / "index.json")
    assert _cldr.shipped() is None
    index = _scan._build_index(_cldr.SUPPORTED_LOCALES)
    assert "ağustos" in index.owners and "dimanche" in index.openers, "the index was not built from Babel"


def test_a_missing_or_unreadable_shipped_file_is_built_from_babel(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fresh_caches: None
) -> None:
    (tmp_path / "index.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(_shipped, "_file", lambda: tmp_path / "index.json")
    assert "ağustos" in _scan._build_index(_cldr.SUPPORTED_LOCALES).owners
    (tmp_path / "index.json").unlink()
    _reset()
    assert "ağustos" in _scan._build_index(_cldr.SUPPORTED_LOCALES).owners
    assert _cldr.month_forms("tr")[8] == _babel.month_forms("tr")[8]


def test_the_shipped_index_is_read_when_it_serves(monkeypatch: pytest.MonkeyPatch, fresh_caches: None) -> None:
    def never(names: tuple[str, ...]) -> None:
        raise AssertionError(f"index built for {names}")

    monkeypatch.setattr(_scan, "index_from_cldr", never)
    index = _scan._build_index(_cldr.SUPPORTED_LOCALES)
    assert index.owners["august"] == ("en", "en_GB", "de", "sk", "ro", "da", "nb")
    assert "ağustos" in index.owners and "dimanche" in index.openers
    assert [found.day.isoformat() for found in find_dates("20 Ağustos 2025", "tr") if found.day] == ["2025-08-20"]


def test_a_locale_beyond_the_supported_ones_is_added_to_the_shipped_index(fresh_caches: None) -> None:
    """A page in Lithuanian gets the shipped index with Lithuanian's words (from Babel) added after them."""
    shipped = _cldr.shipped()
    assert shipped is not None
    merged = _scan._build_index((*_cldr.SUPPORTED_LOCALES, "lt"))
    built = _scan.index_of({**shipped.names, "lt": _babel.locale_names("lt")})
    assert merged.owners == built.owners and merged.openers == built.openers
    assert "lt" in merged.owners["rugpjūčio"]


def test_merging_puts_the_second_releases_names_after_the_firsts_and_never_moves_a_name() -> None:
    def names(months: dict[int, tuple[str, ...]], patterns: tuple[str, ...], order: str) -> LocaleNames:
        return LocaleNames(months, months, {}, {}, ("AD",), patterns, (), order)

    newer = names({1: ("jan", "January"), 2: ("feb",)}, ("d MMMM y",), "DM")
    older = names({1: ("January", "Jan."), 2: ("JAN", "febr.")}, ("d MMM y", "d MMMM y"), "MD")
    merged = _build.merged(newer, older)
    # "JAN" folds to January's "jan": a release that calls it February does not move it.
    assert merged.months == {1: ("jan", "January", "Jan."), 2: ("feb", "febr.")}
    assert merged.date_patterns == ("d MMMM y", "d MMM y") and merged.numeric_order == "DM"
