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


def wordpress_block(slug: str, example: str) -> EmbedForm:
    """WordPress's embed block for provider ``slug`` (``figure.wp-block-embed-SLUG``)."""
    return EmbedForm(
        name=f"figure.wp-block-embed-{slug}",
        kind="wrapper",
        marker=f"wp-block-embed-{slug}",
        tags=("figure",),
        example=example,
        source="WordPress/gutenberg: packages/block-library/src/embed/save.js",
    )


def arc_oembed(subtype: str, example: str) -> EmbedForm:
    """Arc XP's article-body block around an oEmbed element of ``subtype`` (``div.oembed-SUBTYPE``)."""
    return EmbedForm(
        name=f"div.oembed-{subtype}",
        kind="wrapper",
        marker=f"oembed-{subtype}",
        tags=("div",),
        example=example,
        source="WPMedia/arc-themes-blocks: blocks/article-body-block/chains/article-body/_children/oembed.jsx",
    )


def drupal_oembed(example: str) -> EmbedForm:
    """Drupal core's media oEmbed frame, whose ``url=`` parameter is the post."""
    return EmbedForm(
        name="iframe[src=/media/oembed]",
        kind="frame",
        marker=r"/media/oembed\?",
        hint="/media/oembed",
        tags=("iframe",),
        example=example,
        source="drupal/drupal: core/modules/media/src/Plugin/Field/FieldFormatter/OEmbedFormatter.php",
    )


def borlabs_v2(blocker: str, example: str) -> EmbedForm:
    """Borlabs Cookie 2's content blocker ``blocker``: the embed code kept in base64."""
    return EmbedForm(
        name=f"div._brlbs-cb-{blocker}",
        kind="encoded",
        marker=f"_brlbs-cb-{blocker}",
        tags=("div",),
        example=example,
        source="wp-stars/juniper-base: web/app/plugins/borlabs-cookie/classes/Cookie/Frontend/ContentBlocker.php",
    )


def borlabs_v3(example: str) -> EmbedForm:
    """Borlabs Cookie 3's content blocker: the embed code in base64 in ``data-borlabs-cookie-content``."""
    return EmbedForm(
        name="div[data-borlabs-cookie-content]",
        kind="encoded",
        marker="data-borlabs-cookie-content",
        tags=("div",),
        example=example,
        source=(
            "wp-stars/juniper-base: web/app/plugins/borlabs-cookie/classes/Cookie/System/ContentBlocker/"
            "ContentBlockerManager.php"
        ),
    )


def embed_privacy(example: str) -> EmbedForm:
    """The Embed Privacy plugin's overlay: the embed code in an escaped JavaScript string."""
    return EmbedForm(
        name="div.embed-privacy-container",
        kind="encoded",
        marker="embed-privacy-container",
        tags=("div",),
        example=example,
        source="epiphyt/embed-privacy: inc/embed/class-template.php",
    )


def bare_url(example: str) -> EmbedForm:
    """The post's URL alone in a paragraph: WordPress's unrendered oEmbed."""
    return EmbedForm(
        name=BARE_URL_FORM,
        kind="bare-url",
        example=example,
        source="WordPress/gutenberg: packages/block-library/src/embed/save.js (\"URL needs to be on its own line\")",
    )


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
