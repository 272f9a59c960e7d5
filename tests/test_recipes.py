"""Every CI recipe of the documentation runs as written, against a local copy of this repository.

A recipe is a fenced block after ``<!-- recipe: NAME -->`` in README.md or docs/ci.md. The tests
put a local repository (this work tree, committed on ``main``, with this checkout's tags) where
the recipes name ``https://github.com/OWNER/provenance``, so a branch, tag or commit that the
repository does not have fails here. GitHub workflows run with tests/action_support.py (this
action for real, other actions by stand-ins, after checking the tags they name); GitLab's script,
pre-commit's commands and the shell step run in bash in a site's git repository. No image is
pulled: a GitLab image is checked against the official Python images that have git.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from action_support import (
    BAD,
    BASH,
    GOOD,
    README_RECIPE,
    FirstRun,
    JobStep,
    StandIns,
    clean_environment,
    git,
    localized,
    make_site,
    new_site,
    python_bin,
    recipes,
    run_workflow_job,
    runner_temp,
)
from helpers import ROOT

DOCUMENTS = (ROOT / "README.md", ROOT / "docs" / "ci.md")
RECIPES = recipes(*DOCUMENTS)
#: The tags of other projects' actions that the recipes may name, and the commit each was at when
#: it was looked up in that project's repository. A recipe naming another tag fails until the tag
#: is looked up and added here.
ACTION_TAGS = {
    "actions/checkout@v7": "3d3c42e5aac5ba805825da76410c181273ba90b1",  # v7.0.1
    "actions/setup-python@v7": "5fda3b95a4ea91299a34e894583c3862153e4b97",  # v7.0.0
}
#: The official Docker images of Python that have git (built on buildpack-deps, which has it),
#: which pip needs to install from git+https; the -slim and -alpine images do not have it.
PYTHON_IMAGES_WITH_GIT = frozenset(
    f"python:{version}{variant}"
    for version in ("3.11", "3.12", "3.13", "3.14") for variant in ("", "-bookworm", "-trixie")
)


#: Who commits in a site's repository (pre-commit's commands may commit nothing, but git wants a name).
GIT_USER = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com"}


def workflow(name: str, published: Path) -> dict[str, Any]:
    return yaml.safe_load(localized(RECIPES[name].text, published))


def job_of(steps: list[JobStep]) -> str:
    return "".join(step.output for step in steps)


def environment(base: Path, offline_pip: dict[str, str], *folders: Path, **extra: str) -> dict[str, str]:
    """A job's environment: offline pip, the folders first on the PATH, and ``extra``."""
    env = clean_environment({**offline_pip, **extra})
    env["PATH"] = ":".join([*map(str, folders), env["PATH"]])
    env["VIRTUALENV_OVERRIDE_APP_DATA"] = str(base / "virtualenv-data")
    return env


def fresh_python(base: Path) -> Path:
    """The bin folder of a new virtual environment: a Python with nothing installed, as an image has."""
    app_data = {"VIRTUALENV_OVERRIDE_APP_DATA": str(base / "virtualenv-data")}
    subprocess.run([sys.executable, "-m", "virtualenv", "-q", str(base / "image-python")], check=True,
                   capture_output=True, env=clean_environment(app_data))
    return base / "image-python" / "bin"


# --- What the recipes are -----------------------------------------------------------------------------------------


def test_every_recipe_is_run_by_a_test():
    """The documentation's recipes are the ones this file runs, and every block that installs provenance is one."""
    assert set(RECIPES) == {README_RECIPE, "github", "github-changed-only", "github-sarif", "github-pip", "gitlab",
                            "pre-commit-config", "pre-commit", "pre-commit-try", "shell"}
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        for block in re.finditer(r"(?P<before>[^\n]*)\n```\w*\n(?P<text>.*?)\n```", text, re.DOTALL):
            if "OWNER/provenance" in block["text"]:
                assert block["before"].startswith("<!-- recipe: "), f"{document.name}: a recipe without a marker"


