"""Embed forms that hold the post somewhere other than in plain embed code.

- Consent and privacy placeholders (``encoded`` forms) keep the platform's embed code until
  the reader agrees: Borlabs Cookie in base64 (in a ``<script type="text/template">``, a hidden
  ``div`` or the ``data-borlabs-cookie-content`` attribute), Embed Privacy in an escaped
  JavaScript string (``var _oembed_… = '{"embed":"&lt;blockquote …"}'``). The code is decoded
  and read as embed markup; the citation keeps the placeholder's place and form. A placeholder
  whose code cannot be decoded is read for a link to the post (Embed Privacy's "Open … directly").
- JSON in an attribute (``json`` forms: Substack's ``data-attrs``) names the post's URL, and
  often its author, text and date; the form's ``fields`` say which key is which.
- A CMS block with no embed code inside (``wrapper`` forms) holds the post's URL as its text,
  as WordPress stores an embed block before it is rendered.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from provenance.extract.catalogue import Match
from provenance.model import Document, Fragment, PostRef
from provenance.platforms import parse_url
from provenance.platforms.markup import clean_lines, inner_text, instant

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["decode", "read_encoded", "read_json", "read_wrapper_text", "url_parameters"]

#: The longest encoded embed read: real embed code, even base64-encoded, is far shorter.
MAX_ENCODED_CHARS = 200_000
_BASE64 = re.compile(r"[A-Za-z0-9+/=\s]{16,}")
#: A JavaScript string literal in single quotes, as Embed Privacy writes its stored embed.
_JS_STRING = re.compile(r"'((?:[^'\\]|\\.)*)'", re.DOTALL)
_JS_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_URL = re.compile(r"""(?:https?:)?//[^\s"'<>]+""")
#: The date format of X's API (``Thu Oct 08 04:49:34 +0000 2020``), which Substack keeps.
_API_DATE = "%a %b %d %H:%M:%S %z %Y"

Reader = Callable[[str, int, Document], Fragment | None]


def url_parameters(value: str) -> list[str]:
    """The values of ``url=`` parameters in ``value``'s query (percent-decoded)."""
    if "url=" not in value:
        return []
    try:
        query = urlsplit(value.strip()).query
    except ValueError:
        return []
    return parse_qs(query).get("url", [])


def decode(value: str) -> str | None:
    """The embed markup ``value`` keeps: base64, an escaped JavaScript string holding JSON with
    an ``embed`` key, or entity-escaped HTML; None when it holds none."""
    value = value.strip()
    if not value or len(value) > MAX_ENCODED_CHARS:
        return None
    if "<" in value:
        return value
    if _BASE64.fullmatch(value):
        try:
            decoded = base64.b64decode("".join(value.split()), validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            decoded = ""
        if "<" in decoded:
            return decoded
    if (literal := _JS_STRING.search(value)) is not None:
        unescaped = _JS_ESCAPE.sub(r"\1", literal.group(1))  # PHP's addslashes, undone
        try:
            stored = json.loads(unescaped)
        except ValueError:
            stored = None
        if isinstance(stored, dict) and isinstance(stored.get("embed"), str):
            return html.unescape(stored["embed"])
    if "&lt;" in value:
        return html.unescape(value)
    return None


def _stored_values(element: etree._Element, found: Match) -> list[str]:
    """Where a placeholder may keep its embed code: the marker attribute, then the text of its
    scripts, templates and hidden elements."""
    values = []
    if found.form.marker.startswith("data-") and (held := element.get(found.form.marker)):
        values.append(held)
    for holder in element.iter("script", "template", "div", "span"):
        if holder is element:
            continue
        kind = holder.tag
        hidden = "borlabs-hide" in (holder.get("class") or "") or holder.get("data-borlabs-cookie-type")
        if kind in ("script", "template") or hidden:
            text = "".join(holder.itertext())
            if text.strip():
                values.append(text)
    return values


def read_encoded(
    element: etree._Element, found: Match, offset: int, document: Document, read_region: Reader
) -> Fragment | None:
    """The embed a consent placeholder keeps, at the placeholder's place and under its form."""
    for value in _stored_values(element, found):
        markup = decode(value)
        if markup is None:
            continue
        fragment = read_region(markup, offset, document)
        if fragment is not None:
            return replace(fragment, form=found.name)
    return _linked(element, found, offset, document)


def _linked(element: etree._Element, found: Match, offset: int, document: Document) -> Fragment | None:
    """A placeholder's link to its post (the last one), when its code could not be read."""
    for anchor in reversed(list(element.iter("a"))):
        href = (anchor.get("href") or "").strip()
        ref = parse_url(href) if href else None
        if ref is not None and ref.post_id:
            return _fragment(found, offset, document, href, ref)
    return None


def _fragment(found: Match, offset: int, document: Document, url: str, ref: PostRef) -> Fragment:
    line, column = document.position(offset)
    return Fragment(
        kind="embed", form=found.name, offset=offset, line=line, column=column, platform=ref.platform, url=url,
        post_id=ref.post_id, handle=ref.handle,
    )


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    if (moment := instant(value)) is not None:
        return moment
    try:
        return datetime.strptime(value.strip(), _API_DATE)
    except ValueError:
        return None


def read_json(element: etree._Element, found: Match, offset: int, document: Document) -> Fragment | None:
    """The post a JSON attribute names, with what its keys say of the author, text and date."""
    try:
        data = json.loads(element.get(found.form.marker) or "")
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    keys = dict(found.form.fields)
    url = data.get(keys.get("url", "url"))
    if not isinstance(url, str):
        return None
    url = url.strip().rstrip(").,")  # Substack's editor sometimes keeps a bracket typed after a link
    ref = parse_url(url)
    if ref is None or not ref.post_id:
        return None
    fragment = _fragment(found, offset, document, url, ref)

    def text(meaning: str) -> str | None:
        value = data.get(keys[meaning]) if meaning in keys else None
        return clean_lines(html.unescape(re.sub(r"<[^>]+>", "", value))) if isinstance(value, str) else None

    return replace(
        fragment,
        handle=text("handle") or ref.handle,
        display_name=text("name"),
        text=text("text"),
        shown_moment=_moment(data.get(keys["date"])) if "date" in keys else None,
    )


def read_wrapper_text(element: etree._Element, found: Match, offset: int, document: Document) -> Fragment | None:
    """A CMS block with no embed code inside: the post URL it holds as text."""
    for found_url in _URL.findall(inner_text(element, " ")):
        url = found_url.rstrip(".,;:!?")
        ref = parse_url(url)
        if ref is not None and ref.post_id:
            return _fragment(found, offset, document, url, ref)
    return None
