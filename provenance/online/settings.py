"""What an ``--online`` run asks, of whom: endpoints, limits and the cache, validated.

Values come from ``[tool.provenance.online]`` (or ``[online]`` in ``.provenance.toml``), then
``PROVENANCE_*`` environment variables over them, then the command line (``--no-cache``,
``--cache-dir``). Only ``--online`` turns verification on: a configuration file alone never
makes a run reach the network.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from provenance.model import ConfigError
from provenance.platforms import PLATFORMS

__all__ = [
    "CACHE_ENV",
    "DEFAULT_PER_HOST",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "ENDPOINTS",
    "OnlineSettings",
    "default_cache_dir",
    "env_name",
    "resolve",
    "validate",
]

#: Every endpoint's key and its public default: the platforms' oEmbed endpoints and short-link
#: hosts, as their records declare them (a Mastodon server's endpoint is a template: ``{server}``
#: is the host of the post's own server), then the Wayback Machine's.
ENDPOINTS: dict[str, str] = {
    **{p.oembed.key: p.oembed.default for p in PLATFORMS.values() if p.oembed is not None},
    **{key: base for p in PLATFORMS.values() if p.short_links is not None for key, base in p.short_links.defaults},
    "wayback-cdx": "https://web.archive.org/cdx/search/cdx",
    "wayback-available": "https://archive.org/wayback/available",
}
#: The endpoints whose base URL is a template with ``{server}`` in it.
_SERVER_TEMPLATES = tuple(key for key, base in ENDPOINTS.items() if "{server}" in base)
#: Seconds to connect and to wait for the next bytes: oEmbed endpoints answer in well under a
#: second and the Wayback CDX server in a few; a verification is a note when it fails, never a
#: lost article, so there is no point waiting as long as for a page (``fetch.DEFAULT_TIMEOUT``).
DEFAULT_TIMEOUT = 10.0
#: Retries of a 429 or 5xx answer, with backoff: two covers a blip without hammering a platform
#: that is rate-limiting us.
DEFAULT_RETRIES = 2
#: Requests at a time to one host, per process: the platforms rate-limit per client address.
DEFAULT_PER_HOST = 2
#: The environment variable that names the cache folder (under ``--cache-dir``, over the file).
CACHE_ENV = "PROVENANCE_CACHE_DIR"
_PREFIX = "PROVENANCE_"
#: Per number: its field, its type, and its least and greatest values (a socket cannot wait
#: 2**63 ns, and no host worth waiting for is silent for a day).
_NUMBERS = {
    "timeout": ("timeout", float, 0.001, 86_400),
    "retries": ("retries", int, 0, 100),
    "per-host": ("per_host", int, 1, 100),
}
_SWITCHES = {"cache": "cache", "archives": "archives"}


@dataclass(frozen=True)
class OnlineSettings:
    """How to verify online; hashable, so each process keeps one verifier per settings."""

    #: Whether to verify at all: only ``--online`` (or :func:`provenance.online.enable`) sets it.
    enabled: bool = False
    #: Endpoints set by the configuration or the environment, as (key, base URL), sorted.
    endpoints: tuple[tuple[str, str], ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    per_host: int = DEFAULT_PER_HOST
    #: Whether to ask the Wayback Machine for archived copies.
    archives: bool = True
    #: Whether to keep answers in the on-disk cache.
    cache: bool = True
    #: The cache folder; None: :func:`default_cache_dir`.
    cache_dir: str | None = None
    #: Hosts that may be private or loopback addresses, because an endpoint names them.
    trusted_hosts: frozenset[str] = field(default_factory=frozenset)

    def endpoint(self, key: str) -> str:
        """The base URL of endpoint ``key``: the configured one, else the public default."""
        return dict(self.endpoints).get(key, ENDPOINTS[key])

    def cache_path(self) -> Path:
        """The folder the cache lives in."""
        return Path(self.cache_dir).expanduser() if self.cache_dir else default_cache_dir()


def env_name(key: str) -> str:
    """The environment variable of configuration key ``key``: ``oembed-x`` → ``PROVENANCE_OEMBED_X``."""
    return _PREFIX + key.upper().replace("-", "_")


def default_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CACHE_HOME/provenance`` when that is an absolute path, else ``~/.cache/provenance``."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CACHE_HOME", "")
    if base and Path(base).is_absolute():
        return Path(base) / "provenance"
    return Path.home() / ".cache" / "provenance"


def _endpoint(value: object, key: str, name: str) -> str:
    """A base URL: absolute http(s), no credentials, no fragment; a template keeps ``{server}``."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key}: expected a URL such as {ENDPOINTS[name]}")
    text = value.strip()
    probe = text.replace("{server}", "server.example")
    if "{" in probe or "}" in probe:
        raise ConfigError(f"{key}: {text!r}: the only placeholder is {{server}}")
    if "{server}" in text and name not in _SERVER_TEMPLATES:
        raise ConfigError(f"{key}: {text!r}: only {' and '.join(_SERVER_TEMPLATES)} takes {{server}}")
    try:
        parts = urlsplit(probe)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise ConfigError(f"{key}: {text!r} is not a valid URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{key}: {text!r} is not an absolute http or https URL")
    if parts.username is not None or parts.password is not None:
        raise ConfigError(f"{key}: {text!r} carries credentials; provenance never sends any")
    if parts.fragment:
        raise ConfigError(f"{key}: {text!r} has a #fragment")
    return text


