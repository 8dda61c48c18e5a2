"""What the three writers share: the stream of items they render and a rule table keyed by kind.

A :class:`~svdocs.model.Document` is a flat list of blocks. Writers see it as a stream of
*items*: single headings, paragraphs and drafting notes, runs of consecutive list items grouped
into a :class:`ListGroup`, and the cells of one table gathered into a :class:`Table`. Each writer
is a :class:`BlockWriter` whose ``rules`` table maps an item kind to a render function (the shape
of markdown-it-py's renderer), so a new output format is a new rule table, not a new walk over
the document, and a caller can replace one rule without subclassing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import urlsplit

from ..model import Block, BlockKind, Document, Run

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


def display_title(doc: Document) -> str:
    props = doc.properties
    return clean_text(str(doc.title or props.get("contract_title") or "Untitled document"))


def subtitle(doc: Document) -> str | None:
    props = doc.properties
    value = props.get("subtitle") or props.get("contract_title")
    return clean_text(str(value)) if value else None


def format_value(value: Any) -> str:
    """A contract value: numbers as pounds sterling ("£12,000,000"), text as given."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"£{value:,}"
    if isinstance(value, float):
        return f"£{value:,.0f}" if value.is_integer() else f"£{value:,.2f}"
    return clean_text(str(value))


def facts(doc: Document) -> list[tuple[str, str]]:
    """Labelled facts for the title block, in a fixed order, leaving out what is unknown."""
    props = doc.properties
    labels = (("authority", "Authority"), ("contract_title", "Contract"),
              ("reference", "Reference"), ("value", "Estimated value"),
              ("term", "Term"), ("jurisdiction", "Jurisdiction"))
    out: list[tuple[str, str]] = []
    for key, label in labels:
        value = props.get(key)
        if value in (None, ""):
            continue
        if key == "contract_title" and subtitle(doc) == clean_text(str(value)):
            continue  # already shown as the subtitle
        if key == "value":
            text = format_value(value)
        elif key == "jurisdiction":
            text = clean_text(str(value)).replace("-", " ").title()
        else:
            text = clean_text(str(value))
        out.append((label, text))
    return out


def clause_records(doc: Document) -> list[dict[str, str]]:
    """The library clauses the document was built from (``properties["clauses"]``)."""
    out = []
    for entry in doc.properties.get("clauses") or []:
        if isinstance(entry, dict) and entry.get("id"):
            out.append({k: clean_text(str(entry.get(k) or "")) for k in
                        ("id", "version", "title", "sha256")})
    return out


def provenance(doc: Document) -> dict[str, str]:
    """Name/value pairs recording the svdocs version and each clause as id@version sha256:...

    DOCX writes them as custom document properties, HTML as ``<meta>`` elements.
    """
    from .. import __version__

    props: dict[str, str] = {"svdocs.version": __version__}
    if doc.kind:
        props["svdocs.kind"] = clean_text(str(doc.kind))
    records = clause_records(doc)
    props["svdocs.clauses"] = str(len(records))
    width = max(3, len(str(len(records))))
    for n, rec in enumerate(records, 1):
        value = f"{rec['id']}@{rec['version'] or '?'}"
        if rec["sha256"]:
            value += f" sha256:{rec['sha256']}"
        props[f"svdocs.clause.{n:0{width}d}"] = value
    return props


def toc_entries(doc: Document, *, depth: int = 2) -> list[Block]:
    """Headings down to ``depth`` that a table of contents lists (drafting notes excluded)."""
    return [b for b in doc.blocks
            if b.kind is BlockKind.HEADING and 1 <= b.level <= depth and not is_note(b)]


def wants_toc(doc: Document) -> bool:
    return bool(doc.properties.get("toc"))


# --------------------------------------------------------------------------- rule table


Rule = Callable[[Any], None]


class BlockWriter:
    """Walk a document's items and call the rule for each kind; subclasses supply the rules.

    ``rules`` starts as the subclass's ``render_<kind>`` methods; it is an ordinary dict, so a
    caller may swap in another function for one kind before calling :meth:`write`.
    """

    kinds: ClassVar[tuple[str, ...]] = KINDS

    def __init__(self, doc: Document, *, notes: bool = False) -> None:
        self.doc = doc
        self.notes = notes
        self.rules: dict[str, Rule] = {k: getattr(self, f"render_{k}") for k in self.kinds}
        self.segments: list[Any] = []  # provenance segments (marks.py), for an assembly

    def write(self) -> bytes:
        from .marks import has_marks, segments

        if not has_marks(self.doc):
            self.begin()
            for kind, item in iter_items(self.doc, notes=self.notes):
                self.rules[kind](item)
            return self.end()
        self.segments = segments(self.doc, notes=self.notes)
        self.begin()
        for seg in self.segments:
            self.open_mark(seg)
            for kind, item in seg.items:
                self.rules[kind](item)
            self.close_mark(seg)
        return self.end()

    def open_mark(self, segment: Any) -> None:
        """Start the provenance mark of a clause or template-text segment (see marks.py)."""

    def close_mark(self, segment: Any) -> None:
        """End the provenance mark that :meth:`open_mark` started."""

    def begin(self) -> None:  # pragma: no cover - every writer overrides it
        raise NotImplementedError

    def end(self) -> bytes:  # pragma: no cover - every writer overrides it
        raise NotImplementedError
