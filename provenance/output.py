"""Where reports go and what exit code they make: shared by every command.

:class:`Output` is the one writer of a report, to standard output or to the ``--output`` file
(also ``--summary``): ``check`` writes its report whole, ``audit`` one article at a time.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from provenance.logsafe import log_safe
from provenance.model import ConfigError, FileReport, Report, Severity

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INPUT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "RULES_URL_VARIABLE",
    "Output",
    "PipeClosed",
    "audit_exit_code",
    "check_distinct",
    "check_not_input",
    "check_regular",
    "check_writable",
    "exit_code",
    "input_error_line",
    "is_regular_file",
    "no_article",
    "report_input_errors",
    "rules_url",
    "same_file",
    "use_color",
    "write_output",
]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INPUT_FAILED = 0, 1, 2, 3
#: How many input names a message about all of them shows.
NAMES_SHOWN = 3


class PipeClosed(Exception):
    """Standard output was closed by its reader (``provenance audit … | head``)."""


class Output:
    """Where a report goes: standard output when ``path`` is None, else the file ``path`` (given
    with ``flag``), opened now; ConfigError when it cannot be.

    With ``resume_at``, a regular file is cut back to that size and appended to (a resumed
    audit). The file may also be what is no regular file (``/dev/null``, a named pipe): it is
    written as standard output is, never sized, cut back, sought or synced."""

    def __init__(self, path: str | None, *, flag: str = "--output", resume_at: int | None = None) -> None:
        self.path = path
        self.flag = flag
        self.pipe_closed = False
        self.handle: IO[bytes] | None = None
        #: Whether the output is a regular file: one that a resumed run cuts back and appends to.
        self.regular = False
        if path is not None:
            try:
                if resume_at is None or not is_regular_file(path):
                    self.handle = open(path, "wb")  # noqa: SIM115 - closed in close()
                else:
                    self.handle = open(path, "r+b")  # noqa: SIM115 - closed in close()
                    self.handle.truncate(resume_at)  # what the state does not record goes
                    self.handle.seek(resume_at)
                self.regular = stat.S_ISREG(os.fstat(self.handle.fileno()).st_mode)
            except OSError as error:
                raise self.cannot_write(error) from None

    def cannot_write(self, error: OSError) -> ConfigError:
        """The usage error of an output that cannot be written."""
        return ConfigError(f"{self.flag}: cannot write {self.path}: {error.strerror or error}")

    def size(self) -> int | None:
        """The output's size in bytes so far, when it is a regular file."""
        return self.handle.tell() if self.handle is not None and self.regular else None

    def write(self, text: str) -> None:
        """Write and flush ``text``: a killed run keeps everything written before the kill.
        PipeClosed when standard output's reader has gone (later writes are dropped)."""
        if not text:
            return
        if self.handle is None:
            if self.pipe_closed:
                return
            try:
                sys.stdout.write(text)
                sys.stdout.flush()
            except BrokenPipeError:
                self.pipe_closed = True
                with contextlib.suppress(OSError, ValueError):
                    # As Python's documentation advises: the exit's own flush must not fail again.
                    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                raise PipeClosed from None
        else:
            self.handle.write(text.encode("utf-8", "surrogateescape"))
            self.handle.flush()

    def sync(self) -> None:
        """Make the output durable (before a state that points into it); a device or a pipe has
        nothing to make durable (and fsync refuses them)."""
        if self.handle is not None:
            self.handle.flush()
            if self.regular:
                os.fsync(self.handle.fileno())

    def close(self) -> None:
        """Close the output file (standard output stays open)."""
        if self.handle is not None and not self.handle.closed:
            self.handle.close()


def write_output(text: str, output: str | None, flag: str = "--output") -> None:
    """Write a whole report: ``text`` to the file ``output`` (given with ``flag``), or to standard
    output when it is None (left to the interpreter to flush, as any print)."""
    if output is None:
        sys.stdout.write(text)
        return
    out = Output(output, flag=flag)
    try:
        out.write(text)
    except OSError as error:
        raise out.cannot_write(error) from None
    finally:
        out.close()


def check_writable(flag: str, name: str) -> None:
    """ConfigError when the file ``name`` (given with ``flag``) cannot be written: its folder is
    missing or read-only, or it is a folder. Called before any input is read, so that a long run
    never ends in a report it cannot write."""
    path = Path(name)
    try:
        if path.is_dir():
            problem = os.strerror(errno.EISDIR)
        elif not path.parent.is_dir():
            problem = os.strerror(errno.ENOTDIR if path.parent.exists() else errno.ENOENT)
        elif not os.access(path if path.exists() else path.parent, os.W_OK):
            problem = os.strerror(errno.EACCES)
        else:
            return
    except OSError as error:
        problem = error.strerror or str(error)
    raise ConfigError(f"{flag}: cannot write {name}: {problem}")


