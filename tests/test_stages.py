"""The optional stages of a check: each runs only when a selected rule reads it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from helpers import SEEDS, SHARED

from provenance import check_path, stages
from provenance.extract import mentions, placement
from provenance.options import Options
from provenance.rules import RULES

#: A short Greek article whose one post is cited in prose only (PV108 fires on it).
MENTION_SEED = SEEDS / "004_1ed5aa9ce87cdf07.txt"
#: A corpus page with embeds and links and a post cited in prose.
MENTION_PAGE = SHARED / "corpus" / "postlight-parser__www.vox.com.html"


def _without_mentions(report: Any) -> Any:
    kept = tuple(citation for citation in report.citations if citation.kind != "mention")
    return replace(report, citations=kept, dates_in_text=())


def test_every_rule_reads_known_stages_and_only_pv108_reads_the_mentions() -> None:
    """Every rule names only stages that exist, and only unlinked-post-reference reads the mentions."""
    assert all(rule.stages <= stages.ALL for rule in RULES.values())
    assert [code for code, rule in RULES.items() if stages.MENTIONS in rule.stages] == ["PV108"]
    assert stages.needed(RULES.values()) == stages.ALL


@pytest.mark.parametrize(
    "options",
    [Options(ignore=frozenset({"PV108"})), Options(select=frozenset({"PV101", "PV103"})),
     Options(per_file_ignores=(("*", frozenset({"PV108"})),))],
    ids=["ignore", "select", "per-file-ignore"],
)
def test_the_mentions_are_not_looked_for_without_pv108(options: Options, monkeypatch: pytest.MonkeyPatch) -> None:
    """With unlinked-post-reference deselected, no sentence of the prose is read for mentions."""
    calls: list[str] = []
    monkeypatch.setattr(placement.MarkedPage, "prose",
                        property(lambda _: calls.append("prose") or pytest.fail("prose read")))
    monkeypatch.setattr(mentions, "has_candidate", lambda *args: calls.append("gate") or pytest.fail("gate run"))
    report = check_path(MENTION_SEED, options)
    assert calls == []
    assert report.error is None
    assert not any(citation.kind == "mention" for citation in report.citations)
    assert report.dates_in_text == ()


@pytest.mark.parametrize("path", [MENTION_SEED, MENTION_PAGE], ids=lambda path: Path(path).name)
def test_deselecting_pv108_drops_only_the_mentions(path: Path) -> None:
    """Without PV108 a report is the full report less its mentions, their prose dates and PV108's findings."""
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    whole = check_path(path)
    assert any(citation.kind == "mention" for citation in whole.citations)
    embeds_only = check_path(path, Options(ignore=frozenset({"PV108"})))
    expected = _without_mentions(whole)
    expected = replace(expected, findings=tuple(f for f in whole.findings if f.code != "PV108"))
    assert embeds_only == expected
