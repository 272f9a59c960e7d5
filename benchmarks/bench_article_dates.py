"""The article's own publication date: provenance against htmldate alone, on the labelled corpus.

Run: ``python benchmarks/bench_article_dates.py`` (reads ``../shared/corpus``; says so and exits 0
when it is absent). For every page whose labels give a publication day it counts, for each tool,
the pages dated exactly right, right by a labelled alternative, wrong, and undated, and the time
per page (best of three rounds, after one warm-up round). A second table splits provenance's
answers by the confidence of their evidence (certain, probable, weak), and a last line counts the
pages where htmldate alone is right and provenance is not (it should be none).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from htmldate import find_date

from provenance.load import load_bytes

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
ROUNDS = 3


def provenance_day(name: str, data: bytes) -> str | None:
    """The publication day provenance finds (text prefix, front matter, metadata, then htmldate)."""
    published = load_bytes(data, name).published
    return published.day.isoformat() if published is not None else None


def htmldate_day(name: str, data: bytes) -> str | None:
    """The publication day htmldate finds on its own, asked for the original date."""
    return find_date(data.decode("utf-8", "replace"), original_date=True)


def measure(tool: Callable[[str, bytes], str | None], pages: list[tuple[dict[str, Any], bytes]]) -> list[object]:
    """[exact, alternative, wrong, undated, ms per page] for one tool."""
    answers = [tool(str(label["file"]), data) for label, data in pages]  # also the warm-up round
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for label, data in pages:
            tool(str(label["file"]), data)
        best = min(best, time.perf_counter() - start)
    exact = alternative = wrong = undated = 0
    for (label, _), answer in zip(pages, answers, strict=True):
        alternatives = label.get("article_published_alternatives") or []
        if answer is None:
            undated += 1
        elif answer == label["article_published"]:
            exact += 1
        elif answer in alternatives:
            alternative += 1
        else:
            wrong += 1
    return [exact, alternative, wrong, undated, round(best / len(pages) * 1000, 1)]


def main() -> int:
    """Print the comparison table."""
    labels_path = CORPUS / "labels.json"
    if not labels_path.is_file():
        print(f"no corpus at {CORPUS}: nothing to measure")
        return 0
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    pages = [(label, (CORPUS / label["file"]).read_bytes()) for label in labels if label["article_published"]]
    print(f"{len(pages)} corpus pages with a labelled publication day\n")
    print("| tool | exact | labelled alternative | wrong | undated | ms per page |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, tool in (("provenance", provenance_day), ("htmldate alone", htmldate_day)):
        row = measure(tool, pages)
        print(f"| {name} | " + " | ".join(str(value) for value in row) + " |")
    print("\n| provenance's evidence | pages | exact | labelled alternative | wrong |")
    print("|---|---:|---:|---:|---:|")
    by_confidence: dict[str, list[int]] = {}
    behind = 0
    for label, data in pages:
        published = load_bytes(data, str(label["file"])).published
        if published is None:
            continue
        answer = published.day.isoformat()
        alternatives = label.get("article_published_alternatives") or []
        row = by_confidence.setdefault(str(published.confidence), [0, 0, 0, 0])
        row[0] += 1
        row[1 if answer == label["article_published"] else 2 if answer in alternatives else 3] += 1
        alone = htmldate_day(str(label["file"]), data)
        behind += alone == label["article_published"] and answer != alone
    for confidence in ("certain", "probable", "weak"):
        if confidence in by_confidence:
            print(f"| {confidence} | " + " | ".join(str(value) for value in by_confidence[confidence]) + " |")
    print(f"\npages where htmldate alone is right and provenance is not: {behind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
