"""The pre-commit hook: its manifest is valid, and 'pre-commit try-repo' runs it on a site repository.

The hook installs provenance with pip in its own environment, which needs the package registry.
To stay off the network, the try-repo test runs a copy of the real manifest whose hook uses
``language: system`` and this interpreter: the file selection, the arguments and the exit codes
are the real hook's; only the installation differs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ROOT

pre_commit = pytest.importorskip("pre_commit.clientlib")

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
LATE = "https://twitter.com/oshtru/status/1577855540407197696"  # 2022-10-06
EARLY = "https://twitter.com/jeremycorbyn/status/938406524728291328"  # 2017-12-06
GIT = shutil.which("git")


def git(cwd: Path, *args: str) -> None:
    subprocess.run([GIT or "git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
                    *args], cwd=cwd, check=True, capture_output=True)


def test_manifest_is_valid_for_pre_commit():
    """.pre-commit-hooks.yaml passes pre-commit's own manifest validation."""
    (hook,) = pre_commit.load_manifest(str(MANIFEST))
    assert hook["id"] == "provenance" and hook["entry"] == "provenance check"
    assert hook["language"] == "python" and hook["pass_filenames"]
    assert set(hook["types_or"]) >= {"html", "markdown", "plain-text"}


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_try_repo_fails_on_the_bad_article_only(tmp_path):
    """pre-commit runs the hook on the articles of a commit, fails on the bad one and skips other files."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (manifest,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    manifest.update(language="system", entry=f"{sys.executable} -m provenance check")
    (hooks / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump([manifest]), encoding="utf-8")
    git(hooks, "init", "-q")
    git(hooks, "add", ".")
    git(hooks, "commit", "-q", "-m", "hook")

    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "bad.md").write_text(f"---\ndate: 2019-06-19\n---\nSee [this]({LATE}).\n", encoding="utf-8")
    (site / "content" / "good.md").write_text(f"---\ndate: 2017-12-07\n---\nSee [this]({EARLY}).\n", encoding="utf-8")
    (site / "notes.py").write_text(f"# date 2019-06-19\n# {LATE}\n", encoding="utf-8")
    git(site, "init", "-q")
    git(site, "add", ".")

    env = {key: value for key, value in os.environ.items() if not key.startswith(("PRE_COMMIT", "GIT_"))}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "cache"), NO_COLOR="1")

    def try_repo(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "provenance",
                               "--color", "never", *args], cwd=site, env=env, capture_output=True, text=True,
                              timeout=300, check=False)

    result = try_repo("--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "content/bad.md:4:" in result.stdout and "PV101 post-after-article" in result.stdout
    assert "good.md:" not in result.stdout and "notes.py" not in result.stdout
    assert "Traceback" not in result.stdout + result.stderr

    result = try_repo("--files", "content/good.md")
    assert result.returncode == 0, result.stdout + result.stderr
