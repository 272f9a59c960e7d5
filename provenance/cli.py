"""The command line: ``provenance check`` and ``rules`` here; ``audit`` and ``cite`` in their own modules.

Exit codes: 0 when nothing reached ``--fail-on``; 1 when a finding did (for ``check``, also
when an input could not be read, whatever ``--fail-on`` says; ``--exit-zero`` makes both 0);
2 for usage and configuration errors, and when the inputs hold no article at all (an empty
folder, a folder of other files: a gate that checked nothing has passed nothing).
Findings go to standard output (or ``--output``); problems with inputs go to standard error,
one line each. Every line that can quote an article, a file name or a configuration value is
log-safe (``provenance.logsafe``): under CI, nothing it prints can act as a command.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from provenance import audit, citing, logs, online
from provenance.baseline import Baseline, load_baseline, pruned, updated, write_baseline
from provenance.config import FAIL_ON, PUBLISHED_YEARS, ConfigError, Options, load_config, make_options
from provenance.formats import FORMATS, markdown, render, sarif
from provenance.linter import ARTICLE_SUFFIXES, apply_baseline, check_bytes, check_path, iter_inputs
from provenance.logsafe import log_safe
from provenance.model import FileReport, Report
from provenance.output import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    check_distinct,
    check_not_input,
    check_regular,
    check_writable,
    exit_code,
    is_regular_file,
    no_article,
    report_input_errors,
    rules_url,
    use_color,
    write_output,
)
from provenance.rules import RULES, find_rule
from provenance.rules.explain import explain as explain_rule
from provenance.version import version

__all__ = ["main"]

DESCRIPTION = """\
Find the social-media posts embedded, linked or mentioned in news articles, normalize each into
a citation (platform, handle, post ID, permalink, shown date, the time its ID encodes) and check
their dates and attribution against the article.
"""

CHECK_EPILOG = f"""\
inputs: files or folders (read recursively: {' '.join(sorted(ARTICLE_SUFFIXES))};
hidden files and, inside a git work tree, what .gitignore names are skipped), or - for
standard input. Nothing is ever modified, and nothing is fetched from the network
unless --online is given. URLs are not read: 'provenance audit' fetches them.

exit codes: 0 nothing reached --fail-on; 1 a finding did, or an input could not be read (also
with --fail-on never); 2 usage error, or the inputs hold no article. --exit-zero: 0 unless 2.

configuration: [tool.provenance] in pyproject.toml, or .provenance.toml, found upward from the
working directory; flags override it. Accept a finding in the article with
<!-- provenance: ignore RULE --> before the embed, or in a --baseline file (docs/ci.md).

examples:
  provenance check article.html
  provenance check --published 2025-08-21 seeds/
  provenance check --format json --output report.json content/
