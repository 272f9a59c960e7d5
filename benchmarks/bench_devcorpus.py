"""Score provenance against hand-made labels of real pages: posts, furniture, dates, mentions, errors.

Run ``python benchmarks/bench_devcorpus.py`` after ``python benchmarks/devcorpus/fetch_pages.py``
has put the development corpus's pages into ``benchmarks/devcorpus/pages`` (git-ignored), or give
another folder and its labels: ``--pages ../shared/corpus --labels ../shared/corpus/labels.json``.
Both label files follow one schema (``benchmarks/devcorpus/README.md``). It prints:

- posts (embeds and links with a post ID): recall per platform and per labelled markup form, of the
  posts that stand in the article, and the precision of the citations provenance reports as the
  article's (a citation of a furniture post, of no labelled post, or a second citation of one post
  is a false one);
- furniture: how many labelled furniture posts provenance reports, and how many it marks so
  (a citation is the article's unless it carries ``in_article`` false);
- the article's date: exact days, wrong, missing, and dates given where the page states none;
- unlinked mentions: labelled phrases found, and mention citations reported as the article's
  that match no phrase (a mention in the page's furniture, as a post there, raises nothing);
- false errors: every error finding of a PV1xx rule that the labels do not support.

Each part is scored only on the pages whose labels mark that part complete (``complete``:
``posts``, ``date``, ``mentions``; labels without the key, as ../shared/corpus's, are complete);
``--include-drafts`` scores every page, ``--list`` prints every miss and false finding, ``--json
FILE`` writes the figures, ``--stats`` prints what the labels hold (pages, sites, languages, posts)
without running provenance.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from provenance import Citation, FileReport, Severity, check_path

HERE = Path(__file__).resolve().parent
DEFAULT_PAGES = HERE / "devcorpus" / "pages"
DEFAULT_LABELS = HERE / "devcorpus" / "labels.json"
#: The labels say "twitter" (as ../shared/corpus does); provenance says "x".
PLATFORM_NAMES = {"twitter": "x"}
#: A day-only article date may mean any instant of that day in any zone (UTC-12 to UTC+14).
DAY_END_LATEST = timedelta(days=1, hours=12)
#: The error rules a label can support; any other PV1xx error on a real page is false.
SUPPORTED_BY_LABELS = {"PV101", "PV102", "PV105"}


def platform_of(label: dict[str, Any]) -> str:
    """Provenance's name of the platform a label names."""
    name = str(label["platform"])
    return PLATFORM_NAMES.get(name, name)


def post_key(platform: str, post_id: str) -> tuple[str, str]:
    """One post's identity: platform and ID (case kept: Instagram and YouTube IDs are case-sensitive)."""
    return platform, post_id


@dataclass
class Tally:
    """Counts of found / total, printed as a ratio."""

    found: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        """Count one case."""
        self.total += 1
        self.found += int(hit)

    def ratio(self) -> str:
        """The ratio with its counts, or a dash when there is no case."""
        if not self.total:
            return "     -"
        return f"{self.found / self.total:6.3f} ({self.found}/{self.total})"


@dataclass
class Score:
    """Everything counted over a set of pages."""

    pages: int = 0
    post_pages: int = 0
    skipped: list[str] = field(default_factory=list)
    recall_platform: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    recall_form: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    embed_kind: Tally = field(default_factory=Tally)
    precision_platform: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    false_kinds: Counter[str] = field(default_factory=Counter)
    furniture_reported: Tally = field(default_factory=Tally)
    furniture_marked: Tally = field(default_factory=Tally)
    in_article_marked: Tally = field(default_factory=Tally)
    dates: Counter[str] = field(default_factory=Counter)
    #: Wrong dates that are one of the page's ``article_published_alternatives`` (a day a reader could defend).
    dates_alternative: int = 0
    mentions_recall: Tally = field(default_factory=Tally)
    mentions_precision: Tally = field(default_factory=Tally)
    errors: Counter[str] = field(default_factory=Counter)
    false_errors: Counter[str] = field(default_factory=Counter)
    unjudged_errors: int = 0
    misses: list[str] = field(default_factory=list)


