"""Facebook: posts, photos, videos and reels behind many URL shapes; IDs carry no known time.

Links (on ``www.``, ``m.``, ``web.``, ``mbasic.`` hosts and ``fb.com``):

- ``/PAGE/posts/ID`` and ``/PAGE/posts/pfbid…``; ``graph.facebook.com/PAGEID/posts/ID`` and
  ``graph.facebook.com/PAGEID_ID``; groups ``/groups/GROUP/posts/ID`` and ``/groups/GROUP/permalink/ID``;
- ``/permalink.php?story_fbid=ID&id=PAGEID`` and ``/story.php?…`` (same parameters);
- photos ``/photo.php?fbid=ID``, ``/photo/?fbid=ID``, ``/PAGE/photos/ALBUM/ID``;
- videos ``/PAGE/videos/[SLUG/]ID[/TOKEN]``, ``/watch/?v=ID``, and reels ``/reel/ID``;
- the embed frames ``/plugins/post.php``, ``/plugins/video.php`` and ``/plugins/comment_embed.php``,
  whose percent-encoded ``href`` parameter is the post's own link (unwrapped and read);
- share links ``/share/p/CODE/`` (``/v/``, ``/r/``) and ``fb.watch/CODE``, which hide the post
  until resolved.

Outbound redirects (``l.facebook.com/l.php?u=``), profiles and pages are not posts. Canonical
permalinks: ``https://www.facebook.com/PAGE/posts/ID`` (``/groups/GROUP/posts/ID``),
``https://www.facebook.com/permalink.php?story_fbid=ID&id=PAGEID``,
``https://www.facebook.com/photo.php?fbid=ID``, ``https://www.facebook.com/watch/?v=ID`` for every
video, ``https://www.facebook.com/reel/ID``. ``handle`` is the page or profile name when the link
gives one (a numeric page ID is not a handle).

Neither numeric IDs nor ``pfbid`` tokens have a documented time in them (``fbclid`` holds a
click time, not a post time), so no time is decoded.

Embeds (``div.fb-post``) show a date such as ``Monday, September 12, 2016``; its time zone is
not verified, so it is compared with one day of slack.

Embeds (:func:`read_embed`): ``div.fb-post``, ``div.fb-video`` (empty, or with the fallback
``<blockquote>`` the SDK replaces), ``amp-facebook`` and the ``/plugins/post.php`` frames. The
fallback ends ``Posted by <a href=PAGE>Name</a> on <a href=POST>DATE</a>`` in English and
``Publicado por … en …``, ``… paylaştı: …`` and the like elsewhere: whatever the language, the
link to a page that is not a post is the poster (its text the display name, its path the handle)
and the last link whose text is a date is the shown date. The post's text is the fallback's other
paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, urlsplit

from provenance.dates import match_date
from provenance.model import Fragment, IdTime, PostRef
from provenance.platforms import forms
from provenance.platforms.base import (
    UNKNOWN_ZONE_SLACK,
    Flattened,
    Platform,
    Shortcodes,
    no_time,
    query_value,
    short_link,
    split_path,
)
from provenance.platforms.forms import EmbedForm
from provenance.platforms.markup import attr, clean_lines, inner_text, links

if TYPE_CHECKING:
    from lxml import etree  # in annotations only: provenance.htmltree parses

NAME = "facebook"
TITLE = "Facebook"
#: Facebook opened on 2004-02-04.
LAUNCHED = date(2004, 2, 4)
POST_ID = re.compile(r"[0-9]{1,25}|pfbid[A-Za-z0-9]{10,100}")
NUMERIC_ID = re.compile(r"[0-9]{1,25}")
#: Page and profile names: letters, digits and dots (at least five, but old pages are shorter).
PAGE = re.compile(r"[A-Za-z0-9.-]{1,80}")
#: First path segments that are site sections, never a page name.
RESERVED = frozenset(
    {
        "groups", "watch", "reel", "reels", "share", "plugins", "videos", "photo", "photos",
        "people", "pages", "events", "hashtag", "search", "stories", "marketplace", "gaming",
        "permalink.php", "story.php", "photo.php", "profile.php", "l.php", "login", "home.php",
    }
)  # fmt: skip
PLUGINS = frozenset({"post.php", "video.php", "comment_embed.php"})
SHORT_HOSTS = ("fb.watch", "fb.me")
OUTBOUND_HOSTS = frozenset({"l.facebook.com", "lm.facebook.com"})
HOSTS = ("facebook.com", "fb.com", "fb.watch", "fb.me")
WWW = "https://www.facebook.com"
#: How the fallback attributes a post, by language: (the words before the name, the words
#: between the name and the date). Seen in embed code: English, Spanish, and Turkish, which
#: names the poster first. Flattened text keeps these words, so they anchor it.
POSTED_BY = (("Posted by", "on"), ("Publicado por", "en"), ("", "paylaştı:"))


def _page(raw: str) -> str | None:
    """The page name in a path segment, or None for numeric IDs and site sections."""
    if raw in RESERVED or raw.isdigit() or not PAGE.fullmatch(raw):
        return None
    return raw


def _post(post_id: str | None, handle: str | None, link: str) -> PostRef | None:
    if post_id is None or not POST_ID.fullmatch(post_id):
        return None
    return PostRef(NAME, post_id, handle, link)


def _video(video_id: str | None, handle: str | None = None) -> PostRef | None:
    if video_id is None or not NUMERIC_ID.fullmatch(video_id):
        return None
    return PostRef(NAME, video_id, handle, f"{WWW}/watch/?v={video_id}")


def _video_id(segments: list[str]) -> str | None:
    """The video's ID among the segments after ``videos``: the last number, so that a slug before
    it (``videos/a-slug/ID``) and a feed's story token after it (``videos/ID/UzpfSTEx…``) are left."""
    return next((segment for segment in reversed(segments) if NUMERIC_ID.fullmatch(segment)), None)


