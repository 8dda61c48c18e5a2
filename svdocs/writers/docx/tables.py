"""Tables: a repeating, shaded header row, thin borders and column widths fitted to content."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docx.document import Document as WordDocument
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph

from svdocs.core.model import Block
from svdocs.writers.docx import xml
from svdocs.writers.docx.styles import HEADER_FILL, TEXT_WIDTH
from svdocs.writers.items import Table

FillParagraph = Callable[[Paragraph, Block], None]
MIN_COLUMN = 1000  # twips (about 1.8 cm): no column narrower than this
CHAR_WIDTH = 115  # twips: a typical character of 10 pt Arial, a little generous
CELL_PADDING = 260  # twips: left and right cell margins plus a little air
LANDSCAPE_COLUMNS = 6  # tables with this many columns go on a landscape page


def _text_width(chars: int) -> int:
    """Twips a run of ``chars`` characters needs in 10 pt table text, with cell margins."""
    return chars * CHAR_WIDTH + CELL_PADDING


def _longest_word(cells: Sequence[str]) -> int:
    return max((len(w) for c in cells for w in c.split()), default=0)


def needs_landscape(texts: Sequence[Sequence[str]], portrait: int = TEXT_WIDTH) -> bool:
    """Whether a table is too wide for a portrait page: many columns, or long unbreakable words."""
    columns = max((len(r) for r in texts), default=0)
    if columns >= LANDSCAPE_COLUMNS:
        return True
    floor = sum(_text_width(_longest_word([r[i] for r in texts if i < len(r)]))
                for i in range(columns))
    return floor > portrait


def column_widths(texts: Sequence[Sequence[str]], total: int = TEXT_WIDTH) -> list[int]:
    """Widths in twips that share ``total`` by how much text each column holds.

    Every column first gets room for its longest word (so words are not broken mid-way) and
    at least :data:`MIN_COLUMN`; what is left goes to the columns whose text would otherwise
    wrap most, in proportion to their longest cell.
    """
    columns = max((len(r) for r in texts), default=0)
    if not columns:
        return []
    cols = [[r[i] for r in texts if i < len(r)] for i in range(columns)]
    floor = [max(min(MIN_COLUMN, total // columns), _text_width(_longest_word(c))) for c in cols]
    want = [max(f, _text_width(max((len(x) for x in c), default=0))) for f, c in zip(
        floor, cols, strict=True)]
    if sum(floor) >= total:  # even single words do not fit: shrink evenly
        share = [total * f / sum(floor) for f in floor]
    elif sum(want) <= total:  # everything fits on one line: spread the spare room
        share = [total * w / sum(want) for w in want]
    else:
        spare = total - sum(floor)
        extra = [w - f for w, f in zip(want, floor, strict=True)]
        share = [f + spare * e / sum(extra) for f, e in zip(floor, extra, strict=True)]
    widths = [int(w) for w in share]
    widths[-1] += total - sum(widths)
    return widths


def _set_width(tbl_pr: xml.Element, total: int) -> None:
    xml.put(tbl_pr, xml.el("w:tblW", {"w:w": str(total), "w:type": "dxa"}))
    xml.put(tbl_pr, xml.el("w:tblLayout", {"w:type": "fixed"}))


def style_table(table: WordTable, widths: list[int], header_rows: int, *,
                borders: str = "808080") -> None:
    """Borders, widths, a repeating header row that never splits, and header shading."""
    tbl = table._tbl
    tbl_pr = tbl.tblPr
    for old in tbl_pr.findall(xml.qn("w:tblStyle")):
        tbl_pr.remove(old)
    _set_width(tbl_pr, sum(widths))
    xml.put(tbl_pr, xml.border_set(
        "w:tblBorders", ("top", "left", "bottom", "right", "insideH", "insideV"),
        size=4, color=borders))
    xml.put(tbl_pr, xml.el("w:tblCellMar", None,
                           xml.el("w:top", {"w:w": "40", "w:type": "dxa"}),
                           xml.el("w:left", {"w:w": "100", "w:type": "dxa"}),
                           xml.el("w:bottom", {"w:w": "40", "w:type": "dxa"}),
                           xml.el("w:right", {"w:w": "100", "w:type": "dxa"})))
    xml.put(tbl_pr, xml.el("w:tblLook", {"w:val": "04A0", "w:firstRow": "1" if header_rows
                                         else "0", "w:lastRow": "0", "w:firstColumn": "0",
                                         "w:lastColumn": "0", "w:noHBand": "1",
                                         "w:noVBand": "1"}))
    grid = tbl.tblGrid
    for col, width in zip(grid.findall(xml.qn("w:gridCol")), widths, strict=True):
        col.set(xml.qn("w:w"), str(width))
    for r, row in enumerate(table.rows):
        tr_pr = xml.props(row._tr, "w:trPr")
        xml.put(tr_pr, xml.el("w:cantSplit"))
        if r < header_rows:
            xml.put(tr_pr, xml.el("w:tblHeader"))
        for cell, width in zip(row.cells, widths, strict=True):
            tc_pr = cell._tc.get_or_add_tcPr()
            xml.put(tc_pr, xml.el("w:tcW", {"w:w": str(width), "w:type": "dxa"}))
            if r < header_rows:
                xml.put(tc_pr, xml.shading(HEADER_FILL))
                xml.put(tc_pr, xml.el("w:vAlign", {"w:val": "bottom"}))


def add_table(document: WordDocument, table: Table, fill: FillParagraph,
              total: int = TEXT_WIDTH) -> WordTable:
    """Append ``table`` to the document body, ``total`` twips wide; ``fill`` writes the runs."""
    rows, cols = len(table.rows), table.columns
    word_table = document.add_table(rows=rows, cols=cols)
    widths = column_widths(table.texts(), total)
    # read each row's cells once: python-docx's Table.cell(r, c) rebuilds the whole cell
    # list on every call, which made large KPI tables quadratic
    for r, (row, word_row) in enumerate(zip(table.rows, word_table.rows, strict=True)):
        for block, cell in zip(row, word_row.cells, strict=True):
            paragraph = cell.paragraphs[0]
            xml.set_style(paragraph._p, "TableHeading" if r < table.header_rows
                          else "TableText")
            fill(paragraph, block)
    style_table(word_table, widths, table.header_rows)
    return word_table


def add_fact_table(document: WordDocument, facts: list[tuple[str, str]]) -> WordTable:
    """The title-page table of labelled facts (authority, reference, value ...)."""
    word_table = document.add_table(rows=len(facts), cols=2)
    for (label, value), word_row in zip(facts, word_table.rows, strict=True):
        left, right = (cell.paragraphs[0] for cell in word_row.cells)
        xml.set_style(left._p, "FactLabel")
        xml.set_style(right._p, "TableText")
        left.add_run(label)
        right.add_run(value)
    widths = [2600, TEXT_WIDTH - 2600]
    style_table(word_table, widths, 0, borders="BFBFBF")
    for row in word_table.rows:
        xml.put(row.cells[0]._tc.get_or_add_tcPr(), xml.shading("F2F2F2"))
    return word_table
