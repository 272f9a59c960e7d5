"""Configuration: where it is found, what each key does, and one-line errors for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, run_cli

from provenance.config import (
    SECTIONS,
    ConfigError,
    Options,
    find_config,
    load_config,
    make_options,
    register_section,
)
from provenance.globs import matches, relative_path
from provenance.linter import iter_paths
from provenance.model import Severity

PROBLEMS = FIXTURES / "cases" / "html_problems.html"
STANDARD = FIXTURES / "cases" / "html_standard.html"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site repository with two articles, as the working directory."""
    content = tmp_path / "content"
    (content / "drafts").mkdir(parents=True)
    (content / "problems.html").write_bytes(PROBLEMS.read_bytes())
    (content / "drafts" / "standard.html").write_bytes(STANDARD.read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def codes(out: str) -> set[str]:
    return {line.split()[2] for line in out.splitlines()[:-1]}


def test_pyproject_table_configures_rules_severities_options_and_fail_on(project, capsys):
    """[tool.provenance] selects rules, sets a severity and an option, and the exit threshold."""
    (project / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.provenance]\nselect = ["stale-post", "PV106"]\nfail-on = "warning"\n\n'
        '[tool.provenance.rules.stale-post]\nseverity = "info"\nmax-age-days = 365\n',
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, "check", "content")
    assert codes(out) == {"PV103", "PV106"}
    stale = [line for line in out.splitlines() if " PV103 " in line]
    assert stale and all(" info " in line for line in stale)
    assert all("559 days" in line or "389 days" in line for line in stale)  # both are past 365 days
    assert code == 1  # PV106 is a warning and fail-on is warning
    config = load_config(start=project)
    assert config.values["rule_options"] == {"PV103": {"max-age-days": 365}}
    assert config.values["severities"] == {"PV103": Severity.INFO}


def test_rule_option_changes_what_the_rule_reports(project, capsys):
    """max-age-days from the configuration reaches the stale-post rule."""
    (project / ".provenance.toml").write_text("[rules.PV103]\nmax-age-days = 400\n", encoding="utf-8")
    _, out, _ = run_cli(capsys, "check", "--select", "PV103", "content")
    assert "559 days" in out and "389 days" not in out


def test_precedence_is_config_flag_then_dot_file_then_pyproject(project, capsys):
    """--config wins over .provenance.toml, which wins over pyproject.toml in the same folder."""
    (project / "pyproject.toml").write_text('[tool.provenance]\nselect = ["PV101"]\n', encoding="utf-8")
    assert find_config(project) == project / "pyproject.toml"
    (project / ".provenance.toml").write_text('select = ["PV105"]\n', encoding="utf-8")
    assert find_config(project) == project / ".provenance.toml"
    (project / "ci.toml").write_text('select = ["PV107"]\n', encoding="utf-8")
    assert codes(run_cli(capsys, "check", "content")[1]) == {"PV105"}
    assert codes(run_cli(capsys, "check", "--config", "ci.toml", "content")[1]) == {"PV107"}
    assert codes(run_cli(capsys, "check", "--config", "pyproject.toml", "content")[1]) == {"PV101"}
    assert "PV103" in codes(run_cli(capsys, "check", "--no-config", "content")[1])


