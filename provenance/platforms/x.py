"""X (Twitter): status links, Snowflake IDs, media keys.

A status ID issued since 2010-11-04 is a Snowflake: 41 bits of milliseconds since
1288834974657 (2010-11-04T01:42:54.657Z), then 10 machine bits and a 12-bit sequence.
Earlier IDs (20 … 29,700,859,247, 2006-03-21 … 2010-11-04T21:02:48Z) were sequential and
encode no time; the Snowflake formula gives them a meaningless 2010-11-04T01:42Z. Their time is
estimated by interpolating between known (ID, time) anchors, as TweetedAt does
(:func:`sequential_estimate`): ``provenance/platforms/data/x/tweet_anchors.csv`` is TweetedAt's
table (MIT licence, ``LICENSE.tweetedat`` beside it), read only when such an ID is first seen. The estimate
is given or taken the table's own error bound (:func:`error_bound`: the largest leave-one-out
error, rounded up to the hour), and every rule reads it as that wide. IDs between the
last sequential ID and a Snowflake time of 2010-11-04T20:00Z were never issued. A media key in
``pbs.twimg.com/media/KEY`` is URL-safe base64 of the media's own Snowflake plus three
bytes, so it dates the upload (which may precede the post).

Links: ``x.com|twitter.com/HANDLE/status/ID`` (also ``mobile.``, ``www.``, ``/i/web/status/ID``,
``/i/status/ID``, the 2010–2012 ``/#!/HANDLE/status/ID``, mirrors ``fxtwitter.com``,
``vxtwitter.com``, ``fixupx.com``, ``nitter.net``, the widget frames
``platform.twitter.com/embed/…?id=ID`` and ``platform.x.com/embed/…?id=ID``); suffixes such as
``/photo/1`` and queries such as ``?s=20&t=…`` are dropped. The canonical permalink is
``https://x.com/HANDLE/status/ID``, or ``https://x.com/i/status/ID`` when the link names no one.
``t.co`` and ``pic.twitter.com`` are opaque redirects: they name a post but not its ID.

Embeds show the post's UTC calendar date (checked on 97 public samples in five languages),
so a shown date is compared with the ID's UTC day and no zone slack is allowed.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import SplitResult, parse_qs

from provenance import caches
from provenance.model import Citation, IdTime, PostRef
from provenance.platforms import forms
from provenance.platforms.base import (
    Flattened,
    Platform,
    Shortcodes,
    ShortLinks,
    checked,
    dated_id,
    from_ms,
    no_time,
    split_path,
)
from provenance.platforms.forms import EmbedForm
from provenance.platforms.oembed import OEmbed

NAME = "x"
TITLE = "X (Twitter)"
#: The day of the first tweet (ID 20); nothing on the platform is older.
LAUNCHED = date(2006, 3, 21)
TWITTER_EPOCH_MS = 1288834974657
#: The last sequential (pre-Snowflake) status ID, posted 2010-11-04T21:02:48Z.
LAST_SEQUENTIAL_ID = 29_700_859_247
#: The smallest Snowflake whose time (2010-11-04T20:00Z) is late enough to be a real tweet;
#: the gap between this and the last sequential ID was never issued.
FIRST_SNOWFLAKE_ID = (20 * 3_600_000 - (TWITTER_EPOCH_MS % 86_400_000)) << 22
MAX_ID = 2**63 - 1
#: The anchor table for pre-Snowflake estimates: lines of ``ID,UNIX_MS``, ``#`` comments.
#: TweetedAt's ``data/TweetTimeline.txt`` (github.com/oduwsdl/tweetedat), seconds made
#: milliseconds; MIT licence, whose text ships beside it as ``LICENSE.tweetedat``.
ANCHOR_FILE = Path(__file__).resolve().parent / "data" / NAME / "tweet_anchors.csv"
#: An estimate's error bound is rounded up to this: the bound is stated in whole hours.
BOUND_STEP = timedelta(hours=1)
HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")
STATUS_ID = re.compile(r"[0-9]{1,19}")
MEDIA_KEY = re.compile(r"[A-Za-z0-9_-]{15}")
#: First path segments that are site sections, not handles.
RESERVED = frozenset({"i", "intent", "home", "search", "hashtag", "explore", "settings", "share", "messages"})
HOSTS = (
    "twitter.com",
    "x.com",
    "fxtwitter.com",
    "vxtwitter.com",
    "fixupx.com",
    "fixvx.com",
    "nitter.net",
    "t.co",
    "pic.twitter.com",
    "pic.x.com",
    "pbs.twimg.com",
    "platform.twitter.com",
    "platform.x.com",
)


def permalink(handle: str | None, post_id: str) -> str:
    """The canonical permalink of status ``post_id``."""
    return f"https://x.com/{handle or 'i'}/status/{post_id}"


def _status(handle: str | None, post_id: str) -> PostRef | None:
    if not STATUS_ID.fullmatch(post_id):
        return None
    if handle is not None and (handle.lower() in RESERVED or not HANDLE.fullmatch(handle)):
        handle = None
    return PostRef(NAME, post_id, handle, permalink(handle, post_id))


def parse_url(url: SplitResult) -> PostRef | None:
    """Read a status, media or embed-frame URL; short links give a post with no ID."""
    host = url.hostname or ""
    segments = split_path(url)
    if url.fragment.startswith("!/"):  # 2010–2012 hashbang links: twitter.com/#!/user/status/ID
        segments = [s for s in url.fragment[2:].split("/") if s]
    if host in ("t.co", "pic.twitter.com", "pic.x.com"):
        return PostRef(NAME, None, None, None, time_key=segments[0] if segments else None)
    if host == "pbs.twimg.com":
        if len(segments) >= 2 and segments[0] == "media":
            key = segments[1].split(".")[0]
            if MEDIA_KEY.fullmatch(key):
                return PostRef(NAME, key, None, f"https://pbs.twimg.com/media/{key}", time_key=key)
        return None
    if host in ("platform.twitter.com", "platform.x.com"):
        ids = parse_qs(url.query).get("id")
        return _status(None, ids[0]) if ids else None
    for index, segment in enumerate(segments):
        if segment in ("status", "statuses") and index + 1 < len(segments):
            handle = segments[0] if index == 1 else None  # /i/web/status/ID names no one
            return _status(handle, segments[index + 1])
    return None


def parse_id(raw: str) -> PostRef | None:
    """Read a bare status ID or media key."""
    raw = raw.strip()
    if STATUS_ID.fullmatch(raw):
        return _status(None, raw)
    if MEDIA_KEY.fullmatch(raw) and not raw.isdigit():
        return PostRef(NAME, raw, None, f"https://pbs.twimg.com/media/{raw}", time_key=raw)
    return None


def markup_id(raw: str) -> PostRef | None:
    """A bare status ID found in markup: a Snowflake whose time is plausible (never a media key)."""
    raw = raw.strip()
    if not STATUS_ID.fullmatch(raw) or int(raw) < FIRST_SNOWFLAKE_ID:
        return None
    return dated_id(parse_id(raw), decode_time)


def decode_time(ref: PostRef) -> IdTime:
    """The creation time a status ID or media key encodes."""
    key = ref.time_key or ref.post_id
    if key is None or ref.post_id is None:
        return no_time("a t.co or pic.twitter.com short link hides the post ID until it is resolved")
    if not key.isdigit():
        return _decode_media_key(key)
    number = int(key)
    if number > MAX_ID:
        return IdTime(None, note="larger than any 63-bit status ID", problem="not a status ID: too large")
    if number <= LAST_SEQUENTIAL_ID:
        return sequential_estimate(number, packaged_anchors())
    if number < FIRST_SNOWFLAKE_ID:
        return IdTime(
            None,
            note="between the last sequential ID and the first Snowflake ID",
            problem="no status was ever issued with an ID in this range",
        )
    return checked(from_ms((number >> 22) + TWITTER_EPOCH_MS), "ms", launched=LAUNCHED, title=TITLE)


def interpolate(number: int, anchors: Sequence[tuple[int, int]]) -> int | None:
    """Unix ms for ``number`` on the line between its neighbouring ``(id, unix_ms)`` anchors.

    An anchor's own ID gives the anchor's time; an ID outside the table gives None, since
    extrapolating a growth curve is guesswork.
    """
    index = bisect.bisect_left(anchors, number, key=lambda anchor: anchor[0])
    if index < len(anchors) and anchors[index][0] == number:
        return anchors[index][1]
    if index == 0 or index == len(anchors):
        return None
    (low_id, low_ms), (high_id, high_ms) = anchors[index - 1], anchors[index]
    # Integer arithmetic throughout: IDs exceed a float's 53-bit mantissa.
    return low_ms + (number - low_id) * (high_ms - low_ms) // (high_id - low_id)


@dataclass(frozen=True)
class AnchorTable:
    """Known ``(id, unix_ms)`` pairs, IDs rising, and how far an interpolated time may err."""

    anchors: tuple[tuple[int, int], ...]
    #: Every time interpolated between the anchors is given or taken this much.
    error_bound: timedelta

    @classmethod
    def of(cls, anchors: Sequence[tuple[int, int]]) -> AnchorTable:
        """The table of ``anchors``, with the error bound they themselves show (:func:`error_bound`)."""
        return cls(tuple(anchors), error_bound(anchors))


def leave_one_out_errors(anchors: Sequence[tuple[int, int]]) -> list[int]:
    """For each anchor between the first and the last, in order: how many ms the time interpolated
    from its two neighbours misses its own time by."""
    return [
        abs(low_ms + (anchor_id - low_id) * (high_ms - low_ms) // (high_id - low_id) - anchor_ms)
        for (low_id, low_ms), (anchor_id, anchor_ms), (high_id, high_ms) in zip(
            anchors, anchors[1:], anchors[2:], strict=False
        )
    ]


def error_bound(anchors: Sequence[tuple[int, int]]) -> timedelta:
    """How far a time interpolated between ``anchors`` may lie from the truth: the largest
    leave-one-out error, rounded up to a whole ``BOUND_STEP``; ValueError with under three anchors.

    The largest error, not a percentile, because every rule widens the estimate by this bound and
    a rule that can block a publication must not fire on the estimate's own error. Leaving an
    anchor out doubles the gap around it, so the bound overstates what the whole table errs by.
    """
    errors = leave_one_out_errors(anchors)
    if not errors:
        raise ValueError("an error bound needs at least three anchors")
    step_ms = BOUND_STEP // timedelta(milliseconds=1)
    return BOUND_STEP * -(-max(errors) // step_ms)


def sequential_estimate(number: int, table: AnchorTable) -> IdTime:
    """An estimated time for a pre-Snowflake status ID, or no time when no anchors bracket it."""
    ms = interpolate(number, table.anchors)
    if ms is None:
        return no_time("sequential pre-Snowflake ID (before 2010-11-04) outside the known anchors: no time encoded")
    return IdTime(
        from_ms(ms),
        "estimate",
        table.error_bound,
        note="sequential pre-Snowflake ID: time interpolated between known (ID, time) anchors",
    )


def parse_anchors(text: str) -> tuple[tuple[int, int], ...]:
    """Read ``ID,UNIX_MS`` lines (``#`` starts a comment); raise ValueError unless IDs rise."""
    anchors: list[tuple[int, int]] = []
    for number, raw_line in enumerate(text.splitlines(), 1):
        line = raw_line.split("#", 1)[0].strip()
        if not line:
            continue
        try:
            raw_id, raw_ms = (field.strip() for field in line.split(","))
            anchor = (int(raw_id), int(raw_ms))
        except ValueError:
            raise ValueError(f"anchor line {number}: expected ID,UNIX_MS, got {line!r}") from None
        if anchors and (anchor[0] <= anchors[-1][0] or anchor[1] < anchors[-1][1]):
            raise ValueError(f"anchor line {number}: IDs must rise and times must not fall")
        anchors.append(anchor)
    return tuple(anchors)


@caches.register
@functools.cache
def packaged_anchors() -> AnchorTable:
    """The anchor table shipped in ``provenance/data``, read on first use (most runs never see a
    pre-Snowflake ID, and start-up time matters)."""
    return AnchorTable.of(parse_anchors(ANCHOR_FILE.read_text(encoding="utf-8")))


def _decode_media_key(key: str) -> IdTime:
    try:
        raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
    except (binascii.Error, ValueError):
        return IdTime(None, problem="not a media key: invalid base64")
    ms = (int.from_bytes(raw, "big") >> 46) + TWITTER_EPOCH_MS
    return checked(
        from_ms(ms), "ms", launched=LAUNCHED, title=TITLE, note="media upload time (may precede the post)"
    )


_PUBLISH = "https://docs.x.com/x-for-websites/embedded-posts/overview"
#: Where X posts stand in pages. The handle and IDs in the examples are made up.
FORMS = (
    EmbedForm(
        name="blockquote.twitter-tweet", kind="class", marker="twitter-tweet",
        example='<blockquote class="twitter-tweet"><p>TEXT</p>&mdash; Name (@handle) '
                '<a href="https://twitter.com/handle/status/ID">June 7, 2019</a></blockquote>',
        source=f"{_PUBLISH}; tweepy/tweepy: cassettes/testgetoembed.json",
    ),
    EmbedForm(
        name="blockquote.twitter-tweet", kind="class", marker="twitter-tweet", variant="unquoted",
        example='<BLOCKQUOTE CLASS=twitter-tweet><A HREF=https://x.com/handle/status/ID>…</A></BLOCKQUOTE>',
        source="the same code as minifiers and hand edits leave it; HTML allows unquoted attribute values "
               "(https://html.spec.whatwg.org/multipage/syntax.html)",
    ),
    EmbedForm(
        name="blockquote.twitter-video", kind="class", marker="twitter-video",
        example='<blockquote class="twitter-video" data-status="hidden">…</blockquote>',
        source="https://developer.x.com/web/embedded-video",
    ),
    EmbedForm(
        name="div.twitter-tweet", kind="class", marker="twitter-tweet-rendered", variant="rendered",
        example='<div class="twitter-tweet twitter-tweet-rendered"><iframe data-tweet-id="ID"></iframe></div>',
        source="widgets.js output, as saved in pages: mozilla/readability test/test-pages/breitbart/source.html",
    ),
    EmbedForm(
        name="iframe[data-tweet-id]", kind="attribute", marker="data-tweet-id",
        example='<iframe id="twitter-widget-0" data-tweet-id="ID" src="…"></iframe>',
        source="widgets.js output, as saved in pages: adbar/trafilatura tests/cache/eltiempo.com-candidatos.html",
    ),
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"platform\.twitter\.com/embed",
        hint="platform.twitter.com/embed",
        example='<iframe src="https://platform.twitter.com/embed/Tweet.html?id=ID"></iframe>',
        source="the frame widgets.js renders; Klez2003/MarseyWorld: files/assets/js/embed_twitter_reddit.js "
               "writes it in place of the blockquote",
    ),
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"platform\.x\.com/embed", hint="platform.x.com/embed",
        variant="x.com",
        example='<iframe src="https://platform.x.com/embed/Tweet.html?dnt=false&amp;id=ID"></iframe>',
        source="https://docs.x.com/x-for-websites/overview (its own page holds the rendered frame)",
    ),
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"platform\.twitter\.com/embed",
        hint="platform.twitter.com/embed", variant="lazy",
        example='<iframe data-src="https://platform.twitter.com/embed/Tweet.html?id=ID"></iframe>',
        source="npm lazyembed2 and lazy-embeds READMEs (data-src until the frame scrolls into view); "
               "Borlabs Cookie reads data-src and data-lazy-src the same way",
    ),
    EmbedForm(
        name="amp-twitter[data-tweetid]", kind="tag", marker="amp-twitter", id_attribute="data-tweetid",
        example='<amp-twitter width="375" height="472" layout="responsive" data-tweetid="ID"></amp-twitter>',
        source="https://amp.dev/documentation/components/amp-twitter/",
    ),
    forms.wordpress_block(
        "twitter",
        '<figure class="wp-block-embed is-type-rich is-provider-twitter wp-block-embed-twitter">'
        '<div class="wp-block-embed__wrapper">\nhttps://twitter.com/handle/status/ID\n</div></figure>',
    ),
    EmbedForm(
        name="figure.wp-block-embed-twitter", kind="wrapper", marker="wp-block-embed-twitter", tags=("figure",),
        variant="rendered",
        example='<figure class="wp-block-embed-twitter …"><div class="wp-block-embed__wrapper">'
                '<blockquote class="twitter-tweet">…</blockquote></div></figure> (reported as the blockquote)',
        source="WordPress/gutenberg: packages/block-library/src/embed/save.js; rendered by WordPress's oEmbed",
    ),
    forms.arc_oembed(
        "twitter", '<div class="oembed-twitter container_row"><blockquote class="twitter-tweet">…</blockquote></div>'
        " (reported as the blockquote)",
    ),
    forms.drupal_oembed(
        '<iframe src="/media/oembed?url=https%3A//twitter.com/handle/status/ID&amp;max_width=0&amp;hash=…"></iframe>'
    ),
    EmbedForm(
        name="div[data-embedded-url]", kind="attribute", marker="data-embedded-url", tags=("div",),
        example='<div class="iframely-embed" data-embedded-url="https://twitter.com/handle/status/ID">'
                '<a data-iframely-url="//cdn.iframe.ly/api/iframe?url=…" href="…"></a></div>',
        source="https://iframely.com/docs/iframely-api.md; wrapper as written by iframely's embed codes "
               "(public pages' sources seen by code search)",
    ),
    forms.borlabs_v2(
        "twitter",
        '<div class="BorlabsCookie _brlbs-cb-twitter">PREVIEW<div class="borlabs-hide" '
        'data-borlabs-cookie-type="content-blocker"><script type="text/template">BASE64</script></div></div>',
    ),
    forms.borlabs_v3(
        '<div class="brlbs-cmpnt-container brlbs-cmpnt-content-blocker" data-borlabs-cookie-content-blocker-id="x" '
        'data-borlabs-cookie-content="BASE64">PREVIEW</div>'
    ),
    forms.embed_privacy(
        '<div class="embed-privacy-container is-disabled embed-twitter" data-embed-provider="twitter">…'
        "<script>var _oembed_… = '{\\\"embed\\\":\\\"&lt;blockquote class=&quot;twitter-tweet&quot;…\\\"}';"
        "</script></div>"
    ),
    EmbedForm(
        name="div[data-attrs]", kind="json", marker="data-attrs", tags=("div",),
        fields=(("url", "url"), ("handle", "username"), ("name", "name"), ("text", "full_text"), ("date", "date")),
        example='<div class="tweet" data-attrs="{&quot;url&quot;:&quot;https://twitter.com/handle/status/ID'
                '&quot;,&quot;username&quot;:&quot;handle&quot;,&quot;date&quot;:&quot;…&quot;}">…</div>',
        source="Substack's Twitter2ToDOM / tweet component, as kept in public converters' tests "
               "(JohannesKaufmann/html-to-markdown and others, found by code search)",
    ),
    forms.bare_url('<p>https://twitter.com/handle/status/ID</p>, or <p><a href="URL">URL</a></p>'),
    EmbedForm(
        name="card-text", kind="card-text", marker=r"@[A-Za-z0-9_]{1,15}", local_date=True,
        example="Display Name\n@handle\nThe post's text\n3:15 PM · Jun 7, 2019",
        source="https://dev.twitter.com/terms/display-guidelines (2012: name and @username stacked, text "
               "below, timestamp \"3:00 PM - 31 May 12\"); TryGhost/Koenig: "
               "packages/kg-default-nodes/lib/nodes/embed/types/twitter.js (name, @username, text, "
               "time • date)",
    ),
    forms.flattened(
        "TEXT pic.twitter.com/CODE\n— Name (@handle) December 6, 2017",
        "tweepy/tweepy: cassettes/testgetoembed.json (the embed code whose text this is)",
    ),
)

