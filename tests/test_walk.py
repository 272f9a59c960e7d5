"""The folder walk: name order, hidden files skipped, and .gitignore honoured as git honours it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, run_cli

from provenance.config import Options
from provenance.engines.spark import warc_paths
from provenance.fetch import Fetcher
from provenance.sources.files import iter_paths
from provenance.sources.inputs import Sources, count_inputs
from provenance.walk import walk_files

#: A tree of files and ignore files that tries git's rules: anchored, folder-only, ``**``, negation,
#: escapes, nested files overriding their parents, and the repository's info/exclude.
IGNORE_FILES = {
    ".gitignore": "\n".join([
        "# build output and dependencies", "node_modules/", "*.log", "/build", "docs/*", "!docs/keep.md",
        "**/tmp", "drafts/**/*.md", "!drafts/**/keep-*.md", r"\#hash.md", "*.bak", "!important.bak",
        "trailing.md   ", "cache", "",
    ]),
    "content/.gitignore": "*.txt\n!notes.txt\n/local.md\n",
    "content/sub/.gitignore": "!*.txt\n",
    "content/archive/.gitignore": "*\n!*/\n!*.md\n",
}
FILES = [
    "a.md", "x.log", "build/a.md", "content/build/b.md", "node_modules/a.md", "content/node_modules/b.md",
    "docs/a.md", "docs/keep.md", "a/tmp/c.md", "tmp/d.md", "drafts/x/y.md", "drafts/x/keep-1.md", "#hash.md",
    "secret.md", "content/secret.md", "content/a.txt", "content/notes.txt", "content/local.md",
    "content/sub/local.md", "content/sub/b.txt", "x.bak", "important.bak", "trailing.md", "cache/c.md",
    "content/cache", "content/archive/2020/old.md", "content/archive/2020/old.html", ".hidden/a.md", "content/.b.md",
]


def git_environment(home: Path) -> dict[str, str]:
    """Git with no user or system configuration: no global excludes file changes what it ignores."""
    return {"PATH": os.environ["PATH"], "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull, "XDG_CONFIG_HOME": str(home / "config")}


def git(root: Path, *argv: str) -> str:
    """Run git in ``root``; its standard output."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    done = subprocess.run(["git", *argv], cwd=root, env=git_environment(root.parent), capture_output=True,
                          check=True, text=True)
    return done.stdout


def build(root: Path, files: list[str], ignore_files: dict[str, str]) -> Path:
    """The tree of ``files`` (each holding a line) and ``ignore_files`` under ``root``."""
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("An article.\n", encoding="utf-8")
    for name, text in ignore_files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git work tree holding ``FILES`` and ``IGNORE_FILES``, with ``secret.md`` in info/exclude."""
    root = build(tmp_path / "site", FILES, IGNORE_FILES)
    git(root, "init", "-q")
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("/secret.md\n", encoding="utf-8")
    return root


def walked(top: Path, gitignore: bool = True) -> list[str]:
    """The files the walk gives under ``top``, relative to it, failing on any listing error."""
    found = []
    for path, error in walk_files(str(top), gitignore):
        assert error is None
        found.append(Path(path).relative_to(top).as_posix())
    return found


def visible(names: list[str] | set[str]) -> set[str]:
    return {name for name in names if not any(part.startswith(".") for part in name.split("/"))}


def test_the_walk_reads_what_git_does_not_ignore(repository: Path) -> None:
    """In a work tree the walk gives exactly the files git lists as not ignored (hidden files aside)."""
    listed = git(repository, "ls-files", "--others", "--exclude-standard", "-z").split("\0")
    ours = walked(repository)
    assert set(ours) == visible([name for name in listed if name])
    assert {"node_modules/a.md", "x.log", "build/a.md", "secret.md", "content/a.txt"}.isdisjoint(ours)
    assert {"content/build/b.md", "docs/keep.md", "drafts/x/keep-1.md", "content/notes.txt",
            "content/sub/b.txt", "content/archive/2020/old.md", "important.bak"} <= set(ours)


def test_the_walk_keeps_name_order(repository: Path) -> None:
    """Names sort within each folder, a folder's files coming where its name sorts."""
    ours = walked(repository)
    assert ours == sorted(ours, key=lambda name: name.split("/"))


def test_a_subfolder_has_the_rules_of_the_folders_above_it(repository: Path) -> None:
    """Walking a folder inside the work tree applies the root's and the parents' .gitignore files too."""
    listed = git(repository / "content", "ls-files", "--others", "--exclude-standard", "-z").split("\0")
    assert set(walked(repository / "content")) == visible([name for name in listed if name])
    assert walked(repository / "content" / "sub") == ["b.txt", "local.md"]


