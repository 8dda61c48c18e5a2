"""deadline-missing asks for a date only where a figure is a target
(svdocs.linter.judge.targets)."""

from __future__ import annotations

import pytest

from svdocs.core.model import Block, BlockKind, Document, TableRef
from svdocs.linter.engine import Linter


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def _document(*texts: str) -> Document:
    blocks = [Block(kind=BlockKind.HEADING, text="Social Value", level=1)]
    blocks += [Block(kind=BlockKind.PARAGRAPH, text=t) for t in texts]
    return Document(blocks=blocks, path="schedule.md")


def _deadline_findings(linter: Linter, document: Document) -> list[str]:
    analysis = linter.analyse(document)
    assert analysis.commitments, "the test sentence must be judged a commitment"
    return [f.text for f in linter.lint_document(document) if f.rule == "deadline-missing"]


@pytest.mark.parametrize(
    "text",
    [
        # part of a code or a name
        "The Supplier shall deliver the social value set out in the tender for the Services "
        "(reference TVC-ED-2026-207) to local residents.",
        "The Supplier shall measure its Scope 1 and Scope 2 greenhouse gas emissions.",
        "The Supplier shall offer its Tier 2 subcontractors the Real Living Wage terms.",
        # the condition of an "If ..." sentence
        "If an audit finds that the Supplier has overstated any local employment figure by more "
        "than 5%, the Supplier shall pay for an independent audit of its social value reports.",
        # a threshold that picks out what the duty applies to
        "The Supplier shall advertise every subcontract opportunity worth more than £25,000 to "
        "local SMEs on the Council's portal.",
        "The Supplier shall advertise to local SMEs every subcontract valued at over £10,000.",
    ],
)
def test_figures_that_are_not_targets_ask_for_no_deadline(linter: Linter, text: str) -> None:
    assert _deadline_findings(linter, _document(text)) == []


@pytest.mark.parametrize(
    "cap",
    [
        "Service Credits for the social value KPIs in any one quarter shall not exceed 10% of "
        "the charges for that quarter.",
        # a party named after the remedy does not make it the party's duty
        "The total Service Credits payable by the Supplier for the social value KPIs in a "
        "quarter shall not exceed 10% of the charges.",
    ],
)
def test_a_sentence_about_the_remedies_is_no_commitment(linter: Linter, cap: str) -> None:
    document = _document(cap)
    assert linter.analyse(document).commitments == []
    assert [f.rule for f in linter.lint_document(document) if f.severity.value != "info"] == []


@pytest.mark.parametrize(
    "text",
    [
        "The Supplier shall employ 5-10 apprentices from the Borough.",  # a range is a target
        "The Developer shall let contracts worth at least £14 million to local businesses.",
        "If the Council agrees, the Supplier shall employ 12 local apprentices.",  # after the comma
        "The Supplier shall recruit 20 local residents, including 5 care leavers.",
    ],
)
def test_targets_still_ask_for_a_deadline(linter: Linter, text: str) -> None:
    assert _deadline_findings(linter, _document(text)) == [text]


def test_a_kpi_table_row_takes_its_deadline_from_another_cell(linter: Linter) -> None:
    def table(deadline: str) -> Document:
        measure = "Workers on the Contract guaranteed at least 16 hours a week"
        cells = [("Measure", "Target", "By when"), (measure, "90%", deadline)]
        blocks = [Block(kind=BlockKind.HEADING, text="Social Value KPIs", level=1)]
        for r, row in enumerate(cells):
            for c, text in enumerate(row):
                ref = TableRef(table=0, row=r, col=c, header=r == 0)
                blocks.append(Block(kind=BlockKind.TABLE_CELL, text=text, table=ref))
        return Document(blocks=blocks, path="kpis.md")

    timed = table("within 12 months of the Commencement Date")
    assert [s.table for s in linter.analyse(timed).commitments] == [(0, 1)]
    assert not [f for f in linter.lint_document(timed) if f.rule == "deadline-missing"]
    untimed = linter.lint_document(table("TBC"))
    assert [f.rule for f in untimed].count("deadline-missing") == 1
