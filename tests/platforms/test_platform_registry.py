"""The platform registry: every platform registered once, documented, and owning distinct hosts."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta

import pytest

from provenance.platforms import ALIASES, PLATFORMS, get, parse_url, platform_for_host
from provenance.platforms.base import Platform

NAMES = {
    "x", "instagram", "facebook", "youtube", "tiktok", "bluesky",
    "mastodon", "threads", "reddit", "telegram", "linkedin", "discord",
}  # fmt: skip
#: Docstrings are the platforms' manuals: long enough to say links, canonical form, ID and dates.
MIN_MANUAL_LENGTH = 400


def test_every_platform_is_registered_under_its_name() -> None:
    """The registry holds exactly the twelve platforms, each under its own name."""
    assert set(PLATFORMS) == NAMES
    assert all(name == platform.name for name, platform in PLATFORMS.items())


@pytest.mark.parametrize("platform", PLATFORMS.values(), ids=list(PLATFORMS))
def test_every_platform_module_is_documented(platform: Platform) -> None:
    """Each platform module has a manual-length docstring that names its canonical permalink."""
    module = sys.modules[platform.parse_url.__module__]
    assert module.__doc__ is not None and len(module.__doc__) >= MIN_MANUAL_LENGTH
    assert "canonical" in module.__doc__.lower()
    assert module.PLATFORM is platform
    for function in (platform.parse_url, platform.parse_id, platform.decode_time):
        assert function.__doc__, f"{platform.name}.{function.__name__} has no docstring"


def test_hosts_and_schemes_do_not_collide() -> None:
    """No host or URI scheme belongs to two platforms, and no host is a subdomain of another's."""
    owners: dict[str, str] = {}
    for platform in PLATFORMS.values():
        for host in (*platform.hosts, *(f"{scheme}:" for scheme in platform.schemes)):
            assert host not in owners, f"{host} is claimed by {owners.get(host)} and {platform.name}"
            owners[host] = platform.name
    for host, owner in owners.items():
        parent = host.partition(".")[2]
        while parent:
            assert owners.get(parent, owner) == owner, f"{host} ({owner}) sits under {parent}"
            parent = parent.partition(".")[2]


@pytest.mark.parametrize(
    ("host", "name"),
    [
        ("www.twitter.com", "x"),
        ("mobile.x.com", "x"),
        ("cdn.discordapp.com", "discord"),
        ("music.youtube.com", "youtube"),
        ("old.reddit.com", "reddit"),
        ("INSTAGRAM.COM.", "instagram"),
        ("example.com", None),
        ("notx.com", None),
    ],
)
def test_hosts_map_to_their_platform(host: str, name: str | None) -> None:
    """A host and its subdomains map to the owning platform, case and trailing dot aside."""
    platform = platform_for_host(host)
    assert (platform.name if platform else None) == name


@pytest.mark.parametrize("platform", PLATFORMS.values(), ids=list(PLATFORMS))
def test_launch_days_and_slacks_are_plausible(platform: Platform) -> None:
    """Every launch day is in the past and after 2003; every shown-date slack is within a day."""
    assert date(2003, 1, 1) <= platform.launched < datetime.now(UTC).date()
    assert timedelta(0) <= platform.shown_date_slack <= timedelta(days=1)


def test_shown_date_slacks_follow_the_reference() -> None:
    """X shows the UTC date, Instagram Pacific time, Bluesky the copier's zone, Facebook an unknown zone."""
    assert PLATFORMS["x"].shown_date_slack == timedelta(0)
    assert timedelta(hours=7) < PLATFORMS["instagram"].shown_date_slack <= timedelta(days=1)
    assert PLATFORMS["bluesky"].shown_date_slack == timedelta(hours=14)
    assert PLATFORMS["facebook"].shown_date_slack == timedelta(days=1)


def test_only_mastodon_runs_on_any_host() -> None:
    """Mastodon is the one platform read on hosts it does not list."""
    assert [p.name for p in PLATFORMS.values() if p.any_host] == ["mastodon"]


def test_names_and_aliases_resolve() -> None:
    """Platform names and aliases resolve case-insensitively; an unknown name lists the choices."""
    assert get("X").name == "x"
    assert all(get(alias).name == target for alias, target in ALIASES.items())
    with pytest.raises(ValueError, match="choose from"):
        get("myspace")


@pytest.mark.parametrize(
    "junk",
    [
        "", " ", "https://", "http://[::1", "mailto:someone@example.com", "javascript:alert(1)",
        "at://", "at://did:plc:abc", "instagram://", "instagram://media?id=", "ftp://x.com/a/status/1",
        "https://x.com/%00/status/1", "https://t.me/" + "a" * 5000 + "/1", "//", "not a url at all",
    ],
)  # fmt: skip
def test_junk_never_raises(junk: str) -> None:
    """Malformed or foreign input gives None or a post, never an exception."""
    ref = parse_url(junk)
    assert ref is None or ref.platform in NAMES
