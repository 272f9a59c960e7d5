"""Embed markup of every platform: what the generic reader and each platform's ``read_embed`` take from it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from provenance import Citation, check_text
from provenance.extract.html import EMBED_OPENER, embed_regions
from provenance.platforms import PLATFORMS

#: Shortcodes whose media IDs were made at the times their embeds state (see test_instagram).
LEGACY_CODE = "BIJhXSFnEwM"  # 2016-07-22T03:32:06.500Z
CURRENT_CODE = "CdVWUhjruQF"  # 2022-05-09T10:15:00Z


def cite_html(body: str) -> list[Citation]:
    """The citations an HTML article with ``body`` makes."""
    page = f'<html lang="en"><head><meta charset="utf-8"></head><body>{body}</body></html>'
    return list(check_text(page, "article.html", "html").citations)


def only(body: str) -> Citation:
    """The one citation an HTML article with ``body`` makes."""
    (citation,) = cite_html(body)
    return citation


def test_legacy_instagram_time_element_is_the_shown_moment():
    """A legacy embed's ``<time datetime>`` is the exact shown moment and its Pacific text the shown date."""
    citation = only(
        f'<blockquote class="instagram-media" data-instgrm-version="7"><div>'
        f'<p><a href="https://www.instagram.com/p/{LEGACY_CODE}/">Fresh bread #bakery</a></p>'
        f'<p>A photo posted by Harbour Cafe (@harbourcafe) on '
        f'<time datetime="2016-07-22T03:32:07+00:00">Jul 21, 2016 at 8:32pm PDT</time></p></div></blockquote>'
    )
    assert citation.shown_moment == datetime(2016, 7, 22, 3, 32, 7, tzinfo=UTC)
    assert citation.shown_date_text == "Jul 21, 2016 at 8:32pm PDT"
    assert citation.shown_date == date(2016, 7, 21)
    assert (citation.handle, citation.display_name) == ("harbourcafe", "Harbour Cafe")
    assert citation.text == "Fresh bread #bakery"
    assert citation.hashtags == ("bakery",)


@pytest.mark.parametrize(
    ("credit", "name", "handle", "shown"),
    [
        ("Ein Beitrag geteilt von Stadtgarten Köln (@stadtgarten.koeln) am "
         '<time datetime="2017-10-23T07:31:37+00:00">23. Okt. 2017 um 0:31 Uhr</time>',
         "Stadtgarten Köln", "stadtgarten.koeln", date(2017, 10, 23)),
        ("Una foto publicada por Museo del Mar (@museodelmar) el "
         '<time datetime="2016-07-16T15:48:20+00:00">16 de Jul de 2016 a la(s) 8:48 PDT</time>',
         "Museo del Mar", "museodelmar", date(2016, 7, 16)),
        ('港の写真さん(@minato.photo)がシェアした投稿 - <time datetime="2017-04-11T03:24:34+00:00">'
         "2017 4月 10 8:24午後 PDT</time>", "港の写真", "minato.photo", None),
        ("A post shared by xoxo, Band (@band.official) on Dec 5, 2016 at 9:10am PST",
         "xoxo, Band", "band.official", date(2016, 12, 5)),
    ],
)
def test_localized_instagram_attributions(credit, name, handle, shown):
    """Translated attributions give the name, the handle and the shown date, in any language."""
    citation = only(
        f'<blockquote class="instagram-media"><p><a href="https://www.instagram.com/p/{LEGACY_CODE}/">x</a></p>'
        f"<p>{credit}</p></blockquote>"
    )
    assert (citation.display_name, citation.handle) == (name, handle)
    if shown is not None:
        assert citation.shown_date == shown


