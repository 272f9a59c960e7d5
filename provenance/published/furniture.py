"""The page's furniture: the site's header, navigation, sidebars and footer around the article.

A date that stands there dates the site (a "today" in its header), a teaser or a comment, not
the article. Only the landmarks HTML and ARIA name, and a few class and id words that name the
same landmarks, count; anything inside an ``<article>`` is the article's own (its header and
asides hold its byline). Comment sections and quoted posts (a tweet's card, any ``blockquote``)
are never the article's dates, inside an ``<article>`` or not: a WordPress comment is an
``<article>`` itself, and a quoted post shows the post's date. Deciding for posts whether they
stand in the article is a larger job, done elsewhere; this is only what the readers of the
article's date need.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from provenance import caches
from provenance.platforms import PLATFORMS

__all__ = ["Furniture", "in_furniture", "is_landmark", "is_quoted", "without_furniture"]

#: Landmarks around the article: a date inside one of them, outside every ``<article>``, dates
#: the site (a "today" in its header), a teaser in a sidebar or a comment.
_FURNITURE_TAGS = frozenset({"header", "footer", "nav", "aside"})
_FURNITURE_ROLES = frozenset({"banner", "navigation", "contentinfo", "complementary"})
#: Class and id words that name the same landmarks on pages without HTML5 elements; whole words
#: only ("lay-sidebar" wraps articles on some themes).
_FURNITURE_WORDS = frozenset({
    "header", "site-header", "masthead", "topbar", "top-bar", "navbar", "footer", "site-footer", "sidebar",
})
_FURNITURE_NAME = re.compile(
    r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(_FURNITURE_WORDS, key=len, reverse=True))) + r")(?![\w-])",
    re.IGNORECASE,
)
#: Parts of class and id names (split at ``-`` and ``_``) of comment sections, anywhere in a name
#: (as in ``provenance.extract.placement``), and the last part of the name of a quoted post's box
#: (``subbuzz-tweet``, ``embed-twitter``), which each platform declares (``Platform.quote_box_words``).
_COMMENT_PARTS = frozenset({"comment", "comments", "commentlist", "disqus"})
_POST_PARTS = frozenset(word for platform in PLATFORMS.values() for word in platform.quote_box_words)
#: Name parts that start the classes a CMS derives from an article's tags and categories
#: (WordPress's ``tag-tweet-of-the-week``): they name a topic, not a part of the page.
_TOPIC_PARTS = frozenset({"tag", "category", "cat", "topic"})
_NAME_PARTS = re.compile(r"[-_]+")
#: How many class and id values' verdicts are kept (a page holds a few hundred distinct ones).
_NAMES_KEPT = 4096


#: What the path from the root to an element holds: a comment section or a quoted post, an
#: ``<article>``, furniture, or none of them.
_QUOTED, _ARTICLE, _FURNITURE, _PLAIN = range(4)


class Furniture:
    """Which elements of one page stand in its furniture, each element's ancestors judged once
    (a page of thousands of deeply nested dates must not walk the same ancestors each time)."""

    def __init__(self) -> None:
        self._known: dict[etree._Element, int] = {}

    def __contains__(self, element: etree._Element) -> bool:
        """Whether ``element`` stands in the page's furniture: inside a landmark (see
        :func:`is_landmark`) and not inside an ``<article>`` (whose own asides and footers hold
        its byline and tags)."""
        return self._state(element) in (_FURNITURE, _QUOTED)

    def _state(self, element: etree._Element) -> int:
        unknown: list[etree._Element] = []
        node: etree._Element | None = element
        state = _PLAIN
        while node is not None:
            known = self._known.get(node)
            if known is not None:
                state = known
                break
            unknown.append(node)
            node = node.getparent()
        for node in reversed(unknown):
            if state == _QUOTED or is_quoted(node):
                state = _QUOTED
            elif node.tag == "article" or state == _ARTICLE:
                state = _ARTICLE
            elif state == _FURNITURE or is_landmark(node):
                state = _FURNITURE
            self._known[node] = state
        return state


def in_furniture(element: etree._Element) -> bool:
    """Whether ``element`` stands in the page's furniture (see :class:`Furniture`)."""
    return element in Furniture()


def is_landmark(element: etree._Element) -> bool:
    """Whether ``element`` is a header, footer, navigation or aside of the page, by tag, ARIA role,
    or class or id word. A ``<header>`` holding an ``<h1>`` is the article's own on pages without
    an ``<article>``, not the site's."""
    # Called on every element of a page: plain attribute reads, no attribute dictionary.
    tag = element.tag
    if tag in _FURNITURE_TAGS and (tag != "header" or element.find(".//h1") is None):
        return True
    for name in ("class", "id"):
        value = element.get(name)
        if value is not None and _landmark_names(value):
            return True
    role = element.get("role")
    return role is not None and role.lower() in _FURNITURE_ROLES


def is_quoted(element: etree._Element) -> bool:
    """Whether ``element`` is a comment section or a quoted post: a ``blockquote``, a class or id
    naming comments or a platform's post, ``itemprop="comment"`` or a schema.org ``Comment``."""
    tag = element.tag
    if tag == "blockquote":
        return True
    if tag in ("html", "body", "main"):
        return False  # WordPress classes the body "comments-open"
    for attribute in ("class", "id"):
        value = element.get(attribute)
        if value and _quoting_names(value):
            return True
    itemprop = element.get("itemprop")
    itemtype = element.get("itemtype")
    return (itemprop is not None and "comment" in itemprop.split()) or (
        itemtype is not None and itemtype.rstrip("/").endswith("/Comment")
    )


# A page repeats its class names on many elements, and these two are asked of every element of a
# page (see without_furniture): their answers are kept per class or id value.
@caches.register
@lru_cache(maxsize=_NAMES_KEPT)
def _landmark_names(value: str) -> bool:
    """Whether a class or id value holds a word that names a landmark (see :func:`is_landmark`)."""
    return _FURNITURE_NAME.search(value) is not None


@caches.register
@lru_cache(maxsize=_NAMES_KEPT)
def _quoting_names(value: str) -> bool:
    """Whether a class or id value names a comment section or a quoted post (see :func:`is_quoted`)."""
    for name in value.lower().split():
        parts = [part for part in _NAME_PARTS.split(name) if part]
        if not parts or parts[0] in _TOPIC_PARTS:
            continue
        if _COMMENT_PARTS.intersection(parts) or parts[-1] in _POST_PARTS:
            return True
    return False


def without_furniture(page: etree._Element) -> str:
    """``page`` as markup with the content of its furniture (see :func:`in_furniture`) emptied, and
    of its scripts but JSON-LD (a framework's state holds the dates of everything the site keeps:
    promotions, other articles, edits); the tree is changed in place."""
    furniture = Furniture()
    emptied = [
        element for element in page.iter(etree.Element)
        if ((is_landmark(element) or is_quoted(element)) and element in furniture)
        or (element.tag == "script" and "ld+json" not in (element.get("type") or "").lower())
    ]
    for element in emptied:
        tail = element.tail
        element.clear()
        element.tail = tail
    return etree.tostring(page, encoding="unicode", method="html")
