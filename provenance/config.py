"""The configuration file: finding it, validating ``[tool.provenance]``, and merging it with the flags.

The record it fills is :class:`provenance.options.Options` (re-exported here); every value is
validated when the file is read, so a bad value is a one-line error before any input is read.

Where the configuration comes from, first found wins:

1. ``--config FILE`` (a ``pyproject.toml`` is read at ``[tool.provenance]``, any other file at its
   top level);
2. searching upward from the working directory, in each folder ``.provenance.toml`` (top-level
   keys), then ``pyproject.toml`` if it has a ``[tool.provenance]`` table;
3. none: the defaults.

Command-line flags then override the configuration, key by key. Paths in the configuration
(``include``, ``exclude``, ``per-file-ignores``, ``baseline``) are relative to the configuration
file's folder. A file may ``extend`` a shared one (see :mod:`provenance.config_files`).
Sub-tables that other modules own (``[tool.provenance.online]``) are registered with
:func:`register_section`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from provenance.config_files import (
    CONFIG_NAME,
    EXTEND_KEY,
    display,
    find_config,
    merge_layer,
    read_chain,
)
from provenance.model import ConfigError, Severity
from provenance.options import (
    FAIL_ON,
    PUBLISHED_YEARS,
    Options,
    parse_lang,
    parse_published,
    parse_zone,
    rule_codes,
)
from provenance.rules import find_rule

__all__ = [
    "CONFIG_NAME",
    "FAIL_ON",
    "PUBLISHED_YEARS",
    "SECTIONS",
    "Config",
    "ConfigError",
    "Options",
    "find_config",
    "load_config",
    "make_options",
    "parse_published",
    "parse_zone",
    "register_section",
]

#: A sub-table's validator: given the table and its dotted key (for messages), the value to keep
#: in ``Options.sections``; it raises ConfigError("<key>: <problem>") for a bad table.
SectionValidator = Callable[[Mapping[str, Any], str], object]
#: The sub-tables other modules own, by name: ``[tool.provenance.<name>]``.
SECTIONS: dict[str, SectionValidator] = {}


def register_section(name: str, validate: SectionValidator) -> None:
    """Let ``[tool.provenance.<name>]`` through validation, read by ``validate``."""
    if name in _KEYS or name in ("rules", EXTEND_KEY):
        raise ValueError(f"{name!r} is a key of provenance's own")
    SECTIONS[name] = validate


@dataclass(frozen=True)
class Config:
    """A validated configuration: ``Options`` field values, and the file they came from."""

    #: The file read; None when there is none.
    path: Path | None = None
    #: The folder that relative paths in the file are relative to.
    root: Path | None = None
    #: Values keyed by ``Options`` field name.
    values: Mapping[str, Any] = field(default_factory=dict)


class _Invalid(Exception):
    """A bad key: its dotted name and the problem, joined with the file's name by the loader."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"{key}: {problem}")
        self.key = key
        self.problem = problem


def _describe(value: object) -> str:
    kinds = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "a list",
             dict: "a table", date: "a date", datetime: "a datetime"}
    return kinds.get(type(value), type(value).__name__)


def _string(value: object, key: str) -> str:
    if not isinstance(value, str):
        raise _Invalid(key, f"expected a string, got {_describe(value)}")
    return value


