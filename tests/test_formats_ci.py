"""The CI formats: line, github, sarif, junit, jsonl and gitlab, and the text format's colours and exits."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import FIXTURES, ROOT, SEEDS, SHARED, run_cli, shared_corpus

from provenance import check_text
from provenance.checking import check_path
from provenance.formats import FORMATS, github, gitlab, jsonl, junit, line, sarif
from provenance.formats.json_format import file_dict
from provenance.model import FileReport, Finding, Report, Severity
from provenance.rules import RULES
from provenance.sources.files import iter_paths

SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
PROBLEMS = str(FIXTURES / "cases" / "html_problems.html")
SEED_000 = str(SEEDS / "000_f8d9cb38c620aa53.txt")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run_cli(capsys, "check", "--no-config", *argv)


def finding(code: str = "PV101", severity: Severity = Severity.ERROR, message: str = "m", line_: int = 1,
            citation: int | None = None) -> Finding:
    return Finding(code, RULES[code].name, severity, message, line_, 2, citation)


def validate_sarif(log: dict[str, Any]) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip("../shared/schemas is not present")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_every_format_is_registered():
    """--format offers every CI format."""
    assert {"text", "json", "line", "github", "sarif", "junit", "jsonl", "gitlab"} <= set(FORMATS)


def test_sarif_of_the_seeds_and_cases_validates(tmp_path, capsys, monkeypatch):
    """SARIF output over the seeds, the fixture cases and an unreadable input validates against SARIF 2.1.0."""
    target = tmp_path / "out.sarif"
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "--format", "sarif", "--output", str(target), "seeds", "fixtures/cases",
                       "missing.md")
    log = json.loads(target.read_text(encoding="utf-8"))
    validate_sarif(log)
    (run_,) = log["runs"]
    assert log["version"] == "2.1.0" and code == 1 and out == ""
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    stale = rules[[r["id"] for r in rules].index("PV103")]
    assert stale["name"] == "stale-post" and stale["defaultConfiguration"] == {"level": "warning"}
    assert stale["shortDescription"]["text"].startswith("A cited post is much older")
    assert "max-age-days" in stale["fullDescription"]["text"] and "Passes:" in stale["help"]["text"]
    results = run_["results"]
    assert results and all(r["partialFingerprints"]["provenance/v1"] for r in results)
    assert len({r["partialFingerprints"]["provenance/v1"] for r in results}) == len(results)
    first = results[0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"]["uriBaseId"] == "%SRCROOT%" and first["region"]["startLine"] >= 1
    assert {r["level"] for r in results} <= {"error", "warning", "note"}
    (notice,) = run_["invocations"][0]["toolExecutionNotifications"]
    assert "missing.md" in notice["message"]["text"]


def test_sarif_of_the_corpus_validates():
    """SARIF output over the shared corpus validates against SARIF 2.1.0."""
    folder, _ = shared_corpus()
    report = Report(tuple(check_path(path) for path in iter_paths([folder])))
    log = json.loads(sarif.render(report))
    validate_sarif(log)
    assert len(log["runs"][0]["results"]) == len(report.findings())


def test_sarif_fingerprints_ignore_line_numbers():
    """Shifting an embed down keeps its SARIF and GitLab fingerprints; another post gets another one."""
    text = "date 2019-06-19\nSee https://twitter.com/jeremycorbyn/status/938406524728291328\n"
    before = check_text(text, "a.txt", "text")
    after = check_text(text.replace("\nSee", "\nNew line.\n\nSee"), "a.txt", "text")
    assert before.findings[0].line != after.findings[0].line

    def prints(file: FileReport) -> list[str]:
        log = json.loads(sarif.render(Report((file,))))
        return [r["partialFingerprints"]["provenance/v1"] for r in log["runs"][0]["results"]]

    assert prints(before) == prints(after)
    assert [i["fingerprint"] for i in json.loads(gitlab.render(Report((before,))))] == prints(before)
    other = check_text(text.replace("938406524728291328", "797718960523382784"), "a.txt", "text")
    assert prints(other) != prints(before)


def test_sarif_locates_absolute_paths_by_file_uri():
    """An absolute path becomes a file: URI, a relative one a %SRCROOT% reference."""
    assert sarif.artifact_location("/srv/site/a b.md") == {"uri": "file:///srv/site/a%20b.md"}
    assert sarif.artifact_location("content/a b.md") == {"uri": "content/a%20b.md", "uriBaseId": "%SRCROOT%"}


def test_github_lines_one_by_one():
    """Each finding is a workflow command with escaped properties and message, then the summary line."""
    report = Report((
        FileReport("content/a,b:c.md", "markdown", findings=(
            finding("PV101", Severity.ERROR, "100% after\nthe article", 3),
            finding("PV106", Severity.WARNING, "no link: add one, please", 5),
            finding("PV104", Severity.INFO, "a date, 5:30", 7),
        )),
    ))
    lines = github.render(report).splitlines()
    assert lines == [
        "::error file=content/a%2Cb%3Ac.md,line=3,col=2,title=PV101 post-after-article::100%25 after%0Athe article",
        "::warning file=content/a%2Cb%3Ac.md,line=5,col=2,title=PV106 missing-permalink::no link: add one, please",
        "::notice file=content/a%2Cb%3Ac.md,line=7,col=2,title=PV104 date-in-post::a date, 5:30",
        "1 file(s), 0 citation(s) (none), 3 finding(s) (1 error, 1 info, 1 warning)",
    ]


def test_github_respects_the_annotation_limit_and_says_so():
    """Past 10 annotations of a type, findings are plain log lines and a closing notice counts them."""
    errors = tuple(finding("PV101", Severity.ERROR, f"e{n}", n) for n in range(1, 13))
    notes = tuple(finding("PV104", Severity.INFO, f"i{n}", 100 + n) for n in range(1, 11))
    lines = github.render(Report((FileReport("a.md", findings=errors + notes),))).splitlines()
    assert sum(line.startswith("::error ") for line in lines) == github.ANNOTATIONS_PER_TYPE
    assert lines[10] == "a.md:11:2: error PV101 post-after-article: e11"
    assert lines[11] == "a.md:12:2: error PV101 post-after-article: e12"
    notices = [line for line in lines if line.startswith("::notice file=")]
    assert len(notices) == github.ANNOTATIONS_PER_TYPE - 1  # one is kept for the closing notice
    assert lines[-1].startswith("::notice title=provenance::3 of 22 findings are not annotated")
    assert lines[-2].startswith("1 file(s)")
    within = github.render(Report((FileReport("a.md", findings=errors[:10]),))).splitlines()
    assert not any("not annotated" in line for line in within)


def test_github_is_chosen_under_github_actions(monkeypatch, capsys):
    """With GITHUB_ACTIONS=true and no --format, check prints workflow commands."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = run(capsys, PROBLEMS)
    assert out.startswith("::error file=")
    _, out, _ = run(capsys, "--format", "text", PROBLEMS)
    assert not out.startswith("::")


