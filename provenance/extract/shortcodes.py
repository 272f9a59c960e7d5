"""Embed shortcodes that site generators and CMSs write in place of embed markup.

Recognised forms:

- Hugo: ``{{< tweet user="NAME" id="ID" >}}``, the older ``{{< tweet ID >}}`` and
  ``{{< tweet NAME ID >}}``, ``{{< x user="…" id="…" >}}``, and ``{{< instagram ID >}}``,
  ``{{< youtube ID >}}`` (with ``{{% … %}}`` delimiters too);
- Jekyll: ``{% twitter URL %}``, ``{% tweet URL %}``, ``{% oembed URL %}``, ``{% instagram URL %}``;
- MDX components: ``<Tweet id="ID" />``, ``<Tweet tweetId="ID" />``, ``<TwitterTweetEmbed tweetId="ID" />``;
- WordPress: ``[embed]URL[/embed]``, ``[tweet URL]`` and ``<!-- wp:embed {"url": "URL", …} -->`` blocks;
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

#: Hugo shortcode names → the platform whose ID they take.
HUGO_PLATFORMS = {"tweet": "x", "twitter": "x", "x": "x", "instagram": "instagram", "youtube": "youtube"}
HUGO = regex.compile(r"\{\{[<%]\s*(?P<name>tweet|twitter|x|instagram|youtube)\s+(?P<args>[^}]*?)\s*/?[>%]\}\}")
HUGO_ARG = regex.compile(r"(?:(?P<key>\w+)\s*=\s*)?(?:\"(?P<quoted>[^\"]*)\"|(?P<bare>[^\s\"]+))")
JEKYLL = regex.compile(r"\{%\s*(?P<name>twitter|tweet|oembed|instagram)\s+[\"']?(?P<url>[^\s\"'%]+)[^%]*%\}")
MDX = regex.compile(
    r"<(?:Tweet|TwitterTweetEmbed|XEmbed|XPost)\b[^>]*?\b(?:id|tweetId)\s*=\s*\{?\s*[\"']?(?P<id>\d{1,19})"
)
WP_EMBED = regex.compile(r"\[embed[^\]]*\]\s*(?P<url>[^\s\[]+)\s*\[/embed\]")
WP_TWEET = regex.compile(r"\[tweet\s+(?:url=)?[\"']?(?P<url>[^\s\"'\]]+)[^\]]*\]")
WP_BLOCK = regex.compile(r"<!--\s*wp:(?:core-)?embed(?:/\w+)?\s+(?P<json>\{.*?\})\s*/?-->", regex.DOTALL)
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
    post_id = values.get("id") or (positional[-1] if positional else None)
    user = values.get("user") or (positional[0] if len(positional) > 1 else None)
    if post_id is None or platform not in PLATFORMS:
        return None
    if post_id.startswith(("http://", "https://")):
        return parse_url(post_id)
    if platform == "x" and user:
        return parse_url(f"https://x.com/{user}/status/{post_id}")
    return parse_id(post_id, platform)


def find_shortcodes(document: Document) -> Iterator[tuple[Fragment, int, int]]:
    """Every shortcode embed in ``document``, with the (start, end) span it covers."""
    text = document.text
    start = document.body_start
    for match in HUGO.finditer(text, start):
        ref = _hugo(match.group("args"), HUGO_PLATFORMS[match.group("name")])
        if ref is not None and ref.post_id:
            yield _fragment(document, match.start(), "hugo-shortcode", ref, None), match.start(), match.end()
    for pattern, form in ((JEKYLL, "jekyll-tag"), (WP_EMBED, "wordpress-embed"), (WP_TWEET, "wordpress-tweet")):
        for match in pattern.finditer(text, start):
            url = html.unescape(match.group("url"))
            if (ref := parse_url(url)) is not None and ref.post_id:
                yield _fragment(document, match.start(), form, ref, url), match.start(), match.end()
    for match in MDX.finditer(text, start):
        if (ref := parse_id(match.group("id"), "x")) is not None:
            yield _fragment(document, match.start(), "mdx-component", ref, None), match.start(), match.end()
    for match in WP_BLOCK.finditer(text, start):
        try:
            attributes = json.loads(match.group("json"))
        except ValueError:
            continue
        url = attributes.get("url") if isinstance(attributes, dict) else None
        if isinstance(url, str) and (ref := parse_url(url)) is not None and ref.post_id:
            yield _fragment(document, match.start(), "wordpress-block", ref, url), match.start(), match.end()
    if document.kind == "markdown":
        for match in LONE_URL.finditer(text, start):
            url = match.group("url")
            if (ref := parse_url(url)) is not None and ref.post_id:
                offset = match.start("url")
                yield _fragment(document, offset, "url-line", ref, url), match.start(), match.end()
