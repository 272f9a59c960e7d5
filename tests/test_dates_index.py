"""The shipped index of month and weekday names is the one Babel gives, and is used only when it can be.

Rewrite it on purpose (after a Babel upgrade, or a change to the locales or to how the index is
built) with ``pytest tests/test_dates_index.py --update-golden``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from provenance.dates import _cldr, _scan, find_dates

INDEX_FILE = Path(_scan.__file__).resolve().parents[1].joinpath(*_scan.INDEX_DATA)


def _text(data: dict[str, Any]) -> str:
    """The file's text: one word of the index a line, so that a rebuild's diff reads."""
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    owners = ",\n".join(f"  {dump(word)}: {dump(found)}" for word, found in data["owners"].items())
    return (f'{{\n"babel": {dump(data["babel"])},\n"locales": {dump(data["locales"])},\n'
            f'"owners": {{\n{owners}\n}},\n"openers": {dump(data["openers"])}\n}}\n')


def _shipped() -> dict[str, Any]:
    return json.loads(INDEX_FILE.read_text(encoding="utf-8"))


def test_the_shipped_index_is_the_one_babel_gives(update_golden: bool) -> None:
    built = _scan.index_data(_scan.index_from_cldr(_cldr.SUPPORTED_LOCALES))
    if update_golden:
        INDEX_FILE.parent.mkdir(parents=True, exist_ok=True)
        INDEX_FILE.write_text(_text(built), encoding="utf-8")
    shipped = _shipped()
    if shipped["babel"] != built["babel"]:
        pytest.skip(f"the index was built with Babel {shipped['babel']}, this is {built['babel']}: "
                    "rebuild it with --update-golden")
    assert shipped == built
    assert INDEX_FILE.read_text(encoding="utf-8") == _text(built), "the same index, written otherwise: rewrite it"


def test_the_shipped_index_is_read_when_it_was_built_from_this_babel(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(names: tuple[str, ...]) -> None:
        raise AssertionError(f"index built from Babel for {names}")

    if _shipped()["babel"] != _scan.babel.__version__:
        pytest.skip("the shipped index is from another Babel")
    _scan._build_index.cache_clear()
    monkeypatch.setattr(_scan, "index_from_cldr", never)
    try:
        index = _scan._build_index(_cldr.SUPPORTED_LOCALES)
        assert index.owners["august"] == ("en", "en_GB", "de", "sk", "ro", "da", "nb")
        assert "ağustos" in index.owners and "dimanche" in index.openers
        assert [found.day.isoformat() for found in find_dates("20 Ağustos 2025", "tr") if found.day] == ["2025-08-20"]
    finally:
        _scan._build_index.cache_clear()


@pytest.mark.parametrize(
    "changed",
    # Other locales from this very Babel: the locales alone must tell it is not the index wanted,
    # whatever Babel the shipped file names.
    [{"babel": "0.0"}, {"babel": _scan.babel.__version__, "locales": ["en"]}],
    ids=["another-babel", "other-locales"],
)
def test_a_shipped_index_from_another_babel_or_for_other_locales_is_not_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, changed: dict[str, object]
) -> None:
    stale = _shipped() | changed | {"owners": {}, "openers": []}
    (tmp_path / "index.json").write_text(json.dumps(stale), encoding="utf-8")
    monkeypatch.setattr(_scan, "_index_file", lambda: tmp_path / "index.json")
    _scan._build_index.cache_clear()
    try:
        index = _scan._build_index(_cldr.SUPPORTED_LOCALES)
        assert index.owners, "the stale file's empty index was read"
        assert "ağustos" in index.owners
    finally:
        _scan._build_index.cache_clear()


def test_a_missing_or_broken_shipped_index_is_built_from_babel(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "index.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(_scan, "_index_file", lambda: tmp_path / "index.json")
    _scan._build_index.cache_clear()
    try:
        assert "ağustos" in _scan._build_index(_cldr.SUPPORTED_LOCALES).owners
        (tmp_path / "index.json").unlink()
        _scan._build_index.cache_clear()
        assert "ağustos" in _scan._build_index(_cldr.SUPPORTED_LOCALES).owners
    finally:
        _scan._build_index.cache_clear()


def test_a_locale_beyond_the_supported_ones_is_added_to_the_shipped_index() -> None:
    """A page in Lithuanian gets the index a build of all the locales from Babel gives, without
    building the supported ones again."""
    if _shipped()["babel"] != _scan.babel.__version__:
        pytest.skip("the shipped index is from another Babel")
    names = (*_cldr.SUPPORTED_LOCALES, "lt")
    _scan._build_index.cache_clear()
    try:
        merged = _scan._build_index(names)
    finally:
        _scan._build_index.cache_clear()
    built = _scan.index_from_cldr(names)
    assert merged.owners == built.owners and merged.openers == built.openers
    assert "lt" in merged.owners["rugpjūčio"]
