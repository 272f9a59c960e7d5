"""The package's caches: for speed only, each registered here, and emptied together by :func:`clear_all`.

A module that keeps a cache decorates it, so a test, a benchmark or a long-running program
that reloads its data has one public way to start afresh::

    @caches.register
    @functools.lru_cache(maxsize=16)
    def _pattern(tag: str) -> regex.Pattern[str]: ...

A cache that is no ``functools`` cache (a dict filled by hand) registers the function that
empties it with :func:`on_clear`. No cache carries a result from one stage to the next: stages
hand their results forward in return values, and emptying every cache never changes an output.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

__all__ = ["clear_all", "on_clear", "register", "registered"]


class Clearable(Protocol):
    """A cache: what ``functools.cache`` and ``functools.lru_cache`` return."""

    def cache_clear(self) -> None: ...


_Cache = TypeVar("_Cache", bound=Clearable)

_CACHES: list[Clearable] = []
_CLEARERS: list[Callable[[], None]] = []


def register(cached: _Cache) -> _Cache:
    """Register a ``functools`` cache with :func:`clear_all`; returns it, so it serves as a decorator."""
    _CACHES.append(cached)
    return cached


def on_clear(clear: Callable[[], None]) -> None:
    """Have :func:`clear_all` call ``clear``, which empties a cache that is no ``functools`` cache."""
    _CLEARERS.append(clear)


def registered() -> tuple[Clearable, ...]:
    """The ``functools`` caches registered so far (those of the modules imported)."""
    return tuple(_CACHES)


def clear_all() -> None:
    """Empty every registered cache."""
    for cached in _CACHES:
        cached.cache_clear()
    for clear in _CLEARERS:
        clear()
