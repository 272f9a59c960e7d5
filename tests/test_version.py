"""The version is written once, in pyproject.toml, and read from the package's metadata or the checkout."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from helpers import ROOT, run_cli

import provenance
from provenance.version import UNKNOWN, checkout_version, version


def _pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def test_the_version_is_pyprojects() -> None:
    """version() and provenance.__version__ give the version pyproject.toml states."""
    assert version() == _pyproject_version() == provenance.__version__


def test_no_module_writes_the_version_again() -> None:
    """No source file but pyproject.toml holds the version string as a literal."""
    literal = f'"{_pyproject_version()}"'
    holders = [path for path in (ROOT / "provenance").rglob("*.py") if literal in path.read_text(encoding="utf-8")]
    assert holders == []


def test_version_option_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the program's name and version on standard output and exits 0."""
    with pytest.raises(SystemExit) as exited:
        run_cli(capsys, "--version")
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"provenance {_pyproject_version()}\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[project]\nname = "provenance"\nversion = "9.8.7"\n', "9.8.7"),
        ('[project]\nname = "other"\nversion = "9.8.7"\n', None),
        ('[project]\nname = "provenance"\ndynamic = ["version"]\n', None),
        ("[project\n", None),
    ],
)
def test_a_checkout_reads_its_pyproject(tmp_path: Path, text: str, expected: str | None) -> None:
    """An uninstalled checkout's version is its pyproject.toml's, when that names this package."""
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(text, encoding="utf-8")
    assert checkout_version(pyproject) == expected


def test_without_metadata_or_checkout_the_version_is_unknown(tmp_path: Path) -> None:
    """A missing pyproject.toml gives no checkout version; UNKNOWN is a valid version below every release."""
    assert checkout_version(tmp_path / "pyproject.toml") is None
    from packaging.version import Version  # noqa: PLC0415

    assert Version(UNKNOWN) < Version("0.0.1")
