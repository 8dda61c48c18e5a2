"""What a document is decides which rules apply (issue 15): weighting rules only on ITT and
evaluation text, coverage reports only on tenders and specifications."""

from __future__ import annotations

import pytest

from svdocs import api
from svdocs.linter.structure.kinds import kind_from_titles

BODY = """
1.1 Bidders should describe how they will recruit local people, and the successful Bidder
shall employ at least 5 residents of the Borough of Easton, evidenced by payroll extracts.

1.2 The Contractor shall take part in the annual performance review and the market
engagement events the Council holds.
"""


def rules_for(title: str) -> set[str]:
    report = api.lint_text(f"# {title}\n{BODY}", fmt="markdown")
    return {f.rule for f in report.findings}


@pytest.mark.parametrize("title", ["Call-Off Schedule 13 (Exit Management)",
                                   "Joint Schedule 1 (Definitions)",
                                   "Core Terms and Conditions of Contract"])
def test_a_contract_document_gets_no_weighting_or_coverage_findings(title: str) -> None:
    found = rules_for(title)
    assert not {"sv-weighting-absent", "imperatives-coverage", "cycle-coverage"} & found


def test_an_itt_does() -> None:
    found = rules_for("Invitation to Tender: Section 4, Social Value")
    assert "sv-weighting-absent" in found and "imperatives-coverage" in found


def test_a_title_that_names_no_kind_leaves_it_to_the_text() -> None:
    assert "sv-weighting-absent" in rules_for("Social Value")


@pytest.mark.parametrize(("titles", "kind"), [
    (["Version Control", "Call-Off Schedule 15 (Facilities Management)"], "contract-terms"),
    (["Framework Schedule 7 (Call-Off Procedure and Award Criteria)"], "evaluation"),
    (["Schedule 6: Social Value"], "sv-schedule"),
    (["Annex B: Key Performance Indicators"], "kpi-schedule"),
    (["Specification of Requirements"], "specification"),
    (["Social Value"], None),
])
def test_kind_from_titles(titles: list[str], kind: str | None) -> None:
    assert kind_from_titles(titles) == kind
