"""YouTube: video links of every shape; the 11-character ID is random and carries no time.

Links: ``youtube.com/watch?v=ID`` (``m.``, ``music.`` and ``www.`` hosts; ``&t=``, ``&list=``,
``&si=`` dropped), ``youtu.be/ID``, ``/shorts/ID``, ``/live/ID``, ``/embed/ID`` and ``/v/ID`` (also on
``youtube-nocookie.com``; ``/v/`` is the old Flash player, whose URLs join their options with
``&`` and no ``?``: ``/v/ID&hl=en&fs=1``). Channel, playlist and search pages are not single
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

from provenance.model import Citation, IdTime, PostRef
from provenance.platforms import forms
from provenance.platforms.base import UNKNOWN_ZONE_SLACK, Platform, Shortcodes, no_time, query_value, split_path
from provenance.platforms.forms import EmbedForm
from provenance.platforms.oembed import OEmbed, author_from_at_url

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
        # The Flash player's URLs joined their options with "&" and no "?": /v/ID&hl=en&fs=1.
        return _video(segments[1].split("&", 1)[0] if segments[0] == "v" else segments[1])
    return None


def parse_id(raw: str) -> PostRef | None:
    """Read a bare 11-character video ID."""
    return _video(raw.strip())


def decode_time(ref: PostRef) -> IdTime:
    """Always no time: video IDs are random."""
    return no_time("YouTube video IDs are random: no time encoded")


def markup_id(raw: str) -> PostRef | None:
    """A bare video ID found in markup: eleven characters, not all digits."""
    raw = raw.strip()
    return parse_id(raw) if not raw.isdigit() else None


_EMBED_DOCS = "https://developers.google.com/youtube/iframe_api_reference"
#: Where YouTube videos stand in pages. The video IDs in the examples are made up.
FORMS = (
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"youtube(?:-nocookie)?\.com/embed/", hint="youtube",
        tags=("iframe",),
        example='<iframe src="https://www.youtube.com/embed/ID?feature=oembed" allowfullscreen></iframe>',
        source=_EMBED_DOCS,
    ),
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"youtube(?:-nocookie)?\.com/embed/", hint="youtube",
        tags=("iframe",), variant="nocookie",
        example='<iframe src="https://www.youtube-nocookie.com/embed/ID"></iframe>',
        source="https://support.google.com/youtube/answer/171780 (privacy-enhanced mode)",
    ),
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"youtube(?:-nocookie)?\.com/embed/", hint="youtube",
        tags=("iframe",), variant="lazy",
        example='<iframe class="lazyload" data-src="https://www.youtube.com/embed/ID"></iframe>',
        source="npm lazyembed2 README; AmigoDheena/amigolazy README",
    ),
    EmbedForm(
        name="amp-youtube", kind="tag", marker="amp-youtube", id_attribute="data-videoid",
        example='<amp-youtube data-videoid="ID" layout="responsive" width="480" height="270"></amp-youtube>',
        source="https://amp.dev/documentation/components/amp-youtube/",
    ),
    EmbedForm(
        name="lite-youtube", kind="tag", marker="lite-youtube", id_attribute="videoid",
        example='<lite-youtube videoid="ID" playlabel="Play"></lite-youtube>',
        source="paulirish/lite-youtube-embed: readme.md",
    ),
    forms.wordpress_block(
        "youtube",
        '<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube">'
        '<div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=ID\n</div></figure>',
    ),
    EmbedForm(
        name="figure.kg-embed-card", kind="wrapper", marker="kg-embed-card", tags=("figure",),
        example='<figure class="kg-card kg-embed-card"><iframe src="https://www.youtube.com/embed/ID?feature=oembed">'
                "</iframe></figure> (reported as the frame)",
        source="TryGhost/Koenig: packages/kg-default-nodes/lib/nodes/embed/embed-renderer.js",
    ),
    forms.drupal_oembed(
        '<iframe src="/media/oembed?url=https%3A//www.youtube.com/watch%3Fv%3DID&amp;max_width=0&amp;hash=…"></iframe>'
    ),
    forms.borlabs_v2(
        "youtube",
        '<div class="BorlabsCookie _brlbs-cb-youtube">PREVIEW<div class="borlabs-hide">'
        '<script type="text/template">BASE64</script></div></div>',
    ),
    forms.embed_privacy(
        '<div class="embed-privacy-container embed-youtube" data-embed-provider="youtube">…'
        "<script>var _oembed_… = '{…&lt;iframe src=&quot;https://www.youtube-nocookie.com/embed/ID&quot;…}';"
        "</script></div>"
    ),
    forms.bare_url("<p>https://www.youtube.com/watch?v=ID</p>"),
)

def oembed_target(citation: Citation) -> str | None:
    """The post URL YouTube's oEmbed endpoint is asked about: the canonical watch URL."""
    return permalink(citation.post_id) if citation.post_id else None

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
    words=("youtube", "youtu.be"),
    markup_id=markup_id,
    shortcodes=Shortcodes(hugo=("youtube",), jekyll=("youtube",), mdx=("youtube",), jetpack=("youtube",)),
    oembed=OEmbed(
        "oembed-youtube", "https://www.youtube.com/oembed", author_from_at_url, oembed_target, (("format", "json"),)
    ),
    post_kind="Video",
)
