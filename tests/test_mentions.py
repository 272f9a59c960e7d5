"""Posts cited in prose without a link: phrases per language, prose of each kind, embeds and the corpus."""

from __future__ import annotations

import html
import random
import re
from datetime import date
from typing import Any

import pytest
from helpers import shared_corpus

from provenance import caches, check_path, check_text
from provenance.extract import extract, mention_patterns, mentions, placement, scan
from provenance.extract.mention_patterns import (
    MentionMatch,
    compile_language,
    languages,
    match_sentence,
    prose_languages,
)
from provenance.extract.mentions import article_dates, find_mentions
from provenance.extract.prose import Marker, Prose, article_prose
from provenance.formats.json_format import file_dict
from provenance.formats.text import render_summary
from provenance.load import load_path, load_text
from provenance.model import DocumentKind, Fragment, Report
from provenance.platforms import PLATFORMS

#: Per language: a sentence that cites a post without a link (with its platform), and a sentence
#: about social media in general that cites none. Written for these tests.
LANGUAGE_CASES = {
    "en": ("The senator wrote on Instagram that she would not run again.", "instagram",
           "Social media is changing politics in many countries."),
    "el": ("Σε ανάρτησή του στο Facebook, ο δήμαρχος ανακοίνωσε το κλείσιμο των σχολείων.", "facebook",
           "Τα μέσα κοινωνικής δικτύωσης αλλάζουν την πολιτική ζωή."),
    "tr": ("Bakanlık, X hesabından yaptığı paylaşımda tatbikatın tamamlandığını duyurdu.", "x",
           "Sosyal medya gençlerin hayatını her gün biraz daha değiştiriyor."),
    "de": ("Die Ministerin schrieb am Abend auf Instagram, sie sei erleichtert.", "instagram",
           "Die sozialen Medien verändern die Politik seit Jahren."),
    "fr": ("Le ministre a réagi sur Twitter en dénonçant une provocation.", "x",
           "Les réseaux sociaux transforment la vie politique."),
    "es": ("La alcaldesa publicó en su cuenta de Facebook un mensaje de condolencias.", "facebook",
           "Las redes sociales están cambiando la política."),
    "it": ("Il sindaco ha scritto sui social che la scuola resterà chiusa.", "social",
           "I social network stanno cambiando la politica italiana."),
    "pt": ("O governador publicou no Instagram um vídeo da enchente.", "instagram",
           "As redes sociais estão mudando a política brasileira."),
    "ar": ("وقال الوزير في تغريدة على تويتر إن المحادثات كانت مثمرة.", "x",
           "وسائل التواصل الاجتماعي تغير السياسة في العالم كله."),
    "ru": ("Министр написал в своем Telegram-канале, что переговоры продолжатся.", "telegram",
           "Социальные сети меняют политику во всем мире."),
    "cs": ("Premiér napsal na Twitteru, že vláda odstoupí.", "x",
           "Sociální sítě mění politiku po celém světě."),
}


@pytest.mark.parametrize("lang", sorted(LANGUAGE_CASES))
def test_each_language_finds_a_cited_post(lang):
    """A sentence citing a post is matched, in its own language and when every language is tried."""
    sentence, platform, _ = LANGUAGE_CASES[lang]
    own = match_sentence(sentence, (lang,))
    assert own is not None and (own.lang, own.platform) == (lang, platform)
    found = match_sentence(sentence)
    assert found is not None and found.lang == lang


@pytest.mark.parametrize("lang", sorted(LANGUAGE_CASES))
def test_each_language_ignores_social_media_in_general(lang):
    """A sentence about social media in general matches in no language."""
    general = LANGUAGE_CASES[lang][2]
    assert match_sentence(general, (lang,)) is None
    assert match_sentence(general) is None


def test_every_language_has_a_data_file_with_known_platforms():
    """The ten required languages and Czech ship data files whose platforms are registry names or social."""
    table = languages()
    assert set(LANGUAGE_CASES) <= set(table)
    extra = {"social", "truthsocial", "nsosyal", "vk"}  # platforms prose names that provenance does not decode
    for language in table.values():
        assert {platform for _, platform, _ in language.platform_names} <= set(PLATFORMS) | extra


@pytest.mark.parametrize("sentence", [
    "Follow us on Twitter and Facebook for the latest news.",
    "Share on Facebook, share on X or send this story by email.",
    "We use cookies to improve the site; our Facebook page explains how they are shared.",
    "Folgen Sie uns auf Instagram, um keine Geschichte zu verpassen.",
    "Suivez-nous sur Twitter et sur Facebook pour ne rien manquer.",
])
def test_page_furniture_is_not_a_citation(sentence):
    """Follow and share prompts and cookie notices are no mention of a post."""
    assert match_sentence(sentence) is None


def test_a_bare_platform_verb_needs_a_quote_or_a_name():
    """"tweeted" alone cites a post only when the sentence quotes it or names who posted."""
    assert match_sentence("Both men simply tweeted out an accusation or two and waited.") is None
    found = match_sentence("Goldberg tweeted he was “honoured” to open the season.")
    assert found is not None and (found.platform, found.display_name) == ("x", "Goldberg")


