"""Provenance marks: where each library clause (and each piece of template text) begins and
ends in an assembled document, with a hash of its text that is the same in every format.

Writers split a document's items into *segments*: the items of one library clause (blocks
whose ``meta["clause_id"]`` names it) or a run of template text between clauses. Each
segment gets a mark (DOCX bookmarks, Markdown HTML comments, an HTML wrapping element; see
docs/output-formats.md, "Provenance marks") carrying the text hash of :func:`text_hash`.

The hash is of the *normalised text*: the words of every heading, paragraph, list item and
table cell of the segment in reading order, without clause numbers, table captions or
drafting notes, Unicode NFC, every run of whitespace one space. Numbering, formatting and
paragraph breaks are not part of it, so the same clause text hashes the same in DOCX,
Markdown and HTML, and :mod:`svdocs.audit` recomputes it from an edited file.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from svdocs.core.model import Block, Document
from svdocs.writers.items import Item, ListGroup, Table, clean_text, iter_items, runs_of

#: Prefixes of DOCX bookmark names: a library clause and template text. The leading
#: underscore makes them hidden bookmarks (Word lists them only with "Hidden bookmarks" on).
CLAUSE_BOOKMARK = "_svc_"
TEXT_BOOKMARK = "_svt_"
TABLE_BOOKMARK = "_svk_"
#: Segment kinds: a library clause, template text, and the KPI table (generated from the
#: commitments of many clauses, so it belongs to none of them).
KINDS = ("clause", "text", "kpi-table")
KPI_TABLE = "\0kpi-table"
#: Word refuses bookmark names longer than this.
BOOKMARK_MAX = 40
#: Custom document property (DOCX) and meta name (HTML) of one mark: ``svdocs.mark.<n>``.
MARK_PROPERTY = "svdocs.mark."
#: The rendering inputs (brief facts, each clause's alternative and values), as JSON split
#: into ``svdocs.inputs.<n>`` pieces in DOCX (Word keeps at most 255 characters a property).
INPUTS_PROPERTY = "svdocs.inputs"
INPUTS_CHUNK = 240

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as the hash sees it: NFC, whitespace runs as one space, no outer space."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_hash(parts: Iterable[str]) -> str:
    """``sha256:<hex>`` of the normalised text of ``parts`` joined by spaces."""
    joined = normalise(" ".join(parts))
    return "sha256:" + hashlib.sha256(joined.encode("utf-8")).hexdigest()


def bookmark_name(kind: str, n: int, clause_id: str | None) -> str:
    """``_svc_<id>_<n>`` for a clause (hyphens as underscores, the id shortened to fit in
    40 characters), ``_svt_<n>`` for template text, ``_svk_<n>`` for the KPI table."""
    if kind != "clause":
        return f"{TABLE_BOOKMARK if kind == 'kpi-table' else TEXT_BOOKMARK}{n}"
    tail = f"_{n}"
    room = BOOKMARK_MAX - len(CLAUSE_BOOKMARK) - len(tail)
    ident = re.sub(r"[^0-9A-Za-z]", "_", clause_id or "")[:room]
    return f"{CLAUSE_BOOKMARK}{ident}{tail}"


@dataclass
class Segment:
    """A run of items that is one library clause (``kind="clause"``) or template text."""

    n: int  # 1-based, in document order across both kinds
    kind: str  # "clause" or "text"
    clause_id: str | None
    version: str | None
    items: list[tuple[str, Item]] = field(default_factory=list)
    hash: str = ""

    @property
    def bookmark(self) -> str:
        return bookmark_name(self.kind, self.n, self.clause_id)

    def property_value(self) -> str:
        """``clause <id> <version> <hash>``, ``text - - <hash>`` or ``kpi-table - - <hash>``
        (the value of ``svdocs.mark.<n>``)."""
        if self.kind == "clause":
            return f"clause {self.clause_id} {self.version or '?'} {self.hash}"
        return f"{self.kind} - - {self.hash}"


def item_blocks(kind: str, item: Item) -> list[Block]:
    """The blocks an item renders, in reading order."""
    if isinstance(item, Table):
        return [c for row in item.rows for c in row]
    if isinstance(item, ListGroup):
        return list(item.items)
    return [item]


def item_texts(kind: str, item: Item) -> list[str]:
    """The texts the hash counts for an item (nothing for a drafting note)."""
    if kind == "note":
        return []
    return ["".join(r.text for r in runs_of(b)) for b in item_blocks(kind, item)]


def _clause_of(kind: str, item: Item) -> str | None:
    blocks = item_blocks(kind, item)
    if isinstance(item, Table) and any(b.meta.get("commitment_id") for b in blocks):
        return KPI_TABLE  # built from the commitments of many clauses: a segment of its own
    value = blocks[0].meta.get("clause_id") if blocks else None
    return str(value) if value else None


def segments(doc: Document, *, notes: bool = False) -> list[Segment]:
    """The document's items split into clause and template-text segments, hashed."""
    versions = {}
    for entry in doc.properties.get("clauses") or []:
        if isinstance(entry, dict) and entry.get("id"):
            versions[str(entry["id"])] = clean_text(str(entry.get("version") or ""))
    out: list[Segment] = []
    current: Segment | None = None
    for kind, item in iter_items(doc, notes=notes):
        cid = _clause_of(kind, item)
        seg_kind = "kpi-table" if cid == KPI_TABLE else "clause" if cid else "text"
        cid = None if cid == KPI_TABLE else cid
        if current is None or (current.kind, current.clause_id) != (seg_kind, cid):
            current = Segment(len(out) + 1, seg_kind, cid, versions.get(cid or "") or None)
            out.append(current)
        current.items.append((kind, item))
    for seg in out:
        seg.hash = text_hash(t for kind, item in seg.items for t in item_texts(kind, item))
    return out


def has_marks(doc: Document) -> bool:
    """Whether a document is an assembly (it lists library clauses), so it gets marks."""
    return bool(doc.properties.get("clauses"))


def inputs_json(doc: Document) -> str | None:
    """The rendering inputs an assembly recorded (``properties["inputs"]``) as compact JSON
    with ``<``, ``>`` and ``&`` escaped, so it sits safely in an HTML comment or attribute."""
    inputs = doc.properties.get("inputs")
    if not inputs:
        return None
    text = json.dumps(inputs, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chunks(text: str, size: int = INPUTS_CHUNK) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)] or [""]


def mark_properties(doc: Document, segs: list[Segment]) -> dict[str, str]:
    """Name/value pairs for DOCX custom properties: one per mark, plus the inputs in pieces."""
    width = max(3, len(str(len(segs))))
    pairs = {f"{MARK_PROPERTY}{s.n:0{width}d}": s.property_value() for s in segs}
    text = inputs_json(doc)
    if text is not None:
        pieces = chunks(text)
        pw = max(3, len(str(len(pieces))))
        for i, piece in enumerate(pieces, 1):
            pairs[f"{INPUTS_PROPERTY}.{i:0{pw}d}"] = piece
    return pairs


def parse_property_value(value: str) -> dict[str, Any] | None:
    """The fields of a ``svdocs.mark.<n>`` value, or ``None`` if it is not one."""
    parts = value.split()
    if len(parts) != 4 or parts[0] not in KINDS:
        return None
    return {"kind": parts[0], "id": None if parts[1] == "-" else parts[1],
            "version": None if parts[2] in ("-", "?") else parts[2], "hash": parts[3]}
