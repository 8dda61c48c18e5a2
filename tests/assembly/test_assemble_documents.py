"""Assembled documents follow the shared block conventions and carry the brief's facts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from svdocs.assembly import assemble, write_outputs
from svdocs.assembly.brief import brief_from_dict
from svdocs.core.model import BlockKind
from svdocs.library import load_library

MINI = Path(__file__).parent.parent / "library_fixtures" / "mini"

BRIEF = {
    "authority": "Testshire Council",
    "contract_title": "Test Services",
    "reference": "TS-1",
    "kind": "services",
    "value": 6_000_000,
    "term": "3 years",
    "jurisdiction": "england",
    "weighting": 12,
    "clauses": [{"id": "mini-jobs", "variables": {"jobs_fte": 20}}, "mini-wage", "mini-spend",
                "mini-purpose"],
}


@pytest.fixture(scope="module")
def mini():
    return load_library(MINI)


@pytest.fixture(scope="module")
def result(mini):
    return assemble(brief_from_dict(BRIEF), mini)


def test_three_documents_with_kinds_and_titles(result) -> None:
    assert set(result.documents) == {"specification", "itt", "schedule"}
    assert result.documents["schedule"].kind == "schedule"
    assert result.documents["schedule"].title == "Social Value Schedule"
    assert result.documents["itt"].kind == "itt"


def test_numbering_follows_the_conventions(result) -> None:
    blocks = result.documents["schedule"].blocks
    numbered = [(b.kind, b.level, b.number) for b in blocks if b.number]
    # clause 1: social value schedule, a paragraph then a sub-heading with one paragraph
    assert numbered[:4] == [
        (BlockKind.HEADING, 1, "1"), (BlockKind.PARAGRAPH, 1, "1.1"),
        (BlockKind.HEADING, 2, "1.2"), (BlockKind.PARAGRAPH, 2, "1.2.1"),
    ]
    jobs = [b for b in blocks if b.meta.get("clause_id") == "mini-jobs"]
    assert [(b.kind, b.level, b.number) for b in jobs] == [
        (BlockKind.HEADING, 1, "2"), (BlockKind.PARAGRAPH, 1, "2.1"),
        (BlockKind.PARAGRAPH, 1, "2.2"), (BlockKind.LIST_ITEM, 3, "(a)"),
        (BlockKind.LIST_ITEM, 3, "(b)"), (BlockKind.PARAGRAPH, 1, "2.3"),
    ]
    assert jobs[0].text == "Local jobs"
    assert jobs[1].text.startswith("The Supplier shall ensure that by 1 April 2027 no fewer "
                                   "than 20 FTE roles")
    assert "care leavers, veterans and disabled people" in jobs[1].text
    # every block's text equals its runs; bold kept as a run
    for b in blocks:
        if b.runs:
            assert "".join(r.text for r in b.runs) == b.text
    assert any(r.bold and r.text == "payroll extract" for r in jobs[2].runs)
    # heading paths point at the clause title
    assert jobs[3].heading_path == ("Local jobs",)


def test_numbering_restarts_in_each_document(result) -> None:
    for doc in result.documents.values():
        headings = [b.number for b in doc.blocks if b.kind is BlockKind.HEADING and b.level == 1
                    and b.number]
        assert headings == [str(i) for i in range(1, len(headings) + 1)]


def test_unnumbered_template_text_and_no_notes_by_default(result) -> None:
    spec = result.documents["specification"]
    intro = [b for b in spec.blocks if b.number is None and b.kind is BlockKind.PARAGRAPH]
    assert intro and "Testshire Council" in intro[0].text
    assert not any(b.meta.get("note") for d in result.documents.values() for b in d.blocks)


def test_drafting_notes_only_on_request(mini) -> None:
    with_notes = assemble(brief_from_dict(BRIEF), mini, notes=True)
    notes = [b for b in with_notes.documents["schedule"].blocks if b.meta.get("note")]
    assert len(notes) == 1 and notes[0].number is None
    assert notes[0].text.startswith("Drafting note:")


def test_documents_hold_the_right_stages(result) -> None:
    def ids(kind: str) -> list[str]:
        return [c["id"] for c in result.documents[kind].properties["clauses"]]

    assert ids("specification") == ["mini-jobs", "mini-wage"]
    assert ids("itt") == ["itt-social-value-section", "mini-purpose"]
    assert ids("schedule") == ["social-value-schedule", "mini-jobs", "mini-wage", "mini-spend",
                               "kpi-schedule"]


def test_properties_record_brief_and_clauses(result) -> None:
    props = result.documents["schedule"].properties
    assert props["authority"] == "Testshire Council"
    assert props["reference"] == "TS-1"
    assert props["value"] == 6_000_000
    assert props["toc"] is True
    jobs = next(c for c in props["clauses"] if c["id"] == "mini-jobs")
    assert jobs["version"] == "2.0.1" and jobs["title"] == "Local jobs"
    assert re.fullmatch(r"[0-9a-f]{64}", jobs["sha256"])
    other = assemble(brief_from_dict({**BRIEF, "clauses": [
        {"id": "mini-jobs", "variables": {"jobs_fte": 21}}, "mini-wage", "mini-spend"]}),
        load_library(MINI))
    changed = next(c for c in other.documents["schedule"].properties["clauses"]
                   if c["id"] == "mini-jobs")
    assert changed["sha256"] != jobs["sha256"]


def test_kpi_table_built_from_commitments(result) -> None:
    schedule = result.documents["schedule"]
    tables = schedule.tables()
    kpi = tables[max(tables)]
    assert [c.text for c in kpi[0]][:3] == ["KPI", "Measure", "Target"]
    assert all(c.table.header for c in kpi[0]) and not any(c.table.header for c in kpi[1])
    assert kpi[0][0].meta["caption"] == "Key Performance Indicators"
    assert [row[0].text for row in kpi[1:]] == ["KPI 1", "KPI 2", "KPI 3"]
    assert kpi[1][2].text == "20 FTE (baseline: 0 FTE)"
    assert kpi[2][2].text == "100%"
    assert kpi[3][2].text == "£250,000"
    assert kpi[1][3].text == "1 April 2027"
    assert kpi[1][0].meta["clause_id"] == "kpi-schedule"
    assert kpi[1][0].heading_path == ("Key performance indicators",)
    # the clause's own table keeps its caption and header row and comes first
    spend = tables[0]
    assert spend[0][0].meta["caption"] == "Spend profile"
    assert [c.text for c in spend[0]] == ["Year", "Share"]


def test_commitments_json(result, tmp_path: Path) -> None:
    written = write_outputs(result, tmp_path / "out", ["md"])
    data = json.loads((tmp_path / "out" / "commitments.json").read_text())
    assert [c["id"] for c in data] == ["mini-jobs.local-jobs", "mini-wage.rlw",
                                       "mini-spend.sme-spend"]
    assert data[0]["clause_id"] == "mini-jobs" and data[0]["clause_version"] == "2.0.1"
    assert data[0]["target"] == "20" and data[0]["quantity"] == 20.0
    assert data[0]["evidence"] == ["payroll extract with postcodes"]
    assert data[0]["kpi"] is True
    assert sorted(p.name for p in written) == sorted(
        ["social-value-specification.md", "itt-social-value-section.md",
         "social-value-schedule.md", "commitments.json"])


def test_alternative_wording(mini) -> None:
    alt = assemble(brief_from_dict({**BRIEF, "clauses": [
        {"id": "mini-jobs", "alternative": "enhanced"}, "mini-wage", "mini-spend"]}), mini)
    jobs = [b for b in alt.documents["schedule"].blocks if b.meta.get("clause_id") == "mini-jobs"]
    assert len(jobs) == 2
    assert "with priority for care leavers, veterans and disabled people" in jobs[1].text


def test_documents_subset(mini) -> None:
    only = assemble(brief_from_dict({**BRIEF, "documents": ["schedule"]}), mini)
    assert list(only.documents) == ["schedule"]


def test_brief_values_reach_clause_text(mini) -> None:
    wales = assemble(brief_from_dict({**BRIEF, "jurisdiction": "wales", "kind": "works",
                                      "value": 2_500_000}), mini)
    spw = [b for b in wales.documents["schedule"].blocks
           if b.meta.get("clause_id") == "social-public-works-wales"]
    assert "£2,500,000" in spw[1].text
