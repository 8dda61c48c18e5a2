"""Markdown (rendered clause bodies and document templates) to numbered Document blocks.

The numbering follows the shared block conventions: a clause title is a level-1 heading
numbered "3"; each body paragraph is a level-1 clause paragraph "3.1"; a ``###`` sub-heading
is a level-2 heading "3.2" and paragraphs under it are level-2 paragraphs "3.2.1"; list items
are lettered sub-clauses "(a)" at level 3; pipe tables become table cells; ``>`` quotes are
drafting notes. Markdown outside clauses (template text) gives unnumbered blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from svdocs.core.model import Block, BlockKind, Run, TableRef

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")
_CAPTION = re.compile(r"^Table:\s*(.+)$", re.IGNORECASE)
_TYPED_NUMBER = re.compile(r"^\s*(\d+(\.\d+)+\.?|\(\s*[a-z]{1,3}\s*\)|\d+\))\s")


def letter(index: int) -> str:
    """0 -> "a", 25 -> "z", 26 -> "aa", 27 -> "bb" (the drafting convention for long lists)."""
    return chr(ord("a") + index % 26) * (index // 26 + 1)


@dataclass
class Counters:
    """Numbering state shared by the whole document: clause numbers and table indexes."""

    clause: int = 0
    table: int = 0


@dataclass
class _Cursor:
    """Numbering state inside one clause."""

    number: int | None  # the clause number, None outside clauses
    sub: int = 0  # last level-1 item (paragraph or sub-heading) number
    in_section: bool = False  # under a ### sub-heading
    para: int = 0  # last level-2 paragraph under the current sub-heading
    letters: int = 0  # items in the current lettered list
    headings: list[str] = field(default_factory=list)


def inline_children(token: Token) -> Iterator[tuple[Token, bool, bool, str | None]]:
    """The one walk over a markdown-it inline token, shared by the Markdown reader and the
    assembler: each child that carries content (text, code, a break, an image, inline HTML)
    with the bold, italic and link in force where it stands. The formatting tokens are
    consumed here. The link is ``None`` outside a link and its ``href`` inside one (``""``
    for an empty one)."""
    bold = italic = 0
    href: str | None = None
    for child in token.children or []:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = str(child.attrs.get("href", "") or "")
        elif kind == "link_close":
            href = None
        else:
            yield child, bold > 0, italic > 0, href


def inline_runs(token: Token) -> list[Run]:
    """Runs of an inline token: bold, italic and links kept, everything else plain text."""
    runs: list[Run] = []
    for child, bold, italic, link in inline_children(token):
        text = " " if child.type in ("softbreak", "hardbreak") else child.content
        if not text:
            continue
        href = link or None
        last = runs[-1] if runs else None
        if last and (last.bold, last.italic, last.href) == (bold, italic, href):
            last.text += text
        else:
            runs.append(Run(text, bold=bold, italic=italic, href=href))
    # collapse doubled spaces that soft breaks leave and trim the ends
    for run in runs:
        run.text = re.sub(r"[ \t]{2,}", " ", run.text)
    if runs:
        runs[0].text = runs[0].text.lstrip()
        runs[-1].text = runs[-1].text.rstrip()
    return [r for r in runs if r.text]


def _text(runs: list[Run]) -> str:
    return "".join(r.text for r in runs)


class BlockBuilder:
    """Turn Markdown into blocks, numbering clause content as it goes."""

    def __init__(self, counters: Counters | None = None, *, notes: bool = False,
                 heading_path: tuple[str, ...] = ()) -> None:
        self.counters = counters or Counters()
        self.notes = notes
        self.base_path = heading_path

    # ------------------------------------------------------------------ entry points

    def clause(self, title: str, markdown: str, meta: dict[str, Any]) -> list[Block]:
        """A numbered clause: its title heading and its body."""
        self.counters.clause += 1
        n = self.counters.clause
        heading = Block(BlockKind.HEADING, title, level=1, number=str(n),
                        heading_path=self.base_path, runs=[Run(title)], meta=dict(meta))
        cursor = _Cursor(number=n, headings=[*self.base_path, title])
        return [heading, *self._blocks(markdown, cursor, meta)]

    def free(self, markdown: str, meta: dict[str, Any] | None = None) -> list[Block]:
        """Unnumbered blocks (template text: introductions, annex headings, bullets)."""
        cursor = _Cursor(number=None, headings=list(self.base_path))
        return list(self._blocks(markdown, cursor, dict(meta or {})))

    # ------------------------------------------------------------------ the walk

    def _blocks(self, markdown: str, cur: _Cursor, meta: dict[str, Any]) -> Iterator[Block]:
        tokens = _PARSER.parse(markdown)
        i = 0
        quote = 0
        list_depth = 0
        caption: str | None = None
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "blockquote_open":
                quote += 1
            elif kind == "blockquote_close":
                quote -= 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                if list_depth == 0:
                    cur.letters = 0
                list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                list_depth -= 1
            elif kind == "heading_open":
                runs = inline_runs(tokens[i + 1])
                yield from self._flush_caption(caption, cur, meta)
                caption = None
                yield self._heading(int(tok.tag[1:]), runs, cur, meta)
                i += 3
                continue
            elif kind == "list_item_open":
                texts, i = self._list_item(tokens, i)
                if quote:
                    if self.notes:
                        yield self._note(texts, cur, meta)
                    continue
                yield self._item(texts, cur, meta)
                continue
            elif kind == "paragraph_open":
                runs = inline_runs(tokens[i + 1])
                i += 3
                if quote:
                    if self.notes:
                        yield self._note(runs, cur, meta)
                    continue
                match = _CAPTION.match(_text(runs))
                if match and _next_is_table(tokens, i):
                    caption = match.group(1).strip()
                    continue
                yield from self._flush_caption(caption, cur, meta)
                caption = None
                yield self._paragraph(runs, cur, meta)
                continue
            elif kind in ("code_block", "fence"):
                runs = [Run(line) for line in [tok.content.strip()] if line]
                if runs:
                    yield self._paragraph(runs, cur, meta)
            elif kind == "table_open":
                cells, i = self._table(tokens, i, cur, meta, caption)
                caption = None
                yield from cells
                continue
            i += 1
        yield from self._flush_caption(caption, cur, meta)

    def _flush_caption(self, caption: str | None, cur: _Cursor,
                       meta: dict[str, Any]) -> Iterator[Block]:
        if caption:  # a "Table:" line not followed by a table is ordinary text
            yield self._paragraph([Run(f"Table: {caption}")], cur, meta)

    def _heading(self, md_level: int, runs: list[Run], cur: _Cursor,
                 meta: dict[str, Any]) -> Block:
        text = _text(runs)
        if cur.number is None:
            level = max(1, md_level - 1) if md_level > 1 else 1
            block = Block(BlockKind.HEADING, text, level=level, number=None,
                          heading_path=tuple(self.base_path), runs=runs, meta=dict(meta))
            cur.headings = [*self.base_path, text]
            cur.letters = 0
            return block
        cur.sub += 1
        cur.in_section = True
        cur.para = 0
        cur.letters = 0
        path = tuple(cur.headings[: len(self.base_path) + 1])
        block = Block(BlockKind.HEADING, text, level=2, number=f"{cur.number}.{cur.sub}",
                      heading_path=path, runs=runs, meta=dict(meta))
        cur.headings = [*path, text]
        return block

    def _paragraph(self, runs: list[Run], cur: _Cursor, meta: dict[str, Any]) -> Block:
        cur.letters = 0
        path = tuple(cur.headings)
        if cur.number is None:
            return Block(BlockKind.PARAGRAPH, _text(runs), level=0, number=None,
                         heading_path=path, runs=runs, meta=dict(meta))
        if cur.in_section:
            cur.para += 1
            number = f"{cur.number}.{cur.sub}.{cur.para}"
            level = 2
        else:
            cur.sub += 1
            number = f"{cur.number}.{cur.sub}"
            level = 1
        return Block(BlockKind.PARAGRAPH, _text(runs), level=level, number=number,
                     heading_path=path, runs=runs, meta=dict(meta))

    def _item(self, runs: list[Run], cur: _Cursor, meta: dict[str, Any]) -> Block:
        path = tuple(cur.headings)
        if cur.number is None:
            return Block(BlockKind.LIST_ITEM, _text(runs), level=0, number=None,
                         heading_path=path, runs=runs, meta={**meta, "bullet": True})
        number = f"({letter(cur.letters)})"
        cur.letters += 1
        return Block(BlockKind.LIST_ITEM, _text(runs), level=3, number=number,
                     heading_path=path, runs=runs, meta=dict(meta))

    def _note(self, runs: list[Run], cur: _Cursor, meta: dict[str, Any]) -> Block:
        return Block(BlockKind.PARAGRAPH, _text(runs), level=0, number=None,
                     heading_path=tuple(cur.headings), runs=runs,
                     meta={**meta, "note": True})

    @staticmethod
    def _list_item(tokens: list[Token], i: int) -> tuple[list[Run], int]:
        """The runs of one list item (its own paragraphs joined); nested items are separate."""
        runs: list[Run] = []
        j = i + 1
        while j < len(tokens):
            tok = tokens[j]
            if tok.type in ("list_item_open", "bullet_list_open", "ordered_list_open"):
                break  # a nested list: its items come back to the walk as items of their own
            if tok.type == "list_item_close":
                j += 1
                break
            if tok.type == "inline":
                if runs:
                    runs.append(Run(" "))
                runs.extend(inline_runs(tok))
            j += 1
        return _merge(runs), j

    def _table(self, tokens: list[Token], i: int, cur: _Cursor, meta: dict[str, Any],
               caption: str | None) -> tuple[list[Block], int]:
        index = self.counters.table
        self.counters.table += 1
        cells: list[Block] = []
        row = -1
        col = 0
        header = False
        j = i + 1
        while j < len(tokens) and tokens[j].type != "table_close":
            tok = tokens[j]
            if tok.type == "tr_open":
                row += 1
                col = 0
            elif tok.type == "thead_open":
                header = True
            elif tok.type == "thead_close":
                header = False
            elif tok.type == "inline":
                runs = inline_runs(tok)
                cell_meta = dict(meta)
                if not cells and caption:
                    cell_meta["caption"] = caption
                cells.append(Block(
                    BlockKind.TABLE_CELL, _text(runs), level=0, number=None,
                    heading_path=tuple(cur.headings),
                    table=TableRef(table=index, row=row, col=col, header=header and row == 0),
                    runs=runs, meta=cell_meta))
                col += 1
            j += 1
        cur.letters = 0
        return cells, j + 1


def _merge(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].bold, out[-1].italic, out[-1].href) == (run.bold, run.italic,
                                                                    run.href):
            out[-1].text += run.text
        else:
            out.append(Run(run.text, run.bold, run.italic, run.href))
    return out


def _next_is_table(tokens: list[Token], i: int) -> bool:
    return i < len(tokens) and tokens[i].type == "table_open"


def structure_problems(markdown: str) -> list[str]:
    """What in a clause body the assembler cannot number as written."""
    problems: list[str] = []
    depth = 0
    for tok in _PARSER.parse(markdown):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            if depth == 2:
                line = tok.map[0] + 1 if tok.map else "?"
                problems.append(f"line {line}: nested list; sub-clauses go one level deep "
                                "(a), (b)")
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "heading_open" and tok.tag in ("h1", "h2"):
            line = tok.map[0] + 1 if tok.map else "?"
            problems.append(f"line {line}: '{'#' * int(tok.tag[1])}' heading; a sub-heading "
                            "inside a clause is written '### Sub-heading' (the title is the "
                            "clause's level-1 heading)")
        elif tok.type == "inline" and tok.map and _TYPED_NUMBER.match(tok.content):
            problems.append(f"line {tok.map[0] + 1}: starts with a typed number "
                            f"'{tok.content.split()[0]}'; the assembler numbers clauses")
        elif tok.type == "html_block":
            line = tok.map[0] + 1 if tok.map else "?"
            problems.append(f"line {line}: raw HTML is not kept in clause text")
    return problems