@pytest.mark.parametrize(("sentence", "name"), [
    ("A reporter at the scene, Dana Whitfield, tweeted that the hall was empty.", "Dana Whitfield"),
    ("The bug was first spotted by Omar Haddad on Twitter last spring.", "Omar Haddad"),
    ("„Wir sind bereit“, schreibt auf Instagram Lena Vogt.", "Lena Vogt"),
    ("Und nicht nur Mia, die ein Foto mit ihren Fans auf Instagram teilte, war begeistert.", "Mia"),
    ("Der Präsident schrieb auf Twitter, er sei zufrieden.", None),
    ("In a statement posted on its Facebook page, the Port Authority of Piraeus said the piers were safe.",
     "Port Authority of Piraeus"),
    ("Σε δήλωση που δημοσιεύτηκε στη σελίδα του στο Facebook, το Υπουργείο Εξωτερικών της Κύπρου αναφέρει ότι "
     "οι συνομιλίες συνεχίζονται.", "Υπουργείο Εξωτερικών της Κύπρου"),
    ("Министр написал в своем Telegram-канале, что переговоры продолжатся.", None),
])
def test_who_posted_is_read_next_to_the_phrase(sentence, name):
    """The account that posted is taken from a name beside the phrase, never from a common noun."""
    found = match_sentence(sentence)
    assert found is not None and found.display_name == name


def test_a_handle_next_to_the_phrase_is_the_author():
    """An @handle beside the phrase becomes the mention's handle."""
    found = match_sentence("The Twitter user @rivers_watch posted on X that the bridge had closed.")
    assert found is not None and found.handle == "rivers_watch"


def test_the_data_format_compiles_templates():
    """Lists, optional lists, gaps, literal words, exact and wildcard entries compile as documented."""
    language = compile_language("zz", {
        "platforms": {"x": ["=X", "Twitter*"], "social": ["social media"]},
        "platform_verbs": {"x": ["tweeted"]},
        "words": {"verb": ["wrote"], "at": ["on"], "det": ["his"], "gap_stop": ["and"]},
        "patterns": ["{verb} ~2 {at} {det}? {platform}", "took to {platform}", "{platform_verb}"],
        "exclude": ["follow us"],
    })
    assert language.pattern.search("He wrote yesterday on his X account")
    assert language.pattern.search("She wrote on Twitterverse")
    assert not language.pattern.search("He wrote on x")  # "=X" matches only as written
    assert not language.pattern.search("He wrote one two three on X")  # a gap of three words is too long
    assert not language.pattern.search("He wrote and then on X")  # a gap does not cross "and"
    assert language.pattern.search("They took to social media")
    found = language.pattern.search("She took to Twitter")
    assert found is not None and language.platform_of("platform", found.group("platform")) == "x"
    assert language.exclude is not None and language.exclude.search("Follow us on X")


@pytest.mark.parametrize(("data", "problem"), [
    ({"platforms": {"x": ["X"]}, "patterns": ["{verb} {platform}"]}, "not a word list"),
    ({"platforms": {"x": ["X"]}, "words": {"verb": ["wrote"]}, "patterns": ["{verb} on"]}, "names no platform"),
    ({"platforms": {"x": ["X"]}}, "no patterns"),
])
def test_a_broken_data_file_is_named(data, problem):
    """A data file with an unknown list, a pattern without a platform token or no pattern is refused."""
    with pytest.raises(ValueError, match=problem):
        compile_language("zz", data)


def test_arabic_clitics_attach_to_any_word():
    """Arabic conjunctions and prepositions glued to a word ("وقال", "بتغريدة") still match."""
    assert match_sentence("وكتب الرئيس بتغريدة أن الاجتماع كان ناجحا جدا.", ("ar",)) is not None


def test_languages_of_the_prose_put_the_declared_one_first():
    """The declared language comes first, then the languages whose common words the prose uses."""
    spanish = "El presidente dijo que la ley de la república es para todos y que no habrá cambios en el país. " * 3
    found = prose_languages(spanish, "en")
    assert found[0] == "en" and "es" in found and "de" not in found
    assert set(prose_languages("Kurz.", None)) == set(languages())  # too short to tell: every language


SUFFIXES: dict[DocumentKind, str] = {"text": "txt", "markdown": "md", "html": "html"}


def _text_mentions(text: str, kind: DocumentKind = "text") -> list[Fragment]:
    document = load_text(text, f"article.{SUFFIXES[kind]}", kind)
    return [f for f in extract(document).fragments if f.kind == "mention"]


def _every_candidate(text):
    """Where a platform word starts in ``text``, by trying every stem and name at every place."""
    stems, exact = mention_patterns._all_stems()
    lowered = text.lower()
    return sorted({at for at in range(len(text)) for stem in stems if lowered.startswith(stem, at)}
                  | {at for at in range(len(text)) for name in exact if text.startswith(name, at)})


