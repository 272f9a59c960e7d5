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
THIRD = "https://twitter.com/someone/status/318058960919855104"  # 2013-03-30


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
    assert dict(finding.args)["rules"] == "PV106" and dict(finding.args)["what"] == "those rules from the comment"


def test_unknown_rule_and_directive_are_reported():
    """A misspelt rule or directive is a PV900 finding, and the misspelt one suppresses nothing."""
    text = f"<!-- provenance: ignore stale-psot -->\n[one]({OLD})\n<!-- provenance: skip PV103 -->\n"
    report = check(text, "markdown")
    assert found(report) == [("PV900", 1), ("PV103", 2), ("PV900", 3)]
    messages = [f.message for f in report.findings if f.code == "PV900"]
    assert "'stale-psot' is no rule" in messages[0]
    assert "unknown directive 'skip' (use ignore, ignore-file, disable or enable)" in messages[1]


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


# --- ranges: disable ... enable -------------------------------------------------------------



def quote(url: str) -> str:
    """An X embed whose shown date (December 9, 2017) is not the post's date."""
    handle = url.split("/")[3]
    return (f'<blockquote class="twitter-tweet"><p>Text.</p>&mdash; J (@{handle}) '
            f'<a href="{url}">December 9, 2017</a></blockquote>')


def test_disable_range_suppresses_the_findings_between_disable_and_enable():
    """Findings after a disable and before its enable go; those before and after stay."""
    text = (f"[before]({OLD})\n<!-- provenance: disable stale-post -- a timeline -->\n[a]({OLD})\n\n[b]({OTHER})\n"
            f"<!-- provenance: enable stale-post -->\n[after]({THIRD})\n")
    assert found(check(text, "markdown")) == [("PV103", 1), ("PV103", 7)]


def test_disable_range_in_html_comments():
    """The range works in HTML as in Markdown, over several embeds."""
    html = (f'<html><body><a href="{OLD}">x</a>\n<!-- provenance: disable PV103 -->\n<a href="{OLD}">y</a>\n'
            f'<a href="{OTHER}">z</a>\n<!-- provenance: enable PV103 -->\n<a href="{THIRD}">w</a></body></html>\n')
    assert found(check(html, "html")) == [("PV103", 1), ("PV103", 6)]


def test_unclosed_disable_runs_to_the_end_and_bare_disable_covers_every_rule():
    """A disable with no rule covers every rule, and with no enable it covers the rest of the article."""
    text = f"{quote(OLD)}\n\n<!-- provenance: disable -->\n\n{quote(OTHER)}\n\n[c]({THIRD})\n"
    assert found(check(text, "markdown")) == [("PV102", 1), ("PV103", 1)]


def test_enable_naming_a_rule_ends_the_range_for_that_rule_only():
    """After 'enable stale-post' inside a bare disable range, stale-post reports again and the others stay off."""
    text = f"<!-- provenance: disable -->\n{quote(OLD)}\n<!-- provenance: enable stale-post -->\n{quote(OTHER)}\n"
    assert found(check(text, "markdown")) == [("PV103", 4)]
    bare_enable = text.replace("enable stale-post", "enable")
    assert found(check(bare_enable, "markdown")) == [("PV102", 4), ("PV103", 4)]


def test_plain_text_disable_and_enable_lines():
    """In plain text, 'provenance: disable'/'enable' lines make a range; prose with those words does not."""
    text = (f"Provenance: disabled veterans' archive.\nprovenance: disable stale-post\nSee {OLD}\n"
            f"provenance: enable stale-post\nAnd {OTHER}\n")
    assert found(check(text, "text")) == [("PV103", 5)]
    (disable, enable) = read_suppressions(load_text(text, "a.txt", "text"))
    assert (disable.directive, disable.line, enable.directive, enable.line) == ("disable", 2, "enable", 4)


def test_idle_range_and_unmatched_enable_are_reported():
    """PV900 reports a disable that suppressed nothing and an enable that ends no disable."""
    text = (f"<!-- provenance: disable stale-post -->\n[recent]({OLD})\n<!-- provenance: enable stale-post -->\n"
            "<!-- provenance: enable PV106 -->\n")
    report = check(text, "markdown", published="2017-12-07")
    assert found(report) == [("PV900", 1), ("PV900", 4)]
    assert "'disable stale-post' suppresses nothing for PV103" in report.findings[0].message
    assert report.findings[1].message == "remove the suppression 'enable PV106': it ends no disable before it"


def test_enable_after_a_closed_range_is_unmatched_and_unknown_names_are_reported():
    """An enable after its range was already ended is unmatched; misspelt rules in disable/enable are reported."""
    text = (f"<!-- provenance: disable PV103 -->\n[a]({OLD})\n<!-- provenance: enable -->\n"
            "<!-- provenance: enable stale-post -->\n<!-- provenance: disable stale-psot -->\n")
    report = check(text, "markdown")
    assert found(report) == [("PV900", 4), ("PV900", 5)]
    assert "ends no disable" in report.findings[0].message
    assert "'stale-psot' is no rule" in report.findings[1].message


def test_range_naming_unused_suppression_keeps_pv900_quiet_inside_it():
    """A disable range that names unused-suppression silences PV900 up to its enable, not after it."""
    text = (f"<!-- provenance: disable unused-suppression -->\n<!-- provenance: ignore stale-post -->\n[a]({OLD})\n"
            f"<!-- provenance: enable unused-suppression -->\n<!-- provenance: ignore stale-post -->\n[b]({OLD})\n")
    assert found(check(text, "markdown", published="2017-12-07")) == [("PV900", 5)]


def test_range_of_a_rule_that_did_not_run_is_not_judged():
    """A disable of a rule this run skips is not reported as idle."""
    text = f"<!-- provenance: disable stale-post -->\n[a]({OLD})\n<!-- provenance: enable stale-post -->\n"
    assert found(check(text, "markdown", published="2017-12-07", ignore=frozenset({"PV103"}))) == []
