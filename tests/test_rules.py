"""Every rule's pass and fail cases, from fixtures/rules/<code>.yaml (one file per rule), one test per case."""

from __future__ import annotations

from datetime import UTC, datetime
from types import ModuleType
from typing import Any

import pytest
import yaml
from helpers import FIXTURES

from provenance import Options, check_text
from provenance.config import parse_published
from provenance.model import Severity
from provenance.rules import RULES, Rule
from provenance.rules.base import AFTER_SUPPRESSION, FINDINGS, PHASES

CASE_FILES = sorted((FIXTURES / "rules").glob("*.yaml"))
CASES: list[dict[str, Any]] = [
    case for path in CASE_FILES for case in yaml.safe_load(path.read_text(encoding="utf-8"))
]
NOW = datetime(2026, 11, 21, tzinfo=UTC)
#: Cases with an ``online`` key need the platforms played by a local server: tests/test_online_rules.py runs them.
OFFLINE_CASES = [case for case in CASES if "online" not in case]


@pytest.mark.parametrize("case", OFFLINE_CASES, ids=lambda c: f"{c['rule']}-{c['case']}")
def test_rule_case(case):
    """The rule reports on its failing cases, with the expected values, and is silent on passing ones."""
    published = parse_published(case["published"]) if case.get("published") else None
    options = Options(published=published, now=NOW)
    report = check_text(case["article"], f"{case['case']}.{case['kind']}", case["kind"], options)
    findings = [f for f in report.findings if f.code == case["rule"]]
    assert bool(findings) == case["fails"], [f.message for f in report.findings]
    if findings:
        args = dict(findings[0].args)
        for key, value in (case.get("args") or {}).items():
            assert args[key] == value
        expected = case.get("severity", str(RULES[case["rule"]].severity))
        assert str(findings[0].severity) == expected


def test_every_rule_has_a_passing_and_a_failing_case():
    """No rule goes without both kinds of case."""
    for code in RULES:
        outcomes = {case["fails"] for case in CASES if case["rule"] == code}
        assert outcomes == {True, False}, code


def test_each_rule_has_its_own_case_file():
    """fixtures/rules holds one file per rule, named by its code, with that rule's cases only."""
    assert [path.stem for path in CASE_FILES] == sorted(RULES)
    for path in CASE_FILES:
        assert {case["rule"] for case in yaml.safe_load(path.read_text(encoding="utf-8"))} == {path.stem}, path.name


def test_rules_declare_a_known_phase():
    """Every rule runs in a known phase; PV900, which judges the suppressions, runs after them."""
    assert {code: rule.phase for code, rule in RULES.items() if rule.phase != FINDINGS} == {"PV900": AFTER_SUPPRESSION}
    assert all(rule.phase in PHASES for rule in RULES.values())


def test_a_misspelt_phase_is_refused():
    """A rule module whose PHASE is no phase cannot be registered: it would never run."""
    module = ModuleType("provenance.rules.example")
    module.CODE, module.NAME, module.SEVERITY, module.FIX = "PV999", "example", Severity.INFO, ""
    module.check = lambda context: iter(())
    module.PHASE = "after-supression"
    with pytest.raises(ValueError, match="unknown rule phase 'after-supression'"):
        Rule.from_module(module)
    module.PHASE = AFTER_SUPPRESSION
    assert Rule.from_module(module).phase == AFTER_SUPPRESSION
