"""The on-disk cache of online answers: reruns ask nothing, answers expire, --no-cache, several processes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta

import pytest
from helpers import ROOT
from online_support import FakeWeb, live, status

from provenance import Options, check_text, online
from provenance.model import Citation
from provenance.online import settings_of
from provenance.online.cache import CACHE_FILE, NEGATIVE_TTL, POSITIVE_TTL, REDIRECT_TTL, Cache, Stored
from provenance.online.verify import Verifier

NOW = datetime(2026, 11, 21, tzinfo=UTC)
LIVE = "https://twitter.com/jeremycorbyn/status/938406524728291328"
GONE = "https://twitter.com/someoneelse/status/1959918673720246272"
ARTICLE = (
    f'<blockquote class="twitter-tweet"><p>One.</p>&mdash; Jeremy Corbyn (@jeremycorbyn) <a href="{LIVE}">'
    'December 6, 2017</a></blockquote>\n'
    f'<blockquote class="twitter-tweet"><p>Two.</p>&mdash; Someone (@someoneelse) <a href="{GONE}">'
    'August 25, 2025</a></blockquote>\n'
)


pytestmark = pytest.mark.usefixtures("online_isolated")


@pytest.fixture
def web(web):
    """The shared fake web, answering for the two posts of ARTICLE."""
    web.oembed[LIVE] = live("Jeremy Corbyn", "https://twitter.com/jeremycorbyn")
    web.oembed[GONE] = status(404)
    web.captures[LIVE] = "20171206183000"
    return web


def offline_citations() -> tuple[Citation, ...]:
    return check_text(ARTICLE, "a.html", "html", Options(now=NOW)).citations


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def verifier(web: FakeWeb, folder, clock: Clock | None = None, cache: bool = True) -> Verifier:
    settings = settings_of(online.enable(Options(), environ=web.environ(), cache=cache, cache_dir=str(folder)))
    assert settings is not None
    return Verifier(settings, clock=clock or Clock())


def test_a_second_run_makes_no_requests(web, tmp_path):
    """Checking the same article again, in a new process's verifier, is answered from the cache file."""
    options = online.enable(Options(now=NOW), environ=web.environ(), cache_dir=str(tmp_path / "cache"))
    first = check_text(ARTICLE, "a.html", "html", options)
    asked = len(web.requests)
    assert asked > 0 and (tmp_path / "cache" / CACHE_FILE).is_file()
    online.close()  # as if a new process: only the file remembers
    second = check_text(ARTICLE, "a.html", "html", options)
    assert len(web.requests) == asked
    assert [c.verification for c in second.citations] == [c.verification for c in first.citations]
    assert [c.archive_url for c in second.citations] == [c.archive_url for c in first.citations]


def test_answers_expire_after_their_ttl(web, tmp_path):
    """A negative answer is asked again after NEGATIVE_TTL, a positive one only after POSITIVE_TTL."""
    clock = Clock()
    citations = offline_citations()
    with verifier(web, tmp_path, clock) as first:
        first.verify(citations)
    oembed_asked = web.count("/oembed/x")
    assert oembed_asked == 2
    clock.now += NEGATIVE_TTL.total_seconds() + 1
    with verifier(web, tmp_path, clock) as second:
        second.verify(citations)
    assert web.count(f"/oembed/x?url={GONE.replace(':', '%3A').replace('/', '%2F')}") == 2  # the 404, asked again
    assert web.count("/oembed/x") == 3  # the live post, not
    clock.now += POSITIVE_TTL.total_seconds()
    with verifier(web, tmp_path, clock) as third:
        third.verify(citations)
    assert web.count("/oembed/x") == 5


def test_no_cache_asks_every_time_and_writes_nothing(web, tmp_path):
    """--no-cache neither reads nor writes the cache file."""
    citations = offline_citations()
    for _ in range(2):
        with verifier(web, tmp_path, cache=False) as checker:
            checker.verify(citations)
    assert web.count("/oembed/x") == 4
    assert not (tmp_path / CACHE_FILE).exists()