def test_instagram_plain_text_date_and_linked_name():
    """A date written as text after the handle is the shown date; a linked name with a dash stays whole."""
    citation = only(
        f'<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/{CURRENT_CODE}/'
        f'?utm_source=ig_embed&amp;utm_campaign=loading" data-instgrm-version="12"><div>'
        f'<div><a href="https://www.instagram.com/p/{CURRENT_CODE}/">View this post on Instagram</a></div>'
        f'<p><a href="https://www.instagram.com/p/{CURRENT_CODE}/">Day 40 🎨 #stayhome</a></p>'
        f'<p>A post shared by <a href="https://www.instagram.com/studio.lumen/"> Studio Lumen - Paintings</a> '
        f"(@studio.lumen) on Apr 27, 2020 at 9:24am PDT</p></div></blockquote>"
    )
    assert citation.display_name == "Studio Lumen - Paintings"
    assert citation.shown_date_text == "Apr 27, 2020 at 9:24am PDT"
    assert citation.shown_moment is None
    assert citation.text == "Day 40 🎨 #stayhome"
    assert citation.url == f"https://www.instagram.com/p/{CURRENT_CODE}/"


def test_current_instagram_embed_without_permalink_attribute():
    """Without ``data-instgrm-permalink`` the links name the post; the prompt is not its text."""
    citation = only(
        f'<blockquote class="instagram-media" data-instgrm-version="14"><div>'
        f'<a href="https://www.instagram.com/reel/{CURRENT_CODE}/">'
        "<div>Sieh dir diesen Beitrag auf Instagram an</div></a>"
        f'<p><a href="https://www.instagram.com/reel/{CURRENT_CODE}/">Ein Beitrag geteilt von Bergwacht '
        f"(@bergwacht_tirol)</a></p></div></blockquote>"
    )
    assert (citation.post_id, citation.handle, citation.display_name) == (CURRENT_CODE, "bergwacht_tirol", "Bergwacht")
    assert citation.text is None and citation.shown_date is None


def test_instagram_view_on_paragraph_is_not_a_caption():
    """An old "View on Instagram" paragraph is boilerplate, not the caption."""
    citation = only(
        f'<blockquote class="instagram-media"><p>A photo posted by Cafe (@cafe) on '
        f'<time datetime="2016-07-22T03:32:07+00:00">Jul 21, 2016 at 8:32pm PDT</time></p>'
        f'<p><a href="https://www.instagram.com/p/{LEGACY_CODE}/">Ver en Instagram</a></p></blockquote>'
    )
    assert citation.text is None


def test_facebook_fallback_gives_poster_page_date_and_text():
    """The page link is the poster (name and handle), the dated link the shown date, the paragraphs the text."""
    citation = only(
        '<div class="fb-post" data-href="https://www.facebook.com/CityCouncilExample/posts/928812574500001/">'
        '<blockquote cite="https://www.facebook.com/CityCouncilExample/posts/928812574500001" '
        'class="fb-xfbml-parse-ignore">'
        "<p>Tomorrow we present the plan.</p>Posted by "
        '<a href="https://www.facebook.com/CityCouncilExample">City Council</a> on&nbsp;'
        '<a href="https://graph.facebook.com/CityCouncilExample/posts/928812574500001/">Monday, February 7, 2022</a>'
        "</blockquote></div>"
    )
    assert (citation.display_name, citation.handle, citation.url_handle) == (
        "City Council", "CityCouncilExample", "CityCouncilExample")
    assert citation.shown_date == date(2022, 2, 7)
    assert citation.text == "Tomorrow we present the plan."
    assert citation.form == "div.fb-post"


def test_facebook_localized_fallback_and_unlinked_date():
    """A Spanish fallback whose date links elsewhere still gives its date and name."""
    citation = only(
        '<div class="fb-post" data-href="https://www.facebook.com/AyuntamientoEjemplo/posts/111"><blockquote>'
        '<p>Presentamos el plan.</p><p>Publicado por <a href="https://www.facebook.com/AyuntamientoEjemplo">'
        'Ayuntamiento</a> en <a href="https://www.facebook.com/AyuntamientoEjemplo/videos/222/">'
        "Jueves, 12 de noviembre de 2020</a></p></blockquote></div>"
    )
    assert citation.display_name == "Ayuntamiento"
    assert citation.shown_date == date(2020, 11, 12)
    assert citation.text == "Presentamos el plan."


