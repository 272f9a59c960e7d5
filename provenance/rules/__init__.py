"""The rule registry: one module per rule, listed here once, keyed by code."""

from __future__ import annotations

from provenance.rules import (
    author_mismatch,
    date_in_post,
    handle_mismatch,
    implausible_id,
    missing_permalink,
    not_archived,
    post_after_article,
    post_unavailable,
    shown_date_mismatch,
    stale_post,
    unknown_article_date,
    unlinked_post_reference,
    unused_suppression,
)
from provenance.rules.base import Context, Problem, Rule

__all__ = ["RULES", "Context", "Problem", "Rule", "find_rule"]

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in map(
        Rule.from_module,
        (
            unknown_article_date,
            post_after_article,
            shown_date_mismatch,
            stale_post,
            date_in_post,
            handle_mismatch,
            missing_permalink,
            implausible_id,
            unlinked_post_reference,
            post_unavailable,
            author_mismatch,
            not_archived,
            unused_suppression,
        ),
    )
}


def find_rule(code_or_name: str) -> Rule | None:
    """The rule with this code (``PV101``) or name (``post-after-article``), if any."""
    key = code_or_name.strip()
    if key.upper() in RULES:
        return RULES[key.upper()]
    return next((rule for rule in RULES.values() if rule.name == key.lower()), None)
