"""provenance: find, normalize and date-check the social-media posts cited in news articles.

The small public API, for pipelines that import provenance rather than run it::

    import provenance
    report = provenance.check_text(html, source="article.html")
    for finding in report.findings:
        print(finding.code, finding.message)

Everything else in the package is internal and may change between versions.
"""

from __future__ import annotations

from provenance.checking import check_bytes, check_path, check_text
from provenance.linter import check_document
from provenance.model import (
    ArticleDate,
    Citation,
    Confidence,
    FileReport,
    Finding,
    IdTime,
    Report,
    Severity,
    TextDate,
    Verification,
)
from provenance.options import Options

__all__ = [
    "ArticleDate",
    "Citation",
    "Confidence",
    "FileReport",
    "Finding",
    "IdTime",
    "Options",
    "Report",
    "Severity",
    "TextDate",
    "Verification",
    "__version__",
    "check_bytes",
    "check_document",
    "check_path",
    "check_text",
]


def __getattr__(name: str) -> str:
    """``__version__``, read from the package's metadata when first asked for (provenance.version)."""
    if name == "__version__":
        from provenance.version import version  # noqa: PLC0415 - reading metadata imports email

        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