@pytest.mark.parametrize(
    ("markup", "post_id", "url"),
    [
        ('<div class="fb-post" data-href="https://www.facebook.com/rowing/photos/pcb.1/3485430308200001"></div>',
         "3485430308200001", "https://www.facebook.com/photo.php?fbid=3485430308200001"),
        ('<iframe src="https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fphoto.php'
         '%3Ffbid%3D10207393772230001%26set%3Da.1%26type%3D3&amp;width=500"></iframe>',
         "10207393772230001", "https://www.facebook.com/photo.php?fbid=10207393772230001"),
        ('<iframe src="https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2FPage%2F'
         'videos%2F10153398464260002%2F"></iframe>',
         "10153398464260002", "https://www.facebook.com/watch/?v=10153398464260002"),
        ('<amp-facebook width="552" height="310" data-href="https://www.facebook.com/Page/posts/928812574500003">'
         "</amp-facebook>", "928812574500003", "https://www.facebook.com/Page/posts/928812574500003"),
    ],
)
def test_facebook_empty_plugin_and_amp_embeds(markup, post_id, url):
    """Empty ``div.fb-post``, plugin frames and ``amp-facebook`` give the post and its canonical link."""
    citation = only(markup)
    assert (citation.platform, citation.kind, citation.post_id, citation.url) == ("facebook", "embed", post_id, url)
    assert citation.shown_date is None


def test_tiktok_embed_handle_caption_and_sound():
    """The ``@user`` link is the shown handle; the caption keeps its hashtags and drops the sound."""
    citation = only(
        '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@dance.crew/video/7107337210440854039" '
        'data-video-id="7107337210440854039"><section>'
        '<a title="@dance.crew" href="https://www.tiktok.com/@dance.crew?refer=embed">@dance.crew</a> New routine '
        '<a title="dance" href="https://www.tiktok.com/tag/dance?refer=embed">#dance</a> '
        '<a title="♬ original sound - dance.crew" href="https://www.tiktok.com/music/x?refer=embed">'
        "♬ original sound - dance.crew</a></section></blockquote>"
    )
    assert (citation.handle, citation.url_handle, citation.text) == ("dance.crew", "dance.crew", "New routine #dance")
    assert citation.id_time is not None and citation.id_time.moment == datetime(2022, 6, 9, 20, 18, 17, tzinfo=UTC)


def test_tiktok_video_id_attribute_and_creator_embeds():
    """``data-video-id`` names the post when ``cite`` is missing; a creator embed names no post."""
    citations = cite_html(
        '<blockquote class="tiktok-embed" data-video-id="7018217496645771698"><section>'
        '<a href="https://www.tiktok.com/@chef.mira">@chef.mira</a> Soup</section></blockquote>'
        '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@chef.mira" data-unique-id="chef.mira" '
        'data-embed-type="creator"><section><a href="https://www.tiktok.com/@chef.mira">@chef.mira</a>'
        "</section></blockquote>"
    )
    assert [(c.post_id, c.handle) for c in citations] == [("7018217496645771698", "chef.mira")]


def test_tiktok_amp_and_player_frames():
    """``amp-tiktok`` with a URL or a bare ID, and the player frame, are embeds."""
    citations = cite_html(
        '<amp-tiktok data-src="https://www.tiktok.com/@winter.walks/video/7180834420083919548"></amp-tiktok>'
        '<amp-tiktok data-src="7180834420083919549"></amp-tiktok>'
        '<iframe src="https://www.tiktok.com/player/v1/7206226719717086481?music_info=1"></iframe>'
    )
    assert [(c.form, c.post_id, c.url_handle) for c in citations] == [
        ("amp-tiktok", "7180834420083919548", "winter.walks"),
        ("amp-tiktok", "7180834420083919549", None),
        ("iframe[src=www.tiktok.com]", "7206226719717086481", None),
    ]


