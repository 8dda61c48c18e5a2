"""Convert the older per-document labelled sets to sentence labels (issue 15).

The older sets (``tests/eval_corpus``, ``tests/eval_dev``, ``tests/eval_heldout*``) label each
document with ``<name>.expected.yml``: the mission-category findings it should produce, as
``{category, match}`` where ``match`` is a case-insensitive fragment of the finding's sentence,
and ``missing-consequence`` usually without a match (one finding for the document). This
script writes each set to ``tests/sentences/converted/<set>/`` in the format of
``tests/sentences/LABELLING.md``: ``<name>.labels.yml`` whose ``source`` names the original
document (documents are not copied).

How labels become units:

* each distinct ``match`` becomes one commitment unit (its ``text`` is the match as written)
  with the categories of every entry that carries it;
* a ``missing-consequence`` entry without a match (the document-level label) adds that category
  to every unit of the document; the units get no ``scope``, and the scorer lets a
  document-level finding that matches no unit cover units without a scope;
* a document labelled ``findings: []`` is written with no commitments: it contributes no unit,
  and every mission-category finding on it counts as a false positive;
* a document whose only labels have no match (a document-level ``missing-consequence`` and
  nothing else) cannot be converted: it names no unit to carry the label. It is left out and
  listed in the summary (and in the output folder's README).

Limits: the older labels list the findings the linter should produce, not the document's
commitments: complete commitments and look-alikes are not labelled, units are fragments rather
than whole sentences, and no scope is recorded. A finding on an unlabelled sentence still counts
as a false positive, but there is no negative unit or non-commitment to tell what it hit, and the
rules were written and tuned beside these very labels. Read their figures as an upper bound of
what the linter does on text it has not seen, and never pool them with the frozen test split.

    .venv/bin/python benchmarks/convert_eval_sets.py            # every older set
    .venv/bin/python benchmarks/convert_eval_sets.py tests/eval_dev --force
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "sentences" / "converted"
SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
CATEGORIES = ("vague-commitment", "missing-evidence", "missing-consequence")
CONSEQUENCE = "missing-consequence"


class ConvertError(Exception):
    pass


def default_sets() -> list[Path]:
    tests = ROOT / "tests"
    names = ["eval_corpus", "eval_dev"]
    held = sorted((p.name for p in tests.glob("eval_heldout*") if p.is_dir()),
                  key=lambda n: int(n[len("eval_heldout"):] or 1))
    return [tests / n for n in names + held if (tests / n).is_dir()]


def group_of(stem: str) -> str:
    """The group a document's name starts with ("hedge-...", "dev-hedge-..." -> "hedge")."""
    parts = stem.split("-")
    return parts[1] if parts[0] == "dev" and len(parts) > 1 else parts[0]


def convert_labels(expected: dict[str, Any], path: Path) -> dict[str, Any] | None:
    """The sentence labels for one document's expected findings, or None when it names no unit
    for its labels (only match-less labels)."""
    entries = expected.get("findings") or []
    if not isinstance(entries, list):
        raise ConvertError(f"{path}: 'findings' must be a list")
    units: dict[str, dict[str, Any]] = {}
    document_level: set[str] = set()
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or entry.get("category") not in CATEGORIES:
            raise ConvertError(f"{path}: finding {n} needs a mission category")
        category = str(entry["category"])
        match = str(entry.get("match") or "").strip()
        if not match:
            document_level.add(category)
            continue
        unit = units.setdefault(match.casefold(), {"text": match, "categories": []})
        if category not in unit["categories"]:
            unit["categories"].append(category)
    if entries and not units:
        return None
    if document_level - {CONSEQUENCE}:
        raise ConvertError(f"{path}: a match-less label other than missing-consequence")
    for unit in units.values():
        if CONSEQUENCE in document_level and CONSEQUENCE not in unit["categories"]:
            unit["categories"].append(CONSEQUENCE)
        unit["categories"] = [c for c in CATEGORIES if c in unit["categories"]]
    return {"commitments": list(units.values())}


