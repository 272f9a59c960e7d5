"""Reference-list entries for cited posts: APA 7, MLA 9, Chicago 17, CSL-JSON and BibTeX.

``provenance cite --style STYLE`` turns every post an article cites (and every post URL or ID
given) into an entry. Each post appears once, however often it is cited. The three prose
styles are sorted by author as a reference list is, with italics as Markdown ``*…*``; CSL-JSON
and BibTeX keep the order the posts were given in.

- APA 7 (Publication Manual 10.15): ``Name [@handle]. (2025, August 25). *The first twenty
  words of the post* [Post]. X. URL``; ``(n.d.)`` when the date is unknown.
- MLA 9: ``Name [@handle]. "The text of the post." *X*, 25 Aug. 2025, x.com/…``.
- Chicago 17 (14.209, bibliography form): ``Name (@handle). "The text, up to 160 characters."
  X, August 25, 2025. URL.``
- CSL-JSON (CSL 1.0.2): type ``post``, the author as a ``literal`` name so that no style inverts
  it, ``container-title`` the platform, ``genre`` the kind of post, ``issued``, ``URL`` and
  ``number`` the post ID; Zotero and Pandoc read it as is.
- BibTeX: ``@misc`` with ``howpublished``, ``year``, ``month``, ``url`` (and biblatex's
  ``date``), special characters escaped.

The date is the one the embed shows, else the UTC day the post ID encodes (estimates are not
used: an entry states what is known). Entries quote posts, so they are written log-safe
(``provenance.logsafe``), as everything provenance prints is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date

from provenance.baseline import post_key
from provenance.logsafe import log_safe
from provenance.model import Citation
from provenance.platforms import PLATFORMS

__all__ = ["APA_WORDS", "CHICAGO_CHARS", "MLA_WORDS", "STYLES", "Post", "render"]

#: APA 7 uses up to the first 20 words of an untitled post as its title.
APA_WORDS = 20
#: Chicago 17 quotes up to the first 160 characters of a post's text.
CHICAGO_CHARS = 160
#: MLA 9 uses the full text of a short post as its title; past this many words (more than any
#: 280-character post has) it is shortened, so that a long Facebook post stays one entry.
MLA_WORDS = 50
#: The kind of post in brackets (APA) and in ``genre`` (CSL), by platform (``Platform.post_kind``).
POST_KINDS = {name: platform.post_kind for name, platform in PLATFORMS.items()}
_MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
}


@dataclass(frozen=True)
class Post:
    """What a reference entry says about one cited post."""

    platform: str
    handle: str | None
    name: str | None
    day: date | None
    text: str
    url: str | None
    post_id: str | None

    @classmethod
    def of(cls, citation: Citation) -> Post:
        """The entry's facts from a citation."""
        day = citation.shown_date
        id_time = citation.id_time
        exact = id_time is not None and not id_time.estimate and id_time.problem is None
        if day is None and exact and id_time is not None and id_time.moment is not None:
            day = id_time.moment.astimezone(UTC).date()
        return cls(
            platform=citation.platform,
            handle=citation.handle,
            name=citation.display_name,
            day=day,
            text=" ".join((citation.text or "").split()),
            url=citation.url,
            post_id=citation.post_id,
        )

    @property
    def title(self) -> str:
        """The platform's name as it calls itself."""
        platform = PLATFORMS.get(self.platform)
        return platform.title if platform is not None else self.platform.title()

    @property
    def kind(self) -> str:
        """The kind of post: ``Post``, ``Video``…"""
        return POST_KINDS.get(self.platform, "Post")

    def author(self, handle_format: str = "{name} [@{handle}]") -> str:
        """The author as an entry names them: display name and handle, or either alone."""
        if self.name and self.handle and self.name.lstrip("@") != self.handle:
            return handle_format.format(name=self.name, handle=self.handle)
        if self.handle:
            return f"@{self.handle}"
        return self.name or ""

    def words(self, limit: int) -> str:
        """The text's first ``limit`` words (with an ellipsis when cut)."""
        words = self.text.split()
        return " ".join(words[:limit]) + ("…" if len(words) > limit else "")

    def sort_key(self) -> tuple[str, str, str]:
        """Reference lists sort by author, then date, then text."""
        author = self.author().lstrip("@").casefold() or self.text.casefold()
        return (author, self.day.isoformat() if self.day else "", self.text)


def _unique(citations: Sequence[Citation]) -> list[Post]:
    seen: set[str] = set()
    posts = []
    for citation in citations:
        key = post_key(citation)
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        posts.append(Post.of(citation))
    return posts


def _italic(text: str) -> str:
    return "*" + re.sub(r"([*_])", r"\\\1", text) + "*"


def _end(text: str) -> str:
    """``text`` ending in a full stop unless it already ends a sentence."""
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def apa(post: Post) -> str:
    """One APA 7 reference entry."""
    when = f"{post.day:%Y}, {post.day:%B} {post.day.day}" if post.day else "n.d."
    title = f"{_italic(post.words(APA_WORDS))} [{post.kind}]" if post.text else f"[{post.kind}]"
    parts = [_end(post.author()) if post.author() else "", f"({when}).", _end(title), _end(post.title)]
    if post.url:
        parts.append(post.url)
    return " ".join(part for part in parts if part)


