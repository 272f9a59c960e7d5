"""Decode a large batch of post URLs and IDs with provenance and with dfir-unfurl, and compare.

Run ``python benchmarks/bench_ids.py [--count N] [--unfurl-seconds S]``. The inputs are the shared
test vectors (``../shared/vectors/id_timestamps.json``), each varied in its low, non-time bits so
that no two inputs are equal. provenance decodes all of them; dfir-unfurl, which builds a graph
per input and is far slower, decodes the same inputs in the same order until its time budget
runs out, and provenance's figures for that same slice are shown beside it. Without dfir-unfurl
installed, only provenance's figures are printed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from itertools import cycle, islice
from pathlib import Path
from typing import Any

from provenance.platforms import bluesky, decode_time, instagram, parse_id, parse_url

VECTORS = Path(__file__).resolve().parents[1] / ".." / "shared" / "vectors" / "id_timestamps.json"
DEFAULT_COUNT = 200_000
#: dfir-unfurl takes tens of milliseconds an input; this keeps the default run under a minute.
DEFAULT_UNFURL_SECONDS = 20.0
#: Two decoders agree when their times for an input are this close (dfir-unfurl prints TikTok
#: sub-seconds that provenance does not claim).
AGREEMENT = timedelta(seconds=1)
#: Varying only bits below these keeps every variant's time within a second of the vector's.
LOW_BITS = {"twitter": 12, "discord": 12, "linkedin": 12, "mastodon": 12, "tiktok": 22, "instagram": 10}
#: Built-in inputs for when the shared vectors are absent: synthetic IDs, one per scheme.
FALLBACK = [
    ("twitter", "https://x.com/someone/status/1578353380363501568"),
    ("instagram", "https://www.instagram.com/p/BSutkGDBe70/"),
    ("bluesky", "https://bsky.app/profile/alice.bsky.social/post/3l3vgf77uco2g"),
    ("tiktok", "https://www.tiktok.com/@someone/video/7107337212743830830"),
    ("youtube", "https://youtu.be/dQw4w9WgXcQ"),
]
SORT32 = "234567abcdefghijklmnopqrstuvwxyz"

Decoder = Callable[[str, str], list[datetime]]


def seeds() -> list[tuple[str, str, str]]:
    """(platform, input, ID) for every shared vector, or the built-in fallback."""
    if not VECTORS.is_file():
        print(f"note: {VECTORS} not found; using {len(FALLBACK)} built-in inputs", file=sys.stderr)
        return [(platform, raw, "") for platform, raw in FALLBACK]
    vectors = json.loads(VECTORS.read_text(encoding="utf-8"))
    return [(v["platform"], v["url_or_id"], v["id"]) for v in vectors]


def _tid(value: int) -> str:
    return "".join(SORT32[(value >> (5 * place)) & 31] for place in reversed(range(13)))


def variant(platform: str, raw: str, key: str, n: int) -> str:
    """Input ``raw`` with its ID changed in bits that carry no time (the n-th variant)."""
    if not key or n == 0:
        return raw
    if key.isdigit() and platform in LOW_BITS:
        bits = LOW_BITS[platform]
        number = int(key)
        varied = (number & ~((1 << bits) - 1)) | ((number + n) & ((1 << bits) - 1))
        return raw.replace(key, str(varied))
    if platform == "instagram":
        number = instagram.shortcode_to_id(key)
        low = (1 << LOW_BITS["instagram"]) - 1
        return raw.replace(key, instagram.id_to_shortcode((number & ~low) | ((number + n) & low)))
    if platform == "bluesky" and bluesky.TID_SHAPE.fullmatch(key):
        value = bluesky.tid_value(key)
        return raw.replace(key, _tid((value & ~1023) | ((value + n) & 1023)))
    if platform == "telegram":
        channel, _, message = key.partition("/")
        return raw.replace(key, f"{channel}/{int(message) + n}")
    return raw


def inputs(count: int) -> list[tuple[str, str]]:
    """``count`` (platform, input) pairs cycling through the seeds, each varied."""
    base = seeds()
    pairs = islice(cycle(range(len(base))), count)
    return [(base[i][0], variant(*base[i], n // len(base))) for n, i in enumerate(pairs)]


def provenance_decode(platform: str, raw: str) -> list[datetime]:
    """provenance's time for one input (a URL, else a bare ID of the vector's platform)."""
    ref = parse_url(raw)
    if ref is None:
        ref = parse_id(raw, "x" if platform == "twitter" else platform)
    if ref is None:
        return []
    moment = decode_time(ref).moment
    return [moment] if moment is not None else []


def unfurl_decoder() -> tuple[Decoder, float] | None:
    """A dfir-unfurl decoder and its setup time, or None when dfir-unfurl is not installed."""
    try:
        core: Any = importlib.import_module("unfurl.core")
    except ImportError:
        return None
    logging.disable(logging.CRITICAL)  # it logs every input it cannot parse
    started = time.perf_counter()
    graph = core.Unfurl(remote_lookups=False)
    setup = time.perf_counter() - started

    def decode(_platform: str, raw: str) -> list[datetime]:
        try:
            graph.add_to_queue(data_type="url", key=None, value=raw)
            graph.parse_queue()
            return list(_unfurl_times(graph.nodes.values()))
        except Exception:  # a crash on one input counts as no decode, as a user would see it
            return []
        finally:
            graph.reset_graph_state()

    return decode, setup


def _unfurl_times(nodes: Any) -> Iterator[datetime]:
    for node in nodes:
        if str(node.data_type).startswith("timestamp"):
            try:
                yield datetime.fromisoformat(str(node.value))
            except ValueError:
                continue


def run(
    decoder: Decoder, items: list[tuple[str, str]], budget: float | None
) -> tuple[list[list[datetime]], float]:
    """The decoder's times for each input, in order, until ``budget`` seconds pass; and the time taken."""
    results: list[list[datetime]] = []
    started = time.perf_counter()
    for platform, raw in items:
        results.append(decoder(platform, raw))
        if budget is not None and time.perf_counter() - started > budget:
            break
    return results, time.perf_counter() - started


