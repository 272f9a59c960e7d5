"""The package's version, written once (``version`` in pyproject.toml) and read where it runs.

An installed package reads it from its metadata; a checkout that is not installed (``python -m
provenance`` from a source tree, say) reads the pyproject.toml beside the package. It is read on
first use, not at import: the metadata reader imports the ``email`` package, which a short check
never needs.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from provenance import caches

__all__ = ["DISTRIBUTION", "UNKNOWN", "version"]

#: The distribution whose metadata holds the version.
DISTRIBUTION = "provenance"
#: What a copy of the package that is neither installed nor in a checkout reports: a valid
#: version (PEP 440 local label) that sorts below every release.
UNKNOWN = "0+unknown"

#: Where a checkout keeps the version: the project file beside the package.
_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


@caches.register
@cache
def version() -> str:
    """The package's version: from the installed metadata, else the checkout's pyproject.toml, else UNKNOWN."""
    from importlib import metadata  # noqa: PLC0415 - it imports email: paid for when a version is shown

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return checkout_version(_PYPROJECT) or UNKNOWN


def checkout_version(pyproject: Path) -> str | None:
    """The version a checkout's pyproject.toml states for this package, if it is there and says so."""
    try:
        with pyproject.open("rb") as handle:
            project = tomllib.load(handle).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return None
    if not isinstance(project, dict) or project.get("name") != DISTRIBUTION:
        return None
    found = project.get("version")
    return found if isinstance(found, str) and found else None