def convert_set(source: Path, out_root: Path, force: bool) -> dict[str, Any]:
    target = out_root / source.name
    if target.exists() and not force:
        raise ConvertError(f"{target}: exists (use --force to replace it)")
    staging = out_root / f".{source.name}.tmp"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    summary: dict[str, Any] = {"set": source.name, "documents": 0, "converted": 0, "empty": 0,
                               "units": 0, "skipped": []}
    for sidecar in sorted(source.glob("*.expected.yml")):
        stem = sidecar.name[: -len(".expected.yml")]
        docs = sorted(p for p in source.iterdir()
                      if p.stem == stem and p.suffix.lower() in SUFFIXES)
        if not docs:
            raise ConvertError(f"{sidecar}: no document beside it")
        summary["documents"] += 1
        try:
            expected = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ConvertError(f"{sidecar}: cannot read: {str(exc).splitlines()[0]}") from None
        if not isinstance(expected, dict):
            raise ConvertError(f"{sidecar}: must be a mapping")
        labels = convert_labels(expected, sidecar)
        if labels is None:
            summary["skipped"].append(docs[0].name)
            continue
        doc = docs[0]
        data = {
            "title": "",
            "kind": group_of(stem),
            "source": str(doc.relative_to(ROOT)) if doc.is_relative_to(ROOT) else str(doc),
            "description": str(expected.get("description") or ""),
            "converted_from": str(sidecar.name),
            **labels,
            "non_commitments": [],
        }
        (staging / f"{stem}.labels.yml").write_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100),
            encoding="utf-8")
        summary["converted"] += 1
        summary["units"] += len(labels["commitments"])
        summary["empty"] += not labels["commitments"]
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)
    return summary


README_HEAD = """# Converted older sets (studied; not a test split)

Written by `benchmarks/convert_eval_sets.py` from the older per-document labels
(`<name>.expected.yml`) of the sets named below: a `<name>.labels.yml` in the format of
`tests/sentences/LABELLING.md` whose `source` names the original document in its own set
(documents are not copied). Regenerate with
`.venv/bin/python benchmarks/convert_eval_sets.py --force`; do not edit by hand.

- Each `match` of the old labels is one commitment unit with its categories; a document-level
  `missing-consequence` (no `match`) is added to every unit of its document, without `scope`.
- Documents labelled `findings: []` have no commitments: every mission finding on them is a
  false positive.
- Documents whose only label is a document-level `missing-consequence` name no unit to carry
  it and are left out (listed below).

Limits: the old labels list only the findings expected, not complete commitments or
look-alikes, and the units are fragments, not whole sentences. The linter's rules were written
and tuned beside these documents, so their figures are an upper bound of its accuracy on new
text. `benchmarks/accuracy.py --corpus converted` reports them apart from the
`tests/sentences` splits, never pooled with the frozen test split.

| set | documents | converted | with no commitments | units | left out |
|---|---:|---:|---:|---:|---|
"""


def write_readme(out_root: Path, summaries: list[dict[str, Any]]) -> None:
    lines = [README_HEAD.rstrip("\n")]
    for s in summaries:
        left = ", ".join(s["skipped"]) or "-"
        lines.append(f"| {s['set']} | {s['documents']} | {s['converted']} | {s['empty']} | "
                     f"{s['units']} | {left} |")
    readme = out_root / "README.md"
    tmp = readme.with_name("README.md.tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(readme)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", type=Path,
                        help="older set folders (default: tests/eval_corpus, tests/eval_dev, "
                             "tests/eval_heldout*)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT})")
    parser.add_argument("--force", action="store_true", help="replace converted sets")
    args = parser.parse_args(argv)
    sets = [p.resolve() for p in args.sets] or default_sets()
    try:
        for folder in sets:
            if not folder.is_dir():
                raise ConvertError(f"{folder}: not a folder")
        args.out.mkdir(parents=True, exist_ok=True)
        summaries = [convert_set(folder, args.out, args.force) for folder in sets]
    except ConvertError as exc:
        print(f"convert_eval_sets.py: {exc}", file=sys.stderr)
        return 2
    if not args.sets:
        write_readme(args.out, summaries)
    for s in summaries:
        print(f"{s['set']}: {s['converted']} of {s['documents']} documents, {s['units']} units, "
              f"{s['empty']} with no commitments, {len(s['skipped'])} left out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
