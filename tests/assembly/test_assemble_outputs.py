"""`svdocs assemble` writes every file or none, never over existing files or into inputs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from svdocs.cli import cli

MINI = Path(__file__).parent.parent / "library_fixtures" / "mini"
BRIEF = {
    "authority": "Testshire Council", "contract_title": "Test Services", "reference": "TS-1",
    "kind": "services", "value": 6_000_000, "term": "3 years", "jurisdiction": "england",
    "weighting": 12, "clauses": ["mini-jobs", "mini-wage", "mini-spend"],
}
NAMES = ["social-value-specification", "itt-social-value-section", "social-value-schedule"]


@pytest.fixture()
def brief(tmp_path: Path) -> Path:
    path = tmp_path / "brief.yml"
    path.write_text(yaml.safe_dump(BRIEF), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["assemble", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_writes_every_format_and_lists_files(brief: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = run(str(brief), "-o", str(out), "--library", str(MINI))
    assert code == 0, output
    expected = sorted([f"{n}.{e}" for n in NAMES for e in ("docx", "md", "html")]
                      + ["commitments.json"])
    assert sorted(p.name for p in out.iterdir()) == expected
    for name in expected:
        assert f"wrote {out / name}" in output
    assert "rule applied: value over £5m" in output
    assert (out / "social-value-schedule.docx").read_bytes()[:2] == b"PK"
    assert "<table" in (out / "social-value-schedule.html").read_text()


def test_format_option(brief: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _ = run(str(brief), "-o", str(out), "--library", str(MINI), "--format", "md,html")
    assert code == 0
    assert not list(out.glob("*.docx")) and len(list(out.glob("*.md"))) == 3
    code, output = run(str(brief), "-o", str(tmp_path / "o2"), "--library", str(MINI),
                       "--format", "md,pdf")
    assert code == 2 and "unknown output format 'pdf'" in output
    assert not (tmp_path / "o2").exists()


def test_existing_files_need_force(brief: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "social-value-schedule.md").write_text("mine")
    code, output = run(str(brief), "-o", str(out), "--library", str(MINI))
    assert code == 2
    assert "social-value-schedule.md: already exists (use --force to overwrite)" in output
    # nothing else was written: all or nothing
    assert [p.name for p in out.iterdir()] == ["social-value-schedule.md"]
    assert (out / "social-value-schedule.md").read_text() == "mine"
    code, _ = run(str(brief), "-o", str(out), "--library", str(MINI), "--force")
    assert code == 0
    assert (out / "social-value-schedule.md").read_text().startswith("# Social Value Schedule")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_read_only_folder(brief: Path, tmp_path: Path) -> None:
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o500)
    try:
        code, output = run(str(brief), "-o", str(out), "--library", str(MINI))
    finally:
        out.chmod(0o700)
    assert code == 2 and "cannot write" in output
    assert list(out.iterdir()) == []


def test_output_under_a_file_cannot_be_written(brief: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    code, output = run(str(brief), "-o", str(blocker / "out"), "--library", str(MINI))
    assert code == 2 and "cannot write" in output
    assert blocker.read_text() == "x"


def test_output_that_is_a_file(brief: Path, tmp_path: Path) -> None:
    code, output = run(str(brief), "-o", str(brief), "--library", str(MINI))
    assert code == 2 and "output must be a folder" in output
    assert yaml.safe_load(brief.read_text()) == BRIEF


def test_output_inside_the_library_is_refused(brief: Path, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(MINI, lib)
    before = sorted(p.name for p in lib.rglob("*"))
    code, output = run(str(brief), "-o", str(lib / "out"), "--library", str(lib))
    assert code == 2 and "inside an input folder" in output
    assert sorted(p.name for p in lib.rglob("*")) == before


def test_bad_brief_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(yaml.safe_dump({**BRIEF, "clauses": ["mini-jobs", "no-such"]}))
    out = tmp_path / "out"
    code, output = run(str(bad), "-o", str(out), "--library", str(MINI))
    assert code == 2
    assert f"svdocs: error: {bad}: clauses[1]: unknown clause id 'no-such'" in output
    assert not out.exists()


def test_broken_library_is_reported(brief: Path, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(MINI, lib)
    (lib / "fair-work" / "mini-wage.md").write_text("no front matter\n")
    code, output = run(str(brief), "-o", str(tmp_path / "out"), "--library", str(lib))
    assert code == 2 and "mini-wage.md: no YAML front matter" in output
    assert not (tmp_path / "out").exists()
