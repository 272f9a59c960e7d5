"""Configuration: where it is found, what each key does, and one-line errors for bad values."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FIXTURES, ROOT, run_cli

from provenance.config import (
    SECTIONS,
    ConfigError,
    Options,
    find_config,
    load_config,
    make_options,
    register_section,
)
from provenance.globs import matches, rebase, relative_path
from provenance.model import Severity
from provenance.sources.files import iter_paths

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
        ("[offline]\ntimeout = 5\n", "offline: unknown key (known: baseline, exclude, extend, extend-exclude"),
        ("select = [\n", "invalid TOML"),
        ('[per-file-ignores]\n"drafts/*.md" = ["PV999"]\n', 'per-file-ignores."drafts/*.md": unknown rule \'PV999\''),
        ('[per-file-ignores]\n"drafts/*.md" = "PV103"\n', 'per-file-ignores."drafts/*.md": expected a list of strings'),
        ('per-file-ignores = ["drafts"]\n', "per-file-ignores: expected a table of path patterns and rule lists"),
        ('[per-file-ignores]\n" " = ["PV103"]\n', "per-file-ignores: empty path pattern"),
        ('extend-ignore = ["stale-psot"]\n', "extend-ignore: unknown rule 'stale-psot'"),
        ("extend = 3\n", "extend: expected the path of a configuration file, got 3"),
        ('extend = "missing.toml"\n', "extend: missing.toml: no such configuration file"),
        ('extend = ".provenance.toml"\n', "extend: a cycle: .provenance.toml -> .provenance.toml"),
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


# --- per-file ignores ------------------------------------------------------------------------


def test_per_file_ignores_switch_rules_off_for_matching_files(project, capsys):
    """per-file-ignores drops the named rules on the files its glob matches, and on those only."""
    (project / "pyproject.toml").write_text(
        '[tool.provenance.per-file-ignores]\n"content/drafts/**" = ["stale-post"]\n"*.html" = ["PV106"]\n',
        encoding="utf-8")
    _, out, _ = run_cli(capsys, "check", "content")
    found = {(line.split(":")[0], line.split()[2]) for line in out.splitlines()[:-1]}
    assert ("content/problems.html", "PV103") in found
    assert not {code for path, code in found if path == "content/drafts/standard.html"}
    assert "PV106" not in {code for _, code in found}
    _, out, _ = run_cli(capsys, "audit", "content")
    findings = [line for line in out.splitlines() if " PV1" in line]
    assert any(" PV103 " in line for line in findings) and not any("drafts/" in line for line in findings)
    assert not any(" PV106 " in line for line in findings)


def test_per_file_ignored_rule_is_not_judged_by_unused_suppression(project, capsys):
    """A suppression of a rule that per-file-ignores switches off is not reported, as for a deselected rule."""
    comment = "<!-- provenance: ignore stale-post -->\n"
    for name in ("a.md", "b.md"):
        (project / "content" / name).write_text(f"{comment}Nothing is embedded here.\n", encoding="utf-8")
    (project / ".provenance.toml").write_text('[per-file-ignores]\n"content/a.md" = ["PV103"]\n', encoding="utf-8")
    _, out, _ = run_cli(capsys, "check", "--published", "2019-06-19", "content/a.md", "content/b.md")
    assert [line.split(":")[0] for line in out.splitlines()[:-1] if " PV900 " in line] == ["content/b.md"]


def test_per_file_ignores_apply_only_to_files(tmp_path):
    """A document checked without a file path (standard input, a URL) keeps every rule."""
    options = Options(per_file_ignores=(("**", frozenset({"PV103"})),), root=tmp_path)
    assert "PV103" not in {rule.code for rule in options.rules(tmp_path / "a.md")}
    assert "PV103" in {rule.code for rule in options.rules()}


# --- extend ----------------------------------------------------------------------------------


def test_extend_reads_the_base_first_and_overrides_it_key_by_key(project):
    """The extending file's keys replace the base's; rules merge per rule and option; lists are replaced."""
    (project / "shared.toml").write_text(
        'select = ["PV101", "PV103"]\nignore = ["PV105"]\nfail-on = "warning"\nlang = "de"\n'
        '[rules.stale-post]\nseverity = "error"\nmax-age-days = 90\n', encoding="utf-8")
    (project / ".provenance.toml").write_text(
        'extend = "shared.toml"\nignore = ["PV106"]\nlang = "fr"\n[rules.PV103]\nmax-age-days = 30\n',
        encoding="utf-8")
    options = make_options(load_config(start=project))
    assert options.select == {"PV101", "PV103"} and options.ignore == {"PV106"}
    assert (options.fail_on, options.lang) == ("warning", "fr")
    assert options.severities == {"PV103": Severity.ERROR}
    assert options.rule_options == {"PV103": {"max-age-days": 30}}
    assert options.config == project / ".provenance.toml"


def test_extend_keys_add_to_the_base(project):
    """extend-select, extend-ignore, extend-exclude and extend-per-file-ignores add to the base's values."""
    (project / "shared.toml").write_text(
        'select = ["PV101"]\nignore = ["PV105"]\nexclude = ["*.txt"]\n[per-file-ignores]\n"a/*" = ["PV103"]\n',
        encoding="utf-8")
    (project / ".provenance.toml").write_text(
        'extend = "shared.toml"\nextend-select = ["PV102"]\nextend-ignore = ["PV106"]\n'
        'extend-exclude = ["*.draft.md"]\n[extend-per-file-ignores]\n"b/*" = ["PV104"]\n', encoding="utf-8")
    options = make_options(load_config(start=project))
    assert options.select == {"PV101", "PV102"} and options.ignore == {"PV105", "PV106"}
    assert options.exclude == ("*.txt", "*.draft.md")
    assert options.per_file_ignores == (("a/*", frozenset({"PV103"})), ("b/*", frozenset({"PV104"})))


