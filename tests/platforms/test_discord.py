"""Discord: message, channel and attachment links, and Snowflakes since 2015."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from provenance.platforms import decode_time, parse_id, parse_url

EPOCH = datetime(2015, 1, 1, tzinfo=UTC)
GUILD, CHANNEL, MESSAGE = "427876741990711298", "551531058039095296", "626893414490832918"


def snowflake(moment: datetime, worker: int = 0, process: int = 0, increment: int = 0) -> int:
    """The Snowflake made at ``moment``, by the inverse of the documented layout."""
    ms = (moment - EPOCH) // timedelta(milliseconds=1)
    return ms << 22 | worker << 17 | process << 12 | increment


@pytest.mark.parametrize(
    ("url", "post_id", "canonical"),
    [
        (
            f"https://discord.com/channels/{GUILD}/{CHANNEL}/{MESSAGE}",
            MESSAGE,
            f"https://discord.com/channels/{GUILD}/{CHANNEL}/{MESSAGE}",
        ),
        (
            f"https://canary.discordapp.com/channels/{GUILD}/{CHANNEL}/{MESSAGE}",
            MESSAGE,
            f"https://discord.com/channels/{GUILD}/{CHANNEL}/{MESSAGE}",
        ),
        (f"https://discord.com/channels/@me/{CHANNEL}/{MESSAGE}", MESSAGE, None),
        (
            f"https://discordapp.com/channels/{GUILD}/{CHANNEL}",
            CHANNEL,
            f"https://discord.com/channels/{GUILD}/{CHANNEL}",
        ),
        (
            f"https://cdn.discordapp.com/attachments/{CHANNEL}/{MESSAGE}/cat.png?ex=1&is=2&hm=3",
            MESSAGE,
            f"https://cdn.discordapp.com/attachments/{CHANNEL}/{MESSAGE}/cat.png",
        ),
        (f"https://media.discordapp.net/attachments/{CHANNEL}/{MESSAGE}/cat.png", MESSAGE, None),
    ],
)
def test_links_give_what_they_name_last(url: str, post_id: str, canonical: str | None) -> None:
    """Message, channel and attachment links give the last ID they name and one canonical link."""
    ref = parse_url(url)
    assert ref is not None
    assert (ref.platform, ref.post_id, ref.handle) == ("discord", post_id, None)
    if canonical is not None:
        assert ref.url == canonical


@pytest.mark.parametrize(
    "url",
    [
        "https://discord.gg/abcdef",
        "https://discord.com/channels/@me",
        f"https://discord.com/channels/{GUILD}/general",
        f"https://discord.com/invite/{GUILD}",
        f"https://cdn.discordapp.com/avatars/{CHANNEL}/abc.png",
    ],
)
def test_links_that_are_not_a_message_give_none(url: str) -> None:
    """Invites, the DM list, named channels and avatars are not posts."""
    assert parse_url(url) is None


@pytest.mark.parametrize(
    ("moment", "worker", "process", "increment"),
    [
        (datetime(2015, 5, 13, 0, 0, 0, 1000, tzinfo=UTC), 31, 31, 4095),
        (datetime(2019, 9, 26, 21, 30, 37, 131000, tzinfo=UTC), 1, 0, 0),
        (datetime(2025, 2, 28, 12, 0, 0, 999000, tzinfo=UTC), 16, 2, 9),
    ],
)
def test_derived_snowflakes_decode_exactly(
    moment: datetime, worker: int, process: int, increment: int
) -> None:
    """A Snowflake built from a chosen time decodes back to that millisecond."""
    ref = parse_id(str(snowflake(moment, worker, process, increment)), "discord")
    assert ref is not None
    decoded = decode_time(ref)
    assert (decoded.moment, decoded.precision, decoded.problem) == (moment, "ms", None)


def test_future_snowflakes_have_a_problem() -> None:
    """A Snowflake that decodes to the future is a problem, not a date."""
    ref = parse_id(str(snowflake(datetime(2100, 1, 1, tzinfo=UTC))), "discord")
    assert ref is not None
    decoded = decode_time(ref)
    assert decoded.moment is None and decoded.problem is not None and "future" in decoded.problem


@pytest.mark.parametrize("raw", ["", "abc", str(2**64), "@me"])
def test_malformed_ids_give_none(raw: str) -> None:
    """Empty, non-numeric and over-64-bit IDs are not Snowflakes."""
    assert parse_id(raw, "discord") is None