def test_bluesky_embed_drops_the_media_placeholder():
    """The ``[image or embed]`` link is not text; the copier's date with its time is the shown date."""
    citation = only(
        '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:vjug55kidv6sye7ykr5faxxn/'
        'app.bsky.feed.post/3lbq7mxsiek2v"><p lang="en">The bridge opens.<br><br>'
        '<a href="https://bsky.app/profile/did:plc:vjug55kidv6sye7ykr5faxxn/post/3lbq7mxsiek2v?ref_src=embed">'
        "[image or embed]</a></p>&mdash; Harbour News (<a href=\"https://bsky.app/profile/did:plc:x\">"
        "@harbournews.bsky.social</a>) <a href=\"https://bsky.app/profile/did:plc:vjug55kidv6sye7ykr5faxxn/post/"
        '3lbq7mxsiek2v?ref_src=embed">November 25, 2024 at 12:58 AM</a></blockquote>'
    )
    assert citation.text == "The bridge opens."
    assert (citation.handle, citation.display_name) == ("harbournews.bsky.social", "Harbour News")
    assert citation.shown_date == date(2024, 11, 25) and citation.shown_moment is None
    assert citation.url == "https://bsky.app/profile/did:plc:vjug55kidv6sye7ykr5faxxn/post/3lbq7mxsiek2v"


def test_bluesky_iso_shown_date_is_an_exact_moment():
    """An ISO instant in the date link is read as the exact shown moment."""
    citation = only(
        '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc/app.bsky.feed.post/3mglea3ork22g">'
        '<p>Notes.</p>&mdash; <a href="https://bsky.app/profile/did:plc:abc">Watch (@watch.example.org)</a> '
        '<a href="https://bsky.app/profile/did:plc:abc/post/3mglea3ork22g">2026-03-08T22:10:00.000Z</a></blockquote>'
    )
    assert citation.shown_moment == datetime(2026, 3, 8, 22, 10, tzinfo=UTC)
    assert citation.handle == "watch.example.org"


def test_bluesky_rendered_frame():
    """The frame embed.js renders names the post by its AT-URI path."""
    citation = only('<iframe src="https://embed.bsky.app/embed/did:plc:abc/app.bsky.feed.post/3lcadzfse2227?id=1">'
                    "</iframe>")
    assert (citation.platform, citation.post_id) == ("bluesky", "3lcadzfse2227")


def test_mastodon_and_truth_social_embeds():
    """Mastodon's frame and blockquote and Truth Social's frame give the status; the boilerplate is no text."""
    citations = cite_html(
        '<iframe src="https://mastodon.social/@library/114638610368305964/embed" class="mastodon-embed"></iframe>'
        '<blockquote class="mastodon-embed" data-embed-url="https://fosstodon.org/@meetup/114516736114691855/embed">'
        '<a href="https://fosstodon.org/@meetup/114516736114691855"><svg></svg><div>Post by @meetup@fosstodon.org'
        "</div><div>View on Mastodon</div></a></blockquote>"
        '<iframe src="https://truthsocial.com/@Office/108618228543922722/embed" class="truthsocial-embed"></iframe>'
    )
    assert [(c.form, c.handle, c.text) for c in citations] == [
        ("iframe.mastodon-embed", "library", None),
        ("blockquote.mastodon-embed", "meetup", None),
        ("iframe.truthsocial-embed", "Office", None),
    ]
    assert citations[2].url == "https://truthsocial.com/@Office/posts/108618228543922722"


def test_threads_embed_shown_handle_and_no_text():
    """"Post by @handle" is the shown handle even when the fallback's lines touch; nothing else is text."""
    citation = only(
        '<blockquote class="text-post-media" data-text-post-permalink="https://www.threads.com/@ferry.times/post/'
        'CuZ1xYAB2cd"><a href="https://www.threads.com/@ferry.times/post/CuZ1xYAB2cd"><div>Post by @ferry.times'
        "</div><div>View on Threads</div></a></blockquote>"
    )
    assert (citation.platform, citation.handle, citation.text) == ("threads", "ferry.times", None)


