"""Plain text, Markdown, HTML and PDF readers: blocks, numbers, headings, tables, positions."""

from __future__ import annotations

from pathlib import Path

import pytest
from readers_pdf_fixtures import pdf_bytes

from svdocs.core.model import BlockKind
from svdocs.readers import (
    SUPPORTED_EXTENSIONS,
    position,
    read_bytes,
    read_document,
    read_text,
)

SCHEDULE = """SOCIAL VALUE SCHEDULE

4 Local employment

4.1 The Supplier shall employ 20 local residents
within 12 months of the Commencement Date.
4.2 The Supplier shall report:
(a) the number of residents employed; and
(b) their postcodes.

Background text that wraps onto
20 lines of text here.

- a bullet
"""


def test_supported_extensions() -> None:
    assert set(SUPPORTED_EXTENSIONS) == {
        ".docx", ".md", ".markdown", ".txt", ".text", ".html", ".htm", ".pdf"}


def test_text_numbers_headings_and_positions() -> None:
    doc = read_text(SCHEDULE)
    got = [(b.kind, b.number, b.text.split("\n")[0]) for b in doc.blocks]
    assert got == [
        (BlockKind.HEADING, None, "SOCIAL VALUE SCHEDULE"),
        (BlockKind.HEADING, "4", "Local employment"),
        (BlockKind.PARAGRAPH, "4.1", "The Supplier shall employ 20 local residents"),
        (BlockKind.PARAGRAPH, "4.2", "The Supplier shall report:"),
        (BlockKind.LIST_ITEM, "(a)", "the number of residents employed; and"),
        (BlockKind.LIST_ITEM, "(b)", "their postcodes."),
        (BlockKind.PARAGRAPH, None, "Background text that wraps onto"),
        (BlockKind.LIST_ITEM, None, "a bullet"),
    ]
    clause = doc.blocks[2]
    assert doc.title == "SOCIAL VALUE SCHEDULE"
    assert clause.heading_path == ("4 Local employment",)
    assert (clause.source.line, clause.source.column, clause.source.end_line) == (5, 5, 6)
    assert SCHEDULE[clause.source.offset:].startswith("The Supplier shall employ")
    assert position(clause, clause.text.index("within")) == (6, 1)
    assert position(clause, clause.text.index("20")) == (5, 5 + clause.text.index("20"))
    # a quantity at the start of a wrapped line is not a clause number
    assert doc.blocks[6].text.endswith("20 lines of text here.")


def test_text_roman_after_letters() -> None:
    doc = read_text("(h) eighth item;\n(i) ninth item;\n\n(i) first roman;\n(ii) second roman.")
    assert [b.level for b in doc.blocks] == [3, 3, 4, 4]


def test_markdown_blocks_positions_and_comments() -> None:
    md = (
        "---\ntitle: Draft ITT\n---\n"
        "# 3 Social value\n\n"
        "3.1 The Supplier shall **employ** 20 people.\n"
        "More text <!-- svdocs-disable vague-commitment -->\n\n"
        "1. first\n2. second\n   - nested bullet\n\n"
        "| KPI | Evidence |\n|-----|----------|\n| Jobs | Payroll |\n\n"
        "```\ncode is not prose\n```\n"
    )
    doc = read_text(md, fmt="markdown")
    assert doc.title == "Draft ITT"
    head, para, first, second, nested, *cells = doc.blocks
    assert (head.kind, head.number, head.text, head.source.line) == (
        BlockKind.HEADING, "3", "Social value", 4)
    assert para.number == "3.1" and para.text == "The Supplier shall employ 20 people.\nMore text"
    assert md[para.source.offset:].startswith("The Supplier shall **employ**")
    assert [r.text for r in para.runs if r.bold] == ["employ"]
    assert (first.number, second.number) == ("1", "2") and first.kind is BlockKind.LIST_ITEM
    assert nested.meta["bullet"] and nested.level == 1
    assert [(c.text, c.table.row, c.table.col, c.table.header) for c in cells] == [
        ("KPI", 0, 0, True), ("Evidence", 0, 1, True), ("Jobs", 1, 0, False),
        ("Payroll", 1, 1, False)]
    assert cells[3].source.line == 15 and md.split("\n")[14][cells[3].source.column - 1:] == (
        "Payroll |")
    assert doc.properties["html_comments"] == [
        {"line": 7, "text": "svdocs-disable vague-commitment"}]
    assert "code is not prose" not in doc.text


