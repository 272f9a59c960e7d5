"""Instagram: post, reel and IGTV links, shortcodes, sharded media IDs.

Links: ``instagram.com/p/CODE/``, ``/reel/CODE/``, ``/reels/CODE/``, ``/tv/CODE/``, the newer
``/HANDLE/p/CODE/`` and ``/HANDLE/reel/CODE/``, embed frames ``/p/CODE/embed/[captioned/]``, the
short host ``instagr.am``, stories ``/stories/HANDLE/MEDIAID/`` and the app link
``instagram://media?id=MEDIAID[_USERID]``. Queries (``?img_index=``, ``?igsh=``, ``?utm_source=``,
``?hl=``) are dropped. The canonical permalink is ``https://www.instagram.com/p/CODE/`` for every
kind of post (the ``/p/`` path serves reels and IGTV too), and
``https://www.instagram.com/stories/HANDLE/MEDIAID/`` for a story.

A shortcode is the post's 64-bit media ID written in base 64 with the alphabet
``A–Z a–z 0–9 - _``. Since about September 2011 a media ID is 41 bits of milliseconds since
1314220021721 (2011-08-24T21:07:01.721Z), then 13 shard bits and 10 sequence bits, so
``ms = (id >> 23) + 1314220021721``. The ID is taken when the upload starts: photos are
published within a second or two of it, videos up to minutes later. Older media has small
sequential IDs (short shortcodes) that decode to within a day of the epoch, an artifact:
those carry no time. Shortcodes of private posts are longer than eleven characters and are not
decoded.

Legacy embeds (2014–2018) show the time in US Pacific time (``Jul 21, 2016 at 8:32pm PDT``),
even when localized, beside an exact UTC ``<time datetime>``. The Pacific date runs up to
eight hours behind UTC, so it may be the day before the ID's UTC day: the shown-date slack is
eight hours. Current embeds show no date.

Embeds (:func:`read_embed`): ``blockquote.instagram-media`` of every generation, with or
without ``data-instgrm-permalink``. The attribution is ``A post shared by Name (@handle)`` (also
``A photo posted by``, ``A video posted by`` and translations, see ``ATTRIBUTION_PHRASES``), or
``Name(@handle)がシェアした投稿`` with the name first. It may end with the date: a
``<time datetime="…">`` whose attribute becomes the exact shown moment and whose text the shown
date, or the date as plain text (``on Apr 27, 2020 at 9:24am PDT``). The caption is the text of
the embed's other paragraphs; "View this post on Instagram" is boilerplate.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING
from urllib.parse import SplitResult

import regex

from provenance.model import Fragment, IdTime, PostRef
from provenance.platforms import forms
from provenance.platforms.base import (
    MAX_SIGNED_64,
    Flattened,
    Platform,
    Shortcodes,
    checked,
    dated_id,
    from_ms,
    no_time,
    query_value,
    split_path,
)
from provenance.platforms.forms import EmbedForm
from provenance.platforms.markup import attr, clean_lines, date_after, inner_text, instant

if TYPE_CHECKING:
    from lxml import etree  # in annotations only: provenance.htmltree parses

NAME = "instagram"
TITLE = "Instagram"
#: Instagram opened on iOS on 2010-10-06; no media is older.
LAUNCHED = date(2010, 10, 6)
#: PST is UTC−8: a Pacific calendar day ends at most eight hours after the UTC day.
SHOWN_DATE_SLACK = timedelta(hours=8)
INSTAGRAM_EPOCH_MS = 1314220021721
#: A media ID's low 23 bits are shard and sequence; the rest is milliseconds since the epoch.
TIME_SHIFT = 23
#: Legacy sequential IDs decode to within this much of the epoch; real sharded IDs never do,
#: since the scheme started some time after its own epoch.
LEGACY_WINDOW_MS = 86_400_000
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
#: Eleven base-64 digits hold 66 bits, enough for any 64-bit media ID.
MAX_CODE_LENGTH = 11
SHORTCODE = re.compile(r"[A-Za-z0-9_-]{1,11}")
#: Private posts have the public shortcode followed by a longer token.
PRIVATE_CODE = re.compile(r"[A-Za-z0-9_-]{12,64}")
MEDIA_ID = re.compile(r"([0-9]{1,19})(?:_[0-9]{1,20})?")
HANDLE = re.compile(r"[A-Za-z0-9._]{1,30}")
POST_SECTIONS = frozenset({"p", "reel", "reels", "tv"})
HOSTS = ("instagram.com", "instagr.am")


def shortcode_to_id(code: str) -> int:
    """The media ID a shortcode spells; raise ValueError when a character is not base-64."""
    number = 0
    for char in code:
        try:
            number = number * 64 + _VALUE[char]
        except KeyError:
            raise ValueError(f"{char!r} is not a shortcode character") from None
    return number


def id_to_shortcode(number: int) -> str:
    """The shortcode that spells media ID ``number``."""
    if number < 0:
        raise ValueError("a media ID is not negative")
    digits = []
    while True:
        number, digit = divmod(number, 64)
        digits.append(ALPHABET[digit])
        if number == 0:
            return "".join(reversed(digits))


def permalink(code: str) -> str:
    """The canonical permalink of the post with shortcode ``code``."""
    return f"https://www.instagram.com/p/{code}/"


def _from_code(code: str, handle: str | None = None, section: str = "p") -> PostRef | None:
    if PRIVATE_CODE.fullmatch(code):
        return PostRef(NAME, code, handle, permalink(code))
    if not SHORTCODE.fullmatch(code):
        return None
    if section != "p" and len(code) < MAX_CODE_LENGTH:
        # Reels (2020) and IGTV (2018) are far newer than the short sequential codes, and
        # their paths also hold pages such as ``/reels/audio/ID``.
        return None
    number = shortcode_to_id(code)
    if number > MAX_SIGNED_64:
        return None
    return PostRef(NAME, code, handle, permalink(code), time_key=str(number))


def _from_media_id(raw: str) -> PostRef | None:
    match = MEDIA_ID.fullmatch(raw)
    if match is None or int(match[1]) > MAX_SIGNED_64:
        return None
    code = id_to_shortcode(int(match[1]))
    return PostRef(NAME, code, None, permalink(code), time_key=str(int(match[1])))


def _handle(raw: str) -> str | None:
    return raw if HANDLE.fullmatch(raw) and raw not in POST_SECTIONS else None


def parse_url(url: SplitResult) -> PostRef | None:
    """Read a post, reel, IGTV, story or app link."""
    if url.scheme == "instagram":
        raw = query_value(url, "id") if url.netloc == "media" else None
        return _from_media_id(raw) if raw else None
    segments = split_path(url)
    if len(segments) >= 2 and segments[0] in POST_SECTIONS:
        return _from_code(segments[1], None, segments[0])
    if len(segments) >= 3 and segments[1] in POST_SECTIONS and (handle := _handle(segments[0])):
        return _from_code(segments[2], handle, segments[1])
    if len(segments) >= 3 and segments[0] == "stories" and segments[1] != "highlights":
        handle = _handle(segments[1])
        match = MEDIA_ID.fullmatch(segments[2])
        if handle and match and int(match[1]) <= MAX_SIGNED_64:
            story = match[1]
            link = f"https://www.instagram.com/stories/{handle}/{story}/"
            return PostRef(NAME, story, handle, link, time_key=story)
    return None


def parse_id(raw: str) -> PostRef | None:
    """Read a shortcode, or a media ID (``MEDIAID_USERID``, or digits longer than a shortcode)."""
    raw = raw.strip()
    if MEDIA_ID.fullmatch(raw) and (len(raw) > MAX_CODE_LENGTH or "_" in raw):
        return _from_media_id(raw)
    if SHORTCODE.fullmatch(raw):
        return _from_code(raw)
    return None


#: The phrase an embed's attribution starts with, by language. Seen in embed code: English
#: (post shared, photo posted, video posted), German "Ein Beitrag geteilt von", Spanish "Una foto
#: publicada por". The rest are Instagram's translations of the same strings (unverified).
ATTRIBUTION_PHRASES = (
    r"An? (?:post|photo|video) (?:shared|posted) by",
    r"Ein Beitrag geteilt von",
    r"Una? (?:foto|v[ií]deo|publicaci[oó]n) (?:publicad[oa]|compartid[oa]) (?:por|de)",
    r"Une (?:publication|photo|vid[ée]o) (?:partag[ée]e|publi[ée]e) par",
    r"Una? (?:post|foto|video) (?:condivis[oa]|pubblicat[oa]) da",
    r"Uma? (?:publica[çc][ãa]o|foto|v[íi]deo) (?:compartilhad[oa]|publicad[oa]) por",
    r"Een (?:bericht|foto|video) (?:gedeeld|geplaatst) door",
)
HANDLE_CHARS = r"[A-Za-z0-9._]{1,30}"
#: ``PHRASE Name (@handle)``: the anchor of an attribution, in markup and in flattened text.
ATTRIBUTION = regex.compile(
    r"(?P<phrase>" + "|".join(ATTRIBUTION_PHRASES) + r")[\s\u00a0]+(?P<name>[^\n]{0,80}?)[\s\u00a0]*"
    r"\(\s*@(?P<handle>" + HANDLE_CHARS + r")\s*\)",
    regex.IGNORECASE,
)
HANDLE_PAREN = regex.compile(r"\(\s*@(?P<handle>" + HANDLE_CHARS + r")\s*\)")
#: The call to open the post that current embeds show above the caption: "View this post on
#: Instagram", German "Sieh dir diesen Beitrag auf Instagram an", and so on in every language; a
#: short line naming Instagram, with no hashtag or mention, once links are taken out.
VIEW_PROMPT = regex.compile(r"[^#@\n]{0,50}\bInstagram\w{0,4}\b[^#@\n]{0,20}", regex.IGNORECASE)
#: Japanese names the poster first, with an honorific: ``Name(@handle)がシェアした投稿``.
NAME_SUFFIXES = ("さん",)
#: A name standing alone before ``(@handle)`` is at most this long; longer text is a caption.
MAX_NAME_CHARS = 80


def read_attribution(line: str) -> tuple[str | None, str, int] | None:
    """The (display name, handle, end offset) of an attribution in ``line``, or None."""
    attributions = list(ATTRIBUTION.finditer(line))
    if attributions:
        found = attributions[-1]
        return " ".join(found["name"].split()) or None, found["handle"], found.end()
    parens = list(HANDLE_PAREN.finditer(line))
    if not parens:
        return None
    paren = parens[-1]
    name = " ".join(line[: paren.start()].split())
    for suffix in NAME_SUFFIXES:
        name = name.removesuffix(suffix).rstrip()
    return (name if 0 < len(name) <= MAX_NAME_CHARS else None), paren["handle"], paren.end()


def read_embed(element: etree._Element, fragment: Fragment) -> Fragment:
    """Read the attribution, the shown date (``<time datetime>`` or text) and the caption."""
    paragraphs = list(element.iterdescendants("p")) or [element]
    credit = None
    for paragraph in reversed(paragraphs):
        text = inner_text(paragraph, " ")
        if HANDLE_PAREN.search(text):
            credit = paragraph
            break
    if credit is None:
        return replace(fragment, handle=None, display_name=None, text=_caption(paragraphs, None))
    line = " ".join(inner_text(credit, " ").split())
    found = read_attribution(line)
    name, handle = (found[0], found[1]) if found is not None else (None, None)
    shown_text, moment = fragment.shown_date_text, None
    stamp = next(credit.iterdescendants("time"), None)
    if stamp is not None:
        moment = instant(attr(stamp, "datetime"))
        shown_text = clean_lines(inner_text(stamp, " ")) or shown_text
    elif found is not None and (span := date_after(line, found[2], fragment.lang)) is not None:
        shown_text = line[span[0] : span[1]]
    return replace(
        fragment,
        handle=handle,
        display_name=name,
        shown_date_text=shown_text,
        shown_moment=moment,
        text=_caption(paragraphs, credit),
    )


def _caption(paragraphs: list[etree._Element], credit: etree._Element | None) -> str | None:
    if paragraphs and paragraphs[0].tag != "p":
        return None  # no paragraphs: only boilerplate is left
    kept = (clean_lines(inner_text(p)) or "" for p in paragraphs if p is not credit)
    return clean_lines("\n".join(text for text in kept if not VIEW_PROMPT.fullmatch(text)))


def decode_time(ref: PostRef) -> IdTime:
    """The upload time a media ID encodes."""
    if ref.post_id is None:
        return no_time("a share link hides the post ID until it is resolved")
    if ref.time_key is None or not ref.time_key.isdigit():
        return no_time("a private-post shortcode: its media ID is not known")
    number = int(ref.time_key)
    if number > MAX_SIGNED_64:
        return IdTime(None, problem="not a media ID: larger than 64 bits")
    offset_ms = number >> TIME_SHIFT
    if offset_ms < LEGACY_WINDOW_MS:
        return no_time("a sequential media ID from before Instagram's sharded IDs (2011): no time encoded")
    return checked(from_ms(offset_ms + INSTAGRAM_EPOCH_MS), "ms", launched=LAUNCHED, title=TITLE)


def markup_id(raw: str) -> PostRef | None:
    """A bare shortcode found in markup: eleven characters whose media ID dates plausibly."""
    raw = raw.strip()
    if len(raw) != MAX_CODE_LENGTH or not SHORTCODE.fullmatch(raw):
        return None
    return dated_id(_from_code(raw), decode_time)


_EMBED_DOCS = "https://developers.facebook.com/docs/instagram-platform/embed-button"
#: Where Instagram posts stand in pages. The handle and shortcodes in the examples are made up.
FORMS = (
    EmbedForm(
        name="blockquote.instagram-media", kind="class", marker="instagram-media",
        example='<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/CODE/" '
                'data-instgrm-version="14">… A post shared by Name (@handle)</blockquote>',
        source=f"{_EMBED_DOCS}; gohugoio/hugo: tpl/tplimpl/embedded/templates/_shortcodes/instagram.html",
    ),
    EmbedForm(
        name="blockquote.instagram-media", kind="class", marker="instagram-media", variant="legacy",
        example='<blockquote class="instagram-media" data-instgrm-version="7">… A photo posted by Name (@handle) on '
                '<time datetime="2016-07-22T03:32:07+00:00">Jul 21, 2016 at 8:32pm PDT</time></blockquote>',
        source="MarcL/marclittlemore.com: _posts/2016-11-04-spooky-halloween-sound-effects-with-raspberry-pi.md",
    ),
    EmbedForm(
        name="blockquote[data-instgrm-permalink]", kind="attribute", marker="data-instgrm-permalink",
        tags=("blockquote",),
        example='<blockquote data-instgrm-permalink="https://www.instagram.com/p/CODE/">…</blockquote> '
                "(a CMS dropped the class)",
        source=_EMBED_DOCS,
    ),
    EmbedForm(
        name="iframe[src={host}]", kind="frame", marker=r"instagram\.com/(?:p|reel|tv)/[^\"'/\s>]+/embed",
        hint="instagram.com/", tags=("iframe",),
        example='<iframe class="instagram-media instagram-media-rendered" '
                'src="https://www.instagram.com/p/CODE/embed/captioned/"></iframe>',
        source="5-Software-Systems/e-portfolio: app/src/components/Widgets/EmbedWidgetInstagram.js (the post's "
               "URL + embed as a frame)",
    ),
    EmbedForm(
        name="amp-instagram", kind="tag", marker="amp-instagram", id_attribute="data-shortcode",
        example='<amp-instagram data-shortcode="CODE" data-captioned width="400" height="400"></amp-instagram>',
        source="https://amp.dev/documentation/components/amp-instagram/",
    ),
    forms.wordpress_block(
        "instagram",
        '<figure class="wp-block-embed-instagram wp-block-embed is-provider-instagram">'
        '<div class="wp-block-embed__wrapper">\nhttps://www.instagram.com/p/CODE/\n</div></figure>',
    ),
    forms.borlabs_v2(
        "instagram",
        '<div class="BorlabsCookie _brlbs-cb-instagram">PREVIEW<div class="borlabs-hide">BASE64</div></div>',
    ),
    forms.embed_privacy(
        '<div class="embed-privacy-container embed-instagram" data-embed-provider="instagram">…'
        "<script>var _oembed_… = '{…&lt;blockquote class=&quot;instagram-media&quot;…}';</script></div>"
    ),
    forms.bare_url("<p>https://www.instagram.com/p/CODE/</p>"),
    forms.flattened(
        "View this post on Instagram\nCAPTION\nA post shared by Name (@handle)",
        "https://developers.facebook.com/docs/instagram-platform/embed-button (the embed code's fallback text)",
    ),
)

PLATFORM = Platform(
    name=NAME,
    title=TITLE,
    hosts=HOSTS,
    launched=LAUNCHED,
    shown_date_slack=SHOWN_DATE_SLACK,
    parse_url=parse_url,
    parse_id=parse_id,
    decode_time=decode_time,
    schemes=("instagram",),
    read_embed=read_embed,
    forms=FORMS,
    words=("instagram", "instagr.am", "instgrm"),
    markup_id=markup_id,
    url_attributes=("data-instgrm-permalink",),
    id_keys=("shortcode",),
    shortcodes=Shortcodes(hugo=("instagram",), jekyll=("instagram",), mdx=("instagram",), jetpack=("instagram",)),
    flattened=Flattened(attribution=ATTRIBUTION, view_prompt=VIEW_PROMPT),
    quote_box_words=("instagram",),
)
