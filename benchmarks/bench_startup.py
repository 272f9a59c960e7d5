"""Cold start: CPU time and peak memory of ``provenance check`` on a small file, each run a fresh process.

Run ``python benchmarks/bench_startup.py [--exe PATH] [--runs N] [FILE]``. It runs
``provenance check FILE`` (default: ``seeds/004_1ed5aa9ce87cdf07.txt``, a short Greek article
with a date and a post cited in prose) ``--runs`` times, each in a new process, after one
unmeasured run, and prints the median and the range of user+system CPU seconds and of peak
resident memory (both from ``os.wait4``), and which of the heavy libraries the run imported.
The runs may write bytecode caches (``PYTHONDONTWRITEBYTECODE`` is dropped from their
environment), as pip compiles them when it installs: without them every run compiles the
package's sources again. ``--exe`` is the ``provenance`` executable to measure (default: the one
next to this Python), so that another virtual environment, with another Babel, is measured by the
same script; the Babel it has is printed.

The targets, from the fresh-machine issue: at most ``TARGET_CPU`` seconds and ``TARGET_RSS_MB`` MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILE = ROOT / "seeds" / "004_1ed5aa9ce87cdf07.txt"
DEFAULT_RUNS = 15
TARGET_CPU = 0.35
TARGET_RSS_MB = 80
#: Libraries a check of a short text file does not need, each costing tens of milliseconds to import.
HEAVY = ("babel", "bs4", "htmldate", "httpx", "rich", "yaml", "warcio", "charset_normalizer", "lxml")
#: Prints which of HEAVY a check imported: run by the measured environment's Python (``-P``: not the
#: package in the working directory), unmeasured.
PROBE = """
import contextlib, io, sys
from provenance.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["check", "--exit-zero", sys.argv[1]])
import importlib.metadata
print(importlib.metadata.version("babel"))
print(" ".join(name for name in sys.argv[2:] if name in sys.modules) or "none")
"""


def _environment() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def measure(exe: str, path: Path) -> tuple[float, float]:
    """One run of ``exe check --exit-zero path`` in a new process: (user+system CPU seconds, peak RSS in MB)."""
    process = subprocess.Popen([exe, "check", "--exit-zero", str(path)], stdout=subprocess.DEVNULL, env=_environment())
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{exe} check {path} exited {process.returncode}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main(argv: list[str] | None = None) -> int:
    """Measure and print; exit 1 when a median misses its target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE, help="the article checked")
    parser.add_argument("--exe", default=str(Path(sys.executable).with_name("provenance")),
                        help="the provenance executable (default: this environment's)")
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help=f"measured runs (default: {DEFAULT_RUNS})")
    args = parser.parse_args(argv)
    python = str(Path(args.exe).with_name("python"))
    probe = subprocess.run([python, "-P", "-c", PROBE, str(args.file), *HEAVY],
                           capture_output=True, text=True, check=True, env=_environment())
    babel, imported = probe.stdout.split("\n")[:2]
    measure(args.exe, args.file)  # bytecode caches written, file in the page cache
    runs = [measure(args.exe, args.file) for _ in range(args.runs)]
    cpu = sorted(run[0] for run in runs)
    rss = sorted(run[1] for run in runs)
    print(f"provenance check {args.file.name} ({args.exe}, Babel {babel}), {args.runs} runs:")
    print(f"  CPU (user+sys): median {statistics.median(cpu):.3f} s, range {cpu[0]:.3f}-{cpu[-1]:.3f} s"
          f" (target {TARGET_CPU} s)")
    print(f"  peak RSS:       median {statistics.median(rss):.1f} MB, range {rss[0]:.1f}-{rss[-1]:.1f} MB"
          f" (target {TARGET_RSS_MB} MB)")
    print(f"  heavy libraries imported: {imported}")
    return 0 if statistics.median(cpu) <= TARGET_CPU and statistics.median(rss) <= TARGET_RSS_MB else 1


if __name__ == "__main__":
    sys.exit(main())
