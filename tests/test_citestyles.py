"""Reference-list entries: APA 7, MLA 9, Chicago 17, CSL-JSON and BibTeX, and 'cite --style'."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from helpers import FIXTURES, SEEDS

from provenance.citestyles import STYLES, Post, apa, bibtex, chicago, mla, render
from provenance.cli import main
from provenance.model import Citation, IdTime

WORDS = " ".join(f"w{n}" for n in range(1, 26))
POST = Citation(
    platform="x", kind="embed", form="blockquote.twitter-tweet", line=1, column=1,
    handle="NatGeo", display_name="National Geographic", post_id="938406524728291328",
    url="https://x.com/NatGeo/status/938406524728291328", shown_date=date(2017, 12, 6), text=WORDS,
)
BARE = Citation(platform="x", kind="mention", form="flattened-text", line=1, column=1, handle="cityhall",
                text="We will not comment_further & 100% {final}.")
#: The variables of CSL 1.0.2's csl-data schema that these entries may use.
CSL_VARIABLES = {"id", "type", "author", "title", "container-title", "genre", "issued", "URL", "number"}


def test_apa_entry():
    """APA 7: author [@handle], (date), the first 20 words in italics, [Post], platform, URL."""
    words20 = " ".join(f"w{n}" for n in range(1, 21))
    assert apa(Post.of(POST)) == (
        f"National Geographic [@NatGeo]. (2017, December 6). *{words20}…* [Post]. X (Twitter). "
        "https://x.com/NatGeo/status/938406524728291328"
    )


def test_apa_without_date_or_name():
    """APA 7 writes n.d. for an unknown date and the handle alone when no name is shown."""
    entry = apa(Post.of(BARE))
    assert entry.startswith("@cityhall. (n.d.). *We will not comment\\_further & 100% {final}.* [Post].")


def test_mla_entry():
    """MLA 9: author, the text in quotes, the platform in italics, day month year, URL without scheme."""
    short = Citation(**{**POST.__dict__, "text": "Scientists knew it all along"})
    assert mla(Post.of(short)) == (
        'National Geographic [@NatGeo]. "Scientists knew it all along." *X (Twitter)*, 6 Dec. 2017, '
        "x.com/NatGeo/status/938406524728291328."
    )


def test_chicago_entry_quotes_up_to_160_characters():
    """Chicago 17: name (@handle), the text up to 160 characters, platform, Month D, YYYY, URL."""
    long = Citation(**{**POST.__dict__, "text": "word " * 60})
    entry = chicago(Post.of(long))
    assert entry.startswith('National Geographic (@NatGeo). "word word')
    quoted = entry.split('"')[1]
    assert len(quoted) <= 162 and quoted.endswith("…")
    assert entry.endswith("X (Twitter), December 6, 2017. https://x.com/NatGeo/status/938406524728291328.")


def test_csl_json_uses_the_post_type_and_known_variables():
    """CSL-JSON items are of type post with literal authors, platform, genre, issued date and URL."""
    (item,) = json.loads(render([POST], "csl-json"))
    assert set(item) <= CSL_VARIABLES
    assert item["type"] == "post" and item["id"] == "x-938406524728291328"
    assert item["author"] == [{"literal": "National Geographic [@NatGeo]"}]
    assert item["container-title"] == "X (Twitter)" and item["genre"] == "Post"
    assert item["issued"] == {"date-parts": [[2017, 12, 6]]} and item["URL"] == POST.url
    assert item["title"] == WORDS and item["number"] == POST.post_id


def test_bibtex_escapes_special_characters():
    """BibTeX entries are @misc with escaped text, braced author, year, month macro and url."""
    entry = bibtex(Post.of(BARE), "x-cityhall")
    assert entry.startswith("@misc{x-cityhall,\n  author = {{@cityhall}},")
    assert r"comment\_further \& 100\% \{final\}" in entry
    full = bibtex(Post.of(POST), "key")
    assert "  year = 2017,\n  month = dec,\n  date = {2017-12-06}," in full
    assert "  url = {https://x.com/NatGeo/status/938406524728291328},\n}" in full


def test_date_falls_back_to_the_id_time_but_not_to_estimates():
    """Without a shown date the UTC day of the ID is used; an estimate is not."""
    moment = datetime(2017, 12, 6, 23, 55, tzinfo=UTC)
    exact = Citation(**{**POST.__dict__, "shown_date": None, "id_time": IdTime(moment, "ms")})
    estimate = Citation(**{**exact.__dict__, "id_time": IdTime(moment, "estimate", timedelta(days=30))})
    assert Post.of(exact).day == date(2017, 12, 6)
    assert Post.of(estimate).day is None


def test_each_post_once_and_prose_styles_sorted_by_author():
    """A post cited twice has one entry; APA, MLA and Chicago lists are alphabetical."""
    entries = render([POST, BARE, POST], "apa").splitlines()
    assert [entry.split(" ")[0] for entry in entries] == ["@cityhall.", "National"]
    assert len(json.loads(render([POST, BARE, POST], "csl-json"))) == 2


def test_every_style_renders_nothing_for_no_citations():
    """An empty list of citations gives an empty reference list (CSL-JSON: [])."""
    for name in STYLES:
        assert render([], name) in ("", "[]\n"), name


@pytest.mark.parametrize("style", sorted(STYLES))
def test_cite_style_over_an_article_and_an_id(capsys, style):
    """'cite --style' takes article files and post IDs alike."""
    code = main(["cite", "--style", style, str(FIXTURES / "cases" / "html_standard.html"), "1578353380363501568"])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert "sdogruyol" in out and "1578353380363501568" in out


def test_cite_style_reports_bad_items_and_goes_on(tmp_path, capsys):
    """An unreadable file or an unknown item is one stderr line; the others are still cited."""
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\x00\x01\x02")
    code = main(["cite", "--style", "apa", str(binary), "not a post", str(SEEDS / "000_f8d9cb38c620aa53.txt")])
    out, err = capsys.readouterr()
    assert code == 1 and len(err.splitlines()) == 3 and "Traceback" not in err
    assert "THSsavunma" in out and "MouradTeyeb" in out


def test_a_post_cited_without_a_link_gets_no_reference_entry(capsys):
    """A mention is the article's own sentence: no entry is built from it, and stderr says why."""
    code = main(["cite", "--style", "apa", str(SEEDS / "004_1ed5aa9ce87cdf07.txt")])
    out, err = capsys.readouterr()
    assert code == 0 and out == ""
    assert err == (f"{SEEDS / '004_1ed5aa9ce87cdf07.txt'}:7:15: a post cited without a link has no reference entry; "
                   "find the post and cite it\n")
