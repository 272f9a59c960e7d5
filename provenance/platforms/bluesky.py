"""Bluesky: post links, ``at://`` URIs and TID record keys with microseconds.

Links: ``bsky.app/profile/ACTOR/post/RKEY`` (also the staging host ``main.bsky.dev``, with
``?ref_src=embed`` and other queries dropped) and AT-URIs ``at://ACTOR/app.bsky.feed.post/RKEY``,
where ACTOR is a handle (``alice.bsky.social``) or a DID (``did:plc:…``). An AT-URI's authority
holds colons, so the registry hands ``at://`` URIs over unsplit by host. The canonical
permalink is ``https://bsky.app/profile/ACTOR/post/RKEY`` with the actor as the link gives it (a
handle lower-cased); ``handle`` is set only when the actor is a handle, not a DID.

A post's record key is normally a TID: 13 characters of base32-sortable
(``234567abcdefghijklmnopqrstuvwxyz``, values 0–31 in that order) spelling a 64-bit integer
whose top bit is 0, then 53 bits of microseconds since the Unix epoch, then a 10-bit clock ID:
``us = value >> 10``. The posting client picks the TID, so it is the client's clock (within
seconds of the record's ``createdAt`` in practice; imports can back-date it). A record key
that is not TID-shaped carries no time; a TID-shaped key too large for 64 bits or with the
top bit set is no valid TID.

Embeds show the date and time in the time zone of whoever copied the embed code, so the
shown date may be a day off the UTC date: the slack is 14 hours, the widest zone offset.

Embeds (``blockquote.bluesky-embed``, :func:`read_embed`): the post is ``data-bluesky-uri``; the
attribution is ``— Display Name (@handle)`` (dotted handles; the handle stands in for a missing
name) and the last link is the shown date, ``November 25, 2024 at 12:58 AM`` in the copier's
language and zone, or, from some generators, an ISO instant with ``Z``, which is read as an exact
shown moment. A ``[image or embed]`` link marks media and is not the post's text. The rendered
frame ``embed.bsky.app/embed/DID/app.bsky.feed.post/RKEY`` is read as the post.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult

from provenance.model import Fragment, IdTime, PostRef
from provenance.platforms import forms
from provenance.platforms.base import (
    MAX_SIGNED_64,
    Flattened,
    Platform,
    Shortcodes,
    checked,
    dated_id,
    from_us,
    no_time,
    split_path,
)
from provenance.platforms.forms import EmbedForm
from provenance.platforms.markup import clean_lines, instant
from provenance.platforms.oembed import Author, OEmbed, author_from_url

if TYPE_CHECKING:
    from lxml import etree  # in annotations only: provenance.htmltree parses

NAME = "bluesky"
TITLE = "Bluesky"
#: The AT Protocol's first release (ADX) came in mid-2022; the whole year is allowed for its
#: developers' test posts. An earlier TID was back-dated by a client.
LAUNCHED = date(2022, 1, 1)
#: Embed dates follow the copier's zone: UTC+14 is the farthest a local date runs ahead.
SHOWN_DATE_SLACK = timedelta(hours=14)
ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
#: The low 10 bits of a TID are a random clock identifier.
CLOCK_BITS = 10
TID_SHAPE = re.compile(r"[2-7a-z]{13}")
RECORD_KEY = re.compile(r"[A-Za-z0-9._:~-]{1,512}")
HANDLE = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?")
DID = re.compile(r"did:[a-z]+:[A-Za-z0-9._:%-]{1,2000}")
POST_COLLECTION = "app.bsky.feed.post"
HOSTS = ("bsky.app", "main.bsky.dev")
#: A handle as a flattened embed's attribution writes it: a domain name, in any case.
DASH_HANDLE = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
#: The text of the link an embed puts where the post has media or a quoted post.
MEDIA_PLACEHOLDER = "[image or embed]"


def tid_value(rkey: str) -> int:
    """The integer a TID-shaped record key spells; raise ValueError for other characters."""
    number = 0
    for char in rkey:
        try:
            number = number * 32 + _VALUE[char]
        except KeyError:
            raise ValueError(f"{char!r} is not a base32-sortable character") from None
    return number


def permalink(actor: str, rkey: str) -> str:
    """The canonical permalink of the post ``rkey`` in ``actor``'s repository."""
    return f"https://bsky.app/profile/{actor}/post/{rkey}"


def _post(actor: str, rkey: str) -> PostRef | None:
    if not RECORD_KEY.fullmatch(rkey) or rkey in (".", ".."):
        return None
    if DID.fullmatch(actor):
        return PostRef(NAME, rkey, None, permalink(actor, rkey))
    actor = actor.lower()
    if not HANDLE.fullmatch(actor):
        return None
    return PostRef(NAME, rkey, actor, permalink(actor, rkey))


