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

Embeds (:func:`read_embed`): ``blockquote.reddit-embed-bq`` reads ``<a href=POST>TITLE</a> by
<a href=…/user/USER/>u/USER</a> in <a href=…/r/SUB/>SUB</a>`` (comments: "Comment by u/USER from
discussion TITLE in SUB"), the legacy ``blockquote.reddit-card`` ``TITLE from r/SUB``. The title is
the text, the ``/user/`` link the shown handle. ``data-embed-created`` and ``data-card-created``
are when the embed code was made, not the post: they are never read as the shown date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, urlsplit

from provenance.model import Fragment, IdTime, PostRef
from provenance.platforms import forms
from provenance.platforms.base import (
    MAX_SIGNED_64,
    UNKNOWN_ZONE_SLACK,
    Platform,
    Shortcodes,
    no_time,
    short_link,
    split_path,
)
from provenance.platforms.forms import EmbedForm
from provenance.platforms.markup import attr, clean_lines, inner_text, links
from provenance.platforms.oembed import Author, OEmbed, text_field

if TYPE_CHECKING:
    from lxml import etree  # in annotations only: provenance.htmltree parses

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


def _user(href: str) -> str | None:
    try:
        url = urlsplit(href)
    except ValueError:
        return None
    segments = split_path(url)
    host = (url.hostname or "").lower()
    if not host.endswith("reddit.com") or len(segments) != 2 or segments[0] not in ("user", "u"):
        return None
    return segments[1] if USER.fullmatch(segments[1]) else None


def read_embed(element: etree._Element, fragment: Fragment) -> Fragment:
    """Read the embedded post (the first link to one: a comment embed links its discussion
    after it), its title as the text and the ``/user/`` link as the shown handle."""
    handle = fragment.handle
    title = url = post_id = None
    for anchor in links(element):
        href = attr(anchor, "href") or ""
        if handle is None and (user := _user(href)) is not None:
            handle = user
        elif url is None and (ref := _link(href)) is not None:
            url, post_id = href, ref.post_id
            # A comment embed's link reads "Comment"; a post's is its title.
            title = None if ref.time_key else clean_lines(inner_text(anchor, " "))
    if url is None or fragment.url is None or _link(fragment.url) is None:
        url, post_id = fragment.url, fragment.post_id  # the post is in an attribute, or no link names one
    return replace(fragment, url=url, post_id=post_id, handle=handle, display_name=None, text=title)


def _link(href: str) -> PostRef | None:
    try:
        url = urlsplit(href if "//" in href else "https://" + href)
    except ValueError:
        return None
    host = (url.hostname or "").lower()
    if not any(host == site or host.endswith("." + site) for site in HOSTS):
        return None
    ref = parse_url(url)
    return ref if ref is not None and ref.post_id else None


def decode_time(ref: PostRef) -> IdTime:
    """Always no time: Reddit IDs are counters."""
    return no_time("Reddit IDs are sequential base-36 counters: no time encoded")


_EMBED_SOURCE = "xealits/xealits.github.io: tests/posts/2025/2025-07-15-embed-reddit-tests.markdown"
#: Where Reddit posts stand in pages. The subreddit, user and IDs in the examples are made up.
FORMS = (
    EmbedForm(
        name="blockquote.reddit-embed-bq", kind="class", marker="reddit-embed-bq",
        example='<blockquote class="reddit-embed-bq" data-embed-height="240"><a href="https://www.reddit.com/r/SUB/'
                'comments/ID/slug/">TITLE</a><br> by <a href="…/user/USER/">u/USER</a></blockquote>',
        source=_EMBED_SOURCE,
    ),
    EmbedForm(
        name="blockquote.reddit-card", kind="class", marker="reddit-card",
        example='<blockquote class="reddit-card" data-card-created="UNIX_S"><a href="https://www.reddit.com/r/SUB/'
                'comments/ID/slug/?ref=share&amp;ref_source=embed">TITLE</a> from <a>r/SUB</a></blockquote>',
        source="the legacy embed code (embed.redditmedia.com/widgets/platform.js), as kept in public pages",
    ),
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"embed\.reddit\.com/r/", hint="embed.reddit.com/r/",
        tags=("iframe",),
        example='<iframe src="https://embed.reddit.com/r/SUB/comments/ID/slug/?embed=true"></iframe>',
        source="Klez2003/MarseyWorld: files/assets/js/embed_twitter_reddit.js (the frame that replaces a post link)",
    ),
    EmbedForm(
        name="amp-reddit", kind="tag", marker="amp-reddit", id_attribute="data-src",
        example='<amp-reddit data-embedtype="post" data-src="https://www.reddit.com/r/SUB/comments/ID/slug/">'
                "</amp-reddit>",
        source="https://amp.dev/documentation/components/amp-reddit/",
    ),
    forms.wordpress_block(
        "reddit",
        '<figure class="wp-block-embed is-type-rich is-provider-reddit wp-block-embed-reddit">'
        '<div class="wp-block-embed__wrapper">\nhttps://www.reddit.com/r/SUB/comments/ID/slug/\n</div></figure>',
    ),
    forms.bare_url("<p>https://www.reddit.com/r/SUB/comments/ID/slug/</p>"),
)

#: Reddit shows a post whose author deleted it (or their account) with this author name.
DELETED = "[deleted]"


def oembed_author(data: Mapping[str, Any]) -> Author:
    """The author of Reddit's oEmbed answer: ``u/NAME`` is the handle."""
    name = text_field(data, "author_name")
    handle = name.removeprefix("u/") if name else None
    return Author(handle, None, text_field(data, "author_url"))

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
    words=("reddit", "redd.it"),
    shortcodes=Shortcodes(mdx=("reddit",)),
    quote_box_words=("reddit",),
    oembed=OEmbed("oembed-reddit", "https://www.reddit.com/oembed", oembed_author, deleted_author=DELETED),
    post_kind="Online forum post",
)
