"""The KPI table of the contract social value schedule, built from the clauses' commitments."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from svdocs.core.markdown_blocks import Counters
from svdocs.core.model import Block, BlockKind, Commitment, Run, TableRef
from svdocs.library.clause import format_amount

KPI_HEADERS: tuple[str, ...] = (
    "KPI", "Measure", "Target", "Deadline", "Evidence", "Reporting and verification",
    "Consequence of failure",
)
KPI_CAPTION = "Key Performance Indicators"


def target_text(c: Commitment) -> str:
    """The target with its unit ("10 FTE", "30%", "£250,000") and its baseline if given."""
    text = format_amount(c.target or "", c.unit, c.quantity)
    if c.baseline:
        text += f" (baseline: {c.baseline})"
    return text


def kpi_rows(kpis: Iterable[Commitment]) -> list[list[str]]:
    """Header row and one row per KPI commitment, numbered KPI 1, KPI 2, ..."""
    rows = [list(KPI_HEADERS)]
    for n, c in enumerate(kpis, 1):
        reporting = ", ".join(p for p in (
            c.reporting_frequency.capitalize() if c.reporting_frequency else "",
            f"verified by {c.verifier}" if c.verifier else "") if p)
        rows.append([
            f"KPI {n}", c.measure or c.text, target_text(c), c.deadline or "",
            "; ".join(c.evidence), reporting, c.consequence or "",
        ])
    return rows


def kpi_table_blocks(rows: list[list[str]], counters: Counters, heading_path: tuple[str, ...],
                     meta: dict[str, Any], ids: list[str] | None = None) -> list[Block]:
    """Table cells for ``rows`` (row 0 the header), captioned, as the next table."""
    index = counters.table
    counters.table += 1
    blocks: list[Block] = []
    for r, row in enumerate(rows):
        for col, text in enumerate(row):
            cell_meta = dict(meta)
            if r == 0 and col == 0:
                cell_meta["caption"] = KPI_CAPTION
            if ids and r > 0:
                cell_meta["commitment_id"] = ids[r - 1]
            blocks.append(Block(
                BlockKind.TABLE_CELL, text, heading_path=heading_path,
                table=TableRef(table=index, row=r, col=col, header=r == 0),
                runs=[Run(text)] if text else [], meta=cell_meta))
    return blocks
