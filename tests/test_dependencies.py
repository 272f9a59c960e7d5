"""The dependency bounds: the oldest-versions constraints match pyproject.toml, and every upper
bound has a written reason."""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from types import ModuleType

import pytest
from helpers import ROOT
from packaging.requirements import Requirement

PYPROJECT = ROOT / "pyproject.toml"


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lower_bounds", ROOT / "tools" / "lower_bounds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("lower_bounds", module)
    spec.loader.exec_module(module)
    return module


lower_bounds = load_tool()


def all_requirements() -> list[tuple[str, Requirement]]:
    """(where, requirement) for the dependencies and every extra of pyproject.toml."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    found = [("dependencies", Requirement(line)) for line in project["dependencies"]]
    for extra, lines in project["optional-dependencies"].items():
        found += [(f"[{extra}]", Requirement(line)) for line in lines]
    return found


def test_the_oldest_constraints_are_the_lower_bounds_of_pyproject():
    """tools/oldest-constraints.txt pins each dependency and test extra to its lower bound in pyproject.toml."""
    assert lower_bounds.CONSTRAINTS.read_text(encoding="utf-8") == lower_bounds.render(
        PYPROJECT.read_text(encoding="utf-8")), "run: python tools/lower_bounds.py"
    pinned = dict(line.split("==") for line in lower_bounds.CONSTRAINTS.read_text("utf-8").splitlines()
                  if not line.startswith("#"))
    assert pinned["lxml"] == "6.1.1" and pinned["warcio"] == "1.7"


def test_the_constraints_follow_a_changed_lower_bound():
    """Raising a lower bound in pyproject changes its pin; a dependency without one is refused."""
    text = PYPROJECT.read_text(encoding="utf-8")
    raised = lower_bounds.render(text.replace('"rich>=13.0"', '"rich>=13.7.1"'))
    assert "rich==13.7.1\n" in raised and "rich==13.0\n" not in raised
    assert 'httpx==' in raised and "[http2]" not in raised  # a constraint names no extras
    with pytest.raises(lower_bounds.BoundError, match=r"rich<15: needs exactly one lower bound \(>=\), it has 0"):
        lower_bounds.render(text.replace('"rich>=13.0"', '"rich<15"'))


def test_every_dependency_has_a_lower_bound():
    """Every requirement in pyproject.toml, extras included, states the oldest version it works with."""
    for where, requirement in all_requirements():
        if requirement.name.startswith("types-"):
            continue  # stub packages for mypy follow their library, never an old one
        assert any(spec.operator in (">=", "~=", "==") for spec in requirement.specifier), (where, str(requirement))


def test_every_upper_bound_has_a_reason_in_pyproject_and_the_readme():
    """A requirement capped with < has a comment above it in pyproject.toml and its cap in the README."""
    lines = PYPROJECT.read_text(encoding="utf-8").splitlines()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Dependencies, and why each"):]
    capped = [(where, r) for where, r in all_requirements() if any(s.operator in ("<", "<=") for s in r.specifier)]
    assert capped, "warcio is capped"
    for where, requirement in capped:
        written = re.compile(rf'"{re.escape(requirement.name)}(\[[^]]*])?\s*[<>=!~;]', re.IGNORECASE)
        index = next(n for n, line in enumerate(lines) if written.search(line))
        assert lines[index - 1].strip().startswith("#"), f"{where}: {requirement} has no comment above it"
        cap = next(spec.version for spec in requirement.specifier if spec.operator in ("<", "<="))
        row = next((row for row in section.splitlines() if row.lower().startswith(f"| {requirement.name.lower()} ")),
                   "")
        assert f"below {cap}" in row, f"README: the {requirement.name} row does not give the reason for < {cap}"
