"""The generic reader: embed placeholders of CMSs nobody catalogued.

An element whose attributes name a platform (a class, attribute name or value holding one of
the platform's ``words``: ``twitter``, ``tweet``, ``instagram``, …) and that carries one of its
posts becomes an embed citation, even when no platform module declares its markup:

- a post's URL in any attribute (``div.tweet[data-url]``, ``data-embedded-url``), or in the
  ``url=`` parameter of a frame's source: form ``generic:data-attributes``;
- a bare post ID in an attribute whose name says it is the post's (``data-id``,
  ``data-embed-id``, ``data-post-id``, ``data-tweet-id``, ``data-video-id``, …): form
  ``generic:data-attributes``;
- JSON in an attribute, or in a ``<script>`` inside the element
  (``<div data-module="tweet"><script type="text/x-config">{"id": "…"}</script></div>``), whose
  values hold a post URL or whose ID keys (``id``, ``tweetId``, ``postId``, …) hold a post ID:
  form ``generic:inline-config``.

It must not invent posts from IDs that name something else, so:

- only elements that can hold an embed are read: links, buttons, images, form fields, metadata
  and page structure (``a``, ``button``, ``img``, ``meta``, ``nav``, ``header``, …) are not;
- an element whose class, id, attribute names or plain word values hold a word of sharing,
  following, timelines, profiles, counters, logos or advertising (``twitter-share-button``,
  ``twitter-follow-button``, ``twitter-timeline``, ``share-twitter``, ``data-ad-id``,
  ``data-kind="profile-badge"``) is not read at all;
- an ID counts only under an attribute or key that names a post (``data-user-id``,
  ``data-widget-id``, ``data-ad-id``, ``trackingNumber`` do not), only when exactly one platform is
  named, and only when the platform's ``markup_id`` accepts it: an X ID must be a Snowflake whose
  time is plausible, a YouTube ID eleven characters not all digits, and platforms whose IDs are
  plain counters (Facebook, Reddit, Telegram, Mastodon) are never read from a bare ID;
- a URL counts only when a platform reads it as a single post (share intents such as
  ``twitter.com/intent/tweet?…`` and ``twitter.com/share`` are not posts).

The scan is cheap: one case-sensitive search for the platforms' words over the lower-cased page;
only a word that stands inside a start tag costs more, and only an element whose attributes name
a platform is read.
Elements inside a catalogued embed, or holding one, are left to it.
"""

from __future__ import annotations

import bisect
import html
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import regex

from provenance.extract.placeholders import url_parameters
from provenance.extract.scan import LiteralSet, page_matches
from provenance.model import Document, Fragment, PostRef
from provenance.platforms import PLATFORMS, parse_url

__all__ = ["ATTRIBUTES_FORM", "CONFIG_FORM", "find_generic_embeds"]

