"""The audit report as one self-contained HTML page: summary, charts, timelines and a sortable table.

The page needs no network to open: its CSS, its one script (for sorting the table) and its
pictures (inline SVG) are all in the file. Everything taken from an article (its source, the
handles, names, messages, post text) is HTML-escaped; links are kept only when they are http(s)
URLs (or, for the article, a file path, linked as a ``file:`` URI); no article text ever enters
the script. A Content-Security-Policy allows only this page's own style and script, by their
hashes, so even a mistake in escaping could not run an article's script.

``HtmlReport`` keeps bounded data however long the audit: at most ``MAX_ROWS`` findings (the most
severe, first met first) and ``MAX_TIMELINES`` article timelines (the articles with the gravest
findings), each with at most ``MAX_TIMELINE_POSTS`` posts. The page says what it left out.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import html
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar
from urllib.parse import urlsplit

from provenance.formats.html_assets import SCRIPT, STYLE
from provenance.formats.summary import AGE_BUCKETS, AGE_LABELS, Summary, posted_span
from provenance.model import Citation, FileReport, Finding, Severity, TimeSpan
from provenance.platforms import PLATFORMS
from provenance.version import version

__all__ = ["MAX_ROWS", "MAX_TIMELINES", "MAX_TIMELINE_POSTS", "HtmlReport"]

#: Findings the table keeps: past a few thousand rows a page passes several megabytes and a
#: browser takes seconds to sort it, and nobody reads that far; the CSV has every row.
MAX_ROWS = 5000
#: Article timelines drawn: each is a picture to look at, and forty fill several screens.
MAX_TIMELINES = 40
#: Posts drawn on one timeline: more dots than this on 1,000 pixels merge into a smear.
MAX_TIMELINE_POSTS = 60
#: Characters of a post's text shown in a tooltip: enough to recognise it.
EXCERPT_CHARS = 200
#: A timeline spans at least this much, so that a cluster on one day is not drawn as one point.
MIN_TIMELINE_SPAN = timedelta(days=2)

SEVERITY_COLOURS = {Severity.ERROR: "#c62828", Severity.WARNING: "#d97706", Severity.INFO: "#2563eb"}
NO_FINDING_COLOUR = "#059669"
AGE_COLOURS = {
    "after": "#c62828", "same-day": "#0f766e", "1-7": "#0f766e", "8-30": "#0f766e",
    "31-180": "#0f766e", "181-365": "#d97706", "older": "#d97706", "unknown": "#9ca3af",
}


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


#: Only this page's own style and script may apply; nothing may be fetched, framed or posted.
CSP = (
    f"default-src 'none'; style-src '{_hash(STYLE)}'; script-src '{_hash(SCRIPT)}'; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def _e(value: object) -> str:
    """Text escaped for HTML content and quoted attributes."""
    return html.escape(str(value), quote=True)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) URL, else None (``javascript:`` and the like never link)."""
    if not url or any(ord(ch) <= 0x20 or ord(ch) == 0x7F for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def article_href(source: str) -> str | None:
    """Where the article of ``source`` can be opened: its http(s) URL, or its file as a ``file:`` URI."""
    if (url := safe_url(source)) is not None:
        return url
    scheme = urlsplit(source).scheme if "://" in source or ":" in source[:12] else ""
    if not source or source.startswith("<") or len(scheme) > 1:
        return None  # standard input, or a URI of another scheme
    try:
        return Path(source).absolute().as_uri()
    except ValueError:
        return None


def _short(source: str) -> str:
    """A source as a table shows it: a URL's host and last path segment, a path's last two parts."""
    if safe_url(source):
        parts = urlsplit(source)
        tail = [segment for segment in parts.path.split("/") if segment][-1:]
        return "/".join([parts.netloc, *tail])
    parts_ = PurePosixPath(source.replace("\\", "/")).parts[-2:]
    return "/".join(parts_) or source


def _moment(span: TimeSpan) -> datetime:
    return span.earliest + (span.latest - span.earliest) / 2


def _stamp(text: str) -> str:
    """A date with its time (if any) on a second, quieter line."""
    day, rest = text[:10], text[11:]  # ISO 8601: the day, then "T" or " ", then the time
    return _e(day) + (f'<br><span class="note">{_e(rest)}</span>' if rest else "")


def _when(span: TimeSpan | None) -> str:
    if span is None:
        return ""
    if span.latest - span.earliest <= timedelta(minutes=1):
        return span.earliest.strftime("%Y-%m-%d %H:%M UTC")
    return _moment(span).strftime("%Y-%m-%d")


@dataclass(frozen=True)
class _Row:
    """One finding as the table shows it."""

    source: str
    href: str | None
    published: str
    finding: Finding
    platform: str
    handle: str
    post_url: str | None
    posted: str
    excerpt: str


@dataclass(frozen=True)
class _Dot:
    """One post on an article's timeline."""

    span: TimeSpan
    label: str
    url: str | None
    severity: Severity | None


@dataclass(frozen=True)
class _Timeline:
    """One article's date against its posts' dates."""

    source: str
    href: str | None
    published: str
    article: TimeSpan
    dots: tuple[_Dot, ...]
    left_out: int


def _who(citation: Citation) -> str:
    name = f"@{citation.handle}" if citation.handle else (citation.post_id or "")
    if citation.display_name:
        name = f"{citation.display_name} ({name})" if name else citation.display_name
    return name or "(no handle)"


_Entry = TypeVar("_Entry", bound=tuple[Any, ...])


def _keep(heap: list[_Entry], entry: _Entry, cap: int) -> None:
    """Keep ``entry`` in a min-heap of at most ``cap`` entries ranked by all but their last item."""
    if cap <= 0:
        return
    if len(heap) < cap:
        heapq.heappush(heap, entry)
    elif entry[:-1] > heap[0][:-1]:
        heapq.heapreplace(heap, entry)


class HtmlReport:
    """Collects what the HTML page shows, one file report at a time, within fixed bounds."""

    def __init__(self, max_rows: int = MAX_ROWS, max_timelines: int = MAX_TIMELINES) -> None:
        self.max_rows = max_rows
        self.max_timelines = max_timelines
        self.rows_seen = 0
        self.timelines_seen = 0
        self._seq = 0
        # Min-heaps: the root is the entry that gives way first (least severe, then latest met).
        self._rows: list[tuple[int, int, _Row]] = []
        self._timelines: list[tuple[int, int, int, _Timeline]] = []

    def add(self, file: FileReport) -> None:
        """Take what the page shows of one input: its findings and, if it has any, its timeline."""
        if file.error is not None or not file.findings:
            return
        self._seq += 1
        href = article_href(file.source)
        published = file.published.isoformat() if file.published is not None else ""
        for finding in file.findings:
            self.rows_seen += 1
            row = self._row(file, href, published, finding)
            _keep(self._rows, (int(finding.severity), -self.rows_seen, row), self.max_rows)
        if file.published is not None and (timeline := self._timeline(file, href, published)) is not None:
            self.timelines_seen += 1
            worst = max(int(f.severity) for f in file.findings)
            _keep(self._timelines, (worst, len(file.findings), -self._seq, timeline), self.max_timelines)

    @staticmethod
    def _row(file: FileReport, href: str | None, published: str, finding: Finding) -> _Row:
        citation = file.citations[finding.citation] if finding.citation is not None else None
        if citation is None:
            return _Row(file.source, href, published, finding, "", "", None, "", "")
        platform = PLATFORMS.get(citation.platform)
        return _Row(
            source=file.source, href=href, published=published, finding=finding,
            platform=platform.title if platform is not None else citation.platform,
            handle=_who(citation), post_url=safe_url(citation.url), posted=_when(posted_span(citation)),
            excerpt=(citation.text or "")[:EXCERPT_CHARS],
        )

    @staticmethod
    def _timeline(file: FileReport, href: str | None, published: str) -> _Timeline | None:
        assert file.published is not None
        worst: dict[int, Severity] = {}
        for finding in file.findings:
            if finding.citation is not None:
                worst[finding.citation] = max(worst.get(finding.citation, finding.severity), finding.severity)
        dots = []
        for index, citation in enumerate(file.citations):
            span = posted_span(citation)
            if span is not None:
                dots.append(_Dot(span, f"{_who(citation)}: {_when(span)}", safe_url(citation.url), worst.get(index)))
        if not dots:
            return None
        # The posts with findings are the ones to see when an article cites too many to draw.
        dots.sort(key=lambda dot: -int(dot.severity or 0))
        kept = dots[:MAX_TIMELINE_POSTS]
        return _Timeline(file.source, href, published, file.published.span(), tuple(kept), len(dots) - len(kept))

    def write(self, path: Path, summary: Summary) -> None:
        """Write the page to ``path`` (UTF-8); raises OSError when it cannot be written."""
        Path(path).write_text(self.render(summary), encoding="utf-8")

    def render(self, summary: Summary) -> str:
        """The whole page as a string."""
        rows = sorted((entry[-1] for entry in self._rows),
                      key=lambda r: (r.source, r.finding.line, r.finding.column, r.finding.code))
        timelines = sorted((entry[-1] for entry in self._timelines),
                           key=lambda t: (-max((int(d.severity or 0) for d in t.dots), default=0), t.source))
        body = [
            _header(summary),
            _charts(summary),
            _timelines(timelines, self.timelines_seen),
            _findings_table(rows, self.rows_seen),
            _inputs(summary),
        ]
        return (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_e(CSP)}\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>provenance audit report</title>\n"
            f"<style>{STYLE}</style></head>\n<body><main>\n"
            + "\n".join(body)
            + f"\n<footer>Made by provenance {_e(version())}. This page is self-contained: it loads "
            "nothing from the network.</footer>\n</main>\n"
            f"<script>{SCRIPT}</script>\n</body></html>\n"
        )


