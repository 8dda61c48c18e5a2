"""What the three writers share: the stream of items they render and a rule table keyed by kind.

A :class:`~svdocs.core.model.Document` is a flat list of blocks. Writers see it as a stream of
*items*: single headings, paragraphs and drafting notes, runs of consecutive list items grouped
into a :class:`ListGroup`, and the cells of one table gathered into a :class:`Table`. Each writer
is a :class:`BlockWriter` whose ``rules`` table maps an item kind to a render function (the shape
of markdown-it-py's renderer), so a new output format is a new rule table, not a new walk over
the document, and a caller can replace one rule without subclassing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from svdocs._version import __version__
from svdocs.core.model import Block, BlockKind, Document
from svdocs.writers import marks
from svdocs.writers.items import (
    KINDS,
    clean_text,
    is_note,
    iter_items,
)


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
        if not marks.has_marks(self.doc):
            self.begin()
            for kind, item in iter_items(self.doc, notes=self.notes):
                self.rules[kind](item)
            return self.end()
        self.segments = marks.segments(self.doc, notes=self.notes)
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
