"""Stable fingerprints: a finding keeps its fingerprint when the text around it changes."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from svdocs.core.model import Finding


def normalise(text: str) -> str:
    return " ".join(text.lower().split())


def fingerprint(rule: str, text: str, occurrence: int) -> str:
    digest = hashlib.sha256(f"{rule}\x1f{normalise(text)}\x1f{occurrence}".encode())
    return digest.hexdigest()[:16]


def assign_fingerprints(findings: Iterable[Finding]) -> None:
    """Fingerprint findings in document order: rule id + normalised text + occurrence number."""
    seen: Counter[tuple[str, str]] = Counter()
    for f in findings:
        key = (f.rule, normalise(f.text))
        f.fingerprint = fingerprint(f.rule, f.text, seen[key])
        seen[key] += 1
