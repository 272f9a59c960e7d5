"""Facebook: the many post, photo, video and embed-frame link shapes; IDs carry no time."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from provenance.platforms import decode_time, parse_id, parse_url

WWW = "https://www.facebook.com"
PFBID = "pfbid02Xk8nP5mUhY2rAq7sV1bZ3cL9dT6wE4fG8hJ1kN2mQ3pR"


@pytest.mark.parametrize(
    ("url", "post_id", "handle", "canonical"),
    [
        (f"{WWW}/Sozialdemokratie/posts/928812574504508/", "928812574504508", "Sozialdemokratie", None),
        (
            f"https://m.facebook.com/pamela.rendi.wagner/posts/{PFBID}?mibextid=abc",
            PFBID,
            "pamela.rendi.wagner",
            None,
        ),
        (
            "https://web.facebook.com/permalink.php?story_fbid=10158&id=100064",
            "10158",
            None,
            f"{WWW}/permalink.php?story_fbid=10158&id=100064",
        ),
        (
            f"https://mbasic.facebook.com/story.php?story_fbid={PFBID}&id=100064&refid=8",
            PFBID,
            None,
            f"{WWW}/permalink.php?story_fbid={PFBID}&id=100064",
        ),
        (
            f"{WWW}/photo.php?fbid=10207393772231779&set=a.1332832050135.2039779.1511060888&type=3",
            "10207393772231779",
            None,
            f"{WWW}/photo.php?fbid=10207393772231779",
        ),
        (
            f"{WWW}/photo/?fbid=10207393772231779&set=a.1",
            "10207393772231779",
            None,
            f"{WWW}/photo.php?fbid=10207393772231779",
        ),
        (
            f"{WWW}/unialesznoks/photos/pcb.3485430601537621/3485430308204317",
            "3485430308204317",
            "unialesznoks",
            f"{WWW}/photo.php?fbid=3485430308204317",
        ),
        (
            f"{WWW}/NASA/videos/a-slug/1234567890123/",
            "1234567890123",
            "NASA",
            f"{WWW}/watch/?v=1234567890123",
        ),
        (
            f"{WWW}/NASA/videos/1234567890123/UzpfSTEwMDAwMDAwMDAwOjEyMzQ1Njc4OTA/",
            "1234567890123",
            "NASA",
            f"{WWW}/watch/?v=1234567890123",
        ),
        (f"{WWW}/watch/?v=1234567890123&ref=sharing", "1234567890123", None, f"{WWW}/watch/?v=1234567890123"),
        (f"{WWW}/watch?v=1234567890123", "1234567890123", None, f"{WWW}/watch/?v=1234567890123"),
        (f"{WWW}/reel/987654321098765", "987654321098765", None, f"{WWW}/reel/987654321098765"),
        (f"{WWW}/groups/1234567/posts/7654321/", "7654321", None, f"{WWW}/groups/1234567/posts/7654321"),
        (f"{WWW}/groups/cats/permalink/7654321/", "7654321", None, f"{WWW}/groups/cats/posts/7654321"),
        ("https://graph.facebook.com/100064/posts/10158/", "10158", None, f"{WWW}/100064/posts/10158"),
        ("https://graph.facebook.com/100064_10158", "10158", None, f"{WWW}/100064/posts/10158"),
        ("https://fb.com/NASA/posts/10158", "10158", "NASA", f"{WWW}/NASA/posts/10158"),
    ],
)
def test_post_links_give_the_post(url: str, post_id: str, handle: str | None, canonical: str | None) -> None:
    """Every post, photo, video and reel form gives the ID, the page name and one canonical permalink."""
    ref = parse_url(url)
    assert ref is not None
    assert (ref.platform, ref.post_id, ref.handle) == ("facebook", post_id, handle)
    assert ref.url == (canonical or f"{WWW}/{handle}/posts/{post_id}")


@pytest.mark.parametrize("plugin", ["post.php", "video.php", "comment_embed.php"])
def test_embed_frames_are_unwrapped(plugin: str) -> None:
    """An embed frame's percent-encoded href is read as the post's own link."""
    inner = f"{WWW}/Sozialdemokratie/posts/928812574504508/"
    ref = parse_url(f"{WWW}/plugins/{plugin}?href={quote(inner, safe='')}&show_text=true&width=500")
    assert ref is not None and ref.post_id == "928812574504508" and ref.handle == "Sozialdemokratie"


@pytest.mark.parametrize(
    "href",
    ["https://example.com/NASA/posts/1", f"{WWW}/plugins/post.php?href=x", f"{WWW}/NASA", ""],
)
def test_embed_frames_of_other_things_give_none(href: str) -> None:
    """A frame whose href is off Facebook, nested, a page or empty names no post."""
    assert parse_url(f"{WWW}/plugins/post.php?href={quote(href, safe='')}") is None


@pytest.mark.parametrize(
    "url", ["https://fb.watch/abcDEF12/", f"{WWW}/share/p/1AbCdEf/", f"{WWW}/share/v/1AbCdEf/"]
)
def test_share_links_name_a_post_without_an_id(url: str) -> None:
    """Share links are Facebook posts whose ID needs resolving."""
    ref = parse_url(url)
    assert ref is not None and ref.platform == "facebook" and ref.post_id is None


@pytest.mark.parametrize(
    "url",
    [
        f"{WWW}/NASA/",
        f"{WWW}/",
        f"{WWW}/profile.php?id=100064",
        "https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2F",
        f"{WWW}/hashtag/cats",
        f"{WWW}/NASA/posts/not-an-id",
        f"{WWW}/NASA/about/123",
    ],
)
def test_links_that_are_not_one_post_give_none(url: str) -> None:
    """Pages, profiles, outbound redirects, hashtags and malformed IDs are not posts."""
    assert parse_url(url) is None


@pytest.mark.parametrize("raw", ["928812574504508", PFBID])
def test_ids_carry_no_time(raw: str) -> None:
    """A numeric ID or pfbid token is read but decodes to no time, without a problem."""
    ref = parse_id(raw, "facebook")
    assert ref is not None and ref.post_id == raw
    decoded = decode_time(ref)
    assert decoded.moment is None and decoded.problem is None and decoded.note


@pytest.mark.parametrize("raw", ["", "pfbid", "abc", "12 34"])
def test_malformed_ids_give_none(raw: str) -> None:
    """Empty, bare-prefix, alphabetic and spaced IDs are not Facebook IDs."""
    assert parse_id(raw, "facebook") is None