def test_line_format():
    """The line format prints 'path:line:col: CODE message' and nothing else."""
    report = Report((FileReport("a.md", findings=(finding(message="late", line_=4),)), FileReport("b.md")))
    assert line.render(report) == "a.md:4:2: PV101 late\n"


def test_junit_parses_with_a_case_per_file_and_a_failure_per_finding(tmp_path, capsys):
    """With --fail-on info, JUnit output is XML with one testcase per file, a failure per finding and an
    error per unreadable file."""
    missing = str(tmp_path / "missing.md")
    _, out, _ = run(capsys, "--format", "junit", "--fail-on", "info", PROBLEMS, SEED_000,
                    str(SEEDS / "004_1ed5aa9ce87cdf07.txt"), missing)
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.tag == "testsuite" and suite.get("tests") == "4" and suite.get("errors") == "1"
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == [PROBLEMS, SEED_000, str(SEEDS / "004_1ed5aa9ce87cdf07.txt"),
                                                    missing]
    report = Report((check_text((FIXTURES / "cases" / "html_problems.html").read_text(encoding="utf-8"),
                                PROBLEMS, "html"),))
    failures = cases[0].findall("failure")
    assert len(failures) == len(report.files[0].findings)
    assert [f.get("type") for f in failures] == [f.code for f in report.files[0].findings]
    assert all(f.text and f.text.startswith(f"{PROBLEMS}:") for f in failures)
    assert suite.get("failures") == str(sum(1 for case in cases if case.find("failure") is not None))
    assert cases[3].find("error") is not None and cases[3].find("failure") is None


