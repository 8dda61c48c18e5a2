"""Markdown through markdown-it-py (CommonMark plus tables), with the line and column of
every block.

Headings, paragraphs, list items (ordered items keep their number, bullets are marked), table
cells and block quotes become blocks. A paragraph or heading that starts with a clause number
("3.1 The Supplier shall", "(b) ...", "## 4 Reporting") has the number moved to
``Block.number``, as the assembler's Markdown writer prints it. Code blocks and raw HTML are
not prose and are skipped; HTML comments are kept in ``Document.properties["html_comments"]``
for inline suppressions. YAML front matter between ``---`` lines is skipped (its ``title``, if
any, becomes the document title).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from svdocs.core.limits import Limits
from svdocs.core.markdown_blocks import inline_children
from svdocs.core.model import BlockKind, Document, Run, SourceRef, TableRef
from svdocs.core.yaml import load_yaml
from svdocs.readers.common import (
    DocumentBuilder,
    decode_text,
    read_input_bytes,
    start_markup_document,
)
from svdocs.readers.text import split_typed_number

_COMMENT_RE = re.compile(r"<!--(.*?)-->", re.S)
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_LINE_CONTENT_RE = re.compile(r"^[ \t>]*")


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.options["maxNesting"] = 64
    return md


def read_markdown_file(path: Path, limits: Limits) -> Document:
    data = read_input_bytes(path, limits)
    text, warnings = decode_text(data, str(path))
    doc = parse_markdown(text, path=str(path), limits=limits)
    doc.warnings[:0] = warnings
    return doc


def parse_markdown(text: str, *, path: str | None = None, limits: Limits | None = None) -> Document:
    limits = limits or Limits.default()
    builder, comments = start_markup_document(text, "markdown", path, limits)
    doc = builder.doc
    if not text.strip():
        return doc
    text = _strip_front_matter(text, doc)
    lines = text.split("\n")
    line_offsets = [0]
    for ln in lines:
        line_offsets.append(line_offsets[-1] + len(ln) + 1)
    tokens = _parser().parse(text)
    _Walker(builder, lines, line_offsets, comments).walk(tokens)
    return doc


def _strip_front_matter(text: str, doc: Document) -> str:
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return text
    try:
        data = load_yaml(match.group(1) or "")
    except yaml.YAMLError:
        data = None
    if isinstance(data, dict):
        doc.properties["front_matter"] = {k: v for k, v in data.items() if isinstance(k, str)}
        if isinstance(data.get("title"), str):
            doc.title = data["title"]
    # keep lines and offsets: blank the front matter out with spaces instead of cutting it
    blanked = re.sub(r"[^\n]", " ", match.group(0))
    return blanked + text[match.end():]


class _Walker:
    def __init__(self, builder: DocumentBuilder, lines: list[str], offsets: list[int],
                 comments: list[dict[str, Any]]) -> None:
        self.b = builder
        self.lines = lines
        self.offsets = offsets
        self.comments = comments
        self.lists: list[dict[str, Any]] = []  # stack of {"ordered": bool}
        self.item_number: str | None = None  # number of the list item whose first para is next
        self.item_first = False
        self.table = -1
        self.row = -1
        self.col = -1
        self.in_head = False

    def walk(self, tokens: list[Token]) -> None:
        heading_level = 0
        for i, tok in enumerate(tokens):
            t = tok.type
            if t in ("bullet_list_open", "ordered_list_open"):
                self.lists.append({"ordered": t == "ordered_list_open"})
            elif t in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif t == "list_item_open":
                self.item_number = tok.info or None
                self.item_first = True
            elif t == "heading_open":
                heading_level = int(tok.tag[1:])
            elif t == "heading_close":
                heading_level = 0
            elif t == "table_open":
                self.table += 1
                self.row = -1
            elif t == "thead_open":
                self.in_head = True
            elif t == "thead_close":
                self.in_head = False
            elif t == "tr_open":
                self.row += 1
                self.col = -1
            elif t in ("th_open", "td_open"):
                self.col += 1
            elif t == "html_block":
                self._comments(tok.content, tok.map[0] + 1 if tok.map else 1)
            elif t == "inline":
                parent = tokens[i - 1].type if i else ""
                self._inline(tok, parent, heading_level)

    def _comments(self, content: str, line: int) -> None:
        for m in _COMMENT_RE.finditer(content):
            self.comments.append({"line": line + content.count("\n", 0, m.start()),
                                  "text": m.group(1).strip()})

    def _inline(self, tok: Token, parent: str, heading_level: int) -> None:
        start_line = tok.map[0] if tok.map else 0
        end_line = tok.map[1] if tok.map else start_line + 1
        text, runs = self._render(tok, start_line + 1)
        stripped = text.strip()
        if not stripped:
            return
        lead = len(text) - len(text.lstrip())
        text = stripped
        runs = _trim_runs(runs, lead, len(stripped))
        raw = self.lines[start_line] if start_line < len(self.lines) else ""
        col = len(_LINE_CONTENT_RE.match(raw).group(0)) + 1  # type: ignore[union-attr]
        source = SourceRef(line=start_line + 1, column=col, end_line=end_line,
                           offset=self.offsets[start_line] + col - 1)
        line_cols = [[start_line + 1, col]] + [
            [n + 1, len(_LINE_CONTENT_RE.match(self.lines[n]).group(0)) + 1]  # type: ignore[union-attr]
            for n in range(start_line + 1, min(end_line, len(self.lines)))
        ]
        meta: dict[str, Any] = {"lines": line_cols}
        if parent in ("th_open", "td_open"):
            found = raw.find(text.split("\n")[0])
            if found >= 0:
                source.column, source.offset = found + 1, self.offsets[start_line] + found
                line_cols[0][1] = found + 1
            self.b.add(BlockKind.TABLE_CELL, text, source=source, runs=runs, meta=meta,
                       table=TableRef(self.table, self.row, self.col, header=self.in_head))
            return
        number: str | None = None
        if heading_level or parent == "paragraph_open":
            number, cut = split_typed_number(text, heading=bool(heading_level))
            if number is not None:
                text = text[cut:]
                runs = _trim_runs(runs, cut, len(text))
                source.column = (source.column or 1) + cut
                source.offset = (source.offset or 0) + cut
                line_cols[0][1] = source.column
        found = raw.find(text.split("\n", 1)[0][:40])
        if found >= 0 and found + 1 != source.column:  # exact column when the text is verbatim
            source.offset = (source.offset or 0) + found + 1 - (source.column or 1)
            source.column = line_cols[0][1] = found + 1
        if heading_level:
            self.b.add(BlockKind.HEADING, text, level=heading_level, number=number,
                       source=source, runs=runs, meta=meta)
            return
        if self.lists and self.item_first:
            self.item_first = False
            depth = len(self.lists) - 1
            if self.lists[-1]["ordered"]:
                self.b.add(BlockKind.LIST_ITEM, text, level=depth, number=self.item_number,
                           source=source, runs=runs, meta=meta)
            else:
                # "- (a) recruit ...": a bullet whose item types its own letter keeps it
                meta["bullet"] = True
                self.b.add(BlockKind.LIST_ITEM, text, level=depth, number=number,
                           source=source, runs=runs, meta=meta)
            return
        if number is not None:
            first = number[0].isdigit()
            kind = BlockKind.PARAGRAPH if first else BlockKind.LIST_ITEM
            level = number.count(".") if first else 3
            self.b.add(kind, text, level=level, number=number, source=source, runs=runs,
                       meta=meta)
            return
        self.b.add(BlockKind.PARAGRAPH, text, level=len(self.lists), source=source, runs=runs,
                   meta=meta)

    def _render(self, tok: Token, line: int) -> tuple[str, list[Run]]:
        runs: list[Run] = []
        for child, bold, italic, href in inline_children(tok):
            ct = child.type
            piece = ""
            if ct in ("text", "code_inline", "image"):
                piece = child.content
            elif ct in ("softbreak", "hardbreak"):
                piece = "\n"
                line += 1
            elif ct == "html_inline":
                self._comments(child.content, line)
            if piece:
                runs.append(Run(piece, bold=bold, italic=italic, href=href))
        return "".join(r.text for r in runs), runs


def _trim_runs(runs: list[Run], start: int, length: int) -> list[Run]:
    """The runs that cover ``text[start:start + length]`` of their joined text."""
    out: list[Run] = []
    pos = 0
    end = start + length
    for run in runs:
        r_start, r_end = pos, pos + len(run.text)
        pos = r_end
        lo, hi = max(r_start, start), min(r_end, end)
        if lo < hi:
            out.append(Run(run.text[lo - r_start:hi - r_start], run.bold, run.italic, run.href))
    return out
