"""The embed scans, built from the forms each platform declares (``Platform.forms``).

No list of embed markup is kept here: the class names, attributes, frame sources and custom
tags come from the platform modules' ``FORMS``. From them this module builds the one opener
scan of :mod:`provenance.extract.html` (:data:`EMBED_OPENER`, and :data:`STOCK_OPENER` without
the CMS wrappers), the literals its fast path looks for, and :func:`matched_form`, which tells
which declared form a parsed element is and what it is reported as.

Markup is read as browsers read it: tag, attribute and class names in any case, attribute
values quoted or not (``<blockquote class=twitter-tweet>``), and a class only as a whole
class (``instagram-media-wrapper`` is not ``instagram-media``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import regex

from provenance.platforms import PLATFORMS
from provenance.platforms.forms import EmbedForm

if TYPE_CHECKING:
    from lxml import etree

__all__ = [
    "EMBED_OPENER",
    "FRAME_ATTRIBUTES",
    "OPENER_LITERALS",
    "OPENER_MARKER",
    "OPENER_START",
    "STOCK_OPENER",
    "Match",
    "frame_source",
    "matched_form",
]

#: Attributes a frame's source stands in: its own, and those of lazy loaders and placeholders.
FRAME_ATTRIBUTES = ("src", "data-src", "data-lazy-src", "data-iframe")
_URL_IN_MARKUP = re.compile(r"""(?:https?:)?//[^\s"'<>]+""")


@dataclass(frozen=True)
class Match:
    """A declared form an element is, the platform that declared it, and what it is reported as."""

    form: EmbedForm
    platform: str
    name: str


def _declared(kinds: Iterable[str]) -> list[tuple[EmbedForm, str]]:
    wanted = set(kinds)
    return [(form, name) for name, platform in PLATFORMS.items() for form in platform.forms if form.kind in wanted]


def _marks_class(form: EmbedForm) -> bool:
    """Whether the form's marker is a class (else an attribute name); an encoded form's marker is
    an attribute when it starts with ``data-``."""
    return form.kind in ("class", "wrapper") or (form.kind == "encoded" and not form.marker.startswith("data-"))


_MARKUP = _declared(("class", "attribute", "frame", "wrapper", "encoded", "json"))
_CLASS_FORMS = [(form, name) for form, name in _MARKUP if form.kind != "frame" and _marks_class(form)]
_ATTRIBUTE_FORMS = [(form, name) for form, name in _MARKUP if form.kind != "frame" and not _marks_class(form)]
_FRAME_FORMS = [(form, name) for form, name in _MARKUP if form.kind == "frame"]
_TAG_FORMS = _declared(("tag",))


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


#: Custom elements (AMP components, web components): the tag alone marks them.
CUSTOM_TAGS = tuple(_unique(form.marker.lower() for form, _ in _TAG_FORMS))
#: Tags that carry the other forms' markers.
CONTAINER_TAGS = tuple(_unique(tag for form, _ in _MARKUP for tag in form.tags))
_CLASSES = _unique(form.marker for form, _ in _CLASS_FORMS)
_WRAPPER_CLASSES = {form.marker.lower() for form, _ in _CLASS_FORMS if form.kind == "wrapper"}
_ATTRIBUTES = _unique(form.marker for form, _ in _ATTRIBUTE_FORMS)
_FRAMES = _unique(form.marker for form, _ in _FRAME_FORMS)


def _opener(classes: list[str]) -> regex.Pattern[str]:
    """The opening tags of embed markup with any of ``classes`` (and every attribute and frame)."""
    class_names = "|".join(regex.escape(name) for name in classes)
    return regex.compile(
        r"<(?P<tag>" + "|".join(regex.escape(tag) for tag in CUSTOM_TAGS) + r")\b(?P<attrs>[^>]*)>"
        r"|<(?P<tag>" + "|".join(CONTAINER_TAGS) + r")\b"
        r"(?P<attrs>[^>]*?(?:"
        # A whole class, in a quoted value or as the whole unquoted value.
        r"class\s*=\s*(?:[\"'][^\"']*?)?(?<![\w-])(?:" + class_names + r")(?![\w-])"
        r"|(?:" + "|".join(regex.escape(name) for name in _ATTRIBUTES) + r")\s*="
        r"|(?:src|data-iframe)\s*=\s*(?:[\"'][^\"']*|[^\"'\s>]*?)(?:" + "|".join(_FRAMES) + r")"
        r")[^>]*)>",
        regex.IGNORECASE,
    )


