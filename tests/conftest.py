"""Shared test fixtures: paths, the golden-file switch, and a clean environment."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"

#: Variables that change provenance's behaviour or reach the network; tests run without them.
CLEARED_ENVIRONMENT = (
    "GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
    "http_proxy", "https_proxy", "all_proxy", "XDG_CACHE_HOME",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", default=False,
        help="rewrite the golden files in fixtures/ from the current output (on purpose only)",
    )


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CLEARED_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    for name in [name for name in os.environ if name.startswith("PROVENANCE_")]:
        monkeypatch.delenv(name)  # endpoint and cache overrides of the online verification


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def shared_corpus() -> tuple[Path, list[dict[str, Any]]]:
    """The shared corpus folder and its labels; skips the test when ../shared is absent."""
    labels = SHARED / "corpus" / "labels.json"
    if not labels.is_file():
        pytest.skip("../shared/corpus is not present")
    return labels.parent, json.loads(labels.read_text(encoding="utf-8"))
