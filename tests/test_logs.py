"""Logging: -v and -vv show the run's records on standard error, each one log-safe line; without -v nothing changes."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from helpers import SEEDS, run_cli

from provenance import logs

SEED = str(sorted(SEEDS.glob("*.txt"))[0])


def test_without_verbose_a_check_prints_no_log_record(capsys: pytest.CaptureFixture[str]) -> None:
    """A check without -v writes to standard error exactly what it wrote before logging existed."""
    _, _, err = run_cli(capsys, "check", "--exit-zero", SEED)
    assert "provenance.linter" not in err and "INFO" not in err


def test_one_verbose_shows_info_and_two_show_debug(capsys: pytest.CaptureFixture[str]) -> None:
    """-v shows what the run decided per article; -vv adds how each was read."""
    _, out_plain, _ = run_cli(capsys, "check", "--exit-zero", SEED)
    _, out_info, info = run_cli(capsys, "check", "--exit-zero", "-v", SEED)
    _, _, debug = run_cli(capsys, "check", "--exit-zero", "-vv", SEED)
    assert out_info == out_plain  # the findings do not change
    assert "INFO provenance.linter: " in info and "DEBUG" not in info
    assert "DEBUG provenance.load: " in debug and "DEBUG provenance.extract: " in debug


@pytest.mark.parametrize("command", [("check", "--exit-zero", SEED), ("rules",), ("cite", "x.com/a/status/1")])
def test_every_command_takes_verbose(capsys: pytest.CaptureFixture[str], command: tuple[str, ...]) -> None:
    """Each command accepts -v, repeated."""
    status, _, _ = run_cli(capsys, *command, "-vv")
    assert status in (0, 1)


def test_a_hostile_file_name_reaches_the_log_as_one_safe_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A file name that tries a workflow command or a line break is escaped in every record."""
    article = tmp_path / "a\n::error::pwned \x1b[31m.txt"
    article.write_text("The minister wrote on X.\n", encoding="utf-8")
    _, _, err = run_cli(capsys, "check", "--exit-zero", "-vv", str(article))
    records = [line for line in err.splitlines() if line.startswith("provenance: ")]
    assert records and all("\x1b" not in line and not line.lstrip().startswith("::") for line in err.splitlines())
    assert all("\\n::error::pwned \\x1b[31m.txt" in line for line in records)


def test_the_formatter_puts_a_traceback_on_the_same_line() -> None:
    """An exception's traceback is escaped into its record's one line."""
    stream = io.StringIO()
    logs.configure(2, stream)
    try:
        try:
            raise ValueError("bad\n::error::x")
        except ValueError:
            logging.getLogger("provenance.test").exception("failed on %s", "##[error]name")
    finally:
        logs.configure(0)
    (line,) = stream.getvalue().splitlines()
    assert line.startswith("provenance: ERROR provenance.test: failed on ##\\x5berror]name\\nTraceback")
    assert "ValueError: bad\\n::error::x" in line


def test_configure_replaces_its_handler_and_zero_removes_it() -> None:
    """Configuring twice leaves one handler; verbosity 0 leaves none of the package's own."""
    logs.configure(1, io.StringIO())
    logs.configure(3, io.StringIO())
    own = [h for h in logs.LOGGER.handlers if isinstance(h.formatter, logs.SafeFormatter)]
    assert len(own) == 1 and logs.LOGGER.level == logging.DEBUG
    logs.configure(0)
    assert not [h for h in logs.LOGGER.handlers if isinstance(h.formatter, logs.SafeFormatter)]
    assert [logs.level_for(n) for n in (-1, 0, 1, 2, 5)] == [
        logging.WARNING, logging.WARNING, logging.INFO, logging.DEBUG, logging.DEBUG,
    ]
