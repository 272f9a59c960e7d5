"""Baselines: accepted findings keyed by file, rule and post, that survive edits around the embeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli

from provenance.baseline import (
    BASELINE_VERSION,
    Baseline,
    Entry,
    dump_baseline,
    load_baseline,
    post_key,
    pruned,
)
from provenance.cli import main
from provenance.config import ConfigError
from provenance.model import Citation

OLD = "https://twitter.com/jeremycorbyn/status/938406524728291328"  # 2017-12-06
OTHER = "https://twitter.com/sdogruyol/status/797718960523382784"  # 2016-11-13
NEW = "https://twitter.com/someone/status/318058960919855104"  # 2013-03-30

ARTICLE = f"""---
title: Housing
date: 2019-06-19
---

The leader said so [at the time]({OLD}).

A colleague agreed:

{{{{< tweet user="sdogruyol" id="797718960523382784" >}}}}
"""

EDITED = f"""---
title: Housing, a year on
date: 2019-06-19
---

A new first paragraph pushes every line down.

Another one, for good measure.

As the leader had said [back then]({OLD}), and as reported widely.

A colleague agreed, in a post that is still online:

{{{{< tweet user="sdogruyol" id="797718960523382784" >}}}}
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "check", "--no-config", *argv)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "housing.md").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(out: str) -> list[str]:
    return out.splitlines()[:-1]


def test_written_baseline_is_sorted_versioned_and_one_entry_a_line(site, capsys):
    """--write-baseline writes a versioned JSON file, sorted, one entry per line, and silences the run."""
    code, out, err = run(capsys, "--fail-on", "warning", "--write-baseline", "baseline.json", "content")
    assert code == 0 and findings(out) == []
    assert "baseline.json: baseline written: 2 entries" in err
    text = (site / "baseline.json").read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["tool"] == "provenance" and document["baseline"] == BASELINE_VERSION
    assert document["entries"] == [
        {"file": "content/housing.md", "rule": "PV103", "name": "stale-post", "post": "x:797718960523382784",
         "count": 1},
        {"file": "content/housing.md", "rule": "PV103", "name": "stale-post", "post": "x:938406524728291328",
         "count": 1},
    ]
    assert sum(1 for line in text.splitlines() if line.strip().startswith('{"file"')) == 2
    assert text == dump_baseline(load_baseline(site / "baseline.json").entries)


def test_baseline_holds_after_the_text_around_the_embeds_changes(site, capsys):
    """Edited text and shifted lines keep the baseline valid: nothing new, nothing stale."""
    run(capsys, "--write-baseline", "baseline.json", "content")
    (site / "content" / "housing.md").write_text(EDITED, encoding="utf-8")
    code, out, err = run(capsys, "--fail-on", "warning", "--baseline", "baseline.json", "content")
    assert (code, findings(out), err) == (0, [], "")
    code, out, _ = run(capsys, "--fail-on", "warning", "content")
    assert code == 1 and len(findings(out)) == 2  # the findings are there, on other lines


def test_new_finding_is_reported_despite_the_baseline(site, capsys):
    """A post added after the baseline was written is reported."""
    run(capsys, "--write-baseline", "baseline.json", "content")
    with (site / "content" / "housing.md").open("a", encoding="utf-8") as article:
        article.write(f"\nAnd [an older one]({NEW}).\n")
    code, out, _ = run(capsys, "--fail-on", "warning", "--baseline", "baseline.json", "content")
    assert code == 1 and len(findings(out)) == 1 and "@someone" in out


def test_second_citation_of_an_accepted_rule_and_post_counts(site, capsys):
    """An entry accepts as many findings as its count; one more is reported."""
    article = site / "content" / "other.txt"
    article.write_text(f"date 2019-06-19\nSee {OLD}\n", encoding="utf-8")
    run(capsys, "--write-baseline", "baseline.json", "content")
    entries = load_baseline(site / "baseline.json").entries
    assert Entry("content/other.txt", "PV103", "x:938406524728291328", 1, "stale-post") in entries


def test_stale_entries_are_reported_and_pruned_on_request(site, capsys):
    """An entry that matches nothing is one stderr line; --prune-baseline removes it."""
    run(capsys, "--write-baseline", "baseline.json", "content")
    (site / "content" / "housing.md").write_text(ARTICLE.replace(OLD, "https://example.com/"), encoding="utf-8")
    code, out, err = run(capsys, "--baseline", "baseline.json", "content")
    assert code == 0 and findings(out) == []
    (line,) = err.splitlines()
    assert line.startswith("baseline.json: stale entry: content/housing.md PV103 stale-post x:938406524728291328")
    assert len(load_baseline(site / "baseline.json").entries) == 2  # not pruned unless asked
    code, out, err = run(capsys, "--baseline", "baseline.json", "--prune-baseline", "content")
    assert "pruned 1 stale entries" in err
    assert [e.post for e in load_baseline(site / "baseline.json").entries] == ["x:797718960523382784"]
    assert run(capsys, "--baseline", "baseline.json", "content")[2] == ""


