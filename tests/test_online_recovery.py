"""Short links resolved to the posts they lead to, and archived copies found, against a local server."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from helpers import SEEDS
from online_support import FakeWeb, live, send, snowflake, status

from provenance import Options, check_path, check_text, online
from provenance.config import parse_published
from provenance.model import FileReport

NOW = datetime(2026, 11, 21, tzinfo=UTC)
BUSY = [("Retry-After", "0")]
AUG_25 = int(datetime(2025, 8, 25, 10, 0, tzinfo=UTC).timestamp() * 1000)
AUG_20 = int(datetime(2025, 8, 20, 10, 0, tzinfo=UTC).timestamp() * 1000)
FLATTENED = """The ministry's statement:
Our delegation met today. pic.twitter.com/AbCdEf1234
— Ministry (@ministry) August 25, 2025
"""
SEED = SEEDS / "000_f8d9cb38c620aa53.txt"


pytestmark = pytest.mark.usefixtures("online_isolated")


def options(web: FakeWeb, published: str | None = None) -> Options:
    base = Options(now=NOW, published=parse_published(published) if published else None)
    return online.enable(base, environ=web.environ(), cache=False)


def check(web: FakeWeb, text: str = FLATTENED, published: str | None = "2025-08-26") -> FileReport:
    return check_text(text, "article.txt", "text", options(web, published))


def test_a_pic_link_recovers_the_permalink_id_and_time(web):
    """A flattened embed's pic.twitter.com link leads to its status: permalink, ID and decoded time are filled in."""
    post_id = snowflake(AUG_25)
    web.redirects["AbCdEf1234"] = f"https://twitter.com/ministry/status/{post_id}/photo/1"
    web.oembed[f"https://twitter.com/ministry/status/{post_id}"] = live("Ministry", "https://twitter.com/ministry")
    report = check(web)
    (citation,) = report.citations
    assert citation.post_id == post_id and citation.url == f"https://x.com/ministry/status/{post_id}"
    assert citation.id_time is not None and citation.id_time.moment == datetime(2025, 8, 25, 10, 0, tzinfo=UTC)
    assert citation.verification is not None and citation.verification.recovered_from == "pic.twitter.com/AbCdEf1234"
    assert citation.verification.status == "live"
    assert ("HEAD", "/pic/AbCdEf1234") in web.requests
    assert "PV106" not in [f.code for f in report.findings]  # the post has a permalink now


def test_the_recovered_id_is_checked_against_the_shown_date(web):
    """A recovered ID made five days before the date the embed shows is a shown-date mismatch."""
    post_id = snowflake(AUG_20)
    web.redirects["AbCdEf1234"] = f"https://twitter.com/ministry/status/{post_id}/photo/1"
    report = check(web)
    mismatches = [f for f in report.findings if f.code == "PV102"]
    assert len(mismatches) == 1 and "2025-08-20" in mismatches[0].message


def test_seed_000_gets_both_posts_back(web):
    """Seed 000's two flattened posts, known only by pic links, get their permalinks and IDs."""
    first, second = snowflake(AUG_25), snowflake(AUG_25 + 60_000)
    web.redirects["eBMVZ216CC"] = f"https://twitter.com/THSsavunma/status/{first}/photo/1"
    web.redirects["x5FSadaubq"] = f"https://x.com/MouradTeyeb/status/{second}/photo/1"
    report = check_path(SEED, options(web))
    posts = [(c.handle, c.post_id) for c in report.citations if c.kind != "mention"]
    assert posts == [("THSsavunma", first), ("MouradTeyeb", second)]
    offline = check_path(SEED, Options(now=NOW))
    assert [c.post_id for c in offline.citations if c.kind != "mention"] == [None, None]


def test_a_tco_link_is_followed_through_pic_to_the_status(web):
    """t.co → pic.twitter.com → status: each hop is a short link, read by HEAD, the status never fetched."""
    post_id = snowflake(AUG_25)
    text = FLATTENED.replace("pic.twitter.com/AbCdEf1234", "https://t.co/Tco123")
    web.redirects["Tco123"] = "https://pic.twitter.com/Pic456"
    web.redirects["Pic456"] = f"https://twitter.com/ministry/status/{post_id}/photo/1"
    (citation,) = check(web, text).citations
    assert citation.post_id == post_id
    assert [r for r in web.requests if r[1].startswith(("/tco/", "/pic/"))] == [
        ("HEAD", "/tco/Tco123"), ("HEAD", "/pic/Pic456")]


def test_a_server_that_refuses_head_is_asked_with_get(web):
    """A short-link host answering 405 to HEAD is asked again with GET, its redirect read all the same."""
    post_id = snowflake(AUG_25)

    def picky(handler):
        if handler.command == "HEAD":
            send(handler, 405, b"", [("Allow", "GET")])
        else:
            send(handler, 301, b"", [("Location", f"https://twitter.com/ministry/status/{post_id}/photo/1")])

    web.routes["/pic/AbCdEf1234"] = picky
    (citation,) = check(web).citations
    assert citation.post_id == post_id
    assert [m for m, p in web.requests if p == "/pic/AbCdEf1234"] == ["HEAD", "GET"]


