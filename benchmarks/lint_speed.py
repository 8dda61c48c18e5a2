"""Lint speed: svdocs on a ~100,000-word DOCX beside two references measured in the same run.

    python benchmarks/lint_speed.py                     # 100k words + 25k/50k/100k scaling
    python benchmarks/lint_speed.py --words 20000 --sizes 5000,10000,20000   # a quick run
    python benchmarks/lint_speed.py --json results.json --keep /tmp/bench

What it measures, each in its own fresh process (so start-up and imports count, as they do for a
user), with wall-clock seconds taken by this script and peak memory (``ru_maxrss``) read for
exactly that process with ``os.wait4``:

* ``floor``: the least any spaCy-based DOCX linter must do: open and walk the file with
  python-docx (paragraphs and table cells) and run ``spacy.blank("en")`` with a sentencizer
  over the text with ``nlp.pipe``, paragraphs joined into texts of up to 5,000 characters and
  OpenBLAS kept to one thread, as svdocs does both.
* ``proselint``: the ``proselint check`` command on the same text, extracted to a .txt file,
  with a config that lifts proselint's cap of 1,000 diagnostics (``max_errors``). With the
  cap, proselint stops checking once it has found 1,000, which it reaches part-way through a
  document of about 250,000 words, so larger runs would time only part of its work.
* ``svdocs``: the command ``svdocs lint FILE.docx --format json`` (``python -m svdocs``) with
  the default configuration, exactly as a user runs it.

Every process runs as an installed program does: with its modules' compiled bytecode cached.
``pip install`` compiles an installed package's modules, so proselint, spaCy and python-docx
start from bytecode; svdocs run from a source checkout writes its own cache (``__pycache__``)
on the warm-up run. The script removes ``PYTHONDONTWRITEBYTECODE`` from the children's
environment for that: with it set, svdocs alone would recompile its sixty modules from source
on every run (about 0.05 s), which no installed svdocs does.

The document is generated here, deterministically from ``--seed``: numbered clauses under
numbered headings, KPI and pricing tables, ordinary contract text (payment, insurance, data
protection, liability, termination...) and, in about one clause in twelve, a social value
commitment (some complete, some hedged, some with an undefined "local").

Targets (issue 3): svdocs within 2x the floor, faster than proselint, peak memory under 1 GB,
cost linear in document size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

# --------------------------------------------------------------------------- the document

PARTIES = ("the Supplier", "the Supplier", "the Authority", "either Party")
DAYS = ("5 Working Days", "10 Working Days", "20 Working Days", "30 days", "3 months")
SECTIONS = (
    "Definitions and Interpretation", "Term", "The Services", "Mobilisation", "Staff",
    "Charges and Payment", "Invoicing", "Insurance", "Data Protection", "Confidentiality",
    "Intellectual Property", "Liability", "Force Majeure", "Change Control", "Audit",
    "Business Continuity", "Health and Safety", "Security", "Records", "Subcontracting",
    "Dispute Resolution", "Termination", "Consequences of Termination", "Exit Management",
    "Notices", "Governing Law",
)
SUBJECTS = (
    "the Services", "the Deliverables", "the Exit Plan", "the Business Continuity Plan",
    "the Implementation Plan", "all Authority Data", "the Supplier Personnel", "the Premises",
    "the Charges", "each Sub-contract", "the Security Management Plan", "the Records",
)
ORDINARY = (
    "{party} shall provide {subject} in accordance with Good Industry Practice and the "
    "Specification throughout the Contract Period.",
    "{party} shall notify the other Party in writing within {days} of becoming aware of any "
    "event that may affect {subject}.",
    "The Supplier shall maintain complete and accurate records relating to {subject} for "
    "at least 7 years after the End Date and make them available on request.",
    "Subject to clause {ref}, the Authority shall pay each undisputed invoice within 30 days "
    "of receipt, by BACS transfer to the account notified by the Supplier.",
    "The Supplier shall hold public liability insurance of not less than £{money} million "
    "for each claim and shall provide evidence of cover on request.",
    "Neither Party limits its liability for death or personal injury caused by its "
    "negligence, or for fraud or fraudulent misrepresentation.",
    "Each Party shall keep the other Party's Confidential Information confidential and "
    "shall not use it except to perform its obligations under this Contract.",
    "The Supplier shall process Personal Data only on the documented instructions of the "
    "Authority, as set out in the Processing Schedule.",
    "Any variation to {subject} shall be agreed through the Change Control Procedure and "
    "recorded in a signed Change Control Note.",
    "The Supplier will endeavour to complete the handover of {subject} within {days} of "
    "the relevant request.",
    "The Supplier shall ensure that all Supplier Personnel are appropriately qualified, "
    "trained and vetted before they work on {subject}.",
    "If a Force Majeure Event continues for more than {days}, either Party may terminate "
    "this Contract by giving written notice to the other.",
    "The Authority may terminate this Contract with immediate effect by notice in writing "
    "if the Supplier commits a material breach that is not capable of remedy.",
    "Any dispute shall first be referred to the Contract Managers, who shall meet within "
    "{days} to try to resolve it.",
    "The Supplier shall comply with the Authority's security policy and shall report any "
    "Security Incident to the Authority within 24 hours.",
    "All Intellectual Property Rights in the Deliverables shall vest in the Authority on "
    "creation, and the Supplier hereby assigns them with full title guarantee.",
    "The Supplier may not subcontract any part of {subject} without the prior written "
    "consent of the Authority, which shall not be unreasonably withheld.",
    "This Contract is governed by the law of England and Wales, and the courts of England "
    "and Wales have exclusive jurisdiction.",
    "The Supplier shall, where possible, use the Authority's templates for reports on "
    "{subject}.",
    "On expiry or termination, the Supplier shall return or securely destroy all Authority "
    "Data and confirm in writing that it has done so.",
    "Notices shall be in writing and delivered by hand, by recorded post or by e-mail to "
    "the address set out in the Order Form.",
    "The Supplier shall keep {subject} under review and propose improvements at each "
    "quarterly contract review meeting.",
)
SOCIAL_VALUE = (
    "The Supplier shall employ at least {n} residents of the Borough of Eastmoor on the "
    "Contract by the end of month {m}, evidenced by quarterly payroll extracts showing "
    "home postcodes.",
    "The Supplier shall endeavour to recruit local people into vacancies on the Contract "
    "wherever possible.",
    "The Supplier shall provide {n} apprenticeships on approved standards in each Contract "
    "Year.",
    "The Supplier shall reduce the Scope 1 emissions of its fleet on the Contract by {p}% "
    "against the 2025/26 baseline by 31 March 2029.",
    "The Supplier will seek to support community groups in each ward it serves.",
    "The Supplier shall pay every worker on the Contract no less than the Real Living "
    "Wage from the Commencement Date.",
    "The Supplier is committed to promoting wellbeing among its staff.",
    "The Supplier shall spend at least {p}% of the Charges each Contract Year with SMEs "
    "and VCSEs registered in Eastmoor.",
)
REMEDY = (
    "If the Supplier fails to meet a commitment in this clause, the Authority may require a "
    "rectification plan and may withhold {p}% of the Charges until it is met."
)


@dataclass
class Generated:
    path: str
    words: int
    paragraphs: int
    tables: int
    social_value_clauses: int


def _fill(template: str, rnd: random.Random, section: int) -> str:
    return template.format(
        party=rnd.choice(PARTIES).capitalize() if template.startswith("{party}")
        else rnd.choice(PARTIES),
        subject=rnd.choice(SUBJECTS), days=rnd.choice(DAYS), ref=f"{section}.{rnd.randint(1, 9)}",
        money=rnd.choice((5, 10, 20)), n=rnd.randint(2, 30), m=rnd.choice((6, 9, 12, 18)),
        p=rnd.choice((2, 3, 5, 10, 15, 20, 25)),
    )


def generate_docx(path: Path, words: int, seed: int = 7) -> Generated:
    """Write a contract of about ``words`` words to ``path`` (deterministic for a seed)."""
    from docx import Document

    rnd = random.Random(seed)
    document = Document()
    document.add_heading("Services Contract: Eastmoor Borough Council", level=0)
    count = paragraphs = tables = sv = 0
    section = 0
    while count < words:
        section += 1
        title = SECTIONS[(section - 1) % len(SECTIONS)]
        document.add_heading(f"{section}. {title}", level=1)
        count += len(title.split()) + 1
        for clause in range(1, rnd.randint(8, 16) + 1):
            if rnd.random() < 1 / 12:
                text = _fill(rnd.choice(SOCIAL_VALUE), rnd, section)
                if rnd.random() < 0.5:
                    text += " " + _fill(REMEDY, rnd, section)
                sv += 1
            else:
                text = " ".join(_fill(rnd.choice(ORDINARY), rnd, section)
                                for _ in range(rnd.randint(1, 3)))
            if rnd.random() < 0.1:
                document.add_paragraph(f"{section}.{clause} The Supplier shall:")
                for letter in "abc":
                    item = _fill(rnd.choice(ORDINARY), rnd, section)
                    document.add_paragraph(f"({letter}) {item[0].lower()}{item[1:-1]};")
                    count += len(item.split()) + 1
                    paragraphs += 1
            document.add_paragraph(f"{section}.{clause} {text}")
            count += len(text.split()) + 1
            paragraphs += 1
            if count >= words:
                break
        if section % 4 == 0:
            rows = [("KPI", "Target", "Evidence", "Reporting frequency")] + [
                (f"KPI {section}.{r}: {rnd.choice(SUBJECTS)} delivered on time",
                 f"{rnd.choice((90, 95, 98, 99))}% each month",
                 rnd.choice(("Monthly service report", "Payroll extract with postcodes",
                             "System log export", "Invoices")),
                 rnd.choice(("Monthly", "Quarterly")))
                for r in range(1, 6)
            ]
            table = document.add_table(rows=len(rows), cols=4)
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    table.cell(r, c).text = cell_text
                    count += len(cell_text.split())
            tables += 1
    document.save(str(path))
    return Generated(str(path), count, paragraphs, tables, sv)


def docx_text(path: Path) -> tuple[list[str], int]:
    """Paragraph and table-cell texts of a DOCX in document order, and their word count."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(str(path))
    texts: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            texts.append(item.text)
        elif isinstance(item, Table):
            texts.extend(cell.text for row in item.rows for cell in row.cells)
    texts = [t for t in texts if t.strip()]
    return texts, sum(len(t.split()) for t in texts)


