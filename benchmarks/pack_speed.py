"""Linting a pack of 10 documents against linting them one by one (issue 19).

Target: ``svdocs lint --pack`` on 10 documents costs no more than 1.2x linting the same 10
files one at a time. Both run in this one process with the pipeline already built (a first
untimed run of each warms it), so what is compared is the work per document: reading,
parsing, the judgement, and for the pack the combined analysis, the cross-document
coverage, the consistency checks and the summary. Each is timed ``--runs`` times, taking
turns, and the median is compared (CPU time of this process, which a shared machine's load
does not swing, beside wall time).

Two packs:

- ``samples``: the six Markdown documents of ``samples/packs/leisure-centres/`` and the four
  drafts of ``samples/drafts/`` (an ITT draft, two schedules in Word, a text specification):
  a real pack's size, about 13,000 words;
- ``generated``: ten generated contracts of ``--words`` words each (default 10,000) written
  by ``benchmarks/lint_speed.py``'s generator, so the pack's cross-document scope is tried on
  many commitments and many reporting and remedy clauses.

Run from the repository root: ``python benchmarks/pack_speed.py [--runs 5] [--words 10000]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

TARGET = 1.2


def sample_pack() -> list[Path]:
    return sorted((ROOT / "samples" / "packs" / "leisure-centres").glob("*.md")) + sorted(
        p for p in (ROOT / "samples" / "drafts").iterdir() if p.suffix != ".py")


def generated_pack(folder: Path, words: int) -> list[Path]:
    from lint_speed import generate_docx

    paths = []
    for i in range(10):
        path = folder / f"contract-{i + 1:02d}.docx"
        generate_docx(path, words, seed=100 + i)
        paths.append(path)
    return paths


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def measure(name: str, paths: list[Path], runs: int) -> dict[str, float]:
    from svdocs import api
    from svdocs.workflow.batch import lint_files_here

    names = [str(p) for p in paths]

    def one_by_one() -> None:
        for n in names:
            lint_files_here([n])

    def as_pack() -> None:
        report = api.lint_pack(paths)
        assert not report.errors, [fr.error for fr in report.errors]

    one_by_one()
    as_pack()  # warm: the pipeline, the lexicons, the rules
    alone: list[tuple[float, float]] = []
    pack: list[tuple[float, float]] = []
    for _ in range(runs):
        alone.append(timed(one_by_one))
        pack.append(timed(as_pack))
    result = {
        "alone_wall": statistics.median(w for w, _ in alone),
        "alone_cpu": statistics.median(c for _, c in alone),
        "pack_wall": statistics.median(w for w, _ in pack),
        "pack_cpu": statistics.median(c for _, c in pack),
    }
    result["ratio_cpu"] = result["pack_cpu"] / result["alone_cpu"]
    result["ratio_wall"] = result["pack_wall"] / result["alone_wall"]
    print(f"{name:<10} 10 documents: one by one {result['alone_wall']:.2f} s wall, "
          f"{result['alone_cpu']:.2f} s CPU; pack {result['pack_wall']:.2f} s wall, "
          f"{result['pack_cpu']:.2f} s CPU; ratio {result['ratio_cpu']:.2f}x CPU, "
          f"{result['ratio_wall']:.2f}x wall (median of {runs})")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--words", type=int, default=10_000)
    args = parser.parse_args()
    results = {"samples": measure("samples", sample_pack(), args.runs)}
    with tempfile.TemporaryDirectory() as tmp:
        results["generated"] = measure("generated", generated_pack(Path(tmp), args.words),
                                       args.runs)
    worst = max(r["ratio_cpu"] for r in results.values())
    ok = worst <= TARGET
    print(f"target: pack <= {TARGET}x one by one (CPU): worst {worst:.2f}x "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
