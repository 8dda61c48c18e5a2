"""The corpus dashboard: its numbers are those of the results file it was made from, it
needs no network, and the command refuses bad input in one line."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from svdocs.cli import cli

pytest.importorskip("plotly", reason="the dashboard extra is not installed")
lxml_html = pytest.importorskip("lxml.html",
                                reason="lxml (which python-docx needs) is not installed")


@pytest.fixture(scope="module")
def results(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("results") / "results.jsonl"
    CliRunner().invoke(cli, ["lint", str(corpus), "--format", "jsonl", "-o", str(out)])
    return out


def entries(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def table(page: Path, name: str) -> list[list[str]]:
    tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    rows = tree.xpath(f"//table[@id='table-{name}']/tbody/tr")
    return [[td.text_content() for td in row.xpath("td")] for row in rows]


def make_page(results: Path, tmp_path: Path, *extra: str) -> Path:
    page = tmp_path / "corpus.html"
    got = CliRunner().invoke(cli, ["report", str(results), "-o", str(page), *extra])
    assert got.exit_code == 0, got.output
    return page


def test_the_tables_count_what_the_jsonl_says(results: Path, tmp_path: Path) -> None:
    page = make_page(results, tmp_path)
    data = entries(results)
    read = [e for e in data if e["error"] is None]
    findings = [f for e in read for f in e["findings"]]
    by_category = Counter(f["category"] for f in findings)
    docs_with = Counter(c for e in read for c in {f["category"] for f in e["findings"]})
    rows = {r[0]: r for r in table(page, "category")}
    for cat, n in by_category.items():
        assert rows[cat][1] == str(n)
        assert rows[cat][2] == str(docs_with[cat])
        assert rows[cat][3] == f"{100 * docs_with[cat] / len(read):.1f}%"
    by_rule = Counter(f["rule"] for f in findings)
    assert {r[0]: int(r[3]) for r in table(page, "rule")} == dict(by_rule)
    ranked = sorted(read, key=lambda e: (-len(e["findings"]), e["path"]))
    assert [(r[0], int(r[1])) for r in table(page, "documents")] == \
        [(e["path"], len(e["findings"])) for e in ranked]
    # a flagged commitment is one sentence of one document with a mission-category finding
    mission = {"vague-commitment", "missing-evidence", "missing-consequence"}
    sentences = {(e["path"], " ".join(f["text"].split())) for e in read
                 for f in e["findings"] if f["category"] in mission}
    assert sum(int(r[2]) for r in table(page, "commitments")) == len(sentences)
    folders = Counter(str(Path(e["path"]).parent) for e in data)
    assert {r[0]: int(r[1]) for r in table(page, "groups")} == dict(folders)
    assert sum(int(r[2]) for r in table(page, "groups")) == len(data) - len(read)


def test_a_json_report_gives_the_same_numbers(corpus: Path, results: Path,
                                              tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    CliRunner().invoke(cli, ["lint", str(corpus), "--format", "json", "-o", str(report)])
    a = make_page(results, tmp_path / "a")
    b = make_page(report, tmp_path / "b")
    for name in ("category", "share", "rule", "commitments", "documents", "groups"):
        assert table(a, name) == table(b, name)


def test_groups_by_a_metadata_column(results: Path, tmp_path: Path) -> None:
    data = entries(results)
    meta = tmp_path / "meta.csv"
    lines = ["path,region"] + [f"{e['path']},{'north' if 'batch0' in e['path'] else 'south'}"
                               for e in data if "broken" not in e["path"]]
    meta.write_text("\n".join(lines) + "\n")
    page = make_page(results, tmp_path, "--meta", str(meta), "--group-by", "region")
    got = {r[0]: int(r[1]) for r in table(page, "groups")}
    north = sum(1 for e in data if "batch0" in e["path"])
    assert got == {"north": north, "south": len(data) - north - 1,
                   "(not in the metadata)": 1}


def test_the_page_fetches_nothing(results: Path, tmp_path: Path) -> None:
    text = make_page(results, tmp_path).read_text(encoding="utf-8")
    tree = lxml_html.fromstring(text)
    assert not tree.xpath("//script[@src] | //link[@href] | //img[@src]")
    assert "default-src 'none'" in text
    assert "Plotly.newPlot" in text


@pytest.mark.parametrize(("extra", "message"), [
    (["--group-by", "region"], "--group-by names a column of --meta"),
    (["--meta", "META", "--group-by", "nope"], "no column 'nope' in the metadata CSV"),
])
def test_bad_options_are_one_line(results: Path, tmp_path: Path, extra: list[str],
                                  message: str) -> None:
    meta = tmp_path / "m.csv"
    meta.write_text("path,region\nx.md,north\n")
    extra = [str(meta) if a == "META" else a for a in extra]
    got = CliRunner().invoke(cli, ["report", str(results), "-o", str(tmp_path / "p.html"),
                                   *extra])
    assert got.exit_code == 2 and message in got.output
    assert not (tmp_path / "p.html").exists()


def test_a_results_file_with_a_bad_line_is_one_line_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"path": "a.md", "findings": [], "error": null}\nnot json\n{"path": "b"}\n')
    got = CliRunner().invoke(cli, ["report", str(bad), "-o", str(tmp_path / "p.html")])
    assert got.exit_code == 2
    assert f"{bad}: line 2: not JSON" in got.output


def test_the_page_draws_its_charts_in_headless_chromium(results: Path, tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    page = make_page(results, tmp_path)
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120).stdout
    tree = lxml_html.fromstring(dom)
    for name in ("category", "share", "rule", "commitments", "documents", "groups"):
        bars = tree.xpath(f"//div[@id='chart-{name}']//*[local-name()='g'][contains(@class,"
                          "'point')]")
        assert bars, f"chart {name} drew no bars"
