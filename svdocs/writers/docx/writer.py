"""The DOCX rule table: how each kind of item becomes Word paragraphs and tables."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx import Document as new_word_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.section import Section
from docx.shared import Twips
from docx.text.paragraph import Paragraph

from svdocs.core.model import Block, Document
from svdocs.writers import marks
from svdocs.writers.base import BlockWriter, display_title, facts, subtitle, toc_entries, wants_toc
from svdocs.writers.docx import bookmarks, fields, properties, tables, xml
from svdocs.writers.docx.numbering import OUTLINE_LEVELS, ClauseNumbering
from svdocs.writers.docx.styles import LANDSCAPE_TEXT_WIDTH, TEXT_WIDTH, setup_styles
from svdocs.writers.items import ListGroup, Table, clean_text, runs_of, safe_href

PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838  # A4 in twips
MARGIN = (PAGE_WIDTH - TEXT_WIDTH) // 2
PARAGRAPH_STYLE = {1: "ClauseText", 2: "SubclauseText", 3: "LetteredItem"}  # style ids


class DocxWriter(BlockWriter):
    """Render a document as a Word file with styles, numbering, fields and properties."""

    def begin(self) -> None:
        self.word = new_word_document()
        body = self.word.element.body
        for p in list(body.iterchildren(xml.qn("w:p"))):  # the template's empty paragraph
            body.remove(p)
        setup_styles(self.word)
        self.numbering = ClauseNumbering(self.word)
        self.text_indent = OUTLINE_LEVELS[0][3]  # where the text of the last clause starts
        self.break_before_next = False
        self.back_to_portrait = False  # the last table was on a landscape page
        self._page_setup()
        self._header_footer()
        self._title_block()
        if wants_toc(self.doc):
            self._toc()

    def end(self) -> bytes:
        fields.request_update_on_open(self.word.settings.element)
        when = properties.timestamp(self.doc)
        properties.set_core_properties(self.word, self.doc, when)
        extra = marks.mark_properties(self.doc, self.segments) if self.segments else {}
        properties.set_custom_properties(self.word, self.doc, extra)
        properties.drop_template_leftovers(self.word)
        buffer = io.BytesIO()
        self.word.save(buffer)
        return _stable_zip(buffer.getvalue(), when.timetuple()[:6])

    # ----------------------------------------------------------------- provenance marks

    def open_mark(self, segment: Any) -> None:
        body = self.word.element.body
        tail = len(body) and body[-1].tag == xml.qn("w:sectPr")  # paragraphs go before it
        self._mark_from = len(body) - (1 if tail else 0)

    def close_mark(self, segment: Any) -> None:
        """Bookmark the segment: start in its first paragraph, end in its last."""
        body = self.word.element.body
        added = [el for el in list(body)[self._mark_from:] if el.tag != xml.qn("w:sectPr")]
        paragraphs = [p for el in added for p in el.iter(xml.qn("w:p"))]
        if not paragraphs:
            return
        bookmarks.wrap(paragraphs[0], paragraphs[-1], segment.bookmark, segment.n)

    # ----------------------------------------------------------------- page furniture

    def _page_setup(self, section: Section | None = None, *, landscape: bool = False) -> None:
        section = section or self.word.sections[0]
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Twips(PAGE_HEIGHT), Twips(PAGE_WIDTH)
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Twips(MARGIN))
        section.header_distance = section.footer_distance = Twips(709)

    def _header_footer(self, section: Section | None = None, width: int = TEXT_WIDTH) -> None:
        """Title and reference in the header; authority and "Page X of Y" in the footer."""
        section = section or self.word.sections[0]
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        props = self.doc.properties
        title = display_title(self.doc)
        contract = subtitle(self.doc)
        left = f"{title} \u2013 {contract}" if contract and contract != title else title
        reference = clean_text(str(props.get("reference") or ""))
        header = section.header.paragraphs[0]
        xml.set_style(header._p, "Header")
        header.add_run(left)
        if reference:
            header.add_run(f"\tRef: {reference}")
        xml.put(header._p.get_or_add_pPr(),
                xml.border_set("w:pBdr", ("bottom",), size=4, color="808080", space=4))
        footer = section.footer.paragraphs[0]
        xml.set_style(footer._p, "Footer")
        footer.add_run(clean_text(str(props.get("authority") or "")))
        footer.add_run("\t")
        fields.add_page_x_of_y(footer)
        if width != TEXT_WIDTH:  # move the right-hand tab to this page's margin
            for p in (header, footer):
                xml.put(p._p.get_or_add_pPr(), xml.el(
                    "w:tabs", None,
                    xml.el("w:tab", {"w:val": "clear", "w:pos": str(TEXT_WIDTH)}),
                    xml.el("w:tab", {"w:val": "right", "w:pos": str(width)})))

    def _new_section(self, *, landscape: bool) -> None:
        """Start a new page in the given orientation, with its own header and footer."""
        section = self.word.add_section(WD_SECTION.NEW_PAGE)
        self._page_setup(section, landscape=landscape)
        self._header_footer(section, LANDSCAPE_TEXT_WIDTH if landscape else TEXT_WIDTH)
        self.break_before_next = False

    def _title_block(self) -> None:
        self._add("Title", display_title(self.doc))
        sub = subtitle(self.doc)
        if sub:
            self._add("Subtitle", sub)
        rows = facts(self.doc)
        if rows:
            tables.add_fact_table(self.word, rows)
            self._add("BodyText")

    def _toc(self) -> None:
        self._add("TOCHeading", "Contents")
        entries = [(b.level, clean_text(b.number or ""), clean_text(b.text))
                   for b in toc_entries(self.doc, depth=3)]
        first = self.word.add_paragraph()

        fields.add_toc(first, entries, self._add)
        self.break_before_next = True

    # ----------------------------------------------------------------- text

    def _restore_portrait(self) -> None:
        if self.back_to_portrait:
            self.back_to_portrait = False
            self._new_section(landscape=False)

    def _add(self, style_id: str, text: str = "") -> Paragraph:
        """Append a paragraph with a style given by its id."""
        self._restore_portrait()
        paragraph = self.word.add_paragraph(text)
        xml.set_style(paragraph._p, style_id)
        return paragraph

    def _paragraph(self, block: Block, style: str) -> Paragraph:
        paragraph = self._add(style)
        if self.break_before_next:
            paragraph.paragraph_format.page_break_before = True
            self.break_before_next = False
        self.fill(paragraph, block)
        return paragraph

    def fill(self, paragraph: Paragraph, block: Block) -> None:
        """Write a block's runs (bold, italic, links) into ``paragraph``."""
        for run in runs_of(block):
            href = safe_href(run.href)
            if href and not href.startswith("#"):
                self._hyperlink(paragraph, run.text, href, run.bold, run.italic)
                continue
            r = paragraph.add_run(run.text)
            if run.bold:
                r.bold = True
            if run.italic:
                r.italic = True

    def _hyperlink(self, paragraph: Paragraph, text: str, href: str, bold: bool,
                   italic: bool) -> None:
        rid = paragraph.part.relate_to(href, RT.HYPERLINK, is_external=True)
        link = xml.el("w:hyperlink", {"r:id": rid, "w:history": "1"})
        rpr = xml.el("w:rPr", None, xml.el("w:rStyle", {"w:val": "Hyperlink"}))
        if bold:
            xml.put(rpr, xml.el("w:b"))
        if italic:
            xml.put(rpr, xml.el("w:i"))
        link.append(xml.text_run(text, rpr))
        paragraph._p.append(link)

    def render_heading(self, block: Block) -> None:
        level = max(1, min(block.level, 3))
        paragraph = self._paragraph(block, f"Heading{level}")
        ilvl = self.numbering.number(paragraph._p, block)
        if ilvl is not None:
            self.text_indent = OUTLINE_LEVELS[ilvl][3]

    def render_paragraph(self, block: Block) -> None:
        if not block.number:
            self._paragraph(block, "BodyText")
            return
        paragraph = self._paragraph(block, PARAGRAPH_STYLE.get(max(1, min(block.level, 3)),
                                                               "ClauseText"))
        ilvl = self.numbering.number(paragraph._p, block)
        if ilvl is not None and ilvl < 3:
            self.text_indent = OUTLINE_LEVELS[ilvl][3]

    def render_list(self, group: ListGroup) -> None:
        for block in group.items:
            if group.bullet or not block.number:
                paragraph = self._paragraph(block, "ListBullet" if group.bullet
                                            else "BodyText")
                if group.bullet:
                    self.numbering.bullet(paragraph._p, block.level)
                continue
            paragraph = self._paragraph(block, "LetteredItem")
            ilvl = self.numbering.number(paragraph._p, block)
            if ilvl == 3:
                # hang the letter under the text of the clause it belongs to
                xml.put(paragraph._p.get_or_add_pPr(), xml.el(
                    "w:ind", {"w:left": str(self.text_indent + 567), "w:hanging": "567"}))

    def render_table(self, table: Table) -> None:
        """A table with its caption; one too wide for a portrait page gets a landscape one."""
        landscape = tables.needs_landscape(table.texts())
        if landscape and not self.back_to_portrait:
            self._new_section(landscape=True)
        elif not landscape:
            self._restore_portrait()
        self.back_to_portrait = False
        if table.caption:
            caption = self._add("Caption")
            if self.break_before_next:
                caption.paragraph_format.page_break_before = True
                self.break_before_next = False
            caption.add_run("Table ")
            fields.add_field(caption, "SEQ Table \\* ARABIC", str(table.ordinal))
            caption.add_run(f": {table.caption}")
        tables.add_table(self.word, table, self.fill,
                         LANDSCAPE_TEXT_WIDTH if landscape else TEXT_WIDTH)
        if landscape:
            self.back_to_portrait = True  # once more content follows, not after the last table
        else:
            self._add("BodyText")  # breathing space after the table

    def render_note(self, block: Block) -> None:
        paragraph = self._add("DraftingNote")
        label = paragraph.add_run("Drafting note: ")
        label.bold = True
        if block.number:
            paragraph.add_run(f"{clean_text(block.number)} ")
        self.fill(paragraph, block)


def _stable_zip(data: bytes, when: tuple[int, ...]) -> bytes:
    """Rewrite the package with fixed member times, so equal input gives equal bytes."""
    stamp = tuple(max(v, floor) for v, floor in zip(when, (1980, 1, 1, 0, 0, 0), strict=True))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fresh = zipfile.ZipInfo(info.filename, date_time=stamp)  # type: ignore[arg-type]
            fresh.compress_type = zipfile.ZIP_DEFLATED
            fresh.external_attr = 0o600 << 16
            dst.writestr(fresh, src.read(info.filename))
    return out.getvalue()


def render_docx(doc: Document, *, notes: bool = False) -> bytes:
    return DocxWriter(doc, notes=notes).write()
