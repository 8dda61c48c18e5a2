"""DOCX read as Word displays it: numbering, tracked changes, comments, tables, text boxes,
content controls, fields, hyperlinks, notes, headers and footers, in reading order."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from lxml import etree
from readers_docx_fixtures import (
    HEADING_STYLES,
    NS,
    big_docx,
    cell,
    docx_bytes,
    numbering_xml,
    p,
    r,
    styles_xml,
    tbl,
    write_docx,
)

from svdocs.core.model import BlockKind, Document
from svdocs.readers import read_bytes, read_document
from svdocs.readers.docx_text import W_P, paragraph_segments


def _read(tmp_path: Path, body: str, **kwargs: object) -> Document:
    return read_document(write_docx(tmp_path / "t.docx", body, **kwargs))


def _by_text(doc: Document, start: str):  # type: ignore[no-untyped-def]
    return next(b for b in doc.blocks if b.text.startswith(start))


def _segment_text(el: etree._Element) -> str:
    tag = etree.QName(el).localname
    return {"tab": "\t", "ptab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}.get(
        tag, el.text or "")


def _check_segments(data: bytes, doc: Document) -> None:
    """For every single-paragraph block, the segments of its w:p join to the block text."""
    import io
    import zipfile

    z = zipfile.ZipFile(io.BytesIO(data))
    roots: dict[str, list[etree._Element]] = {}
    for block in doc.blocks:
        part = block.meta["docx_part"]
        if "docx_spans" in block.meta:
            continue
        if part not in roots:
            roots[part] = list(etree.fromstring(z.read(part)).iter(W_P))
        el = roots[part][block.meta["docx_p"]]
        joined = "".join(_segment_text(s)[: e - b] for s, b, e in paragraph_segments(el))
        assert joined == block.text


# --------------------------------------------------------------------------- numbering

LEVEL_STYLES = [
    *HEADING_STYLES,
    # style-linked numbering: the styles point at list 1 without a level; the abstract list's
    # levels name the styles (w:pStyle), which gives the level
    ("Level1", "Level 1", '<w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/>'),
    ("Level2", "Level 2", '<w:numPr><w:numId w:val="1"/></w:numPr>'),
    ("Level3", "Level 3", '<w:numPr><w:numId w:val="1"/></w:numPr>'),
]
LEVEL_NUMBERING = numbering_xml(
    {0: [("decimal", "%1.", "Level1"), ("decimal", "%1.%2", "Level2"),
         ("lowerLetter", "(%3)", "Level3"), ("lowerRoman", "(%4)", None)]},
    {1: (0, {})},
)


def test_style_linked_multilevel_numbering(tmp_path: Path) -> None:
    body = "".join([
        p("Background", style="Level1"),
        p("Scope", style="Level1"),
        p("Definitions", style="Level1"),
        p("Social value", style="Level1"),
        p("The Supplier shall employ local people.", style="Level2"),
        p("The Supplier shall report:", style="Level2"),
        p("the number of local residents employed; and", style="Level3"),
        p("the apprenticeships started.", style="Level3"),
        p("Each report is verified.", style="Level2", num=(1, 3)),
    ])
    doc = _read(tmp_path, body, styles=styles_xml(LEVEL_STYLES), numbering=LEVEL_NUMBERING)
    head = _by_text(doc, "Social value")
    assert head.kind is BlockKind.HEADING and head.number == "4" and head.level == 1
    report = _by_text(doc, "The Supplier shall report")
    assert report.number == "4.2" and report.kind is BlockKind.PARAGRAPH and report.level == 1
    item = _by_text(doc, "the apprenticeships")
    assert item.number == "(b)" and item.kind is BlockKind.LIST_ITEM and item.level == 2
    assert item.meta["clause_ref"] == "4.2(b)"
    assert item.heading_path == ("4 Social value",)
    direct = _by_text(doc, "Each report")  # direct numPr overrides the style's level
    assert direct.number == "(i)" and direct.meta["clause_ref"] == "4.2(b)(i)"


def test_restart_and_start_override(tmp_path: Path) -> None:
    numbering = numbering_xml(
        {0: [("decimal", "%1.", None), ("upperLetter", "%2)", None)]},
        {2: (0, {}), 3: (0, {0: 1}), 4: (0, {})},
    )
    body = "".join([
        p("one", num=(2, 0)), p("two", num=(2, 0)),
        p("two A", num=(2, 1)), p("two B", num=(2, 1)),
        p("three", num=(2, 0)),
        p("three A", num=(2, 1)),  # level 1 restarts after a level 0 item
        p("restarted one", num=(3, 0)),  # list 3 overrides the start: restarts at 1
        p("restarted two", num=(3, 0)),
        p("continued", num=(4, 0)),  # list 4 shares the abstract list: continues
    ])
    doc = _read(tmp_path, body, numbering=numbering)
    assert [b.number for b in doc.blocks] == ["1", "2", "A)", "B)", "3", "A)", "1", "2", "3"]
    assert _by_text(doc, "two B").meta["clause_ref"] == "2(B)"


def test_bullets_are_marked_not_numbered(tmp_path: Path) -> None:
    numbering = numbering_xml({0: [("bullet", "\u2022", None)]}, {1: (0, {})})
    doc = _read(tmp_path, p("first point", num=(1, 0)), numbering=numbering)
    block = doc.blocks[0]
    assert block.kind is BlockKind.LIST_ITEM and block.number is None and block.meta["bullet"]


def test_typed_clause_numbers_are_recognised(tmp_path: Path) -> None:
    doc = _read(tmp_path, p("2.1\tThe Supplier must deliver."))
    assert doc.blocks[0].number == "2.1" and doc.blocks[0].meta["number_in_text"]
    assert doc.blocks[0].text == "2.1\tThe Supplier must deliver."


# --------------------------------------------------------------------------- revisions

TRACKED = p(inner=(
    r("The Supplier shall ")
    + '<w:ins w:id="1" w:author="A"><w:r><w:t>employ 20 local residents</w:t></w:r></w:ins>'
    + '<w:del w:id="2" w:author="A"><w:r><w:delText>consider local people</w:delText></w:r>'
    "</w:del>"
    + '<w:moveFrom w:id="3" w:author="A"><w:r><w:t> (moved away)</w:t></w:r></w:moveFrom>'
    + '<w:moveTo w:id="4" w:author="A"><w:r><w:t> each year</w:t></w:r></w:moveTo>'
    + r(".")
))


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "t.docx", TRACKED)
    doc = read_document(path)
    assert doc.blocks[0].text == "The Supplier shall employ 20 local residents each year."
    # the trap this guards against: python-docx's Paragraph.text skips the insertion
    assert "employ 20" not in docx.Document(str(path)).paragraphs[0].text
    _check_segments(path.read_bytes(), doc)


def test_hidden_text_is_not_read(tmp_path: Path) -> None:
    body = p(inner=r("Visible ") + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden </w:t></w:r>'
             + r("text."))
    assert _read(tmp_path, body).blocks[0].text == "Visible text."


def test_comment_recorded_in_meta_not_text(tmp_path: Path) -> None:
    body = p(inner=(
        r("The Supplier will ")
        + '<w:commentRangeStart w:id="5"/>' + r("endeavour to") + '<w:commentRangeEnd w:id="5"/>'
        + '<w:r><w:commentReference w:id="5"/></w:r>'
        + r(" recruit locally.")
    ))
    doc = _read(tmp_path, body, comments={5: ("Reviewer", "Too vague: give a number.")})
    block = doc.blocks[0]
    assert block.text == "The Supplier will endeavour to recruit locally."
    [comment] = block.meta["comments"]
    assert block.text[comment["start"]:comment["end"]] == "endeavour to"
    assert comment["author"] == "Reviewer"
    assert comment["text"] == "Too vague: give a number."
    assert "Too vague" not in doc.text


# --------------------------------------------------------------------------- tables


def test_nested_table_and_merged_cells(tmp_path: Path) -> None:
    inner = tbl([["KPI", "Target"], ["Local jobs", "20 FTE"]])
    rows = [
        ["Theme", "Measure", "Evidence"],
        [cell(p("Employment"), vmerge="restart"), cell(p("Jobs and apprenticeships"), span=2)],
        [cell(p(""), vmerge="continue"), "Payroll", cell(p("See detail") + inner)],
    ]
    doc = _read(tmp_path, tbl(rows, header=True))
    cells = [b for b in doc.blocks if b.kind is BlockKind.TABLE_CELL]
    texts = [b.text for b in cells]
    assert texts.count("Employment") == 1  # vertically merged: once
    assert texts.count("Jobs and apprenticeships") == 1  # spans two columns: once
    span = _by_text(doc, "Jobs and")
    assert (span.table.row, span.table.col) == (1, 1) and span.meta["col_span"] == 2
    payroll = _by_text(doc, "Payroll")
    assert (payroll.table.row, payroll.table.col) == (2, 1)
    assert _by_text(doc, "Theme").table.header and not payroll.table.header
    nested = _by_text(doc, "20 FTE")
    assert nested.table.nested_in == span.table.table and nested.table.table != span.table.table
    assert (nested.table.row, nested.table.col) == (1, 1)
    # reading order: the cell holding the nested table comes before the nested cells
    assert texts.index("See detail") < texts.index("KPI") < texts.index("20 FTE")
    assert doc.tables()[span.table.table][1][1].text == "Jobs and apprenticeships"


def test_multi_paragraph_cell_is_one_block_with_spans(tmp_path: Path) -> None:
    doc = _read(tmp_path, tbl([[cell(p("Payroll extract") + p("") + p("Quarterly"))]]))
    [block] = doc.blocks
    assert block.text == "Payroll extract\nQuarterly"
    spans = block.meta["docx_spans"]
    assert [block.text[s["start"]:s["end"]] for s in spans] == ["Payroll extract", "Quarterly"]
    assert [s["docx_p"] for s in spans] == [0, 2]


# --------------------------------------------------------------------------- inline objects

TEXTBOX = (
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
    '<a:graphicData><wps:wsp><wps:txbx><w:txbxContent>'
    + p("Text box: 15 apprenticeships.")
    + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
    "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
    + p("Text box: 15 apprenticeships.")
    + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)


def test_text_box_read_once_after_its_anchor(tmp_path: Path) -> None:
    body = p(inner=r("Anchor paragraph.") + TEXTBOX) + p("Next paragraph.")
    doc = _read(tmp_path, body)
    assert [b.text for b in doc.blocks] == [
        "Anchor paragraph.", "Text box: 15 apprenticeships.", "Next paragraph."]
    assert doc.blocks[1].source.part == "textbox"
    assert doc.blocks[1].meta["docx_p"] == 1  # the Choice copy; the fallback copy is index 2


SDT_BLOCK = (
    '<w:sdt><w:sdtPr><w:alias w:val="Supplier name"/><w:placeholder><w:docPart w:val="X"/>'
    "</w:placeholder></w:sdtPr><w:sdtContent>" + p("Acme Services Ltd") + "</w:sdtContent></w:sdt>"
)
SDT_INLINE = p(inner=r("Weighting: ") + '<w:sdt><w:sdtPr><w:alias w:val="Weight"/></w:sdtPr>'
               "<w:sdtContent>" + r("15%") + "</w:sdtContent></w:sdt>" + r(" of the score."))


def test_content_controls_show_their_content(tmp_path: Path) -> None:
    doc = _read(tmp_path, SDT_BLOCK + SDT_INLINE)
    assert [b.text for b in doc.blocks] == ["Acme Services Ltd", "Weighting: 15% of the score."]


FIELDS = p(inner=(
    r("See clause ")
    + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    + '<w:r><w:instrText xml:space="preserve"> REF _Ref123 \\r \\h </w:instrText></w:r>'
    + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    + r("4.2")
    + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    + r(" on page ")
    + '<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>'
    + r(".")
))


def test_fields_show_their_result_not_their_code(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "f.docx", FIELDS)
    doc = read_document(path)
    assert doc.blocks[0].text == "See clause 4.2 on page 7."
    _check_segments(path.read_bytes(), doc)


def test_nested_field_in_code_is_dropped(tmp_path: Path) -> None:
    body = p(inner=(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("1")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText> = 1 "x"</w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("shown")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    ))
    assert _read(tmp_path, body).blocks[0].text == "shown"


def test_hyperlink_text_and_target(tmp_path: Path) -> None:
    body = p(inner=r("Report on the ") + '<w:hyperlink r:id="rIdL1">' + r("portal")
             + "</w:hyperlink>" + r(" monthly."))
    doc = _read(tmp_path, body, links={"rIdL1": "https://example.org/sv"})
    block = doc.blocks[0]
    assert block.text == "Report on the portal monthly."
    [link] = block.meta["links"]
    assert block.text[link["start"]:link["end"]] == "portal"
    assert link["href"] == "https://example.org/sv"


def test_footnote_follows_its_paragraph(tmp_path: Path) -> None:
    body = (p(inner=r("Local means the borough.") + '<w:r><w:footnoteReference w:id="1"/></w:r>')
            + p("Next."))
    notes = {1: p(inner='<w:r><w:footnoteRef/></w:r>' + r(" Postcodes listed in Annex 1."))}
    doc = _read(tmp_path, body, footnotes=notes)
    assert [b.text for b in doc.blocks] == [
        "Local means the borough.", " Postcodes listed in Annex 1.", "Next."]
    note = doc.blocks[1]
    assert note.source.part == "footnote" and note.meta["docx_part"] == "word/footnotes.xml"


def test_endnotes_come_after_the_body(tmp_path: Path) -> None:
    body = p(inner=r("Body text.")) + p("More body.")
    doc = _read(tmp_path, body, endnotes={2: p("An endnote.")})
    assert [b.source.part for b in doc.blocks] == ["body", "body", "endnote"]


def test_header_and_footer_are_marked(tmp_path: Path) -> None:
    doc = _read(tmp_path, p("Body."), header=p("OFFICIAL"), footer=p("Page footer"))
    assert [(b.source.part, b.text) for b in doc.blocks] == [
        ("header", "OFFICIAL"), ("body", "Body."), ("footer", "Page footer")]
    assert doc.blocks[0].meta["docx_part"] == "word/header1.xml"


def test_reading_order_across_everything(tmp_path: Path) -> None:
    body = "".join([
        p("Social value", style="Heading1"),
        p(inner=r("Anchor.") + '<w:r><w:footnoteReference w:id="1"/></w:r>' + TEXTBOX),
        SDT_BLOCK,
        tbl([["KPI", "Evidence"], ["Jobs", "Payroll"]]),
        TRACKED,
        FIELDS,
    ])
    data = docx_bytes(body, styles=styles_xml(HEADING_STYLES), footnotes={1: p("Note one.")},
                      header=p("Header text"), footer=p("Footer text"))
    doc = read_bytes(data, ".docx")
    assert [(b.source.part, b.text) for b in doc.blocks] == [
        ("header", "Header text"),
        ("body", "Social value"),
        ("body", "Anchor."),
        ("textbox", "Text box: 15 apprenticeships."),
        ("footnote", "Note one."),
        ("body", "Acme Services Ltd"),
        ("body", "KPI"), ("body", "Evidence"), ("body", "Jobs"), ("body", "Payroll"),
        ("body", "The Supplier shall employ 20 local residents each year."),
        ("body", "See clause 4.2 on page 7."),
        ("footer", "Footer text"),
    ]
    # paragraphs are numbered as python-docx counts them; table text by table, row and cell
    import io

    from svdocs.readers.docx_text import collect

    word = docx.Document(io.BytesIO(data))
    numbered = [b for b in doc.blocks if b.source.paragraph is not None]
    assert [b.text for b in numbered] == [
        "Header text", "Social value", "Anchor.",
        "The Supplier shall employ 20 local residents each year.",
        "See clause 4.2 on page 7.", "Footer text"]  # the rest: a control, a box, a note
    for b in numbered:
        if b.source.part == "body":  # python-docx's text skips tracked insertions
            assert collect(word.paragraphs[b.source.paragraph]._p).text == b.text
    for b in doc.blocks:
        if b.table is not None:
            assert b.source.paragraph is None
            assert word.tables[b.table.table].rows[b.table.row].cells[b.table.cell].text \
                == b.text
    assert all(b.heading_path == ("Social value",) for b in doc.blocks[2:12])
    _check_segments(data, doc)


def test_large_generated_document(tmp_path: Path) -> None:
    data = big_docx(20_000)
    doc = read_bytes(data, ".docx")
    assert len(doc.text.split()) >= 20_000
    numbers = [b.number for b in doc.blocks if b.kind is BlockKind.PARAGRAPH][:3]
    assert numbers == ["1.1", "1.2", "1.3"]
    assert any(b.meta.get("clause_ref") == "1.3(a)" for b in doc.blocks)


def test_main_part_found_through_relationships(tmp_path: Path) -> None:
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(docx_bytes(p("Moved main part."))))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            if name == "_rels/.rels":
                data = data.replace(b"word/document.xml", b"word/main.xml")
            if name == "word/document.xml":
                name = "word/main.xml"
            if name == "word/_rels/document.xml.rels":
                name = "word/_rels/main.xml.rels"
            out.writestr(name, data)
    assert read_bytes(buf.getvalue(), ".docx").blocks[0].text == "Moved main part."


@pytest.mark.parametrize("attr", ["w:val=\"x\"", "w:val=\"\"", "w:val=\"99999999999\""])
def test_bad_numbering_values_do_not_crash(tmp_path: Path, attr: str) -> None:
    numbering = (f'<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
                 f'<w:start {attr}/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
                 '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/>'
                 "</w:num></w:numbering>")
    doc = _read(tmp_path, p("text", num=(1, 0)), numbering=numbering)
    assert doc.blocks[0].text == "text"


def test_comment_spanning_paragraphs(tmp_path: Path) -> None:
    body = (p(inner=r("First ") + '<w:commentRangeStart w:id="7"/>' + r("part one."))
            + p(inner=r("Part two") + '<w:commentRangeEnd w:id="7"/>' + r(" after.")))
    doc = _read(tmp_path, body, comments={7: ("R", "Spans two paragraphs")})
    first, second = doc.blocks
    [c1], [c2] = first.meta["comments"], second.meta["comments"]
    assert first.text[c1["start"]:c1["end"]] == "part one."
    assert second.text[c2["start"]:c2["end"]] == "Part two"


def test_level_restart_zero_keeps_counting(tmp_path: Path) -> None:
    numbering = (
        f'<w:numbering {NS}><w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlRestart w:val="0"/><w:lvlText w:val="Note %2"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    body = "".join([p("a", num=(1, 0)), p("n1", num=(1, 1)), p("b", num=(1, 0)),
                    p("n2", num=(1, 1))])
    doc = _read(tmp_path, body, numbering=numbering)
    assert [b.number for b in doc.blocks] == ["1", "Note 1", "2", "Note 2"]


def test_numbering_style_link_is_followed(tmp_path: Path) -> None:
    numbering = (
        f'<w:numbering {NS}>'
        '<w:abstractNum w:abstractNumId="10"><w:numStyleLink w:val="ClauseList"/></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="11"><w:styleLink w:val="ClauseList"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="Part %1"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="5"><w:abstractNumId w:val="11"/></w:num>'
        '<w:num w:numId="6"><w:abstractNumId w:val="10"/></w:num></w:numbering>'
    )
    styles = styles_xml([("ClauseList", "Clause List", '<w:numPr><w:numId w:val="5"/></w:numPr>')])
    doc = _read(tmp_path, p("Commercial terms", num=(6, 0)) + p("Schedules", num=(6, 0)),
                styles=styles, numbering=numbering)
    assert [b.number for b in doc.blocks] == ["Part V", "Part VI"]
