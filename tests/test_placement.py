"""Posts in the article or in the page's furniture: structure first, the main-content extractor for the rest."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import FIXTURES

from provenance import Options, caches, check_path, check_text
from provenance.config import ConfigError, load_config, make_options
from provenance.extract import extract, placement
from provenance.load import load_text

TWEET = (
    '<blockquote class="twitter-tweet"><p lang="en">We have a deal. Crews are back on board tomorrow.</p>'
    '&mdash; Port Workers (@portworkers) <a href="https://twitter.com/portworkers/status/{id}">March 14, 2025</a>'
    "</blockquote>"
)
#: X IDs made on 2025-03-14 (before the articles below), and on 2025-03-20 and 21 (after them).
BEFORE, AFTER, LATER = "1900603371812270087", "1902650066335150087", "1903038878315950087"
PROSE = (
    "<p>The ferry strike that stranded thousands of commuters ended on Friday evening, after the union and the "
    "operator agreed on a new pay scale for the crews. Services resume on Saturday morning with the first "
    "crossing at six, the operator said.</p>"
)
HEAD = '<head><meta property="article:published_time" content="2025-03-14T18:00:00+00:00"></head>'


def _placements(page: str, kind: str = "html") -> list[tuple[str | None, str | None]]:
    """(post ID, placement) of every fragment of ``page``."""
    return [(f.post_id, f.placement) for f in extract(load_text(page, "p." + kind, kind)).fragments]


def _refuse_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any, **__: Any) -> str:
        raise AssertionError("the main-content extractor was asked")

    monkeypatch.setattr(placement, "_extractor", lambda: refuse)
    caches.clear_all()


@pytest.mark.parametrize(("wrapper", "expected"), [
    ("<aside>{}</aside>", "sidebar"),
    ('<div role="complementary">{}</div>', "sidebar"),
    ("<nav>{}</nav>", "navigation"),
    ("<header>{}</header>", "header"),
    ('<div role="contentinfo">{}</div>', "footer"),
    ("<footer>{}</footer>", "footer"),
    ('<section id="comments"><ol><li>{}</li></ol></section>', "comments"),
    ('<div class="wc-comment-text">{}</div>', "comments"),
    ('<div itemprop="comment">{}</div>', "comments"),
    ('<div class="twitter-timeline twitter-timeline-rendered">{}</div>', "feed"),
    ("<dialog>{}</dialog>", "popup"),
    ("<article>{}</article>", "article"),
    ('<div itemprop="articleBody">{}</div>', "article"),
    ('<div itemscope itemtype="https://schema.org/NewsArticle"><div>{}</div></div>', "article"),
    ('<div itemscope itemtype="https://schema.org/LiveBlogPosting"><div class="entry">{}</div></div>', "article"),
])
def test_the_page_structure_places_a_post(monkeypatch, wrapper, expected):
    """A landmark of furniture or an article container settles the placement without the extractor."""
    _refuse_extractor(monkeypatch)
    page = f"<html>{HEAD}<body>{PROSE}{wrapper.format(TWEET.format(id=BEFORE))}</body></html>"
    assert _placements(page) == [(BEFORE, expected)]


def test_a_share_link_in_the_articles_footer_is_a_share_button(monkeypatch):
    """A "Retweet this article!" link (its own class names sharing) is a share button, not a citation."""
    _refuse_extractor(monkeypatch)
    page = (f"<html><body><article>{PROSE}<footer><p>Posted by the desk.</p>"
            f"<a class='retweet' href='https://twitter.com/harbourdaily/status/{AFTER}'>Retweet this article!</a>"
            "</footer></article></body></html>")
    assert _placements(page) == [(AFTER, "share")]


def test_a_bem_element_named_header_is_a_part_of_its_box(monkeypatch):
    """``subbuzz__header`` is the header of a box in the article, not the page's header."""
    _refuse_extractor(monkeypatch)
    page = (f"<html><body><article>{PROSE}<div class='subbuzz'><h2 class='subbuzz__header'>One post "
            f"<a href='https://twitter.com/fan/status/{BEFORE}'>went viral</a></h2></div>"
            f"<div class='subbuzz__figure-footer'>Via <a href='https://twitter.com/fan/status/{AFTER}'>Twitter</a>"
            "</div></article></body></html>")
    assert _placements(page) == [(BEFORE, "article"), (AFTER, "article")]


