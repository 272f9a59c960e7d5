"""Stable identities of findings, for formats whose consumers track findings across runs.

A fingerprint hashes the file, the rule and the post a finding is about (as baselines name it,
see ``provenance.baseline``), never its line: editing the text around an embed keeps it. The
n-th finding with the same identity in a file gets ``n`` mixed in, so fingerprints are unique
within a report.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator

from provenance.baseline import finding_post
from provenance.model import FileReport, Finding, Report

__all__ = ["FINGERPRINT_VERSION", "fingerprinted"]

#: Changes when the identity changes, so that consumers can tell old fingerprints from new.
FINGERPRINT_VERSION = 1


def fingerprinted(report: Report) -> Iterator[tuple[FileReport, Finding, str]]:
    """Every finding, sorted, with its file and its fingerprint (32 hex digits)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    for file, finding in report.findings():
        identity = (file.source, finding.code, finding_post(file, finding) or "")
        seen[identity] += 1
        text = "\0".join((str(FINGERPRINT_VERSION), *identity, str(seen[identity])))
        yield file, finding, hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