@pytest.mark.parametrize(("fail_on", "failing"), [("error", {"error"}), ("warning", {"error", "warning"}),
                                                  ("info", {"error", "warning", "info"}), ("never", set())])
def test_junit_fails_only_what_reaches_fail_on(capsys, fail_on, failing):
    """Only findings that reach --fail-on are JUnit failures; the others are the case's system-out."""
    code, out, _ = run(capsys, "--format", "junit", "--fail-on", fail_on, PROBLEMS, SEED_000)
    report = Report((check_text((FIXTURES / "cases" / "html_problems.html").read_text(encoding="utf-8"),
                                PROBLEMS, "html"), check_text(Path(SEED_000).read_text(encoding="utf-8"), SEED_000)))
    suite = ET.fromstring(out).find("testsuite")
    for case, file in zip(suite.findall("testcase"), report.files, strict=True):
        expected = [f.code for f in file.findings if str(f.severity) in failing]
        assert [f.get("type") for f in case.findall("failure")] == expected
        others = [f for f in file.findings if str(f.severity) not in failing]
        out_text = case.findtext("system-out") or ""
        assert len(out_text.splitlines()) == len(others)
        assert all(f" {f.code} " in out_text for f in others)
    failed_cases = sum(1 for case in suite.findall("testcase") if case.find("failure") is not None)
    assert suite.get("failures") == str(failed_cases)
    assert (code == 1) == (failed_cases > 0)


def test_junit_shows_characters_xml_cannot_hold():
    """Control characters in a message do not break the XML: they are shown as escapes, surrogates dropped."""
    report = Report((FileReport("a.md", findings=(finding(message="bad \x01 byte\udcff"),)),))
    assert ET.fromstring(junit.render(report)).find(".//failure").get("message").endswith("bad \\x01 byte")


def test_jsonl_is_one_file_per_line():
    """JSON Lines holds one file_dict per line, with Unicode line separators escaped."""
    files = (FileReport("a.md", "markdown", findings=(finding(message="odd\u2028line"),)), FileReport("b.md"))
    text = jsonl.render(Report(files))
    lines = text.splitlines()
    assert len(lines) == 2 and text.endswith("\n")
    assert [json.loads(line) for line in lines] == [file_dict(file) for file in files]
    assert jsonl.render_file(files[1]) == lines[1] + "\n"


def test_gitlab_code_quality_report():
    """GitLab issues carry description, check name, unique fingerprint, severity and location."""
    report = Report((FileReport("a.md", findings=(
        finding("PV101", Severity.ERROR, line_=3), finding("PV106", Severity.WARNING, line_=3),
        finding("PV104", Severity.INFO, line_=5), finding("PV104", Severity.INFO, line_=6),
    )),))
    issues = json.loads(gitlab.render(report))
    assert [i["severity"] for i in issues] == ["major", "minor", "info", "info"]
    assert issues[0]["location"] == {"path": "a.md", "lines": {"begin": 3}}
    assert issues[0]["check_name"] == "PV101" and issues[0]["description"].startswith("PV101 post-after-article: ")
    assert len({i["fingerprint"] for i in issues}) == 4


def test_colour_only_when_asked_or_on_a_terminal(monkeypatch, tmp_path, capsys):
    """Colours come with FORCE_COLOR (or a terminal), never with NO_COLOR, never into a file."""
    _, out, _ = run(capsys, PROBLEMS)
    assert "\x1b[" not in out
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, _ = run(capsys, PROBLEMS)
    assert "\x1b[31merror\x1b[0m PV101 post-after-article: " in out
    target = tmp_path / "report.txt"
    run(capsys, "--output", str(target), PROBLEMS)
    assert "\x1b[" not in target.read_text(encoding="utf-8")
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(capsys, PROBLEMS)
    assert "\x1b[" not in out


