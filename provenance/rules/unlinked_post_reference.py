"""PV108 unlinked-post-reference (warning): the prose cites a social-media post without linking it.

"She wrote on Instagram", "σε δήλωση στη σελίδα του στο Facebook", "X tweeted that …": the
article says a post, statement or account exists but neither embeds nor links it, so a reader
cannot open it, and its wording and date cannot be checked. Link the post's permalink where the
sentence cites it, or embed the post.

The sentences come from :mod:`provenance.extract.mentions`, with phrases per language in
``provenance/data/mentions/``. Sentences about social media in general ("Social media is changing
politics"), page furniture ("Follow us on Twitter", "Share on Facebook"), sentences that link the
post and sentences that introduce or caption an embed next to them are not reported. A post on a
platform the sentence does not name ("on social media") is reported with platform ``social``.

Passes: ``Smith wrote on <a href="https://x.com/smith/status/1866000000000000000">X</a> that the
vote is off.`` — the sentence links the post.
Fails: ``Smith wrote on X that the vote is off.`` — no link, no embed.
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.model import Citation, Severity
from provenance.platforms import PLATFORMS
from provenance.rules.base import Context, Problem, excerpt
from provenance.stages import MENTIONS

CODE = "PV108"
NAME = "unlinked-post-reference"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}
#: The posts cited in prose are looked for only when this rule runs.
STAGES = frozenset({MENTIONS})
#: What a journalist or editor does about a finding (``provenance rules --explain``).
FIX = (
    "Link the post's permalink where the sentence cites it, or embed the post. If the sentence cites "
    'no particular post, suppress the finding.'
)


def _what(citation: Citation) -> str:
    platform = PLATFORMS.get(citation.platform)
    if platform is None:
        where = "a social-media post"
    else:  # "an X post", "an Instagram post": the article goes by how the name sounds
        where = f"{'an' if platform.title[0] in 'AEIOX' else 'a'} {platform.title} post"
    author = citation.display_name or (f"@{citation.handle}" if citation.handle else None)
    return f"{where} by {author}" if author else where


def check(context: Context) -> Iterator[Problem]:
    """Report each post the prose cites without an embed or a link."""
    for index, citation in enumerate(context.citations):
        if citation.kind != "mention":
            continue
        yield Problem(
            "link or embed the post: {what} is cited without a link ({quote!r}), so no one can verify it",
            {"what": _what(citation), "platform": citation.platform, "quote": excerpt(citation.text or "")},
            citation.line,
            citation.column,
            index,
        )