def test_a_post_outside_the_article_the_page_marks_is_furniture(monkeypatch):
    """When an <article> holds the headline and the story, a post in an unmarked block after it is furniture."""
    _refuse_extractor(monkeypatch)
    page = (f"<html><body><article><h1>Ferry strike ends</h1>{PROSE * 3}</article>"
            "<section class='block-views-multimedia'><h2>Watch on YouTube</h2><div class='view-content'>"
            "<a href='https://youtu.be/dQw4w9WgXcQ'>The harbour in winter</a></div></section></body></html>")
    assert _placements(page) == [("dQw4w9WgXcQ", "boilerplate")]


@pytest.mark.parametrize("opening", [
    "<div itemprop='articleBody'>",
    "<div itemscope itemtype='https://schema.org/NewsArticle'>",
    "<div itemscope itemtype='http://schema.org/BlogPosting/'>",
])
def test_a_post_outside_an_article_marked_by_microdata_is_furniture(monkeypatch, opening):
    """An article container marked by microdata, not by <article>, counts as the page's article too."""
    _refuse_extractor(monkeypatch)
    page = (f"<html><body>{opening}<h1>Ferry strike ends</h1>{PROSE * 3}</div>"
            "<div class='view-content'><a href='https://youtu.be/dQw4w9WgXcQ'>The harbour in winter</a></div>"
            "</body></html>")
    assert _placements(page) == [("dQw4w9WgXcQ", "boilerplate")]


def test_an_article_element_around_the_title_alone_marks_no_article(monkeypatch):
    """An <article> that holds the headline but not the story leaves a post outside it to the extractor."""
    monkeypatch.setattr(placement, "_extractor", lambda: lambda *_, **__: None)
    caches.clear_all()
    page = (f"<html><body><article><h1>Ferry strike ends</h1></article><div class='story'>{PROSE}"
            "<a href='https://youtu.be/dQw4w9WgXcQ'>the video</a></div></body></html>")
    assert _placements(page) == [("dQw4w9WgXcQ", "article")]
    caches.clear_all()


def test_a_comment_inside_the_article_element_is_in_the_comments(monkeypatch):
    """A comment section wins over the article element around it (a WordPress comment is an <article>)."""
    _refuse_extractor(monkeypatch)
    page = (f"<html><body><article>{PROSE}<ol class='commentlist'><li><article class='comment'>"
            f"<a href='https://x.com/fan/status/{AFTER}'>see this</a></article></li></ol></article></body></html>")
    assert _placements(page) == [(AFTER, "comments")]


@pytest.mark.parametrize(("place", "expected"), [
    ('<meta property="og:description" content="Crews are back — Port Workers (@portworkers) March 14, 2025">',
     "metadata"),
    ('<script type="application/ld+json">{"articleBody": "Crews are back — Port Workers (@portworkers) '
     'March 14, 2025"}</script>', "metadata"),
    ("<!-- <p>Crews are back — Port Workers (@portworkers) March 14, 2025</p> -->", "hidden"),
])
def test_a_copy_nobody_sees_is_metadata_or_hidden(place, expected):
    """A post in the head, a script or an attribute is metadata; one in an HTML comment is hidden."""
    page = f"<html><head>{place if 'meta' in place else ''}</head><body>{PROSE}{'' if 'meta' in place else place}"
    page += "</body></html>"
    assert _placements(page) == [(None, expected)]


def test_a_link_in_the_head_is_metadata_and_leaves_the_head_alone():
    """A post link in the head (a canonical link) is metadata, and marking it does not end the head early."""
    page = (f'<html><head><title>Ferry news</title><link rel="canonical" href="https://x.com/a/status/{BEFORE}">'
            f"</head><body>{PROSE}</body></html>")
    document = load_text(page, "p.html", "html")
    assert [(f.post_id, f.placement) for f in extract(document).fragments] == [(BEFORE, "metadata")]
    assert "Ferry news" not in placement.MarkedPage(document, extract(document).fragments).prose.text


