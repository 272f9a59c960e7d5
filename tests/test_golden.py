"""Golden files: each article in fixtures/cases has its expected JSON report beside it.

Rewrite them, on purpose only, with ``pytest tests/test_golden.py --update-golden`` and review
the diff before committing.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import FIXTURES

from provenance import Options, check_path
from provenance.formats.json_format import file_dict

CASES = sorted(p for p in (FIXTURES / "cases").iterdir() if not p.name.endswith(".golden.json"))
NOW = datetime(2026, 11, 21, tzinfo=UTC)


def golden_path(case: Path) -> Path:
    return case.with_name(case.name + ".golden.json")


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden(case, update_golden):
    """The JSON report of each fixture article equals its golden file."""
    result = file_dict(check_path(case, Options(now=NOW)))
    result["source"] = case.name
    golden = golden_path(case)
    if update_golden:
        golden.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert golden.is_file(), f"no golden file: run pytest --update-golden to create {golden.name}"
    assert result == json.loads(golden.read_text(encoding="utf-8"))