def id_permalink(post_id: str) -> str:
    """The permalink an embed's bare ``data-tweet-id`` stands for (the handle is not known)."""
    return f"https://x.com/i/status/{post_id}"


def user_post_url(user: str, post_id: str) -> str:
    """The URL of post ``post_id`` by ``user``, as a shortcode that names both gives it."""
    return f"https://x.com/{user}/status/{post_id}"


#: The hosts a status has been archived under, most likely first: the Wayback Machine matches
#: URLs exactly, and X's posts stood on twitter.com for sixteen years before x.com.
ARCHIVE_HOSTS = ("twitter.com", "x.com")


def archive_urls(handles: tuple[str, ...], post_id: str) -> tuple[str, ...]:
    """The URLs the Wayback Machine may hold status ``post_id`` under: each handle on each host
    (none for a media key, which names an upload)."""
    if not post_id.isdigit():
        return ()
    return tuple(f"https://{host}/{handle}/status/{post_id}" for handle in handles for host in ARCHIVE_HOSTS)


def oembed_target(citation: Citation) -> str | None:
    """The post URL X's oEmbed endpoint is asked about: a status on twitter.com."""
    if not citation.post_id or not citation.post_id.isdigit():
        return None  # a media key names an upload, not a post
    return f"https://twitter.com/{citation.url_handle or citation.handle or 'i'}/status/{citation.post_id}"


