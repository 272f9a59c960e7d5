"""Inputs, before they are read: each yields Items (one per article), which ``provenance.load``
turns into Documents.

- :mod:`provenance.sources.item`: the Item record;
- :mod:`provenance.sources.files`: files and folders on this machine (what ``check`` reads);
- :mod:`provenance.sources.inputs`: everything ``audit`` takes (files, folders, globs, lists,
  URLs, sitemaps, WARC files), resolved lazily, and the fetching of URL Items;
- :mod:`provenance.sources.sitemap`, :mod:`provenance.sources.warc`: the readers of those formats.

This package's own module imports only the light parts, so that ``check`` pays for no fetching,
XML or WARC code; import :class:`~provenance.sources.inputs.Sources` from its module.
"""

from __future__ import annotations

from provenance.sources.files import ARTICLE_SUFFIXES, file_items, is_article_name, iter_inputs, iter_paths
from provenance.sources.item import ARTICLE_TYPES, HTML_TYPES, Item

__all__ = [
    "ARTICLE_SUFFIXES",
    "ARTICLE_TYPES",
    "HTML_TYPES",
    "Item",
    "file_items",
    "is_article_name",
    "iter_inputs",
    "iter_paths",
]
