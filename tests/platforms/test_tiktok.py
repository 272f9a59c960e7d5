"""TikTok: video links and decoding the whole seconds in a video ID."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from provenance.platforms import decode_time, parse_id, parse_url

ID = "7107337212743830830"


def video_id(moment: datetime, low: int) -> int:
    """The video ID made at whole second ``moment``, with ``low`` in the lower 32 bits."""
    return (int(moment.timestamp()) << 32) | low


@pytest.mark.parametrize(
    ("url", "handle", "canonical"),
    [
        (f"https://www.tiktok.com/@tatemcrae/video/{ID}", "tatemcrae", None),
        (
            f"https://www.tiktok.com/@tatemcrae/video/{ID}?is_from_webapp=1&sender_device=pc",
            "tatemcrae",
            None,
        ),
        (f"https://m.tiktok.com/@tate.mcrae_/video/{ID}?lang=en", "tate.mcrae_", None),
        (
            f"https://www.tiktok.com/@tatemcrae/photo/{ID}",
            "tatemcrae",
            f"https://www.tiktok.com/@tatemcrae/photo/{ID}",
        ),
        (f"https://www.tiktok.com/embed/v2/{ID}", None, None),
        (f"https://www.tiktok.com/embed/{ID}", None, None),
        (f"https://www.tiktok.com/player/v1/{ID}?autoplay=1", None, None),
        (f"https://m.tiktok.com/v/{ID}.html", None, None),
        (f"https://www.douyin.com/video/{ID}", None, f"https://www.douyin.com/video/{ID}"),
    ],
)
def test_video_links_give_the_video(url: str, handle: str | None, canonical: str | None) -> None:
    """Every video form gives the ID, the handle and one canonical permalink."""
    ref = parse_url(url)
    assert ref is not None
    assert (ref.platform, ref.post_id, ref.handle) == ("tiktok", ID, handle)
    assert ref.url == (canonical or f"https://www.tiktok.com/@{handle or '_'}/video/{ID}")


@pytest.mark.parametrize("url", ["https://vm.tiktok.com/ZMabc123/", "https://www.tiktok.com/t/ZTRabc/"])
def test_short_links_name_a_video_without_an_id(url: str) -> None:
    """Short links are TikTok posts whose ID needs resolving, and carry no time."""
    ref = parse_url(url)
    assert ref is not None and ref.platform == "tiktok" and ref.post_id is None
    assert decode_time(ref).moment is None


@pytest.mark.parametrize(
    "url",
    [
        "https://www.tiktok.com/@tatemcrae",
        "https://www.tiktok.com/@tatemcrae?refer=embed",
        "https://www.tiktok.com/tag/dance",
        "https://www.tiktok.com/@tatemcrae/video/12ab",
        f"https://www.tiktok.com/@tatemcrae/video/{2**64}",
    ],
)
def test_links_that_are_not_one_video_give_none(url: str) -> None:
    """Profiles, tags, non-numeric and over-64-bit IDs are not videos."""
    assert parse_url(url) is None


@pytest.mark.parametrize(
    ("moment", "low"),
    [
        (datetime(2018, 8, 2, 0, 0, 1, tzinfo=UTC), 0),
        (datetime(2021, 10, 12, 16, 28, 17, tzinfo=UTC), 2**32 - 1),
        (datetime(2025, 12, 31, 23, 59, 59, tzinfo=UTC), 999 << 22),
    ],
)
def test_derived_video_ids_decode_to_the_second(moment: datetime, low: int) -> None:
    """An ID built from a chosen second decodes back to that second, whatever its low bits."""
    ref = parse_id(str(video_id(moment, low)), "tiktok")
    assert ref is not None
    decoded = decode_time(ref)
    assert (decoded.moment, decoded.precision, decoded.problem) == (moment, "s", None)


@pytest.mark.parametrize(
    ("moment", "problem"),
    [(datetime(1975, 6, 1, tzinfo=UTC), "before TikTok"), (datetime(2090, 1, 1, tzinfo=UTC), "future")],
)
def test_implausible_video_ids_have_a_problem(moment: datetime, problem: str) -> None:
    """IDs that decode to before the launch or to the future are problems, not dates."""
    ref = parse_id(str(video_id(moment, 5)), "tiktok")
    assert ref is not None
    decoded = decode_time(ref)
    assert decoded.moment is None and decoded.problem is not None and problem in decoded.problem


@pytest.mark.parametrize("raw", ["", "abc", "-1", str(2**64)])
def test_malformed_ids_give_none(raw: str) -> None:
    """Empty, non-numeric, negative and over-64-bit IDs are not video IDs."""
    assert parse_id(raw, "tiktok") is None