@pytest.mark.parametrize("no_hyperscan", ["", "1"])
def test_candidate_positions_are_where_every_platform_word_starts(monkeypatch, no_hyperscan):
    """Each place once, with the compiled scan and without: a word that starts with another stem
    (твитнул, Insta) and a name next to one (IG, X) are found where they stand."""
    monkeypatch.setenv(scan.ENV_NO_HYPERSCAN, no_hyperscan)
    scan.backend.cache_clear()
    try:
        rng = random.Random(7)
        pieces = ["Insta", "INSTAGRAM", "твитнул", "Твиттере", "X", "x", "IG", "FB", "Threads", "tweet", "tuíte",
                  "تويتر", "Φέισμπουκ", "TikTok", " ", ", ", "\n", "é", "Σ", "retweeted", "a"]
        for _ in range(50):
            text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30)))
            expected = _every_candidate(text) if len(text.lower()) == len(text) else None
            assert mention_patterns.candidate_positions(text) == expected
            assert mention_patterns.candidate_positions(text, one_pass=False) == expected
        assert mention_patterns.candidate_positions("She retweeted it on Insta.") == [4, 6, 20]
    finally:
        scan.backend.cache_clear()


def test_sentences_end_where_a_lookbehind_for_the_mark_ends_them():
    """The sentence scan matches the final mark instead of looking behind for it, and still cuts
    where the lookbehind pattern cuts: after runs of marks, closing quotes, line ends and spaces."""
    lookbehind = re.compile(r"(?<=[.!?…;;؟])[\"”’»)]*\s+(?=[\"“„«'‘(¿¡A-ZÉΣ0-9])|\n")
    pieces = [".", "!", "?", "…", ";", ";", "؟", "\"", "”", "’", "»", ")", " ", "  ", "\n", "\t", "A", "É", "Σ", "7",
              "a", "word", "(", "¿", "«", "'", "‘", "“"]
    rng = random.Random(11)
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40)))
        expected, start = [], 0
        for boundary in lookbehind.finditer(text):
            if boundary.start() > start:
                expected.append((start, boundary.start()))
            start = boundary.end()
        if start < len(text):
            expected.append((start, len(text)))
        assert list(mentions._sentences(text)) == expected, text
    assert list(mentions._sentences("Yes?! \"No.\" Maybe\nso")) == [(0, 5), (6, 10), (12, 17), (18, 20)]


def test_a_text_mention_lands_on_its_line_and_column():
    """A mention in plain text is a fragment at the phrase's line and column, with its sentence as text."""
    text = "Storms closed the port.\n\nThe mayor wrote on Facebook that ferries would resume.\n"
    (mention,) = _text_mentions(text)
    assert (mention.line, mention.column, mention.platform, mention.form) == (3, 11, "facebook", "prose")
    assert mention.text == "The mayor wrote on Facebook that ferries would resume."


HTML_PAGE = """<!doctype html>
<html><head><meta name="twitter:card" content="summary"><title>Port</title>
<script>var note = "She wrote on Instagram that it is closed";</script></head>
<body><nav><a href="/">Home</a> Follow us on Twitter</nav>
<article><p>Storms closed the port on Monday.</p>
<p>The mayor&#8217;s office said on <em>Facebook</em> that ferries would resume.</p>
<p>Residents said on Twitter that <a href="https://x.com/harbourwatch/status/1866000000000000000">the pier
was flooded</a>.</p></article>
<div class="comments-area"><p>A reader wrote on Instagram that the port was open.</p></div>
<footer>Share on Facebook</footer></body></html>
"""


def test_html_mentions_come_from_the_article_prose_only():
    """Scripts, navigation, comments and footers are skipped, and a sentence that links its post is linked."""
    document = load_text(HTML_PAGE, "page.html", "html")
    fragments = extract(document).fragments
    found = [f for f in fragments if f.kind == "mention"]
    assert [(f.platform, f.line) for f in found] == [("facebook", 6)]
    assert [f.kind for f in fragments].count("link") == 1
    line = HTML_PAGE.split("\n")[5]
    assert line[found[0].column - 1 :].startswith("said on")


def test_a_minified_page_still_gives_the_column():
    """In a page on one line the mention's column points at the phrase in the source."""
    page = ("<html><body><p>Nothing here.</p><p>The club announced on Instagram that the coach had left.</p>"
            "</body></html>")
    (mention,) = _text_mentions(page, "html")
    assert mention.line == 1 and page[mention.column - 1 :].startswith("announced on Instagram")


def test_markdown_links_and_emphasis():
    """Emphasis does not hide a platform; a Markdown link to the post makes the sentence linked."""
    text = (
        "# Port\n\nThe mayor wrote on **Facebook** that ferries would resume.\n\n"
        "Residents said on [X](https://x.com/harbourwatch/status/1866000000000000000) that the pier flooded.\n"
    )
    assert [(f.platform, f.line) for f in _text_mentions(text, "markdown")] == [("facebook", 3)]


EMBED = ('<blockquote class="twitter-tweet"><p lang="en">The pier is closed.</p>&mdash; {name} (@{handle}) '
         '<a href="https://twitter.com/{handle}/status/938406524728291328">December 6, 2017</a></blockquote>')


