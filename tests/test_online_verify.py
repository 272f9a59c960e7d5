"""Online verification against the platforms' oEmbed endpoints, played by a local server: answers and faults."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler

import pytest
from online_support import (
    FakeWeb,
    answer_json,
    enormous,
    live,
    redirect,
    reset,
    send,
    sequence,
    stall,
    status,
)

from provenance import Options, check_text, online
from provenance.fetch import Fetcher, default_user_agent
from provenance.formats.json_format import citation_dict
from provenance.model import FileReport
from provenance.online import OnlineSettings
from provenance.online.verify import Verifier
from provenance.state import decode_record, encode_record

POST = "https://twitter.com/jeremycorbyn/status/938406524728291328"
EMBED = (
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Our statement.</p>&mdash; Jeremy Corbyn '
    f'(@jeremycorbyn) <a href="{POST}?ref_src=twsrc%5Etfw">December 6, 2017</a></blockquote>\n'
)
OTHER_POST = "https://twitter.com/someoneelse/status/1959918673720246272"
OTHER_EMBED = (
    '<blockquote class="twitter-tweet"><p>Another.</p>&mdash; Someone (@someoneelse) '
    f'<a href="{OTHER_POST}">August 25, 2025</a></blockquote>\n'
)
NOW = datetime(2026, 11, 21, tzinfo=UTC)
#: Faults are retried at once: these tests are about answers, not patience.
BUSY = [("Retry-After", "0")]


pytestmark = pytest.mark.usefixtures("online_isolated")


def verify(web: FakeWeb, text: str = EMBED, kind: str = "html", drop: tuple[str, ...] = (), **settings: object
           ) -> FileReport:
    """The report of ``text`` checked online against ``web``, without the cache."""
    environ = {name: url for name, url in web.environ().items() if name not in drop}
    options = Options(now=NOW, sections={"online": OnlineSettings(**settings)})  # type: ignore[arg-type]
    return check_text(text, f"article.{kind}", kind, online.enable(options, environ=environ, cache=False))


def codes(report: FileReport) -> list[str]:
    return [finding.code for finding in report.findings]


def test_a_live_post_gets_its_author_and_earliest_capture(web):
    """A live post's citation carries the platform's author, the archived copy and its capture time."""
    web.oembed[POST] = live("Jeremy Corbyn", "https://twitter.com/jeremycorbyn")
    web.captures[POST] = "20171206183000"
    report = verify(web)
    (citation,) = report.citations
    verification = citation.verification
    assert verification is not None and verification.status == "live" and verification.notes == ()
    assert (verification.author_handle, verification.author_name) == ("jeremycorbyn", "Jeremy Corbyn")
    assert citation.archive_url == f"https://web.archive.org/web/20171206183000/{POST}"
    assert citation.archived_at == datetime(2017, 12, 6, 18, 30, tzinfo=UTC)
    assert not {"PV201", "PV202", "PV203"} & set(codes(report))
    entry = citation_dict(citation)
    assert entry["archived_at"] == "2017-12-06T18:30:00Z" and entry["verification"]["status"] == "live"
    assert json.dumps(entry)  # every value is JSON-ready


def test_the_oembed_request_names_the_post_and_provenance(web):
    """The X endpoint is asked about the post's URL, with omit_script, and a User-Agent naming provenance."""
    web.oembed[POST] = live("Jeremy Corbyn", "https://twitter.com/jeremycorbyn")
    verify(web)
    (method, path), *_ = web.requests
    assert method == "GET" and path.startswith("/oembed/x?url=https%3A%2F%2Ftwitter.com%2Fjeremycorbyn%2Fstatus%2F")
    assert "omit_script=true" in path
    assert web.headers[0]["user-agent"] == default_user_agent()


def test_offline_citations_carry_no_online_fields():
    """Without --online a citation has no verification, and its JSON has no online keys."""
    (citation,) = check_text(EMBED, "a.html", "html", Options(now=NOW)).citations
    assert citation.verification is None and citation.archive_url is None
    assert "verification" not in citation_dict(citation) and "archive_url" not in citation_dict(citation)


