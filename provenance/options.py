"""Options: what a run is asked to do, in one small typed record, and the parsers of its values.

Command-line flags and the ``[tool.provenance]`` configuration (read by :mod:`provenance.config`)
end up in :class:`Options`. Every value is validated when the record is made, so a bad value is a
one-line error before any input is read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from provenance.globs import matches, relative_path
from provenance.model import ArticleDate, ConfigError, Severity
from provenance.published.evidence import COMMAND_LINE
from provenance.rules import RULES, Rule, find_rule

__all__ = [
    "FAIL_ON",
    "PUBLISHED_YEARS",
    "Options",
    "parse_lang",
    "parse_published",
    "parse_zone",
    "rule_codes",
]

#: The values of ``fail-on``: a severity, or ``never``.
FAIL_ON = ("error", "warning", "info", "never")
#: A language tag such as ``en``, ``pt-BR`` or ``zh-Hant`` (BCP 47, loosely).
_LANG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
#: The years ``--published`` accepts: far wider than the web of articles with embeds, and narrow
#: enough that every interval of days and zones around the date stays representable.
PUBLISHED_YEARS = (1900, 2199)


@dataclass(frozen=True)
class Options:
    """How to check: which rules, at what severities, and what to assume about the article."""

    #: The article's publication date, overriding what the article states.
    published: ArticleDate | None = None
    #: Rule codes to run (None: all).
    select: frozenset[str] | None = None
    #: Rule codes not to run.
    ignore: frozenset[str] = frozenset()
    #: (path pattern, rule codes): the rules not to run on the files that match the pattern.
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    #: Severity per rule code, overriding the rule's default.
    severities: Mapping[str, Severity] = field(default_factory=dict)
    #: Options per rule code, overriding the rule's defaults.
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: The article's time zone when known; None means a bare date may be in any zone.
    zone: tzinfo | None = None
    #: The article's language when the article does not declare one.
    lang: str | None = None
    #: "Now", for the implausible-future check; None means the real time.
    now: datetime | None = None
    #: The lowest severity that fails the run (``FAIL_ON``); None: the command's default.
    fail_on: str | None = None
    #: Path patterns (see ``provenance.globs``): only matching files are read (empty: all).
    include: tuple[str, ...] = ()
    #: Path patterns of files never read, even when named on the command line.
    exclude: tuple[str, ...] = ()
    #: The folder that ``include`` and ``exclude`` are relative to (None: the working directory).
    root: Path | None = None
    #: Whether folder walks leave out what git ignores (``provenance.walk``).
    gitignore: bool = True
    #: The baseline file of accepted findings, if any.
    baseline: Path | None = None
    #: The configuration file these options were read from, if any.
    config: Path | None = None
    #: Validated values of the registered sub-tables (``SECTIONS``), by name.
    sections: Mapping[str, object] = field(default_factory=dict)
    #: Whether the rules check posts in the page's furniture (sidebars, comments, …) too.
    include_furniture: bool = False

    def rules(self, path: str | Path | None = None) -> list[Rule]:
        """The rules this run applies, in code order; to the file at ``path``, less its per-file ignores."""
        ignore = self.ignore | self.ignored_in(path) if path is not None else self.ignore
        return [
            rule
            for code, rule in sorted(RULES.items())
            if (self.select is None or code in self.select) and code not in ignore
        ]

    def ignored_in(self, path: str | Path) -> frozenset[str]:
        """The codes that ``per_file_ignores`` switches off for the file at ``path``."""
        relative = relative_path(path, self.root) if self.per_file_ignores else ""
        return frozenset(
            code for pattern, codes in self.per_file_ignores if matches(relative, (pattern,)) for code in codes
        )

    def severity(self, rule: Rule) -> Severity | None:
        """The configured severity of ``rule``, if one was set."""
        return self.severities.get(rule.code)

    def options_for(self, rule: Rule) -> dict[str, Any]:
        """``rule``'s options: its defaults updated with the configured values."""
        return {**rule.options, **self.rule_options.get(rule.code, {})}

    def reads(self, path: str | Path) -> bool:
        """Whether ``include`` and ``exclude`` let the run read the file at ``path``."""
        if not self.include and not self.exclude:
            return True
        relative = relative_path(path, self.root)
        if self.include and not matches(relative, self.include):
            return False
        return not matches(relative, self.exclude)


def rule_codes(names: str | list[str], what: str) -> frozenset[str]:
    """The codes of rules named by code or name; ConfigError naming ``what`` for unknown ones."""
    items = names.split(",") if isinstance(names, str) else names
    codes = set()
    for item in (i.strip() for i in items):
        if not item:
            continue
        rule = find_rule(item)
        if rule is None:
            raise ConfigError(f"{what}: unknown rule {item!r} (see 'provenance rules')")
        codes.add(rule.code)
    if not codes and isinstance(names, str):  # a flag given empty; an empty list in a file is fine
        raise ConfigError(f"{what}: names no rule (give codes or names, comma-separated)")
    return frozenset(codes)


def parse_published(value: str) -> ArticleDate:
    """An ISO date or datetime given on the command line, as the article's publication date; its
    year must be within ``PUBLISHED_YEARS``."""
    text = value.strip()
    try:
        if len(text) == 10:
            day, moment = date.fromisoformat(text), None
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            day = moment.date()
    except ValueError:
        raise ConfigError(f"--published: {value!r} is not an ISO date (YYYY-MM-DD) or datetime") from None
    first, last = PUBLISHED_YEARS
    if not first <= day.year <= last:
        raise ConfigError(f"--published: {value!r} is out of range: the year must be from {first} to {last}")
    stamp = COMMAND_LINE.tag(ArticleDate(day, "command-line", moment))
    assert stamp is not None
    return stamp


def parse_zone(value: str) -> tzinfo:
    """An IANA time zone name (``Europe/Athens``) or ``UTC``."""
    if value.strip().upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(value.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"time zone: {value!r} is not an IANA zone name such as Europe/Athens") from None


def parse_lang(value: str, what: str) -> str:
    """A language tag such as ``en`` or ``pt-BR``."""
    if not _LANG.fullmatch(value.strip()):
        raise ConfigError(f"{what}: {value!r} is not a language tag such as en or pt-BR")
    return value.strip()
