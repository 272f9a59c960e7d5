"""Signs that a line of text belongs to a social post rather than to the article around it.

Flattened embeds leave post text and article prose side by side with nothing to tell them
apart but what they look like. A line counts as post text on evidence: a media or short link,
a hashtag or mention, an emoji, or a writing system other than the article's.
"""

from __future__ import annotations

from collections import Counter

import regex

from provenance.platforms import PLATFORMS

__all__ = [
    "HASHTAG",
    "MEDIA_LINK",
    "MENTION",
    "dominant_script",
    "ends_post",
    "hashtags",
    "media_links",
    "mentions",
    "post_evidence",
    "script_lang",
]

#: The platforms' short-link hosts (``Platform.short_links``), and those of them whose links name
#: a picture or video attached to a post. A bare ``t.co`` link in a post's text is a link the post
#: shares (an article, a video elsewhere), not its media.
_SHORT_LINKS = tuple(p.short_links for p in PLATFORMS.values() if p.short_links is not None)
_SHORT_HOSTS = tuple(host for links in _SHORT_LINKS for host, _ in links.hosts)
_MEDIA_HOSTS = tuple(host for links in _SHORT_LINKS for host in links.media_hosts)


def _host_link(hosts: tuple[str, ...]) -> regex.Pattern[str]:
    """A link on one of ``hosts`` with a code, written with or without its scheme."""
    alternatives = "|".join(regex.escape(host) for host in hosts) or "(?!)"
    return regex.compile(rf"\b(?:{alternatives})/[A-Za-z0-9]{{4,}}")


#: A media or short link that a platform appends to a post's text; a post's text ends with them.
MEDIA_LINK = _host_link(_SHORT_HOSTS)
#: The link a platform writes for a picture or video attached to a post.
PICTURE_LINK = _host_link(_MEDIA_HOSTS)
ANY_LINK = regex.compile(r"https?://\S+")
HASHTAG = regex.compile(r"(?<![\w&#])#([\p{L}\p{M}\p{N}_]*\p{L}[\p{L}\p{M}\p{N}_]*)")
MENTION = regex.compile(r"(?<![\w@])@([A-Za-z0-9_]{1,15})\b(?![@.]\w)")
EMOJI = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}]")
SCRIPTS = ("Latin", "Greek", "Cyrillic", "Arabic", "Hebrew", "Han", "Hiragana", "Katakana", "Hangul", "Thai",
           "Devanagari", "Bengali", "Tamil", "Georgian", "Armenian")
#: Runs of each writing system's letters; Japanese kana count as one system.
_SCRIPT_RUNS = tuple(
    ("Hiragana" if name == "Katakana" else name, regex.compile(rf"\p{{Script={name}}}+")) for name in SCRIPTS
)
#: A writing system that names its language (or nearly): used for a post's ``lang`` when
#: the page declares none. Latin, Cyrillic and Arabic scripts serve many languages.
SCRIPT_LANGS = {"Greek": "el", "Hebrew": "he", "Hangul": "ko", "Hiragana": "ja", "Katakana": "ja",
                "Thai": "th", "Georgian": "ka", "Armenian": "hy"}


def media_links(text: str) -> list[str]:
    """The ``pic.twitter.com`` (``pic.x.com``) links of media attached to a post in ``text``, in
    order, without duplicates."""
    return list(dict.fromkeys(match.group() for match in PICTURE_LINK.finditer(text)))


def hashtags(text: str) -> list[str]:
    """The hashtags in ``text`` (without ``#``), in order, without duplicates."""
    return list(dict.fromkeys(match.group(1) for match in HASHTAG.finditer(text)))


def mentions(text: str) -> list[str]:
    """The @-mentions in ``text`` (without ``@``), in order, without duplicates."""
    return list(dict.fromkeys(match.group(1) for match in MENTION.finditer(text)))


def _scripts(text: str) -> Counter[str]:
    """Letters per writing system, keyed in the order each system first appears in ``text``."""
    # One scan per script is several times faster than one scan of an alternation of them all.
    found: dict[str, tuple[int, int]] = {}
    for name, pattern in _SCRIPT_RUNS:
        runs = pattern.findall(text)
        if runs:
            first, count = found.get(name, (len(text), 0))
            start = text.index(runs[0])
            found[name] = (min(first, start), count + sum(map(len, runs)))
    return Counter({name: count for name, (_, count) in sorted(found.items(), key=lambda item: item[1][0])})


def dominant_script(text: str) -> str | None:
    """The writing system most of the letters in ``text`` use, if any."""
    counts = _scripts(text)
    if not counts:
        return None
    if "Hiragana" in counts:  # Japanese mixes kana and Han: count them as one writing system
        counts["Hiragana"] += counts.pop("Han", 0)
    return counts.most_common(1)[0][0]


def script_lang(text: str) -> str | None:
    """The language that ``text``'s writing system implies, when only one language uses it."""
    script = dominant_script(text)
    return SCRIPT_LANGS.get(script or "")


def ends_post(line: str) -> bool:
    """Whether ``line`` ends the way X ends a post's text: with a media or short link."""
    stripped = line.rstrip()
    found = list(MEDIA_LINK.finditer(stripped))
    return bool(found) and found[-1].end() == len(stripped)


def post_evidence(line: str, article_script: str | None) -> list[str]:
    """The reasons to read ``line`` as post text rather than article prose (empty: none)."""
    reasons = []
    if MEDIA_LINK.search(line) or ANY_LINK.search(line):
        reasons.append("link")
    if HASHTAG.search(line) or MENTION.search(line):
        reasons.append("hashtag")
    if EMOJI.search(line):
        reasons.append("emoji")
    if article_script is not None and (script := dominant_script(line)) is not None and script != article_script:
        reasons.append("script")
    return reasons