def test_faults_are_not_cached(web, tmp_path):
    """A 503 is not remembered: the next run asks again and gets the real answer."""
    web.oembed[LIVE] = status(503, headers=[("Retry-After", "0")])
    citations = offline_citations()
    with verifier(web, tmp_path) as first:
        (before, _) = first.verify(citations)
    web.oembed[LIVE] = live("Jeremy Corbyn", "https://twitter.com/jeremycorbyn")
    with verifier(web, tmp_path) as second:
        (after, _) = second.verify(citations)
    assert before.verification is not None and before.verification.status == "unknown"
    assert after.verification is not None and after.verification.status == "live"


@pytest.mark.parametrize(
    "bad",
    [status(200, b"<html><body>Checking your browser</body></html>", "text/html"),
     status(200, b'{"author_name": "Jeremy', "application/json"),
     status(401, b'{"error": "unauthorized"}', "application/json"),
     status(403, b"<html><body>Forbidden</body></html>", "text/html")],
    ids=["html", "broken-json", "401", "html-403"],
)
def test_an_answer_that_settles_nothing_is_not_cached(web, tmp_path, bad):
    """An oEmbed answer read as 'unknown' (HTML, broken JSON, a status that is not 'gone') is asked again."""
    web.oembed[LIVE] = bad
    citations = offline_citations()
    with verifier(web, tmp_path) as first:
        (before, _) = first.verify(citations)
    web.oembed[LIVE] = live("Jeremy Corbyn", "https://twitter.com/jeremycorbyn")
    with verifier(web, tmp_path) as second:
        (after, _) = second.verify(citations)
    assert before.verification is not None and before.verification.status == "unknown"
    assert after.verification is not None and after.verification.status == "live"
    assert after.verification.author_handle == "jeremycorbyn"


def test_an_archive_answer_that_does_not_parse_is_not_cached(web, tmp_path):
    """A CDX 200 with an HTML body is no answer: the next run asks the CDX server again and finds the capture."""
    web.routes["/cdx"] = status(200, b"<html><body>Service temporarily busy</body></html>", "text/html")
    web.routes["/available"] = status(404, b"", "text/plain")  # no fallback: only the CDX server can answer
    citations = offline_citations()[:1]
    with verifier(web, tmp_path) as first:
        (before,) = first.verify(citations)
    del web.routes["/cdx"]
    with verifier(web, tmp_path) as second:
        (after,) = second.verify(citations)
    assert before.verification is not None and before.verification.archive == "unknown"
    assert before.archive_url is None
    assert after.verification is not None and after.verification.archive == "archived"
    assert after.archive_url == f"https://web.archive.org/web/20171206183000/{LIVE}"


def test_an_availability_answer_without_snapshots_is_not_cached(web, tmp_path):
    """While CDX is down, an availability error answer is not kept as "no copy": the next run finds the capture."""
    web.routes["/cdx"] = status(503, headers=[("Retry-After", "0")])
    web.routes["/available"] = status(200, b'{"url": "u", "error": "backend down"}', "application/json")
    citations = offline_citations()[:1]
    with verifier(web, tmp_path) as first:
        (before,) = first.verify(citations)
    asked = web.count(f"/available?url={LIVE.replace(':', '%3A').replace('/', '%2F')}")
    del web.routes["/available"]  # the fake archive's own answer: the capture
    with verifier(web, tmp_path) as second:
        (after,) = second.verify(citations)
    assert before.verification is not None and before.verification.archive == "unknown"
    assert after.verification is not None and after.verification.archive == "archived"
    assert after.archive_url == f"https://web.archive.org/web/20171206183000/{LIVE}"
    assert web.count(f"/available?url={LIVE.replace(':', '%3A').replace('/', '%2F')}") == asked + 1  # asked again