def test_a_folder_named_explicitly_is_walked_even_when_ignored(repository: Path) -> None:
    """A folder given on the command line is read although git ignores it, with the rules found inside it."""
    (repository / "node_modules" / "pkg.log").write_text("log\n", encoding="utf-8")
    (repository / "node_modules" / "deep" / "tmp").mkdir(parents=True)
    (repository / "node_modules" / "deep" / "tmp" / "x.md").write_text("x\n", encoding="utf-8")
    (repository / "node_modules" / "deep" / ".gitignore").write_text("*.md\n", encoding="utf-8")
    assert walked(repository / "node_modules") == ["a.md", "pkg.log"]
    assert walked(repository / "node_modules" / "deep") == []


def test_outside_a_work_tree_gitignore_means_nothing(tmp_path: Path) -> None:
    """Without a .git folder above it, a folder's .gitignore is not read: every visible file is walked."""
    root = build(tmp_path / "archive", FILES, IGNORE_FILES)
    assert set(walked(root)) == visible(FILES)


def test_no_gitignore_walks_every_visible_file(repository: Path) -> None:
    """With gitignore off, the walk gives every file but the hidden ones."""
    assert set(walked(repository, gitignore=False)) == visible(FILES)


def test_a_nested_repository_has_its_own_rules(repository: Path) -> None:
    """A repository inside the walk (a submodule) starts over: its rules apply in it, the outer ones do not."""
    inner = build(repository / "vendor" / "lib", ["a.md", "b.log", "c.html"], {".gitignore": "*.md\n"})
    git(inner, "init", "-q")
    assert [name for name in walked(repository) if name.startswith("vendor/")] == ["vendor/lib/b.log",
                                                                                     "vendor/lib/c.html"]


def test_a_linked_worktree_reads_the_exclude_file_of_its_repository(repository: Path) -> None:
    """A .git file (a linked worktree) leads to the repository whose info/exclude applies."""
    git(repository, "add", "-A")
    git(repository, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "site")
    git(repository, "worktree", "add", "-q", str(repository.parent / "linked"))
    linked = repository.parent / "linked"
    (linked / "secret.md").write_text("Not to be read.\n", encoding="utf-8")
    assert (linked / ".git").is_file()
    listed = git(linked, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    ours = walked(linked)
    assert "secret.md" not in ours
    # Tracked files that a rule names stay listed by git; the walk reads only what no rule ignores.
    assert set(ours) <= visible([name for name in listed if name])


def test_every_reader_walks_the_same_files(repository: Path) -> None:
    """check's inputs, the audit's sources and its progress count see the same articles of a work tree."""
    articles = [str(path) for path in iter_paths([repository])]
    with Fetcher() as fetcher:
        items = [item.source for item in Sources(fetcher, max_bytes=10**6).items([str(repository)])]
        ignoring = [item.source for item in Sources(fetcher, max_bytes=10**6, gitignore=False).items([str(repository)])]
    assert items == articles and count_inputs([str(repository)], []) == len(articles)
    assert len(ignoring) > len(items) == count_inputs([str(repository)], [], gitignore=True)
    assert count_inputs([str(repository)], [], gitignore=False) == len(ignoring)
    assert [str(path) for path in iter_paths([repository], Options(gitignore=False))] == ignoring


def test_spark_walks_folders_the_same_way(repository: Path) -> None:
    """The Spark engine's driver finds the WARC files of a folder through the same walk."""
    for name in ("crawl/a.warc.gz", "crawl/tmp/b.warc.gz", "node_modules/c.warc"):
        (repository / name).parent.mkdir(parents=True, exist_ok=True)
        (repository / name).write_bytes(b"")
    assert warc_paths([str(repository)]) == [str(repository / "crawl" / "a.warc.gz")]
    assert len(warc_paths([str(repository)], gitignore=False)) == 3


@pytest.mark.parametrize("command", ["check", "audit"])
def test_the_flag_and_the_key_turn_gitignore_off(repository: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    """--no-gitignore, or gitignore = false in the configuration, makes check and audit read ignored files."""
    monkeypatch.chdir(repository)
    argv = [command, "--format", "json"] if command == "check" else [command, "-j", "1", "-q", "--format", "jsonl"]
    _, honoured, _ = run_cli(capsys, *argv, ".")
    _, flagged, _ = run_cli(capsys, *argv, "--no-gitignore", ".")
    (repository / ".provenance.toml").write_text("gitignore = false\n", encoding="utf-8")
    _, configured, _ = run_cli(capsys, *argv, ".")
    assert "node_modules/a.md" not in honoured
    assert "node_modules/a.md" in flagged and "node_modules/a.md" in configured


def test_a_bad_gitignore_key_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """gitignore must be a boolean."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".provenance.toml").write_text('gitignore = "no"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("An article.\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", "a.md")
    assert code == 2 and err == "provenance: error: .provenance.toml: gitignore: expected a boolean, got a string\n"


def test_pathspec_is_imported_only_to_read_an_ignore_file(tmp_path: Path) -> None:
    """Checking a named file, or a folder outside any work tree, does not import pathspec."""
    build(tmp_path / "site", ["a.md"], {})
    code = ("import sys; from provenance.cli import main; main(['check', '-q', sys.argv[1], sys.argv[2]]); "
            "print('pathspec' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "site"), str(tmp_path / "site" / "a.md")],
                          capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "False"
