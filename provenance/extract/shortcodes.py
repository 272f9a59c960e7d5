"""Embed shortcodes that site generators and CMSs write in place of embed markup.

Each platform declares the names and words of its shortcodes in its record
(``Platform.shortcodes``); the scans below are built from them. Recognised forms today:

- Hugo: ``{{< tweet user="NAME" id="ID" >}}``, the older ``{{< tweet ID >}}`` and
  ``{{< tweet NAME ID >}}``, ``{{< x user="…" id="…" >}}``, and ``{{< instagram ID >}}`` (the
  old ``{{< instagram ID hidecaption >}}`` too), ``{{< youtube ID >}}``, ``{{< youtube id="ID" … >}}``
  (with ``{{% … %}}`` delimiters too). Hugo's ``vimeo`` shortcode is not read: Vimeo's record
  declares no shortcodes;
- Jekyll: ``{% twitter URL %}``, ``{% tweet URL %}``, ``{% oembed URL %}``, ``{% instagram URL-or-ID %}``,
  ``{% youtube URL-or-ID %}``;
- MDX components named for a platform, with the post's URL or ID in any attribute: ``<Tweet id="ID" />``,
  ``<TwitterTweetEmbed tweetId="ID" />``, ``<Instagram instagramId="CODE" />``, ``<YouTube youTubeId="ID" />``,
  ``<TikTok tiktokId="ID" />``, ``<MastodonPost id="URL" />``, …;
- WordPress: ``[embed]URL[/embed]``, the Jetpack shortcodes ``[tweet URL]``, ``[instagram url=URL]``,
  ``[youtube URL]`` (``[youtube=URL]``), ``[facebook url=URL]``, and ``<!-- wp:embed {"url": "URL", …} -->``
  blocks (``wp:core-embed/instagram`` and the like);
- a post's URL alone on a line, which Markdown renderers and CMSs turn into an embed.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator

import regex

from provenance.model import Document, Fragment, PostRef
from provenance.platforms import PLATFORMS, parse_id, parse_url

__all__ = ["find_shortcodes"]

#: The most characters a shortcode's arguments (or a URL in one) may take, and a WordPress
#: block's attributes: real ones are far shorter. The bounds keep every scan linear: an open
#: ``{{< tweet`` with no end in sight is not read to the end of the page again at each one.
MAX_ARGS_CHARS = 500
MAX_BLOCK_CHARS = 4000
_ARGS = str(MAX_ARGS_CHARS)
#: Hugo shortcode names → the platform whose ID they take (``Shortcodes.hugo`` of each record).
HUGO_PLATFORMS = {name: p.name for p in PLATFORMS.values() for name in p.shortcodes.hugo}
HUGO = regex.compile(
    r"\{\{[<%]\s*(?P<name>" + "|".join(map(regex.escape, HUGO_PLATFORMS))
    + r")\s+(?P<args>[^}]{0," + _ARGS + r"}?)\s*/?[>%]\}\}"
)
HUGO_ARG = regex.compile(r"(?:(?P<key>\w+)\s*=\s*)?(?:\"(?P<quoted>[^\"]*)\"|(?P<bare>[^\s\"]+))")
#: Jekyll tag names → the platform of a bare ID (``None``: the tag takes URLs only).
JEKYLL_PLATFORMS: dict[str, str | None] = {
    **{name: p.name for p in PLATFORMS.values() for name in p.shortcodes.jekyll}, "oembed": None,
}
JEKYLL = regex.compile(
    r"(?<!\{)\{%\s*(?P<name>" + "|".join(map(regex.escape, JEKYLL_PLATFORMS)) + r")\s+[\"']?(?P<url>[^\s\"'%]{1,"
    + _ARGS + r"})[^%]{0," + _ARGS + r"}%\}"
)
#: Words in an MDX component's name → the platform it embeds (``Shortcodes.mdx``), and the
#: capitalised words that must stand whole in the name (``Shortcodes.mdx_whole_word``: ``XPost``).
MDX_WORDS = tuple((word, p.name) for p in PLATFORMS.values() for word in p.shortcodes.mdx)
MDX_WHOLE_WORDS = tuple(
    (p.shortcodes.mdx_whole_word, p.name) for p in PLATFORMS.values() if p.shortcodes.mdx_whole_word
)
MDX = regex.compile(r"<(?P<name>[A-Z][A-Za-z0-9]*)\b(?P<attrs>[^<>]{0," + _ARGS + r"}?)/?>")
MDX_ATTR = regex.compile(
    r"(?P<key>[A-Za-z_][\w-]*)\s*=\s*(?:\{\s*)?(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'{}<>/]+))"
)
WP_EMBED = regex.compile(r"\[embed[^\]]{0," + _ARGS + r"}\]\s*(?P<url>[^\s\[]{1," + _ARGS + r"})\s*\[/embed\]")
#: Jetpack's shortcodes (``Shortcodes.jetpack``): ``[tweet URL]``, ``[instagram url=URL]``,
#: ``[youtube URL]``, ``[youtube=URL]``, ``[facebook url=URL]``; each is the form ``wordpress-NAME``.
JETPACK_NAMES = tuple(name for p in PLATFORMS.values() for name in p.shortcodes.jetpack)
WP_SHORTCODE = regex.compile(
    r"\[(?P<name>" + "|".join(map(regex.escape, JETPACK_NAMES)) + r")(?:\s+|=)(?:url=)?[\"']?(?P<url>[^\s\"'\]]{1,"
    + _ARGS + r"})[^\]]{0," + _ARGS + r"}\]"
)
WP_BLOCK = regex.compile(
    r"<!--\s*wp:(?:core-)?embed(?:/\w+)?\s+(?P<json>\{.{0," + str(MAX_BLOCK_CHARS) + r"}?\})\s*/?-->", regex.DOTALL
)
LONE_URL = regex.compile(r"^[ \t]*<?(?P<url>https?://[^\s<>]+?)>?[ \t]*$", regex.MULTILINE)


def _fragment(document: Document, offset: int, form: str, ref: PostRef, url: str | None) -> Fragment:
    line, column = document.position(offset)
    return Fragment(
        kind="embed",
        form=form,
        offset=offset,
        line=line,
        column=column,
        platform=ref.platform,
        url=url or ref.url,
        post_id=ref.post_id,
        handle=ref.handle,
    )


def _hugo(args: str, platform: str) -> PostRef | None:
    values: dict[str, str] = {}
    positional: list[str] = []
    for match in HUGO_ARG.finditer(args):
        value = match.group("quoted") if match.group("quoted") is not None else match.group("bare")
        if match.group("key"):
            values[match.group("key").lower()] = value
        else:
            positional.append(value)
    # Hugo's own instagram and youtube shortcodes take the ID first; the old tweet form
    # ``{{< tweet NAME ID >}}`` put it last (``Shortcodes.hugo_user_url``).
    user_url = PLATFORMS[platform].shortcodes.hugo_user_url if platform in PLATFORMS else None
    position = -1 if user_url is not None else 0
    post_id = values.get("id") or values.get("url") or (positional[position] if positional else None)
    user = values.get("user") or (positional[0] if len(positional) > 1 and user_url is not None else None)
    if post_id is None or platform not in PLATFORMS:
        return None
    if post_id.startswith(("http://", "https://")):
        return parse_url(post_id)
    if user_url is not None and user:
        return parse_url(user_url(user, post_id))
    return parse_id(post_id, platform)


def _mdx_platform(name: str) -> str | None:
    """The platform an MDX component embeds, by its name (``TwitterTweetEmbed``, ``XPost``, ``YouTube``)."""
    lower = name.lower()
    for word, platform in MDX_WORDS:
        if word in lower:
            return platform
    words = regex.findall(r"[A-Z][a-z0-9]*", name)
    return next((platform for word, platform in MDX_WHOLE_WORDS if word in words), None)


def _mdx(attrs: str, platform: str) -> tuple[PostRef, str | None] | None:
    """The post an MDX component's attributes name: a URL in any of them, else an ID attribute."""
    ids: list[str] = []
    for match in MDX_ATTR.finditer(attrs):
        value = next(v for v in (match.group("dq"), match.group("sq"), match.group("bare"), "") if v is not None)
        value = value.strip()
        if "/" in value and (ref := parse_url(value)) is not None and ref.post_id:
            return ref, value
        key = match.group("key").lower()
        if key == "id" or key.endswith("id"):
            ids.append(value)
    for value in ids:
        if (ref := parse_id(value, platform)) is not None and ref.post_id:
            return ref, None
    return None