def test_a_sentence_that_introduces_its_embed_is_the_embeds():
    """"X wrote on Twitter:" right above X's embed is that embed, not a second citation."""
    embed = EMBED.format(name="Jeremy Corbyn", handle="jeremycorbyn")
    page = f"<html><body><p>Jeremy Corbyn wrote on Twitter:</p>{embed}</body></html>"
    report = check_text(page, "page.html", "html")
    assert [c.kind for c in report.citations] == ["embed"]


def test_a_mention_naming_another_author_than_the_embed_is_kept():
    """A mention by someone the adjacent embed does not show is another post, and is reported."""
    page = (f"<html><body><p>Ana Torres wrote on Twitter that the pier is safe.</p>"
            f"{EMBED.format(name='Port Watch', handle='portwatch')}</body></html>")
    report = check_text(page, "page.html", "html")
    assert [(c.kind, c.display_name) for c in report.citations] == [("embed", "Port Watch"), ("mention", "Ana Torres")]
    (finding,) = [f for f in report.findings if f.code == "PV108"]
    assert finding.message.startswith(
        "link or embed the post: an X (Twitter) post by Ana Torres is cited without a link")


def test_a_social_media_mention_paragraphs_away_from_an_embed_is_kept():
    """A mention that names no platform is tied only to an embed right beside it."""
    filler = "The delegation toured the harbour and met the mayor, who spoke about the new ferry lines. " * 3
    text = (
        "The ministry said in a post on its social media account that the talks went well.\n"
        + "\n".join([filler] * 3)
        + "\nOur delegation met today. pic.twitter.com/AbCdEf1234\n— Ministry (@ministry) August 25, 2025\n"
    )
    report = check_text(text, "article.txt", "text")
    assert [(c.kind, c.platform) for c in report.citations] == [("embed", "x"), ("mention", "social")]


def test_a_page_without_a_platform_word_is_not_parsed(monkeypatch):
    """The cheap test skips parsing a page that names no platform at all."""
    def refuse(*_: Any) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(placement, "article_prose", refuse)
    caches.clear_all()
    document = load_text("<html><body><p>The mayor spoke at length about ferries.</p></body></html>", "p.html", "html")
    assert list(find_mentions(document)) == []


def test_the_prose_languages_are_read_only_for_a_sentence_long_enough(monkeypatch):
    """A platform word in a label or menu entry ("Share on Facebook") asks for no language
    detection; a sentence of four words or more does, and its mention is found."""
    asked = []

    def languages_of(text: str, declared: str | None = None) -> tuple[str, ...]:
        asked.append(text)
        return prose_languages(text, declared)

    monkeypatch.setattr(mentions, "prose_languages", languages_of)
    labels = "<p>Share on Facebook</p><p>Follow us: Twitter</p>"
    page = f"<html><body>{labels}<p>The mayor spoke at length about ferries.</p></body></html>"
    assert list(find_mentions(load_text(page, "p.html", "html"))) == []
    assert asked == []
    cited = page.replace("</body>", "<p>The senator wrote on Instagram that she would not run again.</p></body>")
    found = list(find_mentions(load_text(cited, "q.html", "html")))
    assert [fragment.platform for fragment in found] == ["instagram"]
    assert len(asked) == 1


def test_article_dates_point_into_the_document():
    """A mention's article dates come from the prose, relative ones read against the article day, at source offsets."""
    page = ("<html><body><p>The storm hit on 3 March 2025.</p>\n<p>On Monday the mayor wrote on Facebook "
            "that ferries would resume.</p></body></html>")
    document = load_text(page, "p.html", "html")
    dates = article_dates(document, extract(document).fragments, date(2025, 3, 12))
    assert [(d.text, d.day, d.kind) for d in dates] == [
        ("3 March 2025", date(2025, 3, 3), "absolute"), ("On Monday", date(2025, 3, 10), "relative"),
    ]
    assert all(page[d.offset : d.offset + len(d.text)] == d.text for d in dates)
    assert article_dates(load_text("No posts here.", "a.txt", "text"), [], None) == ()


def test_extraction_hands_the_article_dates_forward():
    """extract() returns the prose's dates with the fragments, read against the reference day it is given."""
    page = ("<html><body><p>The storm hit on 3 March 2025.</p>\n<p>On Monday the mayor wrote on Facebook "
            "that ferries would resume.</p></body></html>")
    document = load_text(page, "p.html", "html")
    extraction = extract(document, date(2025, 3, 12))
    assert extraction.dates_in_text == article_dates(document, extraction.fragments, date(2025, 3, 12))
    assert [d.day for d in extraction.dates_in_text] == [date(2025, 3, 3), date(2025, 3, 10)]
    assert extract(load_text("No posts here.", "a.txt", "text"), date(2025, 3, 12)).dates_in_text == ()


