"""The GitHub Action: its steps run the way a runner runs them, on a site's git repository.

tests/action_support.py runs action.yml's steps in order with bash, with the files and variables a
runner gives (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ENV, GITHUB_PATH, RUNNER_TEMP,
GITHUB_EVENT_PATH) and ``${{ … }}`` expressions evaluated; the actions it ``uses:`` are checked
here and replaced by stand-ins. The first run, the README's workflow on a new repository, installs
provenance with pip from this checkout; the other runs reuse that installation as a second use of
the action in a job does.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from action_support import (
    BAD,
    GOOD,
    FirstRun,
    Run,
    StandIns,
    evaluate,
    git,
    new_site,
    run_action,
    runner_temp,
)
from helpers import ROOT

ACTION_TEXT = (ROOT / "action.yml").read_text(encoding="utf-8")
ACTION = yaml.safe_load(ACTION_TEXT)
STEPS = ACTION["runs"]["steps"]
#: A ``uses:`` line pinned by commit, with the version in a comment after it.
PINNED = re.compile(r"^\s*uses: (?P<action>[\w./-]+)@(?P<sha>[0-9a-f]{40}) # (?P<version>v\d+\.\d+\.\d+)$")


def step(name: str) -> dict[str, Any]:
    return next(s for s in STEPS if s.get("name") == name)


def test_action_takes_annotations_and_a_summary_by_default():
    """By default the action writes annotations and a job summary; SARIF is opt-in and no input names a package."""
    inputs = ACTION["inputs"]
    assert ACTION["runs"]["using"] == "composite"
    assert inputs["format"]["default"] == "github" and inputs["summary"]["default"] == "true"
    assert {"paths", "args", "fail-on", "changed-only", "sarif-file", "upload-sarif", "python-version"} <= set(inputs)
    assert "version" not in inputs  # a pip requirement could name PyPI's unrelated 'provenance'
    assert "security-events" in inputs["upload-sarif"]["description"]
    for each in STEPS:
        # Inputs reach shell scripts through env only, so that no input can inject shell code.
        assert "${{" not in str(each.get("run", "")), each.get("name")


def test_nested_actions_are_pinned_by_commit():
    """Every nested action is pinned by a full commit SHA with its version named; upload-sarif is v4."""
    lines = [line for line in ACTION_TEXT.splitlines() if line.strip().startswith("uses:")]
    assert len(lines) == sum("uses" in each for each in STEPS) == 4
    pins = {}
    for line in lines:
        match = PINNED.match(line)
        assert match, f"not pinned by commit with a '# vX.Y.Z' comment: {line.strip()}"
        pins[match["action"]] = (match["sha"], match["version"])
    assert pins["github/codeql-action/upload-sarif"][1].startswith("v4.")
    assert pins["actions/cache/restore"] == pins["actions/cache/save"]
    python = next(s for s in STEPS if str(s.get("uses", "")).startswith("actions/setup-python@"))
    assert python["with"]["update-environment"] is False  # the job's own Python is left alone


def test_the_install_names_no_package_index():
    """The action installs its own source into a virtual environment under RUNNER_TEMP, never a name on an index."""
    script = str(step("Install provenance")["run"])
    (install,) = [line for line in script.splitlines() if "pip install" in line]
    assert install.strip().endswith('"$ACTION_PATH"')
    assert step("Install provenance")["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert "$RUNNER_TEMP/provenance-venv" in str(step("Prepare")["run"])


def test_expressions_are_read_as_a_runner_reads_them():
    """The test's expression reader coerces as GitHub does: a missing output equals '0', || picks a value."""
    context = {"steps": {"check": {"outputs": {}}}, "inputs": {"format": "SARIF", "python-version": ""}}
    assert evaluate("steps.check.outputs.exit-code != '0'", context) is False
    assert evaluate("inputs.format == 'sarif'", context) is True
    assert evaluate("inputs.python-version || 'python3'", context) == "python3"
    assert evaluate("!(inputs.python-version != '')", context) is True


# --- The first run: the README's workflow on a new private repository ---------------------------------------------


def test_first_run_of_the_readme_workflow_annotates_and_summarizes(first_run: FirstRun):
    """A new repository following the README gets annotations and a job summary on its first run, and no upload."""
    run = first_run.action
    assert re.search(r"^::error file=content/housing\.md,line=4,col=\d+,title=PV101 post-after-article::",
                     run.log, re.MULTILINE), run.log
    assert "budget.md" not in run.log  # the good article has no finding
    assert "### provenance" in run.summary
    assert "#### content/housing.md" in run.summary
    assert re.search(r"^\| 4:\d+ \| error \| PV101 post-after-article \| ", run.summary, re.MULTILINE)
    # Code scanning is opt-in: a private repository without it gets no failing upload.
    assert run.step("Upload SARIF to code scanning").status == "skipped"
    assert first_run.stand_ins.given("github/codeql-action/upload-sarif") == []
    # The bad article fails the job, after the summary was written.
    assert run.outputs["exit-code"] == "1" and run.step("Fail when findings reached fail-on").status == "failure"