#: The opening tag of every declared embed form.
EMBED_OPENER = _opener(_CLASSES)
#: The same without the CMS wrappers: the platforms' own embed code, which speaks for a wrapper
#: around it.
STOCK_OPENER = _opener([name for name in _CLASSES if name.lower() not in _WRAPPER_CLASSES])
#: Where an opener may start: :data:`EMBED_OPENER` is tried only there. ``re`` finds these
#: about six times faster than ``EMBED_OPENER`` scans a page (tests/test_speed_identity_scans.py).
OPENER_START = re.compile(
    r"<(?:(?P<custom>" + "|".join(re.escape(tag) for tag in CUSTOM_TAGS) + r")|" + "|".join(CONTAINER_TAGS) + r")",
    re.IGNORECASE,
)
#: Literals, case-folded, one of which stands in every container opener: a class, an attribute
#: name, or a frame source's hint.
OPENER_LITERALS = tuple(
    _unique([name.casefold() for name in (*_CLASSES, *_ATTRIBUTES)] + [form.hint for form, _ in _FRAME_FORMS])
)
OPENER_MARKER = re.compile("|".join(re.escape(literal) for literal in OPENER_LITERALS))
_FRAME_PATTERNS = [(re.compile(form.marker, re.IGNORECASE), form, name) for form, name in _FRAME_FORMS]


def frame_source(element: etree._Element) -> str | None:
    """The URL an element's frame source holds (``src`` or a lazy loader's attribute), or None."""
    for key in FRAME_ATTRIBUTES:
        value = (element.get(key) or "").strip()
        if not value:
            continue
        if "<" in value:  # a placeholder that keeps the whole frame's markup
            found = _URL_IN_MARKUP.search(value)
            value = found.group() if found else ""
        if "//" in value or value.startswith("/"):
            return value
    return None


def _host(source: str) -> str | None:
    try:
        return urlsplit(source if "//" in source else "//" + source).hostname
    except ValueError:
        return None


def _pick(candidates: list[tuple[EmbedForm, str]], tag: str) -> tuple[EmbedForm, str]:
    """The candidate declared for ``tag``, else the first."""
    return next(((form, name) for form, name in candidates if tag in form.tags), candidates[0])


def matched_form(element: etree._Element) -> Match | None:
    """The declared form ``element`` is: its classes first, then its attributes, its tag, its frame."""
    tag = str(element.tag).lower()
    classes = [name.lower() for name in (element.get("class") or "").split()]
    for css_class in classes:
        found = [(form, name) for form, name in _CLASS_FORMS if form.marker.lower() == css_class]
        if found:
            form, platform = _pick(found, tag)
            return Match(form, platform, f"{tag}.{form.marker}")
    attributes = {key.lower() for key in element.attrib}
    for form, _ in _ATTRIBUTE_FORMS:
        if form.marker.lower() in attributes:
            chosen, platform = _pick([(f, p) for f, p in _ATTRIBUTE_FORMS if f.marker == form.marker], tag)
            return Match(chosen, platform, f"{tag}[{chosen.marker}]")
    for form, platform in _TAG_FORMS:
        if form.marker.lower() == tag:
            return Match(form, platform, form.name)
    source = frame_source(element)
    if source:
        for pattern, form, platform in _FRAME_PATTERNS:
            if pattern.search(source):
                host = _host(source)
                if "{host}" not in form.name:
                    return Match(form, platform, form.name)
                return Match(form, platform, form.name.replace("{host}", host) if host else tag)
    return None
