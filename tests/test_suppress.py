"""Inline suppressions: their forms, their scope, and PV900 for the ones that suppress nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from provenance import Options, check_text
from provenance.config import parse_published
from provenance.load import load_text
from provenance.suppress import read_suppressions

NOW = datetime(2026, 11, 21, tzinfo=UTC)
OLD = "https://twitter.com/jeremycorbyn/status/938406524728291328"  # 2017-12-06
OTHER = "https://twitter.com/sdogruyol/status/797718960523382784"  # 2016-11-13


def check(text: str, kind: str, published: str = "2019-06-19", **options: object):
    return check_text(text, f"a.{kind}", kind, Options(published=parse_published(published), now=NOW, **options))


def found(report) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in report.findings]


def test_comment_before_an_embed_suppresses_its_findings_only():
    """An ignore comment covers the next citation after it, not the one after that."""
    text = f"<!-- provenance: ignore stale-post -->\n\n[one]({OLD})\n\n[two]({OTHER})\n"
    assert found(check(text, "markdown")) == [("PV103", 5)]


def test_trailing_comment_covers_its_own_line_only():
    """A comment after an embed on its line covers that line, not the next embed."""
    text = f"[one]({OLD}) <!-- provenance: ignore PV103 -->\n[two]({OTHER})\n"
    assert found(check(text, "markdown")) == [("PV103", 2)]


def test_comment_covers_every_place_the_post_is_cited():
    """The governed citation's findings go, though the post is cited elsewhere too."""
    text = f"[first mention]({OLD})\n\n<!-- provenance: ignore stale-post -->\n[again]({OLD})\n"
    report = check(text, "markdown")
    assert found(report) == []


def test_bare_comment_suppresses_every_rule():
    """An ignore with no rule covers all the rules."""
    text = f"<!-- provenance: ignore -- archive photo, dated in the caption -->\n[one]({OLD})\n"
    assert found(check(text, "markdown")) == []


def test_several_rules_by_code_and_name():
    """Rules are listed by code or name, separated by commas or spaces."""
    html = (
        '<html><head><meta property="article:published_time" content="2019-06-19"></head><body>\n'
        "<!-- provenance: ignore shown-date-mismatch, PV103 -->\n"
        '<blockquote class="twitter-tweet"><p>Text.</p>&mdash; J (@jeremycorbyn) '
        f'<a href="{OLD}">December 9, 2017</a></blockquote>\n</body></html>\n'
    )
    report = check_text(html, "a.html", "html", Options(now=NOW))
    assert found(report) == []
    unsuppressed = check_text(html.replace("<!-- provenance", "<!-- nothing"), "a.html", "html", Options(now=NOW))
    assert {f.code for f in unsuppressed.findings} == {"PV102", "PV103"}


def test_file_wide_comment_covers_the_whole_article():
    """ignore-file anywhere in the article covers every finding of its rules."""
    text = f"[one]({OLD})\n\n[two]({OTHER})\n\n<!-- provenance: ignore-file stale-post -->\n"
    assert found(check(text, "markdown")) == []


def test_plain_text_line_form():
    """In plain text a line 'provenance: ignore RULES' is a suppression; prose is not."""
    text = f"Provenance: ignore the rumours.\nprovenance: ignore stale-post\nSee {OLD}\nAnd {OTHER}\n"
    assert found(check(text, "text")) == [("PV103", 4)]
    text = f"provenance: ignore-file PV103\nSee {OLD}\nAnd {OTHER}\n"
    assert found(check(text, "text")) == []


def test_plain_line_form_is_not_read_in_markdown():
    """Markdown and HTML take only the comment form, so visible text never suppresses."""
    text = f"provenance: ignore stale-post\n[one]({OLD})\n"
    assert ("PV103", 2) in found(check(text, "markdown"))


def test_unused_suppression_is_reported_where_it_stands():
    """A suppression that no longer suppresses anything is a PV900 warning at its line."""
    text = f"Intro.\n\n<!-- provenance: ignore stale-post -->\n[recent]({OLD})\n"
    (finding,) = check(text, "markdown", published="2017-12-07").findings
    assert (finding.code, finding.name, str(finding.severity), finding.line) == (
        "PV900", "unused-suppression", "warning", 3)
    assert dict(finding.args) == {"suppression": "ignore stale-post", "rules": "PV103", "what": "the comment"}


def test_partly_used_suppression_names_the_idle_rules():
    """A suppression of two rules where one suppresses nothing names that one."""
    text = f"<!-- provenance: ignore stale-post missing-permalink -->\n[one]({OLD})\n"
    (finding,) = check(text, "markdown").findings
    assert dict(finding.args)["rules"] == "PV106" and dict(finding.args)["what"] == "those rules from it"


def test_unknown_rule_and_directive_are_reported():
    """A misspelt rule or directive is a PV900 finding, and the misspelt one suppresses nothing."""
    text = f"<!-- provenance: ignore stale-psot -->\n[one]({OLD})\n<!-- provenance: disable PV103 -->\n"
    report = check(text, "markdown")
    assert found(report) == [("PV900", 1), ("PV103", 2), ("PV900", 3)]
    messages = [f.message for f in report.findings if f.code == "PV900"]
    assert "'stale-psot', which is no rule" in messages[0]
    assert "unknown directive 'disable'" in messages[1]


def test_rules_that_did_not_run_are_not_judged():
    """A suppression of a rule this run skips is not reported; a bare one only when every rule ran."""
    text = f"<!-- provenance: ignore stale-post -->\n[one]({OLD})\n"
    assert found(check(text, "markdown", published="2017-12-07", ignore=frozenset({"PV103"}))) == []
    bare = f"<!-- provenance: ignore -->\n[one]({OLD})\n"
    assert found(check(bare, "markdown", published="2017-12-07", ignore=frozenset({"PV106"}))) == []
    assert found(check(bare, "markdown", published="2017-12-07")) == [("PV900", 1)]


def test_pv900_is_silenced_only_by_naming_it():
    """A suppression that names unused-suppression keeps itself from being reported."""
    text = f"<!-- provenance: ignore stale-post unused-suppression -->\n[one]({OLD})\n"
    assert found(check(text, "markdown", published="2017-12-07")) == []
    text = f"<!-- provenance: ignore-file -->\n<!-- provenance: ignore stale-post -->\n[one]({OLD})\n"
    assert ("PV900", 2) in found(check(text, "markdown", published="2017-12-07"))


def test_pv900_can_be_deselected():
    """With PV900 ignored, idle suppressions go unreported."""
    text = f"<!-- provenance: ignore stale-post -->\n[one]({OLD})\n"
    assert found(check(text, "markdown", published="2017-12-07", ignore=frozenset({"PV900"}))) == []


def test_other_comments_are_not_suppressions():
    """HTML comments without 'provenance:' (a WordPress embed block) are left alone."""
    document = load_text(f'<!-- wp:embed {{"url":"{OLD}"}} -->\n<!-- provenance : ignore-file -->\n', "a.md",
                         "markdown")
    (suppression,) = read_suppressions(document)
    assert suppression.file_wide and suppression.codes is None and suppression.line == 2


@pytest.mark.parametrize("kind", ["markdown", "html"])
def test_multi_line_comment_reaches_past_its_end(kind):
    """A comment spread over lines governs the first citation after its last line."""
    text = f"<!-- provenance:\n  ignore stale-post\n-->\n[one]({OLD})\n" if kind == "markdown" else (
        f'<html><body><!-- provenance:\n ignore PV103 -->\n<a href="{OLD}">x</a></body></html>\n')
    report = check(text, kind)
    assert "PV103" not in {f.code for f in report.findings}