def _photo(photo_id: str | None, handle: str | None = None) -> PostRef | None:
    if photo_id is None or not NUMERIC_ID.fullmatch(photo_id):
        return None
    return PostRef(NAME, photo_id, handle, f"{WWW}/photo.php?fbid={photo_id}")


def _story(url: SplitResult) -> PostRef | None:
    story, owner = query_value(url, "story_fbid"), query_value(url, "id")
    if story is None or (owner is not None and not NUMERIC_ID.fullmatch(owner)):
        return None
    link = f"{WWW}/permalink.php?story_fbid={story}" + (f"&id={owner}" if owner else "")
    return _post(story, None, link)


def _plugin(url: SplitResult) -> PostRef | None:
    href = query_value(url, "href")
    if not href:
        return None
    try:
        inner = urlsplit(href if "://" in href else "https://" + href.lstrip("/"))
        host = inner.hostname or ""
    except ValueError:
        return None
    if not any(host == site or host.endswith("." + site) for site in HOSTS):
        return None
    return _read(inner, host, nested=True)


def parse_url(url: SplitResult) -> PostRef | None:
    """Read a post, photo, video, reel, embed-frame or share link."""
    return _read(url, url.hostname or "", nested=False)


def _read(url: SplitResult, host: str, *, nested: bool) -> PostRef | None:
    segments = split_path(url)
    if host in OUTBOUND_HOSTS:
        return None
    if any(host == short or host.endswith("." + short) for short in SHORT_HOSTS):
        return short_link(NAME) if segments else None
    if not segments:
        return None
    first = segments[0]
    if first == "plugins" and len(segments) == 2 and segments[1] in PLUGINS:
        return None if nested else _plugin(url)
    if first in ("permalink.php", "story.php"):
        return _story(url)
    if first in ("photo.php", "photo"):
        return _photo(query_value(url, "fbid"))
    if first == "watch":
        return _video(query_value(url, "v"))
    if first in ("reel", "reels") and len(segments) >= 2 and NUMERIC_ID.fullmatch(segments[1]):
        return PostRef(NAME, segments[1], None, f"{WWW}/reel/{segments[1]}")
    if first == "share":
        return short_link(NAME) if len(segments) >= 2 else None
    if first == "groups" and len(segments) >= 4 and segments[2] in ("posts", "permalink"):
        group = segments[1]
        return _post(segments[3], None, f"{WWW}/groups/{group}/posts/{segments[3]}")
    if first == "videos" and len(segments) >= 2:
        return _video(_video_id(segments[1:]))
    if host.startswith("graph.") and len(segments) == 1 and "_" in first:
        owner, _, post_id = first.partition("_")
        if NUMERIC_ID.fullmatch(owner):
            return _post(post_id, None, f"{WWW}/{owner}/posts/{post_id}")
        return None
    if len(segments) < 3:
        return None
    handle = _page(first)
    if handle is None and not NUMERIC_ID.fullmatch(first):
        return None
    section = segments[1]
    if section == "posts":
        return _post(segments[2], handle, f"{WWW}/{first}/posts/{segments[2]}")
    if section == "videos":
        return _video(_video_id(segments[2:]), handle)
    if section == "photos":
        return _photo(segments[-1], handle)
    return None


def parse_id(raw: str) -> PostRef | None:
    """Read a bare numeric post ID or ``pfbid`` token (no permalink: the page is unknown)."""
    raw = raw.strip()
    return PostRef(NAME, raw) if POST_ID.fullmatch(raw) else None