# --------------------------------------------------------------------------- child processes


def child_floor(path: Path) -> dict:
    """The floor: walk the DOCX with python-docx, sentencize its text with blank English.

    It does what svdocs does to spare spaCy's per-Doc costs, so that it stays the least a
    spaCy-based linter must do: consecutive paragraphs go through ``nlp.pipe`` together, up to
    5,000 characters with a blank line between them (a Doc per paragraph costs about twice as
    much on a contract's short paragraphs). And like the ``svdocs`` command it keeps NumPy's
    OpenBLAS to one thread: no linear algebra is done, and a pool of threads costs CPU time."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import spacy

    start = time.perf_counter()
    texts, words = docx_text(path)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for text in texts:
        if current and size + len(text) > 5_000:
            chunks.append("\n\n".join(current))
            current, size = [], 0
        current.append(text)
        size += len(text) + 2
    if current:
        chunks.append("\n\n".join(current))
    sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(chunks, batch_size=64))
    return {"words": words, "sentences": sentences, "work_seconds": time.perf_counter() - start}


def child_svdocs(path: Path) -> dict:
    """svdocs' linter on the DOCX through the library API (kept for a quick look at one
    process; the benchmark itself runs the ``svdocs lint`` command, see :func:`svdocs_argv`)."""
    from svdocs.core.config import LintConfig
    from svdocs.workflow.batch import lint_paths

    start = time.perf_counter()
    report = lint_paths([path], LintConfig())
    if report.errors:
        raise SystemExit(f"svdocs could not lint {path}: {report.errors[0].error}")
    summary = report.summary()
    return {"findings": summary["findings"], "by_category": summary["by_category"],
            "work_seconds": time.perf_counter() - start}


def svdocs_argv(path: Path) -> list[str]:
    """The command a user types, ``svdocs lint FILE --format json``, in this interpreter."""
    return [sys.executable, "-m", "svdocs", "lint", str(path), "--format", "json"]


def child_scaling(paths: list[Path]) -> dict:
    """CPU seconds to lint each document in ONE process, after a first lint has paid for
    start-up: the cost that grows with the document, without start-up and its noise."""
    import gc

    from svdocs.core.config import LintConfig
    from svdocs.workflow.batch import lint_paths

    lint_paths([paths[0]], LintConfig())  # imports, pipeline, first sight of the vocabulary
    out = []
    for path in paths:
        _, words = docx_text(path)
        gc.collect()
        start = time.process_time()
        lint_paths([path], LintConfig())
        out.append([words, time.process_time() - start])
    return {"per_size": out}


CHILDREN: dict = {"floor": child_floor, "svdocs": child_svdocs, "scaling": child_scaling}


@dataclass
class Measure:
    name: str
    words: int
    seconds: float  # wall clock, fastest run
    cpu_seconds: float  # user + system CPU of the process, fastest run
    peak_mb: float
    detail: dict

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def child_env() -> dict[str, str]:
    """The environment of every measured process: this one's, with bytecode caching allowed
    (an installed program runs from compiled bytecode; see the module docstring)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_measured(name: str, argv: list[str], words: int, *,
                 ok_codes: tuple[int, ...] = (0,)) -> Measure:
    """Run ``argv`` once in a fresh process: wall clock, CPU time and peak memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=child_env())
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if code not in ok_codes:
        raise RuntimeError(f"{name} failed (exit {code}): "
                           f"{stderr.strip().splitlines()[-1:] or stdout[:200]}")
    if name == "proselint":
        detail: dict = {"diagnostics": stdout.count('"check_path"')}
    else:
        detail = json.loads(stdout) if stdout.startswith("{") else {}
        if name == "svdocs" and "summary" in detail:  # the lint report: keep its totals
            summary = detail["summary"]
            detail = {"findings": summary.get("findings"),
                      "by_category": summary.get("by_category")}
    # ru_maxrss is in kilobytes on Linux
    return Measure(name, words, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                   detail)


def run_interleaved(runs: list[tuple[str, list[str], tuple[int, ...]]], words: int,
                    repeat: int) -> list[Measure]:
    """Each of ``runs`` ``repeat`` times, taking turns (floor, proselint, svdocs, floor, ...)
    so that a shared machine's slow and fast minutes fall on all of them alike; per run, the
    fastest repeat and the largest peak memory."""
    best: dict[str, Measure] = {}
    for _ in range(repeat):
        for name, argv, ok_codes in runs:
            m = run_measured(name, argv, words, ok_codes=ok_codes)
            kept = best.get(name)
            if kept is None or m.seconds < kept.seconds:
                if kept is not None:
                    m.peak_mb = max(m.peak_mb, kept.peak_mb)
                best[name] = m
            else:
                kept.peak_mb = max(kept.peak_mb, m.peak_mb)
    return [best[name] for name, _, _ in runs]


def svdocs_linter_status() -> str | None:
    """None when svdocs' linter can run; otherwise a one-line reason why not."""
    probe = ("import importlib; importlib.import_module('svdocs.linter.engine'); "
             "from svdocs.readers import read_document; "
             "from svdocs.workflow.batch import lint_paths")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    if result.returncode == 0:
        return None
    last = (result.stderr.strip().splitlines() or ["unknown error"])[-1]
    return f"svdocs' linter is not available yet ({last})"