def test_reddit_embed_created_is_not_the_shown_date():
    """``data-embed-created`` dates the embed code, not the post; the title is the text, u/USER the handle."""
    citation = only(
        '<blockquote class="reddit-embed-bq" data-embed-created="2024-03-01T18:22:41.123Z">'
        '<a href="https://www.reddit.com/r/town/comments/1b3xk2p/ferry_cancelled/">Ferry cancelled</a><br> by '
        '<a href="https://www.reddit.com/user/early_commuter/">u/early_commuter</a> in '
        '<a href="https://www.reddit.com/r/town/">town</a></blockquote>'
    )
    assert citation.shown_date is None and citation.shown_moment is None
    assert (citation.text, citation.handle) == ("Ferry cancelled", "early_commuter")


def test_reddit_comment_embed_is_the_comment_not_its_discussion():
    """A comment embed cites the comment, though its last link is the discussion's."""
    citations = cite_html(
        '<blockquote class="reddit-embed-bq"><a href="https://www.reddit.com/r/town/comments/1b3xk2p/comment/kszq0ab/">'
        'Comment</a><br> by <a href="https://www.reddit.com/user/deckhand_joe/">u/deckhand_joe</a> from discussion '
        '<a href="https://www.reddit.com/r/town/comments/1b3xk2p/ferry/">Ferry</a><br> in '
        '<a href="https://www.reddit.com/r/town/">town</a></blockquote>'
        '<blockquote class="reddit-card" data-card-created="1709400000"><a href="https://www.reddit.com/r/ferries/'
        'comments/9xq2zz/old/?ref=share&amp;ref_source=embed">Old timetables</a> from '
        '<a href="http://www.reddit.com/r/ferries">r/ferries</a></blockquote>'
    )
    assert [(c.post_id, c.handle, c.text) for c in citations] == [
        ("kszq0ab", "deckhand_joe", None), ("9xq2zz", None, "Old timetables")]
    assert citations[0].url == "https://www.reddit.com/comments/1b3xk2p/comment/kszq0ab/"


def test_telegram_linkedin_and_youtube_embeds():
    """The Telegram widget, LinkedIn frames and YouTube frames (nocookie, lazy, AMP) are embeds."""
    citations = cite_html(
        '<script async src="https://telegram.org/js/telegram-widget.js?22" data-telegram-post="harbourport/3408">'
        "</script>"
        '<iframe src="https://www.linkedin.com/embed/feed/update/urn:li:ugcPost:7245518315425038337?collapsed=1">'
        "</iframe>"
        '<iframe data-src="https://www.youtube-nocookie.com/embed/jNQXAC9IVRw?feature=oembed" src="about:blank">'
        "</iframe>"
        '<amp-youtube data-videoid="9bZkp7q19f0" layout="responsive"></amp-youtube>'
        '<iframe src="https://www.youtube.com/embed/videoseries?list=PLP7HaNDU4Cifov7C2fQM8Ij6Ew_uPHEXW"></iframe>'
    )
    assert [(c.platform, c.form, c.post_id) for c in citations] == [
        ("telegram", "script[data-telegram-post]", "harbourport/3408"),
        ("linkedin", "iframe[src=www.linkedin.com]", "7245518315425038337"),
        ("youtube", "iframe[src=www.youtube-nocookie.com]", "jNQXAC9IVRw"),
        ("youtube", "amp-youtube", "9bZkp7q19f0"),
    ]


def test_amp_instagram_shortcode():
    """``amp-instagram``'s ``data-shortcode`` names the post."""
    citation = only(f'<amp-instagram data-shortcode="{CURRENT_CODE}" data-captioned width="400"></amp-instagram>')
    assert (citation.platform, citation.form, citation.post_id) == ("instagram", "amp-instagram", CURRENT_CODE)


def test_amp_tags_open_regions_without_a_marker_attribute():
    """Every AMP embed component opens a region by its tag alone; other custom elements do not."""
    text = '<amp-reddit data-src="x"></amp-reddit><amp-img src="a.png"></amp-img><amp-youtube></amp-youtube>'
    assert [tag for _, _, tag in embed_regions(text)] == ["amp-reddit", "amp-youtube"]
    assert EMBED_OPENER.search("<amp-carousel>") is None


