"""Nothing from an article reaches a CI log raw: hostile file names, handles and post text in every writer."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import run_cli

from provenance.engines.progress import Progress
from provenance.formats import FORMATS, render
from provenance.formats.summary import Tally
from provenance.formats.text import render_summary_lines
from provenance.logsafe import log_safe
from provenance.model import FileReport, Finding, Report, Severity
from provenance.rules import RULES

#: The annotations provenance itself prints.
COMMANDS = ("error", "warning", "notice")
#: The commands an Actions runner registers (actions/runner, ActionCommandManager and its extensions).
RUNNER_COMMANDS = frozenset({
    "error", "warning", "notice", "debug", "group", "endgroup", "echo", "add-mask", "add-matcher",
    "remove-matcher", "set-output", "save-state", "set-env", "add-path", "stop-commands",
})

#: File names a pull request can add, each trying another way into the log.
HOSTILE_NAMES = (
    "::error title=Injected::pwned.md",        # a workflow command of its own
    "  ::warning::indented.md",                 # the runner trims the line's start first
    "a\n::error::newline.md",                   # a line break starts a new log line
    "b\r::notice::return.md",                   # so does a carriage return
    "c ##[error]legacy.md",                     # the legacy form, read anywhere in a line
    "d ##vso[task.setvariable variable=x]1.md",  # Azure Pipelines' form
    "e %0A::error::percent.md",                 # the runner's own escapes, in the name
    "f \x1b[31mred\x1b]0;title\x07.md",         # ANSI colours and an OSC title
    "g <&> \x01.md",                            # XML specials and a character XML 1.0 cannot hold
)

#: Post text and a display name that try the same, in an embed.
HOSTILE_EMBED = (
    '<blockquote class="twitter-tweet"><p lang="en">::error::in the post ##[error]legacy 100% '
    "\x1b[31mred \u2028 separated</p>&mdash; Bad ::name (@bad) "
    '<a href="https://twitter.com/bad/status/1578353380363501568">October 7, 2022</a></blockquote>'
)


def _unescape(text: str, mapping: dict[str, str]) -> str:
    for escaped, char in mapping.items():
        text = text.replace(escaped, char)
    return text


def runner_commands(log: str) -> list[tuple[str, dict[str, str], str]]:
    """The commands an Actions runner would run for ``log``, as ``TryParseV2`` then ``TryParse`` read a line."""
    data_escapes = {"%0D": "\r", "%0A": "\n", "%25": "%"}
    property_escapes = {"%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ",", "%25": "%"}
    commands = []
    for line in re.split(r"\r\n|\r|\n", log):  # .NET's ReadLine ends a line at CR, LF or CR LF
        message = line.lstrip()
        end = message.find("::", 2) if message.startswith("::") else -1
        if end >= 0:
            name, _, listed = message[2:end].partition(" ")
            if name.lower() in RUNNER_COMMANDS:
                properties = {}
                for pair in listed.strip().split(","):
                    key, _, value = pair.partition("=")
                    if key and value:
                        properties[key] = _unescape(value, property_escapes)
                commands.append((name, properties, _unescape(message[end + 2:], data_escapes)))
                continue
        start = line.find("##[")
        close = line.find("]", start) if start >= 0 else -1
        if close >= 0:
            name, _, _ = line[start + 3:close].partition(" ")
            if name.lower() in RUNNER_COMMANDS:
                commands.append((name, {}, line[close + 1:]))
    return commands


def assert_inert(log: str) -> None:
    """No line of ``log`` is a command to the runner, to Azure Pipelines or to a terminal."""
    assert runner_commands(log) == []
    assert "##vso[" not in log.lower()
    assert "\x1b" not in log and "\x9b" not in log


def shown(text: str) -> str:
    """``text`` as an annotation shows it: control characters but tab, CR and LF written as escapes."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]",
                  lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def assert_only_annotations(log: str, files: set[str]) -> list[tuple[str, str]]:
    """Every command in ``log`` is one of provenance's own: an annotation naming one of ``files`` as
    the runner reads it, or the closing notice; nothing else in it is a command. The (file, message)
    of each annotation."""
    commands = runner_commands(log)
    annotated = [(props["file"], data) for name, props, data in commands if name in COMMANDS and "file" in props]
    closing = [data for name, props, data in commands if name == "notice" and props == {"title": "provenance"}]
    assert len(annotated) + len(closing) == len(commands)
    assert {file for file, _ in annotated} <= {shown(file) for file in files}
    assert "##vso[" not in log.lower() and "\x1b" not in log
    return annotated


def finding(message: str, code: str = "PV101", line: int = 1) -> Finding:
    rule = RULES[code]
    return Finding(code, rule.name, rule.severity, message, line, 1)


