"""HTML through lxml.html: visible text only, as blocks, with the line each block starts on.

Scripts, styles, templates, forms' options, SVG and MathML are dropped; nothing is fetched
(no network, no external entities, no DTD). Headings ``h1``-``h6``, paragraphs, list items
(an ordered list's items get their number in the list's ``type``: 1, a, A, i, I), table cells
(merged cells once, with their span in ``meta``), block quotes, ``pre``, definition lists and
captions become blocks; whitespace is collapsed as a browser shows it. HTML comments go to
``Document.properties["html_comments"]``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from svdocs.core.errors import InputError
from svdocs.core.limits import Limits
from svdocs.core.model import BlockKind, Document, SourceRef, TableRef
from svdocs.readers.common import (
    DocumentBuilder,
    decode_text,
    read_input_bytes,
    start_markup_document,
)
from svdocs.readers.numbering_formats import format_number
from svdocs.readers.text import split_typed_number

_SKIP = {"script", "style", "template", "noscript", "head", "svg", "math", "select", "option",
         "object", "embed", "iframe", "canvas", "audio", "video", "button", "datalist"}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
           "blockquote", "pre", "dt", "dd", "caption", "figcaption", "figure", "address",
           "form", "fieldset", "legend", "hr", "center", "details", "summary", "dl", "body",
           "html"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_WS_RE = re.compile(r"[ \t\n\r\f\u200b]+")
_XML_DECL_RE = re.compile(r"\A\s*<\?xml[^>]*\?>")


def read_html_file(path: Path, limits: Limits) -> Document:
    data = read_input_bytes(path, limits)
    text, warnings = decode_text(data, str(path))
    doc = parse_html(text, path=str(path), limits=limits)
    doc.warnings[:0] = warnings
    return doc


def _parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(
        remove_comments=False, remove_pis=True, no_network=True, recover=True,
        huge_tree=False, default_doctype=False, collect_ids=False,
    )


def parse_html(text: str, *, path: str | None = None, limits: Limits | None = None) -> Document:
    limits = limits or Limits.default()
    builder, comments = start_markup_document(text, "html", path, limits)
    doc = builder.doc
    if not text.strip():
        return doc
    # lxml refuses str input that declares an encoding; blank it, keeping the line count
    text = _XML_DECL_RE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    try:
        root = lxml.html.document_fromstring(text, parser=_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        if not text.strip() or "empty" in str(exc).lower():
            doc.warnings.append("the file has no HTML content")
            return doc
        raise InputError(f"cannot parse HTML: {exc}", path) from None
    if root is None:
        doc.warnings.append("the file has no HTML content")
        return doc
    title = root.find(".//title")
    if title is not None and title.text and title.text.strip():
        doc.title = _WS_RE.sub(" ", title.text).strip()
    _HtmlWalker(builder, comments).run(root)
    return doc


class _HtmlWalker:
    def __init__(self, builder: DocumentBuilder, comments: list[dict[str, Any]]) -> None:
        self.b = builder
        self.comments = comments
        self.parts: list[str] = []
        self.start_line: int | None = None
        self.pending_kind = BlockKind.PARAGRAPH
        self.pending_extra: dict[str, Any] = {}
        self.pre = 0
        self.lists: list[dict[str, Any]] = []
        self.tables: list[dict[str, Any]] = []
        self.table_count = -1
        self._hint_line: int | None = None

    def run(self, root: Any) -> None:
        # comments anywhere, including in <head>
        for node in root.iter(etree.Comment):
            self.comments.append({"line": node.sourceline or 0, "text": (node.text or "").strip()})
        self._visit(root, 0)
        self._flush()

    # ------------------------------------------------------------------ text collection
    def _text(self, value: str | None, line: int | None) -> None:
        if not value:
            return
        if self.start_line is None and value.strip():
            self.start_line = line
        self.parts.append(value if self.pre else _WS_RE.sub(" ", value))

    def _flush(self) -> None:
        text = "".join(self.parts)
        text = text.strip("\n ") if self.pre else _collapse(text)
        kind, extra = self.pending_kind, self.pending_extra
        line = self.start_line if self.start_line is not None else self._hint_line
        self.parts, self.start_line = [], None
        self.pending_kind, self.pending_extra = BlockKind.PARAGRAPH, {}
        if not text:
            return
        if kind in (BlockKind.HEADING, BlockKind.PARAGRAPH) and "number" not in extra:
            # a typed clause number ("3.2 The Supplier shall") goes to Block.number, as the
            # Markdown and text readers do, so findings cite "clause 3.2"
            number, cut = split_typed_number(text, heading=kind is BlockKind.HEADING)
            if number is not None and text[cut:].strip():
                text, extra = text[cut:], {**extra, "number": number}
                if kind is BlockKind.PARAGRAPH:
                    lettered = not number[0].isdigit()
                    kind = BlockKind.LIST_ITEM if lettered else kind
                    extra["level"] = 3 if lettered else number.count(".")
        self.b.add(kind, text, source=SourceRef(line=line), **extra)

    def _begin(self, kind: BlockKind, line: int | None, **extra: Any) -> None:
        self._flush()
        self.pending_kind, self.pending_extra = kind, extra
        self.start_line = None
        self._hint_line = line

    # ------------------------------------------------------------------ walk
    def _visit(self, el: Any, depth: int) -> None:
        if depth > 200:
            raise InputError("HTML nested more than 200 elements deep", self.b.doc.path)
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comment or processing instruction: only its tail is text
            return
        tag = tag.lower()
        if tag in _SKIP:
            return
        line = el.sourceline
        if tag == "br":
            self.parts.append("\n")
            return
        if tag in _HEADINGS:
            self._begin(BlockKind.HEADING, line, level=_HEADINGS[tag])
            self._children(el, depth)
            self._flush()
            return
        if tag in ("ul", "ol", "menu"):
            self._flush()
            self.lists.append(_list_state(el, tag))
            self._children(el, depth)
            self._flush()
            self.lists.pop()
            return
        if tag == "li":
            self._begin(BlockKind.LIST_ITEM, line, **self._item(el))
            self._children(el, depth)
            self._flush()
            return
        if tag == "table":
            self._table(el, depth)
            return
        if tag in ("td", "th") and self.tables:
            self._cell(el, tag, depth)
            return
        if tag == "pre":
            self._begin(BlockKind.PARAGRAPH, line)
            self.pre += 1
            self._children(el, depth)
            self._flush()
            self.pre -= 1
            return
        if tag in _BLOCKS:
            self._flush()
            self._children(el, depth)
            self._flush()
            return
        self._children(el, depth)  # inline element

    def _children(self, el: Any, depth: int) -> None:
        self._text(el.text, el.sourceline)
        for child in el:
            self._visit(child, depth + 1)
            self._text(child.tail, child.sourceline)

    def _item(self, el: Any) -> dict[str, Any]:
        depth = max(len(self.lists) - 1, 0)
        if not self.lists:
            return {"level": 0, "meta": {"bullet": True}}
        state = self.lists[-1]
        value = el.get("value")
        if value is not None and value.strip().lstrip("-").isdigit():
            state["next"] = int(value.strip())
        number = state["next"]
        state["next"] += -1 if state["reversed"] else 1
        if not state["ordered"]:
            return {"level": depth, "meta": {"bullet": True}}
        return {"level": depth, "number": format_number(number, state["fmt"])}

    def _table(self, el: Any, depth: int) -> None:
        self._flush()
        if len(self.tables) >= self.b.limits.max_table_depth:
            raise self.b.limits.exceeded("max_table_depth", "tables nested too deeply",
                                         self.b.doc.path)
        self.table_count += 1
        parent = self.tables[-1]["index"] if self.tables else None
        self.tables.append({"index": self.table_count, "parent": parent, "row": -1,
                            "occupied": {}, "col": 0})
        for row_el in _rows(el):
            state = self.tables[-1]
            state["row"] += 1
            state["col"] = 0
            header_row = row_el.getparent() is not None and row_el.getparent().tag == "thead"
            state["header_row"] = header_row
            self._text_tail_safe(row_el, depth)
        self.tables.pop()

    def _text_tail_safe(self, row_el: Any, depth: int) -> None:
        for child in row_el:
            if isinstance(child.tag, str) and child.tag.lower() in ("td", "th"):
                self._visit(child, depth + 2)

    def _cell(self, el: Any, tag: str, depth: int) -> None:
        state = self.tables[-1]
        row = state["row"]
        col = state["col"]
        occupied = state["occupied"]
        while (row, col) in occupied:
            col += 1
        colspan = _span(el.get("colspan"))
        rowspan = _span(el.get("rowspan"))
        for r in range(row, row + rowspan):
            for c in range(col, col + colspan):
                occupied[(r, c)] = True
        state["col"] = col + colspan
        meta: dict[str, Any] = {}
        if colspan > 1:
            meta["col_span"] = colspan
        if rowspan > 1:
            meta["row_span"] = rowspan
        ref = TableRef(state["index"], row, col, header=tag == "th" or state["header_row"],
                       nested_in=state["parent"])
        self._begin(BlockKind.TABLE_CELL, el.sourceline, table=ref, meta=meta)
        self._cell_children(el, depth)
        self._flush()

    def _cell_children(self, el: Any, depth: int) -> None:
        """A cell's own text is one block; block-level children only add line breaks."""
        self._text(el.text, el.sourceline)
        for child in el:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag == "table":
                kind, extra = self.pending_kind, self.pending_extra
                self._flush()
                self._visit(child, depth + 1)
                self.pending_kind, self.pending_extra = kind, extra
            elif tag in _BLOCKS or tag in ("li", "ul", "ol") or tag in _HEADINGS:
                if self.parts:
                    self.parts.append("\n")
                self._cell_children(child, depth + 1)
            elif tag in _SKIP:
                pass
            elif tag == "br":
                self.parts.append("\n")
            else:
                self._cell_children(child, depth + 1)
            self._text(child.tail, child.sourceline)


def _rows(table: Any) -> list[Any]:
    rows = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if isinstance(c.tag, str) and c.tag.lower() == "tr")
    return rows


def _span(value: str | None) -> int:
    try:
        return min(max(int((value or "1").strip()), 1), 1000)
    except ValueError:
        return 1


def _list_state(el: Any, tag: str) -> dict[str, Any]:
    kind = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
            "I": "upperRoman"}.get((el.get("type") or "1").strip(), "decimal")
    start = el.get("start")
    reversed_ = el.get("reversed") is not None
    try:
        first = int(start.strip()) if start else 1
    except ValueError:
        first = 1
    if reversed_ and not start:
        first = sum(1 for c in el if isinstance(c.tag, str) and c.tag.lower() == "li")
    return {"ordered": tag == "ol", "fmt": kind, "next": first, "reversed": reversed_}


def _collapse(text: str) -> str:
    lines = [_WS_RE.sub(" ", part).strip() for part in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)