def _link(href: str | None, text: str, title: str = "") -> str:
    attrs = f' title="{_e(title)}"' if title else ""
    if href is None:
        return f"<span{attrs}>{_e(text)}</span>"
    return f'<a href="{_e(href)}" rel="noopener noreferrer nofollow"{attrs}>{_e(text)}</a>'


def _card(value: str, label: str, detail: str = "") -> str:
    return f'<div class="card"><span>{_e(label)}</span><b>{_e(value)}</b><span>{detail}</span></div>'


def _header(summary: Summary) -> str:
    severities = " · ".join(
        f'<span class="c-{_e(name)}">{count:,} {_e(name)}</span>' for name, count in summary.by_severity.items()
    )
    kinds = " · ".join(f"{count:,} {_e(kind)}" for kind, count in summary.by_kind.items())
    unreadable = f"{summary.failed:,} unreadable" if summary.failed else "none unreadable"
    cards = [
        _card(f"{summary.readable():,}", "articles read", _e(unreadable)),
        _card(f"{summary.share(summary.with_citations):.1%}", "cite a post", f"{summary.with_citations:,} articles"),
        _card(f"{summary.share(summary.with_embeds):.1%}", "embed a post", f"{summary.with_embeds:,} articles"),
        _card(f"{summary.citations:,}", "cited posts", kinds or "none"),
        _card(f"{summary.findings:,}", "findings", severities or "none"),
        _card(f"{summary.share(summary.with_findings):.1%}", "articles with findings",
              f"{summary.with_findings:,} articles"),
    ]
    return (
        "<header><h1>provenance audit report</h1>"
        f'<p class="sub">{summary.files:,} inputs checked for the social-media posts they embed, link or '
        "mention, and for the dates of those posts against the article.</p></header>\n"
        f'<section class="cards">{"".join(cards)}</section>'
    )


