"""Verify an article's citations online: recover short-linked posts, ask the platform, ask the archive.

For each citation that names a post (mentions name none and are left alone):

1. an X post known only by its ``pic.twitter.com``/``t.co`` links gets its permalink, ID and
   decoded time from where the first such link redirects (:mod:`.shortlinks`), unless that
   post is by someone other than the handle shown (the media may be another post's);
2. the platform's oEmbed endpoint says whether the post is live or gone and who posted it
   (:mod:`.oembed`);
3. the Wayback Machine names the earliest capture of the permalink, or says it has none
   (:mod:`.wayback`).

The result is the citation with ``verification``, ``archive_url`` and ``archived_at`` set;
every check that got no definite answer leaves a note and an ``unknown``. Each process keeps
one :class:`Verifier` per settings (one HTTP client, one cache connection), closed at exit.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from types import TracebackType

from provenance.extract.evidence import MEDIA_LINK
from provenance.model import Citation, Verification
from provenance.online.cache import Cache
from provenance.online.client import Client, make_fetcher
from provenance.online.guard import Resolver, resolve_host
from provenance.online.oembed import ask_oembed
from provenance.online.settings import OnlineSettings
from provenance.online.shortlinks import is_short_link, resolve_short_link
from provenance.online.wayback import Capture, candidates, earliest_capture
from provenance.platforms import PLATFORMS, decode_time

__all__ = ["MAX_SHORT_LINKS", "MAX_THREADS", "Verifier", "close_all", "verifier_for"]

#: Posts of one article asked about at once; the Fetcher's per-host limit still holds each
#: platform to ``per-host`` requests at a time.
MAX_THREADS = 8
#: Short links tried per post: its media links first (one to four, all leading to it), then the
#: ``t.co`` links of its text (which lead to it when they stand for its media, else elsewhere).
MAX_SHORT_LINKS = 3
_UNVERIFIED = "could not verify"


def _has_short_links(platform: str | None) -> bool:
    """Whether ``platform`` writes short links a post can be recovered through (``Platform.short_links``)."""
    known = PLATFORMS.get(platform or "")
    return known is not None and known.short_links is not None


class Verifier:
    """One process's online checks for one set of settings; thread-safe."""

    def __init__(
        self,
        settings: OnlineSettings,
        *,
        resolver: Resolver = resolve_host,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.fetcher, self._http = make_fetcher(settings)
        self.cache = Cache(settings.cache_path(), clock) if settings.cache else None
        self.client = Client(settings, self.fetcher, self.cache, resolver=resolver, monotonic=monotonic)

    def __enter__(self) -> Verifier:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP client and the cache."""
        self._http.close()
        if self.cache is not None:
            self.cache.close()

    def verify(self, citations: Sequence[Citation]) -> tuple[Citation, ...]:
        """The citations, each that names a post verified; in the same order."""
        todo = [index for index, citation in enumerate(citations) if citation.kind != "mention"]
        done = list(citations)
        if len(todo) == 1:
            done[todo[0]] = self.verify_one(citations[todo[0]])
        elif todo:
            with ThreadPoolExecutor(min(MAX_THREADS, len(todo)), thread_name_prefix="provenance-online") as pool:
                for index, verified in zip(todo, pool.map(self.verify_one, [citations[i] for i in todo]), strict=True):
                    done[index] = verified
        return tuple(done)

    def verify_one(self, citation: Citation) -> Citation:
        """One citation with what the platform and the archive say about it."""
        notes: list[str] = []
        recovered_from = None
        # A post known only by its short links (X's t.co, pic.twitter.com) is recovered through them.
        if _has_short_links(citation.platform) and not (citation.post_id or "").isdigit():
            citation, recovered_from = self._recover(citation, notes)
        if citation.url is None:
            notes.append(f"{_UNVERIFIED}: the post has no permalink to ask about")
            return replace(citation, verification=Verification(recovered_from=recovered_from, notes=tuple(notes)))
        outcome = ask_oembed(self.client, citation.platform, citation)
        if outcome.note is not None:
            notes.append(f"{_UNVERIFIED}: {outcome.note}")
        author = outcome.author
        capture = Capture("unknown")
        if self.settings.archives:
            capture = earliest_capture(self.client, candidates(citation, author.handle if author else None))
            if capture.note is not None:
                notes.append(f"could not check the archive: {capture.note}")
        verification = Verification(
            status=outcome.status,
            reason=outcome.reason,
            author_handle=author.handle if author else None,
            author_name=author.name if author else None,
            author_url=author.url if author else None,
            archive=capture.status,
            recovered_from=recovered_from,
            notes=tuple(notes),
        )
        return replace(citation, archive_url=capture.url, archived_at=capture.at, verification=verification)

    def _recover(self, citation: Citation, notes: list[str]) -> tuple[Citation, str | None]:
        """The citation with the post its first working short link leads to, and that link."""
        written = (match.group() for match in MEDIA_LINK.finditer(citation.text or ""))
        links = [link for link in dict.fromkeys((*citation.media, *written)) if is_short_link(link)][:MAX_SHORT_LINKS]
        for link in links:
            found = resolve_short_link(self.client, link)
            ref = found.post
            if ref is None:
                notes.append(f"could not recover the post from {found.note}")
                continue
            shown = citation.handle
            if shown and ref.handle and shown.casefold() != ref.handle.casefold():
                notes.append(f"{link} leads to a post by @{ref.handle} ({ref.url}), not by @{shown}: "
                             "the media may come from another post; not used")
                continue
            recovered = replace(
                citation, post_id=ref.post_id, url=ref.url, url_handle=ref.handle,
                handle=citation.handle or ref.handle, id_time=decode_time(ref),
            )
            return recovered, link
        return citation, None


_VERIFIERS: dict[tuple[int, OnlineSettings], Verifier] = {}
_LOCK = threading.Lock()


def verifier_for(settings: OnlineSettings) -> Verifier:
    """This process's verifier for ``settings``, made on first use."""
    key = (os.getpid(), settings)  # a forked child must not share its parent's sockets
    with _LOCK:
        verifier = _VERIFIERS.get(key)
        if verifier is None:
            verifier = _VERIFIERS[key] = Verifier(settings)
        return verifier


def close_all() -> None:
    """Close every verifier this process made."""
    with _LOCK:
        verifiers = [v for (pid, _), v in _VERIFIERS.items() if pid == os.getpid()]
        _VERIFIERS.clear()
    for verifier in verifiers:
        verifier.close()


atexit.register(close_all)
