"""Sentence-level accuracy of the linter (issues 15 and 17), beside a hedge-word baseline.

Runs whatever svdocs is installed through its command line only (``python -m svdocs lint FILES
--format json``, one call per split and format), so it measures the linter as a user gets it,
and scores the findings unit by unit with ``benchmarks/sentence_scoring.py`` (the landing rule
and the counting conventions, ``missing-consequence`` included, are in that module's text).

Corpora (``--corpus``):

* ``sentences``: ``tests/sentences/{train,dev,test}``, full-length social value documents with
  ``<name>.labels.yml`` (commitments with categories and scope, non-commitments); the three
  mission categories; default scope. Each document is linted as written (.md, .txt, .html)
  and as DOCX (written with python-docx by ``benchmarks/docx_from_text.py``).
* ``requirements``: ``tests/requirements/{train,dev,test}``, specifications with every
  requirement labelled (``vague``, ``smells``); ``--scope all``; ``vague-commitment`` only (any
  finding of that category counts, whatever its rule id); as written and as DOCX.
* ``real``: the CCS FM 2017 Word documents in ``../shared/corpus/ccs-fm-2017/`` (beside the
  repository; skipped with a note when absent) with the hand labels of
  ``benchmarks/real_corpus/ccs-fm-2017/``; default scope; plus the "wrong documents" checks.
* ``converted``: the older per-document sets converted by ``benchmarks/convert_eval_sets.py``
  to ``tests/sentences/converted/<set>/``; studied sets, reported apart; as written only.

The hedge-word baseline flags, among the candidate units of each document (its labelled units
plus its labelled non-commitments: the baseline is given the sentence split for free),
``vague-commitment`` when a unit holds a phrase of :data:`HEDGES`; ``missing-evidence`` when it
holds no word of :data:`EVIDENCE_WORDS`; ``missing-consequence`` on every unit when the
document holds no phrase of :data:`REMEDY_WORDS`. It is scored by the same code.

The test splits are frozen: scored only to report. ``--misses`` prints the missed and spurious
units of train, dev, the converted sets and the real corpus; of a test split it prints only
counts per kind of document and category, never its texts.

    .venv/bin/python benchmarks/accuracy.py                      # everything, a few minutes
    .venv/bin/python benchmarks/accuracy.py --corpus sentences --split dev --misses
    .venv/bin/python benchmarks/accuracy.py --judge rules --judge model --judge both
    .venv/bin/python benchmarks/accuracy.py --json results.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# the sibling modules, without leaving benchmarks/ on sys.path (it holds a distributed.py that
# would shadow Dask's package in a process that imports this one)
_HERE = str(Path(__file__).resolve().parent)
sys.path.insert(0, _HERE)
try:
    import docx_from_text
    from sentence_scoring import (
        MISSION_CATEGORIES,
        Found,
        Miss,
        Tally,
        Unit,
        best_unit,
        normalise,
        score_document,
    )
finally:
    sys.path.remove(_HERE)

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "tests" / "sentences"
REQUIREMENTS = ROOT / "tests" / "requirements"
CONVERTED = SENTENCES / "converted"
REAL_LABELS = ROOT / "benchmarks" / "real_corpus" / "ccs-fm-2017"
REAL_DOCS = ROOT.parent / "shared" / "corpus" / "ccs-fm-2017"
SPLITS = ("train", "dev", "test")
FROZEN = {("sentences", "test"), ("requirements", "test")}
SOURCE_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
VAGUE = "vague-commitment"

#: the baseline's hedge list: the weak phrasing of /work/shared/DOMAIN.md (hedges, vague verbs,
#: subjective terms, aspiration), with their plain inflections, and the requirement smells that
#: issue 17 names ("should", "quickly", "as appropriate", "user-friendly", "adequate", "robust",
#: "as soon as possible", "if possible", "where feasible", "etc.", "and/or", "including but not
#: limited to"); comparatives without a reference are not a word list and are left out.
HEDGES = (
    "endeavour", "endeavours", "seek to", "seeks to", "aim to", "aims to", "strive", "strives",
    "look to", "looks to", "try to", "tries to", "where possible", "as far as practicable",
    "where appropriate", "may", "could", "would hope", "support", "supports", "promote",
    "promotes", "encourage", "encourages", "engage with", "engages with", "work closely with",
    "works closely with", "contribute to", "contributes to", "meaningful", "significant",
    "positive outcomes", "local", "is committed to", "are committed to", "is expected to",
    "are expected to", "is encouraged to", "are encouraged to",
    "should", "quickly", "as appropriate", "user-friendly", "adequate", "robust",
    "as soon as possible", "if possible", "where feasible", "etc", "and/or",
    "including but not limited to",
)
#: a unit holding none of these is flagged missing-evidence by the baseline
EVIDENCE_WORDS = (
    "evidence", "evidenced", "report", "reports", "reported", "reporting", "record", "records",
    "certificate", "certificates", "certified", "certification", "payroll", "audit", "audited",
    "return", "returns", "invoice", "invoices", "register", "submit", "submits", "submitted",
    "monitor", "monitored", "monitoring", "verify", "verified", "verification", "measured",
    "timesheet", "timesheets", "kpi", "kpis", "management information",
)
#: a document holding none of these gets missing-consequence on every unit from the baseline
REMEDY_WORDS = (
    "service credit", "service credits", "rectification", "improvement plan", "remedial",
    "withhold", "withheld", "deduct", "deducted", "deduction", "liquidated damages", "damages",
    "terminate", "termination", "suspend", "suspension", "material breach", "repay",
    "repayment", "claw back", "clawback", "retention", "performance notice", "compensation",
)


class BenchError(Exception):
    """A problem with the corpus or the linter run, reported on one line."""


def _phrases(words: Iterable[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])")


_HEDGE_RE = _phrases(HEDGES)
_EVIDENCE_RE = _phrases(EVIDENCE_WORDS)
_REMEDY_RE = _phrases(REMEDY_WORDS)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


# ----------------------------------------------------------------------------- corpus


@dataclass
class Doc:
    corpus: str
    split: str
    path: Path
    labels: Path
    kind: str
    title: str
    units: list[Unit]
    text: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


def document_text(path: Path) -> str:
    """The words of a document, for counting and for the baseline's remedy check."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        import docx  # deferred: only the real corpus needs it, and python-docx is slow to load

        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for table in d.tables:
            for row in table.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        parts.append(cell.text)
        return "\n".join(parts)
    text = path.read_text(encoding="utf-8")
    if suffix in (".html", ".htm"):
        from lxml import html as lxml_html  # deferred: only HTML documents need it

        return lxml_html.document_fromstring(text).text_content()
    return text


