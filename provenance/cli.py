"""The command line: ``provenance check``, ``audit``, ``cite`` and ``rules``.

Exit codes: 0 when nothing reached ``--fail-on``; 1 when a finding did (for ``check``, also
when an input could not be read); 2 for usage and configuration errors.
Findings go to standard output (or ``--output``); problems with inputs go to standard error,
one line each.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from provenance import __version__, audit
from provenance.cite import cite_ref
from provenance.config import ConfigError, Options, parse_published, parse_zone, rule_codes
from provenance.formats import FORMATS, render
from provenance.formats.json_format import citation_dict
from provenance.linter import check_bytes, check_path, iter_paths
from provenance.model import FileReport, PostRef, Report
from provenance.output import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, exit_code, report_input_errors, write_output
from provenance.platforms import PLATFORMS, decode_time, parse_id, parse_url
from provenance.rules import RULES

__all__ = ["main"]

FAIL_ON = ("error", "warning", "info", "never")

DESCRIPTION = """\
Find the social-media posts embedded, linked or mentioned in news articles, normalize each into
a citation (platform, handle, post ID, permalink, shown date, the time its ID encodes) and check
their dates and attribution against the article.
"""

CHECK_EPILOG = """\
inputs: files or folders (read recursively: .html .htm .md .markdown .mdx .txt), or - for
standard input. Nothing is ever modified, and nothing is fetched from the network.

exit codes: 0 nothing reached --fail-on; 1 something did, or an input could not be read;
2 usage error.

examples:
  provenance check article.html
  provenance check --published 2025-08-21 seeds/
  provenance check --format json --output report.json content/
"""


def _common(parser: argparse.ArgumentParser, fail_on: str) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders; - for standard input")
    parser.add_argument(
        "--published", metavar="DATE",
        help="the article's publication date or datetime (ISO 8601); wins over what the article says",
    )
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    parser.add_argument(
        "--fail-on", choices=FAIL_ON, default=fail_on,
        help=f"lowest severity that makes the exit code 1 (default: {fail_on})",
    )
    parser.add_argument("--select", metavar="RULES", help="only these rules (codes or names, comma-separated)")
    parser.add_argument("--ignore", metavar="RULES", help="skip these rules (codes or names, comma-separated)")
    parser.add_argument(
        "--timezone", metavar="ZONE",
        help="the article's time zone (IANA name, e.g. Europe/Athens) for dates stated without one",
    )
    parser.add_argument("--lang", metavar="LANG", help="the article's language when it declares none (e.g. el)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``provenance`` command."""
    parser = argparse.ArgumentParser(
        prog="provenance", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"provenance {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "check", help="lint articles before publication (CI)", description="Check articles and report findings.",
        epilog=CHECK_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(check, "error")

    _common(audit.add_parser(commands), "never")

    cite = commands.add_parser(
        "cite", help="print the citation of post URLs or IDs, with the time each ID encodes",
        description="Normalize each post URL or ID given (or read one per line from standard input when none "
        "is given or the only one is -) and print its citation, including the creation time its ID encodes.",
    )
    cite.add_argument("items", nargs="*", metavar="URL-or-ID")
    cite.add_argument("--platform", choices=sorted(PLATFORMS), help="the platform of bare IDs (default: x)")
    cite.add_argument("--format", choices=("text", "json"), default="text")

    commands.add_parser("rules", help="list the rules with their codes, names and severities")
    return parser


def _options(args: argparse.Namespace) -> Options:
    return Options(
        published=parse_published(args.published) if args.published else None,
        select=rule_codes(args.select, "--select") if args.select else None,
        ignore=rule_codes(args.ignore, "--ignore") if args.ignore else frozenset(),
        zone=parse_zone(args.timezone) if args.timezone else None,
        lang=args.lang,
    )


def _reports(paths: Sequence[str], options: Options) -> list[FileReport]:
    reports = []
    for raw in paths:
        if raw == "-":
            reports.append(check_bytes(sys.stdin.buffer.read(), "<stdin>", options))
            continue
        reports.extend(check_path(path, options) for path in iter_paths([raw]))
    return reports


def _run_check(args: argparse.Namespace, options: Options) -> int:
    report = Report(tuple(_reports(args.paths, options)))
    report_input_errors(report)
    write_output(render(report, args.format), args.output)
    failed = any(file.error is not None for file in report.files)
    code = exit_code(report, args.fail_on)
    return EXIT_FINDINGS if failed and args.fail_on != "never" else code


def _cite_one(item: str, platform: str | None) -> tuple[PostRef | None, str | None]:
    item = item.strip()
    ref = parse_url(item) if ("/" in item or "." in item) and not item.isdigit() else None
    if ref is None:
        ref = parse_id(item, platform or "x")
    if ref is None:
        where = f"a {platform} ID" if platform else "a known post URL or an X ID (use --platform for others)"
        return None, f"{item!r} is not {where}"
    return ref, None


def _run_cite(args: argparse.Namespace) -> int:
    items = list(args.items)
    if not items or items == ["-"]:
        items = [line for line in sys.stdin.read().splitlines() if line.strip()]
    entries = []
    for item in items:
        ref, error = _cite_one(item, args.platform)
        entries.append((item, ref, error))
    if args.format == "json":
        payload = {
            "citations": [
                {"input": item, **(citation_dict(cite_ref(ref)) if ref else {}), "error": error}
                for item, ref, error in entries
            ]
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        for item, ref, error in entries:
            if ref is None:
                print(f"{item}: error: {error}", file=sys.stderr)
                continue
            id_time = decode_time(ref)
            when = (
                id_time.moment.isoformat().replace("+00:00", "Z") + (" (estimate)" if id_time.estimate else "")
                if id_time.moment is not None
                else f"no time: {id_time.problem or id_time.note}"
            )
            print(f"{item}: {ref.platform} post {ref.post_id or '-'} by @{ref.handle or '?'} {ref.url or ''} {when}")
    return EXIT_OK if all(ref is not None for _, ref, _ in entries) else EXIT_FINDINGS


def _run_rules() -> int:
    for rule in RULES.values():
        summary = rule.doc.splitlines()[0] if rule.doc else ""
        print(f"{rule.code} {rule.name} ({rule.severity}): {summary.split(': ', 1)[-1]}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _run_check(args, _options(args))
        if args.command == "audit":
            return audit.run(args, _options(args))
        if args.command == "cite":
            return _run_cite(args)
        return _run_rules()
    except ConfigError as error:
        print(f"provenance: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("provenance: interrupted", file=sys.stderr)
        return 130
