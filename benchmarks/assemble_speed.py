"""Assembly speed: a schedule built from the whole clause library, repeated to 100, 200, 400 and
800 clauses, rendered to DOCX. Prints seconds and peak memory per 100 clauses.

Seconds are measured without tracemalloc; peak memory (Python allocations during assembly and
rendering) in a second run with it. Run: python benchmarks/assemble_speed.py
"""

from __future__ import annotations

import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path

from svdocs.assembly import assemble
from svdocs.assembly.brief import brief_from_dict
from svdocs.core.resources import clause_library_dir
from svdocs.library import load_library
from svdocs.writers import render

SIZES = (100, 200, 400, 800)


def build_library(folder: Path, size: int) -> None:
    """Copy the shipped contract clauses under new ids until the library holds ``size``."""
    shipped = list(load_library())
    for c in shipped:
        shutil.copy(c.path, folder / c.path.name)
    source = [c for c in shipped if c.theme != "governance"]
    n = 0
    while len(shipped) + n < size:
        clause = source[n % len(source)]
        new_id = f"{clause.id}-r{n // len(source) + 1}"
        text = clause.path.read_text(encoding="utf-8").replace(f"id: {clause.id}\n",
                                                               f"id: {new_id}\n", 1)
        (folder / f"{new_id}.md").write_text(text, encoding="utf-8")
        n += 1


def run(size: int, measure_memory: bool = False) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build_library(folder, size)
        library = load_library(folder)
        ids = [c.id for c in library if c.theme != "governance"
               and {"contract", "kpi"} & set(c.stages) and "england" in c.jurisdictions
               and "services" in c.contract_kinds]
        brief = brief_from_dict({
            "authority": "Benchmark Council", "contract_title": "Benchmark", "reference": "B-1",
            "kind": "services", "value": 12_000_000, "term": "5 years",
            "jurisdiction": "england", "weighting": 15, "documents": ["schedule"],
            "clauses": ids,
        })
        if measure_memory:
            tracemalloc.start()
        start = time.perf_counter()
        result = assemble(brief, library)
        data = render(result.documents["schedule"], "docx")
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] if measure_memory else 0
        tracemalloc.stop()
        placed = len(result.documents["schedule"].properties["clauses"])
        assert data[:2] == b"PK"
        return elapsed, peak / 2**20, placed


def main() -> None:
    print(f"library: {clause_library_dir()}")
    print(f"{'clauses':>8} {'in doc':>7} {'seconds':>8} {'s/100':>7} {'peak MiB':>9} "
          f"{'MiB/100':>8}")
    run(60)  # warm-up: imports, jinja2 and python-docx caches
    for size in SIZES:
        secs, _, placed = run(size)  # timed without tracemalloc, which slows Python down
        _, mib, _ = run(size, measure_memory=True)
        print(f"{size:>8} {placed:>7} {secs:>8.2f} {secs / size * 100:>7.2f} {mib:>9.1f} "
              f"{mib / size * 100:>8.1f}")


if __name__ == "__main__":
    main()
