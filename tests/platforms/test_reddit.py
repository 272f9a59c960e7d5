"""Reddit: post, comment and short links; base-36 IDs carry no time."""

from __future__ import annotations

import pytest

from provenance.platforms import decode_time, parse_id, parse_url

POST, COMMENT = "1ri4d80", "lx2abcd"


@pytest.mark.parametrize(
    ("url", "handle"),
    [
        (f"https://www.reddit.com/r/ollama/comments/{POST}/soulpy_persistent_memory/", None),
        (f"https://old.reddit.com/r/ollama/comments/{POST}/", None),
        (f"https://np.reddit.com/r/ollama/comments/{POST}/x/?ref=share&ref_source=embed", None),
        (f"https://new.reddit.com/comments/{POST}", None),
        (f"https://www.reddit.com/user/spez/comments/{POST}/title/", "spez"),
        (f"https://www.reddit.com/u/spez/comments/{POST}/", "spez"),
        (f"https://redd.it/{POST}", None),
        (f"https://www.reddit.com/gallery/{POST}", None),
        (f"https://www.reddit.com/r/ollama/comments/{POST.upper()}/", None),
    ],
)
def test_post_links_give_the_post(url: str, handle: str | None) -> None:
    """Every post form gives the ID, a user-profile handle and one canonical permalink."""
    ref = parse_url(url)
    assert ref is not None
    assert (ref.platform, ref.post_id, ref.handle, ref.time_key) == ("reddit", POST, handle, None)
    assert ref.url == f"https://www.reddit.com/comments/{POST}/"


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.reddit.com/r/ollama/comments/{POST}/slug/{COMMENT}/",
        f"https://www.reddit.com/r/ollama/comments/{POST}/comment/{COMMENT}/?context=3",
        f"https://www.reddit.com/comments/{POST}/_/{COMMENT}",
    ],
)
def test_comment_links_give_the_comment_and_its_post(url: str) -> None:
    """A comment link gives the comment's ID, its post as time key, and the comment permalink."""
    ref = parse_url(url)
    assert ref is not None
    assert (ref.post_id, ref.time_key) == (COMMENT, POST)
    assert ref.url == f"https://www.reddit.com/comments/{POST}/comment/{COMMENT}/"


def test_share_links_name_a_post_without_an_id() -> None:
    """A subreddit share link is a Reddit post whose ID needs resolving."""
    ref = parse_url("https://www.reddit.com/r/ollama/s/AbCdEf123")
    assert ref is not None and ref.platform == "reddit" and ref.post_id is None


@pytest.mark.parametrize(
    "url",
    [
        "https://www.reddit.com/r/ollama/",
        "https://www.reddit.com/user/spez/",
        "https://i.redd.it/abcdef123.jpg",
        "https://www.reddit.com/r/ollama/comments/",
        "https://www.reddit.com/r/ollama/comments/bad-id!/",
        "https://www.reddit.com/",
    ],
)
def test_links_that_are_not_one_post_give_none(url: str) -> None:
    """Subreddits, profiles, images, missing and malformed IDs are not posts."""
    assert parse_url(url) is None


@pytest.mark.parametrize(
    ("raw", "post_id", "has_url"),
    [(POST, POST, True), (f"t3_{POST}", POST, True), (f"t1_{COMMENT}", COMMENT, False)],
)
def test_ids_and_fullnames_carry_no_time(raw: str, post_id: str, has_url: bool) -> None:
    """Base-36 IDs and fullnames are read; a comment's fullname has no permalink; none is dated."""
    ref = parse_id(raw, "reddit")
    assert ref is not None and ref.post_id == post_id and (ref.url is not None) == has_url
    decoded = decode_time(ref)
    assert decoded.moment is None and decoded.problem is None and decoded.note


@pytest.mark.parametrize("raw", ["", "t5_abc", "abc-def", "zzzzzzzzzzzzz"])
def test_malformed_ids_give_none(raw: str) -> None:
    """Empty, subreddit fullnames, out-of-alphabet and over-63-bit IDs are not post IDs."""
    assert parse_id(raw, "reddit") is None
