"""Instagram: post links, shortcodes and sharded media-ID decoding."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from provenance.platforms import decode_time, instagram, parse_id, parse_url

EPOCH = datetime(2011, 8, 24, 21, 7, 1, 721000, tzinfo=UTC)
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
CODE = "BSutkGDBe70"


def media_id(moment: datetime, shard: int = 0, sequence: int = 0) -> int:
    """The media ID made at ``moment``, by the inverse of the documented layout."""
    ms = (moment - EPOCH) // timedelta(milliseconds=1)
    return (ms << 23) | (shard << 10) | sequence


def shortcode(number: int) -> str:
    """The base-64 spelling of ``number`` (most significant digit first)."""
    code = ""
    while number:
        code = ALPHABET[number % 64] + code
        number //= 64
    return code or "A"


@pytest.mark.parametrize(
    ("url", "handle"),
    [
        (f"https://www.instagram.com/p/{CODE}/", None),
        (f"https://instagram.com/p/{CODE}/?utm_source=ig_embed&utm_campaign=loading", None),
        (f"https://www.instagram.com/reel/{CODE}/?igsh=MTc4", None),
        (f"https://www.instagram.com/reels/{CODE}/", None),
        (f"https://www.instagram.com/tv/{CODE}", None),
        (f"http://instagr.am/p/{CODE}/", None),
        (f"https://www.instagram.com/p/{CODE}/embed/captioned/", None),
        (f"https://www.instagram.com/p/{CODE}/?img_index=2&hl=de", None),
        (f"https://www.instagram.com/natgeo/p/{CODE}/", "natgeo"),
        (f"https://www.instagram.com/natgeo/reel/{CODE}/", "natgeo"),
        (f"//www.instagram.com/p/{CODE}", None),
    ],
)
def test_post_links_give_one_canonical_permalink(url: str, handle: str | None) -> None:
    """Every post form gives the shortcode, its media ID and the ``/p/CODE/`` permalink."""
    ref = parse_url(url)
    assert ref is not None
    assert (ref.platform, ref.post_id, ref.handle) == ("instagram", CODE, handle)
    assert ref.url == f"https://www.instagram.com/p/{CODE}/"


def test_shortcode_time_key_is_the_media_id() -> None:
    """A shortcode's time key is the number its base-64 digits spell."""
    ref = parse_url(f"https://www.instagram.com/p/{CODE}/")
    number = 0
    for char in CODE:
        number = number * 64 + ALPHABET.index(char)
    assert ref is not None and ref.time_key == str(number)


def test_app_and_story_links_give_the_media() -> None:
    """An app link's numeric media ID becomes its shortcode; a story keeps its numeric ID."""
    number = media_id(datetime(2020, 5, 1, 12, tzinfo=UTC), 7, 3)
    app = parse_url(f"instagram://media?id={number}_25025320")
    assert app is not None and app.post_id == shortcode(number) and app.time_key == str(number)
    story = parse_url(f"https://www.instagram.com/stories/natgeo/{number}/")
    assert story is not None and story.handle == "natgeo" and story.post_id == str(number)
    assert story.url == f"https://www.instagram.com/stories/natgeo/{number}/"
    assert decode_time(story).moment == datetime(2020, 5, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.instagram.com/natgeo/",
        "https://www.instagram.com/p/",
        "https://www.instagram.com/explore/tags/cats/",
        "https://www.instagram.com/p/Bad!Code/",
        "https://www.instagram.com/p/___________/",
        "https://www.instagram.com/stories/highlights/17900000000000000/",
        "https://www.instagram.com/reels/audio/1234567/",
        "https://www.instagram.com/tv/short/",
    ],
)
def test_links_that_are_not_one_post_give_none(url: str) -> None:
    """Profiles, tag pages, malformed and over-64-bit shortcodes are not posts."""
    assert parse_url(url) is None


@pytest.mark.parametrize(
    ("moment", "shard", "sequence"),
    [
        (datetime(2012, 1, 1, 0, 0, 0, 1000, tzinfo=UTC), 8191, 1023),
        (datetime(2016, 7, 22, 3, 32, 7, 250000, tzinfo=UTC), 1, 0),
        (datetime(2025, 3, 9, 23, 59, 59, 999000, tzinfo=UTC), 4096, 512),
    ],
)
def test_derived_media_ids_decode_exactly(moment: datetime, shard: int, sequence: int) -> None:
    """A shortcode built from a chosen time decodes back to that millisecond."""
    number = media_id(moment, shard, sequence)
    for ref in (parse_id(shortcode(number), "instagram"), parse_id(str(number), "instagram")):
        assert ref is not None and ref.post_id == shortcode(number)
        decoded = decode_time(ref)
        assert (decoded.moment, decoded.precision, decoded.problem) == (moment, "ms", None)


def test_legacy_sequential_ids_carry_no_time() -> None:
    """A pre-2011 short shortcode is undated instead of decoding to the scheme's epoch."""
    ref = parse_id("rF3", "instagram")
    assert ref is not None
    decoded = decode_time(ref)
    assert decoded.moment is None and decoded.problem is None and decoded.note


def test_private_shortcodes_are_read_but_not_dated() -> None:
    """A private post's long shortcode is a post, and no time is claimed for it."""
    code = CODE + "x" * 28
    ref = parse_url(f"https://www.instagram.com/p/{code}/")
    assert ref is not None and ref.post_id == code
    assert decode_time(ref).moment is None


def test_future_media_ids_have_a_problem() -> None:
    """A media ID that decodes to the future is a problem, not a date."""
    ref = parse_id(str(media_id(datetime(2046, 1, 1, tzinfo=UTC))), "instagram")
    assert ref is not None
    decoded = decode_time(ref)
    assert decoded.moment is None and decoded.problem is not None and "future" in decoded.problem


@pytest.mark.parametrize("raw", ["", "a b", "#hashtag", "123456789012345678901"])
def test_malformed_ids_give_none(raw: str) -> None:
    """Empty, spaced, out-of-alphabet and over-long numeric IDs are not Instagram IDs."""
    assert parse_id(raw, "instagram") is None


@pytest.mark.parametrize("number", [0, 1, 63, 64, 2**63 - 1, 1490328919193546484])
def test_shortcodes_and_media_ids_convert_both_ways(number: int) -> None:
    """Converting a media ID to a shortcode and back gives the same number."""
    assert instagram.id_to_shortcode(number) == shortcode(number)
    assert instagram.shortcode_to_id(instagram.id_to_shortcode(number)) == number