def is_regular_file(name: str | Path) -> bool:
    """Whether ``name`` is a regular file (not a folder, a device such as ``/dev/null``, or a pipe)."""
    try:
        return stat.S_ISREG(os.stat(name).st_mode)
    except (OSError, ValueError):
        return False


def check_regular(flag: str, name: str) -> None:
    """ConfigError when the file ``name`` (given with ``flag``) exists and is no regular file: a
    file that is read back (the audit's state) cannot be ``/dev/null`` or a pipe."""
    if os.path.exists(name) and not is_regular_file(name):
        raise ConfigError(f"{flag}: {name} is not a regular file; it is read back to resume, so it must be one")


def _device(name: str) -> bool:
    """Whether ``name`` is a character device (``/dev/null``): many outputs may share one."""
    try:
        return stat.S_ISCHR(os.stat(name).st_mode)
    except (OSError, ValueError):
        return False


def same_file(first: str, second: str) -> bool:
    """Whether two names name one file (links and other spellings too; a file not there yet: by name)."""
    if os.path.abspath(first) == os.path.abspath(second):
        return True
    try:
        return os.path.samefile(first, second)  # links, and different spellings of one path
    except (OSError, ValueError):
        return False  # one of them does not exist yet


def check_not_input(flag: str, name: str | None, inputs: Iterable[str]) -> None:
    """ConfigError when the file ``name`` written with ``flag`` is one of the ``inputs``: inputs
    are never modified."""
    for raw in inputs:
        if name is not None and raw != "-" and same_file(raw, name):
            raise ConfigError(f"{flag}: {name} is an input of this run; inputs are never overwritten")


def check_distinct(files: dict[str, str | None]) -> None:
    """ConfigError when two of ``files`` (file name by flag; None: not given) name the same file,
    which one would overwrite the other; a device such as ``/dev/null`` may take them all."""
    given = [(flag, name) for flag, name in files.items() if name is not None and not _device(name)]
    for index, (flag, name) in enumerate(given):
        for other, other_name in given[index + 1 :]:
            if same_file(name, other_name):
                raise ConfigError(f"{flag} and {other} name the same file ({name})")


def no_article(paths: Sequence[str], what: str) -> ConfigError:
    """The usage error (exit 2) of a run whose inputs ``paths`` hold no article: a gate that checked
    nothing has passed nothing. ``what`` says what a folder is read for."""
    shown = ", ".join(paths[:NAMES_SHOWN])
    if len(paths) > NAMES_SHOWN:
        shown += f" and {len(paths) - NAMES_SHOWN} more"
    return ConfigError(f"no article found in {shown or 'the inputs'} (folders are read for {what}; "
                       "hidden and git-ignored files are skipped)")


def _reaches(worst: Severity | None, fail_on: str | None) -> bool:
    """Whether the worst finding reaches ``fail_on`` (a severity name, or ``never``)."""
    return fail_on not in (None, "never") and worst is not None and worst >= Severity.parse(fail_on or "")


def exit_code(report: Report, fail_on: str) -> int:
    """``check``'s findings code: 1 when a finding reaches ``fail_on``, else 0."""
    return EXIT_FINDINGS if _reaches(report.worst(), fail_on) else EXIT_OK


def audit_exit_code(worst: Severity | None, failed: int, fail_on: str | None) -> int:
    """``audit``'s code, for either engine: 1 when a finding reaches ``fail_on``, else 3 when an
    input could not be read, else 0."""
    if _reaches(worst, fail_on):
        return EXIT_FINDINGS
    return EXIT_INPUT_FAILED if failed else EXIT_OK


def input_error_line(file: FileReport) -> str:
    """The line standard error gets for an input that could not be read, in every command:
    ``NAME: error: PROBLEM``, the input named once, on one log-safe line (see :mod:`provenance.logsafe`)."""
    return log_safe(f"{file.source}: error: {file.error}")
#: Where docs/rules.md is published, for the SARIF rules' help links; the GitHub Action sets it to
#: the file at the action's own repository and ref.
RULES_URL_VARIABLE = "PROVENANCE_RULES_URL"


def rules_url() -> str | None:
    """The published rules page (docs/rules.md) to link findings to, when the environment names one."""
    return os.environ.get(RULES_URL_VARIABLE) or None


def report_input_errors(report: Report) -> None:
    """One line on standard error for each input that could not be read (log-safe: it names the input)."""
    for file in report.files:
        if file.error is not None:
            print(input_error_line(file), file=sys.stderr)


def use_color(output: str | None) -> bool:
    """Whether text output gets colours: only on a terminal, never with NO_COLOR, always with FORCE_COLOR."""
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()
