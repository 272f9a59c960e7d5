"""Options: what a run is asked to do, in one small typed record.

Command-line flags (and, for CI use, ``[tool.provenance]`` configuration) end up here. Every
value is validated when the record is made, so a bad value is a one-line error before any input
is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from provenance.model import ArticleDate, Severity
from provenance.rules import RULES, Rule, find_rule

__all__ = ["ConfigError", "Options", "parse_published", "parse_zone"]


class ConfigError(ValueError):
    """A configuration value or flag that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Options:
    """How to check: which rules, at what severities, and what to assume about the article."""

    #: The article's publication date, overriding what the article states.
    published: ArticleDate | None = None
    #: Rule codes to run (None: all).
    select: frozenset[str] | None = None
    #: Rule codes not to run.
    ignore: frozenset[str] = frozenset()
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

    def rules(self) -> list[Rule]:
        """The rules this run applies, in code order."""
        return [
            rule
            for code, rule in sorted(RULES.items())
            if (self.select is None or code in self.select) and code not in self.ignore
        ]

    def severity(self, rule: Rule) -> Severity | None:
        """The configured severity of ``rule``, if one was set."""
        return self.severities.get(rule.code)

    def options_for(self, rule: Rule) -> dict[str, Any]:
        """``rule``'s options: its defaults updated with the configured values."""
        return {**rule.options, **self.rule_options.get(rule.code, {})}


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
    return frozenset(codes)


def parse_published(value: str) -> ArticleDate:
    """An ISO date or datetime given on the command line, as the article's publication date."""
    text = value.strip()
    try:
        if len(text) == 10:
            return ArticleDate(date.fromisoformat(text), "command-line")
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"--published: {value!r} is not an ISO date (YYYY-MM-DD) or datetime") from None
    return ArticleDate(moment.date(), "command-line", moment)


def parse_zone(value: str) -> tzinfo:
    """An IANA time zone name (``Europe/Athens``) or ``UTC``."""
    if value.strip().upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(value.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"time zone: {value!r} is not an IANA zone name such as Europe/Athens") from None