def hostile_report(count: int = 1) -> Report:
    """One report per hostile name, each with ``count`` findings whose message quotes another hostile name."""
    return Report(tuple(
        FileReport(name, "markdown", findings=tuple(
            finding(f"post by @bad says '{text}' #{n}", line=n + 1) for n in range(count)
        ))
        for name, text in zip(HOSTILE_NAMES, [*HOSTILE_NAMES[1:], HOSTILE_NAMES[0]], strict=True)
    ))


@pytest.mark.parametrize(("text", "part", "expected"), [
    ("::error::x", "line", "./::error::x"),
    (" \t::error::x", "line", "./ \t::error::x"),
    ("\ufeff::error::x", "line", "./\ufeff::error::x"),
    ("::error::x", "text", "::error::x"),
    ("a\nb\rc\x1b[31m\x00\x7f\x85\x9b\u2028", "text", "a\\nb\\rc\\x1b[31m\\x00\\x7f\\x85\\x9b\\u2028"),
    ("tab\tstays", "line", "tab\tstays"),
    ("x ##[error]y ##VSO[z]", "text", "x ##\\x5berror]y ##VSO\\x5bz]"),
    ("100% a\r\nb: c, d", "data", "100%25 a%0D%0Ab: c, d"),
    ("100% a\r\nb: c, d", "property", "100%25 a%0D%0Ab%3A c%2C d"),
    ("\x1b[31m", "data", "\\x1b[31m"),
    ('"##[error]\x85\u2028\u2029\x7f"', "json", '"##\\u005berror]\\u0085\\u2028\\u2029\\u007f"'),
    ("seeds/000_f8d9cb38c620aa53.txt:1:1: PV100 déjà vu Γενικό", "line",
     "seeds/000_f8d9cb38c620aa53.txt:1:1: PV100 déjà vu Γενικό"),
])
def test_log_safe_escapes_what_a_log_reader_acts_on(text: str, part: str, expected: str) -> None:
    """Each part escapes what the runner or a terminal would act on, and leaves other text alone."""
    assert log_safe(text, part) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("part", ["line", "text", "data", "property", "json"])
@pytest.mark.parametrize("text", [*HOSTILE_NAMES, HOSTILE_EMBED])
def test_log_safe_is_one_line_and_idempotent_where_it_is_visible(text: str, part: str) -> None:
    """No part leaves a line break; visible escapes do not change when escaped again; JSON reads back the same."""
    if part == "json":
        safe = log_safe(json.dumps(text, ensure_ascii=False), "json")
        assert json.loads(safe) == text
    else:
        safe = log_safe(text, part)  # type: ignore[arg-type]
    assert len(re.split(r"\r\n|\r|\n|\u2028|\u2029|\x85", safe)) == 1
    if part in ("line", "json"):  # text and command parts are inert once in their place in a line
        assert_inert(safe)
    if part in ("line", "text"):
        assert log_safe(safe, part) == safe  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_no_format_lets_a_hostile_name_or_message_command_the_runner(name: str) -> None:
    """Rendered to standard output, every format leaves the runner nothing to run but its own annotations."""
    report = hostile_report(count=12)  # past GitHub's ten annotations of a type: plain lines too
    text = render(report, name, color=False)
    if name == "github":
        annotated = assert_only_annotations(text, set(HOSTILE_NAMES))
        # An annotation names the file and quotes the message exactly (control characters shown escaped).
        assert annotated and set(annotated) <= {(shown(file.source), shown(f.message)) for file, f in report.findings()}
    else:
        assert_inert(text)


@pytest.mark.parametrize("name", ["json", "jsonl", "sarif", "gitlab"])
def test_json_formats_escape_losslessly(name: str) -> None:
    """The JSON formats keep every character of a hostile name and message: a reader gets them back."""
    report = hostile_report()
    text = render(report, name)
    documents = [json.loads(line) for line in text.splitlines()] if name == "jsonl" else [json.loads(text)]
    strings: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, str):
            strings.add(value)
        for item in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
            collect(item)

    for document in documents:
        collect(document)
    # SARIF names files by URI; the others as given. Every format quotes the messages (GitLab after the rule).
    assert all(any(s.endswith(f.message) for s in strings) for _, f in report.findings())
    assert name == "sarif" or set(HOSTILE_NAMES) <= strings


def test_junit_is_well_formed_and_shows_what_xml_cannot_hold() -> None:
    """JUnit parses, keeps <, & and > as themselves, and shows a character XML 1.0 cannot hold as an escape."""
    root = ET.fromstring(render(hostile_report(), "junit"))
    names = [case.get("name") for case in root.iter("testcase")]
    assert "g <&> \\x01.md" in names
    assert "a\\n::error::newline.md" in names
    failure = root.find(".//failure")
    assert failure is not None and failure.text is not None and "\n" not in failure.text