def test_extraction_reads_the_page_once_and_hands_it_to_each_step(monkeypatch):
    """extract() parses a page once for the mentions, the placement and the prose dates, keeping no copy for later."""
    page = ('<html><body><p>The storm hit on 3 March 2025.</p>\n<p>On Monday the mayor wrote on Facebook '
            'that ferries would resume.</p><aside><a href="https://x.com/a/status/1866000000000000000">x</a>'
            "</aside></body></html>")
    document = load_text(page, "p.html", "html")
    parses: list[str] = []
    marked_page = placement.marked_page
    monkeypatch.setattr(placement, "marked_page", lambda *args: parses.append("page") or marked_page(*args))
    caches.clear_all()
    first = extract(document, date(2025, 3, 12))
    assert parses == ["page"]
    assert [f.kind for f in first.fragments] == ["mention", "link"] and len(first.dates_in_text) == 2
    assert extract(document, date(2025, 3, 12)) == first and parses == ["page", "page"]


def test_the_json_report_carries_the_article_dates():
    """A file with a mention lists the article's dates at file level and on the mention."""
    text = " date 2025-03-12 The storm hit on 3 March 2025. The mayor wrote on Facebook that ferries would resume."
    (file,) = [file_dict(check_text(text, "a.txt", "text"))]
    assert [d["date"] for d in file["dates_in_text"]] == ["2025-03-03"]
    assert file["citations"][0]["dates_in_text"] == file["dates_in_text"]


def test_the_prose_of_a_page_skips_embeds_and_marks_them():
    """Embed regions are cut out of the prose and leave a marker at their place."""
    page = f"<html><body><p>Before.</p>{EMBED.format(name='J', handle='jeremycorbyn')}<p>After.</p></body></html>"
    start = page.index("<blockquote")
    prose = article_prose(load_text(page, "p.html", "html"), [(start, page.index("</blockquote>") + 13)])
    assert "pier" not in prose.text and "Before." in prose.text and "After." in prose.text
    assert [m.source for m in prose.markers] == [start]


@pytest.mark.parametrize("kind", ["html", "markdown", "text"])
def test_the_markers_of_a_prose_are_in_order(kind: DocumentKind) -> None:
    """Markers come in order of position, whatever order the spans are given in: the mention
    rule bisects them."""
    embed = EMBED.format(name="J", handle="jeremycorbyn")
    page = f"<p>One.</p>{embed}<p>Two.</p>{embed}{embed}<p>Three.</p>{embed}\n"
    starts = [index for index in range(len(page)) if page.startswith("<blockquote", index)]
    spans = [(begin, page.index("</blockquote>", begin) + 13) for begin in reversed(starts)]
    prose = article_prose(load_text(page, "p", kind), spans)
    assert [m.source for m in prose.markers] == starts
    positions = [m.position for m in prose.markers]
    assert positions == sorted(positions)


