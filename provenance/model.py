"""The shared records of the pipeline: Item → Document → Fragment → Citation → Finding → Report.

Every record is frozen. This module imports nothing else from the package, so every other
module may import it.
"""

from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cached_property
from typing import Literal

__all__ = [
    "ArticleDate",
    "Citation",
    "Confidence",
    "ConfigError",
    "Document",
    "DocumentKind",
    "FileReport",
    "Finding",
    "Fragment",
    "IdTime",
    "InputError",
    "Item",
    "PostRef",
    "Report",
    "Severity",
    "TextDate",
    "TimeSpan",
    "Verification",
    "input_name",
]

#: Local time zones run from UTC−12 to UTC+14: a calendar day named without a zone may
#: start 14 hours before the same day in UTC and end 12 hours after it.
ZONE_AHEAD = timedelta(hours=14)
ZONE_BEHIND = timedelta(hours=12)


DocumentKind = Literal["text", "html", "markdown"]
CitationKind = Literal["embed", "link", "mention"]


def input_name(source: str) -> str:
    """An input's name as a one-line message writes it: runs of white space (a line break in a
    file name) made one space, ``<input>`` when nothing is left."""
    return " ".join(source.split()) or "<input>"


class InputError(Exception):
    """An input that cannot be read: ``str()`` is one line naming the input and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{input_name(source)}: {problem}")
        self.source = source
        #: The problem alone, for reports that name the input already.
        self.problem = problem


class ConfigError(ValueError):
    """A usage error: a flag, a configuration value or an output file that cannot be used (exit
    code 2); the message is one line."""


def one_line(error: BaseException, max_chars: int | None = None, *, ascii_only: bool = False) -> str:
    """``error``'s message on one line (runs of white space made one space), or the name of its
    type when it has none; cut to ``max_chars`` with an ellipsis. ``ascii_only``: every character
    that is not printable ASCII becomes "?" (a parser quoting the binary noise it choked on)."""
    text = " ".join(str(error).split())
    if ascii_only:
        text = "".join(char if char.isprintable() and char.isascii() else "?" for char in text)
    text = text or type(error).__name__
    if max_chars is not None and len(text) > max_chars:
        text = text[: max_chars - 1] + "…"
    return text


class Severity(enum.IntEnum):
    """How much a finding matters; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, name: str) -> Severity:
        """Return the severity called ``name`` (case-insensitive); raise ValueError if none is."""
        try:
            return cls[name.strip().upper()]
        except KeyError:
            choices = ", ".join(str(s) for s in cls)
            raise ValueError(f"unknown severity {name!r} (choose from {choices})") from None


class Confidence(enum.IntEnum):
    """How far an article's date can be trusted; ordered so that ``CERTAIN > PROBABLE > WEAK``.

    - ``CERTAIN``: the page states it about itself (its metadata, its front matter, a date line
      at the top of a text) or the caller gave it (``--published``).
    - ``PROBABLE``: the page shows it where a publication date usually stands, but does not label
      it as one (the date in the page's own URL, the byline, htmldate's reading of the page's
      structure).
    - ``WEAK``: a guess from dates about other things (another page's URL, a "today" in the site's
      header, the earliest or largest date in the text).

    :mod:`provenance.published.evidence` names the confidence of every source, with its reason.
    """

    WEAK = 1
    PROBABLE = 2
    CERTAIN = 3

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class TimeSpan:
    """The interval of UTC instants a stated time could mean, both ends included."""

    earliest: datetime
    latest: datetime

    @classmethod
    def instant(cls, moment: datetime, precision: timedelta = timedelta(0)) -> TimeSpan:
        """The span of an exact ``moment`` known to ``precision`` (truncated, as IDs are)."""
        moment = _as_utc(moment)
        return cls(moment, moment + precision)

    @classmethod
    def around(cls, moment: datetime, bound: timedelta) -> TimeSpan:
        """The span of an estimate: ``moment`` give or take ``bound``."""
        moment = _as_utc(moment)
        return cls(moment - bound, moment + bound)

    @classmethod
    def day(cls, day: date, zone: tzinfo | None = None) -> TimeSpan:
        """The span of a calendar ``day`` in ``zone``; in any zone on Earth when ``zone`` is None."""
        if zone is None:
            start = datetime.combine(day, time(0), UTC)
            return cls(start - ZONE_AHEAD, start + timedelta(days=1) + ZONE_BEHIND)
        start = datetime.combine(day, time(0), zone)
        end = datetime.combine(day + timedelta(days=1), time(0), zone)
        return cls(start.astimezone(UTC), end.astimezone(UTC))

    def widen(self, slack: timedelta) -> TimeSpan:
        """The same span with ``slack`` added on both sides."""
        return TimeSpan(self.earliest - slack, self.latest + slack)

    def overlaps(self, other: TimeSpan) -> bool:
        """Whether some instant lies in both spans."""
        return self.earliest <= other.latest and other.earliest <= self.latest

    def after(self, other: TimeSpan) -> bool:
        """Whether every instant of this span lies after every instant of ``other``."""
        return self.earliest > other.latest