def parse_url(url: SplitResult) -> PostRef | None:
    """Read a ``bsky.app`` post link or an ``at://`` post URI."""
    segments = split_path(url)
    if url.scheme == "at":
        if len(segments) == 2 and segments[0] == POST_COLLECTION:
            return _post(url.netloc, segments[1])
        return None
    if len(segments) >= 4 and segments[0] == "profile" and segments[2] == "post":
        return _post(segments[1], segments[3])
    if len(segments) == 4 and segments[0] == "embed" and segments[2] == POST_COLLECTION:
        return _post(segments[1], segments[3])  # the frame embed.js renders
    return None


def parse_id(raw: str) -> PostRef | None:
    """Read a bare TID-shaped record key (the only kind recognisable without a link)."""
    raw = raw.strip()
    if not TID_SHAPE.fullmatch(raw) or tid_value(raw) >= 2**64:
        return None
    return PostRef(NAME, raw)


def read_embed(element: etree._Element, fragment: Fragment) -> Fragment:
    """Drop the media placeholder from the text; read an ISO shown date as an exact moment."""
    text = fragment.text
    if text:
        text = clean_lines("\n".join(line for line in text.splitlines() if line.strip() != MEDIA_PLACEHOLDER))
    return replace(fragment, text=text, shown_moment=instant(fragment.shown_date_text))


def decode_time(ref: PostRef) -> IdTime:
    """The microsecond a TID record key encodes."""
    rkey = ref.post_id
    if rkey is None:
        return no_time("the link names no record")
    if not TID_SHAPE.fullmatch(rkey):
        return no_time("the record key is not a TID: no time encoded")
    value = tid_value(rkey)
    if value >= 2**64:
        return IdTime(None, problem="not a valid TID: larger than 64 bits")
    if value > MAX_SIGNED_64:
        return IdTime(None, problem="not a valid TID: the top bit is set")
    return checked(from_us(value >> CLOCK_BITS), "us", launched=LAUNCHED, title=TITLE)


def markup_id(raw: str) -> PostRef | None:
    """A bare record key found in markup: a TID whose time is plausible."""
    return dated_id(parse_id(raw), decode_time)


_EMBED_SOURCE = "bluesky-social/social-app: src/components/dialogs/Embed.tsx"
#: Where Bluesky posts stand in pages. The DID, handle and record keys in the examples are made up.
FORMS = (
    EmbedForm(
        name="blockquote.bluesky-embed", kind="class", marker="bluesky-embed",
        example='<blockquote class="bluesky-embed" data-bluesky-uri="at://DID/app.bsky.feed.post/RKEY">'
                "<p>TEXT</p>&mdash; Name (<a>@handle</a>) <a href=\"https://bsky.app/profile/DID/post/RKEY\">DATE</a>"
                "</blockquote>",
        source=_EMBED_SOURCE,
    ),
    EmbedForm(
        name="blockquote[data-bluesky-uri]", kind="attribute", marker="data-bluesky-uri",
        example='<blockquote data-bluesky-uri="at://DID/app.bsky.feed.post/RKEY">…</blockquote> '
                "(a CMS dropped the class)",
        source=_EMBED_SOURCE,
    ),
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"embed\.bsky\.app/embed/", hint="embed.bsky.app/embed/",
        tags=("iframe",),
        example='<iframe src="https://embed.bsky.app/embed/DID/app.bsky.feed.post/RKEY"></iframe>',
        source="the frame embed.js renders, as kept in public blog sources (found by code search for "
               "'embed.bsky.app/embed/did:')",
    ),
    forms.bare_url("<p>https://bsky.app/profile/handle.bsky.social/post/RKEY</p>"),
    forms.flattened(
        "TEXT [image or embed] — Name (@handle.bsky.social) November 25, 2024 at 12:58 AM", _EMBED_SOURCE,
    ),
)

def oembed_author(data: Mapping[str, Any]) -> Author:
    """The author of Bluesky's oEmbed answer: a DID in the profile URL is no handle."""
    found = author_from_url(data)
    handle = found.handle if found.handle and not found.handle.startswith("did:") else None
    return Author(handle, found.name, found.url)

PLATFORM = Platform(
    name=NAME,
    title=TITLE,
    hosts=HOSTS,
    launched=LAUNCHED,
    shown_date_slack=SHOWN_DATE_SLACK,
    parse_url=parse_url,
    parse_id=parse_id,
    decode_time=decode_time,
    aliases=("bsky",),
    schemes=("at",),
    read_embed=read_embed,
    forms=FORMS,
    words=("bluesky", "bsky"),
    markup_id=markup_id,
    url_attributes=("data-bluesky-uri",),
    id_keys=("rkey",),
    shortcodes=Shortcodes(mdx=("bluesky",)),
    quote_box_words=("bluesky",),
    oembed=OEmbed("oembed-bluesky", "https://embed.bsky.app/oembed", oembed_author, extra=(("format", "json"),)),
    flattened=Flattened(
        dash_handle=DASH_HANDLE, time_after_date=True, ends_at_attribution=True, media_placeholder=MEDIA_PLACEHOLDER,
    ),
)
