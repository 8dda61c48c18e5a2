"""`svdocs demo`, the README's first command: both halves on the bundled samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from svdocs.cli import cli
from svdocs.core.resources import samples_dir


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo") / "out"
    result = CliRunner().invoke(cli, ["demo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_demo_assembles_every_sample_brief_in_every_format(demo_run: tuple[Path, str]) -> None:
    out, output = demo_run
    briefs = sorted(p.stem for p in (samples_dir() / "briefs").glob("*.yml"))
    assert len(briefs) >= 3
    for stem in briefs:
        folder = out / "assembled" / stem
        assert {p.suffix for p in folder.iterdir()} == {".docx", ".md", ".html", ".json"}
        assert len(json.loads((folder / "commitments.json").read_text())) >= 3
        assert stem in output


def test_demo_closes_the_loop_and_flags_the_weak_drafts(demo_run: tuple[Path, str]) -> None:
    out, output = demo_run
    assert "36 documents, 0 findings in vague-commitment" in output
    report = json.loads((out / "lint" / "report.json").read_text())
    by_file = {Path(f["path"]).name: {x["category"] for x in f["findings"]}
               for f in report["files"]}
    assert by_file["schedule-good.docx"] == set()
    assert {"vague-commitment", "missing-evidence", "missing-consequence"} <= \
        by_file["schedule-weak.docx"]
    assert (out / "lint" / "schedule-weak.reviewed.docx").is_file()
    for name in ("report.txt", "report.sarif", "report.html"):
        assert (out / "lint" / name).stat().st_size > 0
    assert f"Wrote {sum(1 for p in out.rglob('*') if p.is_file())} files" in output


def test_demo_never_writes_into_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = CliRunner().invoke(cli, ["demo", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "not empty" in result.output and "Traceback" not in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_demo_without_a_folder_picks_a_new_one(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from svdocs.workflow.demo import choose_out_dir

    monkeypatch.chdir(tmp_path)
    assert choose_out_dir(None) == Path("svdocs-demo")
    (tmp_path / "svdocs-demo").mkdir()
    assert choose_out_dir(None) == Path("svdocs-demo-2")
