"""Every rule's pass and fail cases, from the YAML files in fixtures/rules/, one test per case."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import yaml
from helpers import FIXTURES

from provenance import Options, check_text
from provenance.config import parse_published
from provenance.rules import RULES

CASES: list[dict[str, Any]] = [
    case
    for path in sorted((FIXTURES / "rules").glob("*.yaml"))
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
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
