"""Flattened embeds of every platform: the phrase and dash anchors, their text, dates and links."""

from __future__ import annotations

from datetime import date

import pytest

from provenance import Citation, check_text
from provenance.extract import extract
from provenance.load import load_text
from provenance.model import DocumentKind


def cite_text(body: str, kind: DocumentKind = "text") -> list[Citation]:
    """The citations a plain-text (or Markdown) article with ``body`` makes."""
    return list(check_text("published: 2024-12-01\n" + body, "article.txt", kind).citations)


def only(body: str, kind: DocumentKind = "text") -> Citation:
    """The one citation an article with ``body`` makes."""
    (citation,) = cite_text(body, kind)
    return citation


def test_instagram_prompt_caption_and_attribution():
    """Between the "View this post" prompt and the attribution stands the caption; no date is shown."""
    citation = only(
        "The owner wrote:\n\nView this post on Instagram\n\nOur last loaf 🍞 #closing\n\n"
        "A post shared by Harbour Bakery (@harbour.bakery)\n\nThe article goes on.\n"
    )
    assert (citation.platform, citation.form) == ("instagram", "flattened-text")
    assert (citation.handle, citation.display_name) == ("harbour.bakery", "Harbour Bakery")
    assert citation.text == "Our last loaf 🍞 #closing"
    assert citation.shown_date is None
    assert citation.line == 4  # the prompt starts the embed


def test_instagram_legacy_caption_on_the_attribution_line_with_date():
    """Text before the phrase on its line is the caption; the Pacific date after it is the shown date."""
    citation = only("First week open! #bakery A photo posted by Bakery (@bakery) on Jul 21, 2016 at 8:32pm PDT\n")
    assert citation.text == "First week open! #bakery"
    assert citation.shown_date_text == "Jul 21, 2016 at 8:32pm PDT"
    assert citation.shown_date == date(2016, 7, 21)


def test_instagram_german_prompt_and_date():
    """The translated prompt and phrase are read, and the German date with its time."""
    citation = only(
        "Sieh dir diesen Beitrag auf Instagram an\n\n"
        "Ein Beitrag geteilt von Stadtgarten Köln (@stadtgarten.koeln) am 23. Okt. 2017 um 0:31 Uhr\n"
    )
    assert (citation.handle, citation.display_name) == ("stadtgarten.koeln", "Stadtgarten Köln")
    assert citation.shown_date == date(2017, 10, 23)
    assert citation.text is None


def test_instagram_phrase_without_handle_is_prose():
    """"A post shared by a friend" with no ``(@handle)`` is not an embed."""
    assert cite_text("A post shared by a friend went viral on Instagram.\n") == []


def test_instagram_markdown_keeps_the_post_link():
    """A scraper's Markdown links the prompt and the phrase: the flattened embed gets its post."""
    citations = cite_text(
        "[View this post on Instagram](https://www.instagram.com/p/ChfeA2D5jzS/?utm_source=ig_embed)\n\n"
        "[A post shared by Bergwacht (@bergwacht_tirol)](https://www.instagram.com/p/ChfeA2D5jzS/)\n",
        "markdown",
    )
    assert [(c.kind, c.form, c.post_id, c.handle) for c in citations] == [
        ("embed", "flattened-text", "ChfeA2D5jzS", "bergwacht_tirol")]


def test_bluesky_dotted_handle_keeps_the_time_and_drops_the_placeholder():
    """A dotted handle is Bluesky's; its shown date keeps the time; ``[image or embed]`` is no text."""
    citation = only(
        "The bridge opens tomorrow. [image or embed] — Harbour News (@harbournews.bsky.social) "
        "November 25, 2024 at 12:58 AM\n"
    )
    assert (citation.platform, citation.handle) == ("bluesky", "harbournews.bsky.social")
    assert citation.shown_date_text == "November 25, 2024 at 12:58 AM"
    assert citation.shown_date == date(2024, 11, 25)
    assert citation.text == "The bridge opens tomorrow."


