"""CommonMark writer: clause numbers typed as text, pipe tables, output that is byte-stable.

Every piece of document text is escaped so that a CommonMark parser gives back exactly that
text: no raw HTML (``<script>`` stays text), no accidental lists, headings, emphasis, links or
entities. Tables are GitHub-flavoured pipe tables with pipes escaped inside cells.
"""

from __future__ import annotations

import re
from typing import Any

from svdocs.core.model import Block, Document, Run
from svdocs.writers import marks
from svdocs.writers.base import BlockWriter, display_title, facts, subtitle, toc_entries, wants_toc
from svdocs.writers.items import ListGroup, Table, clean_text, runs_of, safe_href

# Characters that always mean something inline; "_" is handled on its own (only at word edges).
_INLINE = re.compile(r"([\\`*\[\]<|~])")
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_ENTITY_LIKE = re.compile(r"&(?=#|[A-Za-z][A-Za-z0-9]*;)")
# Constructs that only mean something at the start of a line.
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_THEMATIC_OR_SETEXT = re.compile(r"^(?:[-_=+]\s*)+$")
_ATX = re.compile(r"^#{1,6}(?:\s|$)")


def escape_inline(text: str) -> str:
    """Escape text for use inside a CommonMark paragraph, heading or table cell."""
    text = _INLINE.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    return _ENTITY_LIKE.sub(r"\\&", text)


def escape_line_start(line: str) -> str:
    """Escape a line whose start would otherwise open a block (heading, list, quote, break)."""
    if not line:
        return line
    m = _LIST_NUMBER.match(line)
    if m:
        return f"{m.group(1)}\\{m.group(2)}{line[m.end():]}"
    if _THEMATIC_OR_SETEXT.match(line) or _ATX.match(line) or line[0] == ">" or (
        line[0] in "-+" and (len(line) == 1 or line[1] in " \t")
    ):
        return "\\" + line
    return line


def _wrap(marker: str, text: str) -> str:
    """Put emphasis markers round text, keeping outer whitespace outside them."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{marker}{core}{marker}{trail}"


def _href(href: str) -> str:
    for ch, enc in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E")):
        href = href.replace(ch, enc)
    return href


def inline(runs: list[Run]) -> str:
    """Render runs as one line of inline Markdown; newlines inside become hard line breaks."""
    out = []
    for run in runs:
        piece = escape_inline(run.text)
        if run.bold and run.italic:
            piece = _wrap("***", piece)
        elif run.bold:
            piece = _wrap("**", piece)
        elif run.italic:
            piece = _wrap("*", piece)
        href = safe_href(run.href)
        if href and piece.strip():
            piece = f"[{piece}]({_href(href)})"
        out.append(piece)
    return "".join(out)


def _lines(label: str) -> str:
    """Turn one block's inline Markdown into paragraph lines joined by hard breaks."""
    parts = [p.strip() for p in re.split(r"[ \t]*\n\s*", label)]
    parts = [escape_line_start(p) for p in parts if p]
    return "\\\n".join(parts)


def _numbered(block: Block) -> str:
    text = inline(runs_of(block))
    if block.number:
        text = f"{escape_inline(clean_text(block.number))} {text}"
    return _lines(text)


class MarkdownWriter(BlockWriter):
    """Render a document as CommonMark (with GFM pipe tables)."""

    def begin(self) -> None:
        self.chunks: list[str] = []
        self.chunks.append(f"# {_heading_text(escape_inline(display_title(self.doc)))}")
        sub = subtitle(self.doc)
        if sub:
            self.chunks.append(_lines(f"**{escape_inline(sub)}**"))
        rows = facts(self.doc)
        if rows:
            self.chunks.append("\n".join(
                f"- **{escape_inline(label)}:** {_lines(escape_inline(value))}"
                for label, value in rows))
        if wants_toc(self.doc):
            entries = toc_entries(self.doc)
            if entries:
                lines = ["## Contents", ""]
                for b in entries:
                    indent = "  " * (b.level - 1)
                    lines.append(f"{indent}- {_numbered(b).replace(chr(92) + chr(10), ' ')}")
                self.chunks.append("\n".join(lines))
        if self.segments:
            self._front_marks()

    def _front_marks(self) -> None:
        """End the title block and contents (generated, no clause) with the inputs record."""
        self.chunks.append(f"<!-- svdocs:inputs {marks.inputs_json(self.doc) or '{}'} -->")

    def open_mark(self, segment: Any) -> None:
        if segment.kind == "clause":
            self.chunks.append(f"<!-- svdocs:clause id={segment.clause_id} "
                               f"version={segment.version or '?'} hash={segment.hash} -->")
        else:
            self.chunks.append(f"<!-- svdocs:{segment.kind} hash={segment.hash} -->")

    def close_mark(self, segment: Any) -> None:
        self.chunks.append(f"<!-- /svdocs:{segment.kind} -->")

    def end(self) -> bytes:
        return ("\n\n".join(self.chunks) + "\n").encode("utf-8")

    def render_heading(self, block: Block) -> None:
        level = min(block.level + 1, 6)
        text = _numbered(block).replace("\\\n", " ")
        self.chunks.append(f"{'#' * level} {_heading_text(text)}")

    def render_paragraph(self, block: Block) -> None:
        text = _numbered(block)
        if text:
            self.chunks.append(text)

    def render_list(self, group: ListGroup) -> None:
        if group.bullet:
            lines = []
            for b in group.items:
                body = _numbered(b).replace("\\\n", "\\\n" + "  " * (b.level + 1))
                lines.append(f"{'  ' * b.level}- {body}")
            self.chunks.append("\n".join(lines))
        else:
            # lettered sub-clauses: one paragraph each, the letter typed as text
            self.chunks.extend(t for t in (_numbered(b) for b in group.items) if t)

    def render_table(self, table: Table) -> None:
        if table.caption:
            self.chunks.append(f"**Table {table.ordinal}: {escape_inline(table.caption)}**")
        rows = [[_cell(c) for c in row] for row in table.rows]
        if not rows or not table.columns:
            return
        widths = [max(3, *(len(r[i]) for r in rows)) for i in range(table.columns)]

        def line(cells: list[str]) -> str:
            return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

        head = rows[0] if table.header_rows else [""] * table.columns
        body = rows[1:] if table.header_rows else rows
        out = [line(head), "| " + " | ".join("-" * w for w in widths) + " |"]
        out += [line(r) for r in body]
        self.chunks.append("\n".join(out))

    def render_note(self, block: Block) -> None:
        body = _numbered(block)
        lines = body.split("\n")
        lines[0] = f"**Drafting note:** {lines[0]}"
        self.chunks.append("\n".join(f"> {ln}" for ln in lines))


def _heading_text(text: str) -> str:
    """A heading line may not end in '#' characters (they would close the heading)."""
    return re.sub(r"(#+)$", lambda m: "\\" + m.group(1), text)


def _cell(block: Block) -> str:
    text = inline(runs_of(block))
    return " ".join(text.split())


def render_markdown(doc: Document, *, notes: bool = False) -> bytes:
    return MarkdownWriter(doc, notes=notes).write()
