"""The public surface: a small sorted __all__, and every rule registered and documented."""

from __future__ import annotations

import provenance
from provenance.rules import RULES, find_rule


def test_all_is_sorted_and_importable():
    """provenance.__all__ is sorted and names only things the package has."""
    assert list(provenance.__all__) == sorted(provenance.__all__)
    for name in provenance.__all__:
        assert hasattr(provenance, name)


def test_rule_codes_and_names_are_unique_and_well_formed():
    """Rule codes are unique PVnnn codes and names unique kebab-case words."""
    names = [rule.name for rule in RULES.values()]
    assert len(set(names)) == len(names)
    for code, rule in RULES.items():
        assert code == rule.code and len(code) == 5 and code.startswith("PV") and code[2:].isdigit()
        assert rule.name == rule.name.lower() and " " not in rule.name


def test_every_rule_documents_itself():
    """Each rule's docstring names its code, name and severity, and gives a pass and a fail example."""
    for rule in RULES.values():
        first = rule.doc.splitlines()[0]
        assert first.startswith(f"{rule.code} {rule.name} ({rule.severity})")
        assert "Passes:" in rule.doc and "Fails:" in rule.doc


def test_rules_are_found_by_code_or_name():
    """A rule is found by its code in any case or by its name."""
    assert find_rule("pv101") is find_rule("post-after-article") is RULES["PV101"]
    assert find_rule("no-such-rule") is None
