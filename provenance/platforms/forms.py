"""Embed forms: the ways publishers put a platform's post in a page, declared per platform.

Each platform module lists its forms in ``FORMS`` and hands them to its ``Platform`` record
(``Platform.forms``). A form says how the extractor knows it (``kind`` and ``marker``), gives a
short example written for this catalogue, and names its source: the public documentation page
or repository file the markup was read from. The generic machinery in
:mod:`provenance.extract.catalogue` builds its scans from these records; no table of platform
markup lives anywhere else. ``docs/platforms.md`` prints the catalogue, and every form has a
fixture under ``fixtures/forms/`` whose citations a test checks.

Kinds of form, and how each is read:

``class``
    An element whose class list holds ``marker`` (a whole class, any case): the platform's embed
    code, read for its URL attributes, its links and its attribution. Reported as ``TAG.CLASS``.
``attribute``
    An element carrying attribute ``marker``; the post's URL or ID is in that attribute (or in
    ``id_attribute``). Reported as ``TAG[ATTRIBUTE]``.
``frame``
    An element whose ``src`` (or a lazy loader's ``data-src``, ``data-lazy-src``, ``data-iframe``)
    matches the regular expression ``marker``; ``hint`` is a lower-case literal every match holds,
    for the fast scan. The post is the source URL or the URL in its ``url=`` parameter. Reported
    as ``name`` with ``{host}`` replaced by the frame's host.
``tag``
    A custom element called ``marker`` (AMP components, web components) whose ``id_attribute``
    holds the post's ID or URL. Reported as the tag.
``wrapper``
    A CMS block around the embed code (class ``marker``). When the platform's own embed code
    stands inside, that embed is the citation; otherwise the block is read: its attributes, its
    links, and a post URL written as its text (WordPress stores the URL alone in the block).
``encoded``
    A consent or privacy placeholder (class or attribute ``marker``) that keeps the original
    embed code encoded (base64, or an escaped JavaScript string) until the reader agrees; the
    code is decoded and read as embed markup. Reported like ``class`` or ``attribute``.
``json``
    An element whose attribute ``marker`` holds the post as JSON; ``fields`` maps what the JSON
    keys mean (``url``, ``handle``, ``name``, ``text``, ``date``).
``bare-url``
    The post's URL alone in a paragraph (``<p>URL</p>``, or linked to itself): the unrendered
    oEmbed form that WordPress and other CMSs store. Reported as ``bare-url-paragraph``.
``card-text``
    What copying or scraping a rendered post card leaves, one item a line: the display name,
    the ``@handle`` (``marker`` is its regular expression), the text, and the time and date
    (``3:15 PM · Jun 7, 2019``). Reported as ``card-text``.
``text``
    Flattened embed text read by the phrase and attribution readers (documented here; its
    anchors live in those readers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "BARE_URL_FORM",
    "FORM_KINDS",
    "EmbedForm",
    "FormKind",
    "arc_oembed",
    "bare_url",
    "borlabs_v2",
    "borlabs_v3",
    "catalogue_markdown",
    "drupal_oembed",
    "embed_privacy",
    "flattened",
    "wordpress_block",
]

FormKind = Literal["class", "attribute", "frame", "tag", "wrapper", "encoded", "json", "bare-url", "card-text", "text"]
FORM_KINDS: tuple[FormKind, ...] = (
    "class", "attribute", "frame", "tag", "wrapper", "encoded", "json", "bare-url", "card-text", "text",
)
#: The form a post's URL alone in a paragraph is reported as.
BARE_URL_FORM = "bare-url-paragraph"
#: The tags the embed code of most forms stands on.
DEFAULT_TAGS = ("blockquote", "div", "iframe", "script")


@dataclass(frozen=True)
class EmbedForm:
    """One form in which a platform's post stands in a page, how it is recognised, and its source."""

    #: What citations of this form report in ``form`` (``{host}``: the frame's host).
    name: str
    kind: FormKind
    #: A short example, written for this catalogue.
    example: str
    #: Where the form is documented: a public page's URL, or ``owner/repo: path`` of a public file.
    source: str
    #: The class, attribute or tag that marks it, or the frame source's regular expression.
    marker: str = ""
    #: Tags that may carry the marker (``class``, ``attribute``, ``wrapper``, ``encoded``, ``json``, ``frame``).
    tags: tuple[str, ...] = DEFAULT_TAGS
    #: The attribute holding the post's bare ID or URL, when it is not the marker itself.
    id_attribute: str | None = None
    #: For frames: a lower-case literal that every source the pattern matches holds.
    hint: str = ""
    #: For ``json`` forms: (meaning, key) pairs; meanings are url, handle, name, text, date.
    fields: tuple[tuple[str, str], ...] = ()
    #: Whether the date the form shows is in the reader's time zone (a copied web page), not the
    #: platform's display zone: it may lie a day off the post's day either way.
    local_date: bool = False
    #: What sets this form apart when another form of the platform has the same ``name``
    #: (``unquoted``, ``lazy``); also the fixture's name.
    variant: str = ""

    @property
    def slug(self) -> str:
        """The form's file name in ``fixtures/forms/PLATFORM/``, without its extension."""
        base = self.name.replace("{host}", "host")
        for char in '[]=/:"{}':
            base = base.replace(char, "_")
        return f"{base}--{self.variant}" if self.variant else base