#: The short links X writes in a post's text: ``t.co`` for every link, ``pic.twitter.com``
#: (``pic.x.com``) for attached media. Each redirects to the post, so ``--online`` resolves them.
SHORT_LINKS = ShortLinks(
    hosts=(("t.co", "shortlink-tco"), ("pic.twitter.com", "shortlink-pic"), ("pic.x.com", "shortlink-pic")),
    defaults=(("shortlink-tco", "https://t.co"), ("shortlink-pic", "https://pic.twitter.com")),
    media_hosts=("pic.twitter.com", "pic.x.com"),
)

PLATFORM = Platform(
    name=NAME,
    title=TITLE,
    hosts=HOSTS,
    launched=LAUNCHED,
    shown_date_slack=timedelta(0),
    parse_url=parse_url,
    parse_id=parse_id,
    decode_time=decode_time,
    forms=FORMS,
    aliases=("twitter",),
    words=("twitter", "tweet", "x.com/"),
    markup_id=markup_id,
    url_attributes=(),
    id_attributes=("data-tweet-id", "data-tweetid"),
    id_keys=("tweet", "statusid"),
    id_permalink=id_permalink,
    shortcodes=Shortcodes(
        hugo=("tweet", "twitter", "x"), hugo_user_url=user_post_url, jekyll=("twitter", "tweet"),
        mdx=("tweet", "twitter"), mdx_whole_word="X", jetpack=("tweet",),
    ),
    short_links=SHORT_LINKS,
    feed_classes=("twitter-timeline", "twitter-timeline-rendered"),
    quote_box_words=("tweet", "twitter"),
    archive_urls=archive_urls,
    oembed=OEmbed(
        "oembed-x", "https://publish.twitter.com/oembed", target=oembed_target,
        extra=(("omit_script", "true"), ("dnt", "true")), gone_when_json=frozenset({403}),
    ),
    flattened=Flattened(dash_handle=HANDLE.pattern),
    bare_id_default=True,
)