def test_first_run_installs_the_action_source_into_its_own_environment(first_run: FirstRun):
    """The first run installs provenance with pip into a venv under RUNNER_TEMP and changes nothing for later steps."""
    run = first_run.action
    assert run.step("Install provenance").status == "success"
    assert "provenance 0.1.0" in run.step("Install provenance").output
    assert (first_run.venv / "provenance-install-key").is_file()
    (python,) = first_run.stand_ins.given("actions/setup-python")
    assert python["update-environment"] == "false" and python["python-version"] == "3.12"
    # Nothing is added to the job's environment or PATH: the caller's python stays the caller's.
    assert run.env_file == "" and run.path_file == ""
    restore = first_run.stand_ins.given("actions/cache/restore")
    save = first_run.stand_ins.given("actions/cache/save")
    assert restore == save and restore[0]["path"].endswith("provenance-pip-cache")
    assert re.fullmatch(r"provenance-pip-Linux-py3\.\d+\.\d+-[0-9a-f]{20}", restore[0]["key"])


# --- Later runs, which reuse the installation ---------------------------------------------------------------------


def action(first_run: FirstRun, tmp_path: Path, site: Path, inputs: dict[str, str], *,
           event_name: str = "push", event: dict[str, Any] | None = None, **kwargs: Any) -> tuple[Run, StandIns]:
    stand_ins = StandIns()
    temp = runner_temp(tmp_path / "runner-temp", first_run.venv)
    run = run_action(ROOT, site, temp, inputs, event_name=event_name, event=event, stand_ins=stand_ins,
                     env=first_run.env, **kwargs)
    return run, stand_ins


def test_a_second_use_in_a_job_reuses_the_installation(first_run: FirstRun, tmp_path: Path):
    """A second use of the action in a job finds provenance installed and does not install it again."""
    site, _ = new_site(tmp_path / "site")
    run, _ = action(first_run, tmp_path, site, {"paths": "content"})
    assert "installed in" in run.step("Install provenance").output and "by an earlier step" in run.log
    assert "::error file=content/housing.md" in run.log


def test_paths_and_args_are_lists_of_lines_that_keep_spaces(first_run: FirstRun, tmp_path: Path):
    """paths and args take one item per line, and a name with spaces stays one name."""
    site, _ = new_site(tmp_path / "site", {"content/city hall/late post.md": BAD, "content/good one.md": GOOD,
                                           "content/other.md": BAD})
    run, _ = action(first_run, tmp_path, site, {
        "paths": "  content/city hall  \n\ncontent/good one.md\n",
        "args": "--select=post-after-article\n--fail-on\nnever\n",
    })
    assert "::error file=content/city hall/late post.md,line=4," in run.log, run.log
    assert "other.md" not in run.log and "PV9" not in run.log
    assert run.outputs["exit-code"] == "0" and not run.failed
    assert "#### content/city hall/late post.md" in run.summary


def test_an_option_and_its_value_on_one_line_is_explained(first_run: FirstRun, tmp_path: Path):
    """An args line holding an option and its value apart is refused with a message that says how to write it."""
    site, _ = new_site(tmp_path / "site")
    run, _ = action(first_run, tmp_path, site, {"paths": "content", "args": "--baseline provenance-baseline.json"})
    assert "::error title=provenance::args: '--baseline provenance-baseline.json' is one argument" in run.log
    assert run.outputs["exit-code"] == "2" and run.failed


def test_a_boolean_input_must_be_true_or_false(first_run: FirstRun, tmp_path: Path):
    """An input such as changed-only that is neither true nor false stops the action with an annotation."""
    site, _ = new_site(tmp_path / "site")
    run, _ = action(first_run, tmp_path, site, {"changed-only": "yes"})
    assert "::error title=provenance::input changed-only must be true or false" in run.log
    assert run.step("Prepare").status == "failure" and run.step("Check articles").status == "skipped"