ATTRIBUTES_FORM = "generic:data-attributes"
CONFIG_FORM = "generic:inline-config"
#: Each platform's words, lower-case, and the one pattern that finds any of them.
_WORDS = {word: name for name, platform in PLATFORMS.items() for word in platform.words}
_ALTERNATIVES = "|".join(re.escape(word) for word in sorted(_WORDS, key=len, reverse=True))
_GATE = re.compile(_ALTERNATIVES, re.IGNORECASE)
#: The same, found on the lower-cased page by its one scan (:mod:`provenance.extract.scan`):
#: literals are found about twenty times faster so than with IGNORECASE, even by ``re``.
_WORD_SET = LiteralSet(list(_WORDS), every_page=True)
#: How far before a word its start tag may open: real start tags are far shorter.
MAX_TAG_CHARS = 4000
#: The largest element whose scripts are read for an inline config: an embed placeholder is
#: small; a larger element naming a platform is a page section, not an embed.
MAX_CONFIG_REGION = 20_000
#: The largest JSON read, and how deep and how many values of it.
MAX_CONFIG_CHARS = 20_000
MAX_JSON_DEPTH = 6
MAX_JSON_VALUES = 500
START_TAG = regex.compile(
    r"<(?P<tag>[A-Za-z][A-Za-z0-9:-]*)"
    r"(?P<attrs>(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?|\s*/(?!>))*)\s*/?>"
)
ATTRIBUTE = regex.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
SCRIPT = regex.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", regex.IGNORECASE | regex.DOTALL)
#: Elements that never hold an embed: links and controls (share and follow buttons), media and
#: metadata, document and page structure.
SKIPPED_TAGS = frozenset({
    "a", "button", "img", "picture", "source", "video", "audio", "track", "link", "meta", "input", "select",
    "option", "textarea", "label", "form", "svg", "path", "use", "symbol", "i", "em", "strong", "b", "br", "hr",
    "html", "head", "body", "title", "style", "nav", "header", "footer", "main", "ul", "ol", "menu", "noscript",
})
_SKIPPED_START = re.compile(
    r"<(?:" + "|".join(sorted(SKIPPED_TAGS, key=len, reverse=True)) + r")[\s/>]", re.IGNORECASE
)
#: Words of page furniture around a platform's name: sharing and following, timelines and feeds,
#: counters, logos and icons, sign-in, advertising and tracking.
NEGATIVE_WORDS = frozenset({
    "share", "shares", "sharing", "sharer", "follow", "follower", "followers", "timeline", "intent", "button",
    "btn", "icon", "icons", "logo", "login", "signin", "signup", "subscribe", "profile", "feed", "count",
    "counter", "hashtag", "mention", "ad", "ads", "advert", "advertisement", "sponsored", "promo", "tracking",
    "tracker", "pixel", "analytics", "like", "likes",
})
#: Attributes that are never a post's URL or ID.
_NOT_DATA = frozenset({"class", "style", "id", "title", "alt", "lang", "dir", "width", "height"})
#: Attribute names (without ``data-``) and JSON keys, letters and digits only, that name a post's
#: ID, with those the platforms declare (``Platform.id_keys``: X's ``statusid``, Instagram's
#: ``shortcode``, Bluesky's ``rkey``); ``PLATFORM_WORD + id`` (``tweetid``, ``instagramid``) does too.
ID_KEYS = frozenset({
    "id", "postid", "embedid", "videoid", "mediaid", "itemid", "contentid", "entityid", "externalid",
    *(key for platform in PLATFORMS.values() for key in platform.id_keys),
})
_WORD_PARTS = re.compile(r"[a-z0-9]+")
_KEY_CHARS = re.compile(r"[^a-z0-9]")
#: Script types that hold data, not code to run; JSON-LD is the page's own metadata.
_DATA_SCRIPT = re.compile(r"json|config|template|x-", re.IGNORECASE)


class _Claimed:
    """Spans already taken by an embed, in order."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]

    def end_of(self, offset: int) -> int | None:
        """The end of the span that covers ``offset``, or None."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.spans[index][1]:
            return self.spans[index][1]
        return None

    def inside(self, start: int, end: int) -> bool:
        """Whether a span starts between ``start`` and ``end``."""
        index = bisect.bisect_left(self.starts, start)
        return index < len(self.starts) and self.starts[index] < end


def _attributes(markup: str) -> list[tuple[str, str]]:
    pairs = []
    for match in ATTRIBUTE.finditer(markup):
        value = next((group for group in match.groups()[1:] if group is not None), "")
        pairs.append((match.group(1).lower(), html.unescape(value)))
    return pairs


def _named(text: str) -> set[str]:
    """The platforms whose words ``text`` holds."""
    return {_WORDS[found.group().lower()] for found in _GATE.finditer(text)}