def test_flags_override_configuration_key_by_key(project, capsys):
    """A flag given replaces the configured value; keys without a flag keep theirs."""
    (project / ".provenance.toml").write_text('select = ["PV101"]\nfail-on = "never"\n', encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", "content")
    assert codes(out) == {"PV101"} and code == 0
    code, out, _ = run_cli(capsys, "check", "--select", "PV105", "content")
    assert codes(out) == {"PV105"} and code == 0
    code, out, _ = run_cli(capsys, "check", "--fail-on", "error", "content")
    assert codes(out) == {"PV101"} and code == 1


def test_configuration_is_found_in_a_parent_folder(project, capsys, monkeypatch):
    """The search goes upward from the working directory; paths in it are relative to its folder."""
    (project / "pyproject.toml").write_text('[tool.provenance]\nexclude = ["content/drafts"]\n', encoding="utf-8")
    monkeypatch.chdir(project / "content")
    _, out, _ = run_cli(capsys, "check", ".")
    assert out.splitlines()[-1].startswith("1 file(s)")


def test_pyproject_without_the_table_is_passed_over(project):
    """A pyproject.toml with no [tool.provenance] does not stop the search."""
    (project / "content" / "pyproject.toml").write_text('[project]\nname = "site"\n', encoding="utf-8")
    (project / ".provenance.toml").write_text("", encoding="utf-8")
    assert find_config(project / "content" / "drafts") == project / ".provenance.toml"


def test_include_and_exclude_apply_to_files_named_explicitly(project, capsys):
    """Excluded files are skipped even when named, as pre-commit names them; include narrows the walk."""
    (project / ".provenance.toml").write_text('exclude = ["drafts/"]\n', encoding="utf-8")
    _, out, _ = run_cli(capsys, "check", "content/drafts/standard.html", "content/problems.html")
    assert out.splitlines()[-1].startswith("1 file(s)")
    (project / ".provenance.toml").write_text('include = ["content/drafts/**"]\n', encoding="utf-8")
    _, out, _ = run_cli(capsys, "check", "content")
    assert out.splitlines()[-1].startswith("1 file(s)") and "standard.html" in out


def test_lang_and_timezone_come_from_the_configuration(project):
    """lang and timezone keys become the options' language and zone."""
    (project / ".provenance.toml").write_text('lang = "de"\ntimezone = "Europe/Berlin"\n', encoding="utf-8")
    options = make_options(load_config(start=project))
    assert options.lang == "de" and str(options.zone) == "Europe/Berlin"
    assert make_options(load_config(start=project), lang="fr").lang == "fr"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = true\n", "colour: unknown key"),
        ('select = "PV101"\n', "select: expected a list of strings, got a string"),
        ('select = ["PV999"]\n', "select: unknown rule 'PV999'"),
        ('ignore = ["stale-psot"]\n', "ignore: unknown rule 'stale-psot'"),
        ('fail-on = "fatal"\n', "fail-on: 'fatal' is not one of error, warning, info, never"),
        ("fail-on = 1\n", "fail-on: expected a string, got an integer"),
        ("include = [1]\n", "include: expected a list of strings"),
        ('timezone = "Mars/Olympus"\n', "timezone: 'Mars/Olympus' is not an IANA zone name"),
        ('lang = "not a language"\n', "lang: 'not a language' is not a language tag"),
        ("rules = 3\n", "rules: expected a table of rules, got an integer"),
        ("[rules.PV999]\nseverity = 'error'\n", "rules.PV999: unknown rule 'PV999'"),
        ("[rules.stale-post]\nseverity = 'fatal'\n", "rules.stale-post.severity: 'fatal' is not one of error"),
        ("[rules.stale-post]\nmax-age = 3\n", "rules.stale-post.max-age: unknown option of PV103 stale-post"),
        ("[rules.stale-post]\nmax-age-days = '90'\n", "stale-post.max-age-days: expected an integer, got a string"),
        ("[rules.stale-post]\nmax-age-days = true\n", "max-age-days: expected an integer, got a boolean"),
        ("[rules.stale-post]\nmax-age-days = -5\n", "rules.stale-post.max-age-days: -5 is negative"),
        ("[rules.stale-post]\nmax-age-days = nan\n", "rules.stale-post.max-age-days: nan is not a finite number"),
        ("[online]\ntimeout = inf\n", "online.timeout: inf is not a finite number"),
        ("[online]\ntimeout = nan\n", "online.timeout: nan is not a finite number"),
        ("[rules.stale-post]\n[rules.PV103]\n", "rules.PV103: PV103 is already configured as 'stale-post'"),
        ("[offline]\ntimeout = 5\n", "offline: unknown key"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_configuration_is_a_one_line_usage_error(project, capsys, text, message):
    """Every bad key or value exits 2 with one line naming the file and the key."""
    (project / ".provenance.toml").write_text(text, encoding="utf-8")
    code, out, err = run_cli(capsys, "check", "content")
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("provenance: error: .provenance.toml: ") and message in err


def test_pyproject_errors_name_the_full_key(project, capsys):
    """Keys in pyproject.toml are named with their tool.provenance prefix."""
    (project / "pyproject.toml").write_text("[tool.provenance]\nselect = 1\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "content")
    assert code == 2 and "pyproject.toml: tool.provenance.select: expected a list of strings" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--config", "missing.toml"], "missing.toml: no such configuration file"),
        (["--config", "content"], "content: is a folder"),
        (["--config", "pyproject.toml"], "pyproject.toml: no [tool.provenance] table"),
    ],
)
def test_unusable_config_flag_is_a_usage_error(project, capsys, argv, message):
    """A --config file that is missing, a folder, or a pyproject.toml without the table exits 2."""
    (project / "pyproject.toml").write_text('[project]\nname = "site"\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "check", *argv, "content")
    assert code == 2 and message in err and len(err.splitlines()) == 1


def test_config_that_is_not_utf8_is_a_usage_error(project, capsys):
    """A configuration file in another encoding is named in a one-line error."""
    (project / ".provenance.toml").write_bytes('lang = "d\xe9"\n'.encode("latin-1"))
    code, _, err = run_cli(capsys, "check", "content")
    assert code == 2 and ".provenance.toml: invalid TOML" in err


def test_registered_section_is_validated_by_its_owner(project, monkeypatch):
    """A sub-table registered by another module is accepted, validated by it and kept in options.sections."""
    monkeypatch.setitem(SECTIONS, "online", lambda table, key: dict(table))

    def strict(table: object, key: str) -> object:
        raise ConfigError(f"{key}.timeout: expected an integer")

    (project / "pyproject.toml").write_text("[tool.provenance.online]\ntimeout = 5\n", encoding="utf-8")
    options = make_options(load_config(start=project))
    assert options.sections == {"online": {"timeout": 5}}
    monkeypatch.setitem(SECTIONS, "online", strict)
    with pytest.raises(ConfigError, match=r"pyproject.toml: tool.provenance.online.timeout: expected an integer"):
        load_config(start=project)
    with pytest.raises(ValueError, match="own"):
        register_section("rules", strict)


def test_audit_reads_the_same_configuration(project, capsys):
    """audit takes its rules and fail-on from the configuration too."""
    (project / ".provenance.toml").write_text('select = ["PV105"]\nfail-on = "error"\n', encoding="utf-8")
    code, out, _ = run_cli(capsys, "audit", "content")
    assert " PV105 " in out and " PV103 " not in out and code == 1


@pytest.mark.parametrize(
    ("path", "patterns", "expected"),
    [
        ("content/drafts/a.md", ["drafts"], True),
        ("content/drafts/a.md", ["drafts/"], True),
        ("content/a.md", ["*.md"], True),
        ("content/a.md", ["*.txt"], False),
        ("content/archive/2019/a.md", ["content/archive"], True),
        ("other/content/archive/a.md", ["content/archive"], False),
        ("content/a/b/c.md", ["content/**/*.md"], True),
        ("content/c.md", ["content/**/*.md"], True),
        ("content/c.md", ["content/**"], True),
        ("content/c.md", ["/content/c.md"], True),
        ("content/c1.md", ["content/c?.md"], True),
        ("content/cb.md", ["content/c[!ab].md"], False),
        ("content/cc.md", ["content/c[!ab].md"], True),
        ("notes.md", ["content/*"], False),
    ],
)
def test_globs(path, patterns, expected):
    """Patterns match names anywhere, anchored paths from the root, and folders with their contents."""
    assert matches(path, patterns) is expected


def test_relative_path_outside_the_root_is_kept_as_given(tmp_path):
    """A file outside the configuration's folder is matched by the path as given."""
    assert relative_path(tmp_path / "a" / "b.md", tmp_path) == "a/b.md"
    assert relative_path("../x/y.md", tmp_path / "a") == "../x/y.md"


def test_iter_paths_without_options_reads_everything(project):
    """iter_paths without options walks folders as before."""
    assert len(list(iter_paths([project / "content"]))) == 2
    options = Options(exclude=("*.html",), root=project)
    assert list(iter_paths([project / "content", project / "content" / "problems.html"], options)) == []


def test_the_documented_example_configuration_is_valid(tmp_path):
    """The pyproject.toml example in docs/ci.md passes validation."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "pyproject.toml").write_text(example, encoding="utf-8")
    options = make_options(load_config(tmp_path / "pyproject.toml"))
    assert options.fail_on == "warning" and options.severities["PV103"] == Severity.ERROR
    assert options.baseline == tmp_path / "provenance-baseline.json"
