"""The sample drafts that `svdocs demo` lints: present, readable, and in step with their script."""

from __future__ import annotations

import importlib
import importlib.util
import subprocess
import sys
from pathlib import Path

import docx

from svdocs.core.config import LintConfig
from svdocs.core.model import CATEGORIES
from svdocs.core.results import Report
from svdocs.workflow.batch import lint_paths

DRAFTS = Path(__file__).resolve().parents[2] / "samples" / "drafts"
BUILD = DRAFTS.parent / "build_drafts.py"
LINTABLE = {".docx", ".md", ".txt", ".html", ".pdf"}


def docx_texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return texts


def load_build_module():
    spec = importlib.util.spec_from_file_location("build_drafts", BUILD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_drafts_cover_the_formats_a_new_user_meets() -> None:
    drafts = sorted(p for p in DRAFTS.iterdir() if p.suffix in LINTABLE)
    assert 3 <= len(drafts) <= 5
    suffixes = {p.suffix for p in drafts}
    assert ".docx" in suffixes and len(suffixes) >= 2
    names = " ".join(p.name for p in drafts)
    assert "itt" in names and "schedule-weak" in names and "schedule-good" in names


def test_committed_docx_match_the_build_script(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(BUILD), "--out", str(tmp_path)],
                            capture_output=True, text=True, check=True)
    assert "wrote" in result.stdout
    for name in load_build_module().DRAFTS:
        assert docx_texts(tmp_path / name) == docx_texts(DRAFTS / name), name


def test_build_script_does_not_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "schedule-weak.docx"
    target.write_bytes(b"keep me")
    result = subprocess.run([sys.executable, str(BUILD), "--out", str(tmp_path)],
                            capture_output=True, text=True, check=True)
    assert "exists" in result.stdout
    assert target.read_bytes() == b"keep me"
    subprocess.run([sys.executable, str(BUILD), "--out", str(tmp_path), "--force"],
                   capture_output=True, text=True, check=True)
    assert "Schedule 6: Social Value (DRAFT v0.3 - for legal review)" in docx_texts(target)


def test_weak_schedule_has_the_faults_it_is_meant_to_show() -> None:
    text = "\n".join(docx_texts(DRAFTS / "schedule-weak.docx")).lower()
    for phrase in ("endeavour to recruit local people", "aims to reduce", "encouraged to"):
        assert phrase in text
    for remedy in ("rectification", "withhold", "terminate", "service credit", "deduct"):
        assert remedy not in text
    good = "\n".join(docx_texts(DRAFTS / "schedule-good.docx")).lower()
    assert "rectification plan" in good and "terminate" in good and "em1 to em9" in good


def _lint(paths: list[Path]) -> Report:
    return lint_paths(paths, LintConfig())


def test_linting_the_drafts_shows_each_category_and_passes_the_good_one() -> None:
    drafts = sorted(p for p in DRAFTS.iterdir() if p.suffix in LINTABLE)
    report = _lint(drafts)
    assert not report.errors
    by_file = {Path(fr.path).name: {f.category for f in fr.active} & set(CATEGORIES)
               for fr in report.files}
    assert by_file["schedule-good.docx"] == set()
    assert by_file["schedule-weak.docx"] == set(CATEGORIES)
    assert "missing-consequence" in by_file["itt-social-value-draft.md"]
    assert "missing-evidence" in by_file["specification-environment-draft.txt"]