def _furniture(attributes: list[tuple[str, str]]) -> bool:
    """Whether the element's attribute names, class, id or plain word values (not URLs or JSON)
    say it is a share, follow, timeline, counter, profile, ad … widget."""
    words = [name for name, _ in attributes] + [
        value for name, value in attributes if name in ("class", "id") or not any(mark in value for mark in "/{[:")
    ]
    return any(part in NEGATIVE_WORDS for text in words for part in _WORD_PARTS.findall(text.lower()))


def _id_key(name: str) -> bool:
    """Whether an attribute name or JSON key names a post's ID."""
    key = _KEY_CHARS.sub("", name.lower().removeprefix("data-"))
    if key in ID_KEYS:
        return True
    return key.endswith("id") and any(_KEY_CHARS.sub("", word) == key[:-2] for word in _WORDS)


def _post_url(value: str) -> PostRef | None:
    """The post a URL value names, itself or in its ``url=`` parameter."""
    for candidate in (value, *url_parameters(value)):
        ref = parse_url(candidate)
        if ref is not None and ref.post_id and ref.url:
            return ref
    return None


def _bare_id(value: str, named: set[str]) -> PostRef | None:
    """The post a bare ID names, when exactly one platform is named and it accepts the ID."""
    if len(named) != 1:
        return None
    reader: Callable[[str], PostRef | None] | None = PLATFORMS[next(iter(named))].markup_id
    return reader(value) if reader is not None and value.strip() else None


def _walk(data: Any, depth: int = 0) -> Iterator[tuple[str | None, Any]]:
    """The (key, value) pairs of a JSON document's scalars, depth first, within bounds."""
    if depth > MAX_JSON_DEPTH:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, (dict, list)):
                yield from _walk(value, depth + 1)
            else:
                yield str(key), value
    elif isinstance(data, list):
        for value in data:
            yield from _walk(value, depth + 1)


def _from_json(raw: str, named: set[str]) -> PostRef | None:
    """The post a JSON config names: a post URL among its values, else an ID under an ID key."""
    if len(raw) > MAX_CONFIG_CHARS:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    pairs = [pair for pair, _ in zip(_walk(data), range(MAX_JSON_VALUES), strict=False)]
    named = named | {platform for _, value in pairs if isinstance(value, str) for platform in _named(value)}
    for _, value in pairs:
        if isinstance(value, str) and "/" in value and (ref := _post_url(value)) is not None:
            return ref
    for key, value in pairs:
        if (
            key is not None and _id_key(key) and isinstance(value, (str, int)) and not isinstance(value, bool)
            and (ref := _bare_id(str(value), named)) is not None
        ):
            return ref
    return None


def _from_attributes(attributes: list[tuple[str, str]], named: set[str]) -> tuple[PostRef, str] | None:
    """The post the element's own attributes name, and the form that says how."""
    for name, raw in attributes:
        value = raw.strip()
        if name in _NOT_DATA or not value:
            continue
        if value[0] in "{[" and (ref := _from_json(value, named)) is not None:
            return ref, CONFIG_FORM
        if ("/" in value or ":" in value) and (ref := _post_url(value)) is not None:
            return ref, ATTRIBUTES_FORM
    for name, value in attributes:
        if name not in _NOT_DATA and _id_key(name) and (ref := _bare_id(value, named)) is not None:
            return ref, ATTRIBUTES_FORM
    return None


def _from_scripts(text: str, start: int, end: int, named: set[str]) -> PostRef | None:
    """The post a data script inside the element (an inline JSON config) names."""
    for script in SCRIPT.finditer(text, start, end):
        kind = dict(_attributes(script.group("attrs"))).get("type", "")
        body = script.group("body").strip()
        if "ld+json" in kind.lower() or not body or body[0] not in "{[":
            continue
        if (not kind or _DATA_SCRIPT.search(kind)) and (ref := _from_json(body, named)) is not None:
            return ref
    return None