def _number(value: object, key: str, kind: type[int] | type[float], least: float, most: float) -> int | float:
    wrong = isinstance(value, bool) or not isinstance(value, (int, float) if kind is float else int)
    if wrong:
        raise ConfigError(f"{key}: expected {'a number' if kind is float else 'an integer'}, got {value!r}")
    assert isinstance(value, int | float)
    if value < least:
        raise ConfigError(f"{key}: {value!r} is below {least:g}")
    if value > most:
        raise ConfigError(f"{key}: {value!r} is above {most:g}")
    return kind(value)


def validate(table: Mapping[str, Any], key: str) -> OnlineSettings:
    """The settings in a ``[tool.provenance.online]`` table; ConfigError names a bad key."""
    values: dict[str, Any] = {}
    endpoints: dict[str, str] = {}
    for name, value in table.items():
        dotted = f"{key}.{name}"
        if name in ENDPOINTS:
            endpoints[name] = _endpoint(value, dotted, name)
        elif name in _NUMBERS:
            field_name, kind, least, most = _NUMBERS[name]
            values[field_name] = _number(value, dotted, kind, least, most)
        elif name in _SWITCHES:
            if not isinstance(value, bool):
                raise ConfigError(f"{dotted}: expected true or false, got {value!r}")
            values[_SWITCHES[name]] = value
        elif name == "cache-dir":
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{dotted}: expected a folder name")
            values["cache_dir"] = value
        else:
            known = ", ".join(sorted([*ENDPOINTS, *_NUMBERS, *_SWITCHES, "cache-dir"]))
            raise ConfigError(f"{dotted}: unknown key (known: {known})")
    return OnlineSettings(endpoints=tuple(sorted(endpoints.items())), **values)


def _host(url: str) -> str | None:
    host = urlsplit(url).hostname
    if host is None or "{server}" in url.split("/")[2]:
        return None  # a template's host is the post's server, named by no one
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host.lower().rstrip(".")


def resolve(
    settings: OnlineSettings | None,
    environ: Mapping[str, str] | None = None,
    *,
    cache: bool | None = None,
    cache_dir: str | None = None,
) -> OnlineSettings:
    """``settings`` turned on, with the environment's endpoints and cache folder over them, then the flags."""
    environ = os.environ if environ is None else environ
    settings = settings or OnlineSettings()
    endpoints = dict(settings.endpoints)
    for name in ENDPOINTS:
        variable = env_name(name)
        if environ.get(variable, "").strip():
            endpoints[name] = _endpoint(environ[variable], variable, name)
    folder = cache_dir or environ.get(CACHE_ENV, "").strip() or settings.cache_dir
    trusted = frozenset(host for url in endpoints.values() if (host := _host(url)) is not None)
    return replace(
        settings,
        enabled=True,
        endpoints=tuple(sorted(endpoints.items())),
        cache=settings.cache if cache is None else cache,
        cache_dir=folder,
        trusted_hosts=trusted,
    )
