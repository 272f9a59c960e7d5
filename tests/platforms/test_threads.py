"""Threads: post links and shortcodes, reported as undated until the scheme is verified."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from provenance.platforms import decode_time, parse_id, parse_url

CODE = "CuX_UYABrr7"
INSTAGRAM_EPOCH = datetime(2011, 8, 24, 21, 7, 1, 721000, tzinfo=UTC)
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@pytest.mark.parametrize(
    ("url", "handle", "canonical"),
    [
        (f"https://www.threads.net/@zuck/post/{CODE}", "zuck", f"https://www.threads.com/@zuck/post/{CODE}"),
        (f"https://www.threads.com/@zuck/post/{CODE}/media?xmt=AQ", "zuck", None),
        (f"https://threads.net/@zuck/post/{CODE}?igshid=NTc4", "zuck", None),
        (f"https://www.threads.net/t/{CODE}/", None, f"https://www.threads.com/t/{CODE}"),
    ],
)
def test_post_links_give_the_post(url: str, handle: str | None, canonical: str | None) -> None:
    """Every post form gives the code, the handle and one canonical threads.com permalink."""
    ref = parse_url(url)
    assert ref is not None
    assert (ref.platform, ref.post_id, ref.handle) == ("threads", CODE, handle)
    assert ref.url == (canonical or f"https://www.threads.com/@{handle}/post/{CODE}")


@pytest.mark.parametrize(
    "url",
    ["https://www.threads.net/@zuck", "https://www.threads.com/", "https://www.threads.net/@zuck/post/short"],
)
def test_links_that_are_not_one_post_give_none(url: str) -> None:
    """Profiles, the home page and codes of the wrong length are not posts."""
    assert parse_url(url) is None


def test_share_links_name_a_post_without_an_id() -> None:
    """A share link is a Threads post whose code needs resolving."""
    ref = parse_url("https://www.threads.net/share/AbCdEf/")
    assert ref is not None and ref.platform == "threads" and ref.post_id is None
    assert decode_time(ref).moment is None


def test_codes_are_not_dated_but_the_probable_time_is_noted() -> None:
    """A code decodes to no time; the note gives the unverified Instagram-scheme reading."""
    number = 0
    for char in CODE:
        number = number * 64 + ALPHABET.index(char)
    probable = INSTAGRAM_EPOCH + timedelta(milliseconds=number >> 23)
    ref = parse_id(CODE, "threads")
    assert ref is not None
    decoded = decode_time(ref)
    assert decoded.moment is None and decoded.problem is None
    assert decoded.note is not None and "unverified" in decoded.note
    assert probable.strftime("%Y-%m-%dT%H:%M:%SZ") in decoded.note


@pytest.mark.parametrize("raw", ["17855847105309514", "CuX_UYABrr", "CuX_UYABrr7!", "___________"])
def test_malformed_codes_give_none(raw: str) -> None:
    """API numeric IDs, short, out-of-alphabet and over-64-bit codes are not Threads codes."""
    assert parse_id(raw, "threads") is None
