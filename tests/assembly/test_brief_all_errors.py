"""A brief with schema errors and rule-of-selection errors gets every error in one run."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from svdocs.assembly.brief import load_brief
from svdocs.cli import cli
from svdocs.core.errors import ValidationError
from svdocs.library import load_library

MINI = Path(__file__).parent.parent / "library_fixtures" / "mini"
BRIEF = {
    "authority": "Testshire Council", "contract_title": "Test Services", "reference": "TS-1",
    "kind": "services", "value": 1_000_000, "term": "3 years", "jurisdiction": "england",
    "weighting": "high",                                     # schema: not a number
    "start_date": "next spring",                             # schema: not a date
    "clauses": [
        "mini-wage",
        "mini-nonesuch",                                     # selection: unknown clause
        {"id": "mini-jobs", "variables": {"jobs_fte": "lots"}},  # selection: bad value
        {"id": 7},                                           # schema: not a clause id
    ],
}


def test_every_error_at_once(tmp_path: Path) -> None:
    path = tmp_path / "brief.yml"
    path.write_text(yaml.safe_dump(BRIEF), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_brief(path, load_library(MINI))
    problems = info.value.problems
    assert any(p.startswith("weighting:") for p in problems)
    assert any(p.startswith("start_date:") for p in problems)
    assert any(p.startswith("clauses[3]") for p in problems)
    assert any("unknown clause id 'mini-nonesuch'" in p for p in problems)
    assert any(p.startswith("clauses[2].variables.jobs_fte:") for p in problems)
    assert len(problems) == len(set(problems))

    result = CliRunner().invoke(cli, ["assemble", str(path), "-o", str(tmp_path / "out"),
                                      "--library", str(MINI)])
    assert result.exit_code == 2
    lines = [ln for ln in result.stderr.splitlines() if ln]
    assert len(lines) == len(problems)
    assert all(ln.startswith(f"svdocs: error: {path}: ") for ln in lines)
    assert not (tmp_path / "out").exists()


def test_without_a_library_the_schema_errors_alone(tmp_path: Path) -> None:
    path = tmp_path / "brief.yml"
    path.write_text(yaml.safe_dump(BRIEF), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_brief(path)
    assert not any("mini-nonesuch" in p for p in info.value.problems)