def test_sarif_is_written_and_uploaded_when_asked(first_run: FirstRun, tmp_path: Path):
    """With format sarif the report is written, uploaded with codeql-action, its rules linked to the action's ref."""
    site, _ = new_site(tmp_path / "site")
    run, stand_ins = action(first_run, tmp_path, site, {"paths": "content", "format": "sarif"},
                            action_repository="OWNER/provenance", action_ref="main")
    (upload,) = stand_ins.given("github/codeql-action/upload-sarif")
    assert upload == {"sarif_file": "provenance.sarif", "category": "provenance"}
    log = json.loads((site / "provenance.sarif").read_text(encoding="utf-8"))
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "PV101"
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["helpUri"].startswith("https://github.com/OWNER/provenance/blob/main/docs/rules.md#")
    assert "provenance: 1 finding(s) in provenance.sarif" in run.log and "::error" not in run.log
    assert "#### content/housing.md" in run.summary  # the summary is written in every format
    assert run.outputs["exit-code"] == "1" and run.failed


def test_sarif_is_only_written_when_upload_is_off(first_run: FirstRun, tmp_path: Path):
    """upload-sarif false writes the SARIF file without uploading it."""
    site, _ = new_site(tmp_path / "site")
    _, stand_ins = action(first_run, tmp_path, site, {"paths": "content", "format": "sarif", "upload-sarif": "false"})
    assert (site / "provenance.sarif").is_file() and stand_ins.given("github/codeql-action/upload-sarif") == []


def test_summary_false_writes_no_job_summary(first_run: FirstRun, tmp_path: Path):
    """summary false leaves the job summary empty and keeps the annotations."""
    site, _ = new_site(tmp_path / "site")
    run, _ = action(first_run, tmp_path, site, {"paths": "content", "summary": "false"})
    assert run.summary == "" and "::error file=content/housing.md" in run.log


# --- changed-only ------------------------------------------------------------------------------------------------


def pull_request(tmp_path: Path, changes: dict[str, str]) -> tuple[Path, dict[str, Any]]:
    """A site whose main branch has a bad article already, and a pull request that makes ``changes``."""
    site, _ = new_site(tmp_path / "site", {"content/old.md": BAD, "content/kept.md": GOOD})
    base = git(site, "rev-parse", "HEAD").strip()
    for name, text in changes.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "the pull request")
    return site, {"pull_request": {"base": {"sha": base}, "head": {"sha": git(site, "rev-parse", "HEAD").strip()}}}


def test_changed_only_checks_the_articles_a_pull_request_changes(first_run: FirstRun, tmp_path: Path):
    """With changed-only, a pull request's run checks the articles it adds or changes, not the others."""
    site, event = pull_request(tmp_path, {"content/new story.md": BAD, "content/kept.md": GOOD + "More.\n",
                                          "scripts/build.py": f"# {BAD}", ".github/notes.md": BAD})
    run, _ = action(first_run, tmp_path, site, {"paths": ".", "changed-only": "true"},
                    event_name="pull_request", event=event)
    assert "provenance: 2 article(s) changed in this pull request" in run.log, run.log
    assert "::error file=content/new story.md,line=4," in run.log
    assert "old.md" not in run.log and "build.py" not in run.log and ".github" not in run.log
    assert run.outputs["exit-code"] == "1"


def test_changed_only_fetches_the_base_of_a_shallow_checkout(first_run: FirstRun, tmp_path: Path):
    """In a checkout of depth 1, changed-only fetches the pull request's base commit from origin."""
    site, event = pull_request(tmp_path, {"content/new.md": BAD})
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", site.as_uri(), str(clone))
    with pytest.raises(subprocess.CalledProcessError):
        git(clone, "cat-file", "-e", event["pull_request"]["base"]["sha"])
    run, _ = action(first_run, tmp_path, clone, {"paths": "content", "changed-only": "true"},
                    event_name="pull_request", event=event)
    assert "provenance: 1 article(s) changed" in run.log and "::error file=content/new.md" in run.log, run.log
    assert "old.md" not in run.log


def test_changed_only_with_no_article_changed_succeeds(first_run: FirstRun, tmp_path: Path):
    """A pull request that changes no article passes, and the log and the summary say there was nothing to check."""
    site, event = pull_request(tmp_path, {"README.md": "New words.\n", "content/image.png": "png"})
    run, _ = action(first_run, tmp_path, site, {"paths": "content", "changed-only": "true"},
                    event_name="pull_request", event=event)
    assert "provenance: No article changed in this pull request" in run.log
    assert "No article changed in this pull request" in run.summary
    assert run.outputs["exit-code"] == "0" and not run.failed


def test_changed_only_checks_everything_outside_a_pull_request(first_run: FirstRun, tmp_path: Path):
    """On a push, changed-only has no base to compare with: every article is checked, and the log says so."""
    site, _ = pull_request(tmp_path, {"content/new.md": GOOD})
    run, _ = action(first_run, tmp_path, site, {"paths": "content", "changed-only": "true"})
    assert "changed-only applies to pull requests; on this push event every article is checked" in run.log
    assert "::error file=content/old.md" in run.log
