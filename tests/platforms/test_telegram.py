"""Telegram: channel message links; message numbers carry no time."""

from __future__ import annotations

import pytest

from provenance.platforms import decode_time, parse_id, parse_url


@pytest.mark.parametrize(
    ("url", "post_id", "handle"),
    [
        ("https://t.me/bitcartcc/3408", "bitcartcc/3408", "bitcartcc"),
        ("https://t.me/s/bitcartcc/3408", "bitcartcc/3408", "bitcartcc"),
        ("https://t.me/bitcartcc/3408?single", "bitcartcc/3408", "bitcartcc"),
        ("https://telegram.me/bitcartcc/3408", "bitcartcc/3408", "bitcartcc"),
        ("https://t.me/bitcartcc/12/3408", "bitcartcc/3408", "bitcartcc"),
        ("https://t.me/c/1234567890/55", "c/1234567890/55", None),
    ],
)
def test_message_links_give_the_message(url: str, post_id: str, handle: str | None) -> None:
    """Every message form gives channel/number, the channel and one canonical t.me permalink."""
    ref = parse_url(url)
    assert ref is not None
    assert (ref.platform, ref.post_id, ref.handle) == ("telegram", post_id, handle)
    assert ref.url == f"https://t.me/{post_id}"


@pytest.mark.parametrize(
    "url",
    [
        "https://t.me/bitcartcc",
        "https://t.me/s/bitcartcc",
        "https://t.me/joinchat/AbCdEf",
        "https://t.me/addstickers/pack/1",
        "https://t.me/share/url?url=x",
        "https://t.me/abc/1",
        "https://t.me/bitcartcc/0",
    ],
)
def test_links_that_are_not_one_message_give_none(url: str) -> None:
    """Channel pages, invites, stickers, share links, short names and message 0 are not posts."""
    assert parse_url(url) is None


def test_widget_ids_carry_no_time() -> None:
    """A widget's CHANNEL/N is read and decodes to no time, without a problem."""
    ref = parse_id("bitcartcc/3408", "telegram")
    assert ref is not None and ref.url == "https://t.me/bitcartcc/3408"
    decoded = decode_time(ref)
    assert decoded.moment is None and decoded.problem is None and decoded.note


@pytest.mark.parametrize("raw", ["", "bitcartcc", "bitcartcc/x", "1abc/5", "a/b/c/d"])
def test_malformed_ids_give_none(raw: str) -> None:
    """Missing numbers, bad channel names and extra parts are not message IDs."""
    assert parse_id(raw, "telegram") is None
