"""The stream of items the writers render: single headings, paragraphs and drafting notes, runs
of consecutive list items grouped into a :class:`ListGroup`, and the cells of one table gathered
into a :class:`Table`, walked from a flat :class:`~svdocs.core.model.Document` by
:func:`iter_items` (the writers and the provenance marks share it)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from svdocs.core.model import Block, BlockKind, Document, Run

#: Item kinds, in the order a rule table lists them.
KINDS: tuple[str, ...] = ("heading", "paragraph", "list", "table", "note")

#: Link schemes a writer keeps; any other link (javascript:, data:, file:) is rendered as text.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Table:
    """The cells of one table in row order, padded so every row has the same width."""

    index: int  # TableRef.table of its cells
    ordinal: int  # 1-based position among the tables of the document ("Table 2")
    rows: list[list[Block]]
    header_rows: int  # leading rows whose cells are header cells
    caption: str | None = None

    @property
    def columns(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


@dataclass
class ListGroup:
    """Consecutive list items of one kind: lettered sub-clauses or bullets."""

    items: list[Block] = field(default_factory=list)
    bullet: bool = False


Item = Block | Table | ListGroup


def clean_text(text: str) -> str:
    """Drop characters that XML cannot carry (NUL and other C0 controls except tab and newline)."""
    return _XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def runs_of(block: Block) -> list[Run]:
    """The block's runs, or one plain run of its text when it has none."""
    runs = block.runs or [Run(block.text)]
    return [Run(clean_text(r.text), r.bold, r.italic, r.href) for r in runs if r.text]


def safe_href(href: str | None) -> str | None:
    """The link target if it is safe to emit (web, mail or in-document), else ``None``."""
    if not href:
        return None
    href = clean_text(href).strip()
    if href.startswith("#"):
        return href
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return None
    return href if scheme in SAFE_SCHEMES else None


def is_note(block: Block) -> bool:
    return bool(block.meta.get("note"))


def is_bullet(block: Block) -> bool:
    return block.number is None and bool(block.meta.get("bullet"))


def iter_items(doc: Document, *, notes: bool = False) -> Iterator[tuple[str, Item]]:
    """Yield ``(kind, item)`` for the document in reading order.

    Drafting notes are left out unless ``notes`` is true. The cells of a table are yielded
    once, as a :class:`Table`, at the place of the table's first cell.
    """
    tables = doc.tables()
    done: set[int] = set()
    ordinal = 0
    group: ListGroup | None = None
    for block in doc.blocks:
        if is_note(block) and not notes:
            continue
        if block.kind is BlockKind.LIST_ITEM and not is_note(block):
            bullet = is_bullet(block)
            if group is not None and group.bullet == bullet:
                group.items.append(block)
                continue
            if group is not None:
                yield "list", group
            group = ListGroup([block], bullet)
            continue
        if group is not None:
            yield "list", group
            group = None
        if block.kind is BlockKind.TABLE_CELL and block.table is not None:
            index = block.table.table
            if index in done:
                continue
            done.add(index)
            ordinal += 1
            yield "table", _table(index, ordinal, tables.get(index, [[block]]))
        elif is_note(block):
            yield "note", block
        elif block.kind is BlockKind.HEADING:
            yield "heading", block
        else:
            yield "paragraph", block
    if group is not None:
        yield "list", group


def _table(index: int, ordinal: int, rows: list[list[Block]]) -> Table:
    width = max(len(r) for r in rows)
    padded = [r + [Block(BlockKind.TABLE_CELL, "")] * (width - len(r)) for r in rows]
    header_rows = 0
    for row in rows:
        if row and all(c.table is not None and c.table.header for c in row):
            header_rows += 1
        else:
            break
    caption = next((c.meta.get("caption") for r in rows for c in r if c.meta.get("caption")),
                   None)
    return Table(index, ordinal, padded, header_rows,
                 clean_text(str(caption)) if caption else None)


# --------------------------------------------------------------------------- document facts
