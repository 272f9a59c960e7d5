"""YouTube: video links of every shape; the 11-character ID is random and carries no time.

Links: ``youtube.com/watch?v=ID`` (``m.``, ``music.`` and ``www.`` hosts; ``&t=``, ``&list=``,
``&si=`` dropped), ``youtu.be/ID``, ``/shorts/ID``, ``/live/ID``, ``/embed/ID`` and ``/v/ID`` (also on
``youtube-nocookie.com``; ``/v/`` is the old Flash player). Channel, playlist and search pages are not single
posts. The canonical permalink is ``https://www.youtube.com/watch?v=ID`` for every shape.

A video ID is 64 random bits written as 11 characters of URL-safe base 64
(``A–Z a–z 0–9 - _``); 11 characters hold 66 bits, so the last one takes only the 16 values
whose low two bits are zero. The ID encodes no time: the upload date needs the page or API.

Embeds (``iframe`` of ``/embed/ID``) show no date; one day of slack for an unknown zone.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import SplitResult

from provenance.model import IdTime, PostRef
from provenance.platforms.base import UNKNOWN_ZONE_SLACK, Platform, no_time, query_value, split_path

NAME = "youtube"
TITLE = "YouTube"
#: The first video ("Me at the zoo") was uploaded on 2005-04-23.
LAUNCHED = date(2005, 4, 23)
#: Ten free characters, then one of the 16 whose value is a multiple of four (64 bits in all).
VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{10}[AEIMQUYcgkosw048]")
PATH_FORMS = frozenset({"shorts", "live", "embed", "v"})
#: Path words of video shape that are not videos: ``/embed/videoseries?list=…`` plays a playlist.
NOT_VIDEOS = frozenset({"videoseries"})
HOSTS = ("youtube.com", "youtu.be", "youtube-nocookie.com")


def permalink(video_id: str) -> str:
    """The canonical permalink of video ``video_id``."""
    return f"https://www.youtube.com/watch?v={video_id}"


def _video(video_id: str | None) -> PostRef | None:
    if video_id is None or not VIDEO_ID.fullmatch(video_id) or video_id in NOT_VIDEOS:
        return None
    return PostRef(NAME, video_id, None, permalink(video_id))


def parse_url(url: SplitResult) -> PostRef | None:
    """Read a watch, short, live, embed or ``youtu.be`` link."""
    segments = split_path(url)
    if (url.hostname or "") == "youtu.be":
        return _video(segments[0]) if len(segments) == 1 else None
    if segments == ["watch"]:
        return _video(query_value(url, "v"))
    if len(segments) >= 2 and segments[0] in PATH_FORMS:
        return _video(segments[1])
    return None


def parse_id(raw: str) -> PostRef | None:
    """Read a bare 11-character video ID."""
    return _video(raw.strip())


def decode_time(ref: PostRef) -> IdTime:
    """Always no time: video IDs are random."""
    return no_time("YouTube video IDs are random: no time encoded")


PLATFORM = Platform(
    name=NAME,
    title=TITLE,
    hosts=HOSTS,
    launched=LAUNCHED,
    shown_date_slack=UNKNOWN_ZONE_SLACK,
    parse_url=parse_url,
    parse_id=parse_id,
    decode_time=decode_time,
)
