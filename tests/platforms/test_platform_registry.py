"""The platform registry: every platform registered once, documented, and owning distinct hosts."""

from __future__ import annotations

import importlib
import pkgutil
import random
import sys
from datetime import UTC, date, datetime, timedelta

import pytest

import provenance.platforms as platforms_package
from provenance.platforms import ALIASES, PLATFORMS, get, may_name_post, parse_url, platform_for_host
from provenance.platforms.base import Platform

#: The platform modules: every module of ``provenance/platforms/`` that declares a ``PLATFORM``.
NAMES = {
    info.name for info in pkgutil.iter_modules(platforms_package.__path__)
    if hasattr(importlib.import_module(f"provenance.platforms.{info.name}"), "PLATFORM")
}
#: Docstrings are the platforms' manuals: long enough to say links, canonical form, ID and dates.
MIN_MANUAL_LENGTH = 400


def test_every_platform_is_registered_under_its_name() -> None:
    """The registry holds exactly the platform modules' records, each under its own name."""
    assert {"x", "instagram", "facebook", "youtube", "vimeo"} <= NAMES
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


#: A post link of each way the registry routes one: a platform's host, a URI scheme, any host.
POSTS = [
    "https://x.com/oshtru/status/1577855540407197696",
    "instagram.com/p/CdVWUhjruQF/",
    "instagram://media?id=2299438066546252803_25025320",
    "at://did:plc:vjug55kidv6sye7ykr5faxxn/app.bsky.feed.post/3lbq7mxsiek2v",
    "https://m.facebook.com/story.php?story_fbid=928812574500004&id=100044264920001",
    "https://social.example/@someone/114638610368305964",
    "https://social.example/users/someone/statuses/114638610368305964/activity",
    "https://social.example/web/statuses/114638610368305964",
    "truthsocial.com/@Office/posts/108618228543962049",
]
#: Ways the same link is written: other schemes and cases, no scheme, a user name, padding.
PREFIXES = ("", "https://", "HTTP://", "//", "https://user@", "ftp://", " ", "mailto:")
#: What random links are made of, in order: a scheme, a user name, a host, a port, path pieces.
LINK_PARTS = (
    ("", "https://", "http://", "//", "HTTPS://", "at://", "AT://", "instagram://", "Instagram:", "ftp://", " "),
    ("", "", "", "user@", "@"),
    ("x.com", "www.instagram.com", "INSTAGRAM.COM.", "social.example", "m.facebook.com", "example.com",
     "did:plc:abc", "media", ""),
    ("", "", ":443", ":"),
)  # fmt: skip
PATH_PIECES = (
    "/@alice", "/@bob@remote.example", "/users/alice", "/statuses", "/web", "/posts", "/status", "/p/CdVWUhjruQF",
    "/1577855540407197696", "/embed", "/activity", "?id=2299438066546252803", "/app.bsky.feed.post/3lbq7mxsiek2v",
    "/story.php?story_fbid=9&id=1", "/", "#x",
)  # fmt: skip


def test_may_name_post_admits_every_way_of_writing_a_post_link() -> None:
    """Whatever the pre-filter turns away, ``parse_url`` reads no post in; every post here passes it."""
    for post in POSTS:
        assert parse_url(post) is not None and may_name_post(post), post
        if post.startswith(("at:", "instagram:")):
            continue
        host_and_path = post.partition("://")[2] or post
        for prefix in PREFIXES:
            url = prefix + host_and_path
            assert parse_url(url) is None or may_name_post(url), url


def test_may_name_post_never_turns_away_a_post_on_random_links() -> None:
    """On random links built from post-link pieces, every one ``parse_url`` reads passes the pre-filter."""
    rng = random.Random(20250107)
    read: set[str] = set()
    for _ in range(20000):
        url = "".join(rng.choice(part) for part in LINK_PARTS)
        url += "".join(rng.choice(PATH_PIECES) for _ in range(rng.randint(0, 3)))
        if (ref := parse_url(url)) is not None:
            read.add(ref.platform)
            assert may_name_post(url), url
    assert read == {"x", "instagram", "bluesky", "facebook", "mastodon"}


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/news/2024/ferry.html", "/about", "#top", "mailto:desk@example.com",
        "javascript:void(0)", "ftp://x.com/a/status/1", "https://cdn.example.net/img.png?w=200", "",
    ],
)  # fmt: skip
def test_may_name_post_turns_away_links_on_no_platform(url: str) -> None:
    """A page's ordinary links, on hosts and schemes nobody owns and without a post shape, are not parsed."""
    assert not may_name_post(url)


@pytest.mark.parametrize("platform", [p for p in PLATFORMS.values() if p.any_host], ids=lambda p: p.name)
def test_platforms_on_any_host_mark_their_post_paths(platform: Platform) -> None:
    """A platform read on any host says what its post paths hold, or its posts there would be turned away."""
    assert platform.path_marks
