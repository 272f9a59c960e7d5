"""LinkedIn: update URNs, post slugs, events, comments, and Unix-millisecond IDs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from provenance.platforms import decode_time, parse_id, parse_url

ID = "6904926959046938624"
UNIX = datetime(1970, 1, 1, tzinfo=UTC)


def update_id(moment: datetime, low: int = 0) -> int:
    """The ID made at ``moment``: Unix milliseconds above 22 low bits."""
    return ((moment - UNIX) // timedelta(milliseconds=1)) << 22 | low


@pytest.mark.parametrize(
    ("url", "handle", "kind"),
    [
        (f"https://www.linkedin.com/feed/update/urn:li:activity:{ID}/", None, "activity"),
        (f"https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{ID}", None, "share"),
        (f"https://www.linkedin.com/embed/feed/update/urn:li:ugcPost:{ID}", None, "ugcPost"),
        (
            f"https://www.linkedin.com/posts/ryanabenson_more-search-url-parsing-activity-{ID}-B2Ma",
            "ryanabenson",
            "activity",
        ),
        (
            f"https://www.linkedin.com/posts/jane-doe-1a2b_title-share-{ID}-x_Yz/?utm_source=share",
            "jane-doe-1a2b",
            "share",
        ),
        (f"https://linkedin.com/posts/activity-{ID}-AbCd", None, "activity"),
    ],
)
def test_update_links_give_the_update(url: str, handle: str | None, kind: str) -> None:
    """Every update form gives the ID, the slug's member and one canonical feed-update permalink."""
    ref = parse_url(url)
    assert ref is not None
    assert (ref.platform, ref.post_id, ref.handle) == ("linkedin", ID, handle)
    assert ref.url == f"https://www.linkedin.com/feed/update/urn:li:{kind}:{ID}/"


def test_event_links_give_the_event() -> None:
    """An event link gives the event ID and its canonical event page."""
    ref = parse_url("https://www.linkedin.com/events/7084656651378536448/comments/")
    assert ref is not None and ref.post_id == "7084656651378536448"
    assert ref.url == "https://www.linkedin.com/events/7084656651378536448/"


def test_comment_links_date_the_comment() -> None:
    """A comment link cites the post but dates the comment its query names."""
    post = update_id(datetime(2023, 3, 1, 9, tzinfo=UTC), 7)
    comment_time = datetime(2023, 3, 2, 10, 11, 12, 13000, tzinfo=UTC)
    comment = update_id(comment_time, 99)
    url = (
        f"https://www.linkedin.com/feed/update/urn:li:activity:{post}/"
        f"?commentUrn=urn%3Ali%3Acomment%3A%28activity%3A{post}%2C{comment}%29"
    )
    ref = parse_url(url)
    assert ref is not None and ref.post_id == str(post) and ref.time_key == str(comment)
    decoded = decode_time(ref)
    assert decoded.moment == comment_time and decoded.note is not None and "comment" in decoded.note


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/ryanabenson/",
        "https://www.linkedin.com/pulse/some-article-ryan-benson",
        "https://www.linkedin.com/feed/",
        "https://www.linkedin.com/feed/update/urn:li:group:12345/",
        "https://www.linkedin.com/posts/ryanabenson_title-without-id",
    ],
)
def test_links_that_are_not_one_update_give_none(url: str) -> None:
    """Profiles, articles, the feed, non-post URNs and slugs without an ID are not read."""
    assert parse_url(url) is None


def test_short_links_name_a_post_without_an_id() -> None:
    """An lnkd.in link is a LinkedIn post whose ID needs resolving."""
    ref = parse_url("https://lnkd.in/dAbC123")
    assert ref is not None and ref.platform == "linkedin" and ref.post_id is None
    assert decode_time(ref).moment is None


@pytest.mark.parametrize(
    ("moment", "low"),
    [
        (datetime(2014, 2, 28, 23, 59, 59, 999000, tzinfo=UTC), 2**22 - 1),
        (datetime(2020, 11, 2, 13, 15, 38, 629000, tzinfo=UTC), 0),
        (datetime(2025, 6, 15, 6, 0, 0, 1000, tzinfo=UTC), 123456),
    ],
)
def test_derived_ids_decode_to_the_millisecond(moment: datetime, low: int) -> None:
    """An ID built from a chosen time decodes back to that millisecond, by URN or bare number."""
    number = update_id(moment, low)
    for raw in (str(number), f"urn:li:ugcPost:{number}"):
        ref = parse_id(raw, "linkedin")
        assert ref is not None
        decoded = decode_time(ref)
        assert (decoded.moment, decoded.precision, decoded.problem) == (moment, "ms", None)


@pytest.mark.parametrize(
    ("number", "problem"),
    [
        (update_id(datetime(1999, 1, 1, tzinfo=UTC)), "before LinkedIn"),
        (update_id(datetime(2039, 6, 1, tzinfo=UTC)), "future"),
    ],
)
def test_implausible_ids_have_a_problem(number: int, problem: str) -> None:
    """IDs that decode to before LinkedIn existed or to the future are problems, not dates."""
    ref = parse_id(str(number), "linkedin")
    assert ref is not None
    decoded = decode_time(ref)
    assert decoded.moment is None and decoded.problem is not None and problem in decoded.problem


@pytest.mark.parametrize("raw", ["", "urn:li:comment:123", str(2**63), "abc"])
def test_malformed_ids_give_none(raw: str) -> None:
    """Empty, non-update URNs, over-63-bit and non-numeric IDs are not read."""
    assert parse_id(raw, "linkedin") is None
