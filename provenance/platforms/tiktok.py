"""TikTok (and Douyin): video and photo links, IDs with whole seconds in the top 32 bits.

Links: ``tiktok.com/@HANDLE/video/ID`` and ``/@HANDLE/photo/ID`` (queries such as
``?is_from_webapp=1&sender_device=pc`` or ``?lang=`` are dropped), player frames
``/embed/v2/ID``, ``/embed/ID`` and ``/player/v1/ID``, the old mobile share form
``m.tiktok.com/v/ID.html``, and Douyin's ``douyin.com/video/ID`` and ``/note/ID``. Short links
(``vm.tiktok.com/CODE``, ``vt.tiktok.com/CODE``, ``tiktok.com/t/CODE``) hide the ID until
resolved. The canonical permalink is ``https://www.tiktok.com/@HANDLE/video/ID`` (``/photo/`` for
photo posts); with no handle known it is ``https://www.tiktok.com/@_/video/ID``, a placeholder
that TikTok redirects to the right account (widely used by other tools, not documented).
Douyin posts keep ``https://www.douyin.com/video/ID``.

An ID's top 32 bits are Unix seconds: ``seconds = id >> 32`` (checked against 17 posts whose
``create_time`` is public: the ID is 1–37 s earlier). Bits 22–31 look like milliseconds but
that is unverified, so the time is reported to the second.

Embeds (``blockquote.tiktok-embed``) show no date; an unknown display zone needs one day of
slack. The post is in ``cite`` (else ``data-video-id``); the fallback ``<section>`` reads
``@user CAPTION #tag ♬ original sound - user`` (:func:`read_embed`): the first ``@user`` link is
the shown handle, the ``♬`` link names the sound, and the rest is the caption. Creator embeds
(``data-embed-type="creator"``) name an account, not a post, and are not citations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult

from provenance.model import Fragment, IdTime, PostRef
from provenance.platforms import forms
from provenance.platforms.base import (
    UNKNOWN_ZONE_SLACK,
    Flattened,
    Platform,
    Shortcodes,
    checked,
    dated_id,
    from_seconds,
    no_time,
    short_link,
    split_path,
)
from provenance.platforms.forms import EmbedForm
from provenance.platforms.markup import clean_lines, inner_text
from provenance.platforms.oembed import Author, OEmbed, author_from_at_url, text_field

if TYPE_CHECKING:
    from lxml import etree  # in annotations only: provenance.htmltree parses

NAME = "tiktok"
TITLE = "TikTok"
#: Douyin, whose IDs share the layout, launched in China on 2016-09-20; TikTok came later.
LAUNCHED = date(2016, 9, 20)
#: The low 32 bits are sub-second and machine data; the rest is Unix seconds.
TIME_SHIFT = 32
#: IDs are unsigned 64-bit numbers.
MAX_ID = 2**64 - 1
VIDEO_ID = re.compile(r"[0-9]{1,20}")
HANDLE = re.compile(r"[A-Za-z0-9._]{1,24}")
SHORT_HOSTS = frozenset({"vm.tiktok.com", "vt.tiktok.com"})
HOSTS = ("tiktok.com", "douyin.com")
#: The note that starts the name of a post's sound in embeds and their flattened text.
SOUND_MARK = "♬"


def permalink(handle: str | None, video_id: str, kind: str = "video") -> str:
    """The canonical permalink of TikTok post ``video_id``."""
    return f"https://www.tiktok.com/@{handle or '_'}/{kind}/{video_id}"


def _post(handle: str | None, video_id: str, kind: str = "video") -> PostRef | None:
    if not VIDEO_ID.fullmatch(video_id) or int(video_id) > MAX_ID:
        return None
    if handle is not None and (handle == "_" or not HANDLE.fullmatch(handle)):
        handle = None
    return PostRef(NAME, video_id, handle, permalink(handle, video_id, kind))


def parse_url(url: SplitResult) -> PostRef | None:
    """Read a video, photo, player or Douyin link; short links give a post with no ID."""
    host = url.hostname or ""
    segments = split_path(url)
    if host in SHORT_HOSTS:
        return short_link(NAME) if segments else None
    if host.endswith("douyin.com"):
        if len(segments) >= 2 and segments[0] in ("video", "note") and VIDEO_ID.fullmatch(segments[1]):
            video_id = segments[1]
            return PostRef(NAME, video_id, None, f"https://www.douyin.com/video/{video_id}")
        return None
    if len(segments) >= 3 and segments[0].startswith("@") and segments[1] in ("video", "photo"):
        return _post(segments[0][1:], segments[2], segments[1])
    if len(segments) >= 3 and segments[:2] in (["embed", "v2"], ["player", "v1"]):
        return _post(None, segments[2])
    if len(segments) >= 2 and segments[0] == "embed":
        return _post(None, segments[1])
    if len(segments) >= 2 and segments[0] == "v" and segments[1].endswith(".html"):
        return _post(None, segments[1].removesuffix(".html"))
    if len(segments) >= 2 and segments[0] == "t":
        return short_link(NAME)
    return None


def parse_id(raw: str) -> PostRef | None:
    """Read a bare numeric video ID."""
    return _post(None, raw.strip())


def read_embed(element: etree._Element, fragment: Fragment) -> Fragment:
    """Read the shown ``@user`` and the caption, without the sound's name."""
    body = next(element.iterdescendants("section"), element)
    handle = None
    for anchor in list(body.iterdescendants("a")):
        if not any(above is body for above in anchor.iterancestors()):
            continue  # inside a link already dropped
        text = clean_lines(inner_text(anchor, " ")) or ""
        # A dropped link is emptied, the text after it kept.
        if text.startswith(SOUND_MARK):
            anchor.clear(keep_tail=True)
        elif handle is None and text.startswith("@") and HANDLE.fullmatch(text[1:]):
            handle = text[1:]
            anchor.clear(keep_tail=True)
    return replace(fragment, handle=handle or fragment.handle, text=clean_lines(inner_text(body)))


