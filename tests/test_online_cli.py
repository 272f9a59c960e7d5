"""``--online`` on the command line: check and audit, the cache flags, and no network without it."""

from __future__ import annotations

import json
import socket

import pytest
from helpers import FIXTURES, SEEDS, run_cli
from online_support import FakeWeb, live, stall

from provenance import online
from provenance.online.cache import CACHE_FILE

POST = "https://twitter.com/jeremycorbyn/status/938406524728291328"
EMBED = (
    '<html><head><meta property="article:published_time" content="2017-12-07"></head><body>'
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Our statement.</p>&mdash; Jeremy Corbyn '
    f'(@jeremycorbyn) <a href="{POST}?ref_src=twsrc%5Etfw">December 6, 2017</a></blockquote></body></html>\n'
)


@pytest.fixture(autouse=True)
def _in_tmp(online_isolated, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def web(monkeypatch):
    with FakeWeb() as server:
        for name, url in server.environ().items():
            monkeypatch.setenv(name, url)
        yield server


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.html"
    path.write_text(EMBED, encoding="utf-8")
    return path


def test_check_online_reports_what_the_platform_says(web, article, tmp_path, capsys):
    """check --online turns the platform's other author into PV202 and the JSON carries the verification."""
    web.oembed[POST] = live("Someone Else", "https://twitter.com/someoneelse")
    code, out, err = run_cli(capsys, "check", "--no-config", "--online", "--cache-dir", str(tmp_path / "c"),
                         "--format", "json", str(article))
    assert code == 1 and err == ""
    (citation,) = json.loads(out)["files"][0]["citations"]
    assert citation["verification"]["author_handle"] == "someoneelse"
    assert citation["verification"]["archive"] == "none" and citation["archive_url"] is None
    findings = {f["code"] for f in json.loads(out)["files"][0]["findings"]}
    assert {"PV202", "PV203"} <= findings
    assert (tmp_path / "c" / CACHE_FILE).is_file()


def test_without_online_the_same_article_passes_and_nothing_is_asked(web, article, capsys):
    """Without --online no request is made even when the endpoints are configured."""
    web.oembed[POST] = live("Someone Else", "https://twitter.com/someoneelse")
    code, out, _ = run_cli(capsys, "check", "--no-config", "--format", "json", str(article))
    assert code == 0 and web.requests == []
    assert "verification" not in json.loads(out)["files"][0]["citations"][0]


def test_the_default_cache_dir_is_under_xdg_cache_home(web, article, tmp_path, capsys):
    """Without --cache-dir the answers go to $XDG_CACHE_HOME/provenance."""
    web.oembed[POST] = live("Jeremy Corbyn", "https://twitter.com/jeremycorbyn")
    run_cli(capsys, "check", "--no-config", "--online", str(article))
    assert (tmp_path / "xdg-cache" / "provenance" / CACHE_FILE).is_file()


def test_no_cache_writes_no_file_and_asks_again(web, article, tmp_path, capsys):
    """--no-cache makes each run ask the endpoints and leaves no cache file."""
    web.oembed[POST] = live("Jeremy Corbyn", "https://twitter.com/jeremycorbyn")
    for _ in range(2):
        code, _, _ = run_cli(capsys, "check", "--no-config", "--online", "--no-cache", str(article))
        assert code == 0
        online.close()
    assert web.count("/oembed/x") == 2
    assert not (tmp_path / "xdg-cache").exists()


def test_the_configured_timeout_is_used(web, article, tmp_path, capsys):
    """[online] timeout in the configuration bounds a slow endpoint; the note names it."""
    web.oembed[POST] = stall(3)
    (tmp_path / ".provenance.toml").write_text("[online]\ntimeout = 0.2\nretries = 0\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", "--online", "--no-cache", "--format", "json", str(article))
    (citation,) = json.loads(out)["files"][0]["citations"]
    assert citation["verification"]["status"] == "unknown"
    assert "timed out waiting for data (after 0.2 s)" in citation["verification"]["notes"][0]
    assert code == 0


def test_a_bad_endpoint_variable_is_a_usage_error(article, monkeypatch, capsys):
    """A malformed PROVENANCE_* endpoint exits 2 with one line naming the variable."""
    monkeypatch.setenv("PROVENANCE_OEMBED_X", "publish.example/oembed")
    code, out, err = run_cli(capsys, "check", "--no-config", "--online", str(article))
    assert code == 2 and out == ""
    assert err.startswith("provenance: error: PROVENANCE_OEMBED_X: ") and len(err.splitlines()) == 1


def test_audit_online_on_worker_processes_shares_the_cache(web, tmp_path, capsys):
    """audit --online --jobs 2 verifies in its workers; a rerun is answered from the shared cache."""
    folder = tmp_path / "archive"
    folder.mkdir()
    for n in range(4):
        (folder / f"a{n}.html").write_text(EMBED, encoding="utf-8")
    web.oembed[POST] = live("Jeremy Corbyn", "https://twitter.com/jeremycorbyn")
    web.captures[POST] = "20171206183000"
    argv = ["audit", "--no-config", "--online", "--cache-dir", str(tmp_path / "cache"), "--jobs", "2",
            "--format", "jsonl", "-q", str(folder)]
    code, out, err = run_cli(capsys, *argv)
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 4
    assert all(r["citations"][0]["verification"]["status"] == "live" for r in records)
    assert all(r["citations"][0]["archive_url"].endswith(POST) for r in records)
    asked = len(web.requests)
    code, out, _ = run_cli(capsys, *argv)
    assert code == 0 and len(out.splitlines()) == 4 and len(web.requests) == asked


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to resolve a name or open a connection is recorded and refused."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("the network is off limits in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_no_network_call_happens_without_online(no_network, tmp_path, capsys):
    """check and audit over every fixture and seed open no connection and resolve no name."""
    inputs = [str(FIXTURES / "cases"), str(FIXTURES / "audit"), str(SEEDS)]
    run_cli(capsys, "check", "--no-config", "--format", "json", "--output", str(tmp_path / "c.json"), *inputs)
    report = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert len(report["files"]) > 10 and report["summary"]["citations"] > 10
    _, out, _ = run_cli(capsys, "audit", "--no-config", "--jobs", "1", "-q", "--format", "jsonl", *inputs)
    assert len(out.splitlines()) == len(report["files"])
    assert no_network == []
