"""The two shared models of svdocs: a Document and a Commitment.

Readers turn files into a :class:`Document`; the assembler builds one from clauses; writers
render one; the linter only ever sees one. A :class:`Commitment` is what the supplier must
deliver: the clause library declares commitments, the linter recovers them from text. Findings
of the linter are :class:`Finding` objects that point into a Document by :class:`Location`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any


class BlockKind(str, enum.Enum):
    """What a block is in the outline of a document."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"


@dataclass
class Run:
    """A piece of inline text with its formatting (writers use it; readers may leave it empty)."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass
class SourceRef:
    """Where a block came from in its source file.

    Fields that do not apply to a format stay ``None``. Lines and columns are 1-based;
    ``offset`` is the 0-based character offset of the block's first character in the
    decoded source text (text formats only).
    """

    part: str = "body"  # body, header, footer, footnote, endnote, textbox, comment
    paragraph: int | None = None  # index among the source's paragraphs (DOCX), in reading order
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    offset: int | None = None
    page: int | None = None  # PDF page, 1-based


@dataclass
class TableRef:
    """The place of a table cell: which table (0-based, document order), row and column."""

    table: int
    row: int
    col: int
    header: bool = False  # the cell is in a header row
    nested_in: int | None = None  # the table index this table sits inside, if nested
    #: the cell's place among its row's cells (DOCX ``w:tc``, HTML ``td``), 0-based: a cell
    #: merged across grid columns counts once, so it is the column a reader sees, where
    #: ``col`` is the grid column
    cell: int | None = None


@dataclass
class Block:
    """One unit of text in reading order: a heading, paragraph, list item or table cell."""

    kind: BlockKind
    text: str
    level: int = 0  # heading level (1-based) or list / clause level (0-based)
    number: str | None = None  # the clause or list number as a reader sees it, e.g. "4.2(b)"
    heading_path: tuple[str, ...] = ()  # texts of the headings above this block, outermost first
    source: SourceRef = field(default_factory=SourceRef)
    table: TableRef | None = None
    style: str | None = None  # source style name (DOCX) or writer style hint
    runs: list[Run] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. {"clause_id": "..."} when generated

    @property
    def label(self) -> str:
        """Text with its number in front, as a reader sees it ("4.2 The Supplier shall...")."""
        return f"{self.number} {self.text}" if self.number else self.text


@dataclass
class Document:
    """An ordered list of blocks, plus what is known about the document as a whole."""

    blocks: list[Block] = field(default_factory=list)
    path: str | None = None  # the file it was read from, or None for generated text
    title: str | None = None
    kind: str | None = None  # "specification", "itt", "contract", "schedule" or None if unknown
    properties: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # non-fatal reader notes (e.g. needs OCR)

    def __iter__(self) -> Iterator[Block]:
        return iter(self.blocks)

    def __len__(self) -> int:
        return len(self.blocks)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    def tables(self) -> dict[int, list[list[Block]]]:
        """Table cells grouped as ``{table index: [row, ...]}`` with each row a list of cells."""
        out: dict[int, dict[int, list[Block]]] = {}
        for b in self.blocks:
            if b.table is not None:
                out.setdefault(b.table.table, {}).setdefault(b.table.row, []).append(b)
        return {
            t: [sorted(cells, key=lambda c: c.table.col) for _, cells in sorted(rows.items())]  # type: ignore[union-attr]
            for t, rows in out.items()
        }


# --------------------------------------------------------------------------- commitments

#: The parts of a complete social value commitment (docs/domain.md, "What makes a social value
#: commitment complete").
COMMITMENT_PARTS: tuple[str, ...] = (
    "target",
    "baseline",
    "deadline",
    "beneficiaries",
    "evidence",
    "reporting_frequency",
    "verifier",
    "consequence",
)


@dataclass
class Commitment:
    """What the supplier must deliver, with the parts that make it enforceable.

    The same type serves both directions: a library clause declares commitments (feeding the
    KPI schedule and ``commitments.json``) and the linter recovers them from text, recording
    which parts it found and which words hedge it.
    """

    text: str  # the obligation as written
    theme: str | None = None
    measure: str | None = None  # what is counted, e.g. "Local residents employed on the contract"
    quantity: float | None = None
    unit: str | None = None  # jobs, FTE, GBP, %, hours, tCO2e ...
    target: str | None = None  # the target as worded, e.g. "20 FTE by month 12"
    baseline: str | None = None
    deadline: str | None = None
    beneficiaries: str | None = None  # who benefits and where ("local" defined)
    evidence: list[str] = field(default_factory=list)
    reporting_frequency: str | None = None
    verifier: str | None = None
    consequence: str | None = None
    party: str | None = None  # "supplier", "bidder", "authority"
    id: str | None = None  # stable id, e.g. "local-employment.1" for library commitments
    clause_id: str | None = None  # library clause that declared it
    kpi: bool = False  # whether it is a contract KPI
    hedges: list[str] = field(default_factory=list)  # hedging words found (linter)
    location: Location | None = None  # where it was found (linter)

    def missing(self) -> list[str]:
        """Names of the parts of a complete commitment that are absent."""
        gaps = [] if (self.quantity is not None or self.target) else ["target"]
        # a baseline is needed only for an increase or reduction, so callers judge it
        gaps += [p for p in COMMITMENT_PARTS[2:] if not getattr(self, p)]
        return gaps

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.location is None:
            data.pop("location")
        return data


# --------------------------------------------------------------------------- findings


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


#: The three mission categories, named exactly so in every output.
CATEGORIES: tuple[str, ...] = ("vague-commitment", "missing-evidence", "missing-consequence")


@dataclass
class Location:
    """Where a finding points: the file, the place in the outline and the place in the text."""

    path: str
    block: int  # index of the block in Document.blocks
    start: int = 0  # character offsets of the flagged words within the block text
    end: int = 0
    heading_path: tuple[str, ...] = ()
    clause: str | None = None  # clause number as a reader sees it
    line: int | None = None  # 1-based, text formats
    column: int | None = None
    part: str = "body"
    page: int | None = None
    paragraph: int | None = None
    table: TableRef | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["heading_path"] = list(self.heading_path)
        return data


def block_location(doc: Document, block: int, start: int = 0, end: int = 0,
                   **known: Any) -> Location:
    """The one place a :class:`Location` is made from a document: characters ``start:end`` of
    block ``block``, with the file, the place in the outline (headings, clause number, table)
    and the place in the source (line, part, page, paragraph) taken from the block. ``known``
    overrides any of those with what the caller knows better (the clause a finding cites,
    the line of the flagged words, ``page=None`` where a caller does not report it). A block
    the document does not have gives the file and the offsets only."""
    fields: dict[str, Any] = {"path": doc.path or "<text>", "block": block, "start": start,
                              "end": end}
    if 0 <= block < len(doc.blocks):
        b = doc.blocks[block]
        fields.update(heading_path=tuple(b.heading_path), clause=b.number, line=b.source.line,
                      part=b.source.part, page=b.source.page, paragraph=b.source.paragraph,
                      table=b.table)
    fields.update(known)
    return Location(**fields)


@dataclass
class Finding:
    """One problem the linter found."""

    rule: str
    category: str
    severity: Severity
    message: str
    suggestion: str
    text: str  # the commitment or sentence the finding is about
    location: Location
    flagged: str = ""  # the flagged words themselves
    fix_clause: str | None = None  # id of a library clause that would fix the gap
    suppressed: str | None = None  # justification when suppressed inline
    fingerprint: str = ""
    # what the linter understood: the commitment's parts ("commitment"), and for a finding
    # about a scope the commitments it concerns ("scope", "commitments")
    # and what a judge adds about how it decided ({"model_score": 0.87})
    properties: dict[str, Any] = field(default_factory=dict)
    #: the other places a finding is about (a pack's consistency finding points at both
    #: documents: this location in one, the related ones in the others)
    related: list[Location] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "message": self.message,
            "suggestion": self.suggestion,
            "text": self.text,
            "flagged": self.flagged,
            "location": self.location.to_dict(),
            "fix_clause": self.fix_clause,
            "fingerprint": self.fingerprint,
            **({"suppressed": self.suppressed} if self.suppressed is not None else {}),
            **({"properties": dict(self.properties)} if self.properties else {}),
            **({"related": [r.to_dict() for r in self.related]} if self.related else {}),
        }