@pytest.mark.parametrize(
    ("route", "note"),
    [
        (stall(3), "timed out waiting for data (after 0.3 s)"),
        (reset(), "incomplete or malformed response: Server disconnected without sending a response."),
        (status(500, headers=BUSY), "HTTP 500 Internal Server Error, still after 2 retries"),
        (status(503, headers=BUSY), "HTTP 503 Service Unavailable, still after 2 retries"),
        (status(200, b"<!doctype html><title>Log in</title>", "text/html"), "answered with HTML, not JSON"),
        (status(200, b"<html>oops</html>", "application/json"), "answered with HTML, not JSON"),
        (status(200, b'{"author_name": ', "application/json"), "answered with malformed JSON (Expecting value)"),
        (status(200, b'{"a": "\xff"}', "application/json"), "answered with malformed JSON (not UTF-8)"),
        (status(200, b"", "application/json"), "answered with an empty body"),
        (answer_json(["not", "an", "object"]), "answered with JSON that is not an oEmbed object"),
        (enormous(2 * 1024 * 1024), "answer too large (over 1024 KiB)"),
        (enormous(2 * 1024 * 1024, declared=False), "answer too large (over 1024 KiB)"),
        (status(403, b"<html>Access denied</html>", "text/html"), "HTTP 403 Forbidden"),
        (status(401, b"", "text/plain"), "HTTP 401 Unauthorized"),
        (answer_json({"error": "Bad request"}, 400), "HTTP 400 Bad Request: Bad request"),
    ],
    ids=["slow", "reset", "500", "503", "html", "html-labelled-json", "malformed", "not-utf8", "empty", "list",
         "enormous", "enormous-chunked", "403-html", "401", "400"],
)
def test_a_fault_is_a_note_never_a_vanished_post(web, route, note):
    """Every fault leaves the post 'unknown' with a one-line note naming the endpoint, and no PV201."""
    web.oembed[POST] = route
    # Only the stalled answer needs a short timeout; the others get time to spare on a busy machine.
    report = verify(web, timeout=0.3 if "timed out" in note else 5.0)
    (citation,) = report.citations
    assert citation.verification is not None and citation.verification.status == "unknown"
    (first, *_) = citation.verification.notes
    host = web.base.removeprefix("http://")
    assert first.startswith(f"could not verify: oEmbed ({host}): ") and note in first
    assert "\n" not in first and "PV201" not in codes(report)


def test_a_redirect_loop_is_a_note(web):
    """An endpoint that redirects to itself is given up with a note, not followed forever."""
    web.routes["/oembed/x"] = lambda handler: send(handler, 302, b"", [("Location", handler.path)])
    (citation,) = verify(web).citations
    assert citation.verification is not None and citation.verification.status == "unknown"
    assert "redirect loop" in citation.verification.notes[0]
    assert web.count("/oembed/x") == 1


def test_a_redirect_to_a_private_address_is_refused(web):
    """A redirect from a configured endpoint to an address nobody configured is never requested."""
    web.oembed[POST] = redirect("http://10.255.255.1/oembed")
    (citation,) = verify(web).citations
    assert citation.verification is not None and citation.verification.status == "unknown"
    assert "refused: 10.255.255.1 is a private or local address" in citation.verification.notes[0]


def test_a_rate_limit_then_success_is_retried(web):
    """A 429 with Retry-After is retried and the post then verified."""
    web.oembed[POST] = sequence(status(429, headers=BUSY), live("Jeremy Corbyn", "https://twitter.com/jeremycorbyn"))
    (citation,) = verify(web).citations
    assert citation.verification is not None and citation.verification.status == "live"
    assert web.count("/oembed/x") == 2


def test_a_host_that_keeps_rate_limiting_is_left_alone(web):
    """After a 429 storm outlasts the retries, the host is not asked again for the next posts."""
    web.routes["/oembed/x"] = status(429, headers=BUSY)
    (first,) = verify(web).citations
    assert first.verification is not None
    assert "HTTP 429 Too Many Requests, still after 2 retries" in first.verification.notes[0]
    assert web.count("/oembed/x") == 3
    (second,) = verify(web, OTHER_EMBED).citations
    assert second.verification is not None and second.verification.status == "unknown"
    assert "is rate-limiting us" in second.verification.notes[0]
    assert web.count("/oembed/x") == 3


