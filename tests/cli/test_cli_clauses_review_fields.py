"""`svdocs clauses list` and `show` give each clause's status, review date and source."""

from __future__ import annotations

import json

from click.testing import CliRunner

from svdocs.cli import cli
from svdocs.library import load_library


def test_list_and_show_give_status_review_and_source() -> None:
    clause = load_library().clauses["real-living-wage"]
    runner = CliRunner()
    listed = runner.invoke(cli, ["clauses", "list", "--theme", "fair-work"])
    assert listed.exit_code == 0
    line = next(ln for ln in listed.output.splitlines() if ln.startswith("real-living-wage "))
    assert f"reviewed {clause.reviewed}" in line and " approved " in line

    data = json.loads(runner.invoke(cli, ["clauses", "list", "--format", "json"]).output)
    entry = next(d for d in data if d["id"] == "real-living-wage")
    assert (entry["status"], entry["reviewed"], entry["source"]) == (
        "approved", clause.reviewed, clause.source)

    shown = runner.invoke(cli, ["clauses", "show", "real-living-wage"]).output
    assert f"status: approved; reviewed: {clause.reviewed}" in shown
    assert f"source: {' '.join(str(clause.source).split())}" in shown
    as_json = json.loads(runner.invoke(cli, ["clauses", "show", "real-living-wage",
                                             "--format", "json"]).output)
    assert (as_json["status"], as_json["reviewed"], as_json["source"]) == (
        "approved", clause.reviewed, clause.source)
