"""pytest's hooks and fixtures: the golden-file switch, a clean environment, the online fakes and
the Action's runs. What tests import (paths, ``run_cli``) is in helpers.py, a module of its own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import CLEARED_ENVIRONMENT, ROOT


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