def test_a_deleted_post_is_gone_and_names_its_archived_copy(web):
    """A 404 makes the post gone, and PV201 points to the archived copy."""
    web.oembed[POST] = status(404, b'{"error": "Sorry, that page does not exist"}', "application/json")
    web.captures[POST] = "20171207000000"
    report = verify(web)
    (citation,) = report.citations
    assert citation.verification is not None and citation.verification.status == "gone"
    assert citation.verification.reason == "HTTP 404 Not Found: Sorry, that page does not exist"
    (finding,) = [f for f in report.findings if f.code == "PV201"]
    assert f"https://web.archive.org/web/20171207000000/{POST}" in finding.message


def test_an_x_403_is_gone_only_when_the_platform_says_so_in_json(web):
    """X's JSON 403 (a protected post) is a definite answer; the same status as an HTML page is not."""
    web.oembed[POST] = answer_json({"error": "Sorry, you are not authorized to see this status."}, 403)
    (citation,) = verify(web).citations
    assert citation.verification is not None and citation.verification.status == "gone"
    assert citation.verification.reason == "HTTP 403 Forbidden: Sorry, you are not authorized to see this status."


def test_posts_of_one_article_are_verified_together(web):
    """Each post of an article gets its own verification, in the article's order."""
    web.oembed[POST] = live("Jeremy Corbyn", "https://twitter.com/jeremycorbyn")
    web.oembed["https://twitter.com/someoneelse/status/1959918673720246272"] = status(404)
    report = verify(web, EMBED + OTHER_EMBED)
    statuses = [c.verification.status for c in report.citations if c.verification is not None]
    assert statuses == ["live", "gone"]


@pytest.mark.parametrize(
    ("embed", "asked", "answer", "author"),
    [
        ('<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
         "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
         live("Rick Astley", "https://www.youtube.com/@RickAstleyYT"), ("RickAstleyYT", "Rick Astley")),
        ('<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@scout2015/video/6718335390845095173" '
         'data-video-id="6718335390845095173"><section>caption</section></blockquote>',
         "https://www.tiktok.com/@scout2015/video/6718335390845095173",
         live("Scout", "https://www.tiktok.com/@scout2015", author_unique_id="scout2015"), ("scout2015", "Scout")),
        ('<a href="https://bsky.app/profile/bsky.app/post/3l6oveex3ii2l">post</a>',
         "https://bsky.app/profile/bsky.app/post/3l6oveex3ii2l",
         live("Bluesky", "https://bsky.app/profile/bsky.app"), ("bsky.app", "Bluesky")),
        ('<a href="https://www.reddit.com/r/news/comments/abc123/slug/">post</a>',
         "https://www.reddit.com/comments/abc123/",
         answer_json({"type": "rich", "author_name": "spez"}), ("spez", None)),
        ('<iframe src="https://mastodon.social/@Gargron/109305447439326418/embed" class="mastodon-embed"></iframe>',
         "https://mastodon.social/@Gargron/109305447439326418",
         live("Eugen Rochko", "https://mastodon.social/@Gargron"), ("Gargron", "Eugen Rochko")),
    ],
    ids=["youtube", "tiktok", "bluesky", "reddit", "mastodon"],
)
def test_each_platform_endpoint_reports_the_author(web, embed, asked, answer, author):
    """Each platform's oEmbed answer gives the post's status and its author's handle and name."""
    web.oembed[asked] = answer
    (citation,) = [c for c in verify(web, embed).citations if c.kind != "mention"]
    verification = citation.verification
    assert verification is not None and verification.status == "live", verification
    assert (verification.author_handle, verification.author_name) == author


def test_a_mastodon_server_is_asked_at_its_own_endpoint(web):
    """The Mastodon endpoint template puts the post's server in the request."""
    post = "https://mastodon.social/@Gargron/109305447439326418"
    web.oembed[post] = live("Eugen Rochko", "https://mastodon.social/@Gargron")
    verify(web, f'<a href="{post}">toot</a>')
    assert any(path.startswith("/oembed/mastodon/mastodon.social/api/oembed?url=") for _, path in web.requests)


def test_a_platform_without_a_public_endpoint_is_a_note(web):
    """An Instagram post cannot be asked about without a token: a note says so, and the archive is still asked."""
    post = "https://www.instagram.com/p/CuX_UYABrr7/"
    web.captures[post] = "20230707000000"
    (citation,) = verify(web, f'<a href="{post}">a post</a>').citations
    assert citation.verification is not None and citation.verification.status == "unknown"
    assert citation.verification.notes == ("could not verify: no public endpoint to ask Instagram",)
    assert citation.archive_url is not None