def _load_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise BenchError(f"{path}: cannot read labels: {first}") from None
    if not isinstance(data, dict):
        raise BenchError(f"{path}: labels must be a mapping")
    return data


def _units(path: Path, entries: Any, key: str, *, commitments: bool) -> list[Unit]:
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise BenchError(f"{path}: '{key}' must be a list")
    units = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not str(entry.get("text") or "").strip():
            raise BenchError(f"{path}: {key} entry {n} has no text")
        if key == "requirements":
            cats = frozenset({VAGUE}) if entry.get("vague") else frozenset()
        else:
            raw = entry.get("categories") or []
            if not isinstance(raw, list):
                raise BenchError(f"{path}: {key} entry {n}: categories must be a list")
            unknown = set(raw) - set(MISSION_CATEGORIES)
            if unknown:
                raise BenchError(f"{path}: {key} entry {n}: unknown category {sorted(unknown)[0]}")
            cats = frozenset(raw)
        scope = entry.get("scope")
        units.append(
            Unit(str(entry["text"]), cats if commitments else frozenset(),
                 str(scope) if scope is not None else None, commitments)
        )
    return units


def _document_for(labels: Path, data: dict[str, Any] | None = None) -> Path:
    stem = labels.name[: -len(".labels.yml")]
    found = sorted(p for p in labels.parent.glob(glob_escape(stem) + ".*")
                   if p.suffix.lower() in SOURCE_SUFFIXES)
    source = (data or {}).get("source")
    if not found and isinstance(source, str) and (ROOT / source).is_file():
        return ROOT / source  # a converted set's labels name the original document
    if not found:
        raise BenchError(f"{labels}: no document {stem}.md/.txt/.html beside it")
    return found[0]