def _strings(value: object, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _Invalid(key, f"expected a list of strings, got {_describe(value)}")
    if any(not item.strip() for item in value):
        raise _Invalid(key, "empty string in the list")
    return tuple(value)


def _rules(value: object, key: str) -> frozenset[str]:
    names = _strings(value, key)
    unknown = [name for name in names if find_rule(name) is None]
    if unknown:
        raise _Invalid(key, f"unknown rule {unknown[0]!r} (see 'provenance rules')")
    return frozenset(rule.code for name in names if (rule := find_rule(name)) is not None)


def _per_file(value: object, key: str) -> tuple[tuple[str, frozenset[str]], ...]:
    if not isinstance(value, dict):
        raise _Invalid(key, f"expected a table of path patterns and rule lists, got {_describe(value)}")
    if any(not pattern.strip() for pattern in value):
        raise _Invalid(key, "empty path pattern")
    return tuple((pattern, _rules(codes, f'{key}."{pattern}"')) for pattern, codes in value.items())


def _one_of(value: object, key: str, choices: tuple[str, ...]) -> str:
    text = _string(value, key)
    if text not in choices:
        raise _Invalid(key, f"{text!r} is not one of {', '.join(choices)}")
    return text


def _wrap(parse: Callable[[str, str], Any]) -> Callable[[object, str], Any]:
    def read(value: object, key: str) -> Any:
        try:
            return parse(_string(value, key), key)
        except ConfigError as error:
            raise _Invalid(key, str(error).split(": ", 1)[-1]) from None
    return read


def _boolean(value: object, key: str) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(key, f"expected a boolean, got {_describe(value)}")
    return value


def _zone(value: str, key: str) -> tzinfo:
    return parse_zone(value)


def _path(value: str, key: str) -> str:
    if not value.strip():
        raise ConfigError(f"{key}: empty path")
    return value


#: Top-level keys: key → (Options field, reader).
_KEYS: dict[str, tuple[str, Callable[[object, str], Any]]] = {
    "select": ("select", _rules),
    "ignore": ("ignore", _rules),
    "fail-on": ("fail_on", lambda value, key: _one_of(value, key, FAIL_ON)),
    "include": ("include", _strings),
    "exclude": ("exclude", _strings),
    "lang": ("lang", _wrap(parse_lang)),
    "timezone": ("zone", _wrap(_zone)),
    "baseline": ("baseline", _wrap(_path)),
    "gitignore": ("gitignore", _boolean),
    "include-furniture": ("include_furniture", _boolean),
    "per-file-ignores": ("per_file_ignores", _per_file),
    # Add to the key's value from the file extended (or this file) instead of replacing it.
    "extend-select": ("extend_select", _rules),
    "extend-ignore": ("extend_ignore", _rules),
    "extend-exclude": ("extend_exclude", _strings),
    "extend-per-file-ignores": ("extend_per_file_ignores", _per_file),
}
#: Per-rule keys besides the rule's own options.
_SEVERITY_KEY = "severity"
_SEVERITIES = tuple(str(severity) for severity in sorted(Severity, reverse=True))


def _option(value: object, default: object, key: str) -> object:
    """``value`` when it has the type of the option's ``default``; a number must not be negative
    (rule options are counts and amounts, such as ``max-age-days``)."""
    expected: tuple[type, ...] = (int, float) if isinstance(default, float) else (type(default),)
    if isinstance(value, bool) != isinstance(default, bool) or not isinstance(value, expected):
        raise _Invalid(key, f"expected {_describe(default)}, got {_describe(value)}")
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        raise _Invalid(key, f"{value!r} is negative; expected 0 or more")
    return value


def _finite(value: object, key: str) -> None:
    """_Invalid when a float anywhere in ``value`` is nan or infinite: no key takes those."""
    if isinstance(value, float) and not math.isfinite(value):
        raise _Invalid(key, f"{value!r} is not a finite number")
    if isinstance(value, dict):
        for name, item in value.items():
            _finite(item, f"{key}.{name}")
    elif isinstance(value, list):
        for item in value:
            _finite(item, key)


def _rule_tables(tables: object, prefix: str) -> tuple[dict[str, Severity], dict[str, dict[str, Any]]]:
    if not isinstance(tables, dict):
        raise _Invalid(prefix, f"expected a table of rules, got {_describe(tables)}")
    severities: dict[str, Severity] = {}
    options: dict[str, dict[str, Any]] = {}
    seen: dict[str, str] = {}
    for name, table in tables.items():
        key = f"{prefix}.{name}"
        rule = find_rule(name)
        if rule is None:
            raise _Invalid(key, f"unknown rule {name!r} (see 'provenance rules')")
        if rule.code in seen:
            raise _Invalid(key, f"{rule.code} is already configured as {seen[rule.code]!r}")
        seen[rule.code] = name
        if not isinstance(table, dict):
            raise _Invalid(key, f"expected a table, got {_describe(table)}")
        for option, value in table.items():
            if option == _SEVERITY_KEY:
                severities[rule.code] = Severity.parse(_one_of(value, f"{key}.{option}", _SEVERITIES))
            elif option in rule.options:
                options.setdefault(rule.code, {})[option] = _option(value, rule.options[option], f"{key}.{option}")
            else:
                known = ", ".join([_SEVERITY_KEY, *rule.options])
                raise _Invalid(f"{key}.{option}", f"unknown option of {rule.code} {rule.name} (known: {known})")
    return severities, options


def _validate(table: Mapping[str, Any], prefix: str, root: Path) -> dict[str, Any]:
    """The ``Options`` field values of a configuration table; ``prefix`` names its keys in errors."""
    values: dict[str, Any] = {}
    sections: dict[str, object] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        _finite(value, key)
        if name in _KEYS:
            field_name, read = _KEYS[name]
            values[field_name] = read(value, key)
        elif name == "rules":
            values["severities"], values["rule_options"] = _rule_tables(value, key)
        elif name in SECTIONS:
            if not isinstance(value, dict):
                raise _Invalid(key, f"expected a table, got {_describe(value)}")
            try:
                sections[name] = SECTIONS[name](value, key)
            except ConfigError as error:
                key, _, problem = str(error).partition(": ")
                raise _Invalid(key, problem) from None
        else:
            known = ", ".join(sorted([*_KEYS, EXTEND_KEY, "rules", *SECTIONS]))
            raise _Invalid(key, f"unknown key (known: {known})")
    if "baseline" in values:
        values["baseline"] = root / values["baseline"]
    if sections:
        values["sections"] = sections
    return values


def load_config(path: str | Path | None = None, start: Path | None = None) -> Config:
    """The validated configuration in ``path``, or else the one found from ``start`` (default: cwd),
    with the files it extends merged under it."""
    if path is not None:
        file = Path(path)
    else:
        found = find_config((start or Path.cwd()).resolve())
        if found is None:
            return Config()
        file = found
    root = file.resolve().parent
    values: dict[str, Any] = {}
    for layer in read_chain(file):
        try:
            layer_values = _validate(layer.table, layer.prefix, layer.root)
        except _Invalid as error:
            raise ConfigError(f"{display(layer.path)}: {error.key}: {error.problem}") from None
        values = merge_layer(values, layer_values, layer.root, root)
    return Config(path=file, root=root, values=values)


def make_options(
    config: Config | None = None,
    *,
    published: str | None = None,
    select: str | None = None,
    ignore: str | None = None,
    timezone: str | None = None,
    lang: str | None = None,
    fail_on: str | None = None,
    baseline: str | None = None,
    gitignore: bool | None = None,
    include_furniture: bool = False,
    default_fail_on: str = "error",
) -> Options:
    """Options from a configuration and command-line flags; a flag given wins over the file."""
    config = config or Config()
    values = dict(config.values)
    flags: dict[str, Any] = {
        # A flag given empty is a mistake ("--select $RULES" with RULES unset), not "not given".
        "published": parse_published(published) if published is not None else None,
        "select": rule_codes(select, "--select") if select is not None else None,
        "ignore": rule_codes(ignore, "--ignore") if ignore is not None else None,
        "zone": parse_zone(timezone) if timezone is not None else None,
        "lang": parse_lang(lang, "--lang") if lang is not None else None,
        "fail_on": fail_on,
        "baseline": Path(baseline) if baseline else None,
        "gitignore": gitignore,
        "include_furniture": True if include_furniture else None,
    }
    values.update({name: value for name, value in flags.items() if value is not None})
    values.setdefault("fail_on", default_fail_on)
    return Options(**values, root=config.root, config=config.path)