def _as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a TimeSpan needs timezone-aware datetimes")
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class ArticleDate:
    """A date stated for an article, with where it was found and how far it can be trusted.

    ``moment`` is set when the source gave a time of day; it is timezone-aware when the
    source also gave a zone or offset (the page's own: ``day`` is the calendar day there).
    ``source`` is a short machine name of the place (``html:meta:article:published_time``);
    ``evidence`` says in words what the date rests on (``meta article:published_time``), and
    ``confidence`` how far that evidence goes. A date built without them is one the caller
    states, hence certain.
    """

    day: date
    source: str
    moment: datetime | None = None
    confidence: Confidence = Confidence.CERTAIN
    evidence: str = ""

    @property
    def basis(self) -> str:
        """What the date rests on, in words: its evidence, else its source."""
        return self.evidence or self.source

    def span(self, zone: tzinfo | None = None) -> TimeSpan:
        """The instants this date may mean; ``zone`` is the article's zone when known."""
        if self.moment is not None and self.moment.tzinfo is not None:
            return TimeSpan.instant(self.moment, timedelta(minutes=1))
        if self.moment is not None:
            local = self.moment.replace(tzinfo=zone or UTC)
            if zone is not None:
                return TimeSpan.instant(local, timedelta(minutes=1))
            return TimeSpan(local - ZONE_AHEAD, local + ZONE_BEHIND)
        return TimeSpan.day(self.day, zone)

    def isoformat(self) -> str:
        """The date as ISO 8601, with its time when one is known."""
        return self.moment.isoformat() if self.moment is not None else self.day.isoformat()


@dataclass(frozen=True)
class Item:
    """An article to check, as an input names it, before it is read: a file to read, a URL to
    fetch, or bytes in hand; or why it failed (``provenance.sources`` makes them)."""

    #: Unique within a run and the same in every run over the same inputs: what ``--state`` records.
    key: str
    #: The name its report carries (a path, a URL, a WARC record's target URI).
    source: str
    path: str | None = None
    url: str | None = None
    data: bytes | None = None
    kind: DocumentKind | None = None
    #: The charset the server declared for ``data``, which wins over the page's own ``<meta>``.
    charset: str | None = None
    #: A publication date from outside the page (a news sitemap), used when the page states none
    #: (or only shows or guesses one: a sitemap is the publisher's statement).
    published: ArticleDate | None = None
    #: Set when the input failed before it could be checked: the problem alone, on one line;
    #: ``source`` names the input (as with ``InputError.problem`` and ``FileReport.error``).
    error: str | None = None

    def failed(self, error: str) -> Item:
        """The same input, failed for ``error`` (its bytes dropped)."""
        return replace(self, data=None, error=error)