@pytest.mark.parametrize(
    ("redirects", "note"),
    [
        ({"AbCdEf1234": "https://example.com/story"},
         "pic.twitter.com/AbCdEf1234 leads to https://example.com/story, not to a post"),
        ({"AbCdEf1234": "https://t.co/Loop1", "Loop1": "https://pic.twitter.com/AbCdEf1234"},
         "pic.twitter.com/AbCdEf1234: redirect loop"),
        ({}, "pic.twitter.com/AbCdEf1234: no redirect (HTTP 404 Not Found)"),
    ],
    ids=["not-a-post", "loop", "dead"],
)
def test_a_short_link_that_leads_nowhere_is_a_note(web, redirects, note):
    """A short link to a page that is no post, a loop or a dead link leaves the citation as it was, with a note."""
    web.redirects.update(redirects)
    (citation,) = check(web).citations
    assert citation.post_id is None and citation.url is None
    assert citation.verification is not None
    assert citation.verification.notes[0] == f"could not recover the post from {note}"
    assert "could not verify: the post has no permalink to ask about" in citation.verification.notes
    assert all(path.startswith(("/pic/", "/tco/")) for _, path in web.requests)  # example.com never asked


def test_a_short_link_to_another_authors_post_is_not_used(web):
    """Media that leads to someone else's post (reused media) is noted, not taken as this post."""
    web.redirects["AbCdEf1234"] = f"https://twitter.com/someoneelse/status/{snowflake(AUG_25)}/photo/1"
    (citation,) = check(web).citations
    assert citation.post_id is None and citation.verification is not None
    assert "leads to a post by @someoneelse" in citation.verification.notes[0]


def test_a_short_link_that_times_out_is_a_note(web):
    """A short-link host that does not answer leaves the post unrecovered, with a note, and no crash."""
    web.routes["/pic/AbCdEf1234"] = status(503, headers=BUSY)
    (citation,) = check(web).citations
    assert citation.verification is not None and citation.post_id is None
    assert "HTTP 503 Service Unavailable, still after 2 retries" in citation.verification.notes[0]


SHORT_LINKED_EMBED = (
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Our delegation met today. '
    '<a href="https://t.co/AbCdEf1234">pic.twitter.com/AbCdEf1234</a></p>'
    "&mdash; Ministry (@ministry) August 25, 2025</blockquote>"
)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("html", f"<html><body><p>The ministry's statement:</p>\n{SHORT_LINKED_EMBED}\n</body></html>"),
        ("markdown", f"The ministry's statement:\n\n{SHORT_LINKED_EMBED}\n"),
        ("text", FLATTENED),
    ],
)
def test_a_post_known_by_its_short_links_is_recovered_in_every_input_kind(web, kind, text):
    """An X embed without its permalink gets it back from its pic link alike in HTML, Markdown and text."""
    post_id = snowflake(AUG_25)
    web.redirects["AbCdEf1234"] = f"https://twitter.com/ministry/status/{post_id}/photo/1"
    report = check_text(text, f"article.{kind}", kind, options(web, "2025-08-26"))
    (citation,) = report.citations
    assert (citation.post_id, citation.url) == (post_id, f"https://x.com/ministry/status/{post_id}")
    assert citation.handle == "ministry" and citation.shown_date_text == "August 25, 2025"
    assert citation.verification is not None and citation.verification.recovered_from == "pic.twitter.com/AbCdEf1234"
    assert ("HEAD", "/pic/AbCdEf1234") in web.requests
    assert "PV106" not in [f.code for f in report.findings]


def test_a_tco_link_in_an_embed_without_its_permalink_is_followed(web):
    """In HTML, an embed's t.co link (no pic link, no permalink) is followed through pic.twitter.com to the post."""
    post_id = snowflake(AUG_25)
    web.redirects["Tco123"] = "https://pic.twitter.com/Pic456"
    web.redirects["Pic456"] = f"https://twitter.com/ministry/status/{post_id}/photo/1"
    html = SHORT_LINKED_EMBED.replace(
        '<a href="https://t.co/AbCdEf1234">pic.twitter.com/AbCdEf1234</a>',
        '<a href="https://t.co/Tco123">https://t.co/Tco123</a>',
    )
    (citation,) = check_text(html, "article.html", "html", options(web, "2025-08-26")).citations
    assert citation.post_id == post_id
    assert citation.verification is not None and citation.verification.recovered_from == "t.co/Tco123"


# --- the Wayback Machine ---------------------------------------------------------------------

POST = "https://twitter.com/jeremycorbyn/status/938406524728291328"
EMBED = (
    '<blockquote class="twitter-tweet"><p>Our statement.</p>&mdash; Jeremy Corbyn (@jeremycorbyn) '
    f'<a href="{POST}">December 6, 2017</a></blockquote>'
)


def check_embed(web: FakeWeb) -> FileReport:
    web.oembed[POST] = live("Jeremy Corbyn", "https://twitter.com/jeremycorbyn")
    return check_text(EMBED, "article.html", "html", options(web, "2017-12-07"))