def _visible(line: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", line)).split())


#: Sentences the corpus labels leave out that do cite a post without a link, by page and line:
#: cubadebate reports what "the Party's Twitter account" said, below an embed of another account.
UNLABELLED_MENTIONS = {"trafilatura__cubadebate.cu-sesiona.html": [254]}


#: All mention citations on the corpus (docs/mentions.md): the 4 labelled phrases without a link,
#: elfaro.net's Bukele sentence and cubadebate.cu's, which the labels leave out.
CORPUS_MENTIONS = 6


def test_corpus_unlinked_references_are_found_and_other_pages_have_none():
    """Every labelled unlinked reference is a mention on its line (or the link citation there), and no
    mention stands elsewhere than on a labelled phrase's line or a known omission of the labels."""
    folder, labels = shared_corpus()
    missing = []
    spurious = []
    total = 0
    for page in labels:
        path = folder / page["file"]
        report = check_path(path)
        lines = load_path(path).text.split("\n")
        mentioned = {c.line for c in report.citations if c.kind == "mention"}
        total += sum(1 for c in report.citations if c.kind == "mention")
        linked_ids = {post["post_id"] for post in page.get("linked_posts") or []}
        linked = {place for c in report.citations if c.kind == "link" and c.post_id in linked_ids
                  for place in [(c.line, c.column), *c.also_at]}
        allowed = set(UNLABELLED_MENTIONS.get(page["file"], []))
        for phrase in page.get("unlinked_references") or []:
            where = {number for number, line in enumerate(lines, 1) if phrase in _visible(line)}
            allowed |= where
            if not where & (mentioned | {line for line, _ in linked}):
                missing.append((page["file"], phrase))
        if mentioned - allowed:
            spurious.append((page["file"], sorted(mentioned - allowed)))
    assert missing == []
    assert spurious == []
    assert total == CORPUS_MENTIONS


def test_a_bare_link_in_the_sentence_makes_it_linked():
    """In plain text a post URL inside the sentence makes the mention a link citation only."""
    text = "The mayor wrote on X https://x.com/cityhall/status/1866000000000000000 that the vote is off.\n"
    report = check_text(text, "a.txt", "text")
    assert [c.kind for c in report.citations] == ["link"]


SEARCH_SENTENCES = [
    *(case[0] for case in LANGUAGE_CASES.values()),
    *(case[2] for case in LANGUAGE_CASES.values()),
    "Ayer, usuario de Twitter @pepe dijo que no.",
    "The mayor said , \"Facebook post\" was fake, and on Twitter the mayor wrote that it was true.",
    "Er schrieb auf X: „Wir sind bereit“, und postete dann auf Instagram ein Foto.",
    "Social media users shared a tweet; the minister's Facebook post followed.",
]


@pytest.mark.parametrize("lang", sorted(LANGUAGE_CASES))
def test_the_fast_search_finds_what_the_pattern_finds(lang):
    """A language's search returns the pattern's leftmost match, groups and all, on every sentence."""
    language = languages()[lang]
    for sentence in SEARCH_SENTENCES:
        expected, found = language.pattern.search(sentence), language.search(sentence)
        assert (found and (found.span(), found.groupdict())) == (expected and (expected.span(), expected.groupdict()))


def test_templates_that_may_begin_anywhere_are_searched_whole():
    """A template that begins with a gap, or needs no platform word, is searched with the whole pattern."""
    data = {
        "platforms": {"x": ["Twitter"]},
        "words": {"verb": ["wrote"], "at": ["on"], "det": ["the"]},
        "patterns": ["~2 {verb} {at} {platform}", "{det}? {verb} {at} {platform}?"],
    }
    language = compile_language("zz", data)
    assert language.leads is None and language.platform_words is None
    optional = compile_language("zz", {**data, "patterns": ["{det}? {verb} {at} {platform}"]})
    assert optional.leads is not None and optional.lead_separators and optional.platform_words is not None
    for sentence in ("She wrote on Twitter today.", "Then, “wrote on Twitter” he said.", "The man wrote on"):
        for compiled in (language, optional):
            expected, found = compiled.pattern.search(sentence), compiled.search(sentence)
            assert (found and found.span()) == (expected and expected.span())
    found = optional.search("Yes, wrote on Twitter")
    assert found is not None and found.start() == 3  # the separators before the lead belong to the match


def test_html_prose_collapses_white_space_and_reads_entities():
    """Runs of white space become one space, entities are read, and hidden or furniture elements are skipped."""
    page = ("<html><body><p>One\u00a0two\t\tthree  four &amp;amp; five</p>"
            "<p class='share-bar'>Share</p><p style='display: none'>Hidden</p>"
            "<p>Seven <a class='social' href='https://x.com/a/status/1'>eight</a></p><p>nine</p></body></html>")
    prose = article_prose(load_text(page, "p.html", "html"))
    assert prose.text == "One two three four & five\nSeven \nnine\n"
    position = prose.text.index("nine")
    assert page[prose.source_offset(position) :].startswith("nine")


def _describes_embed_by_every_marker(prose, found, spans, sentence, match):  # the rule, read plainly
    start, end = sentence
    for marker in prose.markers:
        below = marker.position >= end
        between = prose.text[end : marker.position] if below else prose.text[marker.position : start]
        embed = mentions._embed_at(found, marker.source, spans)
        platform = embed.platform if embed is not None else None
        if match.platform != "social" and platform is not None and platform != match.platform:
            continue
        named = platform is not None and match.platform != "social"
        limit = mentions.MAX_GAP_BEFORE_EMBED if below and named else mentions.MAX_GAP_NEAR_EMBED
        if len("".join(between.split())) > limit:
            continue
        if embed is None:
            return True
        shown = mentions._fold(" ".join(filter(None, (embed.display_name, embed.handle, embed.text))))
        words = [word for word in mentions._fold(match.display_name or "").split() if len(word) > 2]
        if not shown or not words or any(word in shown for word in words):
            return True
    return False


def test_nearest_embeds_first_decides_as_every_embed_would():
    """Looking only at the embeds nearest a sentence decides as looking at every embed does."""
    chooser = random.Random(7)
    for _ in range(300):
        text = "".join(chooser.choice(["word ", "  ", "\n", "x" * chooser.randint(1, 900)]) for _ in range(60))
        markers = sorted({chooser.randrange(len(text) + 1) for _ in range(chooser.randint(0, 12))})
        spans = [(10_000 + 100 * n, 10_050 + 100 * n) for n in range(len(markers))]
        found = [
            Fragment("embed", "blockquote", s, 1, 1, platform=chooser.choice(["x", "facebook"]),
                     display_name=chooser.choice([None, "Ministry of Defence"]))
            for s, _ in spans if chooser.random() < 0.8
        ]
        prose = Prose(text, text, markers=[Marker(p, spans[n][0]) for n, p in enumerate(markers)])
        start = chooser.randrange(len(text) + 1)
        sentence = (start, min(len(text), start + chooser.randint(0, 300)))
        match = MentionMatch("en", chooser.choice(["x", "facebook", "social"]), 0, 1,
                             chooser.choice([None, "Ministry", "Someone Else"]), None)
        expected = _describes_embed_by_every_marker(prose, found, spans, sentence, match)
        assert mentions._describes_embed(prose, found, spans, sentence, match) == expected


def test_the_summary_line_says_how_many_citations_are_mentions():
    """A sentence is counted among the citations, and the summary says it is no embed or link."""
    page = (f"<html><body><p>Ana Torres wrote on Twitter that the pier is safe.</p>"
            f"{EMBED.format(name='Port Watch', handle='portwatch')}</body></html>")
    summary = render_summary(Report((check_text(page, "page.html", "html"),)))
    assert summary.startswith("1 file(s), 2 citation(s) (2 x; 1 of them cited in prose without a link), ")


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("According to the party's Twitter account, the meeting ended early.", "en"),
        ("According to a post on the ministry's Facebook page, the bridge is closed.", "en"),
        ("De acuerdo con la cuenta en Twitter del Partido, se abordó la vida interna.", "es"),
        ("Según la cuenta de Twitter del Partido, la reunión terminó temprano.", "es"),
        ("Laut dem Twitter-Account der Partei endete das Treffen früh.", "de"),
    ],
)
def test_what_an_account_says_is_cited(sentence, lang):
    """'According to X's Twitter account' cites what the account posted."""
    assert match_sentence(sentence, (lang,)) is not None


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("The Twitter account of the party was suspended last year.", "en"),
        ("La cuenta de Twitter del Partido fue suspendida el año pasado.", "es"),
    ],
)
def test_an_account_named_without_what_it_says_is_no_citation(sentence, lang):
    assert match_sentence(sentence, (lang,)) is None


