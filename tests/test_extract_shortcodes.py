"""Shortcodes of site generators and CMSs for every platform they exist for."""

from __future__ import annotations

import pytest

from provenance.extract.shortcodes import find_shortcodes
from provenance.load import load_text

CODE = "CdVWUhjruQF"


def shortcodes(body: str) -> list[tuple[str, str, str | None]]:
    """(form, platform, post ID) of each shortcode in a Markdown article with ``body``."""
    document = load_text("---\ntitle: t\n---\n" + body, "post.md", "markdown")
    return [(f.form, f.platform or "", f.post_id) for f, _, _ in find_shortcodes(document)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (f"{{{{< instagram {CODE} >}}}}", ("hugo-shortcode", "instagram", CODE)),
        (f"{{{{< instagram {CODE} hidecaption >}}}}", ("hugo-shortcode", "instagram", CODE)),
        ("{{< youtube dQw4w9WgXcQ >}}", ("hugo-shortcode", "youtube", "dQw4w9WgXcQ")),
        ('{{< youtube id="jNQXAC9IVRw" loading="lazy" start=30 >}}', ("hugo-shortcode", "youtube", "jNQXAC9IVRw")),
        ("{{% youtube 9bZkp7q19f0 %}}", ("hugo-shortcode", "youtube", "9bZkp7q19f0")),
        ('{{< tweet user="oshtru" id="1577855540407197696" >}}', ("hugo-shortcode", "x", "1577855540407197696")),
        ("{{< tweet oshtru 1577855540407197696 >}}", ("hugo-shortcode", "x", "1577855540407197696")),
        (f"{{% instagram {CODE} %}}", ("jekyll-tag", "instagram", CODE)),
        (f"{{% instagram https://www.instagram.com/p/{CODE}/ %}}", ("jekyll-tag", "instagram", CODE)),
        ('{% youtube "https://www.youtube.com/watch?v=9bZkp7q19f0" %}', ("jekyll-tag", "youtube", "9bZkp7q19f0")),
        ("{% youtube dQw4w9WgXcQ %}", ("jekyll-tag", "youtube", "dQw4w9WgXcQ")),
        (f"[instagram url=https://www.instagram.com/reel/{CODE}/]", ("wordpress-instagram", "instagram", CODE)),
        ("[youtube https://www.youtube.com/watch?v=aqz-KE-bpKQ]", ("wordpress-youtube", "youtube", "aqz-KE-bpKQ")),
        ("[youtube=http://www.youtube.com/watch?v=dQw4w9WgXcQ&fs=1]", ("wordpress-youtube", "youtube", "dQw4w9WgXcQ")),
        ('[facebook url="https://www.facebook.com/Page/posts/10151647007373076"]',
         ("wordpress-facebook", "facebook", "10151647007373076")),
        ("[tweet https://twitter.com/oshtru/status/1577855540407197696]",
         ("wordpress-tweet", "x", "1577855540407197696")),
        ("[embed]https://www.tiktok.com/@a.b/video/7107337210440854039[/embed]",
         ("wordpress-embed", "tiktok", "7107337210440854039")),
        ('<!-- wp:core-embed/instagram {"url":"https://www.instagram.com/p/' + CODE + '/"} -->',
         ("wordpress-block", "instagram", CODE)),
        (f'<Instagram instagramId="{CODE}" />', ("mdx-component", "instagram", CODE)),
        ('<YouTube youTubeId="jNQXAC9IVRw" />', ("mdx-component", "youtube", "jNQXAC9IVRw")),
        ('<LiteYouTubeEmbed id="9bZkp7q19f0" title="x" />', ("mdx-component", "youtube", "9bZkp7q19f0")),
        ('<TikTok tiktokId="7107337210440854039" />', ("mdx-component", "tiktok", "7107337210440854039")),
        ('<MastodonPost id="https://mastodon.social/@sarah/112954791910873136" />',
         ("mdx-component", "mastodon", "112954791910873136")),
        ("<XEmbed id={741462605965840388} />", ("mdx-component", "x", "741462605965840388")),
        ('<TwitterTweetEmbed tweetId="741462605965840388" />', ("mdx-component", "x", "741462605965840388")),
        ("{{< vimeo 55073825 >}}", ("hugo-shortcode", "vimeo", "55073825")),
        ('{{< vimeo id="55073825" >}}', ("hugo-shortcode", "vimeo", "55073825")),
        ("[vimeo https://vimeo.com/141358]", ("wordpress-vimeo", "vimeo", "141358")),
    ],
)
def test_shortcode_forms(body, expected):
    """Each shortcode form names its platform's post."""
    assert shortcodes(body) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        "{{< gist spf13 7896402 >}}",
        "{{< vimeo not-a-video >}}",
        '<Xylophone id="741462605965840388" />',
        "{% youtube not-a-vid %}",
        '<YouTube youTubeId="short" />',
        "[instagram url=https://example.com/p/abc/]",
    ],
)
def test_shortcodes_that_name_no_known_post(body):
    """Shortcodes of no platform (Hugo's gist), components named for no platform and malformed IDs are not citations."""
    assert shortcodes(body) == []
