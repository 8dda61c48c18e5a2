"""The DOCX writer, checked by reading the file back with python-docx and lxml."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from lxml import etree
from writers_sample import AWKWARD, sample_document

from svdocs.core.model import Block, BlockKind, Document, Run, TableRef
from svdocs.writers import render
from svdocs.writers.docx.numbering import word_labels
from svdocs.writers.docx.styles import LANDSCAPE_TEXT_WIDTH, TEXT_WIDTH
from svdocs.writers.docx.tables import column_widths, needs_landscape
from svdocs.writers.docx.xml import ORDER, read_custom_properties

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def sample() -> Document:
    return sample_document()


@pytest.fixture(scope="module")
def data(sample: Document) -> bytes:
    return render(sample, "docx")


@pytest.fixture(scope="module")
def word(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _body_paragraphs(word: docx.document.Document) -> list:
    """Body paragraphs after the title block and contents (those made from blocks)."""
    paras = word.paragraphs
    start = next(i for i, p in enumerate(paras) if p.paragraph_format.page_break_before)
    return paras[start:]


def _num_pr(paragraph) -> tuple[int, int] | None:
    num_pr = paragraph._p.find(f"{W}pPr/{W}numPr")
    if num_pr is None:
        return None
    return (int(num_pr.find(f"{W}numId").get(f"{W}val")),
            int(num_pr.find(f"{W}ilvl").get(f"{W}val")))


def _outline_abstract(word: docx.document.Document) -> etree._Element:
    root = word.part.numbering_part.element
    return next(a for a in root.findall(f"{W}abstractNum")
                if a.find(f"{W}name") is not None
                and a.find(f"{W}name").get(f"{W}val") == "svdocs clause outline")


def _abstract_of(word: docx.document.Document, num_id: int) -> str:
    root = word.part.numbering_part.element
    num = next(n for n in root.findall(f"{W}num") if n.get(f"{W}numId") == str(num_id))
    return num.find(f"{W}abstractNumId").get(f"{W}val")


def test_outline_definition_has_four_levels_1_11_111_a(word) -> None:
    abstract = _outline_abstract(word)
    levels = abstract.findall(f"{W}lvl")
    got = [(lv.find(f"{W}numFmt").get(f"{W}val"), lv.find(f"{W}lvlText").get(f"{W}val"))
           for lv in levels]
    assert got == [("decimal", "%1"), ("decimal", "%1.%2"), ("decimal", "%1.%2.%3"),
                   ("lowerLetter", "(%4)")]
    assert all(lv.find(f"{W}start").get(f"{W}val") == "1" for lv in levels)


def test_numbered_blocks_carry_numpr_at_the_right_level_and_no_typed_numbers(
        word, sample) -> None:
    body = [p for p in _body_paragraphs(word) if p.style.name != "Caption"]
    blocks = [b for b in sample.blocks
              if b.kind is not BlockKind.TABLE_CELL and not b.meta.get("note")]
    paras = [p for p in body if p.text or _num_pr(p)]
    assert [p.text for p in paras] == [b.text for b in blocks]
    outline = _outline_abstract(word).get(f"{W}abstractNumId")
    for p, b in zip(paras, blocks, strict=True):
        num = _num_pr(p)
        if b.number is None:
            if b.meta.get("bullet"):
                assert num is not None and _abstract_of(word, num[0]) != outline
            else:
                assert num is None, p.text
            continue
        assert num is not None, p.text
        expected = b.level - 1 if b.kind is BlockKind.HEADING else b.level
        assert num[1] == expected, (b.number, num)
        assert _abstract_of(word, num[0]) == outline
        assert not p.text.startswith(b.number), "clause number typed into the text"
    assert not any(re.match(r"^(\d+(\.\d+)*|\([a-z]\))\s", p.text) for p in body)


def test_word_would_display_the_assembler_numbers(sample) -> None:
    shown = [label for label in word_labels(sample.blocks) if label is not None]
    assert shown == [b.number for b in sample.blocks if b.number]


def test_styles_heading_body_and_clause_levels(word) -> None:
    used = {p.style.name for p in word.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Body Text", "Clause Text", "Subclause Text",
            "Lettered Item", "List Bullet", "Caption", "TOC Heading"} <= used
    heading = next(p for p in word.paragraphs if p.text == "Local employment"
                   and p.style.name == "Heading 1")
    assert heading.style.font.bold
    rpr = word.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert rpr.find(f"{W}rFonts").get(f"{W}ascii") == "Arial"
    assert rpr.find(f"{W}lang").get(f"{W}val") == "en-GB"
    section = word.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)  # A4


def test_header_and_footer_title_reference_and_page_x_of_y(word, parts) -> None:
    section = word.sections[0]
    header = section.header.paragraphs[0].text
    assert "Social Value Schedule" in header and "NCC/FM/2026/014" in header
    footer_xml = parts["word/footer1.xml"].decode()
    instr = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", footer_xml)
    assert [i.split()[0] for i in instr] == ["PAGE", "NUMPAGES"]
    assert "Page " in section.footer.paragraphs[0].text
    assert "Northshire County Council" in section.footer.paragraphs[0].text


def test_toc_field_and_update_on_open(parts, sample) -> None:
    document_xml = parts["word/document.xml"].decode()
    instr = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", document_xml)
    assert ' TOC \\o "1-3" \\h \\z \\u ' in instr
    assert document_xml.count('w:fldCharType="begin"') == document_xml.count(
        'w:fldCharType="end"')
    settings = etree.fromstring(parts["word/settings.xml"])
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true"
    # the TOC field itself is marked dirty, so Word refreshes it (page numbers) on open
    assert re.search(r'<w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r>'
                     r'<w:instrText[^>]*> TOC ', document_xml)


def test_no_toc_when_not_asked() -> None:
    data = render(sample_document(toc=False), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "TOC \\o" not in z.read("word/document.xml").decode()


def test_document_and_custom_properties(word, parts) -> None:
    core = word.core_properties
    assert core.title == "Social Value Schedule"
    assert core.subject == "Facilities Management Services"
    assert core.author == "Northshire County Council"
    custom = read_custom_properties(parts["docProps/custom.xml"])
    assert custom["svdocs.version"]
    assert custom["svdocs.clauses"] == "4"
    assert custom["svdocs.clause.002"] == "local-employment@1.2.0 sha256:" + "b" * 64
    assert custom["svdocs.reference"] == "NCC/FM/2026/014"
    rels = parts["_rels/.rels"].decode()
    assert "relationships/custom-properties" in rels and "thumbnail" not in rels
    assert "docProps/custom.xml" in parts["[Content_Types].xml"].decode()


def test_kpi_table_repeats_header_row_with_borders_and_widths(word) -> None:
    table = next(t for t in word.tables if t.cell(0, 0).text == "KPI")
    rows = table._tbl.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
    assert table._tbl.tblPr.find(f"{W}tblBorders/{W}insideH") is not None
    fill = rows[0].find(f"{W}tc/{W}tcPr/{W}shd").get(f"{W}fill")
    assert fill not in (None, "auto", "FFFFFF")
    widths = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.findall(f"{W}gridCol")]
    assert sum(widths) == TEXT_WIDTH
    assert widths[1] == max(widths)  # the "Measure" column holds the most text
    assert [c.text for c in table.rows[2].cells][1] == "Apprenticeship starts | levels 2-3"
    assert table.cell(0, 0).paragraphs[0].style.name == "Table Heading"
    caption = next(p for p in word.paragraphs if p.style.name == "Caption")
    assert caption.text == "Table 1: Key performance indicators"
    assert "SEQ Table" in caption._p.xml


def test_runs_keep_bold_italic_links_and_awkward_text(word, data) -> None:
    para = next(p for p in word.paragraphs if p.text.startswith("The Supplier shall fill"))
    assert any(r.bold and r.text == "shall" for r in para.runs)
    assert any(r.italic and r.text == "12 months" for r in para.runs)
    links = para._p.findall(f"{W}hyperlink")
    assert len(links) == 1
    rid = links[0].get(qn("r:id"))
    assert word.part.rels[rid].target_ref == "https://example.gov.uk/annex-1"
    assert any(p.text == AWKWARD for p in word.paragraphs)


def test_unsafe_links_and_control_characters() -> None:
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, "click\x00 me\x07",
                                 runs=[Run("click\x00 me\x07", href="javascript:alert(1)")])],
                   title="T")
    word = docx.Document(io.BytesIO(render(doc, "docx")))
    assert any(p.text == "click me" for p in word.paragraphs)
    assert "javascript" not in word.element.xml
    assert not [r for r in word.part.rels.values() if "hyperlink" in r.reltype]


def test_drafting_notes_only_on_request(sample) -> None:
    without = docx.Document(io.BytesIO(render(sample, "docx")))
    with_notes = docx.Document(io.BytesIO(render(sample, "docx", notes=True)))
    assert not any("Drafting note" in p.text for p in without.paragraphs)
    note = next(p for p in with_notes.paragraphs if p.text.startswith("Drafting note:"))
    assert note.style.name == "Drafting Note"


def test_outline_restart_uses_a_start_override() -> None:
    blocks = [Block(BlockKind.HEADING, "Scope", level=1, number="1"),
              Block(BlockKind.PARAGRAPH, "Text.", level=1, number="1.1"),
              Block(BlockKind.HEADING, "Annex heading", level=1),
              Block(BlockKind.HEADING, "Annex clause", level=1, number="1"),
              Block(BlockKind.PARAGRAPH, "More.", level=1, number="1.1")]
    assert word_labels(blocks) == ["1", "1.1", None, "1", "1.1"]
    word = docx.Document(io.BytesIO(render(Document(blocks=blocks, title="T"), "docx")))
    nums = [_num_pr(p) for p in word.paragraphs if p.text in ("Scope", "Annex clause")]
    assert nums[0][0] != nums[1][0]
    root = word.part.numbering_part.element
    num = next(n for n in root.findall(f"{W}num") if n.get(f"{W}numId") == str(nums[1][0]))
    assert num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "1"


def _check_order(node: etree._Element, problems: list[str]) -> None:
    name = etree.QName(node).localname
    order = ORDER.get(f"w:{name}")
    if order:
        seen = [f"w:{etree.QName(c).localname}" for c in node
                if isinstance(c.tag, str) and c.tag.startswith(W)]
        known = [s for s in seen if s in order]
        if known != sorted(known, key=order.index):
            problems.append(f"{name}: {known}")
    for child in node:
        if isinstance(child.tag, str):
            _check_order(child, problems)


def test_property_elements_are_in_schema_order(parts) -> None:
    problems: list[str] = []
    for name in ("word/document.xml", "word/styles.xml", "word/settings.xml",
                 "word/header1.xml", "word/footer1.xml"):
        _check_order(etree.fromstring(parts[name]), problems)
    assert problems == []


def test_same_input_gives_same_bytes(sample, data) -> None:
    assert render(sample, "docx") == data


def test_empty_document_still_makes_a_valid_file() -> None:
    word = docx.Document(io.BytesIO(render(Document(), "docx")))
    assert word.paragraphs[0].text == "Untitled document"


def _wide_table(after: bool) -> Document:
    head = ["KPI", "Measure", "Target", "Baseline", "Deadline", "Evidence", "Consequence"]
    row = ["KPI 1", "Residents employed", "25 FTE", "0", "Month 12", "Payroll extract",
           "Service credits"]
    cells = [Block(BlockKind.TABLE_CELL, t, table=TableRef(0, r, c, header=r == 0))
             for r, texts in enumerate([head, row]) for c, t in enumerate(texts)]
    blocks = [Block(BlockKind.PARAGRAPH, "Before the table."), *cells]
    if after:
        blocks.append(Block(BlockKind.PARAGRAPH, "After the table."))
    return Document(blocks=blocks, title="T", properties={"reference": "R-1"})


def test_wide_table_gets_a_landscape_page_with_its_own_header() -> None:
    word = docx.Document(io.BytesIO(render(_wide_table(after=True), "docx")))
    orientations = [s.orientation for s in word.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    landscape = word.sections[1]
    assert landscape.page_width.twips > landscape.page_height.twips
    assert "R-1" in landscape.header.paragraphs[0].text
    assert not landscape.header.is_linked_to_previous
    widths = [int(c.get(f"{W}w")) for c in word.tables[-1]._tbl.tblGrid.findall(f"{W}gridCol")]
    assert sum(widths) == LANDSCAPE_TEXT_WIDTH
    # the text after the table is back on a portrait page
    assert word.paragraphs[-1].text == "After the table."


def test_last_wide_table_leaves_no_empty_portrait_page() -> None:
    word = docx.Document(io.BytesIO(render(_wide_table(after=False), "docx")))
    assert [s.orientation for s in word.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]


def test_column_widths_keep_words_whole() -> None:
    texts = [["KPI", "Consequence", "Commencement"], ["1", "x", "y"]]
    widths = column_widths(texts, 6000)
    assert sum(widths) == 6000
    assert all(w >= len(word) * 115 for w, word in zip(widths, texts[0], strict=True))
    assert needs_landscape([["a"] * 6]) and not needs_landscape([["a"] * 3])
