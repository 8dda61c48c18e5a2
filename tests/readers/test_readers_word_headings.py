"""Headings as Word decides them: an outline level (on the paragraph or along its style's
basedOn chain), the built-in heading styles, and text short enough to be a heading. A
numbered clause in a style named "... Heading" (or in "heading 2") is a body clause."""

from __future__ import annotations

from pathlib import Path

from readers_docx_fixtures import NS, numbering_xml, p, write_docx

from svdocs.core.model import BlockKind, Document
from svdocs.readers import read_document
from svdocs.readers.heading_text import reads_as_heading


def _style(sid: str, name: str, ppr: str = "", based: str | None = "Normal") -> str:
    base = f'<w:basedOn w:val="{based}"/>' if based else ""
    return (f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>{base}'
            f"<w:pPr>{ppr}</w:pPr></w:style>")


STYLES = (
    f"<w:styles {NS}>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "</w:style>"
    + _style("Heading1", "heading 1", '<w:outlineLvl w:val="0"/>')
    + _style("Heading2", "heading 2", '<w:outlineLvl w:val="1"/>')
    # a built-in heading style whose XML carries no outline level, known by its styleId
    + _style("Heading3", "Überschrift 3")
    # a house style based on heading 2: it inherits the outline level along basedOn
    + _style("ClauseTitle", "Clause Title", based="Heading2")
    # CCS's house style: "Heading" in its name, numbered, no outline level
    + _style("GPSL2", "GPS L2 Numbered Bold Heading",
             '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>')
    + "</w:styles>"
)
NUMBERING = numbering_xml({0: [("decimal", "%1.", None), ("decimal", "%1.%2", None)]},
                          {1: (0, {})})


def _read(tmp_path: Path, body: str) -> Document:
    return read_document(write_docx(tmp_path / "h.docx", body, styles=STYLES,
                                    numbering=NUMBERING))


def _block(doc: Document, start: str):  # type: ignore[no-untyped-def]
    return next(b for b in doc.blocks if b.text.startswith(start))


def test_numbered_clause_in_a_heading_named_style_is_a_body_clause(tmp_path: Path) -> None:
    body = "".join([
        p("Framework Management", style="Heading1", num=(1, 0)),
        p("Supplier Review Meetings", style="GPSL2"),
        p("Regular performance review meetings will take place at the Authority's premises "
          "throughout the Term.", style="GPSL2"),
        p("The Supplier shall employ 20 local residents by month 12.", style="GPSL2"),
    ])
    doc = _read(tmp_path, body)
    title = _block(doc, "Supplier Review")
    assert title.kind is BlockKind.HEADING and title.level == 2
    meetings = _block(doc, "Regular performance")
    assert meetings.kind is BlockKind.PARAGRAPH
    assert meetings.number == "1.2" and meetings.meta["clause_ref"] == "1.2"
    clause = _block(doc, "The Supplier shall")
    assert clause.kind is BlockKind.PARAGRAPH and clause.number == "1.3"
    # the clause never becomes the heading path of what follows
    assert clause.heading_path == ("1 Framework Management", "1.1 Supplier Review Meetings")


def test_heading_2_clause_with_a_modal_is_a_body_clause(tmp_path: Path) -> None:
    body = "".join([
        p("Restrictions &amp; Obligations", style="Heading1", num=(1, 0)),
        p("Suspension.  If Customer breaches this Agreement, Provider may suspend access.",
          style="Heading2", num=(1, 1)),
        p("Use of the Product must comply with the Documentation.", style="Heading2",
          num=(1, 1)),
        p("Restrictions on Customer.", style="Heading2", num=(1, 1)),
    ])
    doc = _read(tmp_path, body)
    assert _block(doc, "Suspension").kind is BlockKind.PARAGRAPH
    use = _block(doc, "Use of the Product")
    assert use.kind is BlockKind.PARAGRAPH and use.meta["clause_ref"] == "1.2"
    restrictions = _block(doc, "Restrictions on")
    assert restrictions.kind is BlockKind.HEADING and restrictions.level == 2
    assert restrictions.heading_path == ("1 Restrictions & Obligations",)


def test_outline_levels_from_paragraph_style_chain_and_builtin_ids(tmp_path: Path) -> None:
    body = "".join([
        p("Social value", style="Heading1"),
        p("Employment and skills", style="ClauseTitle"),  # basedOn heading 2
        p("Apprenticeships", style="Heading3"),  # built-in id, no outlineLvl in its XML
        p("", inner='<w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>Evidence</w:t></w:r>'),
        p("", inner='<w:pPr><w:outlineLvl w:val="9"/></w:pPr>'
                    '<w:r><w:t>Body text at outline level 9</w:t></w:r>'),
        p("The Supplier shall report quarterly."),
    ])
    doc = _read(tmp_path, body)
    levels = {b.text: (b.kind, b.level) for b in doc.blocks}
    assert levels["Social value"] == (BlockKind.HEADING, 1)
    assert levels["Employment and skills"] == (BlockKind.HEADING, 2)
    assert levels["Apprenticeships"] == (BlockKind.HEADING, 3)
    assert levels["Evidence"] == (BlockKind.HEADING, 2)  # the paragraph's own outline level
    assert levels["Body text at outline level 9"][0] is BlockKind.PARAGRAPH  # level 9: body
    assert _block(doc, "The Supplier shall").heading_path == ("Social value", "Evidence")


def test_typed_heading_number_is_not_doubled(tmp_path: Path) -> None:
    body = "".join([
        p("3.\tWhat needs to be delivered", style="Heading1"),
        p("3.1\tThe Supplier must provide the Deliverables."),
    ])
    doc = _read(tmp_path, body)
    assert _block(doc, "3.1").heading_path == ("3. What needs to be delivered",)


def test_what_reads_as_a_heading() -> None:
    assert reads_as_heading("Restrictions on Customer.")
    assert reads_as_heading("What the Supplier will do")
    assert reads_as_heading("6.\tFRAMEWORK MANAGEMENT")
    assert not reads_as_heading("6.9 Regular meetings will take place at CCS's premises.")
    assert not reads_as_heading("Use of the Product must comply with all Documentation.")
    assert not reads_as_heading("Access and Use.  During the Subscription Period, Customer "
                                "receives access to the Product.")
    assert not reads_as_heading(" ".join(["word"] * 25))