@pytest.mark.parametrize("sentence", [
    "Smith, who has a history of retweeting conspiracy theories, was appointed on Monday.",
    "Hale, a senator known for retweeting conspiracy theories, declined to comment on “the report.”",
    "“He is unfit,” the group said of Hale, who spent the campaign retweeting conspiracy theories.",
    "The account, which @halefan runs, keeps retweeting conspiracy theories about the vote.",
    "Jones, who often tweeted insults at reporters, left the party in May.",
])
def test_a_sentence_that_characterises_a_poster_cites_no_post(sentence):
    """A platform verb that tells what someone posts in general ("retweeting conspiracy theories") is no citation."""
    assert match_sentence(sentence, ["en"]) is None


@pytest.mark.parametrize("sentence", [
    "Yiannopoulos threw a lit match on the pile by retweeting one of Jones’s tweets and accusing her of "
    "“playing the victim.”",
    "Goldstein tweeted yesterday that the vote had been rigged.",
    "Goldstein tweeted that the vote had been rigged.",
])
def test_a_platform_verb_that_singles_out_a_post_still_cites_it(sentence):
    """A platform verb with a post for its object, or a clause saying what was posted, is a citation."""
    assert match_sentence(sentence, ["en"]) is not None


LINKED_ABOVE = (
    "<html><body><article>\n"
    '<p>The mayor announced the closure of the terminal <a href="https://x.com/cityhall/status/1866000000000000000">'
    "in a post</a> on Monday morning, hours before the storm reached the coast.</p>\n"
    "<p>{second}</p>\n<p>{third}</p>\n</article></body></html>"
)


def test_a_sentence_about_a_post_linked_a_paragraph_above_is_not_unlinked():
    """A mention right below a paragraph that links a post of that platform refers to that post."""
    page = LINKED_ABOVE.format(second="She wrote on X that schools would stay closed until Wednesday.",
                               third="The harbour master, Jane Doe, wrote on Facebook that the piers were safe.")
    report = check_text(page, "p.html", "html")
    assert [(c.kind, c.platform) for c in report.citations] == [("link", "x"), ("mention", "facebook")]


def test_a_mention_further_down_or_of_someone_else_is_still_reported():
    """Two paragraphs below the link, or naming another person than the linked post shows, it is another post."""
    page = LINKED_ABOVE.format(second="The storm passed by the evening and the terminal reopened at night.",
                               third="She wrote on X that schools would stay closed until Wednesday.")
    assert [c.kind for c in check_text(page, "p.html", "html").citations] == ["link", "mention"]
    page = LINKED_ABOVE.format(second="The harbour master, Jane Doe, wrote on X that the piers were safe.",
                               third="")
    assert [c.kind for c in check_text(page, "p.html", "html").citations] == ["link", "mention"]


def test_in_text_the_paragraph_above_is_the_one_before_the_blank_line():
    """In plain text the post linked in the paragraph before is the one a mention refers to."""
    text = ("The mayor announced the closure https://x.com/cityhall/status/1866000000000000000 on Monday.\n\n"
            "She wrote on X that the schools would stay closed until Wednesday at least.\n\n"
            "The storm passed by the evening.\n\n"
            "Later she wrote on X that the ferries would resume on Thursday.\n")
    report = check_text(text, "a.txt", "text")
    assert [(c.kind, c.line) for c in report.citations] == [("link", 1), ("mention", 7)]


