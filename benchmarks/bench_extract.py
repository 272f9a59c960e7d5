"""How fast extraction finds every platform's embeds: fixtures, the corpus, and large pages.

Run ``python benchmarks/bench_extract.py [--repeat N]``. Dates are warmed up first (their
per-locale patterns compile once per process), then each workload is timed as the best of
``--repeat`` runs of :func:`provenance.extract.extract`:

- ``fixtures``: every ``fixtures/cases/platform_*`` article (embed markup, shortcodes,
  flattened text and links of all twelve platforms), once each;
- ``corpus``: the 30 labelled pages of ``../shared/corpus`` (skipped when absent);
- ``large text``: a flattened-text article of about 1.8 MB, a third of it embeds of every
  phrase-anchored form, the rest prose;
- ``large html``: about 4.1 MB of page prose around 220 embeds of every Instagram generation.

With ``--readers``, the HTML workloads are also timed reader by reader (CPU time, best of
``--repeat``): the catalogued embed regions, a post's URL alone in a paragraph, and the generic
reader of uncatalogued placeholders, with their share of the whole extraction.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from provenance.extract import extract
from provenance.extract import html as embed_html
from provenance.extract.bareurls import find_bare_url_paragraphs
from provenance.extract.generic import find_generic_embeds
from provenance.load import load_path, load_text
from provenance.model import Document

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "fixtures" / "cases"
CORPUS = ROOT.parent / "shared" / "corpus"
PROSE = "The council met on Tuesday to discuss the harbour and its ferries. " * 20 + "\n\n"
#: Copies of the mixed blocks in the large articles: enough to be megabytes, few enough to run fast.
COPIES = 200


def _documents() -> dict[str, list[Document]]:
    workloads = {"fixtures": [load_path(p) for p in sorted(CASES.glob("platform_*")) if ".golden" not in p.name]}
    if CORPUS.is_dir():
        workloads["corpus"] = [load_path(p) for p in sorted(CORPUS.glob("*.html"))]
    texts = [CASES / f"platform_{name}_flattened.txt" for name in ("instagram", "tiktok", "facebook", "bluesky")]
    block = "".join(path.read_text(encoding="utf-8").split("\n", 1)[1] for path in texts)
    workloads["large text"] = [load_text("published: 2024-01-01\n" + (PROSE * 5 + block) * COPIES, "big.txt", "text")]
    embeds = (CASES / "platform_instagram_embeds.html").read_text(encoding="utf-8")
    page = "<html><body>" + f"<p>{PROSE}</p>" * 3000 + embeds * (COPIES // 10) + "</body></html>"
    workloads["large html"] = [load_text(page, "big.html", "html")]
    return workloads


def _best(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = run()
        best = min(best, time.perf_counter() - start)
    return best, found


def _cpu(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def _readers(workloads: dict[str, list[Document]], repeat: int) -> None:
    """Print the CPU time of each HTML embed reader on the HTML workloads, and its share."""
    readers: dict[str, Callable[[Document], object]] = {
        # The regions' cache is bypassed: each run scans the page again.
        "embed regions": lambda d: embed_html._embed_regions.__wrapped__(d.text, d.body_start),
        "bare URLs": lambda d: list(find_bare_url_paragraphs(d)),
        "generic reader": lambda d: list(find_generic_embeds(d, [], embed_html.region_end)),
    }
    for name in ("corpus", "large html"):
        documents = workloads.get(name, [])
        if not documents:
            continue
        whole = _cpu(lambda documents=documents: [extract(d) for d in documents], repeat)
        for reader, run in readers.items():
            seconds = _cpu(lambda documents=documents, run=run: [run(d) for d in documents], repeat)
            print(f"{name:>10}: {reader:>15} {seconds * 1000:6.0f} ms CPU, {seconds / whole:5.1%} of extraction "
                  f"({whole * 1000:.0f} ms)")


def main() -> None:
    """Time each workload and print one line per workload."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per workload; the best counts (default 3)")
    parser.add_argument("--readers", action="store_true", help="also time the HTML embed readers one by one")
    args = parser.parse_args()
    workloads = _documents()
    for documents in workloads.values():  # warm up: dates compile their patterns on first use
        for document in documents:
            extract(document)
    for name, documents in workloads.items():
        size = sum(len(document.text) for document in documents) / 1e6
        seconds, found = _best(
            lambda documents=documents: sum(len(extract(d).fragments) for d in documents), args.repeat
        )
        print(f"{name:>10}: {len(documents):3d} document(s), {size:6.2f} MB, {found:5d} fragments, "
              f"{seconds * 1000:7.0f} ms, {size / seconds:5.1f} MB/s")
    if args.readers:
        _readers(workloads, args.repeat)


if __name__ == "__main__":
    main()
