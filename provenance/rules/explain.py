"""A rule's manual, in words for the terminal and in Markdown for docs/rules.md and SARIF help.

Everything comes from the rule module: its docstring (what it checks and why, with a passing and
a failing example), ``FIX`` (what to do about a finding), ``OPTIONS`` and the default severity.
``docs/rules.md`` is :func:`rules_page` written out; a test keeps the two the same.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

from provenance.rules.base import Rule

__all__ = ["anchor", "explain", "markdown", "rules_page"]

#: The terminal width the manual is wrapped to.
WIDTH = 88
#: Sphinx roles in the docstrings (``:mod:`x` ``) read as code.
_ROLE = re.compile(r":(?:mod|func|class|attr|meth):`([^`]+)`")
_EXAMPLE = re.compile(r"^(Passes|Fails):\s*", re.MULTILINE)


def _summary(rule: Rule) -> str:
    """The docstring's first line without its ``CODE name (severity):`` lead, capitalised."""
    first = rule.doc.splitlines()[0] if rule.doc else rule.name
    summary = first.split(": ", 1)[-1]
    return summary[:1].upper() + summary[1:]


def _split_examples(rule: Rule) -> tuple[list[str], list[tuple[str, str]]]:
    """The manual's prose paragraphs after its first line, and its ``Passes:``/``Fails:`` examples."""
    prose: list[str] = []
    examples: list[tuple[str, str]] = []
    for block in _ROLE.sub(r"``\1``", rule.doc).split("\n\n")[1:]:
        if not block.strip():
            continue
        if _EXAMPLE.match(block.strip()):
            parts = _EXAMPLE.split(block.strip())[1:]
            examples.extend((parts[index], " ".join(parts[index + 1].split())) for index in range(0, len(parts), 2))
        else:
            prose.append(" ".join(block.split()))
    return prose, examples


def _configure(rule: Rule) -> str:
    """The configuration table that tunes this rule."""
    lines = [f"[tool.provenance.rules.{rule.name}]", f'severity = "{rule.severity}"']
    lines += [f"{name} = {value!r}" for name, value in rule.options.items()]
    return "\n".join(lines)


def _fill(text: str) -> str:
    return textwrap.fill(text.replace("``", ""), WIDTH, break_on_hyphens=False, break_long_words=False)


def explain(rule: Rule) -> str:
    """The rule's manual as plain text for ``provenance rules --explain``."""
    prose, examples = _split_examples(rule)
    out = [f"{rule.code} {rule.name} ({rule.severity}{', --online only' if rule.online else ''})",
           "", _fill(_summary(rule)), "", _fill(f"How to fix: {rule.fix}"), ""]
    out += [_fill(paragraph) + "\n" for paragraph in prose]
    out += [_fill(f"{label}: {text}") for label, text in examples]
    out += ["", "Configure it (pyproject.toml; .provenance.toml without the tool.provenance prefix):",
            _configure(rule),
            f"Suppress one finding: <!-- provenance: ignore {rule.name} --> before the post."]
    return "\n".join(out) + "\n"


def anchor(rule: Rule) -> str:
    """The rule's heading anchor in docs/rules.md, as GitHub derives it."""
    return f"{rule.code.lower()}-{rule.name}"


def markdown(rule: Rule, level: int = 2) -> str:
    """The rule's manual in Markdown: a heading, what and why, how to fix, examples, configuration."""
    prose, examples = _split_examples(rule)
    hashes = "#" * level
    out = [f"{hashes} {rule.code} {rule.name}", "",
           f"**Default severity:** {rule.severity}" + (" (reported only with `--online`)" if rule.online else ""),
           "", _summary(rule).replace("``", "`"), "", f"**How to fix:** {rule.fix}", ""]
    out += [paragraph.replace("``", "`") + "\n" for paragraph in prose]
    out += [f"- **{label}:** {text.replace('``', '`')}" for label, text in examples]
    out += ["", "**Configuration:**", "", "```toml", _configure(rule), "```", ""]
    return "\n".join(out)


def rules_page(rules: Iterable[Rule]) -> str:
    """docs/rules.md: an index of every rule, then each rule's manual."""
    rules = list(rules)
    out = ["# Rules", "",
           "<!-- Generated from the rule modules by `python -m provenance.rules.explain > docs/rules.md`;",
           "     tests/test_rules_explain.py keeps this file in step with them. -->", "",
           "Each rule is one module in `provenance/rules/`; `provenance rules --explain CODE` prints the same "
           "text in the terminal. Select rules with `--select` and `--ignore` (codes or names), change a "
           "severity or an option under `[tool.provenance.rules.<name>]`, and suppress one finding with a "
           "comment (`<!-- provenance: ignore NAME -->`); see [ci.md](ci.md).", "",
           "| code | name | default | what it reports |", "|---|---|---|---|"]
    out += [f"| [{rule.code}](#{anchor(rule)}) | {rule.name} | {rule.severity} | "
            f"{_summary(rule).replace('``', '`')} |" for rule in rules]
    out.append("")
    out += [markdown(rule) for rule in rules]
    return "\n".join(out).rstrip("\n") + "\n"


if __name__ == "__main__":
    from provenance.rules import RULES

    print(rules_page(RULES.values()), end="")