def test_html_blocks_lists_tables_and_lines() -> None:
    html = (
        "<html><head><title>ITT</title></head><body><h1>Schedule</h1>\n"
        "<p>Intro <b>bold</b>\ntext.</p>\n"
        '<ol type="a" start="2"><li>item b</li><li>item c<ul><li>nested</li></ul></li></ol>\n'
        "<table><thead><tr><th>KPI</th><th>Evidence</th></tr></thead>\n"
        "<tr><td rowspan=2>Jobs</td><td>Payroll<br>monthly</td></tr>"
        "<tr><td>Second</td></tr></table>\n"
        "<!-- svdocs-disable-next-line -->\n<p>Last.</p></body></html>"
    )
    doc = read_text(html, fmt="html")
    assert doc.title == "ITT"
    texts = [(b.kind, b.number, b.text) for b in doc.blocks]
    assert texts[:5] == [
        (BlockKind.HEADING, None, "Schedule"),
        (BlockKind.PARAGRAPH, None, "Intro bold text."),
        (BlockKind.LIST_ITEM, "b", "item b"),
        (BlockKind.LIST_ITEM, "c", "item c"),
        (BlockKind.LIST_ITEM, None, "nested"),
    ]
    cells = {b.text: b for b in doc.blocks if b.kind is BlockKind.TABLE_CELL}
    assert cells["KPI"].table.header and cells["Jobs"].meta["row_span"] == 2
    assert (cells["Second"].table.row, cells["Second"].table.col) == (2, 1)
    assert cells["Payroll\nmonthly"].source.line == 6
    assert doc.blocks[1].heading_path == ("Schedule",)
    assert doc.properties["html_comments"] == [{"line": 7, "text": "svdocs-disable-next-line"}]


def test_html_nested_table() -> None:
    html = "<table><tr><td>outer<table><tr><td>inner</td></tr></table></td></tr></table>"
    doc = read_text(html, fmt="html")
    outer, inner = doc.blocks
    assert inner.table.nested_in == outer.table.table and outer.text == "outer"


def test_pdf_text_by_page(tmp_path: Path) -> None:
    data = pdf_bytes([
        ["4 Social value", "4.1 The Supplier shall employ 20 local people", "within 12 months."],
        ["(a) evidence by payroll extract;"],
    ])
    path = tmp_path / "itt.pdf"
    path.write_bytes(data)
    doc = read_document(path)
    assert [(b.number, b.source.page) for b in doc.blocks] == [("4", 1), ("4.1", 1), ("(a)", 2)]
    assert doc.blocks[1].text == "The Supplier shall employ 20 local people\nwithin 12 months."
    assert doc.blocks[2].heading_path == ("4 Social value",)


@pytest.mark.parametrize("ext", [".txt", ".md", ".html"])
def test_read_bytes_text_formats(ext: str) -> None:
    doc = read_bytes(b"The Supplier shall report quarterly.", ext)
    assert doc.blocks[0].text == "The Supplier shall report quarterly."


def test_read_text_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match=r"unknown text format .rtf."):
        read_text("x", fmt="rtf")


def test_html_typed_clause_numbers_become_block_numbers_like_markdown() -> None:
    html = ("<h2>4 Reporting</h2><p>4.2 The Supplier shall report.</p>"
            "<p>(b) report monthly;</p><p>20 people were hired.</p>")
    md = "## 4 Reporting\n\n4.2 The Supplier shall report.\n\n(b) report monthly;\n\n" \
         "20 people were hired.\n"
    for doc in (read_text(html, fmt="html"), read_text(md, fmt="markdown")):
        got = [(b.kind.value, b.number, b.text) for b in doc.blocks]
        assert got == [
            ("heading", "4", "Reporting"),
            ("paragraph", "4.2", "The Supplier shall report."),
            ("list_item", "(b)", "report monthly;"),
            ("paragraph", None, "20 people were hired."),
        ]


def test_reader_modules_load_only_when_their_format_is_read(tmp_path) -> None:
    """Linting DOCX never pays for markdown-it (and the reverse); the parse_* names still
    resolve from ``svdocs.readers``."""
    import subprocess
    import sys

    note = tmp_path / "note.txt"
    note.write_text("The Supplier shall recruit 5 apprentices.\n", encoding="utf-8")
    code = (
        "import sys; from svdocs.readers import read_document, parse_markdown;"
        f"read_document({str(note)!r});"
        "print('svdocs.readers.text' in sys.modules, 'svdocs.readers.docx_reader' in sys.modules,"
        " callable(parse_markdown))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "True"]


def test_a_markdown_bullet_that_types_its_own_letter_keeps_it_as_its_number() -> None:
    md = "8.1 The Contractor shall:\n\n- (a) recruit 10 tenants;\n- (b) pay the Real Living Wage.\n"
    got = [(b.kind.value, b.number, b.text) for b in read_text(md, fmt="markdown").blocks]
    assert got == [
        ("paragraph", "8.1", "The Contractor shall:"),
        ("list_item", "(a)", "recruit 10 tenants;"),
        ("list_item", "(b)", "pay the Real Living Wage."),
    ]
