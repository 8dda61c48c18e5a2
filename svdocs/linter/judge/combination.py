"""Who decides ``vague-commitment``: the rules, the trained model, or both (``--judge``).

- ``rules``: the hand-written rules alone (the model is not loaded).
- ``model``: the model decides on each judged sentence (the commitments; in ``--scope all``
  every requirement): a ``vague-model`` finding where it scores the sentence at or above its
  threshold, and no rule's vague-commitment finding.
- ``both``: the rules explain, the model decides the borderline. A rule's finding stands
  (with the model's score added) unless the model is nearly sure the sentence is precise
  (``veto``); a sentence no rule flags gets a ``vague-model`` finding when the model is sure
  enough (``add``). The thresholds per scope were chosen on the dev splits
  (``benchmarks/judge_dev_eval.py``): in the default social value scope the model vetoes
  nothing (the rules there are tuned to the labelled corpora) and adds only what it is
  surest of.

Other categories (missing-evidence, missing-consequence, ...) are the rules' alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from svdocs.core.model import Finding
from svdocs.linter.judge.analysis import DocumentAnalysis

MODEL_RULE = "vague-model"
CATEGORY = "vague-commitment"


@dataclass(frozen=True)
class Thresholds:
    model: float  # --judge model: flag at or above
    add: float  # --judge both: a sentence no rule flags, flagged at or above
    veto: float  # --judge both: a rule's finding dropped below (0: never)


#: Per scope, tuned on the dev splits only.
THRESHOLDS = {
    "all": Thresholds(model=0.5, add=0.5, veto=0.3),
    "social-value": Thresholds(model=0.5, add=0.7, veto=0.0),
}


def thresholds(scope: str) -> Thresholds:
    return THRESHOLDS.get(scope, THRESHOLDS["social-value"])


def _key(f: Finding) -> tuple[int, str]:
    return f.location.block, f.text


def record_scores(a: DocumentAnalysis, scores: dict[tuple[int, str], float]) -> None:
    """Keep the model's score of each judged sentence, by (block, sentence text)."""
    a.__dict__["_model_scores"] = scores


def recorded_scores(a: DocumentAnalysis) -> dict[tuple[int, str], float]:
    """The model's scores recorded for this analysis (empty when the model did not run)."""
    scores: dict[tuple[int, str], float] = a.__dict__.get("_model_scores", {})
    return scores


def combine_judges(judge: str, scope: str, findings: list[Finding],
                   scores: dict[tuple[int, str], float] | None = None) -> list[Finding]:
    """The findings a judge setting keeps, from the rules' findings and the model's
    (``scores``: the model's score of every sentence it judged, by block and text)."""
    if judge == "rules":
        return [f for f in findings if f.rule != MODEL_RULE]
    limits = thresholds(scope)
    scores = scores or {}
    scored = {_key(f): f for f in findings if f.rule == MODEL_RULE}
    others = [f for f in findings if f.rule != MODEL_RULE]
    if judge == "model":
        kept = [f for f in others if f.category != CATEGORY]
        kept += [f for f in scored.values() if f.properties["model_score"] >= limits.model]
        return kept
    out: list[Finding] = []
    flagged: set[tuple[int, str]] = set()
    for f in others:
        if f.category != CATEGORY:
            out.append(f)
            continue
        score = scores.get(_key(f))
        if score is None:
            # a sentence the model does not judge (a KPI table's other cell): the rule stands
            out.append(f)
            flagged.add(_key(f))
            continue
        score = round(score, 4)
        if score < limits.veto:
            continue
        out.append(replace(f, properties={**f.properties, "model_score": score}))
        flagged.add(_key(f))
    out += [f for k, f in scored.items()
            if k not in flagged and f.properties["model_score"] >= limits.add]
    return out


# ---------------------------------------------------------------- --scope all false alarms

# "may not", "should never": a prohibition, as binding as "shall not"
_PROHIBITED = re.compile(r"^\s*(?:not|never)\b", re.I)
# "shall support IPv6", "supports SQL, Python and R": a technical capability, not a soft verb
_CAPABILITY = re.compile(r"^\s*(?:[A-Z0-9][\w./+-]*|the\s+[A-Z0-9][\w./+-]*)", re.UNICODE)


def social_value_keys(a: DocumentAnalysis) -> set[tuple[int, str]]:
    """The (block, text) of every sentence with a social value theme."""
    return {(s.block, s.clause.text) for s in a.sentences if s.clause.all_themes}


def drop_false_alarms(a: DocumentAnalysis, findings: list[Finding]) -> list[Finding]:
    """In ``--scope all``, the social value rules' readings that do not hold for requirements
    of any subject: a prohibition read as a hedge ("The Supplier may not store card numbers"),
    a technical sense of a soft verb ("shall support IPv6"), and a capacity stated as a
    ceiling ("certified for users up to 200 kg") in a sentence with no social value theme.
    The default scope's findings are never touched."""
    if a.config.scope != "all":
        return findings
    social = None
    out = []
    for f in findings:
        if f.category == CATEGORY and f.flagged:
            b = a.document.blocks[f.location.block].text
            after = b[f.location.end:]
            word = f.flagged.lower()
            if word in ("may", "should", "must", "will", "shall") and _PROHIBITED.match(after):
                continue
            if word in ("support", "supports") and _CAPABILITY.match(after):
                continue
            if word == "up to":
                social = social_value_keys(a) if social is None else social
                if _key(f) not in social:
                    continue
        out.append(f)
    return out