def test_text_and_markdown_posts_are_all_in_the_article(monkeypatch):
    """Plain text and Markdown have no furniture, and no page is parsed to say so."""
    monkeypatch.setattr(placement, "article_prose", lambda *_: pytest.fail("parsed"))
    caches.clear_all()
    text = f"The union wrote: https://x.com/portworkers/status/{BEFORE}\n"
    assert _placements(text, "txt") == [(BEFORE, "article")]
    assert _placements(f"# News\n\n[the post](https://x.com/portworkers/status/{BEFORE})\n", "md") == [
        (BEFORE, "article")
    ]


def _div_page(main_words: int = 6) -> str:
    """A page of bare divs: an article column with an embed, and a column of links with another."""
    story = "".join(
        f"<p>Paragraph {n} of the story: the harbour authority said the new timetable keeps the night crossings "
        f"and adds a second morning boat for commuters from the islands.</p>" for n in range(main_words)
    )
    links = "".join(f'<li><a href="/story/{n}">Another story number {n} from the archive</a></li>' for n in range(20))
    return (f"<html>{HEAD}<body><div class='wrap'><div class='col-a'><h1>Ferry strike ends</h1>{story}"
            f"{TWEET.format(id=BEFORE)}{story}</div><div class='col-b'><h3>More stories</h3><ul>{links}</ul>"
            f"<div><a href='https://twitter.com/harbourdaily/status/{AFTER}'>Our latest post</a></div>"
            f"</div></div></body></html>")


def test_the_extractor_settles_a_page_of_bare_divs():
    """On a page the structure says nothing about, a post among main text is the article's, one among links is not."""
    caches.clear_all()
    assert _placements(_div_page()) == [(BEFORE, "article"), (AFTER, "boilerplate")]


def test_soft_hyphens_in_the_article_do_not_hide_it_from_the_extractor():
    """Text with soft hyphens (which the extractor drops) is still found in its main text."""
    caches.clear_all()
    page = _div_page().replace("timetable", "time\u00adtable").replace("commuters", "com\u00admuters")
    page = page.replace("harbour", "har\u00adbour").replace("islands", "is\u00adlands")
    assert _placements(page) == [(BEFORE, "article"), (AFTER, "boilerplate")]
    caches.clear_all()


def test_without_main_text_a_post_stays_in_the_article(monkeypatch):
    """When the extractor finds no main text, doubt keeps the post in the article."""
    monkeypatch.setattr(placement, "_extractor", lambda: lambda *_, **__: None)
    caches.clear_all()
    assert _placements(_div_page()) == [(BEFORE, "article"), (AFTER, "article")]
    caches.clear_all()


def test_a_landmark_inside_the_article_is_left_to_the_extractor(monkeypatch):
    """An aside inside an article is decided by the text around it, not by the tag."""
    asked = []
    monkeypatch.setattr(placement, "_extractor", lambda: lambda text, **_: asked.append(text) or PROSE)
    caches.clear_all()
    page = f"<html><body><article>{PROSE}<aside>{TWEET.format(id=BEFORE)}</aside></article></body></html>"
    assert _placements(page) == [(BEFORE, "article")]  # nothing but main text around it
    assert len(asked) == 2  # the fast extraction, then the fallbacks: PROSE is short
    caches.clear_all()


def test_a_short_fast_extraction_is_asked_again_with_fallbacks(monkeypatch):
    """When the fast extraction finds little main text, the fallback extractors' longer text settles the post."""
    form = "Enter your e-mail address and click Next to get our newsletter every week."
    story = " ".join(
        f"Paragraph {n} of the story: the harbour authority said the new timetable keeps the night crossings "
        f"and adds a second morning boat for commuters from the islands." for n in range(6)
    )
    modes = []

    def extract(text: str, *, fast: bool, **_: Any) -> str:
        modes.append(fast)
        return form if fast else story

    monkeypatch.setattr(placement, "_extractor", lambda: extract)
    caches.clear_all()
    assert _placements(_div_page()) == [(BEFORE, "article"), (AFTER, "boilerplate")]
    assert modes == [True, False]
    caches.clear_all()


