"""A sentence in its document, and what a table of the document holds: the units that
structure resolves once (block, lead-in group, table row, headings above, clause number) and
every judge and check reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from svdocs.linter.nlp.records import SentenceRecord


@dataclass
class Sentence:
    """A clause in its document: which block it sits in, its group and its table row."""

    block: int
    clause: SentenceRecord
    group: int  # sentences of one lead-in and its items share a group id
    table: tuple[int, int] | None = None  # (table, row) of a table cell
    section: tuple[str, ...] = ()  # the headings above it
    number: str = ""  # clause number of its block ("1.2", "B1"), without brackets or dots
    label: str = ""  # the number of a title line above it that is not a heading ("Clause 3 – ...")

    @property
    def text(self) -> str:
        return self.clause.text


@dataclass
class TableInfo:
    index: int
    columns: set[str] = field(default_factory=set)  # evidence, frequency, consequence, kpi
    rows: dict[int, set[str]] = field(default_factory=dict)  # row -> themes in it
    kpi_rows: int = 0
    section: tuple[str, ...] = ()
    evidence_cols: list[int] = field(default_factory=list)
    complete_rows: set[int] = field(default_factory=set)  # rows with evidence / frequency filled
    remedy_cols: list[int] = field(default_factory=list)  # a remedy / shortfall amount column
    remedy_rows: set[int] = field(default_factory=set)  # rows whose remedy cell is filled
    first_cells: dict[int, int] = field(default_factory=dict)  # row -> block index of cell 0
