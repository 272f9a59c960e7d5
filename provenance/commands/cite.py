"""``provenance cite``: the citation of each post URL or ID given, with the time its ID encodes.

With ``--style``, reference-list entries (APA, MLA, Chicago, CSL-JSON, BibTeX) for the posts given
and for every post cited by the article files given.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from provenance import citestyles
from provenance.checking import check_path
from provenance.cite import cite_ref
from provenance.formats.json_format import citation_dict
from provenance.logsafe import log_safe
from provenance.model import Citation, IdTime, PostRef
from provenance.output import EXIT_FINDINGS, EXIT_OK, input_error_line
from provenance.platforms import BARE_ID_PLATFORM, PLATFORMS, decode_time, owner, parse_id, parse_url
from provenance.posted import describe_estimate
from provenance.sources.files import is_article_name

__all__ = ["CiteSettings", "add_parser", "main", "run", "settings_from"]

EPILOG = """\
exit codes: 0 every input named a post (with --style: or was a readable article); 1 an input
named no post, or an article file could not be read; 2 usage error.
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    """Add the ``cite`` subcommand to the command line's subparsers."""
    cite = commands.add_parser(
        "cite", help="print the citation of post URLs or IDs, with the time each ID encodes",
        description="Normalize each post URL or ID given (or read one per line from standard input when none "
        "is given or the only one is -) and print its citation, including the creation time its ID encodes.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cite.add_argument("items", nargs="*", metavar="URL-or-ID")
    cite.add_argument("--platform", choices=sorted(PLATFORMS),
                      help=f"the platform of bare IDs (default: {BARE_ID_PLATFORM.name})")
    cite.add_argument("--format", choices=("text", "json"), default="text",
                      help="text: one line per input (default); json: one document with every citation and error "
                      "(ignored with --style)")
    cite.add_argument("--style", choices=sorted(citestyles.STYLES),
                      help="print reference-list entries in this style; items may also be article files")
    return cite


@dataclass(frozen=True)
class CiteSettings:
    """What one ``cite`` run is asked to do, settled once from its arguments."""

    #: The post URLs or IDs (with ``style``: also article files); none or ``-``: read from standard input.
    items: tuple[str, ...]
    #: The platform of bare IDs (None: the registry's ``BARE_ID_PLATFORM``, X).
    platform: str | None = None
    format: str = "text"
    #: The reference-list style, if any.
    style: str | None = None


def settings_from(args: argparse.Namespace) -> CiteSettings:
    """The settings of ``cite`` from its parsed arguments."""
    return CiteSettings(items=tuple(args.items), platform=args.platform, format=args.format, style=args.style)


def _cite_one(item: str, platform: str | None) -> tuple[PostRef | None, str | None]:
    """The post an input names, or why it names none (one line)."""
    item = item.strip()
    if not item:
        return None, "empty input: give a post URL or ID"
    if ("/" in item or ":" in item) and not item.isdigit():
        ref = parse_url(item)
        if ref is not None:
            return ref, None
        site = owner(item)
        if site is not None:
            return None, f"{item!r} is on {site.title} but names no single post provenance reads"
        if "://" in item or item.count("/") > 1:
            return None, f"{item!r} is not a link to a post on any platform provenance knows"
    ref = parse_id(item, platform or BARE_ID_PLATFORM.name)
    if ref is not None:
        return ref, None
    if is_article_name(item):
        return None, f"{item!r} is not a post URL or ID (article files are read with --style)"
    if platform:
        return None, f"{item!r} is not a post ID of {PLATFORMS[platform].title}"
    readers = [name for name, known in PLATFORMS.items() if known is not BARE_ID_PLATFORM and known.parse_id(item)]
    hint = f"; it reads as a post ID of {' or '.join(readers)}" if readers else ""
    return None, f"{item!r} is not a post ID of {BARE_ID_PLATFORM.title}{hint} (name the platform with --platform)"


def _when(id_time: IdTime) -> str:
    """The time an ID encodes, to its precision, or why there is none."""
    if id_time.moment is None:
        return f"no time: {id_time.problem or id_time.note}"
    unit = {"us": "microseconds", "ms": "milliseconds"}.get(id_time.precision or "", "seconds")
    stamp = id_time.moment.isoformat(timespec=unit).replace("+00:00", "Z")
    return describe_estimate(id_time) if id_time.estimate else stamp


def _run_cite_style(settings: CiteSettings, items: Sequence[str], style: str) -> int:
    """Reference-list entries for the posts given and for every post the article files given cite."""
    citations: list[Citation] = []
    failed = False
    for item in items:
        # An existing path, or a name with an article's suffix, is a file (a missing one says so).
        if os.path.exists(item) or ("://" not in item and is_article_name(item)):
            file = check_path(item)
            if file.error is not None:
                print(input_error_line(file), file=sys.stderr)
                failed = True
            for citation in file.citations:
                if citation.kind == "mention":  # a sentence, not a post: its words are the article's
                    print(log_safe(f"{item}:{citation.line}:{citation.column}: a post cited without a link has "
                                   "no reference entry; find the post and cite it"), file=sys.stderr)
                else:
                    citations.append(citation)
            continue
        ref, error = _cite_one(item, settings.platform)
        if ref is None:
            print(log_safe(f"{item}: error: {error}"), file=sys.stderr)
            failed = True
        else:
            citations.append(cite_ref(ref))
    sys.stdout.write(citestyles.render(citations, style))
    return EXIT_FINDINGS if failed else EXIT_OK


def _cite_entry(ref: PostRef | None) -> dict[str, object]:
    """A post's citation as JSON values, with the reason its ID cannot be a real post's."""
    if ref is None:
        return {}
    citation = cite_ref(ref)
    problem = citation.id_time.problem if citation.id_time is not None else None
    return {**citation_dict(citation), "id_time_problem": problem}


def run(settings: CiteSettings) -> int:
    """Run ``provenance cite``; return the exit code."""
    items = list(settings.items)
    if not items or items == ["-"]:
        items = [line for line in sys.stdin.read().splitlines() if line.strip()]
    if settings.style is not None:
        return _run_cite_style(settings, items, settings.style)
    entries = []
    for item in items:
        ref, error = _cite_one(item, settings.platform)
        entries.append((item, ref, error))
    if settings.format == "json":
        payload = {
            "citations": [
                {"input": item, **_cite_entry(ref), "error": error}
                for item, ref, error in entries
            ]
        }
        sys.stdout.write(log_safe(json.dumps(payload, ensure_ascii=False, indent=2), "json") + "\n")
    else:
        for item, ref, error in entries:
            if ref is None:
                print(log_safe(f"{item}: error: {error}"), file=sys.stderr)
                continue
            when = _when(decode_time(ref))
            print(log_safe(f"{item}: {ref.platform} post {ref.post_id or '-'} by @{ref.handle or '?'} {ref.url or '-'} "
                           f"{when}"))
    return EXIT_OK if all(ref is not None for _, ref, _ in entries) else EXIT_FINDINGS


def main(args: argparse.Namespace) -> int:
    """``provenance cite`` with parsed arguments: settle them, then settings."""
    return run(settings_from(args))