def mla(post: Post) -> str:
    """One MLA 9 works-cited entry."""
    quoted = f'"{_end(post.words(MLA_WORDS))}"' if post.text else f"{post.kind}."
    details = [_italic(post.title)]
    if post.day:
        details.append(f"{post.day.day} {_MLA_MONTHS[post.day.month - 1]} {post.day.year}")
    if post.url:
        details.append(re.sub(r"^https?://(www\.)?", "", post.url))
    author = _end(post.author()) if post.author() else ""
    return " ".join(part for part in (author, quoted, ", ".join(details) + ".") if part)


def chicago(post: Post) -> str:
    """One Chicago 17 bibliography entry."""
    text = post.text if len(post.text) <= CHICAGO_CHARS else post.text[:CHICAGO_CHARS].rsplit(" ", 1)[0] + "…"
    author = post.author("{name} (@{handle})")
    parts = [_end(author) if author else "", f'"{_end(text)}"' if text else ""]
    details = [post.title]
    if post.day:
        details.append(f"{post.day:%B} {post.day.day}, {post.day.year}")
    parts.append(_end(", ".join(details)))
    if post.url:
        parts.append(_end(post.url))
    return " ".join(part for part in parts if part)


def _entry_id(post: Post, taken: set[str]) -> str:
    # The post ID names a post; without one, the author and the day come as near as they can.
    who = [post.post_id] if post.post_id else [post.handle or "post", post.day.isoformat() if post.day else ""]
    base = "-".join(part for part in (post.platform, *who) if part)
    base = re.sub(r"[^A-Za-z0-9_:-]+", "-", base).strip("-")
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    taken.add(key)
    return key


def csl_item(post: Post, item_id: str) -> dict[str, object]:
    """One CSL-JSON item of type ``post``."""
    item: dict[str, object] = {"id": item_id, "type": "post"}
    if post.author():
        item["author"] = [{"literal": post.author()}]
    item["title"] = post.text or f"[{post.kind}]"
    item["container-title"] = post.title
    item["genre"] = post.kind
    if post.day:
        item["issued"] = {"date-parts": [[post.day.year, post.day.month, post.day.day]]}
    if post.url:
        item["URL"] = post.url
    if post.post_id:
        item["number"] = post.post_id
    return item


def _csl(posts: Sequence[Post]) -> str:
    taken: set[str] = set()
    items = [csl_item(post, _entry_id(post, taken)) for post in posts]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _tex(text: str) -> str:
    return "".join(_BIBTEX_ESCAPES.get(char, char) for char in text)


def bibtex(post: Post, key: str) -> str:
    """One BibTeX ``@misc`` entry."""
    fields: list[tuple[str, str]] = []
    author = post.author("{name} (@{handle})")
    if author:
        fields.append(("author", "{" + _tex(author) + "}"))  # double braces: a name BibTeX must not split
    fields.append(("title", "{" + _tex(post.words(APA_WORDS) if post.text else f"{post.kind} on {post.title}") + "}"))
    fields.append(("howpublished", _tex(f"{post.kind} on {post.title}")))
    if post.day:
        fields += [("year", str(post.day.year)), ("month", _BIBTEX_MONTHS[post.day.month - 1]),
                   ("date", post.day.isoformat())]
    if post.url:
        fields.append(("url", post.url.replace("%", r"\%").replace("#", r"\#")))
    lines = [f"@misc{{{key},"]
    for name, value in fields:
        bare = name in ("year", "month")  # numbers and month macros stand unbraced
        lines.append(f"  {name} = {value if bare else '{' + value + '}'},")
    lines.append("}")
    return "\n".join(lines)


def _bibtex(posts: Sequence[Post]) -> str:
    taken: set[str] = set()
    return "\n\n".join(bibtex(post, _entry_id(post, taken)) for post in posts) + ("\n" if posts else "")


def _prose(style: Callable[[Post], str]) -> Callable[[Sequence[Post]], str]:
    def render_list(posts: Sequence[Post]) -> str:
        return "".join(style(post) + "\n" for post in sorted(posts, key=Post.sort_key))
    return render_list


#: Style name → renderer of a reference list.
STYLES: dict[str, Callable[[Sequence[Post]], str]] = {
    "apa": _prose(apa),
    "mla": _prose(mla),
    "chicago": _prose(chicago),
    "csl-json": _csl,
    "bibtex": _bibtex,
}


def render(citations: Sequence[Citation], style: str) -> str:
    """The reference entries of ``citations`` (each post once) in ``style``, log-safe: they quote posts."""
    text = STYLES[style](_unique(citations))
    if style == "csl-json":
        return log_safe(text, "json")
    return "\n".join(log_safe(line) for line in text.split("\n"))
