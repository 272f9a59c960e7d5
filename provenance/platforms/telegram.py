"""Telegram: channel message links; per-channel message numbers that carry no time.

Links: ``t.me/CHANNEL/N`` (also ``telegram.me`` and ``telegram.dog``, with ``?single`` or
``?comment=`` dropped), the web preview ``t.me/s/CHANNEL/N``, forum topics ``t.me/CHANNEL/TOPIC/N``,
and private channels ``t.me/c/INTERNALID/N``. The widget's ``data-telegram-post="CHANNEL/N"`` is
read by :func:`parse_id`. The canonical permalink is ``https://t.me/CHANNEL/N`` (or
``https://t.me/c/INTERNALID/N``), ``post_id`` is ``CHANNEL/N`` (``c/INTERNALID/N``) and ``handle``
the channel's username. Channel pages, invites and sticker links are not single posts.

N counts the channel's messages up from 1: it orders them but encodes no time.

The widget shows no fallback text; the zone of any shown date is unknown: one day of slack.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import SplitResult

from provenance.model import IdTime, PostRef
from provenance.platforms import forms
from provenance.platforms.base import UNKNOWN_ZONE_SLACK, Platform, Shortcodes, no_time, split_path
from provenance.platforms.forms import EmbedForm

NAME = "telegram"
TITLE = "Telegram"
#: Telegram opened on 2013-08-14.
LAUNCHED = date(2013, 8, 14)
#: Public usernames: a letter, then letters, digits and underscores; four to 32 characters.
CHANNEL = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
MESSAGE = re.compile(r"[1-9][0-9]{0,9}")
INTERNAL_ID = re.compile(r"[0-9]{1,15}")
#: First path segments that are site sections, not channels.
RESERVED = frozenset({"joinchat", "addstickers", "addemoji", "addtheme", "share", "proxy", "socks", "iv"})
HOSTS = ("t.me", "telegram.me", "telegram.dog")


def _message(channel: str, message: str) -> PostRef | None:
    if channel.lower() in RESERVED or not CHANNEL.fullmatch(channel) or not MESSAGE.fullmatch(message):
        return None
    return PostRef(NAME, f"{channel}/{message}", channel, f"https://t.me/{channel}/{message}")


def _private(internal: str, message: str) -> PostRef | None:
    if not INTERNAL_ID.fullmatch(internal) or not MESSAGE.fullmatch(message):
        return None
    key = f"c/{internal}/{message}"
    return PostRef(NAME, key, None, f"https://t.me/{key}")


def parse_url(url: SplitResult) -> PostRef | None:
    """Read a channel message link."""
    segments = split_path(url)
    if segments and segments[0] == "s":
        segments = segments[1:]
    if len(segments) == 3 and segments[0] == "c":
        return _private(segments[1], segments[2])
    if len(segments) == 3 and MESSAGE.fullmatch(segments[1]):
        return _message(segments[0], segments[2])
    if len(segments) == 2:
        return _message(segments[0], segments[1])
    return None


def parse_id(raw: str) -> PostRef | None:
    """Read ``CHANNEL/N`` (as in ``data-telegram-post``) or ``c/INTERNALID/N``."""
    parts = raw.strip().strip("/").split("/")
    if len(parts) == 3 and parts[0] == "c":
        return _private(parts[1], parts[2])
    return _message(parts[0], parts[1]) if len(parts) == 2 else None


def decode_time(ref: PostRef) -> IdTime:
    """Always no time: message numbers count up per channel."""
    return no_time("Telegram message numbers count up per channel: no time encoded")


_WIDGET_DOCS = "https://core.telegram.org/widgets/post"
#: Where Telegram channel posts stand in pages. The channel and numbers in the examples are made up.
FORMS = (
    EmbedForm(
        name="script[data-telegram-post]", kind="attribute", marker="data-telegram-post", tags=("script",),
        example='<script async src="https://telegram.org/js/telegram-widget.js?22" data-telegram-post="channel/42" '
                'data-width="100%"></script>',
        source=_WIDGET_DOCS,
    ),
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"t\.me/[A-Za-z][A-Za-z0-9_]{3,31}/\d+\?embed=", hint="t.me/",
        tags=("iframe",),
        example='<iframe id="telegram-post-channel-42" src="https://t.me/channel/42?embed=1"></iframe>',
        source=_WIDGET_DOCS + " (the frame telegram-widget.js renders)",
    ),
    forms.bare_url("<p>https://t.me/channel/42</p>"),
)

PLATFORM = Platform(
    name=NAME,
    title=TITLE,
    hosts=HOSTS,
    launched=LAUNCHED,
    shown_date_slack=UNKNOWN_ZONE_SLACK,
    parse_url=parse_url,
    parse_id=parse_id,
    decode_time=decode_time,
    forms=FORMS,
    words=("telegram", "t.me/"),
    element_ids=((None, "data-telegram-post"),),
    shortcodes=Shortcodes(mdx=("telegram",)),
)