def decode_time(ref: PostRef) -> IdTime:
    """The whole second a video ID encodes."""
    if ref.post_id is None:
        return no_time("a short link hides the video ID until it is resolved")
    number = int(ref.post_id)
    if number > MAX_ID:
        return IdTime(None, problem="not a video ID: larger than 64 bits")
    return checked(from_seconds(number >> TIME_SHIFT), "s", launched=LAUNCHED, title=TITLE)


def markup_id(raw: str) -> PostRef | None:
    """A bare video ID found in markup: digits whose time is plausible."""
    return dated_id(parse_id(raw), decode_time) if raw.strip().isdigit() else None


_EMBED_DOCS = "https://developers.tiktok.com/doc/embed-videos/"
#: Where TikTok videos stand in pages. The handle and IDs in the examples are made up.
FORMS = (
    EmbedForm(
        name="blockquote.tiktok-embed", kind="class", marker="tiktok-embed",
        example='<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@handle/video/ID" data-video-id="ID">'
                '<section><a title="@handle">@handle</a> CAPTION ♬ original sound - handle</section></blockquote>',
        source=_EMBED_DOCS,
    ),
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"tiktok\.com/(?:embed|player)", hint="tiktok",
        tags=("iframe",),
        example='<iframe src="https://www.tiktok.com/player/v1/ID"></iframe>',
        source="https://developers.tiktok.com/doc/embed-player/",
    ),
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"tiktok\.com/(?:embed|player)", hint="tiktok",
        tags=("iframe",), variant="v2",
        example='<iframe src="https://www.tiktok.com/embed/v2/ID"></iframe>',
        source="embed.js output as saved in pages (the frame blockquote.tiktok-embed becomes); yt-dlp/yt-dlp: "
               "yt_dlp/extractor/tiktok.py",
    ),
    EmbedForm(
        name="amp-tiktok", kind="tag", marker="amp-tiktok", id_attribute="data-src",
        example='<amp-tiktok width="325" height="575" data-src="ID"></amp-tiktok>',
        source="https://amp.dev/documentation/components/amp-tiktok/",
    ),
    forms.wordpress_block(
        "tiktok",
        '<figure class="wp-block-embed is-type-video is-provider-tiktok wp-block-embed-tiktok">'
        '<div class="wp-block-embed__wrapper">\nhttps://www.tiktok.com/@handle/video/ID\n</div></figure>',
    ),
    forms.bare_url("<p>https://www.tiktok.com/@handle/video/ID</p>"),
    forms.flattened("@handle CAPTION #tag ♬ original sound - handle", _EMBED_DOCS + " (the fallback's text)"),
)

def oembed_author(data: Mapping[str, Any]) -> Author:
    """The author of TikTok's oEmbed answer: ``author_unique_id`` is the handle."""
    found = author_from_at_url(data)
    return Author(text_field(data, "author_unique_id") or found.handle, found.name, found.url)

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
    words=("tiktok",),
    markup_id=markup_id,
    element_ids=(("blockquote", "data-video-id"),),
    shortcodes=Shortcodes(mdx=("tiktok",)),
    quote_box_words=("tiktok",),
    oembed=OEmbed("oembed-tiktok", "https://www.tiktok.com/oembed", oembed_author),
    post_kind="Video",
    flattened=Flattened(sound_mark=SOUND_MARK),
)