"""


def _common(parser: argparse.ArgumentParser, fail_on: str) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders; - for standard input")
    parser.add_argument(
        "--published", metavar="DATE",
        help=f"the article's publication date or datetime (ISO 8601, years {PUBLISHED_YEARS[0]}-{PUBLISHED_YEARS[1]}); "
        "wins over what the article says",
    )
    parser.add_argument(
        "--format", choices=sorted(FORMATS),
        help="output format (default: text, or github when GITHUB_ACTIONS=true)",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    parser.add_argument(
        "--fail-on", choices=FAIL_ON,
        help=f"lowest severity that makes the exit code 1 (default: the configuration's, else {fail_on})",
    )
    parser.set_defaults(default_fail_on=fail_on)
    parser.add_argument(
        "--config", metavar="FILE",
        help="read the configuration from FILE (default: the nearest .provenance.toml or pyproject.toml "
        "with [tool.provenance], searching upward)",
    )
    parser.add_argument("--no-config", action="store_true", help="read no configuration file")
    parser.add_argument("--select", metavar="RULES", help="only these rules (codes or names, comma-separated)")
    parser.add_argument("--ignore", metavar="RULES", help="skip these rules (codes or names, comma-separated)")
    parser.add_argument(
        "--timezone", metavar="ZONE",
        help="the article's time zone (IANA name, e.g. Europe/Athens) for dates stated without one",
    )
    parser.add_argument("--lang", metavar="LANG", help="the article's language when it declares none (e.g. el)")
    parser.add_argument(
        "--no-gitignore", dest="gitignore", action="store_false", default=None,
        help="in folders, read the files git ignores too (default: .gitignore is honoured inside a git work tree)",
    )
    parser.add_argument(
        "--include-furniture", action="store_true",
        help="check the posts in a page's furniture (sidebars, feeds, comments, metadata) too; by default they "
        "are reported but no rule fires on them (docs/in-article.md)",
    )
    group = parser.add_argument_group("online verification (docs/online.md)")
    group.add_argument("--online", action="store_true",
                       help="ask the platforms (oEmbed) and the Wayback Machine about each cited post (PV201-PV203)")
    group.add_argument("--no-cache", action="store_true", help="with --online: neither read nor write the answer cache")
    group.add_argument("--cache-dir", metavar="DIR",
                       help="with --online: keep answers in DIR (default: $XDG_CACHE_HOME/provenance, "
                       "else ~/.cache/provenance)")


def _ci_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--baseline", metavar="FILE",
        help="do not report the findings accepted in this baseline file (default: the configuration's)",
    )
    parser.add_argument(
        "--write-baseline", metavar="FILE",
        help="accept every current finding: write them to this baseline file (other files' entries are kept)",
    )
    parser.add_argument(
        "--prune-baseline", action="store_true", help="remove the stale entries from the baseline file",
    )
    parser.add_argument(
        "--exit-zero", action="store_true",
        help="exit 0 even when findings reach --fail-on or an input cannot be read (usage errors still exit 2)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary (text format)")
    parser.add_argument(
        "--summary", metavar="FILE",
        help="also write a Markdown summary with a table of findings per article to FILE (the GitHub Action "
        "writes it to the job's step summary)",
    )


class _Version(argparse.Action):
    """``--version``: the version is read when asked for, not each time the parser is built."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        sys.stdout.write(f"provenance {version()}\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``provenance`` command."""
    parser = argparse.ArgumentParser(
        prog="provenance", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action=_Version, help="show program's version number and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "check", help="lint articles before publication (CI)", description="Check articles and report findings.",
        epilog=CHECK_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(check, "error")
    _ci_flags(check)
    logs.add_verbose_argument(check)

    audit_parser = audit.add_parser(commands)
    _common(audit_parser, "never")
    audit.adapt_parser(audit_parser)  # audit's inputs may all come from --from-file
    logs.add_verbose_argument(audit_parser)

    logs.add_verbose_argument(citing.add_parser(commands))

    rules_parser = commands.add_parser(
        "rules", help="list the rules, or explain one",
        description="List every rule: its code, name, default severity and what it reports; with "
        "--explain, one rule's manual: what it checks, why it matters, how to fix a finding, examples "
        "and its configuration (docs/rules.md holds them all). Select rules by code or name with "
        "--select and --ignore, configure them under [tool.provenance.rules.<rule>] (docs/ci.md). "
        "Exit code 0; 2 for a rule that does not exist.",
    )
    rules_parser.add_argument("--explain", metavar="RULE", help="print the manual of this rule (code or name)")
    logs.add_verbose_argument(rules_parser)
    return parser


def _options(args: argparse.Namespace) -> Options:
    """Options for ``check`` and ``audit``: the configuration file, then the flags given over it."""
    config = None if args.no_config else load_config(args.config)
    options = make_options(
        config,
        published=args.published,
        select=args.select,
        ignore=args.ignore,
        timezone=args.timezone,
        lang=args.lang,
        fail_on="never" if getattr(args, "exit_zero", False) else args.fail_on,
        baseline=getattr(args, "baseline", None),
        gitignore=args.gitignore,
        include_furniture=args.include_furniture,
        default_fail_on=args.default_fail_on,
    )
    if args.online:
        options = online.enable(options, cache=False if args.no_cache else None, cache_dir=args.cache_dir)
    # audit.run reads these two from args: settle them here, once, for both commands.
    args.fail_on = options.fail_on
    if args.format is None:
        args.format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return options


#: An input that names a URL rather than a file: ``scheme://``.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
URL_INPUT = "is a URL; 'check' reads files only ('provenance audit' fetches URLs)"


def _reports(paths: Sequence[str], options: Options) -> list[FileReport]:
    """One report per article named or found in the folders named; an unreadable input (a URL, a
    folder that cannot be listed) is a report with ``error`` set, in its place."""
    reports = []
    for raw in paths:
        if raw == "-":
            reports.append(check_bytes(sys.stdin.buffer.read(), "<stdin>", options))
        elif _URL.match(raw):
            reports.append(FileReport(source=raw, error=URL_INPUT))
        else:
            for path, error in iter_inputs([raw], options):
                if error is None:
                    reports.append(check_path(path, options))
                else:
                    reports.append(FileReport(source=str(path), error=f"cannot read: {error.strerror or error}"))
    return reports


def _check_found(paths: Sequence[str], reports: Sequence[FileReport], options: Options) -> None:
    """ConfigError when the inputs hold no article at all. Files that the configuration's
    ``include`` and ``exclude`` leave out were found: a run they all leave out (pre-commit passes
    the changed files one by one) has nothing to check and passes."""
    if reports:
        return
    if options.include or options.exclude:
        everything = dataclasses.replace(options, include=(), exclude=())
        if next(iter_inputs(paths, everything), None) is not None:
            return
    raise no_article(paths, f"{' '.join(sorted(ARTICLE_SUFFIXES))} files")


def _baselined(args: argparse.Namespace, options: Options, report: Report) -> Report:
    """The report less the findings a baseline accepts; writes and prunes the baseline when asked."""
    if args.prune_baseline and (options.baseline is None or args.write_baseline):
        raise ConfigError("--prune-baseline needs a baseline (--baseline FILE or 'baseline' in the configuration) "
                          "and no --write-baseline")
    if args.write_baseline:
        target = Path(args.write_baseline)
        # Only a regular file holds earlier entries: /dev/null or a pipe is written, never read.
        earlier = load_baseline(target) if is_regular_file(target) else None
        baseline = Baseline(target, tuple(updated(earlier, report.files, target.resolve().parent)))
        write_baseline(target, baseline.entries)
        print(log_safe(f"{target}: baseline written: {len(baseline.entries)} entries"), file=sys.stderr)
    elif options.baseline is not None:
        baseline = load_baseline(options.baseline)
    else:
        return report
    files, stale = [], []
    for file in report.files:
        kept, unmatched = apply_baseline(file, baseline)
        files.append(kept)
        stale += unmatched
    for entry in stale:
        print(log_safe(f"{baseline.path}: stale entry: {entry.describe()} is no longer found "
                       "(--prune-baseline removes it)"), file=sys.stderr)
    if args.prune_baseline and stale:
        write_baseline(baseline.path, pruned(baseline.entries, stale))
        print(log_safe(f"{baseline.path}: pruned {len(stale)} stale entries"), file=sys.stderr)
    return Report(tuple(files))


def _check_files(args: argparse.Namespace, options: Options) -> None:
    """Usage errors in the files ``check`` writes, before any article is read."""
    baseline = str(options.baseline) if options.baseline is not None else None
    check_distinct({"--output": args.output, "--write-baseline": args.write_baseline, "--baseline": baseline,
                    "--summary": args.summary})
    for flag, name in (("--output", args.output), ("--write-baseline", args.write_baseline),
                       ("--summary", args.summary)):
        if name is not None:
            check_writable(flag, name)
            check_not_input(flag, name, args.paths)


def _audit_files(args: argparse.Namespace) -> None:
    """Usage errors in the files ``audit`` writes, before any input is read."""
    check_distinct({"--output": args.output, "--state": args.state, "--report": args.report})
    if args.report is not None:
        check_writable("--report", args.report)
    if args.state is not None:
        check_regular("--state", args.state)
    for flag, name in (("--output", args.output), ("--state", args.state), ("--report", args.report)):
        check_not_input(flag, name, args.paths)


def _run_check(args: argparse.Namespace, options: Options) -> int:
    _check_files(args, options)
    reports = _reports(args.paths, options)
    _check_found(args.paths, reports, options)
    report = Report(tuple(reports))
    report_input_errors(report)
    report = _baselined(args, options, report)
    color = args.format == "text" and use_color(args.output)
    text = render(report, args.format, color=color, quiet=args.quiet,
                  fail_on=options.fail_on or args.default_fail_on, rules_url=rules_url())
    write_output(text, args.output)
    if args.summary is not None:
        write_output(markdown.render(report), args.summary, flag="--summary")
    findings = sum(len(file.findings) for file in report.files)
    if args.format == "sarif" and findings > sarif.MAX_RESULTS:
        print(f"provenance: warning: {sarif.too_many(findings - sarif.MAX_RESULTS)}", file=sys.stderr)
    if args.exit_zero:
        return EXIT_OK
    # An unreadable input is not a finding: --fail-on (about findings) does not hide it.
    if any(file.error is not None for file in report.files):
        return EXIT_FINDINGS
    return exit_code(report, options.fail_on or args.default_fail_on)


def _run_rules(explain: str | None) -> int:
    if explain is not None:
        rule = find_rule(explain)
        if rule is None:
            raise ConfigError(f"--explain: no rule {explain!r}; 'provenance rules' lists them")
        print(explain_rule(rule), end="")
        return EXIT_OK
    for rule in RULES.values():
        summary = rule.doc.splitlines()[0] if rule.doc else ""
        print(f"{rule.code} {rule.name} ({rule.severity}): {summary.split(': ', 1)[-1].replace('``', '')}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logs.configure(args.verbose)
    try:
        if args.command == "check":
            return _run_check(args, _options(args))
        if args.command == "audit":
            options = _options(args)
            _audit_files(args)
            return audit.run(args, options)
        if args.command == "cite":
            return citing.run(args)
        return _run_rules(args.explain)
    except ConfigError as error:
        print(log_safe(f"provenance: error: {error}"), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("provenance: interrupted", file=sys.stderr)
        return 130
    finally:
        logs.configure(0)  # the handler writes to this run's standard error: it goes with the run
