"""The package's caches: every functools cache is registered, and clear_all empties them without changing a result."""

from __future__ import annotations

import functools
import importlib
import pkgutil
from types import ModuleType

from helpers import SEEDS

import provenance
from provenance import caches, check_path


def _modules() -> list[ModuleType]:
    """Every module of the package, imported (the Spark engine's only when pyspark is there)."""
    found = []
    for info in pkgutil.walk_packages(provenance.__path__, "provenance."):
        if info.name.endswith(".__main__"):
            continue  # running the command is all it does
        try:
            found.append(importlib.import_module(info.name))
        except ImportError as error:  # an optional engine's library is absent
            assert info.name.startswith("provenance.engines."), error
    return found


def _functools_caches() -> dict[str, object]:
    """Every functools cache defined in the package's modules, by qualified name."""
    found: dict[str, object] = {}
    for module in _modules():
        for name, value in vars(module).items():
            candidates = [(name, value)]
            if isinstance(value, type) and value.__module__ == module.__name__:
                candidates += [(f"{name}.{key}", member) for key, member in vars(value).items()]
            for qualified, candidate in candidates:
                cached = getattr(candidate, "__func__", candidate)
                if isinstance(cached, functools._lru_cache_wrapper) and cached.__module__ == module.__name__:
                    found[f"{module.__name__}.{qualified}"] = cached
    return found


def test_every_functools_cache_is_registered() -> None:
    """No module keeps a functools cache that clear_all does not reach."""
    found = _functools_caches()  # imports every module: each registers its caches as it loads
    registered = {id(cached) for cached in caches.registered()}
    assert len(found) >= 40
    assert sorted(name for name, cached in found.items() if id(cached) not in registered) == []


def test_clear_all_empties_every_cache_and_changes_no_result() -> None:
    """After clear_all every registered cache is empty, and checking again gives the same report."""
    seed = sorted(SEEDS.glob("*.txt"))[0]
    before = check_path(seed)
    assert any(cached.cache_info().currsize for cached in caches.registered())  # type: ignore[attr-defined]
    caches.clear_all()
    assert all(cached.cache_info().currsize == 0 for cached in caches.registered())  # type: ignore[attr-defined]
    assert check_path(seed) == before
