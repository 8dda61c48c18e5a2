"""The result of linting one or more files: what each reporter renders and the API returns."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from svdocs.core.model import CATEGORIES, Document, Finding, Location, Severity


@dataclass
class FileResult:
    """The findings for one input file, or the one-line error that stopped it being read."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # one line, e.g. "legacy .doc format: save it as .docx"
    document: Document | None = None  # kept for reporters that show the text (html, annotate)
    warnings: list[str] = field(default_factory=list)
    baselined: int = 0  # findings left out because a --baseline file records them

    @property
    def active(self) -> list[Finding]:
        """Findings that are not suppressed."""
        return [f for f in self.findings if f.suppressed is None]


#: The steps of a social value theme through a tender pack, in order.
CHAIN_STEPS: tuple[str, ...] = ("itt", "commitment", "kpi", "evidence", "remedy")
CHAIN_LABELS: dict[str, str] = {"itt": "ITT question", "commitment": "contract commitment",
                                "kpi": "KPI", "evidence": "evidence", "remedy": "remedy"}


@dataclass
class ThemeChain:
    """One theme through a pack: where each step is (``None``: a gap)."""

    theme: str
    steps: dict[str, Location | None] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # step -> the words found there

    @property
    def gaps(self) -> list[str]:
        return [s for s in CHAIN_STEPS if self.steps.get(s) is None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "theme": self.theme,
            "steps": {s: (None if (loc := self.steps.get(s)) is None else
                          {"location": loc.to_dict(), "text": self.texts.get(s, "")})
                      for s in CHAIN_STEPS},
            "gaps": self.gaps,
        }


@dataclass
class PackDocument:
    path: str
    title: str
    kind: str  # itt, specification, definitions, contract
    names: list[str] = field(default_factory=list)


@dataclass
class PackReference:
    """A reference from one document of a pack to a document by its title or number."""

    path: str  # the document it is in
    block: int
    text: str  # as written ("Joint Schedule 1 (Definitions)")
    resolved: str | None  # the pack document it names, or None when it is not in the pack


@dataclass
class PackSummary:
    """What ``svdocs lint --pack`` adds to a Report: the documents, each theme's chain from
    the ITT to the remedy, and the references between documents."""

    documents: list[PackDocument] = field(default_factory=list)
    chains: list[ThemeChain] = field(default_factory=list)
    references: list[PackReference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [vars(d) | {} for d in self.documents],
            "chains": [c.to_dict() for c in self.chains],
            "references": [vars(r) | {} for r in self.references],
            "notes": list(self.notes),
        }


@dataclass
class Report:
    files: list[FileResult] = field(default_factory=list)
    pack: PackSummary | None = None  # set when the files were linted as one pack

    @property
    def findings(self) -> list[Finding]:
        return [f for fr in self.files for f in fr.active]

    @property
    def errors(self) -> list[FileResult]:
        return [fr for fr in self.files if fr.error is not None]

    def summary(self) -> dict[str, Any]:
        active = self.findings
        by_category = Counter(f.category for f in active)
        return {
            "files": len(self.files),
            "files_with_errors": len(self.errors),
            "findings": len(active),
            "suppressed": sum(len(fr.findings) - len(fr.active) for fr in self.files),
            "baselined": sum(fr.baselined for fr in self.files),
            "by_severity": {s.value: sum(f.severity is s for f in active) for s in Severity},
            "by_category": {c: by_category.get(c, 0) for c in CATEGORIES}
            | {c: n for c, n in sorted(by_category.items()) if c not in CATEGORIES},
            "by_rule": dict(sorted(Counter(f.rule for f in active).items())),
        }

    def exit_code(self, fail_on: Severity = Severity.WARNING) -> int:
        """0 when nothing is at or above ``fail_on``, 1 when something is, 2 for unreadable
        input."""
        if self.errors:
            return 2
        if any(f.severity.rank >= fail_on.rank for f in self.findings):
            return 1
        return 0
