"""The parts of benchmarks/accuracy.py that run without the linter: DOCX conversion, the
older-set converter, the hedge-word baseline and label errors."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import docx
import pytest
import yaml

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def acc():
    return _load("accuracy")


@pytest.fixture(scope="module")
def conv():
    return _load("convert_eval_sets")


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def test_markdown_becomes_headings_lists_tables_and_plain_text(acc, tmp_path: Path) -> None:
    src = tmp_path / "s.md"
    src.write_text(
        "# Schedule 6\n\n## 4. Skills\n\nThe **Supplier** shall:\n\n"
        "- recruit _at least_ 6 apprentices;\n  - from the Borough\n\n"
        "1. report quarterly\n\n| KPI | Evidence |\n|---|---|\n| 6 apprentices | payroll |\n",
        encoding="utf-8",
    )
    out = acc.docx_from_text.convert(src, tmp_path / "s.docx")
    paras = _paragraphs(out)
    assert ("Heading 1", "Schedule 6") in paras and ("Heading 2", "4. Skills") in paras
    assert ("Normal", "The Supplier shall:") in paras
    assert ("List Bullet", "recruit at least 6 apprentices;") in paras
    assert ("List Bullet 2", "from the Borough") in paras
    assert ("List Number", "report quarterly") in paras
    table = docx.Document(str(out)).tables[0]
    assert [c.text for c in table.rows[1].cells] == ["6 apprentices", "payroll"]


def test_html_and_text_become_the_same_shapes(acc, tmp_path: Path) -> None:
    html = tmp_path / "h.html"
    html.write_text(
        "<html><head><title>x</title></head><body><h2>Part 1</h2><p>Intro <b>text</b>.</p>"
        "<ol><li>first item<ul><li>nested</li></ul></li></ol>"
        "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table></body></html>",
        encoding="utf-8",
    )
    paras = _paragraphs(acc.docx_from_text.convert(html, tmp_path / "h.docx"))
    assert ("Heading 2", "Part 1") in paras and ("Normal", "Intro text.") in paras
    assert ("List Number", "first item") in paras and ("List Bullet 2", "nested") in paras
    txt = tmp_path / "t.txt"
    txt.write_text("4. WHAT YOU WILL DELIVER\n\n4.1 You will deliver the Outcomes.\n"
                   "4.2 You will pay the Real Living Wage.\n\n- a bullet\n\n"
                   "| Ref | Outcome |\n| O1 | 2,400 people |\n", encoding="utf-8")
    out = acc.docx_from_text.convert(txt, tmp_path / "t.docx")
    paras = _paragraphs(out)
    assert paras[0] == ("Heading 1", "4. WHAT YOU WILL DELIVER")
    assert ("Normal", "4.2 You will pay the Real Living Wage.") in paras
    assert ("List Bullet", "a bullet") in paras
    assert docx.Document(str(out)).tables[0].rows[1].cells[1].text == "2,400 people"


def test_converter_turns_matches_into_units(conv) -> None:
    labels = conv.convert_labels({"findings": [
        {"category": "vague-commitment", "match": "endeavour to recruit"},
        {"category": "missing-evidence", "match": "Endeavour to recruit"},
        {"category": "missing-evidence", "match": "plant 200 trees"},
        {"category": "missing-consequence"},
    ]}, Path("x.expected.yml"))
    assert labels == {"commitments": [
        {"text": "endeavour to recruit",
         "categories": ["vague-commitment", "missing-evidence", "missing-consequence"]},
        {"text": "plant 200 trees", "categories": ["missing-evidence", "missing-consequence"]},
    ]}
    assert conv.convert_labels({"findings": []}, Path("x")) == {"commitments": []}
    assert conv.convert_labels({"findings": [{"category": "missing-consequence"}]},
                               Path("x")) is None


def test_converter_writes_a_set_and_never_overwrites_without_force(conv, tmp_path: Path) -> None:
    old = tmp_path / "eval_x"
    old.mkdir()
    (old / "hedge-a.md").write_text("The Supplier shall endeavour to recruit.\n", encoding="utf-8")
    (old / "hedge-a.expected.yml").write_text(
        "findings:\n- category: vague-commitment\n  match: endeavour to recruit\n",
        encoding="utf-8")
    (old / "doc-only.md").write_text("Text.\n", encoding="utf-8")
    (old / "doc-only.expected.yml").write_text("findings:\n- category: missing-consequence\n",
                                               encoding="utf-8")
    out = tmp_path / "converted"
    out.mkdir()
    summary = conv.convert_set(old, out, force=False)
    assert summary["converted"] == 1 and summary["skipped"] == ["doc-only.md"]
    data = yaml.safe_load((out / "eval_x" / "hedge-a.labels.yml").read_text(encoding="utf-8"))
    assert data["kind"] == "hedge"
    assert data["commitments"] == [{"text": "endeavour to recruit",
                                    "categories": ["vague-commitment"]}]
    assert not (out / "eval_x" / "hedge-a.md").exists()  # the labels name it, no copy
    assert data["source"].endswith("hedge-a.md")
    with pytest.raises(conv.ConvertError, match="exists"):
        conv.convert_set(old, out, force=False)


def test_baseline_flags_hedges_missing_evidence_words_and_remedy_free_documents(
    acc, tmp_path: Path
) -> None:
    units = [
        acc.Unit("The Supplier shall endeavour to recruit apprentices.",
                 frozenset({"vague-commitment", "missing-evidence"})),
        acc.Unit("The Supplier shall report the number of apprentices quarterly.", frozenset()),
        acc.Unit("The Council may terminate the Contract.", is_commitment=False),
    ]
    doc = acc.Doc("sentences", "dev", tmp_path / "d.md", tmp_path / "d.labels.yml", "itt", "",
                  units, "No remedy word in this document at all.")
    found = acc.baseline_findings(doc, acc.MISSION_CATEGORIES)
    flagged = {(f.category, f.text) for f in found}
    assert ("vague-commitment", units[0].text) in flagged
    assert ("vague-commitment", units[2].text) in flagged  # "may": the baseline cannot tell
    assert ("missing-evidence", units[0].text) in flagged
    assert ("missing-evidence", units[1].text) not in flagged  # "report"
    assert sum(f.category == "missing-consequence" for f in found) == 3
    doc.text = "Service credits apply to each commitment."
    assert not [f for f in acc.baseline_findings(doc, acc.MISSION_CATEGORIES)
                if f.category == "missing-consequence"]


def test_bad_labels_are_one_line_errors_naming_the_file(acc, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Text.\n", encoding="utf-8")
    (tmp_path / "a.labels.yml").write_text("commitments:\n- categories: [vague-commitment]\n",
                                           encoding="utf-8")
    with pytest.raises(acc.BenchError, match=r"a\.labels\.yml: commitments entry 1 has no text"):
        acc.load_split("sentences", tmp_path, "dev")
    (tmp_path / "a.labels.yml").write_text(
        "commitments:\n- text: The Supplier shall recruit.\n  categories: [vague]\n",
        encoding="utf-8")
    with pytest.raises(acc.BenchError, match="unknown category vague"):
        acc.load_split("sentences", tmp_path, "dev")
    (tmp_path / "a.labels.yml").write_text("commitments: [\n", encoding="utf-8")
    with pytest.raises(acc.BenchError, match="cannot read labels"):
        acc.load_split("sentences", tmp_path, "dev")


def test_json_output_is_never_overwritten_without_force(acc, tmp_path: Path, capsys) -> None:
    existing = tmp_path / "r.json"
    existing.write_text("{}", encoding="utf-8")
    assert acc.main(["--json", str(existing)]) == 2
    assert "use --force" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "{}"


FAKE_SVDOCS = '''
import json, os, sys
args = sys.argv[1:]
with open(os.environ["FAKE_SVDOCS_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(args) + "\\n")
if "--help" in args:
    print("Usage: svdocs lint [OPTIONS]\\n  --judge [rules|model|both]  Which judge decides.")
    sys.exit(0)
files = []
for path in args[1:args.index("--format")]:
    with open(path, encoding="utf-8") as handle:
        first = handle.readline().strip()
    files.append({"path": path, "error": None, "findings": [
        {"rule": "hedged-commitment", "category": "vague-commitment", "text": first,
         "flagged": "", "location": {"heading_path": []}}]})
print(json.dumps({"files": files, "summary": {}}))
sys.exit(1)
'''


def test_the_linter_is_run_through_its_command_line_and_scored(
    acc, tmp_path: Path, monkeypatch
) -> None:
    """A stand-in for `svdocs` (no linter runs): the benchmark passes --scope all and --judge
    through, reads the JSON report (exit 1 means findings, not failure) and scores it."""
    fake = tmp_path / "fake_svdocs.py"
    fake.write_text(FAKE_SVDOCS, encoding="utf-8")
    log = tmp_path / "calls.jsonl"
    monkeypatch.setenv("FAKE_SVDOCS_LOG", str(log))
    monkeypatch.setattr(acc, "svdocs_command", lambda: [sys.executable, str(fake)])
    folder = tmp_path / "dev"
    folder.mkdir()
    (folder / "a.md").write_text("The system should respond quickly.\nThe system shall log "
                                 "every request.\n", encoding="utf-8")
    (folder / "a.labels.yml").write_text(
        "domain: IT\nrequirements:\n- text: The system should respond quickly\n  vague: true\n"
        "- text: The system shall log every request\n  vague: false\n", encoding="utf-8")
    docs = acc.load_split("requirements", folder, "dev")
    assert acc.lint_supports_judge()
    outcome, run = acc.run_linter(docs, (acc.VAGUE,), form="source", judge="model",
                                  scope_all=True, tmp=tmp_path)
    calls = [line for line in log.read_text(encoding="utf-8").splitlines() if "--help" not in line]
    args = __import__("json").loads(calls[-1])
    assert args[0] == "lint" and args[args.index("--judge") + 1] == "model"
    assert args[args.index("--scope") + 1] == "all"
    assert outcome.run == "svdocs --judge model" and outcome.documents == 1
    tally = outcome.tallies[acc.VAGUE]
    assert (tally.tp, tally.fp, tally.fn) == (1, 0, 0)
    assert outcome.words == 11 and not run.errors
