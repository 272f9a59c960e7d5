"""Bring the development corpus's pages to this machine and check every page's SHA-256.

Run ``python benchmarks/devcorpus/fetch_pages.py`` to download each page of ``manifest.json``
from its public repository at the recorded commit (the raw-file URL), or
``--git-dir OWNER/NAME=PATH`` (repeatable) to read the pages of that repository from a local
clone instead, with ``git cat-file``. Pages stored gzipped in their repository are unpacked, and
the digest is that of the unpacked bytes. A page already present with the right digest is kept.
Pages go to ``--pages DIR`` (default ``benchmarks/devcorpus/pages``, which git ignores): the pages
belong to their publishers and stay out of the repository.
Exit code: 0 every page is there and right; 1 some page could not be had or had another digest.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RAW_URL = "https://raw.githubusercontent.com/{repo}/{commit}/{path}"
TIMEOUT_S = 60


def download(entry: dict[str, Any]) -> bytes:
    """The page's stored bytes from the repository's raw-file URL."""
    url = RAW_URL.format(repo=entry["source_repo"], commit=entry["source_commit"],
                         path=urllib.request.quote(entry["source_path"]))
    with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
        data: bytes = response.read()
    return data


def from_git(git_dir: Path, entry: dict[str, Any]) -> bytes:
    """The page's stored bytes from a local clone of its repository."""
    spec = f"{entry['source_commit']}:{entry['source_path']}"
    return subprocess.run(["git", "--git-dir", str(git_dir), "cat-file", "blob", spec],
                          check=True, capture_output=True).stdout


def unpack(entry: dict[str, Any], data: bytes) -> bytes:
    """The page's bytes: gunzipped when the repository stores it gzipped."""
    return gzip.decompress(data) if entry.get("gzip") else data


def main(argv: list[str] | None = None) -> int:
    """Fetch every page of the manifest and report what went wrong."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=HERE / "manifest.json")
    parser.add_argument("--pages", type=Path, default=HERE / "pages", help="where the pages go")
    parser.add_argument("--git-dir", action="append", default=[], metavar="OWNER/NAME=PATH",
                        help="read that repository's pages from a local clone (its .git folder or bare repo)")
    args = parser.parse_args(argv)
    clones: dict[str, Path] = {}
    for spec in args.git_dir:
        repo, sep, path = spec.partition("=")
        if not sep or not repo or not path:
            print(f"--git-dir {spec}: expected OWNER/NAME=PATH", file=sys.stderr)
            return 2
        clones[repo] = Path(path)
    try:
        manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"{args.manifest}: cannot read the manifest: {error}", file=sys.stderr)
        return 2
    args.pages.mkdir(parents=True, exist_ok=True)
    failed = fetched = 0
    for entry in manifest["pages"]:
        target = args.pages / entry["file"]
        if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == entry["sha256"]:
            continue
        try:
            clone = clones.get(entry["source_repo"])
            data = unpack(entry, from_git(clone, entry) if clone else download(entry))
        except (OSError, ValueError, EOFError, subprocess.CalledProcessError) as error:
            print(f"{entry['file']}: cannot fetch {entry['source_repo']}:{entry['source_path']}: {error}",
                  file=sys.stderr)
            failed += 1
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != entry["sha256"]:
            print(f"{entry['file']}: SHA-256 {digest} is not the manifest's {entry['sha256']}", file=sys.stderr)
            failed += 1
            continue
        target.write_bytes(data)
        fetched += 1
    print(f"{len(manifest['pages'])} page(s) in the manifest, {fetched} fetched, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
