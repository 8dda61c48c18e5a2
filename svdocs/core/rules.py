"""Lint rules as data: one YAML file per rule in ``rules/`` (and in any ``--rules DIR``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from svdocs.core import law
from svdocs.core.errors import ValidationError
from svdocs.core.model import COMMITMENT_PARTS, Severity
from svdocs.core.resources import rules_dir
from svdocs.core.yaml import load_yaml, read_error_line

#: Checks a rule may name. The first group are the built-in judgements; ``phrase``,
#: ``pattern`` and ``requires`` are generic checks for users' own rules.
BUILTIN_CHECKS = (
    "hedged",
    "unmeasurable",
    "undefined-local",
    "evidence",
    "consequence",
    "weighting-absent",
    "weighting-below-minimum",
    "kpi-count",
    "deadline",
    "baseline",
    "evaluation-question",
    "imperatives-coverage",
    "cycle-coverage",
    "smell",
    "model",
)
GENERIC_CHECKS = ("phrase", "pattern", "requires")
#: Checks judged on a tender pack as a whole (``svdocs lint --pack``), never on one document:
#: their examples are packs (documents separated by ``=== name`` lines).
PACK_CHECKS = (
    "pack-theme-not-carried",
    "pack-kpi-unsupported",
    "pack-weighting-differs",
    "pack-weights-total",
    "pack-term-differs",
    "pack-commitment-not-asked",
    "pack-rules-out-of-step",
    "pack-reference-missing",
    "pack-reference-name-differs",
)
APPLIES_TO = ("commitment", "obligation", "sentence", "ask")
#: parts a rule may require of a commitment: those of a complete commitment except the
#: verifier, which the text rarely names apart from the evidence clause
REQUIRABLE_PARTS = tuple(p for p in COMMITMENT_PARTS if p != "verifier")
_REQUIRED_KEYS = ("id", "name", "category", "severity", "message", "rationale", "suggestion")
_KNOWN_KEYS = {
    *_REQUIRED_KEYS,
    "check",
    "fix_clause",
    "examples",
    "phrases",
    "patterns",
    "applies_to",
    "requires",
    "params",
    "references",
}


@dataclass
class Rule:
    id: str
    name: str
    category: str
    severity: Severity
    message: str
    rationale: str
    suggestion: str
    check: str
    fix_clause: str | None = None
    examples: dict[str, list[str]] = field(default_factory=lambda: {"flag": [], "pass": []})
    phrases: list[str] = field(default_factory=list)
    patterns: list[list[dict[str, Any]]] = field(default_factory=list)
    applies_to: str = "commitment"
    requires: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)
    path: Path | None = None
    builtin: bool = True

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "severity": self.severity.value,
            "check": self.check,
            "message": self.message,
            "rationale": self.rationale,
            "suggestion": self.suggestion,
            "fix_clause": self.fix_clause,
            "references": self.references,
            "examples": self.examples,
            "builtin": self.builtin,
        }
        if self.check in GENERIC_CHECKS:
            data["applies_to"] = self.applies_to
            data |= {"phrases": self.phrases} if self.phrases else {}
            data |= {"patterns": self.patterns} if self.patterns else {}
            data |= {"requires": self.requires} if self.requires else {}
        return data


def _parse(data: Any, path: Path, builtin: bool) -> Rule:
    where = str(path)
    if not isinstance(data, dict):
        raise ValidationError(["a rule must be a YAML mapping"], where)
    problems = [f"missing key {k!r}" for k in _REQUIRED_KEYS if not data.get(k)]
    problems += [f"unknown key {k!r}" for k in data if k not in _KNOWN_KEYS]
    severity = str(data.get("severity", ""))
    if severity and severity not in {s.value for s in Severity}:
        problems.append(f"severity must be error, warning or info, not {severity!r}")
    check = str(data.get("check") or ("phrase" if data.get("phrases") else ""))
    if data.get("patterns") and not data.get("check"):
        check = "pattern"
    if check not in BUILTIN_CHECKS + GENERIC_CHECKS + PACK_CHECKS:
        problems.append(
            f"unknown check {check!r} (use one of: "
            f"{', '.join(BUILTIN_CHECKS + GENERIC_CHECKS + PACK_CHECKS)})"
        )
    applies_to = str(data.get("applies_to", "commitment"))
    if applies_to not in APPLIES_TO:
        problems.append(f"applies_to must be one of {', '.join(APPLIES_TO)}")
    phrases = data.get("phrases") or []
    patterns = data.get("patterns") or []
    requires = data.get("requires") or []
    if check == "phrase" and not (isinstance(phrases, list) and phrases):
        problems.append("check 'phrase' needs a non-empty list 'phrases'")
    if check == "pattern" and not (
        isinstance(patterns, list) and patterns and all(isinstance(p, list) for p in patterns)
    ):
        problems.append("check 'pattern' needs 'patterns': a list of spaCy token patterns")
    if check == "requires":
        parts = requires if isinstance(requires, list) else [requires]
        bad = [p for p in parts if p not in REQUIRABLE_PARTS]
        if not requires or bad:
            allowed = ", ".join(REQUIRABLE_PARTS)
            problems.append(f"check 'requires' needs 'requires' from: {allowed}")
    examples = data.get("examples") or {}
    if not isinstance(examples, dict) or any(
        k not in ("flag", "pass") or not isinstance(v, list) for k, v in examples.items()
    ):
        problems.append("examples must be a mapping with lists 'flag' and 'pass'")
        examples = {}
    if builtin and not (examples.get("flag") and examples.get("pass")):
        problems.append("a shipped rule needs at least one 'flag' and one 'pass' example")
    if problems:
        raise ValidationError(problems, where)
    return Rule(
        id=str(data["id"]),
        name=str(data["name"]),
        category=str(data["category"]),
        severity=Severity(severity),
        message=str(data["message"]).strip(),
        rationale=str(data["rationale"]).strip(),
        suggestion=str(data["suggestion"]).strip(),
        check=check,
        fix_clause=str(data["fix_clause"]) if data.get("fix_clause") else None,
        examples={
            "flag": [str(x) for x in examples.get("flag", [])],
            "pass": [str(x) for x in examples.get("pass", [])],
        },
        phrases=[str(p) for p in phrases],
        patterns=patterns,
        applies_to=applies_to,
        requires=[str(r) for r in requires],
        params={**law.CHECK_DEFAULTS.get(check, {}), **(data.get("params") or {})},
        references=[str(r) for r in data.get("references") or []],
        path=path,
        builtin=builtin,
    )


def _load_dir(folder: Path, builtin: bool) -> list[Rule]:
    if not folder.is_dir():
        raise ValidationError([f"rules folder not found: {folder}"], str(folder))
    rules = []
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        try:
            data = load_yaml(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ValidationError([f"cannot read rule: {read_error_line(exc)}"],
                                  str(path)) from None
        rules.append(_parse(data, path, builtin))
    return rules


def load_rules(extra_dirs: Iterable[Path | str] = ()) -> list[Rule]:
    """The shipped rules, then the rules in ``extra_dirs``; ids must be unique."""
    rules = _load_dir(rules_dir(), builtin=True)
    for folder in extra_dirs:
        rules += _load_dir(Path(folder), builtin=False)
    seen: dict[str, Path | None] = {}
    for rule in rules:
        if rule.id in seen:
            raise ValidationError(
                [f"rule id {rule.id!r} is already defined in {seen[rule.id]}"], str(rule.path)
            )
        seen[rule.id] = rule.path
    return rules


def find_rule(rule_id: str, rules: Iterable[Rule]) -> Rule | None:
    return next((r for r in rules if r.id == rule_id), None)


WITHOUT_REASON = "suppression-without-reason"
UNKNOWN_RULE = "suppression-unknown-rule"
SUPPRESSION_CATEGORY = "suppression"


#: Rules about suppressions; config may turn them off or change their severity.
META_RULES: tuple[Rule, ...] = (
    Rule(
        id=WITHOUT_REASON,
        check="suppression",
        name="Suppression without a reason",
        category=SUPPRESSION_CATEGORY,
        severity=Severity.WARNING,
        message="This suppression gives no reason, so it is not applied.",
        rationale=(
            "A reviewer reading the document later must be able to see why a weak commitment "
            "was accepted; a bare switch hides the decision."
        ),
        suggestion="Write the reason after a colon, e.g. "
        "'svdocs-disable-next-line RULE-ID: background text, not an obligation'.",
    ),
    Rule(
        id=UNKNOWN_RULE,
        check="suppression",
        name="Suppression of an unknown rule",
        category=SUPPRESSION_CATEGORY,
        severity=Severity.WARNING,
        message="This suppression names a rule that does not exist, so it suppresses nothing.",
        rationale="A misspelt rule id silently leaves findings in place or hides a typo.",
        suggestion="Use an id listed by 'svdocs rules list', a category, or 'all'.",
    ),
)
META_RULE_IDS: frozenset[str] = frozenset(r.id for r in META_RULES)