def test_the_x_com_form_is_asked_when_twitter_com_has_no_capture(web):
    """The archive is asked for the twitter.com permalink, then the x.com one."""
    web.captures["https://x.com/jeremycorbyn/status/938406524728291328"] = "20240101120000"
    (citation,) = check_embed(web).citations
    assert citation.archive_url == "https://web.archive.org/web/20240101120000/https://x.com/jeremycorbyn/status/938406524728291328"
    assert web.count("/cdx") == 2


def test_the_availability_api_stands_in_when_cdx_fails(web):
    """When the CDX server fails, the availability API's capture is used, its URL made https."""
    web.routes["/cdx"] = status(502, headers=BUSY)
    web.captures[POST] = "20171206183000"
    (citation,) = check_embed(web).citations
    assert citation.archive_url == f"https://web.archive.org/web/20171206183000/{POST}"
    assert citation.verification is not None and citation.verification.archive == "archived"
    assert citation.verification.notes == ()


def test_an_archive_that_does_not_answer_is_unknown_not_absent(web):
    """When neither Wayback API answers, the archive status is unknown, with a note, and PV203 stays silent."""
    web.routes["/cdx"] = status(200, b"<html>maintenance</html>", "text/html")
    web.routes["/available"] = status(503, headers=BUSY)
    report = check_embed(web)
    (citation,) = report.citations
    assert citation.verification is not None and citation.verification.archive == "unknown"
    (note,) = citation.verification.notes
    assert note.startswith("could not check the archive: CDX (") and "answered with HTML, not JSON" in note
    assert "availability (" in note and "HTTP 503" in note
    assert "PV203" not in [f.code for f in report.findings]


def test_no_capture_anywhere_is_a_definite_absence(web):
    """Empty answers for every form of the permalink mean no archived copy: PV203 says how to make one."""
    report = check_embed(web)
    (citation,) = report.citations
    assert citation.verification is not None and citation.verification.archive == "none"
    (finding,) = [f for f in report.findings if f.code == "PV203"]
    assert finding.message.startswith("save a copy of the post by @jeremycorbyn at https://web.archive.org/save/"
                                      "https://x.com/jeremycorbyn/status/938406524728291328: ")


@pytest.mark.parametrize(
    "body",
    [b'[["urlkey", "digest"], ["a", "b"]]', b'[["timestamp", "original"], ["yesterday", "https://x"]]',
     b'{"rows": []}'],
    ids=["no-columns", "bad-timestamp", "not-a-list"],
)
def test_a_malformed_cdx_answer_falls_back(web, body):
    """A CDX answer that is JSON but not a capture list is no answer: the availability API is asked."""
    web.routes["/cdx"] = status(200, body, "application/json")
    web.captures[POST] = "20171206183000"
    (citation,) = check_embed(web).citations
    assert citation.verification is not None and citation.verification.archive == "archived"
    assert web.count("/available") == 1


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b'{"url": "https://twitter.com/x", "error": "Wayback\\nunavailable"}',
         "answered without archived_snapshots (error: Wayback unavailable)"),
        (b'{"url": "https://twitter.com/x"}', "answered without archived_snapshots"),
        (b'{"archived_snapshots": []}', "answered without archived_snapshots"),
        (b'{"archived_snapshots": {"closest": "soon"}}', "answered with archived_snapshots but no closest capture"),
    ],
    ids=["error", "bare", "list", "odd-closest"],
)
def test_an_availability_answer_that_does_not_say_none_is_unknown(web, body, said):
    """With CDX down, an availability answer that does not say "no capture" leaves the archive unknown: no PV203."""
    web.routes["/cdx"] = status(503, headers=BUSY)
    web.routes["/available"] = status(200, body, "application/json")
    report = check_embed(web)
    (citation,) = report.citations
    assert citation.verification is not None and citation.verification.archive == "unknown"
    (note,) = citation.verification.notes
    assert f"availability ({urlsplit(web.base).netloc}): {said}" in note
    assert "PV203" not in [f.code for f in report.findings]


@pytest.mark.parametrize(
    "body",
    [b'{"url": "u", "archived_snapshots": {}}', b'{"archived_snapshots": {"closest": {"available": false}}}'],
    ids=["empty", "unavailable"],
)
def test_an_availability_answer_that_says_none_is_a_definite_absence(web, body):
    """With CDX down, the availability API's empty snapshots (or an unavailable closest one) mean no copy."""
    web.routes["/cdx"] = status(503, headers=BUSY)
    web.routes["/available"] = status(200, body, "application/json")
    report = check_embed(web)
    (citation,) = report.citations
    assert citation.verification is not None and citation.verification.archive == "none"
    assert [f.code for f in report.findings if f.code == "PV203"] == ["PV203"]


def test_an_empty_cdx_answer_means_no_capture(web):
    """The CDX server's empty body for a URL it never saw is a definite 'none', not a fault."""
    web.routes["/cdx"] = status(200, b"\n", "text/plain")
    (citation,) = check_embed(web).citations
    assert citation.verification is not None and citation.verification.archive == "none"
    assert web.count("/available") == 0