def _age_chart(summary: Summary) -> str:
    width, height, left, top, bottom = 1180, 250, 10, 26, 44
    slot = (width - 2 * left) / len(AGE_BUCKETS)
    most = max(summary.by_age.values(), default=0) or 1
    total = sum(summary.by_age.values()) or 1
    base = height - bottom
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             'aria-label="cited posts by age relative to their article">']
    for i, key in enumerate(AGE_BUCKETS):
        count = summary.by_age.get(key, 0)
        bar = (base - top) * count / most
        x = left + i * slot + slot * 0.15
        parts.append(
            f'<rect x="{x:.1f}" y="{base - bar:.1f}" width="{slot * 0.7:.1f}" height="{bar:.1f}" rx="3" '
            f'fill="{AGE_COLOURS[key]}"><title>{_e(AGE_LABELS[key])}: {count:,}</title></rect>'
            f'<text x="{x + slot * 0.35:.1f}" y="{base - bar - 6:.1f}" text-anchor="middle">'
            f"{count:,} ({count / total:.0%})</text>"
            f'<text x="{x + slot * 0.35:.1f}" y="{base + 20}" text-anchor="middle">{_e(AGE_LABELS[key])}</text>'
        )
    parts.append(f'<line x1="{left}" x2="{width - left}" y1="{base}" y2="{base}" stroke="#9aa5b1"/></svg>')
    return "".join(parts)


