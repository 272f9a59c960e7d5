"""Reddit: post and comment links; base-36 sequential IDs that carry no time.

Links: ``reddit.com/r/SUB/comments/ID/SLUG/`` (``old.``, ``new.``, ``np.``, ``www.`` hosts; queries
such as ``?ref=share`` dropped), user-profile posts ``/user/USER/comments/ID/…`` (``/u/``),
``/comments/ID/``, comments ``…/comments/ID/SLUG/COMMENTID/`` and ``…/comments/ID/comment/COMMENTID/``,
galleries ``/gallery/ID``, and ``redd.it/ID``. Share links ``/r/SUB/s/CODE`` hide the post until
resolved. The canonical permalink is ``https://www.reddit.com/comments/ID/``, or
``https://www.reddit.com/comments/ID/comment/COMMENTID/`` for a comment, whose ``post_id`` is the
comment's and ``time_key`` its post's. ``handle`` is set only for user-profile links: a
subreddit is not the poster.

IDs are base-36 counters (``t3_`` posts, ``t1_`` comments), so they order posts but encode no
time. Embeds' ``data-embed-created`` / ``data-card-created`` record when the embed code was
made, an upper bound for the post time, not the post time.

The zone of an embed's shown date is not verified: one day of slack.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import SplitResult

from provenance.model import IdTime, PostRef
from provenance.platforms.base import (
    MAX_SIGNED_64,
    UNKNOWN_ZONE_SLACK,
    Platform,
    no_time,
    short_link,
    split_path,
)

NAME = "reddit"
TITLE = "Reddit"
#: Reddit opened on 2005-06-23.
LAUNCHED = date(2005, 6, 23)
BASE36_ID = re.compile(r"[a-z0-9]{1,13}")
USER = re.compile(r"[A-Za-z0-9_-]{3,20}")
KIND_PREFIX = re.compile(r"(t1|t3)_([a-z0-9]{1,13})")
HOSTS = ("reddit.com", "redd.it")


def permalink(post_id: str, comment_id: str | None = None) -> str:
    """The canonical permalink of post ``post_id`` or of one of its comments."""
    if comment_id is None:
        return f"https://www.reddit.com/comments/{post_id}/"
    return f"https://www.reddit.com/comments/{post_id}/comment/{comment_id}/"


def _valid(raw: str) -> bool:
    return bool(BASE36_ID.fullmatch(raw)) and int(raw, 36) <= MAX_SIGNED_64


def _thread(rest: list[str], handle: str | None) -> PostRef | None:
    """Read ``ID[/SLUG][/COMMENTID]`` or ``ID/comment/COMMENTID`` after ``comments``."""
    if not rest or not _valid(post_id := rest[0].lower()):
        return None
    comment = rest[2].lower() if len(rest) >= 3 else None
    if comment is None or not _valid(comment):
        return PostRef(NAME, post_id, handle, permalink(post_id))
    return PostRef(NAME, comment, handle, permalink(post_id, comment), time_key=post_id)


def parse_url(url: SplitResult) -> PostRef | None:
    """Read a post, comment, gallery or ``redd.it`` link; share links give a post with no ID."""
    host = url.hostname or ""
    segments = split_path(url)
    if host.endswith("redd.it"):
        if host == "redd.it" and len(segments) == 1 and _valid(segments[0].lower()):
            return PostRef(NAME, segments[0].lower(), None, permalink(segments[0].lower()))
        return None
    handle = None
    if len(segments) >= 2 and segments[0] in ("user", "u") and USER.fullmatch(segments[1]):
        handle = segments[1]
    if len(segments) >= 2 and segments[0] in ("r", "user", "u"):
        segments = segments[2:]
    if len(segments) >= 2 and segments[0] == "comments":
        return _thread(segments[1:], handle)
    if len(segments) == 2 and segments[0] == "gallery" and _valid(segments[1].lower()):
        return PostRef(NAME, segments[1].lower(), None, permalink(segments[1].lower()))
    if len(segments) == 2 and segments[0] == "s":
        return short_link(NAME)
    return None


def parse_id(raw: str) -> PostRef | None:
    """Read a base-36 post ID, or a ``t3_`` (post) or ``t1_`` (comment) fullname."""
    raw = raw.strip().lower()
    if match := KIND_PREFIX.fullmatch(raw):
        kind, raw = match[1], match[2]
        if not _valid(raw):
            return None
        # A comment's permalink needs its post, which the fullname does not give.
        return PostRef(NAME, raw) if kind == "t1" else PostRef(NAME, raw, None, permalink(raw))
    return PostRef(NAME, raw, None, permalink(raw)) if _valid(raw) else None


def decode_time(ref: PostRef) -> IdTime:
    """Always no time: Reddit IDs are counters."""
    return no_time("Reddit IDs are sequential base-36 counters: no time encoded")


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
