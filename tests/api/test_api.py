"""The Python API: svdocs.lint and svdocs.assemble, usable without the CLI or any file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import svdocs
from svdocs import api
from svdocs.core.config import LintConfig
from svdocs.core.model import Severity
from svdocs.workflow import batch


def test_import_is_light() -> None:
    code = ("import sys, svdocs; svdocs.lint; svdocs.assemble; "
            "heavy = [m for m in ('spacy', 'docx', 'lxml', 'jinja2', 'pypdf') if m in sys.modules];"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_api_names_stay_callable_after_their_subpackages_are_imported() -> None:
    code = (
        "import svdocs, svdocs.core.rules, svdocs.assembly.builder\n"
        "from svdocs import lint, assemble\n"
        "import svdocs.core.fingerprint as fp\n"
        "assert callable(svdocs.lint) and callable(svdocs.assemble)\n"
        "assert callable(lint) and callable(assemble)\n"
        "assert svdocs.core.rules.load_rules and fp.fingerprint\n"
        "assert svdocs.assembly.builder.assemble\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


@pytest.mark.parametrize(("value", "is_path"), [
    ("The Supplier will endeavour to support local jobs.", False),
    ("line one\nline two.md", False),
    ("tender.docx", True),
    ("drafts/itt section.md", False),
    ("notes", False),
])
def test_strings_are_told_apart_from_paths(value: str, is_path: bool) -> None:
    assert api._looks_like_path(value) is is_path


def test_existing_file_names_and_matching_globs_are_paths(tmp_path: Path) -> None:
    f = tmp_path / "My Spec.md"
    f.write_text("x")
    assert api._looks_like_path(str(f))
    assert api._looks_like_path(str(tmp_path))
    assert api._looks_like_path(f"{tmp_path}/**")
    assert not api._looks_like_path(f"{tmp_path}/nothing/**")


def test_unknown_text_format_is_a_clear_error() -> None:
    from svdocs.core.errors import InputError

    with pytest.raises(InputError, match="unknown text format 'rtf'"):
        svdocs.lint("text", fmt="rtf")


def test_lint_routes_paths_lists_and_config_files(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[list[str], LintConfig, int]] = []

    def fake_lint_paths(paths, config, *, jobs, baseline, keep_documents, progress):  # type: ignore[no-untyped-def]
        calls.append(([str(p) for p in paths], config, jobs))
        return batch.Report()

    monkeypatch.setattr(batch, "lint_paths", fake_lint_paths)
    cfg_file = tmp_path / "strict.toml"
    cfg_file.write_text('scope = "all"\n')
    svdocs.lint(tmp_path / "a.md", jobs=2, config=cfg_file)
    svdocs.lint(["a.md", tmp_path], config=LintConfig(fail_on=Severity.ERROR))
    svdocs.lint("missing.docx")
    assert calls[0][0] == [str(tmp_path / "a.md")] and calls[0][1].scope == "all"
    assert calls[0][2] == 2
    assert calls[1][0] == ["a.md", str(tmp_path)] and calls[1][1].fail_on.value == "error"
    assert calls[2][0] == ["missing.docx"] and calls[2][1] == LintConfig()


BRIEF = Path(__file__).resolve().parents[2] / "samples" / "briefs" / \
    "facilities-management-12m.yml"


def test_assemble_from_a_path_and_from_a_dict_writes_nothing(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    import yaml

    monkeypatch.chdir(tmp_path)
    from_path = svdocs.assemble(BRIEF)
    from_dict = svdocs.assemble(yaml.safe_load(BRIEF.read_text(encoding="utf-8")))
    assert set(from_path.documents) == {"specification", "itt", "schedule"}
    assert [b.text for b in from_dict.documents["schedule"].blocks] == [
        b.text for b in from_path.documents["schedule"].blocks]
    assert len(from_path.kpis) >= 3  # over £5m: a KPI schedule with at least three KPIs
    assert list(tmp_path.iterdir()) == []


def test_assemble_reports_a_bad_brief_as_a_validation_error() -> None:
    from svdocs.core.errors import ValidationError

    with pytest.raises(ValidationError):
        svdocs.assemble({"authority": "Exampleshire County Council"})
