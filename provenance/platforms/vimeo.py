"""Vimeo: video links and the player's frames; numeric video IDs that carry no time.

Links: ``vimeo.com/ID``, an unlisted video's ``vimeo.com/ID/HASH`` (the hash is what lets a
viewer in, so it is kept), the player ``player.vimeo.com/video/ID`` (``?h=HASH`` for an unlisted
one), and a video shown in a collection: ``vimeo.com/channels/NAME/ID``,
``vimeo.com/groups/NAME/videos/ID``, ``vimeo.com/showcase/N/video/ID`` (``album`` before 2020).
User, channel and showcase pages are not single posts. The canonical permalink is
``https://vimeo.com/ID`` (``https://vimeo.com/ID/HASH`` for an unlisted video); ``post_id`` is the
ID. The uploader is not in the link, so ``handle`` is None.

A video ID is a number Vimeo counts up as videos are uploaded: it orders videos but encodes no
time, so the upload date needs the page or the API.

The player shows no date; the zone of any date shown beside it is unknown: one day of slack.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import SplitResult

from provenance.model import IdTime, PostRef
from provenance.platforms import forms
from provenance.platforms.base import UNKNOWN_ZONE_SLACK, Platform, Shortcodes, no_time, query_value, split_path
from provenance.platforms.forms import EmbedForm
from provenance.platforms.oembed import OEmbed

NAME = "vimeo"
TITLE = "Vimeo"
#: Vimeo opened in November 2004; the month's first day is the earliest a video can be from.
LAUNCHED = date(2004, 11, 1)
#: A video ID: a positive number, nine or ten digits today; twelve leaves room to grow.
VIDEO_ID = re.compile(r"[1-9][0-9]{0,11}")
#: The hash that unlocks an unlisted video (ten hexadecimal digits today).
UNLISTED_HASH = re.compile(r"[0-9a-f]{6,20}")
#: The player's host: its frames are ``player.vimeo.com/video/ID``.
PLAYER_HOST = "player.vimeo.com"
HOSTS = ("vimeo.com",)


def permalink(video_id: str, unlisted_hash: str | None = None) -> str:
    """The canonical permalink of video ``video_id`` (with the hash of an unlisted one)."""
    return f"https://vimeo.com/{video_id}/{unlisted_hash}" if unlisted_hash else f"https://vimeo.com/{video_id}"


def _video(video_id: str, unlisted_hash: str | None = None) -> PostRef | None:
    if not VIDEO_ID.fullmatch(video_id):
        return None
    if unlisted_hash is not None and not UNLISTED_HASH.fullmatch(unlisted_hash):
        unlisted_hash = None
    return PostRef(NAME, video_id, None, permalink(video_id, unlisted_hash))


def parse_url(url: SplitResult) -> PostRef | None:
    """Read a video, unlisted video, player or collection link."""
    segments = split_path(url)
    if (url.hostname or url.netloc) == PLAYER_HOST:
        if len(segments) == 2 and segments[0] == "video":
            return _video(segments[1], query_value(url, "h"))
        return None
    if len(segments) == 1:
        return _video(segments[0])
    if len(segments) == 2 and VIDEO_ID.fullmatch(segments[0]):
        return _video(segments[0], segments[1]) if UNLISTED_HASH.fullmatch(segments[1]) else None
    if len(segments) == 3 and segments[0] == "channels":
        return _video(segments[2])
    if len(segments) == 4 and (segments[0], segments[2]) in (
        ("groups", "videos"), ("showcase", "video"), ("album", "video"),
    ):
        return _video(segments[3])
    return None


def parse_id(raw: str) -> PostRef | None:
    """Read a bare numeric video ID."""
    return _video(raw.strip())


def decode_time(ref: PostRef) -> IdTime:
    """Always no time: video IDs are counters."""
    return no_time("Vimeo video IDs are counters: no time encoded")


_EMBED_DOCS = "https://developer.vimeo.com/api/oembed/videos"
#: Where Vimeo videos stand in pages. The video IDs in the examples are made up.
FORMS = (
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"player\.vimeo\.com/video/", hint="player.vimeo.com",
        tags=("iframe",),
        example='<iframe src="https://player.vimeo.com/video/ID?h=HASH" allow="autoplay; fullscreen"></iframe>',
        source=_EMBED_DOCS,
    ),
    forms.wordpress_block(
        "vimeo",
        '<figure class="wp-block-embed is-type-video is-provider-vimeo wp-block-embed-vimeo">'
        '<div class="wp-block-embed__wrapper">\nhttps://vimeo.com/ID\n</div></figure>',
    ),
    forms.bare_url("<p>https://vimeo.com/ID</p>"),
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
    words=("vimeo",),
    # Hugo's built-in {{< vimeo ID >}} and Jetpack's [vimeo URL].
    shortcodes=Shortcodes(hugo=("vimeo",), jetpack=("vimeo",)),
    oembed=OEmbed("oembed-vimeo", "https://vimeo.com/api/oembed.json"),
    post_kind="Video",
)
