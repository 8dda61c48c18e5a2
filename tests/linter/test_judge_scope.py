"""Scope as a lawyer reads it (issue 15): each rule of coverage with a test of its own.

Each test lints a short document written for the rule and asserts which commitments get
``missing-evidence`` or ``missing-consequence``; the documents are not from any labelled set.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from svdocs import api
from svdocs.cli import cli


def findings(text: str, category: str) -> list[str]:
    report = api.lint_text(text, fmt="markdown")
    return [f.text for f in report.findings if f.category == category]


DEFINED_TERM = """# Schedule 4: Social Value

## 1. Definitions

1.1 "Social Value Commitments" means the commitments in paragraphs 2.1 and 2.2.

## 2. Commitments

2.1 The Supplier shall employ at least 6 apprentices on the Contract in each Contract Year.

2.2 The Supplier shall spend at least 20% of the Charges with SMEs in each Contract Year.

2.3 The Supplier shall plant 300 trees in the Borough of Easton by 31 March 2028.

## 3. Reporting

3.1 The Supplier shall report every quarter against each of the Social Value Commitments,
with payroll extracts and invoices.
"""


def test_a_defined_term_reaches_what_its_definition_names() -> None:
    missing = findings(DEFINED_TERM, "missing-evidence")
    assert any("plant 300 trees" in t for t in missing)
    assert not any("apprentices" in t or "SMEs" in t for t in missing)


FRAMING = """# Schedule 6: Social Value

6.1 This Schedule sets out the social value the Supplier will deliver under the Contract.

6.2 The Supplier shall employ at least 4 apprentices in each Contract Year, evidenced by
their apprenticeship agreements sent to the Council within one month of each start.
"""


def test_a_sentence_describing_the_document_is_no_commitment() -> None:
    report = api.lint_text(FRAMING, fmt="markdown")
    texts = [f.text for f in report.findings
             if f.category in ("missing-evidence", "vague-commitment")]
    assert not any("sets out" in t for t in texts)
    consequence = [f for f in report.findings if f.category == "missing-consequence"]
    listed = [c["text"] for f in consequence for c in f.properties["commitments"]]
    assert listed and not any("sets out" in t for t in listed)


DESCRIBING_EVIDENCE = """# Schedule 6: Social Value

6.1 This Schedule records the Supplier's social value obligations and the evidence of them.

6.2 The Supplier shall employ at least 4 apprentices in each Contract Year.
"""


def test_evidence_comes_from_duties_not_from_a_description() -> None:
    missing = findings(DESCRIBING_EVIDENCE, "missing-evidence")
    assert any("4 apprentices" in t for t in missing)


BROAD_THEME = """# Schedule 7: Environment

7.1 The Contractor shall cut the carbon emissions of its fleet by 30% by 31 March 2029.

7.2 The Contractor shall explore opportunities to improve biodiversity on verges.

## Reporting

7.3 The Contractor shall report the carbon emissions of its fleet every quarter, calculated
with the Council's carbon tool.
"""


def test_a_report_on_one_subject_does_not_evidence_another_of_the_same_theme() -> None:
    missing = findings(BROAD_THEME, "missing-evidence")
    assert any("biodiversity" in t for t in missing)
    assert not any("30%" in t for t in missing)


SCOPES = """# Schedule 5: Social Value

## Part A: Employment

A1 The Supplier shall employ at least 5 residents of the Borough of Easton on the Contract by
31 March 2027, evidenced by a payroll extract with home postcodes each quarter.

## Part B: Environment

B1 The Supplier shall divert at least 90% of its waste from landfill in each Contract Year,
evidenced by waste transfer notes each quarter.

