"""Empty and absent inputs: an empty article, inputs that hold no article, reports written to /dev/null or a pipe."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli


def audit(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "audit", "--jobs", "1", "--no-config", *argv)


def test_an_audit_checks_an_empty_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An audit reads an empty article as one that cites nothing: no error line, exit 0."""
    (tmp_path / "_index.md").write_bytes(b"")
    code, out, err = audit(capsys, "--format", "jsonl", "--quiet", str(tmp_path))
    assert (code, err) == (0, "")
    assert '"source":"' + str(tmp_path / "_index.md") + '"' in out and '"error":null' in out
