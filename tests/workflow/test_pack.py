"""`svdocs lint --pack`: a tender's documents judged as one (issue 19)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from svdocs import api
from svdocs.cli import cli
from svdocs.core.model import CATEGORIES
from svdocs.core.rules import PACK_CHECKS, load_rules

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "packs"
CLEAN = SAMPLES / "leisure-centres"
PLANTED = SAMPLES / "leisure-centres-inconsistent"


def _pack_findings(report: api.Report) -> list[tuple[str, str]]:  # type: ignore[name-defined]
    return [(Path(f.location.path).stem, f.rule) for f in report.findings
            if f.category == "pack-consistency"]


@pytest.fixture(scope="module")
def planted() -> api.Report:  # type: ignore[name-defined]
    return api.lint_pack(PLANTED)


@pytest.mark.parametrize("inputs", [[CLEAN], sorted(CLEAN.glob("*.md"))],
                         ids=["folder (Word files)", "Markdown files"])
def test_consistent_pack_lints_clean(inputs: list[Path]) -> None:
    report = api.lint_pack(inputs)
    assert not report.errors
    assert len(report.files) == 6  # one of each document's two formats is read
    kept = [f for f in report.findings if f.category in (*CATEGORIES, "pack-consistency")]
    assert kept == []
    assert report.pack is not None
    assert all(not chain.gaps for chain in report.pack.chains)
    assert {c.theme for c in report.pack.chains} >= {"local-employment", "fair-work", "skills",
                                                      "supply-chain"}


def test_planted_pack_yields_exactly_its_three_inconsistencies(planted) -> None:
    assert sorted(_pack_findings(planted)) == [
        ("itt-social-value-section", "pack-theme-not-carried"),
        ("social-value-schedule", "pack-term-differs"),
        ("social-value-specification", "pack-weighting-differs"),
    ]
    by_rule = {f.rule: f for f in planted.findings if f.category == "pack-consistency"}
    # each points at both places: its own and the document it disagrees with
    term = by_rule["pack-term-differs"]
    assert "15 miles" in term.flagged
    assert [Path(r.path).stem for r in term.related] == ["social-value-definitions-schedule"]
    weight = by_rule["pack-weighting-differs"]
    assert weight.flagged == "10%"
    assert [Path(r.path).stem for r in weight.related] == ["itt-social-value-section"]
    theme = by_rule["pack-theme-not-carried"]
    assert "carbon" in theme.flagged
    assert {Path(r.path).stem for r in theme.related} >= {"social-value-kpi-schedule"}
    chain = next(c for c in planted.pack.chains if c.theme == "environment")
    assert chain.gaps == ["commitment", "kpi", "evidence", "remedy"]


def test_a_document_keeps_its_own_findings_and_fingerprints_in_a_pack() -> None:
    alone = api.lint(CLEAN / "social-value-specification.docx")
    pack = api.lint_pack(CLEAN)
    in_pack = next(fr for fr in pack.files if fr.path.endswith("specification.docx"))
    assert [(f.rule, f.fingerprint, f.location.block, f.location.start)
            for f in in_pack.active] == [
        (f.rule, f.fingerprint, f.location.block, f.location.start)
        for f in alone.findings]


def test_pack_answers_what_a_document_leaves_to_another(tmp_path: Path) -> None:
    (tmp_path / "schedule.md").write_text(
        "# Social Value Schedule\n\n1.1 The Supplier shall employ 10 local residents on the "
        "Contract by month 12.\n\n1.2 The Supplier shall report quarterly against the "
        "commitments in this Schedule, with payroll records as evidence.\n", encoding="utf-8")
    (tmp_path / "remedies.md").write_text(
        "# Social Value Remedies Schedule\n\n1.1 If the Supplier fails to deliver a commitment "
        "of the Social Value Schedule, Service Credits of 2% of the monthly charges apply.\n\n"
        '1.2 "Local" means the postcode districts WM1 to WM4.\n', encoding="utf-8")
    alone = {f.rule for f in api.lint(tmp_path / "schedule.md").findings}
    assert {"missing-consequence", "undefined-local"} <= alone
    pack = api.lint_pack(tmp_path)
    schedule = next(fr for fr in pack.files if fr.path.endswith("schedule.md"))
    assert not {"missing-consequence", "undefined-local"} & {f.rule for f in schedule.active}


def test_a_clause_about_its_own_document_covers_nothing_in_another(tmp_path: Path) -> None:
    (tmp_path / "schedule.md").write_text(
        "# Social Value Schedule\n\n1.1 The Supplier shall employ 10 local residents on the "
        "Contract by month 12.\n", encoding="utf-8")
    (tmp_path / "other.md").write_text(
        "# Mobilisation Schedule\n\n1.1 The Supplier shall report quarterly on each "
        "commitment in this Schedule, with payroll records as evidence.\n", encoding="utf-8")
    pack = api.lint_pack(tmp_path)
    schedule = next(fr for fr in pack.files if fr.path.endswith("schedule.md")
                    and "Mobilisation" not in fr.path)
    assert "missing-evidence" in {f.rule for f in schedule.active}


def test_reference_to_a_document_outside_the_pack_is_named(tmp_path: Path) -> None:
    (tmp_path / "schedule.md").write_text(
        "# Social Value Schedule\n\n1.1 Service Credits under Call-Off Schedule 14 (Service "
        "Levels) apply to each missed KPI.\n", encoding="utf-8")
    report = api.lint_pack(tmp_path)
    missing = [f for f in report.findings if f.rule == "pack-reference-missing"]
    assert [f.flagged for f in missing] == ["Call-Off Schedule 14 (Service Levels)"]
    assert missing[0].severity.value == "info"
    assert [r.text for r in report.pack.references if r.resolved is None] == [
        "Call-Off Schedule 14 (Service Levels)"]


def test_json_and_sarif_carry_related_locations_and_the_pack(planted) -> None:
    data = json.loads(api.render_report(planted, "json"))
    related = [f for fr in data["files"] for f in fr["findings"] if f.get("related")]
    assert len(related) == 3
    assert {c["theme"] for c in data["pack"]["chains"]} >= {"environment", "skills"}
    sarif = json.loads(api.render_report(planted, "sarif"))
    results = sarif["runs"][0]["results"]
    with_related = [r for r in results if r.get("relatedLocations")]
    assert len(with_related) == 3
    uri = with_related[0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith(".docx")
    html = api.render_report(planted, "html")
    assert "Pack summary" in html and 'class="gap"' in html and "See also:" in html
    text = api.render_report(planted, "text")
    assert "Theme chains" in text and "See also:" in text


def test_cli_pack(tmp_path: Path) -> None:
    runner = CliRunner()
    clean = runner.invoke(cli, ["lint", "--pack", str(CLEAN), "--format", "json"])
    assert clean.exit_code == 0, clean.output
    planted = runner.invoke(cli, ["lint", "--pack", str(PLANTED)])
    assert planted.exit_code == 1
    assert "pack-term-differs" in planted.output
    bad = runner.invoke(cli, ["lint", "--pack", str(CLEAN), "--jobs", "2"])
    assert bad.exit_code == 2 and "--pack cannot be combined with --jobs" in bad.output
    empty = tmp_path / "empty"
    empty.mkdir()
    none = runner.invoke(cli, ["lint", "--pack", str(empty)])
    assert none.exit_code == 2 and "no documents" in none.output


# ------------------------------------------------------------------ the pack rules' examples

PACK_RULES = [r for r in load_rules() if r.check in PACK_CHECKS]


def _write_pack(text: str, folder: Path) -> None:
    """An example pack: documents separated by "=== name.md" lines."""
    parts = re.split(r"^=== (\S+)\n", text, flags=re.M)
    assert parts[0].strip() == "", "a pack example starts with a '=== name' line"
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        (folder / name).write_text(body, encoding="utf-8")


@pytest.mark.parametrize(
    ("rule_id", "kind", "text"),
    [pytest.param(r.id, kind, text, id=f"{r.id}-{kind}-{i}") for r in PACK_RULES
     for kind in ("flag", "pass") for i, text in enumerate(r.examples[kind])])
def test_pack_rule_example(tmp_path: Path, rule_id: str, kind: str, text: str) -> None:
    _write_pack(text, tmp_path)
    found = [f.rule for f in api.lint_pack(tmp_path).findings]
    if kind == "flag":
        assert rule_id in found, f"{rule_id} should flag: {text!r} (got {found})"
    else:
        assert rule_id not in found, f"{rule_id} should pass: {text!r}"


def test_every_pack_check_has_a_rule() -> None:
    assert sorted(r.check for r in PACK_RULES) == sorted(PACK_CHECKS)
    assert {r.category for r in PACK_RULES} == {"pack-consistency"}