def glob_escape(text: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", text)


def load_split(corpus: str, folder: Path, split: str) -> list[Doc]:
    docs = []
    for labels in sorted(folder.glob("*.labels.yml")):
        data = _load_yaml(labels)
        path = _document_for(labels, data)
        if corpus == "requirements":
            units = _units(labels, data.get("requirements"), "requirements", commitments=True)
            units += _units(labels, data.get("non_requirements"), "non_requirements",
                            commitments=False)
            kind = str(data.get("domain") or "?")
        else:
            units = _units(labels, data.get("commitments"), "commitments", commitments=True)
            units += _units(labels, data.get("non_commitments"), "non_commitments",
                            commitments=False)
            kind = str(data.get("kind") or "?")
        docs.append(Doc(corpus, split, path, labels, kind, str(data.get("title") or ""), units,
                        document_text(path)))
    return docs


def unquoted(docs: Sequence[Doc]) -> int:
    """How many labelled texts do not occur (normalised) in their document's text."""
    missing = 0
    for doc in docs:
        text = normalise(doc.text)
        missing += sum(1 for u in doc.units if u.norm not in text)
    return missing


def load_real(labels_dir: Path, docs_dir: Path) -> tuple[list[Doc], list[str]]:
    docs, notes = [], []
    for labels in sorted(labels_dir.glob("*.labels.yml")):
        data = _load_yaml(labels)
        name = str(data.get("file") or labels.name[: -len(".labels.yml")])
        path = docs_dir / name
        if not path.is_file():
            notes.append(f"{name}: labelled but not in {docs_dir}; skipped")
            continue
        units = _units(labels, data.get("commitments"), "commitments", commitments=True)
        units += _units(labels, data.get("non_commitments"), "non_commitments", commitments=False)
        meta = {k: data.get(k) for k in ("is_tender", "has_evaluation_text")}
        docs.append(Doc("real", "ccs-fm-2017", path, labels, str(data.get("kind") or "?"),
                        str(data.get("title") or ""), units, document_text(path), meta))
    return docs, notes


# ----------------------------------------------------------------------------- linting


@dataclass
class LintRun:
    findings: dict[Path, list[dict[str, Any]]]
    seconds: float
    cpu: float
    errors: list[str]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def svdocs_command() -> list[str]:
    return [sys.executable, "-m", "svdocs"]


def lint_supports_judge() -> bool:
    proc = subprocess.run([*svdocs_command(), "lint", "--help"], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    return "--judge" in proc.stdout


def lint(paths: Sequence[Path], *, scope_all: bool, judge: str | None) -> LintRun:
    """Lint ``paths`` in one ``svdocs lint`` call; findings by resolved path."""
    cmd = [*svdocs_command(), "lint", *[str(p) for p in paths], "--format", "json",
           "--fail-on", "error"]
    if scope_all:
        cmd += ["--scope", "all"]
    if judge:
        cmd += ["--judge", judge]
    cpu0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    seconds, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise BenchError(f"svdocs lint exited {proc.returncode} without a JSON report: {last}")\
            from None
    findings: dict[Path, list[dict[str, Any]]] = {}
    errors = []
    for entry in report.get("files", []):
        path = Path(entry["path"])
        path = (path if path.is_absolute() else ROOT / path).resolve()
        if entry.get("error"):
            errors.append(f"{path.name}: {entry['error']}")
        findings[path] = [f for f in entry.get("findings", []) if not f.get("suppressed")]
    return LintRun(findings, seconds, cpu, errors)


def as_docx(docs: Sequence[Doc], folder: Path) -> dict[Path, Doc]:
    """Write each document as DOCX in ``folder``; the DOCX path (resolved) -> its document."""
    out = {}
    for doc in docs:
        if doc.path.suffix.lower() == ".docx":
            out[doc.path.resolve()] = doc
            continue
        target = folder / f"{doc.corpus}-{doc.split}-{doc.path.stem}.docx"
        docx_from_text.convert(doc.path, target)
        out[target.resolve()] = doc
    return out


# ----------------------------------------------------------------------------- baseline


def baseline_findings(doc: Doc, categories: Sequence[str]) -> list[Found]:
    found = []
    no_remedy = not _REMEDY_RE.search(normalise(doc.text))
    for unit in doc.units:
        text = unit.norm
        if VAGUE in categories and _HEDGE_RE.search(text):
            found.append(Found(VAGUE, unit.text, rule="baseline"))
        if "missing-evidence" in categories and not _EVIDENCE_RE.search(text):
            found.append(Found("missing-evidence", unit.text, rule="baseline"))
        if "missing-consequence" in categories and no_remedy:
            found.append(Found("missing-consequence", unit.text, rule="baseline"))
    return found


# ----------------------------------------------------------------------------- scoring


@dataclass
class Outcome:
    corpus: str
    split: str
    form: str  # "source" | "docx" | "-" (the baseline reads no file)
    run: str
    categories: tuple[str, ...]
    tallies: dict[str, Tally]
    misses: list[tuple[Doc, Miss]]
    seconds: float
    cpu: float
    words: int
    documents: int
    positives: dict[str, int]

    def row(self, category: str) -> dict[str, Any]:
        return {"corpus": self.corpus, "split": self.split, "as": self.form, "run": self.run,
                "category": category, "positive_units": self.positives[category],
                **self.tallies[category].to_dict()}


def score_docs(
    docs_findings: Iterable[tuple[Doc, list[Found]]], categories: Sequence[str]
) -> tuple[dict[str, Tally], list[tuple[Doc, Miss]]]:
    totals = {c: Tally() for c in categories}
    misses: list[tuple[Doc, Miss]] = []
    for doc, found in docs_findings:
        result = score_document(doc.units, found, categories, doc.title)
        for c in categories:
            totals[c].add(result.tallies[c])
        misses.extend((doc, m) for m in result.misses)
    return totals, misses


def _positives(docs: Sequence[Doc], categories: Sequence[str]) -> dict[str, int]:
    return {c: sum(1 for d in docs for u in d.units if u.is_commitment and c in u.categories)
            for c in categories}


def run_linter(
    docs: Sequence[Doc], categories: tuple[str, ...], *, form: str, judge: str | None,
    scope_all: bool, tmp: Path,
) -> tuple[Outcome, LintRun]:
    by_path = as_docx(docs, tmp) if form == "docx" else {d.path.resolve(): d for d in docs}
    result = lint(list(by_path), scope_all=scope_all, judge=judge)
    pairs = []
    for path, doc in by_path.items():
        if path not in result.findings:
            result.errors.append(f"{doc.name}: not in the JSON report (scored as no findings)")
        raw = result.findings.get(path, [])
        pairs.append((doc, [Found.from_json(f) for f in raw]))
    tallies, misses = score_docs(pairs, categories)
    run = f"svdocs --judge {judge}" if judge else "svdocs"
    corpus, split = docs[0].corpus, docs[0].split
    outcome = Outcome(corpus, split, form, run, categories, tallies, misses, result.seconds,
                      result.cpu, sum(d.words for d in docs), len(docs),
                      _positives(docs, categories))
    return outcome, result


def _natural(item: Path | str) -> list[Any]:
    """Sort key putting eval_heldout2 before eval_heldout10."""
    name = item.name if isinstance(item, Path) else item
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name)]


