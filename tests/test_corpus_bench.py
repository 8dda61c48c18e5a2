"""The lint speed benchmark's document generator and measuring harness work (not its figures)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "lint_speed.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("lint_speed", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["lint_speed"] = module
    spec.loader.exec_module(module)
    return module


def test_generated_contract_has_the_size_and_shape_asked_for(bench, tmp_path: Path) -> None:
    gen = bench.generate_docx(tmp_path / "c.docx", 6000, seed=3)
    texts, words = bench.docx_text(tmp_path / "c.docx")
    assert 6000 <= words <= 6600
    assert gen.tables >= 1 and gen.social_value_clauses >= 3
    joined = "\n".join(texts)
    assert "1. Definitions and Interpretation" in texts
    assert "Reporting frequency" in texts  # a KPI table header cell
    assert any(t.startswith("(a) ") for t in texts)  # lettered sub-clauses
    assert "Real Living Wage" in joined or "apprenticeships" in joined or "residents" in joined


def test_generation_is_deterministic_for_a_seed(bench, tmp_path: Path) -> None:
    bench.generate_docx(tmp_path / "a.docx", 3000, seed=11)
    bench.generate_docx(tmp_path / "b.docx", 3000, seed=11)
    bench.generate_docx(tmp_path / "c.docx", 3000, seed=12)
    a, b, c = (bench.docx_text(tmp_path / f"{n}.docx")[0] for n in "abc")
    assert a == b and a != c


def test_floor_child_counts_words_and_sentences(bench, tmp_path: Path) -> None:
    bench.generate_docx(tmp_path / "f.docx", 2000)
    result = bench.child_floor(tmp_path / "f.docx")
    assert result["words"] >= 2000
    assert result["words"] / 40 < result["sentences"] < result["words"] / 5


def test_scaling_child_times_each_size_in_one_process(bench, tmp_path: Path) -> None:
    paths = [tmp_path / "a.docx", tmp_path / "b.docx"]
    bench.generate_docx(paths[0], 1000)
    bench.generate_docx(paths[1], 3000)
    sizes = bench.child_scaling(paths)["per_size"]
    assert [w for w, _ in sizes] == [bench.docx_text(p)[1] for p in paths]
    assert all(cpu > 0 for _, cpu in sizes)


def test_full_run_reports_each_measure_as_json(bench, tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    # proselint is a benchmark extra, not a test extra: the test run measures the other two
    code = bench.main(["--words", "2000", "--sizes", "", "--repeat", "1", "--no-warm-up",
                       "--skip-proselint", "--json", str(out), "--keep", str(tmp_path / "files")])
    assert code == 0
    assert (tmp_path / "files" / "contract-2000.docx").is_file()
    data = json.loads(out.read_text())
    names = [r["name"] for r in data["results"]]
    assert names.count("floor") == 1 and names.count("svdocs") == 1
    assert "proselint" not in names
    assert data["svdocs_status"] == "ok"
    for r in data["results"]:
        assert r["seconds"] > 0 and r["cpu_seconds"] > 0 and r["peak_mb"] > 10
        assert r["words"] >= 2000
    assert any(line.startswith("under 1 GB: yes") for line in data["verdict"])


def _m(bench, name: str, words: int, cpu: float, peak: float = 150.0):
    return bench.Measure(name, words, cpu * 1.1, cpu, peak, {})


def test_verdicts_check_each_target(bench) -> None:
    floor = {w: _m(bench, "floor", w, 1.5 + w / 300_000) for w in (25_000, 50_000, 100_000)}
    linear = [_m(bench, "svdocs", w, 1.0 + w / 25_000) for w in floor]
    # proselint is measured at every size; the verdict is taken at the largest
    prose = [_m(bench, "proselint", 25_000, 0.5, 60), _m(bench, "proselint", 100_000, 8.0, 60)]
    lines = bench.verdicts([*floor.values(), *linear, *prose], floor, 100_000)
    assert lines[0].startswith("within 2x the floor: NO")  # 5.0 s against 1.83 s
    assert "25,000: 1.26x" in lines[0]  # 2.0 s against 1.58 s: the ratio at each size
    assert lines[1].startswith("faster than proselint: yes")
    assert "25,000: 4.00x" in lines[1] and "100,000: 0.62x" in lines[1]
    slower = [*prose[:1], _m(bench, "proselint", 100_000, 4.0, 60)]
    # linearity is judged on the CPU each size costs in one process after start-up
    in_one_process = {w: w / 25_000 for w in floor}
    lines = bench.verdicts([*floor.values(), *linear, *slower], floor, 100_000, in_one_process)
    assert lines[1].startswith("faster than proselint: NO")
    assert lines[2].startswith("under 1 GB: yes")
    assert lines[3].startswith("linear in size: yes")
    # cost per word that grows with size is not linear; a big peak breaks the memory target
    quadratic = [_m(bench, "svdocs", w, 1.0 + (w / 20_000) ** 2, 1500) for w in floor]
    growing = {w: (w / 20_000) ** 2 for w in floor}
    lines = bench.verdicts([*floor.values(), *quadratic], floor, 100_000, growing)
    assert lines[1].startswith("under 1 GB: NO")
    assert lines[2].startswith("linear in size: NO")
    assert len(bench.verdicts([*floor.values(), *linear], floor, 100_000)) == 2  # not measured
    fast = [_m(bench, "svdocs", w, 1.2 * f.cpu_seconds) for w, f in floor.items()]
    assert bench.verdicts([*floor.values(), *fast], floor, 100_000)[0].startswith(
        "within 2x the floor: yes")
