"""A realistic assembled Document, built per the shared block conventions, for writer tests."""

from __future__ import annotations

from svdocs.core.model import Block, BlockKind, Document, Run, TableRef

H, P, L, C = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_CELL

AWKWARD = 'Payments <script>alert("x")</script> & "fees" | rates [1] *not* _bold_ #tag'


def _b(kind: BlockKind, text: str, *, level: int = 0, number: str | None = None,
       clause: str | None = None, runs: list[Run] | None = None, **meta: object) -> Block:
    m: dict[str, object] = dict(meta)
    if clause:
        m["clause_id"] = clause
    return Block(kind, text, level=level, number=number, runs=runs or [], meta=m)


def _table(index: int, rows: list[list[str]], caption: str | None) -> list[Block]:
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            meta: dict[str, object] = {"clause_id": "kpi-schedule"}
            if r == 0 and c == 0 and caption:
                meta["caption"] = caption
            cells.append(Block(C, text, table=TableRef(index, r, c, header=r == 0), meta=meta))
    return cells


LINK_RUNS = [
    Run("The Supplier "),
    Run("shall", bold=True),
    Run(" fill no fewer than 25 full-time-equivalent roles with residents of the "),
    Run("postcode districts in Annex 1", href="https://example.gov.uk/annex-1"),
    Run(" within "),
    Run("12 months", italic=True),
    Run(" of the Commencement Date."),
]


def sample_document(*, toc: bool = True) -> Document:
    blocks: list[Block] = [
        _b(P, "This Schedule sets out the Supplier's social value commitments."),
        _b(H, "Definitions and interpretation", level=1, number="1", clause="precedence"),
        _b(P, "In this Schedule the following words have the meanings given below.",
           level=1, number="1.1", clause="precedence"),
        _b(P, "If this Schedule conflicts with the Contract, the Contract prevails.",
           level=1, number="1.2", clause="precedence"),
        _b(H, "Local employment", level=1, number="2", clause="local-employment"),
        _b(P, "".join(r.text for r in LINK_RUNS), level=1, number="2.1",
           clause="local-employment", runs=LINK_RUNS),
        _b(P, "The Supplier shall give evidence of the roles filled by providing:", level=1,
           number="2.2", clause="local-employment"),
        _b(L, "a payroll extract showing each employee's home postcode;", level=3,
           number="(a)", clause="local-employment"),
        _b(L, "copies of contracts of employment; and", level=3, number="(b)",
           clause="local-employment"),
        _b(L, "a statement signed by a director.", level=3, number="(c)",
           clause="local-employment"),
        _b(P, "Define local by postcode; a bare 'local' cannot be measured.",
           clause="local-employment", note=True),
        _b(H, "Reporting", level=2, number="2.3", clause="local-employment"),
        _b(P, "The Supplier shall report progress quarterly.", level=2, number="2.3.1",
           clause="local-employment"),
        _b(P, AWKWARD, level=2, number="2.3.2", clause="local-employment"),
        _b(H, "Remedies", level=1, number="3", clause="remedies-escalation"),
        _b(P, "If a KPI is missed the Authority may require:", level=1, number="3.1",
           clause="remedies-escalation"),
        _b(L, "a rectification plan;", level=3, number="(a)", clause="remedies-escalation"),
        _b(L, "service credits.", level=3, number="(b)", clause="remedies-escalation"),
        _b(L, "Persistent failure:", clause="remedies-escalation", bullet=True),
        _b(L, "termination for default.", level=1, clause="remedies-escalation", bullet=True),
        _b(H, "Annex 1: Key performance indicators", level=1),
        *_table(0, [
            ["KPI", "Measure", "Target", "Reporting"],
            ["KPI 1", "Local residents employed on the contract", "25 FTE", "Quarterly"],
            ["KPI 2", "Apprenticeship starts | levels 2-3", "6", "Quarterly"],
            ["KPI 3", "Spend with SMEs & VCSEs <local>", "£1,200,000", "Annually"],
        ], "Key performance indicators"),
    ]
    clauses = [
        {"id": "precedence", "version": "1.0.0", "title": "Precedence", "sha256": "a" * 64},
        {"id": "local-employment", "version": "1.2.0", "title": "Local employment",
         "sha256": "b" * 64},
        {"id": "remedies-escalation", "version": "2.0.1", "title": "Remedies",
         "sha256": "c" * 64},
        {"id": "kpi-schedule", "version": "1.1.0", "title": "KPI schedule", "sha256": "d" * 64},
    ]
    return Document(
        blocks=blocks,
        title="Social Value Schedule",
        kind="schedule",
        properties={
            "authority": "Northshire County Council",
            "contract_title": "Facilities Management Services",
            "reference": "NCC/FM/2026/014",
            "value": 12000000,
            "term": "5 years",
            "jurisdiction": "england",
            "toc": toc,
            "clauses": clauses,
            "date": "2026-03-02",
        },
    )