def test_platforms_with_their_own_markup_have_a_reader():
    """Each platform whose embeds carry more than a link has its own ``read_embed``."""
    readers = {name for name, platform in PLATFORMS.items() if platform.read_embed is not None}
    assert readers == {"instagram", "facebook", "tiktok", "bluesky", "mastodon", "threads", "reddit"}


def test_media_are_the_attached_pictures_not_the_links_a_post_shares():
    html = (
        '<blockquote class="twitter-tweet"><p lang="en">Our report https://t.co/Link1234 and a photo '
        '<a href="https://t.co/Pic5678">pic.twitter.com/Pic5678</a></p>&mdash; Desk (@desk) '
        '<a href="https://twitter.com/desk/status/1146360923839328257">July 3, 2019</a></blockquote>'
    )
    (citation,) = check_text(html, "a.html").citations
    assert citation.media == ("pic.twitter.com/Pic5678",)
    assert "t.co/Link1234" in (citation.text or "")


@pytest.mark.parametrize(
    ("link", "media"),
    [
        ('<a href="https://t.co/Pic5678">pic.twitter.com/Pic5678</a>', ("pic.twitter.com/Pic5678",)),
        ('<a href="https://pic.twitter.com/Pic5678">photo</a>', ("pic.twitter.com/Pic5678",)),
        ('<a href="https://t.co/Link1234">https://t.co/Link1234</a>', ()),
    ],
    ids=["pic-text", "pic-href", "tco"],
)
def test_an_x_embed_without_its_permalink_keeps_its_short_links(link, media):
    """An X embed with no status link is an embed still: its text, attribution, unlinked date and short links."""
    html = (
        f'<blockquote class="twitter-tweet" data-lang="en"><p lang="en">Our delegation met today. {link}</p>'
        "&mdash; Ministry (@ministry) August 25, 2025</blockquote>"
    )
    citation = only(html)
    assert (citation.platform, citation.kind, citation.form) == ("x", "embed", "blockquote.twitter-tweet")
    assert (citation.url, citation.post_id, citation.handle) == (None, None, "ministry")
    assert citation.display_name == "Ministry" and citation.shown_date == date(2025, 8, 25)
    assert citation.media == media
    assert (citation.text or "").startswith("Our delegation met today.")
    report = check_text(html, "a.html")
    assert [f.code for f in report.findings if f.code == "PV106"] == ["PV106"]


def test_an_embed_with_neither_permalink_nor_short_link_names_no_post():
    """Embed markup that names no post and holds no short link is left to the attribution reader."""
    (citation,) = cite_html(
        '<blockquote class="twitter-tweet"><p>Text.</p>&mdash; Ministry (@ministry) August 25, 2025</blockquote>'
    )
    assert citation.form == "flattened-text" and citation.text is None


def test_an_embed_holding_a_lone_surrogate_is_read_not_raised():
    """A str from the API may hold a lone surrogate; the embed is read with it replaced."""
    html = ('<blockquote class="twitter-tweet"><p>a\udc80b</p>&mdash; A (@a) '
            '<a href="https://twitter.com/a/status/1146360923839328257">July 3, 2019</a></blockquote>')
    (citation,) = check_text(html, "a.html", "html").citations
    assert citation.text == "a?b" and citation.handle == "a"


def test_white_space_between_an_embeds_elements_reads_as_a_space_or_a_line_break():
    """Only white space between two elements reads as one space, or one line break when it holds
    one (as a browser shows it, and as the post was written); in ``<pre>`` it stays as written."""
    citation = only(
        '<blockquote class="twitter-tweet"><p lang="en">'
        '<a href="https://twitter.com/hashtag/ferry">#ferry</a>\t \t<a href="https://twitter.com/hashtag/pier">#pier</a>'
        "\r\n  \t<b>Closed</b> <i>today</i></p><pre><b>08:00</b>\t\t<b>cancelled</b></pre>"
        "&mdash; Port Watch (@portwatch) "
        '<a href="https://twitter.com/portwatch/status/938406524728291328">December 6, 2017</a></blockquote>'
    )
    assert citation.text == "#ferry #pier\nClosed today\n08:00\t\tcancelled"
