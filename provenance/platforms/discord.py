"""Discord: message, channel and attachment links, Snowflakes since 2015-01-01.

Links: ``discord.com|discordapp.com/channels/GUILD/CHANNEL/MESSAGE`` (``GUILD`` is ``@me`` for
direct messages; ``canary.`` and ``ptb.`` hosts too), channel links
``/channels/GUILD/CHANNEL``, and attachments ``cdn.discordapp.com/attachments/CHANNEL/FILE/NAME``
(also ``media.discordapp.net``; the signed query is dropped). Invites (``discord.gg``) and
servers are not posts. The canonical permalink is
``https://discord.com/channels/GUILD/CHANNEL[/MESSAGE]`` or
``https://cdn.discordapp.com/attachments/CHANNEL/FILE/NAME``; ``post_id`` is the message, the
channel or the file ID, whichever the link names last.

Every ID is a Snowflake: 42 bits of milliseconds since 1420070400000 (2015-01-01T00:00Z), then
5 worker bits, 5 process bits and a 12-bit increment: ``ms = (id >> 22) + 1420070400000``. It
dates what it names: a message, a channel, an uploaded file.

Discord posts are rarely embedded; no shown date to compare, one day of slack if one appears.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import SplitResult

from provenance.model import IdTime, PostRef
from provenance.platforms.base import UNKNOWN_ZONE_SLACK, Platform, checked, from_ms, no_time, split_path

NAME = "discord"
TITLE = "Discord"
#: Discord's Snowflake epoch, the start of the year the service opened (publicly 2015-05-13).
LAUNCHED = date(2015, 1, 1)
DISCORD_EPOCH_MS = 1420070400000
#: The low 22 bits are worker, process and increment; the rest is ms since the epoch.
TIME_SHIFT = 22
#: Snowflakes are unsigned 64-bit numbers.
MAX_ID = 2**64 - 1
SNOWFLAKE = re.compile(r"[0-9]{1,20}")
FILE_NAME = re.compile(r"[^/?#]{1,255}")
CDN_HOSTS = frozenset({"cdn.discordapp.com", "media.discordapp.net"})
HOSTS = ("discord.com", "discordapp.com", "discordapp.net", "discord.gg")


def _valid(*ids: str) -> bool:
    return all(SNOWFLAKE.fullmatch(raw) and int(raw) <= MAX_ID for raw in ids)


def parse_url(url: SplitResult) -> PostRef | None:
    """Read a message, channel or attachment link."""
    segments = split_path(url)
    if (url.hostname or "") in CDN_HOSTS:
        if len(segments) == 4 and segments[0] == "attachments" and _valid(*segments[1:3]):
            channel, file_id, name = segments[1:]
            if FILE_NAME.fullmatch(name):
                link = f"https://cdn.discordapp.com/attachments/{channel}/{file_id}/{name}"
                return PostRef(NAME, file_id, None, link)
        return None
    if len(segments) in (3, 4) and segments[0] == "channels":
        guild, ids = segments[1], segments[2:]
        if (guild == "@me" or _valid(guild)) and _valid(*ids):
            return PostRef(NAME, ids[-1], None, "https://discord.com/channels/" + "/".join(segments[1:]))
    return None


def parse_id(raw: str) -> PostRef | None:
    """Read a bare Snowflake (message, channel, server or file ID)."""
    raw = raw.strip()
    return PostRef(NAME, raw) if _valid(raw) else None


def decode_time(ref: PostRef) -> IdTime:
    """The creation time of whatever the Snowflake names."""
    if ref.post_id is None or not ref.post_id.isdigit():
        return no_time("the link names no Snowflake")
    number = int(ref.post_id)
    if number > MAX_ID:
        return IdTime(None, problem="not a Snowflake: larger than 64 bits")
    ms = (number >> TIME_SHIFT) + DISCORD_EPOCH_MS
    return checked(from_ms(ms), "ms", launched=LAUNCHED, title=TITLE)


PLATFORM = Platform(
    name=NAME,
    title=TITLE,
    hosts=HOSTS,
    launched=LAUNCHED,
    shown_date_slack=UNKNOWN_ZONE_SLACK,
    parse_url=parse_url,
    parse_id=parse_id,
    decode_time=decode_time,
    words=("discord",),
    post_kind="Message",
)
