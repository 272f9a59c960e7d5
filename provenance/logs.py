"""Logging: a logger per module, shown on standard error by ``-v`` (info) and ``-vv`` (debug).

Each module that has something to tell a person debugging a run takes its own logger,
``logging.getLogger(__name__)``, so every message names where it comes from. The package logs
only at ``INFO`` and ``DEBUG``: what a user must see is a finding (standard output) or an input
problem (standard error, one line each), never a log record. Without ``-v`` nothing is shown, and
a program that imports provenance sees its records only if it configures logging itself.

Messages quote file names, URLs and text from articles, and a CI log is read by a program before
a person, so the handler :func:`configure` installs formats every record, traceback included,
through :func:`provenance.logsafe.log_safe`: each record is one line, and nothing from an article
reaches the log raw.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TextIO

from provenance.logsafe import log_safe

__all__ = ["LOGGER", "SafeFormatter", "add_verbose_argument", "configure", "level_for"]

#: The package's root logger; module loggers (``provenance.linter``, ...) hand their records up to it.
LOGGER = logging.getLogger("provenance")
LOGGER.addHandler(logging.NullHandler())  # a library logs nothing unless its user configures logging

#: What each ``-v`` shows: none, info, then debug.
LEVELS = (logging.WARNING, logging.INFO, logging.DEBUG)
#: One line per record: when, how grave, which module, what.
FORMAT = "provenance: %(levelname)s %(name)s: %(message)s"


class SafeFormatter(logging.Formatter):
    """A formatter whose every record, traceback included, is one log-safe line."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as :class:`logging.Formatter` writes it, passed through ``log_safe``."""
        return log_safe(super().format(record), "line")


def level_for(verbosity: int) -> int:
    """The logging level ``verbosity`` (the count of ``-v``) shows."""
    return LEVELS[max(0, min(verbosity, len(LEVELS) - 1))]


def add_verbose_argument(parser: argparse.ArgumentParser) -> None:
    """Give a command ``-v/--verbose``, repeatable."""
    parser.add_argument(
        "--verbose", "-v", action="count", default=0,
        help="log what the run does to standard error: -v what it reads and decides, -vv details too",
    )


def configure(verbosity: int, stream: TextIO | None = None) -> logging.Handler | None:
    """Show the package's records at ``verbosity`` on ``stream`` (standard error), once per run.

    With no ``-v`` it installs nothing, so a run prints what it printed before logging existed.
    Returns the handler it installed, which replaces one an earlier call installed.
    """
    for handler in [h for h in LOGGER.handlers if isinstance(h.formatter, SafeFormatter)]:
        LOGGER.removeHandler(handler)
    if verbosity <= 0:
        LOGGER.setLevel(logging.NOTSET)
        return None
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(SafeFormatter(FORMAT))
    LOGGER.addHandler(handler)
    LOGGER.setLevel(level_for(verbosity))
    return handler
