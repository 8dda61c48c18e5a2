"""Word styles of a generated document: a plain professional look a legal team can restyle.

Every paragraph the writer makes carries a named style (Heading 1-3, Body Text, Clause Text,
Table Heading ...), so a firm can apply its house style by editing styles, not paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

from svdocs.writers.docx import xml

FONT = "Arial"
BODY_SIZE = 11
NAVY = "1F3864"
TEXT_WIDTH = 9070  # twips between the margins of an A4 page with 2.5 cm margins
LANDSCAPE_TEXT_WIDTH = 14002  # the same on a landscape A4 page
HEADER_FILL = "D9E2F3"  # table header shading
NOTE_FILL = "FFF4CE"  # drafting note shading


@dataclass(frozen=True)
class StyleSpec:
    """How one paragraph or character style looks."""

    name: str
    style_id: str
    kind: str = "paragraph"  # or "character"
    based_on: str | None = "Normal"
    next_style: str | None = None
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None
    underline: bool = False
    before: int | None = None  # points
    after: int | None = None
    keep_next: bool = False
    left: int | None = None  # twips
    hanging: int | None = None
    outline: int | None = None
    fill: str | None = None
    border_left: bool = False
    border_bottom: str | None = None
    right_tab: bool = False  # TOC: a tab after the number and a dotted one at the margin
    edge_tab: bool = False  # header/footer: one right-aligned tab at the right margin
    caps: bool = False


STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("Title", "Title", size=24, bold=True, color=NAVY, before=0, after=6,
              border_bottom=NAVY),
    StyleSpec("Subtitle", "Subtitle", size=14, italic=False, color="404040", before=6,
              after=18),
    StyleSpec("heading 1", "Heading1", next_style="BodyText", size=13, bold=True,
              color="000000", before=18, after=6, keep_next=True, outline=0),
    StyleSpec("heading 2", "Heading2", next_style="BodyText", size=11.5, bold=True,
              color="000000", before=12, after=6, keep_next=True, outline=1),
    StyleSpec("heading 3", "Heading3", next_style="BodyText", size=11, bold=True,
              italic=False, color="000000", before=10, after=4, keep_next=True, outline=2),
    StyleSpec("Body Text", "BodyText", before=0, after=6),
    StyleSpec("Clause Text", "ClauseText", based_on="BodyText", next_style="ClauseText"),
    StyleSpec("Subclause Text", "SubclauseText", based_on="BodyText",
              next_style="SubclauseText"),
    StyleSpec("Lettered Item", "LetteredItem", based_on="BodyText", after=4),
    StyleSpec("List Bullet", "ListBullet", based_on="BodyText", after=3),
    StyleSpec("Drafting Note", "DraftingNote", based_on="BodyText", italic=True,
              color="5A4600", fill=NOTE_FILL, border_left=True, before=3, after=9),
    StyleSpec("Table Text", "TableText", size=10, before=2, after=2),
    StyleSpec("Table Heading", "TableHeading", based_on="TableText", bold=True,
              keep_next=True),
    StyleSpec("caption", "Caption", size=10, bold=True, color="000000", before=9, after=3,
              keep_next=True),
    StyleSpec("Fact Label", "FactLabel", based_on="TableText", bold=True),
    StyleSpec("header", "Header", size=9, color="404040", before=0, after=0, edge_tab=True),
    StyleSpec("footer", "Footer", size=9, color="404040", before=0, after=0, edge_tab=True),
    StyleSpec("TOC Heading", "TOCHeading", based_on="Heading1", next_style="Normal", size=13,
              bold=True, color="000000", before=0, after=9),
    StyleSpec("toc 1", "TOC1", bold=True, before=4, after=2, right_tab=True),
    StyleSpec("toc 2", "TOC2", before=0, after=2, left=567, right_tab=True),
    StyleSpec("toc 3", "TOC3", before=0, after=2, left=1134, right_tab=True),
    StyleSpec("Hyperlink", "Hyperlink", kind="character", based_on=None, color="1F4E9B",
              underline=True),
)


def _set_defaults(document: WordDocument) -> None:
    """Document-wide defaults: the font, its size, British English, spacing."""
    styles_el = document.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    xml.remove_theme_fonts(rpr, FONT)
    xml.put(rpr, xml.el("w:sz", {"w:val": str(BODY_SIZE * 2)}))
    xml.put(rpr, xml.el("w:szCs", {"w:val": str(BODY_SIZE * 2)}))
    xml.put(rpr, xml.el("w:lang", {"w:val": "en-GB", "w:eastAsia": "en-GB",
                                   "w:bidi": "ar-SA"}))
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    xml.put(ppr, xml.el("w:spacing", {"w:after": "120", "w:line": "264",
                                      "w:lineRule": "auto"}))


def _style_element(document: WordDocument, spec: StyleSpec):  # type: ignore[no-untyped-def]
    styles_el = document.styles.element
    for node in styles_el.findall(qn("w:style")):
        if node.get(qn("w:styleId")) == spec.style_id:
            return node
    kind = WD_STYLE_TYPE.CHARACTER if spec.kind == "character" else WD_STYLE_TYPE.PARAGRAPH
    style = document.styles.add_style(spec.name, kind)
    node = style.element
    node.set(qn("w:styleId"), spec.style_id)
    node.set(qn("w:customStyle"), "0" if spec.name[0].islower() else "1")
    return node


def _apply(document: WordDocument, spec: StyleSpec) -> None:
    node = _style_element(document, spec)
    xml.put(node, xml.el("w:name", {"w:val": spec.name}))
    if spec.based_on:
        xml.put(node, xml.el("w:basedOn", {"w:val": spec.based_on}))
    if spec.next_style:
        xml.put(node, xml.el("w:next", {"w:val": spec.next_style}))
    xml.put(node, xml.el("w:qFormat"))
    for hidden in node.findall(qn("w:semiHidden")) + node.findall(qn("w:unhideWhenUsed")):
        node.remove(hidden)
    rpr = xml.props(node, "w:rPr")
    if node.find(qn("w:pPr")) is not None or spec.kind == "paragraph":
        ppr = xml.props(node, "w:pPr")
        # pPr must come before rPr inside w:style
        node.remove(ppr)
        xml.put(node, ppr)
    node.remove(rpr)
    xml.put(node, rpr)
    if spec.kind == "paragraph":
        ppr = node.find(qn("w:pPr"))
        if spec.before is not None or spec.after is not None:
            attrs = {}
            if spec.before is not None:
                attrs["w:before"] = str(int(spec.before * 20))
            if spec.after is not None:
                attrs["w:after"] = str(int(spec.after * 20))
            xml.put(ppr, xml.el("w:spacing", attrs))
        if spec.keep_next:
            xml.put(ppr, xml.el("w:keepNext"))
            xml.put(ppr, xml.el("w:keepLines"))
        if spec.left is not None:
            xml.put(ppr, xml.el("w:ind", {"w:left": str(spec.left),
                                          "w:hanging": str(spec.hanging or 0)}))
        if spec.outline is not None:
            xml.put(ppr, xml.el("w:outlineLvl", {"w:val": str(spec.outline)}))
        if spec.fill:
            xml.put(ppr, xml.shading(spec.fill))
        if spec.border_left:
            xml.put(ppr, xml.border_set("w:pBdr", ("left",), size=18, color="C9A400",
                                        space=6))
        if spec.border_bottom:
            xml.put(ppr, xml.border_set("w:pBdr", ("bottom",), size=12,
                                        color=spec.border_bottom, space=4))
        if spec.right_tab:
            number_tab = (spec.left or 0) + 709  # the title after the heading number
            tabs = xml.el("w:tabs", None,
                          xml.el("w:tab", {"w:val": "left", "w:pos": str(number_tab)}),
                          xml.el("w:tab", {"w:val": "right", "w:leader": "dot",
                                           "w:pos": str(TEXT_WIDTH)}))
            xml.put(ppr, tabs)
        if spec.edge_tab:
            xml.put(ppr, xml.el("w:tabs", None, xml.el("w:tab", {
                "w:val": "right", "w:pos": str(TEXT_WIDTH)})))
    # character formatting: explicit font instead of the template's theme fonts
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    if spec.kind == "paragraph":
        xml.remove_theme_fonts(rpr, FONT)
    if spec.size is not None:
        xml.put(rpr, xml.el("w:sz", {"w:val": str(round(spec.size * 2))}))
        xml.put(rpr, xml.el("w:szCs", {"w:val": str(round(spec.size * 2))}))
    for tag, value in (("w:b", spec.bold), ("w:i", spec.italic)):
        if value is not None:
            xml.put(rpr, xml.el(tag, None if value else {"w:val": "0"}))
            xml.put(rpr, xml.el(tag + "Cs", None if value else {"w:val": "0"}))
    if spec.color:
        xml.put(rpr, xml.el("w:color", {"w:val": spec.color}))
    if spec.underline:
        xml.put(rpr, xml.el("w:u", {"w:val": "single"}))
    for tag in ("w:spacing", "w:kern"):  # the template's Title letter-spacing
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)


def setup_styles(document: WordDocument) -> None:
    """Install the document defaults and every style in :data:`STYLES`."""
    _set_defaults(document)
    for spec in STYLES:
        _apply(document, spec)
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_SIZE)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    normal.paragraph_format.space_after = Twips(120)


def style_id(name: str) -> str:
    """The style id of one of our styles, by its name ("Clause Text" -> "ClauseText")."""
    for spec in STYLES:
        if spec.name == name or spec.style_id == name:
            return spec.style_id
    raise KeyError(name)