def test_workflows_name_tags_that_exist_and_ask_only_what_they_need(published: Path):
    """Workflow recipes use known tags of other actions, and only the SARIF one asks for security-events."""
    for name in (README_RECIPE, "github", "github-changed-only", "github-sarif", "github-pip"):
        recipe = workflow(name, published)
        for job in recipe["jobs"].values():
            for step in job["steps"]:
                uses = str(step.get("uses", ""))
                assert not uses or uses.startswith(published.as_uri()) or uses in ACTION_TAGS, f"{name}: {uses}"
        permissions = recipe.get("permissions", {})
        assert (permissions.get("security-events") == "write") == (name == "github-sarif"), name


# --- GitHub ------------------------------------------------------------------------------------------------------


def test_readme_recipe_is_the_first_run(first_run: FirstRun):
    """The README's workflow is the one the Action's first-run test runs (tests/test_action.py)."""
    assert [step.status for step in first_run.steps] == ["success", "failure"]
    assert "::error file=content/housing.md" in first_run.steps[1].output


def test_github_recipe_reports_only_what_the_baseline_does_not_accept(first_run: FirstRun, published: Path,
                                                                      tmp_path: Path):
    """The GitHub recipe, with its baseline, annotates the pull request's new finding and not the accepted one."""
    site = tmp_path / "site"
    new_site(site, {"content/old.md": BAD})
    subprocess.run([sys.executable, "-m", "provenance", "check", "--no-config", "--write-baseline",
                    "provenance-baseline.json", "content"], cwd=site, check=True, capture_output=True,
                   env=clean_environment())
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "baseline")
    base = git(site, "rev-parse", "HEAD").strip()
    (site / "content" / "housing.md").write_text(BAD, encoding="utf-8")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "new article")
    stand_ins = StandIns()
    steps = run_workflow_job(workflow("github", published), "check", workspace=site,
                             temp=runner_temp(tmp_path / "temp", first_run.venv), published=published,
                             event_name="pull_request", event={"pull_request": {"base": {"sha": base}}},
                             env=first_run.env, stand_ins=stand_ins)
    log = job_of(steps)
    assert "::error file=content/housing.md,line=4," in log and "old.md" not in log, log
    assert steps[-1].status == "failure" and steps[-1].run is not None
    assert steps[-1].run.outputs["exit-code"] == "1"


def test_github_changed_only_recipe_checks_the_changed_articles(first_run: FirstRun, published: Path, tmp_path: Path):
    """The changed-only recipe fetches two commits and checks only the article the pull request adds."""
    site = make_site(tmp_path / "site", {"content/old.md": BAD})
    base = git(site, "rev-parse", "HEAD").strip()
    (site / "content" / "new.md").write_text(BAD, encoding="utf-8")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "the pull request")
    stand_ins = StandIns()
    steps = run_workflow_job(workflow("github-changed-only", published), "check", workspace=site,
                             temp=runner_temp(tmp_path / "temp", first_run.venv), published=published,
                             event_name="pull_request", event={"pull_request": {"base": {"sha": base}}},
                             env=first_run.env, stand_ins=stand_ins)
    assert stand_ins.given("actions/checkout") == [{"fetch-depth": "2"}]
    log = job_of(steps)
    assert "provenance: 1 article(s) changed" in log and "::error file=content/new.md" in log, log
    assert "old.md" not in log