@pytest.mark.parametrize(("sentence", "lang"), [
    ("Man habe die Marke von zwei Millionen Fans bei Instagram geknackt, verkündete die Chefin am Montag.", "de"),
    ("In a statement given to the newspaper, Facebook said the test was meant to improve its feed.", "en"),
])
def test_a_gap_in_a_phrase_crosses_no_comma(sentence, lang):
    """A platform and a verb in two clauses (a comma between them and the words of a gap) cite no post."""
    assert match_sentence(sentence, [lang]) is None


def test_a_comma_next_to_the_phrase_still_joins_it():
    """Commas around the platform, with no gap words, keep the phrase ("wrote, on Facebook, that")."""
    found = match_sentence("The mayor wrote, on Facebook, that the ferry would run on Sunday.", ["en"])
    assert found is not None and found.platform == "facebook"


@pytest.mark.parametrize(("sentence", "lang"), [
    ("Others tweeted that the drawing was harmful and unfair to the singer.", "en"),
    ("Viele twitterten, das Bild sei unfair gegenüber der Sängerin gewesen.", "de"),
])
def test_an_indefinite_subject_names_no_author(sentence, lang):
    """"Others tweeted …" names no one: a bare platform verb without a quote or an author cites no post."""
    assert match_sentence(sentence, [lang]) is None


def test_a_german_compound_of_platform_and_post_is_a_citation():
    """"via Twitter-Kommentar" (a platform and a post noun in one compound) cites a post."""
    found = match_sentence("Via Twitter-Kommentar schießt der Sänger gegen seinen Kollegen zurück.", ["de"])
    assert found is not None and found.platform == "x"


SOURCES_BELOW = (
    "<html><body><article><p>The council met on Monday evening to decide on the ferry timetable for the winter.</p>"
    "<p>“The ferries will run until midnight,” {who} tweeted after the vote on the new timetable.</p>"
    "<p>The timetable starts next week and runs until the end of March, the council said.</p>"
    "<div class='sources'><p>Sources: <a href='https://twitter.com/harbourcouncil/status/1866000000000000000'>"
    "{shown}/Twitter</a></p></div></article></body></html>"
)


def test_a_mention_of_a_post_in_the_sources_below_is_not_unlinked():
    """A quoted post that the article links in its sources, by the name the link shows, is cited already."""
    page = SOURCES_BELOW.format(who="Jane Harbour", shown="Jane Harbour")
    assert [c.kind for c in check_text(page, "p.html", "html").citations] == ["link"]


def test_a_mention_of_someone_the_sources_do_not_show_is_kept():
    """A quoted post by someone whom no link of the page shows is another post: still unlinked."""
    page = SOURCES_BELOW.format(who="Tom Quay", shown="Harbour Council")
    assert sorted(c.kind for c in check_text(page, "p.html", "html").citations) == ["link", "mention"]


def test_an_unnamed_mention_below_the_only_linked_post_is_kept():
    """A mention that names no one refers to the article's only post link below it, never to one far above."""
    page = (
        "<html><body><article><p>The mayor announced the closure <a href='https://x.com/cityhall/status/"
        "1866000000000000000'>in a post</a> on Monday.</p>" + "<p>The storm reached the coast at night.</p>" * 3
        + "<p>When asked by a fan on Twitter about the ferries, the singer answered with a joke.</p>"
        "</article></body></html>"
    )
    assert [c.kind for c in check_text(page, "p.html", "html").citations] == ["link", "mention"]


def test_a_mention_in_a_sidebar_of_teasers_is_furniture():
    """A mention in a sidebar column of teasers is reported outside the article and raises nothing."""
    story = "".join(f"<p>Paragraph {n}: the harbour authority kept the night crossings and added a morning boat "
                    "for commuters from the islands, the spokesperson said.</p>" for n in range(6))
    teasers = "".join(f'<li><a href="/s/{n}">Another story number {n} from the archive</a></li>' for n in range(12))
    page = (f"<html><body><div class='story'>{story}</div><div class='sidebar'><ul>{teasers}"
            "<li><a href='/s/99'>The singer wrote on Instagram that she was leaving the band</a></li></ul></div>"
            "</body></html>")
    report = check_text(page, "p.html", "html")
    assert [(c.kind, c.in_article, c.placement) for c in report.citations] == [("mention", False, "sidebar")]
    assert report.findings == ()
def test_furniture_in_any_language_excludes_a_sentence_and_only_the_languages_it_names_are_compiled() -> None:
    """A Greek citation ending in English furniture ("Follow us") is no citation; of the languages'
    exclusions, only those whose words the sentence holds are compiled to tell."""
    sentence = ("Σε δήλωση που δημοσιεύτηκε στη σελίδα του στο Facebook, το Γενικό Επιτελείο της Λιβύης "
                "αναφέρει ότι η επίσκεψη εντάσσεται στο πλαίσιο της συνεργασίας.")
    caches.clear_all()
    assert match_sentence(sentence, ("el",)) is not None
    assert match_sentence(f"{sentence} Follow us on Facebook.", ("el",)) is None
    assert match_sentence(f"{sentence} FOLLOW US ON FACEBOOK.", ("el",)) is None
    assert mention_patterns._exclusion.cache_info().currsize == 1  # English's alone
