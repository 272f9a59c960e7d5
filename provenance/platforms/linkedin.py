"""LinkedIn: feed-update URNs, post slugs, events, and IDs with Unix milliseconds.

Links: ``linkedin.com/feed/update/urn:li:KIND:ID/`` and the embed frame
``/embed/feed/update/urn:li:KIND:ID`` (KIND is ``activity``, ``share`` or ``ugcPost``; the URN may be
percent-encoded), post pages ``/posts/HANDLE_TITLE-WORDS-activity-ID-XXXX`` (also ``-share-``,
``-ugcPost-``), and events ``/events/ID/``. A comment link carries
``?commentUrn=urn:li:comment:(activity:POSTID,COMMENTID)``. ``lnkd.in/CODE`` is an opaque short
link; articles (``/pulse/SLUG``) carry no ID and are not read. The canonical permalink is
``https://www.linkedin.com/feed/update/urn:li:KIND:ID/`` (``https://www.linkedin.com/events/ID/``
for an event); ``handle`` is the member's vanity name when a post slug gives it.

An ID's top 41 bits are milliseconds since the Unix epoch: ``ms = id >> 22``. The activity ID
and the share or ugcPost ID of one post are different numbers, each dated by its own bits. For
a comment link the post is cited and the comment's ID (``time_key``) is dated, since the
comment is what the link points at.

Embeds (``iframe`` of the embed frame) show no date; one day of slack for an unknown zone.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import SplitResult, unquote

from provenance.model import IdTime, PostRef
from provenance.platforms import forms
from provenance.platforms.base import (
    MAX_SIGNED_64,
    UNKNOWN_ZONE_SLACK,
    Platform,
    Shortcodes,
    checked,
    dated_id,
    from_ms,
    no_time,
    query_value,
    short_link,
    split_path,
)
from provenance.platforms.forms import EmbedForm

NAME = "linkedin"
TITLE = "LinkedIn"
#: LinkedIn opened on 2003-05-05.
LAUNCHED = date(2003, 5, 5)
#: The low 22 bits are machine and sequence data; the rest is Unix milliseconds.
TIME_SHIFT = 22
URN = re.compile(r"urn:li:(activity|share|ugcPost):([0-9]{1,19})")
#: The update's kind and ID end the slug, before a short checksum.
SLUG_ID = re.compile(r"(?:\A|-)(activity|share|ugcPost)-([0-9]{1,19})(?:-[A-Za-z0-9_-]{1,8})?\Z")
COMMENT_URN = re.compile(r"urn:li:comment:\((?:activity|share|ugcPost):([0-9]{1,19}),([0-9]{1,19})\)")
VANITY = re.compile(r"[A-Za-z0-9-]{3,100}")
EVENT_ID = re.compile(r"[0-9]{1,19}")
HOSTS = ("linkedin.com", "lnkd.in")


def permalink(kind: str, post_id: str) -> str:
    """The canonical permalink of update ``post_id`` of ``kind`` (activity, share, ugcPost)."""
    return f"https://www.linkedin.com/feed/update/urn:li:{kind}:{post_id}/"


def _update(kind: str, post_id: str, handle: str | None, url: SplitResult) -> PostRef | None:
    if int(post_id) > MAX_SIGNED_64:
        return None
    comment = None
    if raw := query_value(url, "commentUrn"):
        match = COMMENT_URN.fullmatch(raw)
        if match and int(match[2]) <= MAX_SIGNED_64:
            comment = match[2]
    return PostRef(NAME, post_id, handle, permalink(kind, post_id), time_key=comment)


def parse_url(url: SplitResult) -> PostRef | None:
    """Read a feed-update, embed, post-slug or event link; ``lnkd.in`` gives a post with no ID."""
    segments = [unquote(segment) for segment in split_path(url)]
    if (url.hostname or "").endswith("lnkd.in"):
        return short_link(NAME) if segments else None
    if segments and segments[0] == "embed":
        segments = segments[1:]
    if len(segments) >= 3 and segments[:2] == ["feed", "update"]:
        match = URN.fullmatch(segments[2])
        return _update(match[1], match[2], None, url) if match else None
    if len(segments) >= 2 and segments[0] == "posts":
        match = SLUG_ID.search(segments[1])
        if match is None:
            return None
        vanity = segments[1].partition("_")[0] if "_" in segments[1] else ""
        handle = vanity if VANITY.fullmatch(vanity) else None
        return _update(match[1], match[2], handle, url)
    if len(segments) >= 2 and segments[0] == "events" and EVENT_ID.fullmatch(segments[1]):
        event = segments[1]
        if int(event) > MAX_SIGNED_64:
            return None
        return PostRef(NAME, event, None, f"https://www.linkedin.com/events/{event}/")
    return None


def parse_id(raw: str) -> PostRef | None:
    """Read a ``urn:li:KIND:ID`` or a bare numeric ID (read as an activity)."""
    raw = raw.strip()
    match = URN.fullmatch(raw)
    kind, number = (match[1], match[2]) if match else ("activity", raw)
    if not EVENT_ID.fullmatch(number) or int(number) > MAX_SIGNED_64:
        return None
    return PostRef(NAME, number, None, permalink(kind, number))


def decode_time(ref: PostRef) -> IdTime:
    """The time an update ID (or, for a comment link, the comment ID) encodes."""
    key = ref.time_key or ref.post_id
    if key is None or not key.isdigit():
        return no_time("a short link hides the post ID until it is resolved")
    number = int(key)
    if number > MAX_SIGNED_64:
        return IdTime(None, problem="not a LinkedIn ID: larger than 63 bits")
    note = "the comment's time" if ref.time_key and ref.time_key != ref.post_id else None
    return checked(from_ms(number >> TIME_SHIFT), "ms", launched=LAUNCHED, title=TITLE, note=note)


def markup_id(raw: str) -> PostRef | None:
    """A bare update ID found in markup: nineteen digits whose time is plausible."""
    raw = raw.strip()
    return dated_id(parse_id(raw), decode_time) if raw.isdigit() and len(raw) == 19 else None


#: Where LinkedIn posts stand in pages. The IDs in the examples are made up.
FORMS = (
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"linkedin\.com/embed/", hint="linkedin.com/embed/",
        tags=("iframe",),
        example='<iframe src="https://www.linkedin.com/embed/feed/update/urn:li:share:ID" title="Embedded post">'
                "</iframe>",
        source="Shef-AI/shef-ai.github.io: README.md (the code LinkedIn's \"Embed this post\" gives)",
    ),
    forms.bare_url("<p>https://www.linkedin.com/feed/update/urn:li:activity:ID/</p>"),
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
    forms=FORMS,
    words=("linkedin",),
    markup_id=markup_id,
    shortcodes=Shortcodes(mdx=("linkedin",)),
)