def _is_facebook(url: SplitResult) -> bool:
    host = (url.hostname or "").lower()
    return any(host == site or host.endswith("." + site) for site in HOSTS)


def _split(href: str) -> SplitResult | None:
    try:
        return urlsplit(href if "//" in href else "https://" + href.lstrip("/"))
    except ValueError:
        return None


def _poster(anchor: etree._Element) -> tuple[str | None, str | None] | None:
    """The (display name, handle) a link to the poster's page gives, or None for other links."""
    url = _split(attr(anchor, "href") or "")
    if url is None or not _is_facebook(url) or len(segments := split_path(url)) != 1:
        return None  # a post, a hashtag or another site: not the poster's page
    return clean_lines(inner_text(anchor, " ")), _page(segments[0])


def read_embed(element: etree._Element, fragment: Fragment) -> Fragment:
    """Read the poster's name and page, the shown date and the text of the fallback markup."""
    anchors = links(element)
    poster = None
    credit: etree._Element | None = None
    for anchor in anchors:
        if (found := _poster(anchor)) is not None:
            poster, credit = found, anchor
    shown = fragment.shown_date_text
    dated: etree._Element | None = None
    for anchor in reversed(anchors):
        text = clean_lines(inner_text(anchor, " "))
        if text and match_date(text, 0, fragment.lang):
            shown, dated = shown or text, anchor
            break
    # A paragraph that holds the credit or the date link is the attribution, not the post.
    taken = [anchor for anchor in (credit, dated) if anchor is not None]
    paragraphs = [p for p in element.iterdescendants("p") if not any(a in taken for a in p.iterdescendants("a"))]
    name, handle = poster if poster is not None else (fragment.display_name, fragment.handle)
    return replace(
        fragment,
        display_name=name,
        handle=handle,
        shown_date_text=shown,
        text=clean_lines("\n".join(inner_text(p) for p in paragraphs)),
    )


def decode_time(ref: PostRef) -> IdTime:
    """Always no time: no time is documented in Facebook IDs."""
    return no_time("Facebook post IDs and pfbid tokens encode no documented time")


_PLUGIN_DOCS = "https://developers.facebook.com/docs/plugins/embedded-posts/"
#: Where Facebook posts stand in pages. The page name and IDs in the examples are made up.
FORMS = (
    EmbedForm(
        name="div.fb-post", kind="class", marker="fb-post",
        example='<div class="fb-post" data-href="https://www.facebook.com/PAGE/posts/ID" data-width="500">'
                '<blockquote cite="…" class="fb-xfbml-parse-ignore">… Posted by <a>Name</a> on <a>DATE</a>'
                "</blockquote></div>",
        source=_PLUGIN_DOCS,
    ),
    EmbedForm(
        name="div.fb-video", kind="class", marker="fb-video",
        example='<div class="fb-video" data-href="https://www.facebook.com/PAGE/videos/ID/"></div>',
        source="https://developers.facebook.com/docs/plugins/embedded-video-player/",
    ),
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"facebook\.com/plugins/(?:post|video|comment_embed)\.php",
        hint="plugins", tags=("iframe",),
        example='<iframe src="https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2F'
                'PAGE%2Fposts%2FID&amp;width=500"></iframe>',
        source=_PLUGIN_DOCS,
    ),
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"facebook\.com/plugins/(?:post|video|comment_embed)\.php",
        hint="plugins", tags=("iframe",), variant="lazy",
        example='<iframe data-src="https://www.facebook.com/plugins/video.php?href=…"></iframe>',
        source="npm lazyembed2 README (data-src until the frame scrolls into view)",
    ),
    EmbedForm(
        name="amp-facebook", kind="tag", marker="amp-facebook", id_attribute="data-href",
        example='<amp-facebook width="552" height="310" data-href="https://www.facebook.com/PAGE/posts/ID">'
                "</amp-facebook>",
        source="https://amp.dev/documentation/components/amp-facebook/",
    ),
    forms.wordpress_block(
        "facebook",
        '<figure class="wp-block-embed-facebook wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        "https://www.facebook.com/PAGE/posts/ID\n</div></figure>",
    ),
    forms.borlabs_v2(
        "facebook",
        '<div class="BorlabsCookie _brlbs-cb-facebook">PREVIEW<div class="borlabs-hide">BASE64</div></div>',
    ),
    forms.bare_url("<p>https://www.facebook.com/PAGE/posts/ID</p>"),
    forms.flattened("TEXT\nPosted by Name on Monday, February 7, 2022", _PLUGIN_DOCS + " (the fallback's text)"),
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
    words=("facebook", "fb-post", "fb-video"),
    shortcodes=Shortcodes(mdx=("facebook",), jetpack=("facebook",)),
    post_kind="Status update",
    flattened=Flattened(posted_by=POSTED_BY),
)