def _bars(title: str, counts: dict[str, int]) -> str:
    most = max(counts.values(), default=0) or 1
    rows = "".join(
        f'<tr><td>{_e(name)}</td><td class="num">{count:,}</td><td><svg viewBox="0 0 220 12" width="220" '
        f'height="12"><rect width="{max(220 * count / most, 1):.1f}" height="12" rx="2" fill="#0f766e"/>'
        "</svg></td></tr>"
        for name, count in counts.items()
    ) or '<tr><td colspan="3" class="note">none</td></tr>'
    return f'<div class="panel"><h3>{_e(title)}</h3><table>{rows}</table></div>'


def _charts(summary: Summary) -> str:
    return (
        '<section><h2>How old are the posts?</h2><div class="panel">'
        + _age_chart(summary)
        + '<p class="note">Each cited post, by the calendar days from its date (UTC, from its ID, else the date '
        "its embed shows) to its article's date. <b>After the article</b>: certainly made after the article was "
        "published (as PV101 tests it). Past 180 days a post counts as stale (PV103).</p></div></section>\n"
        '<section class="two">' + _bars("Cited posts by platform", summary.by_platform)
        + _bars("Findings by rule", summary.by_rule) + "</section>"
    )


def _timeline_svg(timeline: _Timeline) -> str:
    width, height, left, right, axis = 1160, 96, 14, 14, 72
    spans = [timeline.article, *(dot.span for dot in timeline.dots)]
    lo, hi = min(s.earliest for s in spans), max(s.latest for s in spans)
    if hi - lo < MIN_TIMELINE_SPAN:
        middle = lo + (hi - lo) / 2
        lo, hi = middle - MIN_TIMELINE_SPAN / 2, middle + MIN_TIMELINE_SPAN / 2
    pad = (hi - lo) * 0.03
    lo, hi = lo - pad, hi + pad
    scale = (width - left - right) / (hi - lo).total_seconds()

    def x(moment: datetime) -> float:
        return left + (moment - lo).total_seconds() * scale

    article = timeline.article
    a0, a1, mid = x(article.earliest), x(article.latest), x(_moment(article))
    anchor = "start" if mid < 60 else "end" if mid > width - 60 else "middle"
    parts = [
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="article date against its posts">',
        f'<rect x="{a0:.1f}" y="16" width="{max(a1 - a0, 1):.1f}" height="{axis - 16}" fill="#64748b" '
        f'fill-opacity="0.18"><title>article published {_e(timeline.published)}</title></rect>'
        f'<line x1="{mid:.1f}" x2="{mid:.1f}" y1="16" y2="{axis}" stroke="#475569" stroke-width="2"/>'
        f'<text x="{mid:.1f}" y="12" text-anchor="{anchor}" font-weight="600">article</text>',
        f'<line x1="{left}" x2="{width - right}" y1="{axis}" y2="{axis}" stroke="#9aa5b1"/>',
    ]
    days = (hi - lo) > timedelta(days=4)
    for i in range(6):
        moment = lo + (hi - lo) * i / 5
        anchor = "start" if i == 0 else "end" if i == 5 else "middle"
        label = moment.strftime("%Y-%m-%d" if days else "%m-%d %H:%M")
        parts.append(f'<line x1="{x(moment):.1f}" x2="{x(moment):.1f}" y1="{axis}" y2="{axis + 4}" '
                     f'stroke="#9aa5b1"/><text x="{x(moment):.1f}" y="{axis + 17}" text-anchor="{anchor}">'
                     f"{label}</text>")
    lanes = [44.0, 31.0, 57.0, 24.0]
    last = [-1e9] * len(lanes)
    for dot in sorted(timeline.dots, key=lambda d: (_moment(d.span), int(d.severity or 0))):
        cx = x(_moment(dot.span))
        lane = next((i for i, end in enumerate(last) if cx - end > 11), 0)
        last[lane] = cx
        colour = SEVERITY_COLOURS[dot.severity] if dot.severity is not None else NO_FINDING_COLOUR
        shape = ""
        if x(dot.span.latest) - x(dot.span.earliest) > 3:
            shape += (f'<line x1="{x(dot.span.earliest):.1f}" x2="{x(dot.span.latest):.1f}" y1="{lanes[lane]}" '
                      f'y2="{lanes[lane]}" stroke="{colour}" stroke-opacity="0.45" stroke-width="4"/>')
        shape += (f'<circle cx="{cx:.1f}" cy="{lanes[lane]}" r="6" fill="{colour}" stroke="#fff" stroke-width="1.5">'
                  f"<title>{_e(dot.label)}</title></circle>")
        parts.append(f'<a href="{_e(dot.url)}" rel="noopener noreferrer nofollow">{shape}</a>' if dot.url else shape)
    parts.append("</svg>")
    return "".join(parts)


