"""Batch throughput: lint 1,000 small tender documents with --jobs 1 and --jobs 2.

Run from the repository root::

    python benchmarks/batch_throughput.py            # 1,000 files
    python benchmarks/batch_throughput.py --files 200

It writes the documents into a temporary folder (Markdown, plain text and HTML, each a short
social value section with a mix of weak and complete commitments), lints the folder through
``svdocs.workflow.batch.lint_paths`` (the same path as ``svdocs lint DIR --jobs N``), prints files
per
second for each ``jobs`` value, and checks that both runs give the same findings in the same
order. Each run is a fresh Python process and its time includes start-up (import and
building the language pipeline), as a user of ``svdocs lint`` would see it; the start-up
alone is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

WEAK = [
    "The Supplier will endeavour to support local employment where possible.",
    "The Provider should seek to engage with community groups.",
    "The Contractor aims to contribute to positive outcomes for residents.",
    "Bidders are encouraged to promote apprenticeships.",
]
STRONG = [
    "The Supplier shall employ {n} residents of postcode districts EX1 to EX9 within 12 "
    "months of the Commencement Date, evidenced by quarterly payroll extracts showing "
    "employee postcodes. If the target is missed, the Supplier shall submit a rectification "
    "plan within 20 Working Days and service credits apply under Schedule 5.",
    "The Supplier shall pay at least {n} per cent of invoices to SME subcontractors within "
    "30 days, and shall report payment performance to the Authority every quarter with an "
    "audited statement.",
]
BACKGROUND = [
    "The Council's social value policy reflects the Public Services (Social Value) Act 2012.",
    "This section describes how social value will be evaluated in this procurement.",
]


def make_document(i: int, rng: random.Random) -> tuple[str, str]:
    sentences = [rng.choice(BACKGROUND)]
    for _ in range(3):
        pool = WEAK if rng.random() < 0.4 else STRONG
        sentences.append(rng.choice(pool).format(n=rng.randint(2, 40)))
    kind = ("md", "txt", "html")[i % 3]
    if kind == "md":
        body = f"# Social value {i}\n\n" + "\n\n".join(
            f"{n}. {s}" for n, s in enumerate(sentences, 1)) + "\n"
    elif kind == "txt":
        body = f"SOCIAL VALUE {i}\n\n" + "\n\n".join(
            f"{n}.1 {s}" for n, s in enumerate(sentences, 1)) + "\n"
    else:
        body = (f"<html><body><h1>Social value {i}</h1>"
                + "".join(f"<p>{s}</p>" for s in sentences) + "</body></html>\n")
    return kind, body


def generate(folder: Path, count: int, seed: int = 2025) -> None:
    rng = random.Random(seed)
    for i in range(count):
        kind, body = make_document(i, rng)
        sub = folder / f"lot{i % 10}"
        sub.mkdir(exist_ok=True)
        (sub / f"doc{i:04d}.{kind}").write_text(body, encoding="utf-8")


_CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from svdocs.workflow.batch import lint_paths
from svdocs.core.config import LintConfig
report = lint_paths([sys.argv[1]], LintConfig(), jobs=int(sys.argv[2]))
seconds = time.perf_counter() - start
cpu = sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                            resource.getrusage(resource.RUSAGE_CHILDREN)))
shape = [(fr.path, [f.fingerprint for f in fr.findings]) for fr in report.files]
print(json.dumps({"seconds": seconds, "cpu": cpu, "findings": len(report.findings),
                  "shape": shape}))
"""


def run(folder: Path, jobs: int) -> dict[str, Any]:
    """Lint ``folder`` in a fresh Python process, as a command-line run would.

    Returns wall ``seconds``, ``cpu`` seconds of the process and its worker processes,
    ``findings`` and the ``shape`` (paths and fingerprints, for the identity check)."""
    out = subprocess.run([sys.executable, "-c", _CHILD, str(folder), str(jobs)],
                         capture_output=True, text=True, check=True)
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def startup_seconds() -> float:
    """Time to import svdocs and build the language pipeline once (no documents)."""
    code = ("import time; t = time.perf_counter(); from svdocs.workflow.batch import make_linter; "
            "from svdocs.core.config import LintConfig; make_linter(LintConfig()); "
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return float(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="svdocs-batch-") as tmp:
        folder = Path(tmp)
        generate(folder, args.files)
        print(f"{args.files} documents; Python {platform.python_version()}; "
              f"{platform.machine()}; {os.cpu_count()} CPUs; "
              f"load average before: {os.getloadavg()[0]:.1f}")
        print(f"start-up (import + pipeline): {startup_seconds():.1f} s")
        first: list[Any] | None = None
        for jobs in args.jobs:
            r = run(folder, jobs)
            print(f"--jobs {jobs}: {r['seconds']:6.1f} s wall  {args.files / r['seconds']:6.1f} "
                  f"files/s  {r['cpu']:6.1f} s CPU  ({r['findings']} findings; load average "
                  f"now {os.getloadavg()[0]:.1f})")
            if first is None:
                first = r["shape"]
            elif r["shape"] != first:
                raise SystemExit(f"--jobs {jobs} gave different findings from --jobs "
                                 f"{args.jobs[0]}")
        print("findings identical across jobs values")


if __name__ == "__main__":
    main()
