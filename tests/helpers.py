"""What tests share: the project's paths, the CLI run in-process, the shared corpus.

A module rather than conftest.py, so tests import it by name (``from helpers import FIXTURES``);
conftest.py keeps only pytest's hooks and fixtures.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

__all__ = ["CLEARED_ENVIRONMENT", "FIXTURES", "ROOT", "SEEDS", "SHARED", "run_cli", "shared_corpus"]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"

#: Variables that change provenance's behaviour or reach the network; tests run without them.
CLEARED_ENVIRONMENT = (
    "GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
    "http_proxy", "https_proxy", "all_proxy", "XDG_CACHE_HOME",
)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process: its exit code, standard output and standard error."""
    from provenance.cli import main  # noqa: PLC0415 - the package is imported when a test needs it

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def shared_corpus() -> tuple[Path, list[dict[str, Any]]]:
    """The shared corpus folder and its labels; skips the test when ../shared is absent."""
    labels = SHARED / "corpus" / "labels.json"
    if not labels.is_file():
        pytest.skip("../shared/corpus is not present")
    return labels.parent, json.loads(labels.read_text(encoding="utf-8"))