def test_github_sarif_recipe_uploads_to_code_scanning(first_run: FirstRun, published: Path, tmp_path: Path):
    """The SARIF recipe writes the report and hands it to upload-sarif, and still writes the job summary."""
    site, event = new_site(tmp_path / "site")
    stand_ins = StandIns()
    steps = run_workflow_job(workflow("github-sarif", published), "check", workspace=site,
                             temp=runner_temp(tmp_path / "temp", first_run.venv), published=published,
                             event_name="pull_request", event=event, env=first_run.env, stand_ins=stand_ins)
    (upload,) = stand_ins.given("github/codeql-action/upload-sarif")
    results = json.loads((site / upload["sarif_file"]).read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [result["ruleId"] for result in results] == ["PV101"]
    run = steps[-1].run
    assert run is not None and "#### content/housing.md" in run.summary


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_github_pip_recipe_runs_as_written(offline_pip: dict[str, str], published: Path, tmp_path: Path):
    """The workflow without the action installs provenance from the repository and annotates the bad article."""
    site, event = new_site(tmp_path / "site")
    summary = tmp_path / "step-summary.md"
    env = environment(tmp_path, offline_pip, fresh_python(tmp_path), GITHUB_ACTIONS="true",
                      GITHUB_STEP_SUMMARY=str(summary))
    stand_ins = StandIns()
    steps = run_workflow_job(workflow("github-pip", published), "check", workspace=site, temp=tmp_path / "temp",
                             published=published, event_name="pull_request", event=event, env=env,
                             stand_ins=stand_ins)
    assert [step.status for step in steps] == ["success", "success", "success", "failure"], job_of(steps)
    assert stand_ins.given("actions/setup-python") == [{"python-version": "3.12"}]
    assert "::error file=content/housing.md,line=4," in steps[-1].output
    assert "#### content/housing.md" in summary.read_text(encoding="utf-8")


# --- GitLab, pre-commit, a shell ------------------------------------------------------------------------------------


def test_gitlab_recipe_runs_as_written(offline_pip: dict[str, str], published: Path, tmp_path: Path):
    """GitLab's script installs provenance, writes both reports and fails the job on the bad article."""
    (job,) = yaml.safe_load(localized(RECIPES["gitlab"].text, published)).values()
    assert job["image"] in PYTHON_IMAGES_WITH_GIT, f"{job['image']} has no git for pip install git+…"
    site, _ = new_site(tmp_path / "site")
    env = environment(tmp_path, offline_pip, fresh_python(tmp_path), CI="true", GITLAB_CI="true")
    result = subprocess.run([BASH or "bash", "-e", "-c", "\n".join(job["script"])], cwd=site, env=env,
                            capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    reports = job["artifacts"]["reports"]
    (issue,) = json.loads((site / reports["codequality"]).read_text(encoding="utf-8"))
    assert issue["location"]["path"] == "content/housing.md" and issue["check_name"].startswith("PV101")
    failures = ET.parse(site / reports["junit"]).getroot().iter("failure")
    assert len(list(failures)) == 1


def test_pre_commit_recipes_run_as_written(offline_pip: dict[str, str], published: Path, tmp_path: Path):
    """pre-commit pins the hook to main's commit, installs it from the repository and fails on the bad article."""
    site, _ = new_site(tmp_path / "site")
    (site / ".pre-commit-config.yaml").write_text(localized(RECIPES["pre-commit-config"].text, published),
                                                  encoding="utf-8")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "pre-commit")
    env = environment(tmp_path, offline_pip, Path(sys.executable).parent, PRE_COMMIT_HOME=str(tmp_path / "cache"),
                      NO_COLOR="1", **GIT_USER)

    def run(commands: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([BASH or "bash", "-e", "-c", localized(commands, published)], cwd=site, env=env,
                              capture_output=True, text=True, timeout=900, check=False)

    pinned = run(RECIPES["pre-commit"].text)
    config = yaml.safe_load((site / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"][0]["rev"] == git(published, "rev-parse", "main").strip(), pinned.stdout + pinned.stderr
    for result in (pinned, run(RECIPES["pre-commit-try"].text)):
        assert result.returncode == 1, result.stdout + result.stderr
        assert "content/housing.md:4:" in result.stdout and "PV101 post-after-article" in result.stdout
        assert "budget.md" not in result.stdout and "Traceback" not in result.stdout + result.stderr


def test_shell_recipe_runs_as_written(offline_pip: dict[str, str], published: Path, tmp_path: Path):
    """The shell step makes a venv, installs provenance from the repository and exits 1 on the bad article."""
    site, _ = new_site(tmp_path / "site", {"content/housing.md": BAD, "content/budget.md": GOOD})
    env = environment(tmp_path, offline_pip, python_bin(tmp_path))
    result = subprocess.run([BASH or "bash", "-e", "-c", localized(RECIPES["shell"].text, published)], cwd=site,
                            env=env, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    line = r"content/housing\.md:4:\d+: PV101 [^\n]*the post by @oshtru [^\n]*\n"
    assert re.fullmatch(line, result.stdout), result.stdout