def run_converted(docs: Sequence[Doc], judge: str | None) -> tuple[list[Outcome], LintRun]:
    """The converted sets in one ``svdocs lint`` call, scored set by set; each set's cost is
    the call's, shared out by words."""
    result = lint([d.path.resolve() for d in docs], scope_all=False, judge=judge)
    result.errors += [f"{d.name}: not in the JSON report (scored as no findings)"
                      for d in docs if d.path.resolve() not in result.findings]
    run = f"svdocs --judge {judge}" if judge else "svdocs"
    total_words = sum(d.words for d in docs) or 1
    outcomes = []
    for name in sorted({d.split for d in docs}, key=_natural):
        members = [d for d in docs if d.split == name]
        pairs = [(d, [Found.from_json(f) for f in result.findings.get(d.path.resolve(), [])])
                 for d in members]
        tallies, misses = score_docs(pairs, MISSION_CATEGORIES)
        words = sum(d.words for d in members)
        share = words / total_words
        outcomes.append(Outcome("converted", name, "source", run, MISSION_CATEGORIES, tallies,
                                misses, result.seconds * share, result.cpu * share, words,
                                len(members), _positives(members, MISSION_CATEGORIES)))
    return outcomes, result


def run_baseline(docs: Sequence[Doc], categories: tuple[str, ...]) -> Outcome:
    cpu0, t0 = time.process_time(), time.perf_counter()
    pairs = [(d, baseline_findings(d, categories)) for d in docs]
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    tallies, misses = score_docs(pairs, categories)
    return Outcome(docs[0].corpus, docs[0].split, "-", "hedge baseline", categories, tallies,
                   misses, seconds, cpu, sum(d.words for d in docs), len(docs),
                   _positives(docs, categories))


