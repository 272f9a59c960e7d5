"""In the article or in the page's furniture: how right the placement of posts is, and what it costs.

    python benchmarks/bench_placement.py --pages TRAFILATURA_CHECKOUT [--corpus ../shared/corpus]

The labels are ``benchmarks/placement_labels.json`` (made by hand for provenance): every post
provenance finds on the 30 pages of ``../shared/corpus`` and on adbar/trafilatura's test pages
(``tests/cache``, ``tests/eval``; a page is read as ``PATH`` or ``PATH.gz`` under the checkout and
used only when its SHA-256 is the labelled one). Each main-content library that is installed
settles the posts the page's structure leaves open, in turn: trafilatura (what provenance uses),
readability-lxml and resiliparse; "structure alone" keeps every open post in the article.

For each it prints the posts, the in-article recall and precision, the furniture found, the pages
whose posts the library was asked about, and the milliseconds it took per such page; then the
cost of the structural decision per page with posts (the one parse of the page is the prose
reader's, made for every page that names a platform: it is not counted).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from provenance.extract import extract, placement
from provenance.load import load_text
from provenance.model import Document

LABELS = Path(__file__).with_name("placement_labels.json")
SPACE = re.compile(r"\s+")


def _fold(text: str | None) -> str:
    return SPACE.sub(" ", text or "").strip().casefold()


def _trafilatura() -> Callable[[str], str] | None:
    return lambda html: placement._extractor()(
        html, fast=True, favor_recall=True, include_comments=False, include_tables=True
    ) or ""


def _readability() -> Callable[[str], str] | None:
    try:
        from readability import Document as Readable  # noqa: PLC0415 - optional: measured when installed
    except ImportError:
        return None
    from lxml import html as lxml_html  # noqa: PLC0415

    def main(page: str) -> str:
        summary = Readable(page).summary(html_partial=True)
        return " ".join(lxml_html.fromstring(summary).itertext()) if summary.strip() else ""

    return main


def _resiliparse() -> Callable[[str], str] | None:
    try:
        from resiliparse.extract.html2text import extract_plain_text  # noqa: PLC0415 - optional
    except ImportError:
        return None
    return lambda page: extract_plain_text(page, main_content=True)


LIBRARIES: dict[str, Callable[[], Callable[[str], str] | None]] = {
    "trafilatura": _trafilatura, "readability-lxml": _readability, "resiliparse": _resiliparse,
}


def _pages(corpus: Path, checkout: Path | None) -> list[tuple[dict[str, Any], str]]:
    """(labels, HTML) of every labelled page that is present with its labelled digest."""
    found = []
    for page in json.loads(LABELS.read_text(encoding="utf-8"))["pages"]:
        base = corpus if page["source"] == "corpus" else checkout
        if base is None:
            continue
        path = base / page["path"]
        data = path.read_bytes() if path.is_file() else None
        if data is None and path.with_name(path.name + ".gz").is_file():
            data = gzip.decompress(path.with_name(path.name + ".gz").read_bytes())
        if data is None or hashlib.sha256(data).hexdigest() != page["sha256"]:
            print(f"skipped (missing or changed): {page['path']}", file=sys.stderr)
            continue
        found.append((page, data.decode("utf-8", "replace")))
    return found


def _run(pages: list[tuple[dict[str, Any], str]], name: str) -> dict[str, float]:
    """Place every labelled post with library ``name`` ("structure" for none); score and time it."""
    main: Callable[[str], str] | None = None
    if name != "structure":
        main = LIBRARIES[name]()
        if main is None:
            return {}
    asked: list[float] = []

    @lru_cache(maxsize=4)
    def main_text(document: Document) -> str:
        if main is None:
            return ""
        start = time.perf_counter()
        text = main(document.text)
        asked.append(time.perf_counter() - start)
        return _fold(text)

    original = placement._main_text
    placement._main_text = main_text  # type: ignore[assignment]
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    placing = 0.0
    try:
        for page, html in pages:
            document = load_text(html, page["path"], "html")
            fragments = [f for f in extract(document).fragments if f.kind != "mention"]
            unplaced = [replace(f, placement=None) for f in fragments]
            before = sum(asked)
            start = time.perf_counter()
            placed = placement.place(document, unplaced)
            placing += time.perf_counter() - start - (sum(asked) - before)
            got = {(f.form, f.post_id, f.line): f.placement == placement.ARTICLE for f in placed}
            for post in page["posts"]:
                predicted = got.get((post["form"], post["post_id"], post["line"]))
                if predicted is None:
                    continue
                key = ("t" if predicted == post["in_article"] else "f") + ("p" if predicted else "n")
                counts[key] += 1
    finally:
        placement._main_text = original  # type: ignore[assignment]
    total = sum(counts.values())
    return {
        **counts, "posts": total,
        "recall": counts["tp"] / max(counts["tp"] + counts["fn"], 1),
        "precision": counts["tp"] / max(counts["tp"] + counts["fp"], 1),
        "furniture": counts["tn"] / max(counts["tn"] + counts["fp"], 1),
        "asked": len(asked), "ms_asked": 1000 * sum(asked) / max(len(asked), 1),
        "ms_structure": 1000 * placing / max(len(pages), 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the table; return 0."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).parents[2] / "shared" / "corpus")
    parser.add_argument("--pages", type=Path, help="a checkout of adbar/trafilatura (its tests/ pages)")
    args = parser.parse_args(argv)
    pages = _pages(args.corpus, args.pages)
    print(f"{len(pages)} pages, {sum(len(p['posts']) for p, _ in pages)} labelled posts "
          f"({sum(1 for p, _ in pages for q in p['posts'] if not q['in_article'])} in furniture)")
    print("| undecided posts settled by | posts | in-article recall | in-article precision | furniture found "
          "| pages asked | ms per page asked | structure ms per page |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in ("trafilatura", "readability-lxml", "resiliparse", "structure"):
        row = _run(pages, name)
        if not row:
            print(f"| {name} | not installed | | | | | | |")
            continue
        label = "structure alone (kept in the article)" if name == "structure" else name
        print(f"| {label} | {row['posts']:.0f} | {row['recall']:.3f} | {row['precision']:.3f} | {row['furniture']:.3f} "
              f"| {row['asked']:.0f} | {row['ms_asked']:.1f} | {row['ms_structure']:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
