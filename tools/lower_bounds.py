"""The oldest versions pyproject.toml allows, as pip constraints: ``name==lower-bound`` for every
runtime dependency and every one of the ``test`` and ``fast`` extras.

``tox -e oldest`` installs the package and those extras under these constraints and runs the
suite, so every lower bound in pyproject.toml is one the suite has passed on. The file is derived,
never edited: tests/test_dependencies.py fails when it no longer matches pyproject.toml.

    python tools/lower_bounds.py            # rewrite tools/oldest-constraints.txt
    python tools/lower_bounds.py --check    # exit 1 if it does not match pyproject.toml
    python tools/lower_bounds.py --installed  # exit 1 unless this environment has those versions
"""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
CONSTRAINTS = ROOT / "tools" / "oldest-constraints.txt"
#: The extras whose dependencies the oldest run installs: the suite's own, and the optional
#: compiled scan (the suite runs on both scans: tests/test_scan.py).
EXTRAS = ("test", "fast")
HEADER = (
    "# The oldest versions pyproject.toml allows (its dependencies and the test and fast extras).\n"
    "# Derived by tools/lower_bounds.py: do not edit; run it after changing a lower bound.\n"
)


class BoundError(ValueError):
    """A dependency without a usable lower bound."""


def requirements(pyproject: str) -> list[Requirement]:
    """The runtime requirements of ``pyproject`` (its text), then those of :data:`EXTRAS`."""
    project = tomllib.loads(pyproject)["project"]
    listed = list(project.get("dependencies", []))
    for extra in EXTRAS:
        listed += project.get("optional-dependencies", {}).get(extra, [])
    return [Requirement(line) for line in listed]


def lower_bound(requirement: Requirement) -> str:
    """The version a requirement's ``>=``, ``~=`` or ``==`` names; BoundError if none does."""
    bounds = [spec.version for spec in requirement.specifier if spec.operator in (">=", "~=", "==")]
    if len(bounds) != 1:
        raise BoundError(f"{requirement}: needs exactly one lower bound (>=), it has {len(bounds)}")
    return bounds[0]


def render(pyproject: str) -> str:
    """The constraints file for ``pyproject``: one ``name==version`` line per package, sorted."""
    pins: dict[str, str] = {}
    for requirement in requirements(pyproject):
        name = canonicalize_name(requirement.name)
        line = f"{name}=={lower_bound(requirement)}"
        if requirement.marker is not None:
            line += f"; {requirement.marker}"
        if pins.setdefault(name, line) != line:
            raise BoundError(f"{name}: two different lower bounds ({pins[name]} and {line})")
    return HEADER + "".join(f"{line}\n" for _, line in sorted(pins.items()))


def not_installed(constraints: str) -> list[str]:
    """The lines of ``constraints`` this environment does not satisfy (wrong or missing versions)."""
    wrong = []
    for line in constraints.splitlines():
        if not line or line.startswith("#"):
            continue
        requirement = Requirement(line)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        try:
            version = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            wrong.append(f"{line} (not installed)")
            continue
        if not requirement.specifier.contains(version, prereleases=True):
            wrong.append(f"{line} (installed: {version})")
    return wrong


def main(argv: list[str]) -> int:
    """Write, check, or check the installed versions against, the constraints file."""
    try:
        expected = render(PYPROJECT.read_text(encoding="utf-8"))
    except BoundError as error:
        print(f"{PYPROJECT}: {error}", file=sys.stderr)
        return 1
    if argv == ["--check"]:
        if CONSTRAINTS.read_text(encoding="utf-8") != expected:
            print(f"{CONSTRAINTS} does not match {PYPROJECT}: run python tools/lower_bounds.py", file=sys.stderr)
            return 1
        return 0
    if argv == ["--installed"]:
        wrong = not_installed(expected)
        for line in wrong:
            print(f"not the oldest allowed version: {line}", file=sys.stderr)
        return 1 if wrong else 0
    if argv:
        print("usage: python tools/lower_bounds.py [--check | --installed]", file=sys.stderr)
        return 2
    CONSTRAINTS.write_text(expected, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