def _word_matches(text: str, start: int) -> list[tuple[int, str]] | None:
    """Each (offset, word) of the platforms' words in ``text`` from ``start`` on, as the lower-cased
    page's scan finds them; None when lower-casing moves offsets."""
    found = page_matches(_WORD_SET, text, start, folded=False)
    return None if found is None else list(found)


def _named_between(words: list[tuple[int, str]], starts: list[int], start: int, end: int) -> set[str]:
    """``_named(text[start:end])`` for an ASCII span from a "<" to a ">", from the page's words: the
    scan of the page finds in it what the scan of the span finds, as no word holds "<" or ">"."""
    first = bisect.bisect_left(starts, start)
    return {_WORDS[word] for _, word in words[first : bisect.bisect_left(starts, end, first)]}


def _element_end(
    text: str, tag: str, start: int, inner: int, region_end: Callable[[str, str, int, int, int], int]
) -> int:
    """Where the element opened at ``start`` ends: at its closing tag, or with its start tag when
    it closes itself or no closing tag comes within :data:`MAX_CONFIG_REGION`."""
    if text[start:inner].endswith("/>"):
        return inner
    end = region_end(text, tag, start, inner, MAX_CONFIG_REGION)
    closing = text.rfind("</", inner, end)
    return end if closing != -1 and text[closing + 2 : end].rstrip("> \t\r\n").lower() == tag else inner


def find_generic_embeds(
    document: Document, claimed: list[tuple[int, int]], region_end: Callable[[str, str, int, int, int], int]
) -> Iterator[tuple[Fragment, int]]:
    """Every uncatalogued embed placeholder in ``document``'s HTML, with the offset its element
    ends at; elements inside ``claimed`` spans (the catalogued embeds), or holding one, are skipped."""
    text = document.text
    taken = _Claimed(claimed)
    skip_until = document.body_start
    words = _word_matches(text, document.body_start)
    if words is not None:
        positions = [at for at, _ in words]
    else:
        positions = [found.start() for found in _GATE.finditer(text, document.body_start)]
    for position in positions:
        if position < skip_until:
            continue
        if (covered := taken.end_of(position)) is not None:
            skip_until = covered  # inside a catalogued embed: its words are its own
            continue
        opening = text.rfind("<", max(document.body_start, position - MAX_TAG_CHARS), position)
        if opening == -1 or text.find(">", opening, position) != -1:
            continue  # the word is in text, not in a start tag
        if _SKIPPED_START.match(text, opening):
            continue  # most words stand in links and metadata: passed over before the tag is parsed
        tag_match = START_TAG.match(text, opening)
        if tag_match is None or tag_match.end() <= position:
            continue
        skip_until = tag_match.end()
        tag = tag_match.group("tag").lower()
        if tag in SKIPPED_TAGS or taken.end_of(opening) is not None:
            continue
        attributes = _attributes(tag_match.group("attrs"))
        markup = tag_match.group()
        if words is not None and markup.isascii():
            named = _named_between(words, positions, opening, tag_match.end())
        else:
            named = _named(markup)
        if not named or _furniture(attributes):
            continue
        found = _from_attributes(attributes, named)
        end = _element_end(text, tag, opening, tag_match.end(), region_end)
        if found is None and end - opening < MAX_CONFIG_REGION:
            if tag == "script":  # the element is itself the config, unless it is the page's JSON-LD
                kind = dict(attributes).get("type", "").lower()
                body = text[tag_match.end() : end].rsplit("<", 1)[0].strip()
                ref = None if "ld+json" in kind else _from_json(body, named)
            else:
                ref = _from_scripts(text, tag_match.end(), end, named)
            found = (ref, CONFIG_FORM) if ref is not None else None
        if found is None or taken.inside(opening, end):
            continue
        ref, form = found
        line, column = document.position(opening)
        yield Fragment(
            kind="embed", form=form, offset=opening, line=line, column=column, platform=ref.platform,
            url=ref.url, post_id=ref.post_id, handle=ref.handle,
        ), end
        skip_until = max(skip_until, end)