def test_extend_chain_keeps_paths_relative_to_the_file_that_wrote_them(project, capsys, monkeypatch):
    """A base two folders up names its baseline and patterns from its own folder; extends are chained."""
    site = project / "sites" / "daily"
    site.mkdir(parents=True)
    (site / "content").mkdir()
    (site / "content" / "problems.html").write_bytes(PROBLEMS.read_bytes())
    (project / "org.toml").write_text(
        'baseline = "accepted.json"\nexclude = ["sites/daily/content/archive"]\n'
        '[per-file-ignores]\n"sites/*/content/*.html" = ["PV101"]\n', encoding="utf-8")
    (project / "sites" / "newsroom.toml").write_text('extend = "../org.toml"\nfail-on = "never"\n', encoding="utf-8")
    (site / ".provenance.toml").write_text('extend = "../newsroom.toml"\n', encoding="utf-8")
    (site / "content" / "archive").mkdir()
    (site / "content" / "archive" / "old.html").write_bytes(PROBLEMS.read_bytes())
    (project / "accepted.json").write_text('{"tool": "provenance", "baseline": 1, "entries": []}', encoding="utf-8")
    monkeypatch.chdir(site)
    options = make_options(load_config())
    assert options.baseline == project / "accepted.json" and options.fail_on == "never"
    assert options.exclude == ("/content/archive",) and options.root == site
    code, out, err = run_cli(capsys, "check", "content")
    assert err == "" and code == 0 and out.splitlines()[-1].startswith("1 file(s)")
    assert " PV101 " not in out and " PV105 " in out


def test_missing_base_names_both_files(project, capsys):
    """A base that does not exist is one line naming the extending file and the base."""
    (project / "sites").mkdir()
    (project / "sites" / "a.toml").write_text('extend = "../shared/base.toml"\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--config", "sites/a.toml", "content")
    assert code == 2 and len(err.splitlines()) == 1
    assert "sites/a.toml: extend: shared/base.toml: no such configuration file" in err


def test_cycle_and_bad_key_in_a_base(project, capsys):
    """A cycle of extends is one line naming the chain; a bad key in a base names the base."""
    (project / "a.toml").write_text('extend = "b.toml"\n', encoding="utf-8")
    (project / "b.toml").write_text('extend = "a.toml"\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--config", "a.toml", "content")
    assert code == 2 and err.strip() == "provenance: error: b.toml: extend: a cycle: a.toml -> b.toml -> a.toml"
    (project / "b.toml").write_text('select = ["PV999"]\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "--config", "a.toml", "content")
    assert code == 2
    assert err.strip() == "provenance: error: b.toml: select: unknown rule 'PV999' (see 'provenance rules')"


def test_pyproject_extends_a_pyproject(project):
    """A pyproject.toml base is read at its [tool.provenance] table, its keys named with that prefix."""
    (project / "shared").mkdir()
    (project / "shared" / "pyproject.toml").write_text('[tool.provenance]\nlang = "el"\n', encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.provenance]\nextend = "shared/pyproject.toml"\n', encoding="utf-8")
    assert make_options(load_config(start=project)).lang == "el"
    (project / "shared" / "pyproject.toml").write_text('[tool.provenance]\nlang = 5\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^shared/pyproject.toml: tool.provenance.lang: expected a string"):
        load_config(start=project)


@pytest.mark.parametrize(
    ("pattern", "folder", "expected"),
    [
        ("*.md", "/x", ("*.md",)),
        ("site/content/archive", "/x", ("/content/archive",)),
        ("*/content", "/x", ("/content",)),
        ("**/drafts/*.md", "/x", ("/**/drafts/*.md",)),
        ("other/content", "/x", ()),
        ("x/site", "/", ("**",)),
        ("content/a", "/x/site/sub", ("sub/content/a",)),
        ("content/a", "/x/shared", ("../shared/content/a",)),
        ("content/a", "/x/site", ("content/a",)),
    ],
)
def test_rebase_moves_patterns_to_the_extending_files_folder(pattern, folder, expected):
    """A base's pattern is rewritten to match, below the extending file's folder /x/site, what it matched."""
    assert rebase(pattern, Path(folder), Path("/x/site")) == expected


def test_leading_slash_anchors_a_pattern():
    """'/drafts' matches the drafts folder at the root only, as in .gitignore."""
    assert matches("drafts/a.md", ["/drafts"]) and not matches("content/drafts/a.md", ["/drafts"])
    assert matches("content/drafts/a.md", ["drafts"])
