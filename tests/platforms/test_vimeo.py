"""Vimeo: video, unlisted, player and collection links give one canonical permalink; IDs carry no time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from online_support import FakeWeb, live, status

from provenance import Options, check_text, online
from provenance.citestyles import POST_KINDS
from provenance.extract.mention_patterns import match_sentence
from provenance.online import OnlineSettings
from provenance.online.oembed import ENDPOINTS
from provenance.online.settings import ENDPOINTS as DEFAULT_ENDPOINTS
from provenance.platforms import decode_time, get, parse_id, parse_url, platform_for_host

ID = "76979871"
HASH = "8272103f6e"


@pytest.mark.parametrize(
    "url",
    [
        f"https://vimeo.com/{ID}",
        f"http://www.vimeo.com/{ID}?autoplay=1#t=30s",
        f"vimeo.com/{ID}",
        f"https://player.vimeo.com/video/{ID}",
        f"https://player.vimeo.com/video/{ID}?badge=0&autopause=0",
        f"https://vimeo.com/channels/staffpicks/{ID}",
        f"https://vimeo.com/groups/shortfilms/videos/{ID}",
        f"https://vimeo.com/showcase/9876543/video/{ID}",
        f"https://vimeo.com/album/2222222/video/{ID}",
    ],
)
def test_video_links_give_one_canonical_permalink(url: str) -> None:
    """Every public video link gives the ID and ``https://vimeo.com/ID``, with no handle."""
    ref = parse_url(url)
    assert ref is not None
    assert (ref.platform, ref.post_id, ref.handle, ref.url) == ("vimeo", ID, None, f"https://vimeo.com/{ID}")


@pytest.mark.parametrize(
    "url", [f"https://vimeo.com/{ID}/{HASH}", f"https://player.vimeo.com/video/{ID}?h={HASH}&badge=0"]
)
def test_unlisted_links_keep_their_hash(url: str) -> None:
    """An unlisted video's hash, which lets a viewer in, stays in the permalink."""
    ref = parse_url(url)
    assert ref is not None
    assert (ref.post_id, ref.url) == (ID, f"https://vimeo.com/{ID}/{HASH}")


@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/",
        "https://vimeo.com/user12345",
        "https://vimeo.com/channels/staffpicks",
        "https://vimeo.com/showcase/9876543",
        f"https://vimeo.com/{ID}/likes",
        "https://vimeo.com/0",
        "https://vimeo.com/1234567890123",
        "https://player.vimeo.com/",
        f"https://player.vimeo.com/{ID}",
        f"https://vimeo.com/ondemand/film/{ID}",
    ],
)
def test_links_that_are_not_one_video_give_none(url: str) -> None:
    """Users, channels, showcases, pages of a video, zero and over-long IDs are not videos."""
    assert parse_url(url) is None


def test_the_player_host_belongs_to_vimeo() -> None:
    """``player.vimeo.com`` sits under ``vimeo.com``, so its frames are Vimeo's."""
    platform = platform_for_host("player.vimeo.com")
    assert platform is not None and platform.name == "vimeo"


def test_ids_carry_no_time() -> None:
    """A video ID is read but decodes to no time, without a problem, and says why."""
    ref = parse_id(ID, "vimeo")
    assert ref is not None and ref.url == f"https://vimeo.com/{ID}"
    decoded = decode_time(ref)
    assert decoded.moment is None and decoded.problem is None
    assert decoded.note is not None and "counters" in decoded.note


@pytest.mark.parametrize("raw", ["", "0", "07697", "abc", "7697987a", "1234567890123"])
def test_malformed_ids_give_none(raw: str) -> None:
    """Empty, zero-led, non-numeric and over-long IDs are not video IDs."""
    assert parse_id(raw, "vimeo") is None


def test_the_record_declares_its_endpoint_and_post_kind() -> None:
    """The oEmbed endpoint and the reference-list kind come from the record, not from tables elsewhere."""
    assert ENDPOINTS["vimeo"] is get("vimeo").oembed
    assert DEFAULT_ENDPOINTS["oembed-vimeo"] == "https://vimeo.com/api/oembed.json"
    assert POST_KINDS["vimeo"] == "Video"


def test_prose_names_vimeo_from_its_own_data() -> None:
    """A sentence citing a video on Vimeo is a mention of a Vimeo post (words from platforms/data/vimeo/)."""
    found = match_sentence("The director posted the trailer on Vimeo on Tuesday, the studio said.", ("en",))
    assert found is not None and found.platform == "vimeo"


def _verify(web: FakeWeb, text: str) -> list[tuple[str, str | None, str | None]]:
    """(status, author handle, author name) of each post of ``text`` checked online against ``web``."""
    options = Options(now=datetime(2026, 11, 21, tzinfo=UTC), sections={"online": OnlineSettings()})
    report = check_text(text, "article.html", "html", online.enable(options, environ=web.environ(), cache=False))
    return [
        (c.verification.status, c.verification.author_handle, c.verification.author_name)
        for c in report.citations if c.verification is not None
    ]


@pytest.mark.usefixtures("online_isolated")
def test_the_oembed_endpoint_names_the_uploader(web: FakeWeb) -> None:
    """Vimeo's oEmbed answer gives a player frame's video its status and its uploader's handle and name."""
    web.oembed[f"https://vimeo.com/{ID}/{HASH}"] = live("Harbour Films", "https://vimeo.com/harbourfilms")
    frame = f'<iframe src="https://player.vimeo.com/video/{ID}?h={HASH}"></iframe>'
    assert _verify(web, frame) == [("live", "harbourfilms", "Harbour Films")]
    assert any(path.startswith("/oembed/vimeo?url=") for _, path in web.requests)


@pytest.mark.usefixtures("online_isolated")
def test_a_video_the_endpoint_does_not_know_is_gone(web: FakeWeb) -> None:
    """A 404 from Vimeo's oEmbed endpoint is a definite answer: the video is gone."""
    web.oembed[f"https://vimeo.com/{ID}"] = status(404)
    assert _verify(web, f'<p>https://vimeo.com/{ID}</p>') == [("gone", None, None)]