def labelled_posts(page: dict[str, Any]) -> list[dict[str, Any]]:
    """The page's labelled posts (embeds, then links not also embedded), each with ``_kind``."""
    posts = [{**embed, "_kind": "embed"} for embed in page.get("embeds", [])]
    embedded = {(platform_of(e), e.get("post_id")) for e in posts}
    for link in page.get("linked_posts", []):
        if (platform_of(link), link.get("post_id")) not in embedded:
            posts.append({**link, "_kind": "link", "markup": link.get("markup", "a[href]")})
    return posts


def in_article(label: dict[str, Any]) -> bool:
    """Whether a labelled post stands in the article (labels without the key predate furniture)."""
    return bool(label.get("in_article", True))


def cited_in_article(citation: Citation) -> bool:
    """Whether provenance reports the citation as the article's (true unless it says otherwise)."""
    return getattr(citation, "in_article", True) is not False


def post_time(label: dict[str, Any]) -> datetime | None:
    """The post's earliest possible instant from the labels: its decoded ID, else its shown day."""
    stamp = label.get("id_timestamp_utc") or label.get("post_time_utc")
    if stamp:
        return datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    shown = label.get("displayed_date_iso")
    if shown:
        return datetime.combine(date.fromisoformat(str(shown)), datetime.min.time(), UTC) - timedelta(hours=14)
    return None


def article_latest(page: dict[str, Any]) -> datetime | None:
    """The latest instant the labelled article date may mean."""
    stamp = page.get("article_published_datetime")
    if stamp:
        moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
        if moment.tzinfo is not None:
            return moment
    day = page.get("article_published")
    if not day:
        return None
    return datetime.combine(date.fromisoformat(str(day)), datetime.min.time(), UTC) + DAY_END_LATEST


def supports(code: str, label: dict[str, Any] | None, page: dict[str, Any]) -> bool:
    """Whether the labels support an error finding ``code`` about the labelled post ``label``."""
    if label is None or not in_article(label) or code not in SUPPORTED_BY_LABELS:
        return False
    if code == "PV101":
        made, latest = post_time(label), article_latest(page)
        return made is not None and latest is not None and made > latest
    if code == "PV102":
        shown, stamp = label.get("displayed_date_iso"), label.get("id_timestamp_utc")
        if not shown or not stamp:
            return False
        made = datetime.fromisoformat(str(stamp).replace("Z", "+00:00")).date()
        return abs((date.fromisoformat(str(shown)) - made).days) > 1
    url_handle = label.get("url_handle")
    return bool(url_handle) and str(url_handle).casefold() != str(label.get("handle") or "").casefold()


def normal_text(text: str) -> str:
    """Text compared case- and space-insensitively."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def only_platforms(page: dict[str, Any], report: FileReport,
                   platforms: frozenset[str]) -> tuple[dict[str, Any], FileReport]:
    """The page's labels and report restricted to posts of ``platforms`` (provenance's names)."""
    keep = [c for c in report.citations if c.kind == "mention" or c.platform in platforms]
    index = {id(c): i for i, c in enumerate(keep)}
    findings = tuple(
        replace(f, citation=index[id(report.citations[f.citation])]) if f.citation is not None else f
        for f in report.findings
        if f.citation is None or id(report.citations[f.citation]) in index)
    labels = {**page, "embeds": [e for e in page.get("embeds", []) if platform_of(e) in platforms],
              "linked_posts": [e for e in page.get("linked_posts", []) if platform_of(e) in platforms]}
    return labels, replace(report, citations=tuple(keep), findings=findings)


def score_page(page: dict[str, Any], report: FileReport, score: Score, drafts: bool = False) -> None:
    """Add one page's comparison to ``score``: each part only when its labels are complete (or ``drafts``)."""
    if drafts or complete(page, "date"):
        score_date(page, report, score)
    if drafts or complete(page, "mentions"):
        score_mentions(page, report, score)
    if drafts or complete(page, "posts"):
        score.post_pages += 1
        score_posts(page, report, score)


