"""Score the linter against a labelled corpus (``svdocs eval DIR``).

Each document ``<name>.<md|txt|html|...>`` has a sidecar ``<name>.expected.yml`` listing the
mission-category findings it should produce. Scoring is over (category, sentence) units:
predictions are deduplicated by (category, text); each expected entry matches at most one
prediction of its category whose text contains ``match`` (any prediction of that category
when ``match`` is absent); the rest are false positives and false negatives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from svdocs.core.config import LintConfig
from svdocs.core.errors import InputError, ValidationError
from svdocs.core.model import CATEGORIES, Finding
from svdocs.core.yaml import load_yaml, read_error_line


@dataclass
class Expected:
    category: str
    match: str | None = None


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class DocumentScore:
    path: str
    description: str
    false_negatives: list[Expected] = field(default_factory=list)
    false_positives: list[tuple[str, str]] = field(default_factory=list)  # (category, text)


@dataclass
class Evaluation:
    scores: dict[str, Score]
    documents: list[DocumentScore]

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": len(self.documents),
            "categories": {c: s.to_dict() for c, s in self.scores.items()},
            "misses": [
                {
                    "path": d.path,
                    "false_negatives": [
                        {"category": e.category, "match": e.match} for e in d.false_negatives
                    ],
                    "false_positives": [
                        {"category": c, "text": t} for c, t in d.false_positives
                    ],
                }
                for d in self.documents
                if d.false_negatives or d.false_positives
            ],
        }


def load_expected(path: Path) -> tuple[str, list[Expected]]:
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValidationError([f"cannot read labels: {read_error_line(exc)}"], str(path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings", []), list):
        raise ValidationError(["labels need a 'findings' list"], str(path))
    out = []
    for entry in data.get("findings") or []:
        if not isinstance(entry, dict) or entry.get("category") not in CATEGORIES:
            raise ValidationError([f"bad label {entry!r}"], str(path))
        match = entry.get("match")
        out.append(Expected(str(entry["category"]), str(match) if match else None))
    return str(data.get("description", "")), out


def score_document(
    findings: list[Finding], expected: list[Expected], path: str = "", description: str = ""
) -> tuple[DocumentScore, dict[str, Score]]:
    predicted: list[tuple[str, str]] = []
    for f in findings:
        if f.category in CATEGORIES and f.suppressed is None:
            key = (f.category, f.text)
            if key not in predicted:
                predicted.append(key)
    used = [False] * len(predicted)
    result = DocumentScore(path, description)
    scores = {c: Score() for c in CATEGORIES}
    # entries with a match first, so a match-less entry cannot take another's sentence
    for e in sorted(expected, key=lambda x: x.match is None):
        for i, (cat, text) in enumerate(predicted):
            if not used[i] and cat == e.category and (
                e.match is None or e.match.lower() in text.lower()
            ):
                used[i] = True
                scores[cat].tp += 1
                break
        else:
            scores[e.category].fn += 1
            result.false_negatives.append(e)
    for i, (cat, text) in enumerate(predicted):
        if not used[i]:
            scores[cat].fp += 1
            result.false_positives.append((cat, text))
    return result, scores


def evaluate_dir(directory: Path, config: LintConfig | None = None) -> Evaluation:
    """Lint every labelled document in ``directory`` and score it."""
    # deferred: start-up: the readers load lxml and markdown-it
    from svdocs.readers import SUPPORTED_EXTENSIONS, read_document
    from svdocs.workflow.batch import make_linter  # deferred: start-up: loaded only by this command

    if not directory.is_dir():
        raise InputError("not a folder", str(directory))
    pairs = []
    for sidecar in sorted(directory.glob("*.expected.yml")):
        stem = sidecar.name[: -len(".expected.yml")]
        docs = [
            p
            for p in directory.glob(stem + ".*")
            if p.suffix.lower() in SUPPORTED_EXTENSIONS and p.name != sidecar.name
        ]
        if not docs:
            raise ValidationError([f"no document for labels {sidecar.name}"], str(directory))
        pairs.append((sorted(docs)[0], sidecar))
    if not pairs:
        raise InputError("no labelled documents (*.expected.yml) found", str(directory))
    linter = make_linter(config or LintConfig())
    documents = [read_document(doc) for doc, _ in pairs]
    totals = {c: Score() for c in CATEGORIES}
    results = []
    for (doc_path, sidecar), findings in zip(
        pairs, linter.lint_documents(documents), strict=True
    ):
        description, expected = load_expected(sidecar)
        result, scores = score_document(findings, expected, str(doc_path), description)
        results.append(result)
        for c, s in scores.items():
            totals[c].tp += s.tp
            totals[c].fp += s.fp
            totals[c].fn += s.fn
    return Evaluation(totals, results)