def test_quiet_prints_findings_only(capsys):
    """--quiet leaves out the summary line."""
    _, out, _ = run(capsys, "--quiet", PROBLEMS)
    assert out and all(line.startswith(PROBLEMS) for line in out.splitlines())


def test_exit_zero_and_fail_on(capsys):
    """--exit-zero exits 0 whatever was found; --fail-on still sets the threshold without it."""
    assert run(capsys, PROBLEMS)[0] == 1
    assert run(capsys, "--exit-zero", PROBLEMS)[0] == 0
    assert run(capsys, "--exit-zero", "--fail-on", "info", PROBLEMS)[0] == 0
    assert run(capsys, "--fail-on", "never", PROBLEMS)[0] == 0


def test_every_format_renders_an_empty_report():
    """No format fails on a run that found nothing."""
    for name, render in FORMATS.items():
        assert isinstance(render(Report()), str), name


def test_formats_write_to_an_output_file(tmp_path: Path, capsys):
    """Each CI format can go to --output."""
    for name in ("line", "github", "sarif", "junit", "jsonl", "gitlab"):
        target = tmp_path / f"out.{name}"
        run(capsys, "--format", name, "--output", str(target), PROBLEMS)
        assert target.read_text(encoding="utf-8"), name


JUNIT_SCHEMA = FIXTURES / "schemas" / "junit.xsd"
#: The JUnit schema Jenkins' xUnit plugin publishes (jenkinsci/xunit-plugin,
#: src/main/resources/org/jenkinsci/plugins/xunit/types/model/xsd/junit-10.xsd, MIT, its licence
#: in the file), unchanged: the format Jenkins, GitLab and Azure Pipelines read.
PUBLISHED_JUNIT_SCHEMA = FIXTURES / "schemas" / "jenkins-xunit-junit-10.xsd"
GITLAB_SCHEMA = FIXTURES / "schemas" / "gitlab-codequality.json"


@pytest.mark.parametrize("fail_on", ["error", "info", "never"])
def test_junit_validates_against_its_schema(tmp_path, capsys, fail_on):
    """JUnit output of the seeds, the cases and an unreadable file validates against the JUnit schema."""
    from lxml import etree  # noqa: PLC0415 - only this test validates XML

    schema = etree.XMLSchema(etree.parse(str(JUNIT_SCHEMA)))
    _, out, _ = run(capsys, "--format", "junit", "--fail-on", fail_on, "seeds", "fixtures/cases",
                    str(tmp_path / "missing.md"))
    document = etree.fromstring(out.encode("utf-8"))
    assert schema.validate(document), schema.error_log


@pytest.mark.parametrize("fail_on", ["error", "never"])
def test_junit_validates_against_the_published_schema_but_for_gitlabs_file_attribute(tmp_path, capsys, fail_on):
    """JUnit output validates against Jenkins' published junit-10.xsd once the testcase ``file``
    attribute, which GitLab reads and that schema does not name, is taken out; nothing else differs."""
    from lxml import etree  # noqa: PLC0415 - only these tests validate XML

    schema = etree.XMLSchema(etree.parse(str(PUBLISHED_JUNIT_SCHEMA)))
    _, out, _ = run(capsys, "--format", "junit", "--fail-on", fail_on, "seeds", "fixtures/cases",
                    str(tmp_path / "missing.md"))
    document = etree.fromstring(out.encode("utf-8"))
    assert not schema.validate(document)
    assert {error.message for error in schema.error_log} == {
        "Element 'testcase', attribute 'file': The attribute 'file' is not allowed."}
    cases = document.findall(".//testcase")
    assert cases and all(case.get("file") == case.get("name") for case in cases)
    for case in cases:
        del case.attrib["file"]
    assert schema.validate(document), schema.error_log


def test_gitlab_validates_against_its_schema(capsys, monkeypatch):
    """GitLab Code Quality output validates against the documented format, with paths relative to the checkout."""
    monkeypatch.chdir(ROOT)
    _, out, _ = run(capsys, "--format", "gitlab", "seeds", str(FIXTURES / "cases"))
    issues = json.loads(out)
    assert issues
    jsonschema.validate(issues, json.loads(GITLAB_SCHEMA.read_text(encoding="utf-8")))
    assert {issue["location"]["path"].split("/")[0] for issue in issues} == {"seeds", "fixtures"}


