"""Word fields: PAGE and NUMPAGES for "Page X of Y", SEQ for table numbers, and the TOC.

Each field is written as a complex field (``w:fldChar`` begin / ``w:instrText`` / separate /
cached result / end). The cached result is what a viewer shows before fields are updated:
the table of contents caches the heading list (numbers and titles, no page numbers), and the
settings ask Word to update every field when the file is opened, which fills in the pages.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from svdocs.writers.docx import xml

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'


def _char(kind: str, *, dirty: bool = False) -> xml.Element:
    attrs = {"w:fldCharType": kind}
    if dirty:
        attrs["w:dirty"] = "true"
    return xml.el("w:r", None, xml.el("w:fldChar", attrs))


def _instr(instruction: str) -> xml.Element:
    node = xml.el("w:instrText", {"xml:space": "preserve"})
    node.text = f" {instruction} "
    return xml.el("w:r", None, node)


def begin(paragraph: Paragraph, instruction: str, *, dirty: bool = False) -> None:
    """Open a field in ``paragraph`` and start its cached result."""
    p = paragraph._p
    p.append(_char("begin", dirty=dirty))
    p.append(_instr(instruction))
    p.append(_char("separate"))


def end(paragraph: Paragraph) -> None:
    paragraph._p.append(_char("end"))


def add_field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """A whole field inside one paragraph, e.g. ``PAGE`` with cached text ``1``."""
    begin(paragraph, instruction)
    paragraph._p.append(xml.text_run(cached))
    end(paragraph)


def add_page_x_of_y(paragraph: Paragraph) -> None:
    paragraph.add_run("Page ")
    add_field(paragraph, "PAGE \\* Arabic", "1")
    paragraph.add_run(" of ")
    add_field(paragraph, "NUMPAGES \\* Arabic", "1")


def add_toc(first: Paragraph, entries: list[tuple[int, str, str]],
            make_paragraph) -> Paragraph:  # type: ignore[no-untyped-def]
    """Write a TOC field starting in ``first``; ``entries`` are (level, number, title).

    ``make_paragraph(style_id)`` must append and return a new paragraph after the previous
    one. Returns the last paragraph of the field.
    """
    begin(first, TOC_INSTRUCTION, dirty=True)
    if not entries:
        first._p.append(xml.text_run(
            "Update this field (right-click, Update Field) to list the contents."))
        end(first)
        return first
    paragraph = first
    for i, (level, number, title) in enumerate(entries):
        if i:
            paragraph = make_paragraph(f"TOC{min(level, 3)}")
        else:
            ppr = paragraph._p.get_or_add_pPr()
            xml.put(ppr, xml.el("w:pStyle", {"w:val": f"TOC{min(level, 3)}"}))
        run = paragraph._p
        if number:
            run.append(xml.text_run(number))
            run.append(xml.el("w:r", None, xml.el("w:tab")))
        run.append(xml.text_run(title))
    end(paragraph)
    return paragraph


def request_update_on_open(settings_element) -> None:  # type: ignore[no-untyped-def]
    """Ask Word to refresh all fields (TOC pages, PAGE, NUMPAGES) when the file opens."""
    xml.put(settings_element, xml.el("w:updateFields", {"w:val": "true"}))
    for node in settings_element.findall(qn("w:savePreviewPicture")):
        settings_element.remove(node)