# ----------------------------------------------------------------------------- real corpus


@dataclass
class RealChecks:
    weighting_outside_evaluation: list[tuple[str, str, str]] = field(default_factory=list)
    coverage_on_non_tenders: list[tuple[str, str, str]] = field(default_factory=list)
    mission_on_no_commitment: list[tuple[str, str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {k: [{"file": f, "rule": r, "text": t} for f, r, t in v]
                for k, v in self.__dict__.items()}


def real_checks(docs: Sequence[Doc], run: LintRun) -> RealChecks:
    checks = RealChecks()
    seen: set[tuple[str, str, str, str]] = set()
    for doc in docs:
        commitments = [u for u in doc.units if u.is_commitment]
        for f in run.findings.get(doc.path.resolve(), []):
            entry = (doc.name, str(f.get("rule")), str(f.get("text") or ""))
            key = (*entry[:2], normalise(entry[2]), str(f.get("category")))
            if key in seen:  # the same rule on the same text (other flagged words): once
                continue
            seen.add(key)
            category = f.get("category")
            rule = str(f.get("rule") or "")
            if ((category == "weighting" or rule.startswith("sv-weighting"))
                    and doc.meta.get("has_evaluation_text") is False):
                checks.weighting_outside_evaluation.append(entry)
            if category == "coverage" and doc.meta.get("is_tender") is False:
                checks.coverage_on_non_tenders.append(entry)
            if category in MISSION_CATEGORIES:
                found = Found.from_json(f)
                texts = found.commitments or (found.text,)
                if all(best_unit(t, commitments, found.category, found.flagged) < 0
                       for t in texts):
                    checks.mission_on_no_commitment.append(entry)
    return checks


# ----------------------------------------------------------------------------- output


def _pct(x: float) -> str:
    return f"{x:.2f}"


def _ratio(value: float, denominator: int) -> str:
    """A precision or recall, or "-" when nothing was predicted (or nothing was to find)."""
    return _pct(value) if denominator else "-"


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |",
             "|" + "|".join("---" if i < 4 else "---:" for i, _ in enumerate(headers)) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def accuracy_table(outcomes: Sequence[Outcome]) -> str:
    rows = []
    for o in outcomes:
        for c in o.categories:
            t = o.tallies[c]
            rows.append((o.split, o.form, o.run, c, o.positives[c], t.tp, t.fp, t.fn,
                         _ratio(t.precision, t.tp + t.fp), _ratio(t.recall, t.tp + t.fn),
                         _pct(t.f1)))
    return table(("split", "as", "run", "category", "positive units", "TP", "FP", "FN",
                  "precision", "recall", "F1"), rows)


def cost_table(outcomes: Sequence[Outcome]) -> str:
    rows = []
    for o in outcomes:
        per = o.seconds / o.words * 10_000 if o.words else 0.0
        cpu = o.cpu / o.words * 10_000 if o.words else 0.0
        rows.append((o.corpus, o.split, o.form, o.run, o.documents, f"{o.words:,}",
                     f"{o.seconds:.2f}", f"{per:.2f}", f"{cpu:.2f}"))
    return table(("corpus", "split", "as", "run", "documents", "words", "seconds",
                  "s / 10k words", "CPU s / 10k words"), rows)


def print_misses(o: Outcome) -> None:
    if o.run == "hedge baseline" or not o.misses:
        return
    print(f"\n#### {o.corpus} {o.split}, as {o.form}, {o.run}: misses\n")
    if (o.corpus, o.split) in FROZEN:
        counts = Counter((d.kind, m.category, m.kind) for d, m in o.misses)
        rows = [(k, c, m, n) for (k, c, m), n in sorted(counts.items())]
        print("Frozen test split: counts only.\n")
        print(table(("kind of document", "category", "miss", "count"), rows))
        return
    for doc, m in sorted(o.misses, key=lambda x: (x[0].name, x[1].category, x[1].kind)):
        rule = f" [{m.rule}]" if m.rule else ""
        text = " ".join(m.text.split())
        print(f"- {doc.name}: {m.category} {m.kind}{rule}: {text[:200]}")


def print_real_checks(checks: RealChecks) -> None:
    titles = {
        "weighting_outside_evaluation": "Weighting findings on files without evaluation text",
        "coverage_on_non_tenders": "Coverage findings on files that are no tender",
        "mission_on_no_commitment": "Mission-category findings on no labelled commitment",
    }
    for key, title in titles.items():
        items = getattr(checks, key)
        print(f"\n**{title}: {len(items)}**\n")
        for name, rule, text in items:
            print(f"- {name}: {rule}: {' '.join(text.split())[:160]}")


def targets(outcomes: Sequence[Outcome], checks: RealChecks | None) -> list[tuple[str, str, str]]:
    out = []
    for o in outcomes:
        if o.run == "hedge baseline":
            continue
        if o.corpus == "sentences" and o.split == "test":
            for c in MISSION_CATEGORIES:
                f1 = o.tallies[c].f1
                out.append((f"social value test, as {o.form}, {o.run}: {c} F1 >= 0.90",
                            _pct(f1), "yes" if f1 >= 0.90 else "no"))
        if o.corpus == "real" and o.form == "docx":
            for c in MISSION_CATEGORIES:
                p = o.tallies[c].precision
                out.append((f"real corpus, {o.run}: {c} precision >= 0.90", _pct(p),
                            "yes" if p >= 0.90 else "no"))
        if o.corpus == "requirements" and o.split == "test":
            t = o.tallies[VAGUE]
            base = next((b for b in outcomes if b.corpus == "requirements" and b.split == "test"
                         and b.run == "hedge baseline"), None)
            out.append((f"requirements test, as {o.form}, {o.run}: F1 >= 0.75", _pct(t.f1),
                        "yes" if t.f1 >= 0.75 else "no"))
            out.append((f"requirements test, as {o.form}, {o.run}: precision >= 0.75",
                        _pct(t.precision), "yes" if t.precision >= 0.75 else "no"))
            if base is not None:
                gap = t.f1 - base.tallies[VAGUE].f1
                out.append((f"requirements test, as {o.form}, {o.run}: F1 >= baseline + 0.25",
                            f"{gap:+.2f}", "yes" if gap >= 0.25 else "no"))
    if checks is not None:
        for key, label in (("weighting_outside_evaluation", "no weighting finding outside "
                            "evaluation text"),
                           ("coverage_on_non_tenders", "no coverage report on a non-tender"),
                           ("mission_on_no_commitment", "no mission finding on a duty that is "
                            "not a labelled commitment")):
            n = len(getattr(checks, key))
            out.append((f"real corpus: {label}", str(n), "yes" if n == 0 else "no"))
    return out


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+changes" if dirty.strip() else "")


# ----------------------------------------------------------------------------- main


CORPORA = ("sentences", "requirements", "real", "converted")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--corpus", choices=(*CORPORA, "all"), default="all")
    parser.add_argument("--judge", action="append", metavar="NAME",
                        help="pass --judge NAME to svdocs lint (repeat to compare judges)")
    parser.add_argument("--json", metavar="FILE", type=Path, help="write the results as JSON")
    parser.add_argument("--force", action="store_true", help="overwrite an existing --json file")
    parser.add_argument("--misses", action="store_true",
                        help="list missed and spurious units (counts only for test splits)")
    parser.add_argument("--real-corpus", type=Path, default=REAL_DOCS, metavar="DIR",
                        help=f"the CCS FM 2017 documents (default {REAL_DOCS})")
    parser.add_argument("--no-docx", action="store_true", help="skip the DOCX runs")
    args = parser.parse_args(argv)
    if args.json and args.json.exists() and not args.force:
        print(f"accuracy.py: {args.json}: exists (use --force to overwrite)", file=sys.stderr)
        return 2
    try:
        return _run(args)
    except BenchError as exc:
        print(f"accuracy.py: {exc}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    corpora = CORPORA if args.corpus == "all" else (args.corpus,)
    splits = SPLITS if args.split == "all" else (args.split,)
    notes: list[str] = []
    judges: list[str | None] = [None]
    if args.judge:
        if lint_supports_judge():
            judges = [j for spec in args.judge for j in spec.split(",") if j]
        else:
            notes.append("`svdocs lint --help` has no --judge option: --judge "
                         f"{', '.join(args.judge)} skipped; measured the default judgement")
    forms = ("source",) if args.no_docx else ("source", "docx")
    outcomes: list[Outcome] = []
    checks: RealChecks | None = None
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="svdocs-accuracy-") as tmp_name:
        tmp = Path(tmp_name)
        for corpus in ("sentences", "requirements"):
            if corpus not in corpora:
                continue
            base = SENTENCES if corpus == "sentences" else REQUIREMENTS
            cats = MISSION_CATEGORIES if corpus == "sentences" else (VAGUE,)
            for split in splits:
                docs = load_split(corpus, base / split, split)
                if not docs:
                    notes.append(f"{base / split}: no labelled documents")
                    continue
                if unquoted(docs):
                    notes.append(f"{corpus} {split}: {unquoted(docs)} labelled texts not found "
                                 "in their documents")
                for judge in judges:
                    for form in forms:
                        outcome, run = run_linter(docs, cats, form=form, judge=judge,
                                                  scope_all=corpus == "requirements", tmp=tmp)
                        notes += [f"{corpus} {split} {form}: {e}" for e in run.errors]
                        outcomes.append(outcome)
                outcomes.append(run_baseline(docs, cats))
        if "real" in corpora:
            if not args.real_corpus.is_dir():
                notes.append(f"real corpus: {args.real_corpus} is absent; skipped")
            else:
                docs, real_notes = load_real(REAL_LABELS, args.real_corpus)
                notes += real_notes
                if unquoted(docs):
                    notes.append(f"real: {unquoted(docs)} labelled texts not found in the "
                                 "documents' text")
                for judge in judges:
                    outcome, run = run_linter(docs, MISSION_CATEGORIES, form="docx", judge=judge,
                                              scope_all=False, tmp=tmp)
                    notes += [f"real: {e}" for e in run.errors]
                    outcomes.append(outcome)
                    if checks is None:
                        checks = real_checks(docs, run)
                outcomes.append(run_baseline(docs, MISSION_CATEGORIES))
        if "converted" in corpora:
            sets = sorted((p for p in CONVERTED.glob("*") if p.is_dir()), key=_natural) \
                if CONVERTED.is_dir() else []
            if not sets:
                notes.append(f"{CONVERTED}: no converted sets (run "
                             "benchmarks/convert_eval_sets.py)")
            converted = [d for folder in sets for d in load_split("converted", folder, folder.name)]
            if converted:
                for judge in judges:
                    converted_outcomes, run = run_converted(converted, judge)
                    outcomes += converted_outcomes
                    notes += [f"converted: {e}" for e in run.errors]
                for folder in sets:
                    docs = [d for d in converted if d.split == folder.name]
                    if docs:
                        outcomes.append(run_baseline(docs, MISSION_CATEGORIES))
    total = time.perf_counter() - started
    report(outcomes, checks, notes, args, total)
    return 0


def _converted_total(outcomes: Sequence[Outcome]) -> list[Outcome]:
    """All converted sets pooled, per run."""
    pooled: dict[str, Outcome] = {}
    for o in outcomes:
        if o.corpus != "converted":
            continue
        p = pooled.get(o.run)
        if p is None:
            p = pooled[o.run] = Outcome("converted", "all sets", o.form, o.run, o.categories,
                                        {c: Tally() for c in o.categories}, [], 0.0, 0.0, 0, 0,
                                        dict.fromkeys(o.categories, 0))
        for c in o.categories:
            p.tallies[c].add(o.tallies[c])
            p.positives[c] += o.positives[c]
        p.seconds += o.seconds
        p.cpu += o.cpu
        p.words += o.words
        p.documents += o.documents
    return list(pooled.values())


def miss_record(o: Outcome, doc: Doc, miss: Miss) -> dict[str, Any]:
    """One miss for --json; a frozen test split's misses carry no text and no file name."""
    record = {"corpus": o.corpus, "split": o.split, "as": o.form, "run": o.run,
              "kind_of_document": doc.kind, "category": miss.category, "miss": miss.kind,
              "rule": miss.rule}
    if (o.corpus, o.split) not in FROZEN:
        record |= {"document": doc.name, "text": miss.text}
    return record


def report(outcomes: list[Outcome], checks: RealChecks | None, notes: list[str],
           args: argparse.Namespace, total: float) -> None:
    commit = _commit()
    today = dt.date.today().isoformat()
    print(f"# Sentence-level accuracy ({today}, commit {commit})\n")
    titles = {
        "sentences": "Social value corpus (tests/sentences), default scope",
        "requirements": "Requirements corpus (tests/requirements), --scope all, vague-commitment",
        "real": "Real corpus (CCS FM 2017, hand labels), default scope",
        "converted": "Converted older sets (studied; upper bounds, never the test split)",
    }
    for corpus, title in titles.items():
        rows = [o for o in outcomes if o.corpus == corpus]
        if not rows:
            continue
        if corpus == "converted":
            rows = sorted(rows, key=lambda o: (_natural(o.split), o.run == "hedge baseline"))
            rows += _converted_total(rows)
        print(f"## {title}\n")
        print(accuracy_table(rows))
        print()
    if checks is not None:
        print("## Real corpus: findings on the wrong documents")
        print_real_checks(checks)
        print()
    goals = targets(outcomes, checks)
    if goals:
        print("## Targets (issues 15 and 17)\n")
        print(table(("target", "measured", "met"), goals))
        print()
    print("## Cost\n")
    print(cost_table([o for o in outcomes if o.corpus != "converted"]
                     + _converted_total(outcomes)))
    print(f"\nWhole run: {total:.1f} s. Linter seconds are the wall time of one `svdocs lint` "
          "process per row (start-up included); the baseline's are in-process.")
    if notes:
        print("\n## Notes\n")
        for note in notes:
            print(f"- {note}")
    if args.misses:
        print("\n## Misses")
        for o in outcomes:
            print_misses(o)
    if args.json:
        data = {
            "date": today, "commit": commit, "seconds": round(total, 2), "notes": notes,
            "results": [o.row(c) for o in outcomes + _converted_total(outcomes)
                        for c in o.categories],
            "cost": [{"corpus": o.corpus, "split": o.split, "as": o.form, "run": o.run,
                      "documents": o.documents, "words": o.words,
                      "seconds": round(o.seconds, 3), "cpu_seconds": round(o.cpu, 3)}
                     for o in outcomes],
            "targets": [{"target": t, "measured": m, "met": ok == "yes"} for t, m, ok in goals],
            "real_checks": checks.to_dict() if checks else None,
            "misses": [miss_record(o, d, m) for o in outcomes if o.run != "hedge baseline"
                       for d, m in o.misses],
        }
        tmp = args.json.with_name(args.json.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, args.json)


if __name__ == "__main__":
    sys.exit(main())