def test_rules_skip_furniture_unless_configured():
    """A sidebar post made after the article raises nothing by default; include-furniture checks it."""
    page = (f"<html>{HEAD}<body><article>{PROSE}{TWEET.format(id=BEFORE)}</article>"
            f"<aside>{TWEET.format(id=AFTER)}</aside></body></html>")
    report = check_text(page, "p.html", "html")
    assert [(c.post_id, c.in_article, c.placement) for c in report.citations] == [
        (BEFORE, True, "article"), (AFTER, False, "sidebar"),
    ]
    assert [f.code for f in report.findings] == []
    included = check_text(page, "p.html", "html", Options(include_furniture=True))
    assert [(f.code, f.citation) for f in included.findings if f.code == "PV101"] == [("PV101", 1)]


def test_a_finding_points_at_its_citation_among_all_of_them():
    """With furniture before it, a finding's citation index is the post's index in the file's citations."""
    page = (f"<html>{HEAD}<body><header><a href='https://x.com/desk/status/{LATER}'>Breaking</a></header>"
            f"<article>{PROSE}<p>The union <a href='https://x.com/u/status/{AFTER}'>wrote</a>.</p></article>"
            "</body></html>")
    report = check_text(page, "p.html", "html")
    assert [c.in_article for c in report.citations] == [False, True]
    assert [(f.code, f.citation) for f in report.findings] == [("PV101", 1)]


