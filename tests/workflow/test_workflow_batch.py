"""Batches: folders and globs expand predictably; one bad file never stops the rest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from svdocs.core.config import LintConfig
from svdocs.workflow.batch import lint_paths
from svdocs.workflow.paths import expand_paths


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in ["b/spec.md", "a/itt.docx", "a/deep/notes.txt", "a/deep/page.HTML",
                 "a/image.png", ".git/x.md", "a/.drafts/old.md", "a/~$itt.docx", "top.pdf"]:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    return tmp_path


def rel(paths: list[Path], root: Path) -> list[str]:
    return [p.resolve().relative_to(root.resolve()).as_posix() for p in paths]


def test_folders_are_searched_recursively_by_known_extension(tree: Path) -> None:
    got = rel(expand_paths([tree]), tree)
    assert got == ["a/deep/notes.txt", "a/deep/page.HTML", "a/itt.docx", "b/spec.md", "top.pdf"]


def test_globs_expand_and_results_are_sorted_and_unique(tree: Path) -> None:
    got = rel(expand_paths([f"{tree}/**/*.md", tree / "b", f"{tree}/a/*.docx",
                            tree / "b" / "spec.md"]), tree)
    assert got == ["a/itt.docx", "b/spec.md"]


def test_a_file_named_explicitly_is_kept_whatever_its_extension(tree: Path) -> None:
    assert rel(expand_paths([tree / "a" / "image.png"]), tree) == ["a/image.png"]


def test_missing_paths_and_empty_globs_are_kept_for_reporting(tmp_path: Path) -> None:
    got = expand_paths([tmp_path / "gone.md", f"{tmp_path}/*.docx", f"{tmp_path}/no/**"])
    assert [p.name for p in got] == ["*.docx", "gone.md", "**"]


def test_relative_paths_stay_relative(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    assert [str(p) for p in expand_paths(["b", "top.pdf"])] == [
        os.path.join("b", "spec.md"), "top.pdf"]


def test_folder_scan_reports_legacy_word_files_instead_of_skipping_them(tmp_path: Path) -> None:
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    (tmp_path / "spec.md").write_text("# Spec\n\nThe Supplier shall clean the offices.\n")
    (tmp_path / "notes.xlsx").write_bytes(b"PK")
    assert [p.name for p in expand_paths([tmp_path])] == ["old.doc", "spec.md"]
    report = lint_paths([tmp_path], LintConfig())
    errors = {Path(fr.path).name: fr.error for fr in report.files if fr.error}
    assert list(errors) == ["old.doc"] and "save it as .docx" in errors["old.doc"]
    assert report.exit_code() == 2
    assert [Path(fr.path).name for fr in report.files] == ["old.doc", "spec.md"]