# --------------------------------------------------------------------------- the run


def format_table(rows: list[Measure], floor: dict[int, Measure]) -> str:
    lines = ["| run | words | seconds | CPU s | words/s | peak MB | x floor (wall) "
             "| x floor (CPU) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for m in rows:
        base = floor.get(m.words)
        wall = f"{m.seconds / base.seconds:.2f}" if base and m.name != "floor" else ""
        cpu = f"{m.cpu_seconds / base.cpu_seconds:.2f}" if base and m.name != "floor" else ""
        lines.append(f"| {m.name} | {m.words:,} | {m.seconds:.2f} | {m.cpu_seconds:.2f} "
                     f"| {m.words_per_second:,.0f} | {m.peak_mb:.0f} | {wall} | {cpu} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure svdocs lint speed on a large DOCX.")
    parser.add_argument("--words", type=int, default=100_000, help="size of the main document")
    parser.add_argument("--sizes", default="25000,50000,100000",
                        help="comma-separated sizes for the scaling runs ('' to skip)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=2, help="runs per measure (fastest kept)")
    parser.add_argument("--skip-proselint", action="store_true")
    parser.add_argument("--no-warm-up", action="store_true",
                        help="skip the discarded first run that warms the file cache")
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        target = args.paths if args.child == "scaling" else args.paths[0]
        print(json.dumps(CHILDREN[args.child](target)))
        return 0

    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()} | {args.words})
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="svdocs-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    status = svdocs_linter_status()
    proselint = shutil.which("proselint") or str(Path(sys.executable).with_name("proselint"))
    me = str(Path(__file__).resolve())
    print(f"Python {sys.version.split()[0]} on {os.cpu_count()} CPUs; files in {workdir}")
    if status:
        print(f"NOTE: {status}; measuring the references only.")

    # every diagnostic, not proselint's default first 1,000 (see the module docstring)
    proselint_config = workdir / "proselintrc.json"
    proselint_config.write_text(json.dumps({"max_errors": sys.maxsize}), encoding="utf-8")
    results: list[Measure] = []
    floor: dict[int, Measure] = {}
    documents: dict[int, dict] = {}
    try:
        if not args.no_warm_up:
            # one discarded run warms the file cache for python, spaCy and python-docx
            warm = workdir / "warm-up.docx"
            generate_docx(warm, 2000, args.seed)
            run_measured("floor", [sys.executable, me, "--child", "floor", str(warm)], 0)
            if not status:  # and writes svdocs' bytecode cache, as installing it would
                run_measured("svdocs", svdocs_argv(warm), 0, ok_codes=(0, 1))
        for size in sizes:
            path = workdir / f"contract-{size}.docx"
            gen = generate_docx(path, size, args.seed)
            texts, words = docx_text(path)
            documents[size] = asdict(gen) | {"words_read": words}
            print(f"generated {path.name}: {words:,} words, {gen.paragraphs:,} paragraphs, "
                  f"{gen.tables} tables, {gen.social_value_clauses} social value clauses")
            runs: list[tuple[str, list[str], tuple[int, ...]]] = [
                ("floor", [sys.executable, me, "--child", "floor", str(path)], (0,))]
            if not args.skip_proselint:
                txt = path.with_suffix(".txt")
                txt.write_text("\n\n".join(texts), encoding="utf-8")
                runs.append(("proselint", [proselint, "check", "--config", str(proselint_config),
                                           "-o", "json", str(txt)], (0, 1)))
            if not status:
                runs.append(("svdocs", svdocs_argv(path), (0, 1)))
            measured = run_interleaved(runs, words, args.repeat)
            floor[words] = measured[0]
            results.extend(measured)
            for m in results[-3:]:
                if m.words == words:
                    print(f"  {m.name:9} {m.seconds:7.2f} s ({m.cpu_seconds:6.2f} s CPU) "
                          f"{m.words_per_second:9,.0f} words/s  {m.peak_mb:6.0f} MB  {m.detail}")
        scaling: dict[int, float] = {}
        if not status and len(sizes) >= 2:
            paths = [str(workdir / f"contract-{size}.docx") for size in sizes]
            m = run_measured("scaling", [sys.executable, me, "--child", "scaling", *paths], 0)
            scaling = {int(w): float(cpu) for w, cpu in m.detail["per_size"]}
            print("  one process, after start-up: " + ", ".join(
                f"{w:,} words {cpu:.2f} s ({1e6 * cpu / w:.1f} µs/word)"
                for w, cpu in sorted(scaling.items())))
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)

    print()
    print(format_table(results, floor))
    verdict = verdicts(results, floor, args.words, scaling)
    for line in verdict:
        print(line)
    if args.json:
        payload = {"python": sys.version.split()[0], "cpus": os.cpu_count(),
                   "documents": documents, "svdocs_status": status or "ok",
                   "results": [asdict(m) | {"words_per_second": m.words_per_second}
                               for m in results],
                   "scaling_cpu_seconds": scaling, "verdict": verdict}
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


