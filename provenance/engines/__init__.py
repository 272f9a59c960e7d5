"""Where an audit's checks run.

Every engine runs the same per-article function, :func:`provenance.checking.check_item` (an Item
to a FileReport), after :func:`provenance.sources.inputs.fetch_item` has turned a URL Item into
bytes in hand: the ``local`` engine on a process pool on this machine
(``provenance.engines.local``), the ``spark`` engine on Apache Spark executors over WARC files
(``provenance.engines.spark``). The same function, so the same results.
"""

from __future__ import annotations

from provenance.checking import check_item, timed_check
from provenance.sources.inputs import ACCEPT_ARTICLE, fetch_item

__all__ = ["ACCEPT_ARTICLE", "check_item", "fetch_item", "timed_check"]