def test_a_server_on_a_local_address_is_never_asked(web):
    """A post on a server that resolves to a loopback or private address is refused, not requested."""
    text = ('<a href="https://localhost/@user/109305447439326418">a</a> '
            '<a href="https://10.0.0.7/@user/109305447439326419">b</a>')
    report = verify(web, text, drop=("PROVENANCE_OEMBED_MASTODON",))
    notes = [c.verification.notes[0] for c in report.citations if c.verification is not None]
    assert len(notes) == 2 and all("is a private or local address" in note for note in notes), notes
    assert not any(path.startswith("/oembed/") for _, path in web.requests)


def test_no_cookie_and_no_credentials_are_ever_sent(web):
    """A cookie a server sets is never sent back, and no request carries an Authorization header."""
    cookie = [("Set-Cookie", "session=secret; Path=/"), ("Retry-After", "0")]
    web.oembed[POST] = sequence(status(503, headers=cookie), status(503, headers=cookie),
                                live("Jeremy Corbyn", "https://twitter.com/jeremycorbyn"))
    web.captures[POST] = "20200101000000"
    verify(web)
    assert len(web.headers) >= 4
    assert not any("cookie" in headers or "authorization" in headers for headers in web.headers)


def test_archives_can_be_left_out(web):
    """With archives = false the Wayback Machine is not asked and the archive status stays unknown."""
    web.oembed[POST] = live("Jeremy Corbyn", "https://twitter.com/jeremycorbyn")
    (citation,) = verify(web, archives=False).citations
    assert citation.verification is not None and citation.verification.archive == "unknown"
    assert web.count("/cdx") == web.count("/available") == 0


def test_head_and_error_bodies_through_the_fetcher(web):
    """Fetcher.request returns a redirect unfollowed, a HEAD without body and an error body capped."""
    web.routes["/moved"] = redirect("/elsewhere", 302)
    web.routes["/error"] = status(404, b"x" * 10_000)

    def page(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 200, b"hello", [("Content-Type", "text/plain")])

    web.routes["/page"] = page
    with Fetcher(retries=0) as fetcher:
        moved = fetcher.request(web.base + "/moved")
        head = fetcher.request(web.base + "/page", method="HEAD")
        error = fetcher.request(web.base + "/error", error_bytes=100)
        small_error = fetcher.request(web.base + "/error", error_bytes=20_000)
    assert moved.status == 302 and moved.headers["location"] == "/elsewhere" and moved.content == b""
    assert head.status == 200 and head.content == b""
    assert error.status == 404 and error.content == b""  # over the cap: dropped, never an exception
    assert small_error.content == b"x" * 10_000


def test_a_long_retry_after_is_not_waited_for(web):
    """A 429 asking for an hour is given up at once, with the delay in the note, and the host left alone."""
    web.routes["/oembed/x"] = status(429, headers=[("Retry-After", "3600")])
    (first,) = verify(web).citations
    assert first.verification is not None
    assert "HTTP 429 Too Many Requests, retry after 3600 s" in first.verification.notes[0]
    (second,) = verify(web, OTHER_EMBED).citations
    assert second.verification is not None and "is rate-limiting us" in second.verification.notes[0]
    assert web.count("/oembed/x") == 1


def test_a_verified_report_survives_the_audit_state_file(web):
    """The online fields are written to and read back from an audit's --state file unchanged."""
    web.oembed[POST] = live("Jeremy Corbyn", "https://twitter.com/jeremycorbyn")
    web.captures[POST] = "20171206183000"
    report = verify(web)
    assert report.citations[0].verification is not None
    assert decode_record(FileReport, json.loads(json.dumps(encode_record(report)))) == report


def test_a_name_that_does_not_resolve_is_a_note():
    """With no DNS answer, each check is a note naming the host, and nothing is connected to."""
    def no_dns(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    settings = online.settings_of(online.enable(Options(), environ={}, cache=False))
    assert settings is not None
    (citation,) = check_text(EMBED, "a.html", "html", Options(now=NOW)).citations
    with Verifier(settings, resolver=no_dns) as verifier:
        verification = verifier.verify_one(citation).verification
    assert verification is not None and verification.status == "unknown" and verification.archive == "unknown"
    assert verification.notes[0] == ("could not verify: oEmbed (publish.twitter.com): cannot resolve "
                                     "publish.twitter.com (Name or service not known)")