def test_a_short_link_that_does_not_redirect_is_not_cached(web, tmp_path):
    """A pic link answered by a block page (403 HTML) is asked again; once it redirects, the post is recovered."""
    text = "Our delegation met today. pic.twitter.com/AbCdEf1234\n— Ministry (@ministry) August 25, 2025\n"
    (citation,) = check_text(text, "a.txt", "text", Options(now=NOW)).citations
    web.routes["/pic/AbCdEf1234"] = status(403, b"<html><body>Blocked</body></html>", "text/html")
    with verifier(web, tmp_path) as first:
        (before,) = first.verify([citation])
    del web.routes["/pic/AbCdEf1234"]
    web.redirects["AbCdEf1234"] = "https://twitter.com/ministry/status/1959918673720246272/photo/1"
    with verifier(web, tmp_path) as second:
        (after,) = second.verify([citation])
    assert before.post_id is None
    assert after.post_id == "1959918673720246272"


def test_a_redirect_is_kept_longest(tmp_path):
    """The TTLs order as documented: redirects outlive positive answers, which outlive negative ones."""
    assert REDIRECT_TTL > POSITIVE_TTL > NEGATIVE_TTL
    clock = Clock()
    with Cache(tmp_path, clock) as cache:
        cache.put("HEAD", "https://t.co/a", Stored(301, "", "https://x.com/a/status/1", b""), REDIRECT_TTL)
        clock.now += POSITIVE_TTL.total_seconds() * 2
        stored = cache.get("HEAD", "https://t.co/a")
        assert stored is not None and stored.location == "https://x.com/a/status/1"
        assert cache.get("GET", "https://t.co/a") is None  # the method is part of the key
        clock.now += REDIRECT_TTL.total_seconds()
        assert cache.get("HEAD", "https://t.co/a") is None


def test_a_broken_cache_file_is_a_warning_not_a_failure(web, tmp_path, capsys):
    """A cache file that is not a database is reported once on stderr, and verification goes on."""
    (tmp_path / CACHE_FILE).write_bytes(b"this is not SQLite" * 100)
    with verifier(web, tmp_path) as checker:
        (first, _) = checker.verify(offline_citations())
    assert first.verification is not None and first.verification.status == "live"
    err = capsys.readouterr().err
    assert err.count("provenance: warning: online cache") == 1 and "disabled" in err


def test_a_cache_folder_that_cannot_be_made_is_a_warning(web, tmp_path, capsys):
    """A cache folder under a file cannot be created: one warning, no cache, still verified."""
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with verifier(web, tmp_path / "file" / "cache") as checker:
        (first, _) = checker.verify(offline_citations())
    assert first.verification is not None and first.verification.status == "live"
    assert "provenance: warning: online cache" in capsys.readouterr().err


WRITER = textwrap.dedent("""
    import sys
    from datetime import timedelta
    from pathlib import Path
    from provenance.online.cache import Cache, Stored
    folder, name = Path(sys.argv[1]), sys.argv[2]
    with Cache(folder) as cache:
        for n in range(150):
            cache.put("GET", f"https://example.com/{name}/{n}", Stored(200, "application/json", None, b"{}"),
                      timedelta(days=1))
            assert cache.problem is None, cache.problem
""")


def test_several_processes_share_one_cache(tmp_path):
    """Processes writing the same cache at once lose nothing and raise nothing (WAL, short transactions)."""
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), f"p{n}"], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for n in range(4)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
        assert b"warning" not in err
    with Cache(tmp_path) as cache:
        missing = [(p, n) for p in range(4) for n in range(150) if cache.get("GET", f"https://example.com/p{p}/{n}")
                   is None]
    assert missing == []


def test_expired_answers_are_purged_on_open(tmp_path):
    """Opening the cache drops answers whose time has passed, so the file does not grow forever."""
    clock = Clock()
    with Cache(tmp_path, clock) as cache:
        cache.put("GET", "https://example.com/old", Stored(200, "", None, b""), timedelta(seconds=10))
    clock.now += 11
    with Cache(tmp_path, clock):
        pass
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        assert db.execute("SELECT COUNT(*) FROM answers").fetchone() == (0,)
    db.close()
