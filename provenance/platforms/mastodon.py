"""Mastodon and its forks (Truth Social): status links on any server, time-based IDs.

Mastodon runs on thousands of servers, so links are recognised by path shape on any host that
no other platform owns. Only Mastodon's own shapes are read:

- ``https://SERVER/@USER/ID`` and ``…/@USER/ID/embed`` (the embed frame);
- ``https://SERVER/@USER@REMOTE.HOST/ID``: a post from another server as this server shows it;
- ``https://SERVER/users/USER/statuses/ID`` (``/activity``): the ActivityPub URI;
- ``https://SERVER/web/statuses/ID``: the old web-app route (unverified);
- Truth Social's ``https://truthsocial.com/@USER/posts/ID``.

The canonical permalink is ``https://SERVER/@USER/ID`` (``/@USER/posts/ID`` on Truth Social;
``/web/statuses/ID`` when the link names no one); ``handle`` is ``USER``, or ``USER@REMOTE.HOST``
for a remote post. IDs are per server: the same post has a different ID on every server.

Since Mastodon 2.0 (2017) a status ID is milliseconds since the Unix epoch shifted left 16
bits, the low 16 bits a salted hash plus a sequence: ``ms = id >> 16``. A local post's ID is
taken from the database clock at insert, tens of milliseconds before its ``created_at``. A
record created with a past ``created_at`` (a remote post fetched after it was made, an
import) gets ``(seconds * 1000 + random(1000)) << 16``: only the second is meaningful, so remote
posts, and posts whose link does not tell, are dated to the second. Statuses from before 2.0
kept small sequential IDs that decode to 1970: those carry no time. Other fediverse software
(Pleroma, Misskey, GoToSocial) uses other ID schemes and other link shapes.

The shown-date zone of Mastodon embeds is not verified: one day of slack.

Embeds: the older ``iframe.mastodon-embed`` (``src`` is ``…/@USER/ID/embed``) leaves no text; the
newer ``blockquote.mastodon-embed`` (``data-embed-url``) holds one link whose text is the
boilerplate "Post by @USER@SERVER" / "View on Mastodon" (:func:`read_embed` drops it). Truth
Social's ``iframe.truthsocial-embed`` has the same shape.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import SplitResult

import regex

from provenance.model import Fragment, IdTime, PostRef
from provenance.platforms import forms
from provenance.platforms.base import (
    MAX_SIGNED_64,
    UNKNOWN_ZONE_SLACK,
    Flattened,
    Platform,
    Shortcodes,
    checked,
    from_ms,
    no_time,
    split_path,
)
from provenance.platforms.forms import EmbedForm
from provenance.platforms.markup import inner_text, without
from provenance.platforms.oembed import OEmbed, author_from_at_url

if TYPE_CHECKING:
    from lxml import etree  # in annotations only: provenance.htmltree parses

NAME = "mastodon"
TITLE = "Mastodon"
#: Mastodon's first public release came in 2016 (its repository starts in February 2016).
LAUNCHED = date(2016, 2, 1)
#: The low 16 bits of a status ID are hash and sequence; the rest is Unix milliseconds.
TIME_SHIFT = 16
#: Sequential pre-2.0 IDs are far below 2^16 × one day of milliseconds, so they decode to the
#: first day of 1970; a time-based ID never does.
SEQUENTIAL_WINDOW_MS = 86_400_000
STATUS_ID = re.compile(r"[0-9]{1,19}")
USER = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?")
DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}")
TRUTH_SOCIAL = "truthsocial.com"
#: Large servers, listed so that other modules can tell their links are social posts;
#: links on every other host are still read by shape.
HOSTS = (
    TRUTH_SOCIAL,
    "mastodon.social",
    "mastodon.online",
    "mstdn.social",
    "mas.to",
    "hachyderm.io",
    "fosstodon.org",
    "infosec.exchange",
    "mastodon.world",
)

#: What the path of every status link above holds (``/@USER/…``, ``/users/USER/statuses/ID``,
#: ``/web/statuses/ID``): a link on a host nobody owns is parsed only when one is there.
PATH_MARKS = ("/@", "/statuses/")

#: The lines of the blockquote embed's fallback link, which say nothing about the post.
BOILERPLATE = regex.compile(r"Post by @\S+|View on (?:Mastodon|Truth Social)", regex.IGNORECASE)


def permalink(server: str, handle: str | None, status_id: str) -> str:
    """The canonical permalink of status ``status_id`` as ``server`` shows it."""
    if handle is None:
        return f"https://{server}/web/statuses/{status_id}"
    if server == TRUTH_SOCIAL:
        return f"https://{server}/@{handle}/posts/{status_id}"
    return f"https://{server}/@{handle}/{status_id}"


def _handle(raw: str) -> str | None:
    user, at, domain = raw.partition("@")
    if not USER.fullmatch(user):
        return None
    if at and not DOMAIN.fullmatch(domain.lower()):
        return None
    return f"{user}@{domain.lower()}" if at else user


def _status(server: str, handle: str | None, status_id: str) -> PostRef | None:
    if not server or not STATUS_ID.fullmatch(status_id) or int(status_id) > MAX_SIGNED_64:
        return None
    return PostRef(NAME, status_id, handle, permalink(server, handle, status_id))


def parse_url(url: SplitResult) -> PostRef | None:
    """Read a status link of one of Mastodon's own shapes; anything else gives None."""
    server = url.hostname or ""
    segments = split_path(url)
    if segments and segments[-1] == "embed":
        segments = segments[:-1]
    if segments and segments[0].startswith("@"):
        handle = _handle(segments[0][1:])
        if handle is None:
            return None
        if len(segments) == 2:
            return _status(server, handle, segments[1])
        if len(segments) == 3 and segments[1] == "posts":
            return _status(server, handle, segments[2])
        return None
    if len(segments) in (4, 5) and segments[0] == "users" and segments[2] == "statuses":
        if len(segments) == 5 and segments[4] != "activity":
            return None
        handle = _handle(segments[1])
        return _status(server, handle, segments[3]) if handle and "@" not in handle else None
    if len(segments) == 3 and segments[:2] == ["web", "statuses"]:
        return _status(server, None, segments[2])
    return None


