"""The command line: a thin parser that dispatches to the commands in :mod:`provenance.commands`.

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
import sys
from collections.abc import Sequence

from provenance import logs
from provenance.commands import COMMANDS
from provenance.logsafe import log_safe
from provenance.model import ConfigError
from provenance.output import EXIT_USAGE
from provenance.version import version

__all__ = ["main"]

DESCRIPTION = """\
Find the social-media posts embedded, linked or mentioned in news articles, normalize each into
a citation (platform, handle, post ID, permalink, shown date, the time its ID encodes) and check
their dates and attribution against the article.
"""


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
    for command in COMMANDS.values():
        command.add_parser(commands)
    for subparser in commands.choices.values():
        logs.add_verbose_argument(subparser)  # every command: logging is set up here, before it runs
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logs.configure(args.verbose)
    try:
        code: int = COMMANDS[args.command].main(args)
    except ConfigError as error:
        print(log_safe(f"provenance: error: {error}"), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("provenance: interrupted", file=sys.stderr)
        return 130
    finally:
        logs.configure(0)  # the handler writes to this run's standard error: it goes with the run
    return code