def score_posts(page: dict[str, Any], report: FileReport, score: Score) -> None:
    """Add one page's posts, furniture and error findings to ``score``."""
    name = str(page["file"])
    posts = labelled_posts(page)
    by_key = {post_key(platform_of(p), str(p["post_id"])): p for p in posts if p.get("post_id")}
    seen: set[tuple[str, str]] = set()
    reported: set[tuple[str, str]] = set()
    cited: dict[tuple[str, str], Citation] = {}
    for citation in report.citations:
        if citation.kind == "mention":
            continue
        key = post_key(citation.platform, citation.post_id) if citation.post_id else None
        label = by_key.get(key) if key else None
        marked = cited_in_article(citation)
        if label is not None and key not in reported:
            if in_article(label):
                score.in_article_marked.add(marked)
            else:
                score.furniture_marked.add(not marked)
        if key is not None:
            reported.add(key)
        if not marked:
            continue
        right = label is not None and in_article(label) and key not in seen
        score.precision_platform[citation.platform].add(right)
        if not right:
            why = "duplicate" if key in seen else "furniture" if label is not None else (
                "no ID" if key is None else "unlabelled")
            score.false_kinds[why] += 1
            score.misses.append(f"{name}: false {why} citation {citation.platform} {citation.post_id} "
                                f"({citation.form}, line {citation.line})")
        if key is not None:
            seen.add(key)
            cited.setdefault(key, citation)
    for key, label in by_key.items():
        if not in_article(label):
            score.furniture_reported.add(key in reported)
            continue
        hit = key in cited
        score.recall_platform[key[0]].add(hit)
        score.recall_form[str(label.get("markup") or "?")].add(hit)
        if label["_kind"] == "embed":
            score.embed_kind.add(hit and cited[key].kind == "embed")
        if not hit:
            score.misses.append(f"{name}: missed {key[0]} {key[1]} ({label.get('markup')})")
    for finding in report.findings:
        if finding.severity is not Severity.ERROR or not finding.code.startswith("PV1"):
            continue
        score.errors[finding.code] += 1
        citation = report.citations[finding.citation] if finding.citation is not None else None
        label = None
        if citation is not None and citation.post_id:
            label = by_key.get(post_key(citation.platform, citation.post_id))
        if finding.code == "PV101" and label is not None and in_article(label) and not complete(page, "date"):
            score.unjudged_errors += 1  # the labels do not state the article's date yet
            continue
        if not supports(finding.code, label, page):
            score.false_errors[finding.code] += 1
            score.misses.append(f"{name}: false error {finding.code} line {finding.line}: {finding.message}")


def score_date(page: dict[str, Any], report: FileReport, score: Score) -> None:
    """Count the article date: exact day, wrong, missing, or invented where the page states none."""
    expected = page.get("article_published")
    found = report.published.day.isoformat() if report.published is not None else None
    if expected is None:
        outcome = "none, right" if found is None else "invented"
    elif found is None:
        outcome = "missing"
    else:
        outcome = "exact" if found == expected else "wrong"
    score.dates[outcome] += 1
    if outcome == "wrong" and found in page.get("article_published_alternatives", ()):
        score.dates_alternative += 1
    if outcome in {"invented", "missing", "wrong"}:
        source = report.published.source if report.published is not None else "-"
        score.misses.append(f"{page['file']}: date {outcome}: labelled {expected}, found {found} ({source})")


def score_mentions(page: dict[str, Any], report: FileReport, score: Score) -> None:
    """Count labelled unlinked mentions found, and mention citations reported as the article's that match none."""
    phrases = [normal_text(str(p)) for p in page.get("unlinked_references", [])]
    texts = [normal_text(c.text or "") for c in report.citations if c.kind == "mention" and cited_in_article(c)]
    for phrase in phrases:
        hit = any(phrase in text or (text and text in phrase) for text in texts)
        score.mentions_recall.add(hit)
        if not hit:
            score.misses.append(f"{page['file']}: missed mention {phrase[:80]!r}")
    for text in texts:
        hit = any(phrase in text or (text and text in phrase) for phrase in phrases)
        score.mentions_precision.add(hit)
        if not hit:
            score.misses.append(f"{page['file']}: false mention {text[:80]!r}")