@dataclass(frozen=True)
class Document:
    """One decoded article: its text, its kind, and the dates stated for it."""

    source: str
    kind: DocumentKind
    text: str
    lang: str | None = None
    #: Offset of the first character of the body (after a date prefix or front matter).
    body_start: int = 0
    published: ArticleDate | None = None
    modified: ArticleDate | None = None
    #: Front matter keys and values as read, for Markdown articles.
    front_matter: tuple[tuple[str, str], ...] = ()

    @cached_property
    def _lines(self) -> _LineCounter:
        return _LineCounter(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of character ``offset`` in the text."""
        return self._lines.position(offset)


class _LineCounter:
    """Line numbers of a text's offsets, counted from the nearest offset asked before.

    A page asks for the lines of a few citations, mostly in order: counting newlines from the
    last answer costs less than listing every line start of a page with thousands of lines.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._offsets = [0]  # sorted offsets already answered, and the line each stands on
        self._lines = [1]

    def position(self, offset: int) -> tuple[int, int]:
        text = self._text
        index = bisect.bisect_right(self._offsets, offset) - 1
        line = self._lines[index] + text.count("\n", self._offsets[index], offset)
        if self._offsets[index] != offset:
            self._offsets.insert(index + 1, offset)
            self._lines.insert(index + 1, line)
        return line, offset - text.rfind("\n", 0, offset)


@dataclass(frozen=True)
class PostRef:
    """What a post URL or ID says by itself: the platform, the post, and who posted it."""

    platform: str
    post_id: str | None
    handle: str | None = None
    #: The canonical permalink, when the reference names a single post.
    url: str | None = None
    #: The ID as the platform's time scheme reads it, when that differs from ``post_id``
    #: (an Instagram shortcode's numeric media ID, a Reddit comment's parent post).
    time_key: str | None = None


_UNITS = {"us": timedelta(microseconds=1), "ms": timedelta(milliseconds=1), "s": timedelta(seconds=1)}


@dataclass(frozen=True)
class IdTime:
    """The creation time a post ID encodes, or why it encodes none."""

    #: The decoded instant in UTC; None when the ID carries no time.
    moment: datetime | None
    #: One of ``us``, ``ms``, ``s`` (exact, truncated to that unit) or ``estimate``.
    precision: str | None = None
    #: For estimates: how far the true time may lie from ``moment``.
    error_bound: timedelta | None = None
    #: Why there is no time, or what to know about this one.
    note: str | None = None
    #: Set when the ID lies outside every range the platform ever issued: the reason.
    problem: str | None = None

    def span(self) -> TimeSpan | None:
        """The instants the ID allows, or None when it encodes no time."""
        if self.moment is None:
            return None
        if self.precision == "estimate":
            return TimeSpan.around(self.moment, self.error_bound or timedelta(0))
        return TimeSpan.instant(self.moment, _UNITS.get(self.precision or "", timedelta(0)))

    @property
    def estimate(self) -> bool:
        """Whether the time is an estimate rather than a decoded fact."""
        return self.precision == "estimate"


@dataclass(frozen=True)
class Fragment:
    """One place in a document that embeds, links or mentions a post, as written there."""

    kind: CitationKind
    #: The markup form it was found in, e.g. ``blockquote.twitter-tweet``, ``hugo-shortcode``,
    #: ``flattened-text``, ``bare-link``.
    form: str
    offset: int
    line: int
    column: int
    platform: str | None = None
    #: The post's URL or URI as written, if any.
    url: str | None = None
    post_id: str | None = None
    #: The handle shown in the embed or text, without the ``@``.
    handle: str | None = None
    display_name: str | None = None
    shown_date_text: str | None = None
    #: A machine-readable time the embed states (Instagram's ``<time datetime>``).
    shown_moment: datetime | None = None
    text: str | None = None
    lang: str | None = None
    media: tuple[str, ...] = ()
    #: Where it stands on the page: ``article``, or the furniture it stands in (``sidebar``,
    #: ``comments``, ``metadata``, …); None until placed (see provenance.extract.placement).
    #: Where the fragment's source ends (the position just after it), where the reader knows it.
    end_line: int | None = None
    end_column: int | None = None
    placement: str | None = None


@dataclass(frozen=True)
class TextDate:
    """A date written in a post's text or the article's prose, as read."""

    text: str
    #: The calendar day it names; None when it is ambiguous and nothing settles it.
    day: date | None
    #: ``absolute``, ``relative`` (against the article's date), ``approximate`` ("two months later") or ``ambiguous``.
    kind: str = "absolute"
    offset: int = 0


@dataclass(frozen=True)
class Verification:
    """What the platform and the web archive said about a cited post (``--online`` runs only)."""

    #: ``live`` (the platform shows it), ``gone`` (the platform definitely says it is deleted,
    #: private or suspended) or ``unknown`` (no definite answer: ``notes`` says why).
    status: Literal["live", "gone", "unknown"] = "unknown"
    #: Why the post is gone, as the platform answered (``HTTP 404 Not Found``, its own message).
    reason: str | None = None
    #: The author the platform reports: handle (without ``@``), name and profile URL.
    author_handle: str | None = None
    author_name: str | None = None
    author_url: str | None = None
    #: ``archived`` (a capture exists), ``none`` (the archive definitely has none) or ``unknown``.
    archive: Literal["archived", "none", "unknown"] = "unknown"
    #: The short link (``pic.twitter.com/…``) the permalink and ID were recovered from, if any.
    recovered_from: str | None = None
    #: What could not be checked and why, or what else was learned; one line each.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Citation:
    """One post that an article cites, normalized across the places that cite it."""

    platform: str
    kind: CitationKind
    form: str
    line: int
    column: int
    #: The handle as shown (or, when nothing is shown, as in the link), without ``@``.
    handle: str | None = None
    #: The handle in the post's link, when the link names one.
    url_handle: str | None = None
    display_name: str | None = None
    post_id: str | None = None
    #: The canonical permalink; None when the post cannot be located.
    url: str | None = None
    shown_date: date | None = None
    shown_date_text: str | None = None
    shown_moment: datetime | None = None
    #: The time the post ID encodes; None when there is no ID.
    id_time: IdTime | None = None
    media: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    text: str | None = None
    lang: str | None = None
    dates_in_text: tuple[TextDate, ...] = ()
    #: Where the citation's source ends (the position just after it), where known: SARIF's region end.
    end_line: int | None = None
    end_column: int | None = None
    #: Other (line, column) places in the document that cite the same post.
    also_at: tuple[tuple[int, int], ...] = ()
    #: The earliest archived copy of the permalink, and when it was captured (``--online``).
    archive_url: str | None = None
    archived_at: datetime | None = None
    #: What the platform and the archive said; None when nothing was asked (offline runs).
    verification: Verification | None = None
    #: Whether the post stands in the article (in any of its places); where it stands:
    #: ``article``, or the page furniture it is in (``sidebar``, ``comments``, ``metadata``, …).
    #: Rules skip posts outside the article unless configured to include furniture.
    in_article: bool = True
    placement: str = "article"


@dataclass(frozen=True)
class Finding:
    """One problem a rule found: a stable code, a severity, and a message with its values."""

    code: str
    name: str
    severity: Severity
    message: str
    line: int
    column: int
    #: Index into the file's citations, or None for a finding about the whole article.
    citation: int | None = None
    #: The values the message was built from, for machines and tests.
    args: tuple[tuple[str, str], ...] = ()
    #: Where the text the finding is about ends (just after it), when known (its citation's end).
    end_line: int | None = None
    end_column: int | None = None

    def sort_key(self) -> tuple[int, int, str]:
        """Findings sort by position, then code."""
        return (self.line, self.column, self.code)


@dataclass(frozen=True)
class FileReport:
    """Everything provenance learned about one input, or why it could not read it."""

    source: str
    kind: DocumentKind | None = None
    lang: str | None = None
    published: ArticleDate | None = None
    modified: ArticleDate | None = None
    citations: tuple[Citation, ...] = ()
    findings: tuple[Finding, ...] = ()
    #: None, or the one-line reason the input could not be read.
    error: str | None = None
    #: The dates written in the article's prose (offsets into its text), read when the article
    #: cites a post without a link: such a post has no date of its own (empty otherwise).
    dates_in_text: tuple[TextDate, ...] = ()


@dataclass(frozen=True)
class Report:
    """The result of a run over one or more inputs, in input order."""

    files: tuple[FileReport, ...] = field(default_factory=tuple)

    def findings(self) -> list[tuple[FileReport, Finding]]:
        """Every finding with its file, sorted by (source, line, column, code)."""
        pairs = [(f, finding) for f in self.files for finding in f.findings]
        pairs.sort(key=lambda pair: (pair[0].source, *pair[1].sort_key()))
        return pairs

    def worst(self) -> Severity | None:
        """The highest severity of any finding, or None when there is none."""
        return max((finding.severity for _, finding in self.findings()), default=None)