def test_include_furniture_is_a_config_key_and_a_flag(tmp_path):
    """include-furniture is read from the configuration, and the flag turns it on over the file."""
    config = tmp_path / ".provenance.toml"
    config.write_text("include-furniture = true\n", encoding="utf-8")
    assert make_options(load_config(config)).include_furniture is True
    config.write_text("include-furniture = false\n", encoding="utf-8")
    assert make_options(load_config(config)).include_furniture is False
    assert make_options(load_config(config), include_furniture=True).include_furniture is True
    config.write_text('include-furniture = "yes"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="include-furniture: expected a boolean"):
        load_config(config)


def test_the_furniture_fixture_keeps_every_post_and_checks_the_article_only():
    """The fixture's header, comment, sidebar and footer posts are reported as furniture and raise nothing."""
    report = check_path(FIXTURES / "cases" / "html_furniture.html", Options())
    assert [(c.handle or c.url_handle, c.placement) for c in report.citations] == [
        ("harbourdaily", "header"), ("portworkers", "article"), ("harbourferries", "article"),
        ("ferryfan", "comments"), ("harbourdaily", "sidebar"), (None, "footer"),
    ]
    assert [f.code for f in report.findings] == []
    included = check_path(FIXTURES / "cases" / "html_furniture.html", Options(include_furniture=True))
    assert sorted({f.code for f in included.findings}) == ["PV101"]


def _page_with_mentions() -> str:
    """A marked article with two mentions and an embed in it, and a mention and an embed outside it."""
    return ("<html><body><article><h1>Ferries</h1>" + PROSE * 3
            + "<p>The mayor wrote on Facebook that ferries would resume.</p>" + TWEET.format(id=BEFORE)
            + "<p>The union said on Instagram that the crews had voted.</p></article>"
            + "<div class='more'><p>The operator wrote on Facebook that fares would rise.</p></div>"
            + "<div>" + TWEET.format(id=AFTER) + "</div></body></html>")


def test_one_judge_places_every_post_of_a_page(monkeypatch):
    """The mentions and the other posts of a page are placed by one judge, made once for the page."""
    made = []
    original = placement._Judge.__init__

    def counting(self: Any, *args: Any) -> None:
        made.append(self)
        original(self, *args)

    monkeypatch.setattr(placement._Judge, "__init__", counting)
    fragments = extract(load_text(_page_with_mentions(), "p.html", "html")).fragments
    assert sorted((f.kind, f.post_id or f.text, f.placement) for f in fragments) == [
        ("embed", BEFORE, "article"),
        ("embed", AFTER, "boilerplate"),
        ("mention", "The mayor wrote on Facebook that ferries would resume.", "article"),
        ("mention", "The operator wrote on Facebook that fares would rise.", "boilerplate"),
        ("mention", "The union said on Instagram that the crews had voted.", "article"),
    ]
    assert len(made) == 1


def test_the_prose_owners_are_elements_of_the_marked_page():
    """Every element that holds a piece of an HTML page's prose is an element of the page's one parse."""
    document = load_text(_page_with_mentions(), "p.html", "html")
    page = placement.MarkedPage(document, extract(document).fragments)
    assert page.prose.tree is page.tree
    assert page.prose.owners
    assert all(owner is not None and owner.getroottree().getroot() is page.tree for owner in page.prose.owners)
    assert page.judge is page.judge


def _plain_in_full(text: str) -> str:
    """``placement._plain`` as it was written first: drop, substitute, strip, fold."""
    return placement._SPACE.sub(" ", text.translate(placement._INVISIBLE)).strip().casefold()


def test_plain_text_reads_white_space_and_invisible_characters_as_the_full_substitution_does():
    """``_plain``'s quick way sees the white space the substitution sees wherever it is taken, and the same text."""
    for code in range(0x110000):
        char = chr(code)
        if placement._NOT_PLAIN.search(char) is None:
            assert char.isspace() == (placement._SPACE.fullmatch(char) is not None), hex(code)
    for text in ("", "   ", "\x1c a\x1db \x1e", "a\u00adb\u200b c\ufeff", "Stra\u00dfe\xa0 \u2003 ONE\u3000two",
                 "\x85\t Line\u2028two\r\n\x0b\x0c", "\u1680 \u205f\u202f", "\x1f\u00ad"):
        assert placement._plain(text) == _plain_in_full(text)


def test_a_post_with_too_little_text_around_it_asks_no_extractor(monkeypatch):
    """When no ancestor of an undecided post holds enough text to tell, the extractor is not asked."""
    _refuse_extractor(monkeypatch)
    page = f"<html><body><div class='a'><p>Short.</p>{TWEET.format(id=BEFORE)}</div></body></html>"
    assert _placements(page) == [(BEFORE, "article")]
    caches.clear_all()


@pytest.mark.parametrize("reader", ["_chunks", "_signal"])
def test_the_posts_of_a_page_read_each_element_once(monkeypatch, reader):
    """The posts of a page share their ancestors: each element's text (``_chunks``) and its
    structural signal (``_signal``) are read once per page, and each post gets the same answer."""
    read = []
    original = getattr(placement, reader)

    def counting(node: Any) -> Any:
        read.append(node)
        return original(node)

    monkeypatch.setattr(placement, reader, counting)
    caches.clear_all()
    page = _div_page().replace(TWEET.format(id=BEFORE), TWEET.format(id=BEFORE) + "<p></p>" + TWEET.format(id=LATER))
    assert _placements(page) == [(BEFORE, "article"), (LATER, "article"), (AFTER, "boilerplate")]
    assert read and len(read) == len(set(read))
    caches.clear_all()


def test_a_post_inside_an_article_container_needs_no_search_of_the_page_for_one(monkeypatch):
    """An undecided post inside an article container is never outside it: the page's containers are not looked for."""
    monkeypatch.setattr(placement, "_extractor", lambda: lambda *_, **__: None)
    monkeypatch.setattr(placement, "_container_candidates", lambda: pytest.fail("searched"))
    caches.clear_all()
    page = f"<html><body><article><h1>Ferries</h1>{PROSE * 3}<div class='sidebar'>{TWEET.format(id=BEFORE)}</div>"
    assert _placements(page + "</article></body></html>") == [(BEFORE, "article")]
    caches.clear_all()


@pytest.mark.parametrize(("chars", "expected"), [(1, True), (26, True), (27, False)])
def test_holding_text_counts_the_stripped_texts_a_reader_sees(chars, expected):
    """An element holds as many characters as its visible texts have, stripped: a script counts for nothing."""
    from provenance.htmltree import parse_html  # noqa: PLC0415

    root = parse_html("<div> Twelve chars <b>six   </b><script>var x = 'ignored';</script> eleven char\n</div>")
    assert root is not None
    assert placement._holds_text(root, chars) is expected