def complete(page: dict[str, Any], part: str) -> bool:
    """Whether a part of a page's labels is marked complete (labels without the key are)."""
    marks = page.get("complete")
    return marks is None or (isinstance(marks, dict) and bool(marks.get(part)))


def score_corpus(pages_dir: Path, labels: Iterable[dict[str, Any]], drafts: bool = False,
                 platforms: frozenset[str] | None = None) -> Score:
    """Run provenance on every labelled page under ``pages_dir`` and score it (on ``platforms`` only, if given)."""
    score = Score()
    for page in labels:
        if not drafts and not any(complete(page, part) for part in ("posts", "date", "mentions")):
            continue
        path = pages_dir / str(page["file"])
        if not path.is_file():
            score.skipped.append(str(page["file"]))
            continue
        report = check_path(path)
        if report.error is not None:
            score.skipped.append(f"{page['file']}: {report.error}")
            continue
        score.pages += 1
        if platforms is not None:
            score_page(*only_platforms(page, report, platforms), score, drafts)
        else:
            score_page(page, report, score, drafts)
    return score


def table(score: Score) -> list[str]:
    """The figures as printable lines."""
    missing = f" ({len(score.skipped)} missing or unreadable)" if score.skipped else ""
    lines = [f"pages scored: {score.pages}{missing}"]
    lines.append(f"posts in the article ({score.post_pages} pages), recall by platform / precision of "
                 "citations reported as the article's:")
    for platform in sorted(set(score.recall_platform) | set(score.precision_platform)):
        lines.append(f"  {platform:10} recall {score.recall_platform[platform].ratio()}"
                     f"   precision {score.precision_platform[platform].ratio()}")
    recall, precision = Tally(), Tally()
    for tally in score.recall_platform.values():
        recall.found, recall.total = recall.found + tally.found, recall.total + tally.total
    for tally in score.precision_platform.values():
        precision.found, precision.total = precision.found + tally.found, precision.total + tally.total
    lines.append(f"  {'all':10} recall {recall.ratio()}   precision {precision.ratio()}")
    lines.append(f"  embeds cited as embeds: {score.embed_kind.ratio()}")
    if score.false_kinds:
        lines.append("  false citations: " + ", ".join(f"{n} {k}" for k, n in sorted(score.false_kinds.items())))
    lines.append("recall by labelled form:")
    lines.extend(f"  {form:48} {tally.ratio()}" for form, tally in sorted(score.recall_form.items()))
    lines.append(f"furniture posts reported: {score.furniture_reported.ratio()}; "
                 f"of those marked furniture: {score.furniture_marked.ratio()}; "
                 f"article posts marked in the article: {score.in_article_marked.ratio()}")
    dated = score.dates["exact"] + score.dates["wrong"] + score.dates["missing"]
    undated = score.dates["none, right"] + score.dates["invented"]
    alternative = f", of them {score.dates_alternative} a labelled alternative" if score.dates_alternative else ""
    lines.append(f"article date, exact day: {Tally(score.dates['exact'], dated).ratio()} "
                 f"(wrong {score.dates['wrong']}{alternative}, missing {score.dates['missing']}); "
                 f"pages stating none left undated: {Tally(score.dates['none, right'], undated).ratio()}")
    lines.append(f"unlinked mentions: recall {score.mentions_recall.ratio()}   "
                 f"precision {score.mentions_precision.ratio()}")
    errors = sum(score.errors.values())
    false = sum(score.false_errors.values())
    detail = ", ".join(f"{code} {n}" for code, n in sorted(score.false_errors.items()))
    unjudged = f"; {score.unjudged_errors} on pages whose date is not labelled" if score.unjudged_errors else ""
    lines.append(f"error findings (PV1xx): {errors}, false: {false}" + (f" ({detail})" if detail else "") + unjudged)
    return lines


