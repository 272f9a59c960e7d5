"""What every platform module provides, and the helpers they share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, parse_qs

import regex

from provenance.model import Fragment, IdTime, PostRef, TimeSpan
from provenance.platforms.forms import EmbedForm

if TYPE_CHECKING:
    from lxml import etree

    from provenance.platforms.oembed import OEmbed

__all__ = [
    "FUTURE_SLACK",
    "MAX_SIGNED_64",
    "UNKNOWN_ZONE_SLACK",
    "Flattened",
    "Platform",
    "ShortLinks",
    "Shortcodes",
    "checked",
    "dated_id",
    "from_ms",
    "from_seconds",
    "from_us",
    "no_time",
    "query_value",
    "short_link",
    "split_path",
]

#: The largest value a signed 64-bit ID column holds; every platform here stores IDs so.
MAX_SIGNED_64 = 2**63 - 1
#: A decoded time may lie this far past our clock before it counts as impossible: the
#: platform's clock may run ahead of ours, and the check must not depend on a fast host.
FUTURE_SLACK = timedelta(days=1)
#: Slack for a shown date whose display time zone is not verified: any zone on Earth puts
#: the local date within one day of the UTC date.
UNKNOWN_ZONE_SLACK = timedelta(days=1)


@dataclass(frozen=True)
class Flattened:
    """What a platform's embed leaves once a scraper drops its markup, and how it is anchored
    (read by :mod:`provenance.extract.flattened` and :mod:`provenance.extract.phrases`)."""

    #: The handle in a dash attribution ``— Name (@HANDLE) DATE`` (a regular expression's source,
    #: no groups): X's and Bluesky's embeds flatten so. The platforms' patterns must not overlap.
    dash_handle: str | None = None
    #: Whether the shown date of a dash attribution keeps its time of day (``… at 12:58 AM``).
    time_after_date: bool = False
    #: Whether the text on a dash attribution's line always ends the post (never starts it).
    ends_at_attribution: bool = False
    #: The text an embed puts where a post has media, dropped from the post's text.
    media_placeholder: str | None = None
    #: ``PHRASE Name (@handle)`` (groups ``name`` and ``handle``), with the date after it on its
    #: line: Instagram's "A post shared by …", in every language the platform writes it.
    attribution: regex.Pattern[str] | None = None
    #: The call to open the post above a flattened ``attribution`` embed (a whole line).
    view_prompt: regex.Pattern[str] | None = None
    #: (words before the name, words between the name and the date) of a "Posted by NAME on
    #: DATE" line, by language; the date must follow, with its weekday.
    posted_by: tuple[tuple[str, str], ...] = ()
    #: The mark, one character, that starts the name of a post's sound (``@user CAPTION ♬ original sound``).
    sound_mark: str | None = None
    #: Whether its fallback link reads ``Post by @handle View on TITLE``.
    view_on: bool = False


@dataclass(frozen=True)
class Shortcodes:
    """The shortcodes and components that site generators and CMSs write for a platform's posts
    (read by :mod:`provenance.extract.shortcodes`)."""

    #: Hugo shortcode names (``{{< NAME ARGS >}}``) whose arguments name one of its posts.
    hugo: tuple[str, ...] = ()
    #: (user, ID) → the post's URL, when a Hugo shortcode of it may name the post ``USER ID`` (the
    #: ID last, as Hugo's old tweet shortcode did) or ``user="…" id="…"``; when None, the first
    #: argument is the ID.
    hugo_user_url: Callable[[str, str], str] | None = None
    #: Jekyll tag names (``{% NAME URL-or-ID %}``) that take its posts' URLs or bare IDs.
    jekyll: tuple[str, ...] = ()
    #: Lower-case words in an MDX component's name (``<TwitterTweetEmbed … />``) that say it embeds it.
    mdx: tuple[str, ...] = ()
    #: A capitalised word that must stand whole in a component's name (``XPost``, ``XEmbed``).
    mdx_whole_word: str | None = None
    #: Jetpack's WordPress shortcodes (``[NAME URL]``, ``[NAME url=URL]``, ``[NAME=URL]``).
    jetpack: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShortLinks:
    """The short-link hosts a platform writes in its posts' text, and how each is resolved online."""

    #: Host → the configuration key of the base URL a link on it is asked through.
    hosts: tuple[tuple[str, str], ...]
    #: Configuration key → its public default base URL.
    defaults: tuple[tuple[str, str], ...]
    #: The hosts whose links name media attached to the post (a picture or a video), not a link
    #: the post shares.
    media_hosts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Platform:
    """One platform: how its links look, what its IDs encode, how its embeds show dates."""

    #: The stable short name used in output (``x``, ``instagram``, …).
    name: str
    #: The name people know it by.
    title: str
    #: Host names whose links belong to it; a host matches itself and its subdomains.
    hosts: tuple[str, ...]
    #: The first day a post can have been made there; earlier decoded times are implausible.
    launched: date
    #: How far a shown date may lie from the ID's UTC calendar day because of the time
    #: zone the platform displays it in (zero for X, which shows the UTC date).
    shown_date_slack: timedelta
    #: URL (already split; netloc is the lower-cased host, with ``www.``, ``m.``, ``mobile.``
    #: and the like removed when the host is one the platform lists) → post, or None. A URI
    #: whose scheme is in ``schemes`` is passed as split, authority untouched.
    parse_url: Callable[[SplitResult], PostRef | None]
    #: A bare ID or record key → post, or None when it is not one of this platform's IDs.
    parse_id: Callable[[str], PostRef | None]
    #: Post → the creation time its ID encodes, or an IdTime saying why there is none.
    decode_time: Callable[[PostRef], IdTime]
    #: Other names people use for it, accepted wherever a platform is named (``twitter``).
    aliases: tuple[str, ...] = ()
    #: Whether links on hosts not listed in ``hosts`` may belong to it (Mastodon servers).
    any_host: bool = False
    #: For an ``any_host`` platform: strings one of which the path of every post link it reads
    #: holds (``/@``), so that the many links on hosts nobody owns are parsed only when one
    #: may be its post.
    path_marks: tuple[str, ...] = ()
    #: URI schemes other than http(s) that belong to it (``at`` for Bluesky).
    schemes: tuple[str, ...] = ()
    #: The embed element and what the generic reader found in it → the fragment with this
    #: platform's own markup read (attribution phrases, ``<time datetime>``, boilerplate
    #: removed); None when the generic reading is all there is.
    read_embed: Callable[[etree._Element, Fragment], Fragment] | None = None
    #: The forms publishers put its posts in (see :mod:`provenance.platforms.forms`), with their
    #: sources; the extractor's scans are built from them.
    forms: tuple[EmbedForm, ...] = ()
    #: Lower-case words that name it in markup (class names, attributes, configs): an element
    #: whose attributes hold one is read by the generic reader for a post of this platform.
    words: tuple[str, ...] = ()
    #: A bare ID found in markup beside one of ``words`` → post, only when the ID's shape (and the
    #: time it encodes) leaves no doubt that it is one of this platform's posts; None when the
    #: generic reader never reads a bare ID as this platform's (IDs that are plain counters).
    markup_id: Callable[[str], PostRef | None] | None = None
    #: Attributes of its embed element that hold the post's URL (``data-instgrm-permalink``),
    #: read before the generic ones (``data-href``, ``cite``, ``src``, …).
    url_attributes: tuple[str, ...] = ()
    #: Attributes that, on any element of an embed, hold one of its bare post IDs
    #: (``data-tweet-id``): the post is then ``id_permalink(ID)``.
    id_attributes: tuple[str, ...] = ()
    #: Attribute names (without ``data-``) and JSON keys, lower-case letters and digits, that name
    #: one of its posts' IDs in markup the generic reader reads, besides the generic ones
    #: (``id``, ``postid``, ``videoid``, …) and ``WORD + id`` for each of ``words``.
    id_keys: tuple[str, ...] = ()
    #: A bare ID → the permalink an ``id_attributes`` value stands for.
    id_permalink: Callable[[str], str] | None = None
    #: (tag, attribute) of the embed element itself whose value is a bare post ID
    #: (``blockquote[data-video-id]``); a tag of None is any tag.
    element_ids: tuple[tuple[str | None, str], ...] = ()
    #: The shortcodes and components that name its posts.
    shortcodes: Shortcodes = Shortcodes()
    #: What its embeds leave once flattened to text, and how that is anchored.
    flattened: Flattened = Flattened()
    #: Its short-link hosts (``t.co``), or None when its posts' text holds none.
    short_links: ShortLinks | None = None
    #: Classes of its widgets that show a feed of posts (a timeline), not one post in the article.
    feed_classes: tuple[str, ...] = ()
    #: Lower-case words that, as the last part of a class or id name split at ``-`` and ``_``
    #: (``subbuzz-tweet``, ``embed-twitter``), mark a box quoting one of its posts: a date inside
    #: is the post's, never the article's (read by :mod:`provenance.published.furniture`).
    quote_box_words: tuple[str, ...] = ()
    #: (handles, post ID) → the URLs the Wayback Machine may hold the post under, most likely first,
    #: when a post has several equivalent URLs (X's two hosts); None: its permalink alone.
    archive_urls: Callable[[tuple[str, ...], str], tuple[str, ...]] | None = None
    #: Its public oEmbed endpoint, or None when it has none that answers without a key.
    oembed: OEmbed | None = None
    #: What a post there is in a reference list (APA's bracket, CSL's ``genre``): ``Post``, ``Video``.
    post_kind: str = "Post"
    #: Whether a bare ID given with no platform named (``provenance cite ID``) is read as one of its
    #: posts: true for the one platform whose bare IDs people pass around most (X's).
    bare_id_default: bool = False


