"""The online rules' pass and fail cases (fixtures/rules, with ``online``), against a local server playing the web."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from helpers import FIXTURES
from online_support import FakeWeb, answer_json, status

from provenance import Options, check_text, online
from provenance.config import parse_published
from provenance.rules import RULES

CASES: list[dict[str, Any]] = [
    case
    for path in sorted((FIXTURES / "rules").glob("*.yaml"))
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
    if "online" in case
]
NOW = datetime(2026, 11, 21, tzinfo=UTC)
#: Retried without waiting: these cases are about answers, not patience.
BUSY = [("Retry-After", "0")]


@pytest.fixture(autouse=True)
def _close_verifiers():
    yield
    online.close()


def play(web: FakeWeb, spec: dict[str, Any]) -> None:
    """Set up ``web`` to answer as a case's ``online`` mapping says."""
    for url, answer in (spec.get("oembed") or {}).items():
        code = answer.get("status", 200)
        if code == 200:
            fields = {key: value for key, value in answer.items() if key != "status"}
            web.oembed[url] = answer_json({"type": "rich", "version": "1.0", **fields})
        elif "error" in answer:
            web.oembed[url] = answer_json({"error": answer["error"]}, code)
        else:
            web.oembed[url] = status(code, headers=BUSY)
    web.redirects.update(spec.get("redirects") or {})
    web.captures.update(spec.get("captures") or {})
    if spec.get("archive") == "down":
        web.routes["/cdx"] = web.routes["/available"] = status(503, headers=BUSY)


def run(case: dict[str, Any], web: FakeWeb | None) -> list[Any]:
    published = parse_published(case["published"]) if case.get("published") else None
    options = Options(published=published, now=NOW)
    if web is not None:
        options = online.enable(options, environ=web.environ(), cache=False)
    report = check_text(case["article"], f"{case['case']}.{case['kind']}", case["kind"], options)
    return [f for f in report.findings if f.code == case["rule"]]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['rule']}-{c['case']}")
def test_online_rule_case(case):
    """The rule reports on its failing cases, with the expected values, and is silent on passing ones."""
    with FakeWeb() as web:
        play(web, case["online"])
        findings = run(case, web)
        asked = {parse_qs(urlsplit(path).query).get("url", [""])[0] for _, path in web.requests}
    assert bool(findings) == case["fails"], json.dumps([f.message for f in findings])
    assert set(case["online"].get("oembed") or {}) <= asked, "the case's post was never asked about"
    if findings:
        args = dict(findings[0].args)
        for key, value in (case.get("args") or {}).items():
            assert args[key] == value
        assert str(findings[0].severity) == case.get("severity", str(RULES[case["rule"]].severity))


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['rule']}-{c['case']}")
def test_online_rules_are_silent_offline(case):
    """Without --online no online rule reports, whatever the article."""
    assert run(case, None) == []


def test_every_online_rule_has_a_passing_and_a_failing_case():
    """PV201, PV202 and PV203 each have both kinds of case."""
    for code in ("PV201", "PV202", "PV203"):
        assert {case["fails"] for case in CASES if case["rule"] == code} == {True, False}, code