def parse_id(raw: str) -> PostRef | None:
    """Read a bare status ID (it names no server, so there is no permalink)."""
    raw = raw.strip()
    if not STATUS_ID.fullmatch(raw) or int(raw) > MAX_SIGNED_64:
        return None
    return PostRef(NAME, raw)


def read_embed(element: etree._Element, fragment: Fragment) -> Fragment:
    """Drop the fallback link's boilerplate: the blockquote embed shows none of the post."""
    return replace(fragment, text=without(inner_text(element, "\n"), BOILERPLATE))


def decode_time(ref: PostRef) -> IdTime:
    """The time a status ID encodes: to the ms for local posts, to the second otherwise."""
    if ref.post_id is None or not ref.post_id.isdigit():
        return no_time("the link names no status ID")
    number = int(ref.post_id)
    if number > MAX_SIGNED_64:
        return IdTime(None, problem="not a status ID: larger than 63 bits")
    ms = number >> TIME_SHIFT
    if ms < SEQUENTIAL_WINDOW_MS:
        return no_time("a sequential status ID from before Mastodon 2.0 (2017): no time encoded")
    if ref.handle is not None and "@" not in ref.handle:
        return checked(from_ms(ms), "ms", launched=LAUNCHED, title=TITLE)
    # A remote or unattributed status may have been stored after the fact, when only the
    # second of its ID is real and the milliseconds are random.
    return checked(
        from_ms(ms - ms % 1000),
        "s",
        launched=LAUNCHED,
        title=TITLE,
        note="dated to the second: the ID may have been made from the post's time when fetched later",
    )


_EMBED_SOURCE = "Wivik/hugo-shortcodes: toot/README.md (the embed code Mastodon hands out)"
#: Where Mastodon (and Truth Social) posts stand in pages. Servers, users and IDs are made up.
FORMS = (
    EmbedForm(
        name="iframe.mastodon-embed", kind="class", marker="mastodon-embed", tags=("iframe",),
        example='<iframe src="https://social.example/@user/ID/embed" class="mastodon-embed"></iframe>',
        source=_EMBED_SOURCE,
    ),
    EmbedForm(
        name="blockquote.mastodon-embed", kind="class", marker="mastodon-embed", tags=("blockquote",),
        variant="blockquote",
        example='<blockquote class="mastodon-embed" data-embed-url="https://social.example/@user/ID/embed">'
                '<a href="https://social.example/@user/ID">Post by @user@social.example</a></blockquote>',
        source="the code Mastodon 4.3 and later hands out, as kept in public blog sources "
               "(found by code search for 'class=mastodon-embed data-embed-url')",
    ),
    EmbedForm(
        name="iframe.truthsocial-embed", kind="class", marker="truthsocial-embed", tags=("iframe",),
        example='<iframe src="https://truthsocial.com/@user/ID/embed" class="truthsocial-embed"></iframe>',
        source="yt-dlp/yt-dlp: yt_dlp/extractor/truth.py (post URLs); the embed code Truth Social's Mastodon fork "
               "hands out",
    ),
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"/@[^\"'/\s>]+/\d+/embed", hint="/embed", tags=("iframe",),
        example='<iframe src="https://social.example/@user/109876543210987654/embed"></iframe> (class dropped)',
        source=_EMBED_SOURCE,
    ),
    forms.bare_url("<p>https://social.example/@user/ID</p>"),
    forms.flattened("Post by @user@social.example View on Mastodon", _EMBED_SOURCE),
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
    aliases=("truthsocial",),
    any_host=True,
    path_marks=PATH_MARKS,
    read_embed=read_embed,
    forms=FORMS,
    words=("mastodon", "truthsocial"),
    shortcodes=Shortcodes(mdx=("mastodon",)),
    quote_box_words=("mastodon",),
    oembed=OEmbed("oembed-mastodon", "https://{server}/api/oembed", author_from_at_url),
    flattened=Flattened(view_on=True),
)