def test_sarif_rules_carry_markdown_help_and_links(capsys, monkeypatch, tmp_path):
    """Every SARIF rule has Markdown help with how to fix; helpUri points into the published rules page when named."""
    monkeypatch.setenv("PROVENANCE_RULES_URL", "https://example.org/provenance/docs/rules.md")
    target = tmp_path / "out.sarif"
    run(capsys, "--format", "sarif", "--output", str(target), "seeds")
    log = json.loads(target.read_text(encoding="utf-8"))
    validate_sarif(log)
    descriptors = log["runs"][0]["tool"]["driver"]["rules"]
    assert [d["id"] for d in descriptors] == list(RULES)
    for descriptor in descriptors:
        rule = RULES[descriptor["id"]]
        assert f"**How to fix:** {rule.fix}" in descriptor["help"]["markdown"]
        assert descriptor["help"]["text"].startswith(f"{rule.code} {rule.name}")
        anchor = f"#{rule.code.lower()}-{rule.name}"
        assert descriptor["helpUri"] == "https://example.org/provenance/docs/rules.md" + anchor
        assert f"### {rule.code} {rule.name}" in descriptor["help"]["markdown"]
    monkeypatch.delenv("PROVENANCE_RULES_URL")
    assert all("helpUri" not in d for d in json.loads(sarif.render(Report(())))["runs"][0]["tool"]["driver"]["rules"])


def test_sarif_keeps_the_most_severe_results_within_the_hosts_limit(monkeypatch):
    """Over the result limit, SARIF keeps the most severe findings in order and says how many it left out."""
    monkeypatch.setattr(sarif, "MAX_RESULTS", 3)
    findings = tuple(finding(code=code, severity=severity, line_=number + 1) for number, (code, severity) in
                     enumerate([("PV104", Severity.INFO), ("PV101", Severity.ERROR), ("PV103", Severity.WARNING),
                                ("PV102", Severity.ERROR), ("PV106", Severity.WARNING)]))
    log = json.loads(sarif.render(Report((FileReport("a.md", findings=findings),))))
    validate_sarif(log)
    run_ = log["runs"][0]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run_["results"]] == [
        ("PV101", 2), ("PV103", 3), ("PV102", 4)]
    (note,) = run_["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "warning" and note["message"]["text"].startswith("2 finding(s) left out")


def _region_text(lines: list[str], region: dict[str, int]) -> str:
    """The source text a SARIF region covers (1-based lines and columns, the end exclusive)."""
    first, last = region["startLine"] - 1, region["endLine"] - 1
    if first == last:
        return lines[first][region["startColumn"] - 1 : region["endColumn"] - 1]
    middle = lines[first + 1 : last]
    return "\n".join([lines[first][region["startColumn"] - 1 :], *middle, lines[last][: region["endColumn"] - 1]])


def test_sarif_regions_end_where_the_cited_text_ends():
    """A finding about an embed, a shortcode or a link has a SARIF region that spans exactly that source text."""
    cases = FIXTURES / "cases"
    spans = 0
    for path in sorted(cases.glob("*.html")) + sorted(cases.glob("*.md")):
        source = path.read_text(encoding="utf-8")
        lines = source.split("\n")
        log = json.loads(sarif.render(Report((check_path(path),))))
        validate_sarif(log)
        for result in log["runs"][0]["results"]:
            region = result["locations"][0]["physicalLocation"]["region"]
            if "endLine" not in region:
                continue
            spans += 1
            text = _region_text(lines, region)
            assert (region["endLine"], region["endColumn"]) > (region["startLine"], region["startColumn"])
            assert text.startswith(("<", "{{", "{%", "[", "href", "http")), (path.name, text[:60])
            assert text.rstrip().endswith((">", "}}", "%}", "]", '"', "'")) or "://" in text, (path.name, text[-60:])
    assert spans >= 10