def _row(name: str, results: list[list[datetime]], seconds: float, agree: str = "") -> str:
    decoded = sum(1 for times in results if times)
    rate = len(results) / seconds if seconds else float("inf")
    share = 100 * decoded / len(results) if results else 0.0
    counts = f"{len(results):,} | {seconds:.2f} | {rate:,.0f} | {decoded:,} ({share:.1f} %)"
    return f"| {name} | {counts} | {agree} |"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a Markdown table; return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="inputs for provenance")
    parser.add_argument(
        "--unfurl-seconds", type=float, default=DEFAULT_UNFURL_SECONDS, help="dfir-unfurl's time budget"
    )
    args = parser.parse_args(argv)
    items = inputs(args.count)
    ours, ours_seconds = run(provenance_decode, items, None)
    print(f"{len(items):,} inputs from {len(seeds())} seeds\n")
    print("| decoder | inputs | seconds | inputs/s | decoded (with a time) | agree with provenance (±1 s) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print(_row("provenance", ours, ours_seconds))
    unfurl = unfurl_decoder()
    if unfurl is None:
        print("\ndfir-unfurl is not installed (pip install dfir-unfurl): only provenance was measured.")
        return 0
    decode, setup = unfurl
    theirs, their_seconds = run(decode, items, args.unfurl_seconds)
    slice_ours = ours[: len(theirs)]
    agree = sum(
        1
        for mine, other in zip(slice_ours, theirs, strict=True)
        if mine and any(abs(mine[0] - moment) <= AGREEMENT for moment in other)
    )
    _, slice_seconds = run(provenance_decode, items[: len(theirs)], None)
    print(_row("provenance, same slice as dfir-unfurl", slice_ours, slice_seconds))
    both = sum(1 for mine, other in zip(slice_ours, theirs, strict=True) if mine and other)
    print(_row("dfir-unfurl", theirs, their_seconds, f"{agree:,} of {both:,} decoded by both"))
    print(f"\ndfir-unfurl setup (not counted above): {setup:.2f} s; budget {args.unfurl_seconds:.0f} s.")
    pairs = list(enumerate(zip(slice_ours, theirs, strict=True)))
    only_theirs = [(items[n], [], other) for n, (mine, other) in pairs if other and not mine]
    _print_kinds("decoded by dfir-unfurl only", only_theirs)
    apart = [(items[n], mine, other) for n, (mine, other) in pairs
             if mine and other and not any(abs(mine[0] - moment) <= AGREEMENT for moment in other)]
    _print_kinds("decoded by both, more than 1 s apart", apart)
    return 0


def _print_kinds(title: str, rows: list[tuple[tuple[str, str], list[datetime], list[datetime]]]) -> None:
    """How many inputs of ``rows`` there are, by kind of input and the years each decoder gives."""
    if not rows:
        return
    print(f"{title}: {len(rows):,}, by kind of input and the year each gives (provenance, dfir-unfurl):")

    def kind(platform: str, raw: str, mine: list[datetime], other: list[datetime]) -> str:
        ours = str(mine[0].year) if mine else "-"
        return f"{platform} {'URL' if '/' in raw else 'ID'}: {ours}, {other[0].year}"

    kinds = Counter(kind(platform, raw, mine, other) for (platform, raw), mine, other in rows)
    examples = {kind(platform, raw, mine, other): raw for (platform, raw), mine, other in reversed(rows)}
    for name, count in kinds.most_common():
        print(f"  {count:>5,}  {name}, e.g. {examples[name]}")


if __name__ == "__main__":
    sys.exit(main())
