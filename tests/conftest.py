"""Shared test fixtures: paths, the golden-file switch, and a clean environment."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
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


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process: its exit code, standard output and standard error."""
    from provenance.cli import main  # noqa: PLC0415 - conftest loads before the package is needed

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def shared_corpus() -> tuple[Path, list[dict[str, Any]]]:
    """The shared corpus folder and its labels; skips the test when ../shared is absent."""
    labels = SHARED / "corpus" / "labels.json"
    if not labels.is_file():
        pytest.skip("../shared/corpus is not present")
    return labels.parent, json.loads(labels.read_text(encoding="utf-8"))


@pytest.fixture
def online_isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """For the online tests: no ``PROVENANCE_*`` variable from the shell, a cache under
    ``tmp_path``, and every verifier closed at the end."""
    from online_support import isolate  # noqa: PLC0415 - only the online tests need it

    from provenance import online  # noqa: PLC0415

    isolate(monkeypatch, tmp_path)
    yield
    online.close()


@pytest.fixture
def web() -> Iterator[Any]:
    """A fake of the platforms and the archive on 127.0.0.1 (tests/online_support.py)."""
    from online_support import FakeWeb  # noqa: PLC0415

    with FakeWeb() as server:
        yield server


@pytest.fixture(scope="session")
def offline_pip(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """What lets pip install provenance with no package index (tests/action_support.py)."""
    from action_support import BASH, GIT, offline_pip  # noqa: PLC0415 - only the CI tests need it

    if GIT is None or BASH is None:
        pytest.skip("git and bash are needed")
    env = offline_pip(tmp_path_factory.mktemp("pip"))
    if env is None:
        pytest.skip("virtualenv's bundled setuptools wheel is not available")
    return env


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A local repository that stands for the published one: this work tree on branch main."""
    from action_support import BASH, GIT, publish  # noqa: PLC0415

    if GIT is None or BASH is None or not (ROOT / ".git").exists():
        pytest.skip("git, bash and a git checkout of provenance are needed")
    return publish(ROOT, tmp_path_factory.mktemp("published") / "provenance")


@pytest.fixture(scope="session")
def first_run(tmp_path_factory: pytest.TempPathFactory, published: Path, offline_pip: dict[str, str]) -> Any:
    """The README's workflow on a new repository, run once per session: it installs provenance for real,
    and later runs of the Action reuse that installation."""
    from action_support import first_run  # noqa: PLC0415

    return first_run(tmp_path_factory.mktemp("first-run"), published, offline_pip)
