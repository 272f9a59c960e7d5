"""``provenance rules``: list the rules, or print one rule's manual. Exit code 0; 2 for a rule that does not exist."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from provenance.model import ConfigError
from provenance.output import EXIT_OK
from provenance.rules import RULES, find_rule
from provenance.rules.explain import explain as explain_rule

__all__ = ["RulesSettings", "add_parser", "main", "run", "settings_from"]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the ``rules`` subcommand to the command line's subparsers."""
    parser = commands.add_parser(
        "rules", help="list the rules, or explain one",
        description="List every rule: its code, name, default severity and what it reports; with "
        "--explain, one rule's manual: what it checks, why it matters, how to fix a finding, examples "
        "and its configuration (docs/rules.md holds them all). Select rules by code or name with "
        "--select and --ignore, configure them under [tool.provenance.rules.<rule>] (docs/ci.md). "
        "Exit code 0; 2 for a rule that does not exist.",
    )
    parser.add_argument("--explain", metavar="RULE", help="print the manual of this rule (code or name)")
    return parser


@dataclass(frozen=True)
class RulesSettings:
    """What one ``rules`` run is asked to do."""

    #: The rule (code or name) whose manual to print; None: list them all.
    explain: str | None = None


def settings_from(args: argparse.Namespace) -> RulesSettings:
    """The settings of ``rules`` from its parsed arguments."""
    return RulesSettings(explain=args.explain)


def run(settings: RulesSettings) -> int:
    """Run ``provenance rules``; return the exit code."""
    if settings.explain is not None:
        rule = find_rule(settings.explain)
        if rule is None:
            raise ConfigError(f"--explain: no rule {settings.explain!r}; 'provenance rules' lists them")
        print(explain_rule(rule), end="")
        return EXIT_OK
    for rule in RULES.values():
        summary = rule.doc.splitlines()[0] if rule.doc else ""
        print(f"{rule.code} {rule.name} ({rule.severity}): {summary.split(': ', 1)[-1].replace('``', '')}")
    return EXIT_OK


def main(args: argparse.Namespace) -> int:
    """``provenance rules`` with parsed arguments: settle them, then run."""
    return run(settings_from(args))