def test_bluesky_standard_layout_takes_the_text_above():
    """The line above a Bluesky attribution is its text, as for X."""
    citation = only("Thank you all ⛴️\n— Mayor (@mayor.example.gov) November 25, 2024 at 2:10 AM\n")
    assert (citation.platform, citation.text) == ("bluesky", "Thank you all ⛴️")


def test_x_handles_stay_x():
    """An undotted handle is still X's, with no time added to its date."""
    citation = only("Hello world\n— Name (@someone) December 6, 2017 at noon\n")
    assert (citation.platform, citation.shown_date_text) == ("x", "December 6, 2017")


def test_tiktok_flattened_on_one_line_and_over_several():
    """``@user CAPTION ♬ sound`` is a TikTok embed whether on one line or spread over a paragraph."""
    citations = cite_text(
        "@dance.crew New routine #dance #fyp ♬ original sound - dance.crew\n\n"
        "@chef.mira\nTen-minute soup 🍲 #recipe\n♬ Cooking Song - Kitchen Band\n"
    )
    assert [(c.platform, c.handle, c.text) for c in citations] == [
        ("tiktok", "dance.crew", "New routine #dance #fyp"),
        ("tiktok", "chef.mira", "Ten-minute soup 🍲 #recipe"),
    ]


def test_tiktok_note_across_a_paragraph_break_is_not_an_embed():
    """A ``@name`` line and a ``♬`` in a later paragraph do not make an embed."""
    assert [c for c in cite_text("@someone said hello\n\nA music note ♬ here\n") if c.platform == "tiktok"] == []


@pytest.mark.parametrize(
    ("body", "name", "shown"),
    [
        ("We present the plan.\nPosted by City Council on Monday, February 7, 2022\n",
         "City Council", "Monday, February 7, 2022"),
        ("Presentamos el plan.\nPublicado por Ayuntamiento de Ejemplo en Lunes, 7 de febrero de 2022\n",
         "Ayuntamiento de Ejemplo", "Lunes, 7 de febrero de 2022"),
        ("Planı sunuyoruz.\nBelediye Örnek paylaştı: 7 Şubat 2022 Pazartesi\n",
         "Belediye Örnek", "7 Şubat 2022 Pazartesi"),
    ],
)
def test_facebook_posted_by(body, name, shown):
    """"Posted by NAME on DATE" in English, Spanish and Turkish is a Facebook embed with its text above."""
    citation = only(body)
    assert (citation.platform, citation.display_name, citation.shown_date_text) == ("facebook", name, shown)
    assert citation.shown_date == date(2022, 2, 7)
    assert citation.text is not None and citation.text.endswith(".")


def test_blog_byline_is_not_a_facebook_embed():
    """A byline "Posted by admin on March 3, 2021" has no weekday, so it is not Facebook's fallback."""
    assert cite_text("Posted by admin on March 3, 2021\n\nToday we talk about boats.\n") == []


def test_threads_and_mastodon_fallback_links():
    """"Post by @handle View on Threads|Mastodon" is a flattened embed of that platform."""
    citations = cite_text("Post by @harbournews View on Threads\n\nPost by @meetup@fosstodon.org View on Mastodon\n")
    assert [(c.platform, c.handle) for c in citations] == [
        ("threads", "harbournews"), ("mastodon", "meetup@fosstodon.org")]


def test_mastodon_local_post_link_keeps_the_bare_handle():
    """When the fallback links the post on its own server, the handle is the bare user, as in the link."""
    citation = only("[Post by @meetup@fosstodon.org View on Mastodon](https://fosstodon.org/@meetup/114516736114691855)\n",
                    "markdown")
    assert (citation.handle, citation.url_handle, citation.post_id) == ("meetup", "meetup", "114516736114691855")


def test_html_reads_only_the_anchor():
    """In HTML a phrase outside embed markup is read without the markup lines around it."""
    document = load_text(
        "<html><body><p>Our #bakery</p><p>A post shared by Bakery (@bakery.one)</p></body></html>", "a.html", "html")
    (fragment,) = extract(document).fragments
    assert (fragment.platform, fragment.handle, fragment.text) == ("instagram", "bakery.one", None)
