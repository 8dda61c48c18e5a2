"""`svdocs clauses list` and `svdocs clauses show`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from svdocs.cli import cli

MINI = str(Path(__file__).parent.parent / "library_fixtures" / "mini")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["clauses", *args])
    return result.exit_code, result.output


def test_list_filters_and_json() -> None:
    code, out = run("list", "--library", MINI)
    assert code == 0 and "9 clause(s)" in out
    code, out = run("list", "--library", MINI, "--theme", "fair-work")
    assert code == 0 and "mini-wage" in out and "mini-jobs" not in out
    code, out = run("list", "--library", MINI, "--stage", "selection", "--format", "json")
    data = json.loads(out)
    assert [c["id"] for c in data] == ["mini-purpose"]
    code, out = run("list", "--theme", "nonsense")
    assert code == 2


def test_show_text_json_alternative_raw() -> None:
    code, out = run("show", "mini-jobs", "--library", MINI)
    assert code == 0
    assert "mini-jobs 2.0.1: Local jobs" in out
    assert "by 1 April 2027 no fewer than 10 FTE roles" in out
    assert "jobs_fte (integer; default 10; 1 to 500)" in out
    assert "local-jobs [KPI]: Roles held by local residents" in out
    assert "weak: (weak: never use)" not in out and "weak: Weak wording (weak: never use)" in out
    code, out = run("show", "mini-jobs", "--library", MINI, "--raw")
    assert "{{ jobs_fte }}" in out
    code, out = run("show", "mini-jobs", "--library", MINI, "--alternative", "enhanced",
                    "--format", "json")
    data = json.loads(out)
    assert data["text"].startswith("The Supplier shall ensure that by 1 April 2027 at least 10")
    assert data["variables"]["reporting"]["allowed"] == "monthly, quarterly"
    assert data["commitments"][0]["id"] == "mini-jobs.local-jobs"


def test_show_unknown_clause_and_alternative() -> None:
    code, out = run("show", "mini-jbos", "--library", MINI)
    assert code == 2 and "no clause 'mini-jbos' in the library (did you mean 'mini-jobs'?)" in out
    code, out = run("show", "mini-jobs", "--library", MINI, "--alternative", "x")
    assert code == 2 and "has no alternative 'x' (it has: enhanced, weak)" in out