def find_shortcodes(document: Document) -> Iterator[tuple[Fragment, int, int]]:
    """Every shortcode embed in ``document``, with the (start, end) span it covers."""
    text = document.text
    start = document.body_start
    for match in HUGO.finditer(text, start):
        ref = _hugo(match.group("args"), HUGO_PLATFORMS[match.group("name")])
        if ref is not None and ref.post_id:
            yield _fragment(document, match.start(), "hugo-shortcode", ref, None), match.start(), match.end()
    for match in JEKYLL.finditer(text, start):
        url = html.unescape(match.group("url"))
        ref = parse_url(url) if "/" in url else None
        if ref is None and (platform := JEKYLL_PLATFORMS[match.group("name")]) is not None:
            ref, url = parse_id(url, platform), ""
        if ref is not None and ref.post_id:
            yield _fragment(document, match.start(), "jekyll-tag", ref, url or None), match.start(), match.end()
    for pattern in (WP_EMBED, WP_SHORTCODE):
        for match in pattern.finditer(text, start):
            url = html.unescape(match.group("url"))
            form = f"wordpress-{match.group('name')}" if pattern is WP_SHORTCODE else "wordpress-embed"
            if (ref := parse_url(url)) is not None and ref.post_id:
                yield _fragment(document, match.start(), form, ref, url), match.start(), match.end()
    for match in MDX.finditer(text, start):
        if (platform := _mdx_platform(match.group("name"))) is not None:
            found = _mdx(match.group("attrs"), platform)
            if found is not None:
                yield _fragment(document, match.start(), "mdx-component", *found), match.start(), match.end()
    for match in WP_BLOCK.finditer(text, start):
        try:
            attributes = json.loads(match.group("json"))
        except ValueError:
            continue
        block_url = attributes.get("url") if isinstance(attributes, dict) else None
        if isinstance(block_url, str) and (ref := parse_url(block_url)) is not None and ref.post_id:
            yield _fragment(document, match.start(), "wordpress-block", ref, block_url), match.start(), match.end()
    if document.kind == "markdown":
        for match in LONE_URL.finditer(text, start):
            url = match.group("url")
            if (ref := parse_url(url)) is not None and ref.post_id:
                offset = match.start("url")
                yield _fragment(document, offset, "url-line", ref, url), match.start(), match.end()
