"""Threads: post links and Instagram-style shortcodes, not yet dated.

Links: ``threads.com|threads.net/@HANDLE/post/CODE`` (also with ``/media`` and a query), the
early short form ``threads.net/t/CODE``, and ``/share/…`` links, which hide the post until
resolved. Threads moved from ``threads.net`` to ``threads.com`` in 2025, so the canonical
permalink is ``https://www.threads.com/@HANDLE/post/CODE``, or ``https://www.threads.com/t/CODE``
when the link names no one.

CODE uses Instagram's shortcode alphabet and, read with Instagram's formula, gives plausible
times (``CuX_UYABrr7`` → 2023-07-06, the day after Threads launched). No timestamp from the
platform has confirmed it, so the ID is reported as carrying no verified time, with the
probable time in the note. Numeric Threads API IDs (17 digits) are a different space.

Embeds (``blockquote.text-post-media``) show no date; an unknown display zone needs one day
of slack. The post is ``data-text-post-permalink``; the fallback link reads "Post by @HANDLE" /
"View on Threads", boilerplate that :func:`read_embed` drops after taking the shown handle.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from urllib.parse import SplitResult

import regex

from provenance.model import Fragment, IdTime, PostRef
from provenance.platforms import forms, instagram
from provenance.platforms.base import (
    MAX_SIGNED_64,
    UNKNOWN_ZONE_SLACK,
    Flattened,
    Platform,
    Shortcodes,
    from_ms,
    no_time,
    short_link,
    split_path,
)
from provenance.platforms.forms import EmbedForm
from provenance.platforms.markup import inner_text, without

if TYPE_CHECKING:
    from lxml import etree  # in annotations only: provenance.htmltree parses

NAME = "threads"
TITLE = "Threads"
#: Threads opened to the public on 2023-07-05.
LAUNCHED = date(2023, 7, 5)
HANDLE = re.compile(r"[A-Za-z0-9._]{1,30}")
#: Every code since the launch spells a media ID above 2^61, which takes eleven digits.
CODE = re.compile(r"[A-Za-z0-9_-]{11}")
HOSTS = ("threads.com", "threads.net")


#: The fallback link's lines: the shown handle, and a call to open the post.
BOILERPLATE = regex.compile(r"Post by @(?P<handle>[A-Za-z0-9._]{1,30})|View on Threads", regex.IGNORECASE)


def permalink(handle: str | None, code: str) -> str:
    """The canonical permalink of post ``code``."""
    if handle is None:
        return f"https://www.threads.com/t/{code}"
    return f"https://www.threads.com/@{handle}/post/{code}"


def _post(handle: str | None, code: str) -> PostRef | None:
    if not CODE.fullmatch(code) or instagram.shortcode_to_id(code) > MAX_SIGNED_64:
        return None
    if handle is not None and not HANDLE.fullmatch(handle):
        handle = None
    return PostRef(NAME, code, handle, permalink(handle, code))


def parse_url(url: SplitResult) -> PostRef | None:
    """Read a post link; share links give a post with no ID."""
    segments = split_path(url)
    if len(segments) >= 3 and segments[0].startswith("@") and segments[1] == "post":
        return _post(segments[0][1:], segments[2])
    if len(segments) >= 2 and segments[0] == "t":
        return _post(None, segments[1])
    if segments and segments[0] == "share":
        return short_link(NAME)
    return None


def parse_id(raw: str) -> PostRef | None:
    """Read a bare post shortcode."""
    return _post(None, raw.strip())


def read_embed(element: etree._Element, fragment: Fragment) -> Fragment:
    """Take the shown handle from "Post by @HANDLE" and drop the fallback's boilerplate."""
    # The fallback's lines are separate elements with no space between them.
    text = inner_text(element, "\n")
    shown = next((found for found in BOILERPLATE.finditer(text) if found["handle"]), None)
    handle = shown["handle"] if shown is not None else fragment.handle
    return replace(fragment, handle=handle, text=without(text, BOILERPLATE))


def decode_time(ref: PostRef) -> IdTime:
    """No verified time: the probable Instagram-scheme time goes in the note."""
    if ref.post_id is None:
        return no_time("a share link hides the post ID until it is resolved")
    offset_ms = instagram.shortcode_to_id(ref.post_id) >> instagram.TIME_SHIFT
    probable = from_ms(offset_ms + instagram.INSTAGRAM_EPOCH_MS)
    if not LAUNCHED <= probable.date() <= datetime.now(UTC).date():
        return no_time("Threads post codes are not verified to encode a time")
    return no_time(
        "Threads post codes are not verified to encode a time; read as Instagram media IDs they "
        f"would give {probable:%Y-%m-%dT%H:%M:%SZ} (unverified)"
    )


def markup_id(raw: str) -> PostRef | None:
    """A bare post code found in markup: eleven characters whose Instagram-style time is plausible."""
    raw = raw.strip()
    ref = parse_id(raw)
    return ref if ref is not None and instagram.markup_id(raw) is not None else None


_EMBED_DOCS = "https://developers.facebook.com/documentation/threads/tools-and-resources/embed-a-threads-post"
#: Where Threads posts stand in pages. The handle and codes in the examples are made up.
FORMS = (
    EmbedForm(
        name="blockquote.text-post-media", kind="class", marker="text-post-media",
        example='<blockquote class="text-post-media" data-text-post-permalink="https://www.threads.net/@handle/post/'
                'CODE" data-text-post-version="0"><a href="…">Post by @handle View on Threads</a></blockquote>',
        source=_EMBED_DOCS,
    ),
    forms.bare_url("<p>https://www.threads.net/@handle/post/CODE</p>"),
    forms.flattened("Post by @handle View on Threads", _EMBED_DOCS),
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
    read_embed=read_embed,
    forms=FORMS,
    words=("threads.net", "threads.com", "text-post"),
    markup_id=markup_id,
    url_attributes=("data-text-post-permalink",),
    id_keys=("shortcode",),
    shortcodes=Shortcodes(mdx=("threads",)),
    flattened=Flattened(view_on=True),
)