def test_csv_rows_stay_rows_and_name_the_file() -> None:
    """A hostile name is one CSV cell on one line; a name that starts with :: is written ./::, the same path."""
    text = render(hostile_report(), "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == len(text.splitlines()) == 1 + len(HOSTILE_NAMES)
    assert rows[1][0] == "./::error title=Injected::pwned.md"


def test_text_colours_stay_ours() -> None:
    """With colours, the text format's own escape sequences are kept and the article's are shown escaped."""
    text = render(hostile_report(), "text", color=True)
    assert "\x1b[31m" in text  # the error colour
    assert "f \\x1b[31mred\\x1b]0;title\\x07.md" in text
    assert runner_commands(text) == []


def test_the_audit_summary_names_hostile_inputs_inertly() -> None:
    """The audit's summary lines, which list the slowest and unreadable inputs, command nothing."""
    tally = Tally()
    for number, name in enumerate(HOSTILE_NAMES):
        tally.add(FileReport(name, error=f"cannot read {name}"), 1.0 + number)
        tally.add(FileReport(name + ".ok"), 0.5)
    assert_inert(render_summary_lines(tally.summary()))


def test_progress_lines_are_inert(capsys: pytest.CaptureFixture[str]) -> None:
    """A line the audit prints through its progress display (an input error) commands nothing."""
    progress = Progress.start(enabled=False)
    for name in HOSTILE_NAMES:
        progress.print(f"{name}: error: no such file")
    assert_inert(capsys.readouterr().err)


@pytest.fixture
def hostile_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of articles with hostile names: twelve posts after the article each, a hostile embed,
    and a binary file that cannot be read."""
    body = ["Published 2020-01-01.", ""]
    for number in range(1, 13):
        body += [f"See [this post](https://x.com/user{number}/status/{1578353380363501568 + number * 10**6}).", ""]
    body.append(HOSTILE_EMBED)
    site = tmp_path / "site"
    site.mkdir()
    for name in HOSTILE_NAMES:
        (site / name).write_text("\n".join(body), encoding="utf-8")
    (site / "::error::binary.md").write_bytes(b"\x00\x01binary")
    monkeypatch.chdir(site)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    return site


def test_check_under_github_actions_runs_only_its_annotations(hostile_site: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Under Actions, check's annotations name the hostile files exactly, and nothing else it prints is a command."""
    names = sorted(path.name for path in hostile_site.iterdir())
    code, out, err = run_cli(capsys, "check", "--no-config", "--published", "2020-01-01", *names)
    assert code == 1
    assert assert_only_annotations(out, set(HOSTILE_NAMES))
    assert len(out.splitlines()) > 30  # past ten annotations of a type, findings are plain lines
    assert "\n./::error title=Injected::pwned.md:" in out
    assert_inert(err)
    assert err.startswith("./::error::binary.md: error: binary data")


@pytest.mark.parametrize("fmt", ["github", "text", "line", "csv", "jsonl"])
def test_audit_under_github_actions_prints_nothing_raw(hostile_site: Path, capsys: pytest.CaptureFixture[str],
                                                       fmt: str) -> None:
    """An audit of hostile names, with its error lines and summary on stderr, commands nothing but its annotations."""
    code, out, err = run_cli(capsys, "audit", "--jobs", "1", "--format", fmt, "--published", "2020-01-01", ".")
    assert code == 3  # the binary file
    assert_inert(err)
    if fmt == "github":
        assert assert_only_annotations(out, set(HOSTILE_NAMES))
    else:
        assert_inert(out)


def test_usage_errors_and_baseline_lines_are_inert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A usage error quoting a hostile name, and the baseline's stale-entry lines, command nothing."""
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.md"
    article.write_text("Published 2020-01-01.\n\nSee [this](https://x.com/u/status/1578353380363501568).\n",
                       encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--no-config", "--output", "gone\n::error::x/r.txt", str(article))
    assert code == 2
    assert_inert(err)
    baseline = tmp_path / "base.json"
    entry = {"file": "a.md", "rule": "PV101", "name": "post-after-article", "post": "x:1\n::error::stale", "count": 1}
    baseline.write_text(json.dumps({"tool": "provenance", "baseline": 1, "entries": [entry]}), encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--no-config", "--baseline", str(baseline), str(article))
    assert "stale entry" in err
    assert_inert(err)


def test_the_emulated_runner_reads_an_annotation() -> None:
    """The runner these tests emulate reads provenance's annotation as GitHub's runner does."""
    report = Report((FileReport("a.md", findings=(Finding("PV101", RULES["PV101"].name, Severity.ERROR, "m", 1, 1),)),))
    assert runner_commands(render(report, "github"))[0] == (
        "error", {"file": "a.md", "line": "1", "col": "1", "title": "PV101 post-after-article"}, "m")