B2 If the Supplier fails to meet B1 in any Contract Year, it shall pay the Council £2,000 for
each percentage point of the shortfall.
"""


def test_missing_consequence_is_one_finding_per_scope_on_its_heading() -> None:
    report = api.lint_text(SCOPES, fmt="markdown")
    found = [f for f in report.findings if f.category == "missing-consequence"]
    assert len(found) == 1
    f = found[0]
    assert f.text == "Part A: Employment"
    assert f.properties["scope"] == "Part A: Employment"
    assert [c["text"][:2] for c in f.properties["commitments"]] == ["A1"]


def test_findings_carry_the_commitments_parts_in_json_and_sarif(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "schedule.md"
    doc.write_text(DESCRIBING_EVIDENCE, encoding="utf-8")
    runner = CliRunner()
    data = json.loads(runner.invoke(cli, ["lint", str(doc), "--format", "json"]).output)
    f = next(x for x in data["files"][0]["findings"] if x["category"] == "missing-evidence")
    parts = f["properties"]["commitment"]
    assert parts["target"]["found"] and "4" in parts["target"]["text"]
    assert parts["evidence"] == {"found": False}
    assert "evidence" in f["properties"]["missing"]
    sarif = json.loads(runner.invoke(cli, ["lint", str(doc), "--format", "sarif"]).output)
    results = sarif["runs"][0]["results"]
    props = next(r["properties"] for r in results if r["ruleId"] == f["rule"])
    assert props["commitment"]["evidence"] == {"found": False}


def test_explain_prints_what_was_understood(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "schedule.md"
    doc.write_text(SCOPES, encoding="utf-8")
    out = CliRunner().invoke(cli, ["lint", str(doc), "--explain"]).output
    assert "Commitments in Part A: Employment with no consequence that covers them:" in out
    other = tmp_path / "other.md"
    other.write_text(DESCRIBING_EVIDENCE, encoding="utf-8")
    out = CliRunner().invoke(cli, ["lint", str(other), "--explain"]).output
    assert "Understood:" in out and "evidence: missing" in out and "target: 4 apprentices" in out
    plain = CliRunner().invoke(cli, ["lint", str(doc)]).output
    assert "Commitments in Part A" not in plain


REMEDY_NOT_EVIDENCE = """# Schedule 3: Sustainability

3.1 The Supplier shall provide at least two apprenticeships each year in Northern Ireland.

3.2 If the Supplier fails to meet a target in this Schedule for two quarters, the Authority
may require it to submit a report explaining the failure and an improvement plan.
"""


def test_a_remedy_for_failure_is_no_evidence_of_delivery() -> None:
    missing = findings(REMEDY_NOT_EVIDENCE, "missing-evidence")
    assert any("two apprenticeships" in t for t in missing)


TABLE_ELSEWHERE = """# Schedule 5: Social Value

## Part A: Commitments

A1 The Supplier shall offer at least 10 work placements to local students each year.

## Part B: Key Performance Indicators

| KPI | Measure | Target | Evidence | Frequency |
|---|---|---|---|---|
| B1 | Apprenticeships started | 4 a year | Apprenticeship agreements | Quarterly |
| B2 | Placements for pupils | 20 a year | Placement register | Quarterly |
"""


def test_a_kpi_table_in_another_part_does_not_evidence_a_commitment() -> None:
    missing = findings(TABLE_ELSEWHERE, "missing-evidence")
    assert any("10 work placements" in t for t in missing)
    same_part = TABLE_ELSEWHERE.replace("## Part B: Key Performance Indicators\n\n", "")
    assert not any("10 work placements" in t
                   for t in findings(same_part, "missing-evidence"))


TABLE_LEAD = """# Schedule 6: Social Value

## 2. Commitments

2.1 The Supplier shall start 4 apprentices on approved standards in each Contract Year.

## 3. Key performance indicators

3.1 The commitments in paragraph 2 are KPIs, measured as follows.

| KPI | Target | Evidence | Reporting frequency |
|---|---|---|---|
| Apprenticeship starts | 4 per Contract Year | Apprenticeship agreements | Quarterly |
"""


def test_the_sentence_introducing_a_table_links_its_rows_to_the_commitments_it_names() -> None:
    assert not any("4 apprentices" in t for t in findings(TABLE_LEAD, "missing-evidence"))
    unlinked = TABLE_LEAD.replace("The commitments in paragraph 2 are KPIs, measured as "
                                  "follows.", "The Council measures these KPIs.")
    assert any("4 apprentices" in t for t in findings(unlinked, "missing-evidence"))


def test_a_numbered_heading_is_found_as_the_scope() -> None:
    text = ("# Section 5: Social Value\n\n## 5.4 What we expect\n\nThe successful provider "
            "shall employ at least 4 local residents by 2027, evidenced by payroll extracts.\n")
    report = api.lint_text(text, fmt="markdown")
    found = [f for f in report.findings if f.category == "missing-consequence"]
    assert found and found[0].text == "What we expect"
    assert found[0].properties["scope"].endswith("What we expect")


ITT_ASKS = """# Invitation to Tender: Social Value

Bidders are encouraged to switch the Contract's vans to electric vehicles wherever
practicable.

Bidders should keep their answers to no more than 1,500 words.

Bidders are invited to describe how they will recruit local people.
"""


def test_an_itts_soft_ask_about_delivery_is_a_hedged_commitment_and_instructions_are_not() -> None:
    vague = findings(ITT_ASKS, "vague-commitment")
    assert any("electric vehicles" in t for t in vague)
    assert not any("1,500 words" in t for t in vague)
    assert not any("describe how" in t for t in vague)
