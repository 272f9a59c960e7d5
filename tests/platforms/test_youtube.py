"""YouTube: every video link shape gives one canonical watch URL; IDs carry no time."""

from __future__ import annotations

import pytest

from provenance.platforms import decode_time, parse_id, parse_url

ID = "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.youtube.com/watch?v={ID}",
        f"https://youtube.com/watch?app=desktop&v={ID}&t=42s&list=PL1",
        f"https://m.youtube.com/watch?v={ID}",
        f"https://music.youtube.com/watch?v={ID}&si=abc",
        f"https://youtu.be/{ID}?si=xyz&t=10",
        f"https://www.youtube.com/shorts/{ID}",
        f"https://www.youtube.com/live/{ID}?feature=share",
        f"https://www.youtube.com/embed/{ID}?feature=oembed",
        f"https://www.youtube-nocookie.com/embed/{ID}",
        f"https://www.youtube.com/v/{ID}",
        f"http://www.youtube.com/v/{ID}&hl=en&fs=1",
    ],
)
def test_video_links_give_one_canonical_watch_url(url: str) -> None:
    """Every video form gives the ID and the watch-page permalink."""
    ref = parse_url(url)
    assert ref is not None
    assert (ref.platform, ref.post_id, ref.handle) == ("youtube", ID, None)
    assert ref.url == f"https://www.youtube.com/watch?v={ID}"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/@RickAstleyYT",
        "https://www.youtube.com/playlist?list=PL1",
        "https://www.youtube.com/results?search_query=x",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch?v=dQw4w9WgXcR",
        "https://youtu.be/",
        "https://www.youtube.com/",
    ],
)
def test_links_that_are_not_one_video_give_none(url: str) -> None:
    """Channels, playlists, search, bad and over-64-bit IDs and home pages are not videos."""
    assert parse_url(url) is None


def test_ids_carry_no_time() -> None:
    """A video ID is read but decodes to no time, without a problem."""
    ref = parse_id(ID, "youtube")
    assert ref is not None
    decoded = decode_time(ref)
    assert decoded.moment is None and decoded.problem is None and decoded.note


@pytest.mark.parametrize("raw", ["", "dQw4w9WgXc", "dQw4w9WgXcQQ", "dQw4w9WgXc!", "dQw4w9WgXcB"])
def test_malformed_ids_give_none(raw: str) -> None:
    """Short, long, out-of-alphabet IDs and IDs over 64 bits are not video IDs."""
    assert parse_id(raw, "youtube") is None
