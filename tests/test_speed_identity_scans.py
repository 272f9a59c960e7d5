"""The fast scans find exactly what the plain scans they replace find."""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable
from pathlib import Path

import pytest
import regex

from provenance.extract import html as embed_html
from provenance.extract.catalogue import STOCK_OPENER
from provenance.extract.html import EMBED_OPENER, embed_regions
from provenance.load import load_text
from provenance.published import html as published_html

#: Pieces that random pages are made of: embed markup and near misses, quotes and ">" inside
#: attribute values, odd spacing, and the non-ASCII letters case-insensitive matching equates
#: with ASCII ones (dotted and dotless i, long s, the Kelvin sign), and ligatures that
#: case-fold to two ASCII letters.
PIECES = (
    "<div", "<DIV", "<Div", "<blockquote", "<BlockQuote", "<iframe", "<script", "<scrıpt", "<amp-twitter",
    "<AMP-Instagram", "<amp-foo", "<divider", " class=", " CLASS = ", " src=", " data-tweet-id=", " data-TweetId=",
    " data-telegram-post=", " data-instgrm-permalink=", " data-bluesky-uri=", " data-track=", "\"", "'", ">", "/>",
    "</div>", "</blockquote>", "</iframe>", "</script>", "twitter-tweet", "TWITTER-TWEET", "ınstagram-media",
    "instagram-media", "tiktok-embed", "fb-post", "fb-video", "reddit-card", "text-poſt-media", "bluesky-embed",
    "https://platform.twitter.com/embed/x", "//www.facebook.com/plugins/post.php?", "instagram.com/p/AbC>d/embed",
    "tiktok.com/player/v1/1", "youtube-nocookie.com/embed/", "/@user/123/embed", "embed.bsky.app/embed/",
    "embed.reddit.com/r/", "https://x.com/a/status/1", " ", "\n", "\t", "\u00a0", "\u2003", "\x1c", "=", "a", "ß",
    "İ", "K", "ſ", "ı", "ﬆ", "ﬁ", "<p>", "text", "<", "x>y", ' class="a>', " src='>", ' class="x>y twitter-tweet"',
    "<figure", "</figure>", " class=wp-block-embed-twitter", ' class="kg-card kg-embed-card"', " class=twitter-tweet",
    "data-borlabs-cookie-content=", "/media/oembed?url=", " data-iframe=", "<lite-youtube", " data-embedded-url=",
)


def _page(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 60)))


def _plain_regions(text: str, start: int) -> list[tuple[int, int, str]]:
    """The embed regions as found before the scan was sped up: every ``EMBED_OPENER`` match, but a
    CMS wrapper whose content holds a ``STOCK_OPENER`` match."""
    regions = []
    end = start
    for match in EMBED_OPENER.finditer(text, start):
        if match.start() < end:
            continue
        tag = match.group("tag").lower()
        stop = embed_html.region_end(text, tag, match.start(), match.end())
        if STOCK_OPENER.match(text, match.start()) is None and STOCK_OPENER.search(text, match.end(), stop):
            continue
        end = stop
        regions.append((match.start(), end, tag))
    return regions


def test_embed_openers_match_the_plain_scan_on_random_pages() -> None:
    """Embed openers are the same matches, at the same places, as ``EMBED_OPENER.finditer``."""
    rng = random.Random(20240611)
    for _ in range(4000):
        text = _page(rng)
        start = rng.randint(0, len(text))
        expected = [(m.span(), m.group("tag")) for m in EMBED_OPENER.finditer(text, start)]
        assert [(m.span(), m.group("tag")) for m in embed_html._openers(text, start)] == expected, text


def test_embed_regions_match_the_plain_scan_on_fixture_pages(fixtures_dir_pages: list[str]) -> None:
    """Every fixture page has the same embed regions as the plain scan gives."""
    for text in fixtures_dir_pages:
        document = load_text(text, "page.html", "html")
        assert list(embed_regions(document.text, document.body_start)) == _plain_regions(
            document.text, document.body_start
        )


@pytest.fixture
def fixtures_dir_pages() -> list[str]:
    root = Path(__file__).resolve().parents[1] / "fixtures"
    pages = [path.read_text(encoding="utf-8", errors="replace") for path in sorted(root.rglob("*.htm*"))]
    assert pages
    return pages


@pytest.mark.parametrize(
    ("pattern", "anchor"),
    [
        (published_html._LD_TYPE, published_html._LD_ANCHOR),
        (published_html._BODY_ITEMPROP, published_html._ITEMPROP_ANCHOR),
    ],
)
def test_anchored_search_matches_the_plain_search(
    pattern: re.Pattern[str], anchor: tuple[regex.Pattern[str], int]
) -> None:
    """The anchored page-date scans find the first match ``pattern.search`` finds, from any position."""
    pieces = ("application/ld+json", "APPLICATION/LD+JSON", "applıcatıon/ld+json", "on/ld+json", "itemprop",
              "ıtemprop", "İTEMPROP", "temprop", " = ", "'", "\"", "datePublished", "DATEPUBLISHED", "x", "\n")
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        position = rng.randint(0, len(text))
        expected = pattern.search(text, position)
        found = published_html._search(pattern, anchor, text, position)
        assert (found and found.span()) == (expected and expected.span()), text


def _lookalikes(matches: Callable[[str], object]) -> set[str]:
    """Non-ASCII characters a case-insensitive ``[a-z]`` accepts."""
    return {chr(code) for code in range(0x80, 0x110000) if matches(chr(code))}


def test_case_folding_facts_the_fast_scans_rely_on() -> None:
    """Only four non-ASCII letters match ASCII ones case-insensitively, as the fast scans assume."""
    by_regex = _lookalikes(regex.compile("[a-z]", regex.IGNORECASE).fullmatch)
    by_re = _lookalikes(re.compile("[a-z]", re.IGNORECASE).fullmatch)
    assert by_regex | by_re == {"\u0130", "\u0131", "\u017f", "\u212a"}
    for letter in string.ascii_lowercase:
        for char in by_regex | by_re:
            in_regex = regex.fullmatch(letter, char, regex.IGNORECASE) is not None
            in_re = re.fullmatch(letter, char, re.IGNORECASE) is not None
            # Embed openers: ``re`` finds every start ``regex`` would, and case-folding keeps the letter.
            assert not in_regex or (in_re and letter in char.casefold())
            # Page-date anchors hold no "i": for every other letter ``regex`` accepts all ``re`` does.
            if letter != "i":
                assert not in_re or in_regex
