"""Online verification, opt in (``--online``): ask the platforms and the web archives.

Offline, provenance reads only what the article claims. With ``--online`` each cited post is
checked where it lives: does the platform still show it, who does the platform say posted it,
and does the Wayback Machine hold a copy (rules PV201–PV203). ``t.co`` and ``pic.twitter.com``
links are resolved to the post they lead to, which recovers the permalink and the dated ID that
flattened text lost. See docs/online.md.

Nothing here reaches the network unless the options say online (:func:`enable`); this module
imports no HTTP code until then.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import replace

from provenance.config import register_section
from provenance.model import Citation
from provenance.online.settings import OnlineSettings, resolve, validate
from provenance.options import Options

__all__ = ["OnlineSettings", "close", "enable", "settings_of", "verify_online"]

register_section("online", validate)


def settings_of(options: Options) -> OnlineSettings | None:
    """The online settings in ``options``, when verification is on."""
    settings = options.sections.get("online")
    return settings if isinstance(settings, OnlineSettings) and settings.enabled else None


def enable(
    options: Options,
    *,
    cache: bool | None = None,
    cache_dir: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Options:
    """``options`` with online verification on: the configured values, then the ``PROVENANCE_*``
    environment over them, then ``cache`` (False: ``--no-cache``) and ``cache_dir``."""
    configured = options.sections.get("online")
    base = configured if isinstance(configured, OnlineSettings) else None
    settings = resolve(base, os.environ if environ is None else environ, cache=cache, cache_dir=cache_dir)
    return replace(options, sections={**options.sections, "online": settings})


def verify_online(citations: Sequence[Citation], options: Options) -> tuple[Citation, ...]:
    """The citations verified online when ``options`` say so; unchanged (and no request made) otherwise."""
    settings = settings_of(options)
    if settings is None:
        return tuple(citations)
    from provenance.online.verify import verifier_for  # noqa: PLC0415 - the HTTP stack loads only online

    return verifier_for(settings).verify(citations)


def close() -> None:
    """Close this process's HTTP clients and cache connections (also done at exit)."""
    if "provenance.online.verify" in sys.modules:
        from provenance.online.verify import close_all  # noqa: PLC0415 - loaded only if used

        close_all()