def verdicts(results: list[Measure], floor: dict[int, Measure], main_words: int,
             scaling: dict[int, float] | None = None) -> list[str]:
    """The issue's targets, checked against the figures of this run (wall and CPU time).

    Linearity is judged on ``scaling``: CPU seconds per document size linted in one process
    after start-up, so the per-word cost is not lost in the noise of start-up."""
    svdocs = {m.words: m for m in results if m.name == "svdocs"}
    if not svdocs:
        return ["targets: not checked (svdocs' linter did not run)"]
    big = max(svdocs)
    lines = []
    # the targets at the largest size, and how each ratio moves with size (CPU time)
    wall = svdocs[big].seconds / floor[big].seconds
    cpu = svdocs[big].cpu_seconds / floor[big].cpu_seconds
    by_size = ", ".join(f"{w:,}: {m.cpu_seconds / floor[w].cpu_seconds:.2f}x"
                        for w, m in sorted(svdocs.items()))
    lines.append(f"within 2x the floor: {'yes' if max(wall, cpu) <= 2 else 'NO'} "
                 f"({wall:.2f}x wall, {cpu:.2f}x CPU; CPU by size {by_size})")
    prose = {m.words: m for m in results if m.name == "proselint"}
    if big in prose:
        p = prose[big]
        faster = svdocs[big].seconds < p.seconds and svdocs[big].cpu_seconds < p.cpu_seconds
        by_size = ", ".join(f"{w:,}: {svdocs[w].cpu_seconds / m.cpu_seconds:.2f}x"
                            for w, m in sorted(prose.items()) if w in svdocs)
        lines.append(f"faster than proselint: {'yes' if faster else 'NO'} "
                     f"({svdocs[big].seconds:.1f} s vs {p.seconds:.1f} s wall, "
                     f"{svdocs[big].cpu_seconds:.1f} s vs {p.cpu_seconds:.1f} s CPU; svdocs "
                     f"CPU / proselint CPU by size {by_size})")
    peak = max(m.peak_mb for m in svdocs.values())
    lines.append(f"under 1 GB: {'yes' if peak < 1024 else 'NO'} ({peak:.0f} MB)")
    if scaling and len(scaling) >= 2:
        per_word = {w: cpu / w for w, cpu in sorted(scaling.items())}
        small, big = min(per_word), max(per_word)
        growth = per_word[big] / per_word[small]
        lines.append(f"linear in size: {'yes' if growth <= 1.3 else 'NO'} (CPU per word after "
                     f"start-up: {1e6 * per_word[small]:.1f} µs at {small:,} words, "
                     f"{1e6 * per_word[big]:.1f} µs at {big:,}; {growth:.2f}x)")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
