"""The article's dates in plain text (a scraper's metadata prefix) and in Markdown front matter."""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime

from provenance.model import ArticleDate
from provenance.published.evidence import FRONT_MATTER, TEXT_PREFIX
from provenance.published.stamps import (
    FRONT_MATTER_MAX_CHARS,
    ArticleDates,
    _from_value,
    normalize_lang,
    parse_stamp,
)

# ---------------------------------------------------------------- text and markdown


_PREFIX_KEYS = {
    "date": "published", "published": "published", "publishdate": "published",
    "pubdate": "published", "published_at": "published",
    "updated": "modified", "modified": "modified", "lastmod": "modified",
    "last-modified": "modified",
}
_PREFIX_ITEM = re.compile(
    r"[\s\ufeff]*(?P<key>" + "|".join(sorted(_PREFIX_KEYS, key=len, reverse=True)) + r")"
    r"(?:[ \t]*[:=][ \t]*|[ \t]+)"
    r"(?P<value>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"(?=\s|$)",
    re.IGNORECASE,
)


def text_prefix_dates(text: str) -> ArticleDates:
    found: dict[str, ArticleDate] = {}
    end = 0
    while (match := _PREFIX_ITEM.match(text, end)) is not None:
        stamp = TEXT_PREFIX.tag(parse_stamp(match["value"], "text-prefix"), match["key"])
        if stamp is None:
            break
        found.setdefault(_PREFIX_KEYS[match["key"].lower()], stamp)
        end = match.end()
    while 0 < end < len(text) and text[end].isspace():
        end += 1
    return ArticleDates(found.get("published"), found.get("modified"), None, end, ())


_FENCES = {
    "---": re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M),
    "+++": re.compile(r"^\+\+\+[ \t]*\r?$", re.M),
}
#: The first line inside the fences must look like ``key:`` or ``key =`` (or a TOML table):
#: a Markdown rule (``---``) around prose is not front matter.
_FM_FIRST_LINE = re.compile(r"\s*(?:\[[^\]\n]+\]|[\w\"'.-]+\s*[:=])")
_FM_PUBLISHED = ("publishdate", "published", "pubdate", "date")
_FM_MODIFIED = ("lastmod", "modified", "updated", "lastmodified", "last_modified")
_FM_LANG = ("lang", "language")


def _front_matter_data(raw: str, fence: str) -> object:
    """Front matter parsed as YAML (``---``) or TOML (``+++``); None when it is malformed (it is still
    not body: its data is skipped, its fence kept)."""
    if fence != "---":
        try:
            return tomllib.loads(raw)
        except (tomllib.TOMLDecodeError, ValueError, OverflowError, RecursionError):
            return None
    import yaml  # noqa: PLC0415 - only YAML front matter needs it, and it costs a short check 15 ms

    try:
        return yaml.safe_load(raw)
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return None


def front_matter_dates(text: str) -> ArticleDates | None:
    start = 1 if text.startswith("\ufeff") else 0
    fence = text[start : start + 3]
    closing = _FENCES.get(fence)
    first_line_end = text.find("\n", start)
    if closing is None or first_line_end == -1 or text[start + 3 : first_line_end].strip():
        return None
    match = closing.search(text, first_line_end + 1, start + FRONT_MATTER_MAX_CHARS)
    if match is None:
        return None
    raw = text[first_line_end + 1 : match.start()]
    if raw.strip() and _FM_FIRST_LINE.match(raw) is None:
        return None
    body_start = match.end() + (1 if text.startswith("\n", match.end()) else 0)
    data = _front_matter_data(raw, fence)
    if not isinstance(data, dict):
        return ArticleDates(None, None, None, body_start, ())
    items = {str(key): value for key, value in data.items()}
    by_lower = {key.lower(): key for key in reversed(items)}

    def pick(keys: tuple[str, ...]) -> ArticleDate | None:
        for key in keys:
            if key in by_lower:
                name = by_lower[key]
                stamp = FRONT_MATTER.tag(_from_value(items[name], f"front-matter:{name}"), name)
                if stamp is not None:
                    return stamp
        return None

    lang = None
    for key in _FM_LANG:
        value = items.get(by_lower.get(key, ""))
        if isinstance(value, str) and (lang := normalize_lang(value)) is not None:
            break
    pairs = tuple((key, shown) for key, value in items.items() if (shown := _fm_text(value)) is not None)
    return ArticleDates(pick(_FM_PUBLISHED), pick(_FM_MODIFIED), lang, body_start, pairs)


def _scalar_text(value: object) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return str(value)
    return None


def _fm_text(value: object) -> str | None:
    """A front matter value as text; nested maps are left out (YAML aliases could make them huge)."""
    if isinstance(value, list):
        return ", ".join(t for item in value if (t := _scalar_text(item)) is not None)
    return _scalar_text(value)


