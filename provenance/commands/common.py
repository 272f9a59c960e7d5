"""What ``check`` and ``audit`` share: their common flags, and the Options they make of them once."""

from __future__ import annotations

import argparse
import os
from typing import Any

from provenance import online
from provenance.config import load_config, make_options
from provenance.formats import FORMATS
from provenance.options import FAIL_ON, PUBLISHED_YEARS, Options

__all__ = ["add_common", "default_format", "make_run_options"]


def add_common(parser: argparse.ArgumentParser, fail_on: str) -> None:
    """The flags ``check`` and ``audit`` share: inputs, options, output, configuration; ``fail_on``
    is the command's default ``--fail-on``."""
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


def make_run_options(args: argparse.Namespace) -> Options:
    """The Options of ``check`` or ``audit``: the configuration file, then the flags given over it;
    ``fail_on`` settled (``--exit-zero`` makes it ``never``)."""
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
    return options


def run_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The settings ``check`` and ``audit`` share, settled from their arguments: the inputs, the
    Options, the output format and the lowest severity that fails the run."""
    options = make_run_options(args)
    return {
        "paths": tuple(args.paths),
        "options": options,
        "format": default_format(args.format),
        "fail_on": options.fail_on or args.default_fail_on,
    }


def default_format(given: str | None) -> str:
    """The output format: the one given, else ``github`` under GitHub Actions, else ``text``."""
    if given is not None:
        return given
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
