"""Configuration files: finding one, reading its table, following ``extend``, merging the layers.

A file may name a shared one with ``extend = "path"`` (relative to its own folder). The shared
file is read first, then the extending file's keys replace its values key by key, except:

- ``rules``: merged per rule and per option (``max-age-days`` set here keeps the base's severity);
- sub-tables of other modules (``[online]``): each replaces the base's table of that name;
- ``extend-select``, ``extend-ignore``, ``extend-exclude``, ``extend-per-file-ignores``: add to
  ``select``, ``ignore``, ``exclude``, ``per-file-ignores`` as the base (or this file) sets them.

Paths stay relative to the file that wrote them: patterns are rebased onto the extending file's
folder (:func:`provenance.globs.rebase`), ``baseline`` is resolved where it is read. A base may
extend another; a file met twice in one chain is a cycle, and an error.

This module knows files and merging; :mod:`provenance.config` validates each file's table.
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provenance.globs import rebase
from provenance.model import ConfigError

__all__ = [
    "CONFIG_NAME",
    "EXTEND_KEY",
    "PYPROJECT",
    "ConfigError",
    "ConfigFile",
    "display",
    "find_config",
    "merge_layer",
    "read_chain",
]

logger = logging.getLogger(__name__)

#: The configuration file that holds only provenance's keys.
CONFIG_NAME = ".provenance.toml"
PYPROJECT = "pyproject.toml"
#: The key that names the file a configuration extends.
EXTEND_KEY = "extend"
#: ``Options`` fields whose ``extend_`` form (key ``extend-…``) adds to the value instead of replacing it.
_EXTENDABLE = ("select", "ignore", "exclude", "per_file_ignores")
#: ``Options`` fields that hold path patterns, and those that hold (pattern, codes) pairs.
_PATTERNS = ("include", "exclude", "extend_exclude")
_PATTERN_PAIRS = ("per_file_ignores", "extend_per_file_ignores")


@dataclass(frozen=True)
class ConfigFile:
    """One configuration file's provenance table, as read, without its ``extend`` key."""

    path: Path
    #: The table: ``[tool.provenance]`` of a pyproject.toml, else the whole file.
    table: Mapping[str, Any]
    #: How its keys are named in messages: ``tool.provenance.`` or nothing.
    prefix: str

    @property
    def root(self) -> Path:
        """The folder that relative paths in the file are relative to."""
        return self.path.resolve().parent


def display(path: Path) -> str:
    """``path`` as a message shows it: relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{display(path)}: no such configuration file") from None
    except IsADirectoryError:
        raise ConfigError(f"{display(path)}: is a folder, not a configuration file") from None
    except OSError as error:
        raise ConfigError(f"{display(path)}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{display(path)}: invalid TOML: not UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{display(path)}: invalid TOML: {error}") from None


def _tool_table(document: Mapping[str, Any]) -> object:
    tool = document.get("tool")
    return tool.get("provenance") if isinstance(tool, dict) else None


def find_config(start: Path) -> Path | None:
    """The configuration file that applies in folder ``start``: the nearest one, searching upward."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _tool_table(_read_toml(pyproject)) is not None:
            return pyproject
    return None


def _read(path: Path) -> tuple[ConfigFile, Path | None]:
    """The file's table, and the file it extends (resolved against its folder), if any."""
    document = _read_toml(path)
    if path.name == PYPROJECT:
        table, prefix = _tool_table(document), "tool.provenance."
        if table is None:
            raise ConfigError(f"{display(path)}: no [tool.provenance] table")
    else:
        table, prefix = document, ""
    if not isinstance(table, dict):
        raise ConfigError(f"{display(path)}: tool.provenance: expected a table")
    table = dict(table)
    base = table.pop(EXTEND_KEY, None)
    file = ConfigFile(path, table, prefix)
    if base is None:
        return file, None
    if not isinstance(base, str) or not base.strip():
        raise ConfigError(f"{display(path)}: {prefix}{EXTEND_KEY}: expected the path of a configuration file, "
                          f"got {base!r}")
    return file, Path(os.path.normpath(file.root / Path(base).expanduser()))


def read_chain(path: Path) -> list[ConfigFile]:
    """The file at ``path`` and the files it extends, the one extended last first."""
    chain: list[ConfigFile] = []
    following: Path | None = path
    while following is not None:
        if chain and following.resolve() in [file.path.resolve() for file in chain]:
            names = " -> ".join(display(file) for file in (*(file.path for file in chain), following))
            raise ConfigError(f"{display(chain[-1].path)}: {chain[-1].prefix}{EXTEND_KEY}: a cycle: {names}")
        try:
            file, following = _read(following)
        except ConfigError as error:
            if not chain:
                raise
            raise ConfigError(f"{display(chain[-1].path)}: {chain[-1].prefix}{EXTEND_KEY}: {error}") from None
        chain.append(file)
        logger.info("configuration: read %s", display(file.path))
    return chain[::-1]


def _rebased(values: Mapping[str, Any], folder: Path, root: Path) -> dict[str, Any]:
    """``values`` of a file in ``folder`` with their path patterns made relative to ``root``."""
    out = dict(values)
    for name in _PATTERNS:
        if name in out:
            out[name] = tuple(p for pattern in out[name] for p in rebase(pattern, folder, root))
    for name in _PATTERN_PAIRS:
        if name in out:
            out[name] = tuple((p, codes) for pattern, codes in out[name] for p in rebase(pattern, folder, root))
    return out


def _added(name: str, value: Any, extra: Any) -> Any:
    if name == "select":
        return None if value is None else value | extra  # no select: every rule runs already
    if name == "ignore":
        return (value or frozenset()) | extra
    return (*(value or ()), *extra)


def merge_layer(merged: Mapping[str, Any], layer: Mapping[str, Any], folder: Path, root: Path) -> dict[str, Any]:
    """The ``Options`` values of ``merged`` (a base) with those of ``layer`` (read from a file in
    ``folder``) over them, as the module docstring says; patterns end up relative to ``root``."""
    layer = _rebased(layer, folder, root)
    out = {**merged, **{name: value for name, value in layer.items() if not name.startswith("extend_")}}
    if "severities" in layer:
        out["severities"] = {**merged.get("severities", {}), **layer["severities"]}
    if "rule_options" in layer:
        options = {code: dict(values) for code, values in merged.get("rule_options", {}).items()}
        for code, values in layer["rule_options"].items():
            options.setdefault(code, {}).update(values)
        out["rule_options"] = options
    if "sections" in layer:
        out["sections"] = {**merged.get("sections", {}), **layer["sections"]}
    for name in _EXTENDABLE:
        if f"extend_{name}" in layer:
            out[name] = _added(name, out.get(name), layer[f"extend_{name}"])
    return out
