"""Rules explain themselves: ``provenance rules --explain`` and the generated docs/rules.md."""

from __future__ import annotations

import pytest
from helpers import ROOT, run_cli

from provenance.rules import RULES
from provenance.rules.explain import explain, rules_page

RULES_PAGE = ROOT / "docs" / "rules.md"


@pytest.mark.parametrize("code", sorted(RULES))
def test_explain_covers_every_rule(capsys: pytest.CaptureFixture[str], code: str) -> None:
    """Each rule's explanation names it, says how to fix a finding and gives both examples."""
    rule = RULES[code]
    for key in (rule.code, rule.name.upper()):
        status, out, err = run_cli(capsys, "rules", "--explain", key.lower() if key == rule.name.upper() else key)
        assert (status, err) == (0, "")
        assert out == explain(rule)
    assert out.startswith(f"{rule.code} {rule.name} ({rule.severity}")
    assert "How to fix: " in out and len(rule.fix) > 40
    assert "\nPasses: " in out and "\nFails: " in out
    assert f"[tool.provenance.rules.{rule.name}]" in out
    assert "``" not in out and ":mod:" not in out
    assert max(map(len, out.splitlines())) <= 100


def test_explain_of_an_unknown_rule_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown rule to explain exits 2 with one line naming it."""
    status, out, err = run_cli(capsys, "rules", "--explain", "PV999")
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and "'PV999'" in err


def test_rules_page_is_generated_from_the_rules(update_golden: bool) -> None:
    """docs/rules.md is the generated rules page; --update-golden rewrites it."""
    page = rules_page(RULES.values())
    if update_golden:
        RULES_PAGE.write_text(page, encoding="utf-8")
    assert RULES_PAGE.read_text(encoding="utf-8") == page
    for rule in RULES.values():
        assert f"## {rule.code} {rule.name}\n" in page
        assert f"**How to fix:** {rule.fix}" in page