def as_json(score: Score) -> dict[str, Any]:
    """The figures as a JSON-ready dict."""
    def pair(tally: Tally) -> list[int]:
        return [tally.found, tally.total]

    return {
        "pages": score.pages,
        "post_pages": score.post_pages,
        "skipped": score.skipped,
        "recall_platform": {k: pair(v) for k, v in sorted(score.recall_platform.items())},
        "precision_platform": {k: pair(v) for k, v in sorted(score.precision_platform.items())},
        "recall_form": {k: pair(v) for k, v in sorted(score.recall_form.items())},
        "embed_kind": pair(score.embed_kind),
        "false_citations": dict(score.false_kinds),
        "furniture_reported": pair(score.furniture_reported),
        "furniture_marked": pair(score.furniture_marked),
        "dates": dict(score.dates),
        "dates_alternative": score.dates_alternative,
        "mentions_recall": pair(score.mentions_recall),
        "mentions_precision": pair(score.mentions_precision),
        "errors": dict(score.errors),
        "false_errors": dict(score.false_errors),
        "unjudged_errors": score.unjudged_errors,
    }


def stats(labels: list[dict[str, Any]]) -> list[str]:
    """What the labels hold, as printable lines."""
    posts = [post for page in labels for post in labelled_posts(page)]
    languages = Counter(str(page.get("language")) for page in labels)
    platforms: dict[str, Counter[str]] = defaultdict(Counter)
    for post in posts:
        platforms[platform_of(post)]["article" if in_article(post) else "furniture"] += 1
    marks = {part: sum(complete(page, part) for page in labels) for part in ("posts", "date", "mentions")}
    return [
        f"pages: {len(labels)}; sites: {len({page.get('site') or page.get('url') for page in labels})}; "
        f"languages: {len(languages)} ({', '.join(f'{k} {n}' for k, n in languages.most_common())})",
        f"pages carrying posts: {sum(1 for page in labels if labelled_posts(page))}, with a post in the article: "
        f"{sum(1 for page in labels if any(in_article(p) for p in labelled_posts(page)))}, "
        f"with a post of another platform than YouTube: "
        f"{sum(1 for page in labels if any(platform_of(p) != 'youtube' for p in labelled_posts(page)))}",
        "posts (article / furniture): " + ", ".join(
            f"{name} {counts['article']}/{counts['furniture']}" for name, counts in sorted(platforms.items())),
        f"labelled forms: {len({str(p.get('markup')) for p in posts})}; unlinked mentions: "
        f"{sum(len(page.get('unlinked_references', [])) for page in labels)}; pages stating no date: "
        f"{sum(1 for page in labels if complete(page, 'date') and page.get('article_published') is None)}",
        "parts marked complete: " + ", ".join(f"{part} {n}" for part, n in marks.items())
        + f"; all three: {sum(all(complete(page, p) for p in marks) for page in labels)}",
    ]


def main(argv: list[str] | None = None) -> int:
    """Score the pages and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=Path(os.environ.get("PROVENANCE_DEVCORPUS", DEFAULT_PAGES)),
                        help="folder of the pages (default benchmarks/devcorpus/pages, or $PROVENANCE_DEVCORPUS)")
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="the labels file (JSON list)")
    parser.add_argument("--include-drafts", action="store_true",
                        help="also score the parts of labels not marked complete")
    parser.add_argument("--list", action="store_true", help="print every miss and false finding")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--stats", action="store_true", help="print what the labels hold and stop")
    parser.add_argument("--platforms", help="score only these platforms, comma-separated (provenance's names: x, "
                        "instagram, …), for labels that cover only some, as ../shared/corpus's (x,instagram,facebook)")
    args = parser.parse_args(argv)
    try:
        labels = json.loads(args.labels.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"{args.labels}: cannot read the labels: {error}", file=sys.stderr)
        return 2
    if args.stats:
        print("\n".join(stats(labels)))
        return 0
    if not args.pages.is_dir():
        print(f"{args.pages}: no such folder (run benchmarks/devcorpus/fetch_pages.py first)", file=sys.stderr)
        return 2
    platforms = frozenset(name.strip() for name in args.platforms.split(",")) if args.platforms else None
    score = score_corpus(args.pages, labels, args.include_drafts, platforms)
    if args.list:
        print("\n".join(score.misses))
    print("\n".join(table(score)))
    if args.json:
        args.json.write_text(json.dumps(as_json(score), indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