def no_time(reason: str) -> IdTime:
    """An IdTime that says the ID carries no time, and why."""
    return IdTime(None, None, None, reason)


def short_link(platform: str) -> PostRef:
    """A post named only by an opaque short or share link: the ID needs the link resolved."""
    return PostRef(platform, None)


def from_ms(ms: int) -> datetime:
    """The UTC datetime ``ms`` milliseconds after the Unix epoch, exactly."""
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=ms)


def from_us(us: int) -> datetime:
    """The UTC datetime ``us`` microseconds after the Unix epoch, exactly."""
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=us)


def from_seconds(seconds: int) -> datetime:
    """The UTC datetime ``seconds`` whole seconds after the Unix epoch."""
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)


def checked(
    moment: datetime,
    precision: str,
    *,
    launched: date,
    title: str,
    note: str | None = None,
    now: datetime | None = None,
) -> IdTime:
    """``moment`` as an IdTime, or a problem when it lies before ``launched`` or in the future."""
    # The launch day may be a local day anywhere on Earth, so its earliest instant counts.
    if moment < TimeSpan.day(launched).earliest:
        return IdTime(
            None,
            note=note,
            problem=f"decodes to {_stamp(moment)}, before {title} existed ({launched.isoformat()})",
        )
    if moment > (now or datetime.now(UTC)) + FUTURE_SLACK:
        return IdTime(None, note=note, problem=f"decodes to {_stamp(moment)}, in the future")
    return IdTime(moment, precision, note=note)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def dated_id(ref: PostRef | None, decode_time: Callable[[PostRef], IdTime]) -> PostRef | None:
    """``ref`` when its ID encodes a plausible creation time (not an estimate), else None."""
    if ref is None or ref.post_id is None:
        return None
    decoded = decode_time(ref)
    if decoded.moment is None or decoded.problem is not None or decoded.precision == "estimate":
        return None
    return ref


def split_path(url: SplitResult) -> list[str]:
    """The non-empty segments of a URL's path."""
    return [segment for segment in url.path.split("/") if segment]


def query_value(url: SplitResult, key: str) -> str | None:
    """The first value of query parameter ``key``, percent-decoded, or None."""
    values = parse_qs(url.query).get(key)
    return values[0] if values else None
