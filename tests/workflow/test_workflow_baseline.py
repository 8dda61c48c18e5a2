"""Baselines: today's findings recorded, only new ones reported later."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svdocs.core.errors import InputError, OutputError, ValidationError
from svdocs.core.model import Finding, Location, Severity
from svdocs.core.results import FileResult, Report
from svdocs.workflow.baseline import (
    compute_fingerprint,
    ensure_fingerprints,
    load_baseline,
    write_baseline,
)


def finding(text: str, rule: str = "hedged-commitment", block: int = 0) -> Finding:
    return Finding(rule, "vague-commitment", Severity.WARNING, "m", "s", text,
                   Location("x", block))


def test_fingerprint_ignores_case_and_spacing_but_counts_occurrences() -> None:
    a = compute_fingerprint("r", "The Supplier  will\nendeavour", 0)
    assert a == compute_fingerprint("r", "the supplier will endeavour", 0)
    assert a != compute_fingerprint("r", "the supplier will endeavour", 1)
    assert a != compute_fingerprint("other", "the supplier will endeavour", 0)
    assert len(a) == 16 and int(a, 16) >= 0


def test_ensure_fingerprints_fills_only_missing_ones_and_numbers_repeats() -> None:
    fs = [finding("same"), finding("same"), finding("other")]
    fs[2].fingerprint = "keepme"
    ensure_fingerprints(fs)
    assert fs[0].fingerprint == compute_fingerprint("hedged-commitment", "same", 0)
    assert fs[1].fingerprint == compute_fingerprint("hedged-commitment", "same", 1)
    assert fs[2].fingerprint == "keepme"


def report_for(path: Path, texts: list[str]) -> Report:
    fs = [finding(t, block=i) for i, t in enumerate(texts)]
    ensure_fingerprints(fs)
    return Report(files=[FileResult(path=str(path), findings=fs)])


def test_write_then_filter_keeps_only_new_findings(tmp_path: Path) -> None:
    doc = tmp_path / "docs" / "spec.md"
    doc.parent.mkdir()
    doc.write_text("x")
    base_file = tmp_path / "svdocs-baseline.json"
    write_baseline(report_for(doc, ["old one", "old two"]), base_file)
    data = json.loads(base_file.read_text())
    assert data["version"] == 1
    assert [e["text"] for e in data["files"]["docs/spec.md"]] == ["old one", "old two"]

    later = report_for(doc, ["old two", "brand new", "old one"])
    base = load_baseline(base_file)
    base.filter(later.files[0])
    assert [f.text for f in later.findings] == ["brand new"]
    assert later.files[0].baselined == 2
    assert later.summary()["baselined"] == 2


def test_a_repeat_of_a_baselined_sentence_is_new(tmp_path: Path) -> None:
    doc = tmp_path / "spec.md"
    base_file = tmp_path / "b.json"
    write_baseline(report_for(doc, ["weak"]), base_file)
    later = report_for(doc, ["weak", "weak"])
    load_baseline(base_file).filter(later.files[0])
    assert len(later.findings) == 1


def test_keys_do_not_depend_on_the_working_directory(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "a" / "spec.md"
    doc.parent.mkdir()
    monkeypatch.chdir(tmp_path)
    write_baseline(report_for(Path("a/spec.md"), ["weak"]), Path("b.json"))
    monkeypatch.chdir(doc.parent)
    later = report_for(Path("spec.md"), ["weak"])
    load_baseline(tmp_path / "b.json").filter(later.files[0])
    assert later.findings == []


def test_findings_of_another_file_are_not_absorbed(tmp_path: Path) -> None:
    base_file = tmp_path / "b.json"
    write_baseline(report_for(tmp_path / "one.md", ["weak"]), base_file)
    later = report_for(tmp_path / "two.md", ["weak"])
    load_baseline(base_file).filter(later.files[0])
    assert len(later.findings) == 1


def test_suppressed_findings_are_neither_recorded_nor_dropped(tmp_path: Path) -> None:
    rep = report_for(tmp_path / "s.md", ["weak", "quiet"])
    rep.files[0].findings[1].suppressed = "reason"
    base_file = tmp_path / "b.json"
    write_baseline(rep, base_file)
    assert len(json.loads(base_file.read_text())["files"]["s.md"]) == 1


def test_write_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    base_file = tmp_path / "b.json"
    rep = report_for(tmp_path / "s.md", ["weak"])
    write_baseline(rep, base_file)
    with pytest.raises(OutputError, match="already exists"):
        write_baseline(rep, base_file)
    write_baseline(report_for(tmp_path / "s.md", []), base_file, force=True)
    assert json.loads(base_file.read_text())["files"]["s.md"] == []


def test_write_never_overwrites_an_input(tmp_path: Path) -> None:
    doc = tmp_path / "s.md"
    doc.write_text("keep me")
    with pytest.raises(OutputError, match="input"):
        write_baseline(report_for(doc, ["weak"]), doc, force=True)
    assert doc.read_text() == "keep me"


def test_bad_baseline_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_baseline(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(InputError, match="invalid JSON at line 1"):
        load_baseline(bad)
    bad.write_text(json.dumps({"version": 9, "files": {"a.md": [{"rule": "x"}]}}))
    with pytest.raises(ValidationError) as info:
        load_baseline(bad)
    assert len(info.value.problems) == 2
    assert str(bad) in str(info.value)
