"""The two real articles the project started from, checked end to end."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import SEEDS, SHARED

from provenance import FileReport, Options, check_path
from provenance.cli import main
from provenance.config import parse_published

SEED_000 = SEEDS / "000_f8d9cb38c620aa53.txt"
SEED_004 = SEEDS / "004_1ed5aa9ce87cdf07.txt"


def codes(report: FileReport) -> list[tuple[str, int | None]]:
    return [(finding.code, finding.citation) for finding in report.findings]


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seed_is_byte_for_byte_the_shared_one(seed):
    """Each bundled seed is identical to the one in ../shared/seeds."""
    shared = SHARED / "seeds" / seed.name
    if not shared.is_file():
        pytest.skip("../shared/seeds is not present")
    assert seed.read_bytes() == shared.read_bytes()


def test_seed_000_has_exactly_the_two_flattened_posts():
    """Seed 000 yields the THS Savunma and Mourad Teyeb posts, then only the ministry's unlinked statement."""
    report = check_path(SEED_000)
    assert report.error is None
    assert [(c.platform, c.handle, c.display_name) for c in report.citations if c.kind != "mention"] == [
        ("x", "THSsavunma", "THS Savunma"),
        ("x", "MouradTeyeb", "Mourad TEYEB (مــراد التـائـب)"),
    ]
    ths, mourad, ministry = report.citations
    assert ministry.kind == "mention"
    assert ths.shown_date == mourad.shown_date == date(2025, 8, 25)
    assert ths.shown_date_text == "August 25, 2025"
    assert ths.media == ("pic.twitter.com/eBMVZ216CC",)
    assert mourad.media == ("pic.twitter.com/x5FSadaubq",)
    assert ths.kind == mourad.kind == "embed"
    assert ths.url is None and mourad.url is None


def test_seed_000_bodies_are_complete_and_hold_no_article_prose():
    """Each post body runs from its first line to its pic link, with no Greek prose inside."""
    ths, mourad = check_path(SEED_000).citations[:2]
    assert ths.text is not None and mourad.text is not None
    assert ths.text.startswith("🗓️20 Ağustos 2025")
    assert ths.text.endswith("pic.twitter.com/eBMVZ216CC")
    assert "Kınalıada’nın Bingazi" in ths.text
    assert mourad.text.startswith("#Libya")
    assert mourad.text.endswith("pic.twitter.com/x5FSadaubq")
    assert "In a serious development" in mourad.text
    for body in (ths.text, mourad.text):
        assert "Βεγγάζη" not in body and "συνάντηση" not in body.lower()
    assert (mourad.hashtags[0], *mourad.hashtags[-2:]) == ("Libya", "ليبيا", "تركيا")


def test_seed_000_findings_without_a_date():
    """Without a date, seed 000 gets missing-permalink for both posts and unknown-article-date."""
    found = codes(check_path(SEED_000))
    assert ("PV106", 0) in found and ("PV106", 1) in found
    assert ("PV100", None) in found
    assert not any(code == "PV101" for code, _ in found)


def test_seed_000_posts_after_a_given_publication_date():
    """With --published 2025-08-21 both posts are after the article and the exit code is 1."""
    report = check_path(SEED_000, Options(published=parse_published("2025-08-21")))
    assert ("PV101", 0) in codes(report) and ("PV101", 1) in codes(report)
    assert "PV100" not in [code for code, _ in codes(report)]
    assert main(["check", "--published", "2025-08-21", str(SEED_000)]) == 1


def test_seed_000_date_in_post():
    """The Turkish post's own '20 Ağustos 2025' differs from its shown date and is reported."""
    report = check_path(SEED_000)
    ths = report.citations[0]
    assert [(d.text, d.day) for d in ths.dates_in_text][:1] == [("20 Ağustos 2025", date(2025, 8, 20))]
    assert ("PV104", 0) in codes(report)
    (finding,) = [f for f in report.findings if f.code == "PV104"]
    assert finding.message == (
        "check the date in the post by @THSsavunma: it writes '20 Ağustos 2025' (2025-08-20), 5 days before it was "
        "made 2025-08-25 (UTC)"
    )


def test_seed_004_date_prefix_is_the_article_date_not_body():
    """Seed 004's leading ' date 2026-02-18 ' is the article's date and no citation's text."""
    report = check_path(SEED_004)
    assert report.published is not None
    assert report.published.day == date(2026, 2, 18)
    assert report.published.source == "text-prefix"
    assert all("2026-02-18" not in (c.text or "") for c in report.citations)
    assert "PV100" not in [code for code, _ in codes(report)]


@pytest.mark.parametrize("seed", [SEED_000, SEED_004], ids=lambda p: p.name)
def test_seeds_check_cleanly_from_the_command_line(seed, capsys):
    """'provenance check' runs on each seed without an error line and exits 0 or 1."""
    assert main(["check", str(seed)]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


def test_seed_000_ministry_statement_is_an_unlinked_post_reference():
    """The ministry's social-media announcement, cited without a link, is a mention reported as PV108."""
    report = check_path(SEED_000)
    ministry = report.citations[2]
    assert (ministry.kind, ministry.platform, ministry.line) == ("mention", "social", 4)
    assert ministry.text is not None and "λογαριασμό του υπουργείου" in ministry.text
    assert ("PV108", 2) in codes(report)
    assert [code for code, _ in codes(report)].count("PV108") == 1


def test_seed_004_facebook_statement_is_an_unlinked_post_reference():
    """The Libyan General Staff's Facebook statement is a mention dated by the article's own dates."""
    report = check_path(SEED_004)
    (statement,) = report.citations
    assert (statement.kind, statement.platform, statement.line) == ("mention", "facebook", 7)
    assert statement.display_name == "Γενικό Επιτελείο της Λιβύης"
    assert [(d.text, d.day) for d in statement.dates_in_text if d.kind != "approximate"] == [
        ("23 Δεκεμβρίου", date(2025, 12, 23)),
        ("τη Δευτέρα", date(2026, 2, 16)),
    ]
    assert report.dates_in_text == statement.dates_in_text
    assert ("PV108", 0) in codes(report)


def test_seed_004_two_months_later_counts_from_the_crash():
    """Seed 004's "Δύο μήνες μετά" is two months after the 23 December written before it, an approximate date."""
    (statement,) = check_path(SEED_004).citations
    found = {(d.day, d.kind) for d in statement.dates_in_text}
    assert {
        (date(2025, 12, 23), "absolute"),
        (date(2026, 2, 16), "relative"),
        (date(2026, 2, 23), "approximate"),
    } <= found
    assert [(d.text, d.kind) for d in statement.dates_in_text if d.day == date(2026, 2, 23)] == [
        ("Δύο μήνες μετά", "approximate")
    ]