@dataclass(frozen=True)
class _Shared:
    """A form that many platforms' posts take (a CMS block, a consent placeholder): everything
    but the example, with ``{}`` in ``name`` and ``marker`` for the provider's slug."""

    name: str
    kind: FormKind
    source: str
    marker: str = ""
    tags: tuple[str, ...] = DEFAULT_TAGS
    hint: str = ""

    def form(self, example: str, slug: str = "") -> EmbedForm:
        """This form for one platform, with its example (and its provider's ``slug``)."""
        return EmbedForm(
            name=self.name.replace("{}", slug), kind=self.kind, marker=self.marker.replace("{}", slug),
            tags=self.tags, hint=self.hint, example=example, source=self.source,
        )


#: The forms shared across platforms, declared once; the platform modules add their examples.
WORDPRESS_BLOCK = _Shared(
    "figure.wp-block-embed-{}", "wrapper", "WordPress/gutenberg: packages/block-library/src/embed/save.js",
    marker="wp-block-embed-{}", tags=("figure",),
)
ARC_OEMBED = _Shared(
    "div.oembed-{}", "wrapper",
    "WPMedia/arc-themes-blocks: blocks/article-body-block/chains/article-body/_children/oembed.jsx",
    marker="oembed-{}", tags=("div",),
)
DRUPAL_OEMBED = _Shared(
    "iframe[src=/media/oembed]", "frame",
    "drupal/drupal: core/modules/media/src/Plugin/Field/FieldFormatter/OEmbedFormatter.php",
    marker=r"/media/oembed\?", tags=("iframe",), hint="/media/oembed",
)
BORLABS_V2 = _Shared(
    "div._brlbs-cb-{}", "encoded",
    "wp-stars/juniper-base: web/app/plugins/borlabs-cookie/classes/Cookie/Frontend/ContentBlocker.php",
    marker="_brlbs-cb-{}", tags=("div",),
)
BORLABS_V3 = _Shared(
    "div[data-borlabs-cookie-content]", "encoded",
    "wp-stars/juniper-base: web/app/plugins/borlabs-cookie/classes/Cookie/System/ContentBlocker/"
    "ContentBlockerManager.php",
    marker="data-borlabs-cookie-content", tags=("div",),
)
EMBED_PRIVACY = _Shared(
    "div.embed-privacy-container", "encoded", "epiphyt/embed-privacy: inc/embed/class-template.php",
    marker="embed-privacy-container", tags=("div",),
)
BARE_URL = _Shared(
    BARE_URL_FORM, "bare-url",
    'WordPress/gutenberg: packages/block-library/src/embed/save.js ("URL needs to be on its own line")',
)


def wordpress_block(slug: str, example: str) -> EmbedForm:
    """WordPress's embed block for provider ``slug`` (``figure.wp-block-embed-SLUG``)."""
    return WORDPRESS_BLOCK.form(example, slug)


def arc_oembed(subtype: str, example: str) -> EmbedForm:
    """Arc XP's article-body block around an oEmbed element of ``subtype`` (``div.oembed-SUBTYPE``)."""
    return ARC_OEMBED.form(example, subtype)


def drupal_oembed(example: str) -> EmbedForm:
    """Drupal core's media oEmbed frame, whose ``url=`` parameter is the post."""
    return DRUPAL_OEMBED.form(example)


def borlabs_v2(blocker: str, example: str) -> EmbedForm:
    """Borlabs Cookie 2's content blocker ``blocker``: the embed code kept in base64."""
    return BORLABS_V2.form(example, blocker)


def borlabs_v3(example: str) -> EmbedForm:
    """Borlabs Cookie 3's content blocker: the embed code in base64 in ``data-borlabs-cookie-content``."""
    return BORLABS_V3.form(example)


def embed_privacy(example: str) -> EmbedForm:
    """The Embed Privacy plugin's overlay: the embed code in an escaped JavaScript string."""
    return EMBED_PRIVACY.form(example)


def bare_url(example: str) -> EmbedForm:
    """The post's URL alone in a paragraph: WordPress's unrendered oEmbed."""
    return BARE_URL.form(example)


def flattened(example: str, source: str) -> EmbedForm:
    """An embed flattened to text, read by the phrase and attribution readers."""
    return EmbedForm(name="flattened-text", kind="text", example=example, source=source)


def _cell(text: str) -> str:
    """``text`` as a Markdown table cell: pipes escaped, line breaks shown as ⏎."""
    return text.replace("|", "\\|").replace("\n", " ⏎ ")


def catalogue_markdown(platforms: dict[str, tuple[str, tuple[EmbedForm, ...]]]) -> str:
    """The catalogue as Markdown, one table a platform: ``platforms`` maps a platform's name to
    its title and forms (docs/platforms.md holds this text; a test checks it)."""
    parts = []
    for name, (title, forms) in platforms.items():
        if not forms:
            continue
        rows = [f"#### {title} (`{name}`)", "", "| form | kind | example | source |", "|---|---|---|---|"]
        for form in forms:
            label = f"`{form.name}`" + (f" ({form.variant})" if form.variant else "")
            rows.append(f"| {label} | {form.kind} | `{_cell(form.example)}` | {_cell(form.source)} |")
        parts.append("\n".join(rows))
    return "\n\n".join(parts) + "\n"
