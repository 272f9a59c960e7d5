"""The GitHub Action: its inputs, and its check step run as GitHub would run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import FIXTURES, ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
BASH = shutil.which("bash")


def step(name: str) -> dict[str, object]:
    return next(s for s in ACTION["runs"]["steps"] if s.get("name") == name)


def test_action_inputs_and_steps():
    """The action takes paths, format, fail-on and version, and uploads SARIF with codeql-action."""
    assert ACTION["runs"]["using"] == "composite"
    assert {"paths", "format", "fail-on", "version"} <= set(ACTION["inputs"])
    assert ACTION["inputs"]["format"]["default"] == "sarif"
    assert step("Upload SARIF to code scanning")["uses"].startswith("github/codeql-action/upload-sarif@")
    for each in ACTION["runs"]["steps"]:
        # Inputs reach shell scripts through env only, so that no input can inject shell code.
        assert "${{" not in str(each.get("run", "")), each.get("name")


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
@pytest.mark.parametrize(("format_", "fail_on", "expected"), [("sarif", "", "1"), ("github", "never", "0")])
def test_check_step_runs_provenance_and_records_its_exit_code(tmp_path, format_, fail_on, expected):
    """The check step runs 'provenance check' with the inputs, writes the SARIF file and records the exit code."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "provenance"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m provenance "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    output = tmp_path / "github_output"
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR")},
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PATHS": f"{FIXTURES / 'cases' / 'html_problems.html'} {FIXTURES / 'cases' / 'html_standard.html'}",
        "FORMAT": format_, "FAIL_ON": fail_on, "ARGS": "--no-config", "SARIF_FILE": str(tmp_path / "out.sarif"),
        "GITHUB_OUTPUT": str(output),
    }
    result = subprocess.run([BASH, "-e", "-c", str(step("Check articles")["run"])], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8").strip() == f"exit-code={expected}"
    if format_ == "sarif":
        results = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
        assert f"provenance: {len(results)} finding(s)" in result.stdout
    else:
        assert result.stdout.startswith("::error file=")
