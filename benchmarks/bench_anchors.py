"""How far a pre-Snowflake X estimate may err, from the shipped anchor table itself.

Run ``python benchmarks/bench_anchors.py``. Each anchor between the first and the last is
interpolated from its two neighbours as if it were missing (leave-one-out); the script prints the
misses' median, 95th percentile and maximum, the bound provenance states (the maximum rounded up
to the hour: ``provenance.platforms.x.error_bound``) and, for each shared test vector whose true
time is recorded, how far the estimate really is from it. The figures in docs/platforms.md are
these (tests/platforms/test_x.py checks them against the table).
"""

from __future__ import annotations

import json
import statistics
import sys
from datetime import datetime, timedelta
from pathlib import Path

from provenance.platforms import decode_time, parse_url, x

VECTORS = Path(__file__).resolve().parents[1] / ".." / "shared" / "vectors" / "id_timestamps.json"
HOUR_MS = 3_600_000


def figures() -> dict[str, float]:
    """The leave-one-out misses of the shipped table, in hours: median, 95th percentile, maximum; and the bound."""
    table = x.packaged_anchors()
    errors = [error / HOUR_MS for error in x.leave_one_out_errors(table.anchors)]
    return {
        "anchors": len(table.anchors),
        "median": statistics.median(errors),
        "p95": statistics.quantiles(errors, n=20, method="inclusive")[-1],
        "max": max(errors),
        "bound": table.error_bound / timedelta(hours=1),
    }


def main() -> int:
    """Print the figures; return 0."""
    found = figures()
    print(f"{found['anchors']:,.0f} anchors; each inner one interpolated from its neighbours misses by")
    print(f"  median {found['median']:.1f} h, 95th percentile {found['p95']:.1f} h, largest {found['max']:.1f} h")
    print(f"stated bound (the largest, rounded up to the hour): give or take {found['bound']:g} h")
    if VECTORS.is_file():
        for vector in json.loads(VECTORS.read_text(encoding="utf-8")):
            if vector["precision"] != "estimate" or not vector.get("peer_value_meaning", "").startswith("true"):
                continue
            ref = parse_url(vector["url_or_id"])
            moment = decode_time(ref).moment if ref is not None else None
            if moment is not None:
                miss = abs(moment - datetime.fromisoformat(vector["peer_value_utc"])) / timedelta(hours=1)
                print(f"vector {vector['id']}: estimated {moment:%Y-%m-%d %H:%M} UTC, {miss:.2f} h from its true time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
