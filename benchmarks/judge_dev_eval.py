"""Score the judges at sentence level on a labelled split, through the CLI's JSON report.

    python benchmarks/judge_dev_eval.py                     # dev splits, every judge
    python benchmarks/judge_dev_eval.py --split test --judge both

A finding of a category lands on a labelled unit when the unit's normalised text is inside the
finding's ``text`` or the finding's text is inside the unit's. Per category: a labelled unit
of that category hit by a finding is a true positive, one missed a false negative; a finding
that lands on no unit of that category (another unit, or a sentence nobody labelled: in the
requirements corpus every requirement is labelled, so that is a non-requirement) is a false
positive. Requirements are linted with ``--scope all`` and judged for ``vague-commitment``;
social value documents with the default scope, for every category their labels use.

The ``hedge`` judge is the baseline: a unit is flagged when it contains a word of a plain
hedge-word list, whatever the linter says.

Tune on dev only; the test split is scored once, to report.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ("vague-commitment", "missing-evidence", "missing-consequence")
SMELLS = ("subjective", "ambiguous", "loophole", "nonverifiable", "uncertain-verb", "open-ended",
          "comparative")
HEDGE_WORDS = (
    "should", "may", "might", "could", "would", "appropriate", "reasonable", "adequate",
    "sufficient", "possible", "practicable", "feasible", "endeavour", "endeavours", "aim",
    "seek", "etc", "as required", "as necessary", "where appropriate", "user-friendly",
    "timely", "promptly", "quickly", "regularly", "robust", "flexible", "suitable",
)
_HEDGE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in HEDGE_WORDS) + r")\b", re.I)


def norm(text: str) -> str:
    text = re.sub(r"[*_`|#]", " ", text)
    return re.sub(r"\s+", " ", text).strip().lower().rstrip(".;:")


def lands(unit: str, finding: str) -> bool:
    return bool(unit) and bool(finding) and (unit in finding or finding in unit)


def labelled(split: str, corpus: str) -> list[tuple[Path, list[tuple[str, set[str]]]]]:
    folder = ROOT / "tests" / corpus / split
    out = []
    for labels in sorted(folder.glob("*.labels.yml")):
        data = yaml.safe_load(labels.read_text(encoding="utf-8"))
        stem = labels.name[: -len(".labels.yml")]
        doc = next(p for p in folder.glob(stem + ".*") if not p.name.endswith(".labels.yml"))
        units: list[tuple[str, set[str]]] = []
        if corpus == "requirements":
            for u in data.get("requirements") or []:
                cats = {"vague-commitment"} if u.get("vague") else set()
                if u.get("has_acceptance") is False and u.get("party") != "buyer":
                    cats.add("missing-evidence")  # no acceptance criteria or verification
                smells = {f"smell:{s}" for s in u.get("smells") or []}
                units.append((norm(u["text"]), cats | smells))
            units += [(norm(u["text"]), set()) for u in data.get("non_requirements") or []]
        else:
            for u in data.get("commitments") or []:
                units.append((norm(u["text"]), set(u.get("categories") or [])))
            units += [(norm(u["text"]), set()) for u in data.get("non_commitments") or []]
        out.append((doc, units))
    return out


def lint(paths: list[Path], judge: str, scope: str) -> tuple[dict[str, list[dict]], float]:
    cmd = [sys.executable, "-m", "svdocs", "lint", "--format", "json", "--scope", scope,
           "--judge", judge, *map(str, paths)]
    start = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    seconds = time.perf_counter() - start
    if run.returncode not in (0, 1):
        raise SystemExit(f"lint failed ({run.returncode}): {run.stderr.strip()[:500]}")
    report = json.loads(run.stdout)
    return {str(Path(f["path"]).resolve()): f["findings"] for f in report["files"]}, seconds


def _of(f: dict, cat: str) -> bool:
    """Is finding ``f`` one of category ``cat`` ("smell:loophole": rule vague-loophole)?"""
    if cat.startswith("smell:"):
        return f["rule"] == "vague-" + cat[len("smell:"):]
    return f["category"] == cat


def score(docs: list[tuple[Path, list[tuple[str, set[str]]]]], found: dict[str, list[dict]],
          categories: tuple[str, ...]) -> dict[str, dict[str, float]]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for doc, units in docs:
        findings = found.get(str(doc.resolve()), [])
        for cat in categories:
            texts = {norm(f["text"]) for f in findings if _of(f, cat)}
            for unit, cats in units:
                hit = any(lands(unit, t) for t in texts)
                if cat in cats:
                    counts[cat][0 if hit else 2] += 1
            positives = [u for u, cats in units if cat in cats]
            counts[cat][1] += sum(1 for t in texts if not any(lands(u, t) for u in positives))
    return {cat: _prf(*counts[cat]) for cat in categories}


def baseline(docs: list[tuple[Path, list[tuple[str, set[str]]]]]) -> dict[str, dict[str, float]]:
    tp = fp = fn = 0
    for _doc, units in docs:
        for unit, cats in units:
            flagged = bool(_HEDGE.search(unit))
            gold = "vague-commitment" in cats
            tp += flagged and gold
            fp += flagged and not gold
            fn += gold and not flagged
    return {"vague-commitment": _prf(tp, fp, fn)}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "tp": tp, "fp": fp, "fn": fn}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev", "test"])
    parser.add_argument("--judge", action="append", choices=["rules", "model", "both", "hedge"])
    parser.add_argument("--corpus", action="append", choices=["requirements", "sentences"])
    parser.add_argument("--smells", action="store_true",
                        help="also score each smell rule (vague-loophole, ...) against the "
                             "units labelled with its smell class")
    args = parser.parse_args()
    judges = args.judge or ["hedge", "rules", "model", "both"]
    for corpus in args.corpus or ["requirements", "sentences"]:
        docs = labelled(args.split, corpus)
        scope = "all" if corpus == "requirements" else "social-value"
        cats = ("vague-commitment", "missing-evidence") if corpus == "requirements" \
            else CATEGORIES
        if corpus == "requirements" and args.smells:
            cats += tuple(f"smell:{s}" for s in SMELLS)
        words = sum(len(d.read_text(encoding="utf-8").split()) for d, _ in docs)
        for judge in judges:
            if judge == "hedge":
                result, cost = baseline(docs), ""
            else:
                found, seconds = lint([d for d, _ in docs], judge, scope)
                result = score(docs, found, cats)
                cost = f"  ({seconds / words * 10000:.1f} s per 10,000 words, with start-up)"
            for cat, figures in result.items():
                print(f"{corpus:12} {args.split:5} {judge:6} {cat:20} P {figures['precision']:.3f}"
                      f"  R {figures['recall']:.3f}  F1 {figures['f1']:.3f}"
                      f"  (tp {figures['tp']}, fp {figures['fp']}, fn {figures['fn']}){cost}")


if __name__ == "__main__":
    main()
