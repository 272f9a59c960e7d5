"""The commands layer: settings made once, at the edge; one route from an input to a report."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path
from types import ModuleType

import pytest

from provenance.audit import AuditSettings
from provenance.checking import check_item
from provenance.cli import build_parser
from provenance.commands import COMMANDS, audit, check, cite, rules
from provenance.commands.check import CheckSettings
from provenance.fetch import Fetcher
from provenance.options import Options
from provenance.sources.files import file_items
from provenance.sources.inputs import Sources

# The project's paths, here rather than imported, so this file reads the same whichever module
# the shared test helpers live in.
ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "provenance"
FIXTURES = ROOT / "fixtures"
SEEDS = ROOT / "seeds"


@pytest.mark.parametrize(
    ("argv", "module", "record"),
    [
        (["check", "--published", "2025-08-21", "article.html"], check, CheckSettings),
        (["audit", "--jobs", "2", "archive/"], audit, AuditSettings),
        (["cite", "1234567890123456789"], cite, cite.CiteSettings),
        (["rules", "--explain", "PV101"], rules, rules.RulesSettings),
    ],
)
def test_each_command_turns_its_arguments_into_a_frozen_record(
    argv: list[str], module: ModuleType, record: type
) -> None:
    """Every command makes one frozen settings record of its parsed arguments."""
    args = build_parser().parse_args(argv)
    assert COMMANDS[args.command] is module
    settings = module.settings_from(args)
    assert isinstance(settings, record)
    field = dataclasses.fields(settings)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(settings, field, None)


def test_check_settles_the_format_and_the_failing_severity_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """``check``'s record holds the format GitHub Actions picks and ``--exit-zero``'s fail-on."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    args = build_parser().parse_args(["check", "--no-config", "--exit-zero", "a.html"])
    settings = check.settings_from(args)
    assert (settings.format, settings.fail_on, settings.options.fail_on) == ("github", "never", "never")
    assert args.format is None and args.fail_on is None  # the parsed arguments are read, never written


def _reads_namespace(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        (isinstance(node, ast.Attribute) and node.attr == "Namespace")
        or (isinstance(node, ast.Name) and node.id == "Namespace")
        for node in ast.walk(tree)
    )


def test_nothing_below_the_commands_reads_parsed_arguments() -> None:
    """Only the command modules take an ``argparse.Namespace``; everything below takes settings records."""
    readers = sorted(
        str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
        if _reads_namespace(path) and path.parent.name != "commands"
    )
    assert readers == []


def test_the_linter_reads_no_input() -> None:
    """The linter imports neither the loader nor the sources nor the folder walk: it lints a Document."""
    tree = ast.parse((PACKAGE / "linter.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not imported & {"provenance.load", "provenance.walk", "provenance.sources", "provenance.fetch"}
    assert not any(name.startswith("provenance.sources") for name in imported)


def test_check_and_audit_read_a_folder_into_the_same_reports() -> None:
    """A folder gives ``check`` and ``audit`` the same Items, and so the same reports."""
    options = Options()
    folder = str(FIXTURES / "cases")
    checked = [check_item(item, options) for item in file_items([folder], options)]
    with Fetcher() as fetcher:
        audited = [check_item(item, options) for item in Sources(fetcher, max_bytes=1 << 24).items([folder])]
    assert len(checked) > 10
    assert checked == audited


def test_standard_input_and_a_file_give_the_same_report() -> None:
    """An article read from standard input is checked as the same bytes in a file are."""
    seed = sorted(SEEDS.glob("*.txt"))[0]
    options = Options()
    with seed.open("rb") as stdin:
        (item,) = check.items(["-"], options, stdin=stdin)
    from_stdin = check_item(item, options)
    (file,) = file_items([seed], options)
    from_file = check_item(file, options)
    assert from_stdin.source == "<stdin>" and from_file.citations
    assert dataclasses.replace(from_stdin, source=from_file.source) == from_file