def _timelines(timelines: list[_Timeline], seen: int) -> str:
    if not timelines:
        return ""
    cut = f" Showing the {len(timelines):,} gravest of {seen:,}." if seen > len(timelines) else ""
    legend = (
        '<p class="legend note"><span><span class="dot c-art">&#9632;</span> the article\'s publication (every '
        'instant its stated date may mean)</span><span><span class="dot c-error">&#9679;</span> post with an '
        'error</span><span><span class="dot c-warning">&#9679;</span> a warning</span><span><span class="dot '
        'c-info">&#9679;</span> information</span><span><span class="dot c-none">&#9679;</span> no finding</span>'
        "</p>"
    )
    figures = []
    for timeline in timelines:
        more = f" ({timeline.left_out:,} more posts not drawn)" if timeline.left_out else ""
        figures.append(
            f"<figure><h3>{_link(timeline.href, _short(timeline.source), timeline.source)} "
            f'<span class="note">published {_e(timeline.published)}{_e(more)}</span></h3>'
            f"{_timeline_svg(timeline)}</figure>"
        )
    return (f"<section><h2>Timelines of the articles with findings</h2><p class=\"note\">Each article's date "
            f"against the dates of the posts it cites; hover a dot for the post, click it to open it.{cut}</p>"
            f"{legend}{''.join(figures)}</section>")


def _findings_table(rows: list[_Row], seen: int) -> str:
    if not rows:
        return '<section><h2>Findings</h2><p class="note">No findings.</p></section>'
    cut = (f"Showing the {len(rows):,} gravest of {seen:,} findings (the CSV format lists them all). "
           if seen > len(rows) else "")
    head = "".join(
        f"<th{' data-numeric' if numeric else ''}><button type=\"button\">{name}</button></th>"
        for name, numeric in (("Severity", True), ("Rule", False), ("Article", False), ("Line", True),
                              ("Post", False), ("Posted", False), ("Article date", False), ("Message", False))
    )
    body = []
    for row in rows:
        finding = row.finding
        severity = str(finding.severity)
        post = f"{_e(row.platform)} {_link(row.post_url, row.handle, row.excerpt)}" if row.platform else ""
        body.append(
            f'<tr><td data-sort="{int(finding.severity)}"><span class="sev sev-{_e(severity)}">{_e(severity)}'
            f'</span></td><td>{_e(finding.code)}<br><span class="note">{_e(finding.name)}</span></td>'
            f'<td class="src" data-sort="{_e(row.source)}">{_link(row.href, _short(row.source), row.source)}</td>'
            f'<td class="num" data-sort="{finding.line}">{finding.line}:{finding.column}</td><td>{post}</td>'
            f'<td class="when" data-sort="{_e(row.posted)}">{_stamp(row.posted)}</td>'
            f'<td class="when" data-sort="{_e(row.published)}">'
            f'{_stamp(row.published)}</td><td class="msg">{_e(finding.message)}</td></tr>'
        )
    return (f'<section><h2>Findings</h2><p class="note">{cut}Click a column\'s title to sort by it.</p>'
            f'<table class="sortable"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></section>')


def _inputs(summary: Summary) -> str:
    parts = []
    if summary.slowest:
        rows = "".join(f'<tr><td class="num">{t.seconds:.3f} s</td><td class="src">'
                       f"{_link(article_href(t.source), t.source)}</td></tr>" for t in summary.slowest)
        mean = summary.seconds / summary.timed if summary.timed else 0.0
        parts.append(f'<div class="panel"><h3>Slowest inputs</h3><p class="note">{summary.timed:,} timed, '
                     f"{mean * 1000:.1f} ms each on average.</p><table>{rows}</table></div>")
    if summary.failed:
        rows = "".join(f'<tr><td class="src">{_e(f.source)}</td><td>{_e(f.error)}</td></tr>' for f in summary.failures)
        more = (f'<p class="note">… and {summary.failed - len(summary.failures):,} more.</p>'
                if summary.failed > len(summary.failures) else "")
        parts.append(f'<div class="panel"><h3>Unreadable inputs ({summary.failed:,})</h3><table>{rows}</table>'
                     f"{more}</div>")
    return f'<section><h2>Inputs</h2><div class="two">{"".join(parts)}</div></section>' if parts else ""