def test_files_outside_the_run_keep_their_entries(site, capsys):
    """A run over some files (pre-commit's) neither calls other files' entries stale nor drops them."""
    (site / "content" / "other.txt").write_text(f"date 2019-06-19\nSee {NEW}\n", encoding="utf-8")
    run(capsys, "--write-baseline", "baseline.json", "content")
    _, _, err = run(capsys, "--baseline", "baseline.json", "content/other.txt")
    assert err == ""
    (site / "content" / "other.txt").write_text("date 2019-06-19\nNo posts any more.\n", encoding="utf-8")
    run(capsys, "--write-baseline", "baseline.json", "content/other.txt")
    files = {e.file for e in load_baseline(site / "baseline.json").entries}
    assert files == {"content/housing.md"}


def test_baseline_from_the_configuration_is_relative_to_it(site, capsys, monkeypatch):
    """'baseline' in the configuration names a file relative to the configuration's folder."""
    run(capsys, "--write-baseline", "accepted.json", "content")
    (site / ".provenance.toml").write_text('baseline = "accepted.json"\nfail-on = "warning"\n', encoding="utf-8")
    monkeypatch.chdir(site / "content")
    assert main(["check", "housing.md"]) == 0
    assert findings(capsys.readouterr().out) == []


def test_baseline_names_files_relative_to_its_own_folder(site, capsys, monkeypatch):
    """A baseline written from a sub-folder still matches when run from the top."""
    (site / "ci").mkdir()
    monkeypatch.chdir(site / "ci")
    run(capsys, "--write-baseline", "baseline.json", "../content")
    assert {e.file for e in load_baseline(site / "ci" / "baseline.json").entries} == {"../content/housing.md"}
    monkeypatch.chdir(site)
    assert run(capsys, "--fail-on", "warning", "--baseline", "ci/baseline.json", "content")[0] == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "the baseline is not JSON"),
        ("[]", "not a provenance baseline"),
        ('{"tool": "provenance", "baseline": 99, "entries": []}', "baseline version 99 is not supported"),
        ('{"tool": "provenance", "baseline": 1}', 'no "entries" list'),
        ('{"tool": "provenance", "baseline": 1, "entries": [{"file": "a.md"}]}', "entry 1: 'file' and 'rule'"),
        ('{"tool": "provenance", "baseline": 1, "entries": [{"file": "a", "rule": "PV1", "count": 0}]}',
         "entry 1: 'count' must be a positive integer"),
        ('{"tool": "provenance", "baseline": 1, "entries": [{"file": "a", "rule": "PV1", "post": 5}]}',
         "entry 1: 'post' must be a string or null"),
    ],
)
def test_bad_baseline_is_a_one_line_usage_error(site, capsys, text, message):
    """A baseline that cannot be used exits 2 with one line naming the file and the problem."""
    (site / "baseline.json").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "--baseline", "baseline.json", "content")
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert err.startswith("provenance: error: baseline.json: ") and message in err


def test_missing_baseline_and_prune_without_one_are_usage_errors(site, capsys):
    """A missing baseline file, or --prune-baseline with no baseline, exits 2."""
    code, _, err = run(capsys, "--baseline", "nowhere.json", "content")
    assert code == 2 and "nowhere.json: no such baseline file" in err
    code, _, err = run(capsys, "--prune-baseline", "content")
    assert code == 2 and "--prune-baseline needs a baseline" in err


def test_post_key_prefers_id_then_permalink_then_handle_and_date():
    """A post is named by its ID, else its permalink, else its handle and shown date."""
    base = Citation(platform="x", kind="embed", form="f", line=1, column=1)
    assert post_key(base) is None
    assert post_key(Citation(**{**base.__dict__, "handle": "a", "shown_date_text": "June 1"})) == "x:@a:June 1"
    assert post_key(Citation(**{**base.__dict__, "handle": "a", "url": "https://x.com/a/status/1"})) == (
        "https://x.com/a/status/1")
    assert post_key(Citation(**{**base.__dict__, "post_id": "1", "url": "u"})) == "x:1"


def test_pruning_subtracts_counts_and_duplicate_keys_add_up(tmp_path):
    """Pruning lowers counts rather than dropping whole entries; a key listed twice counts twice."""
    entries = [Entry("a.md", "PV103", "x:1", 3, "stale-post"), Entry("a.md", "PV106", None, 1)]
    assert pruned(entries, [Entry("a.md", "PV103", "x:1", 2)]) == [
        Entry("a.md", "PV103", "x:1", 1, "stale-post"), Entry("a.md", "PV106", None, 1)]
    baseline = Baseline(tmp_path / "b.json", (Entry("a.md", "PV103", "x:1"), Entry("a.md", "PV103", "x:1")))
    assert baseline.for_source(str(tmp_path / "a.md"))[("PV103", "x:1")].count == 2


def test_load_baseline_raises_config_error(tmp_path):
    """load_baseline reports problems as ConfigError."""
    with pytest.raises(ConfigError, match="no such baseline file"):
        load_baseline(tmp_path / "none.json")
