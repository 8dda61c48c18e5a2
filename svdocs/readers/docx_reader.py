"""DOCX as Word displays it: one walk over the XML with lxml, in reading order.

Order of blocks: the headers (each header part once, part ``"header"``), then the body, where
each paragraph is followed by the text boxes anchored in it (part ``"textbox"``) and by the
footnotes it references (part ``"footnote"``); then the endnotes (``"endnote"``) and the footers
(``"footer"``). Tables give one ``TABLE_CELL`` block per cell (a merged cell once), its
paragraphs joined by newlines, followed by any tables nested in it.

Every block records ``meta["docx_part"]`` (the zip part) and ``meta["docx_p"]`` (the index of
its ``w:p`` among all ``w:p`` of that part in document order); a multi-paragraph cell also
records ``meta["docx_spans"]``: ``[{"docx_p", "start", "end"}]``, the place of each paragraph
in the block text. Numbered paragraphs carry ``number`` as Word shows it ("4.2", "(b)") and
``meta["clause_ref"]``, the full citation ("4.2(b)").
"""

from __future__ import annotations

import gc
import re
from pathlib import Path
from typing import Any

from lxml import etree

from svdocs.core.errors import InputError
from svdocs.core.limits import Limits
from svdocs.core.model import BlockKind, Document, SourceRef, TableRef
from svdocs.readers.common import DocumentBuilder, read_input_bytes
from svdocs.readers.docx_numbering import Numbering, Styles, to_int
from svdocs.readers.docx_package import DocxPackage, Relationship
from svdocs.readers.docx_text import (
    MC_ALT,
    MC_CHOICE,
    R_ID,
    W_NS,
    W_P,
    W_SDT,
    W_SDTCONTENT,
    W_VAL,
    ParagraphText,
    collect,
    w,
)
from svdocs.readers.heading_text import reads_as_heading

W_DOCUMENT = w("document")
W_BODY = w("body")
W_TBL = w("tbl")
W_TR = w("tr")
W_TC = w("tc")
W_TCPR = w("tcPr")
W_TRPR = w("trPr")
W_GRIDSPAN = w("gridSpan")
W_GRIDBEFORE = w("gridBefore")
W_VMERGE = w("vMerge")
W_HMERGE = w("hMerge")
W_TBLHEADER = w("tblHeader")
W_PPR = w("pPr")
W_PSTYLE = w("pStyle")
W_NUMPR = w("numPr")
W_NUMID = w("numId")
W_ILVL = w("ilvl")
W_OUTLINELVL = w("outlineLvl")
W_RPR = w("rPr")
W_DEL = w("del")
W_CUSTOMXML = w("customXml")
W_ALTCHUNK = w("altChunk")
W_SECTPR = w("sectPr")
W_HEADERREF = w("headerReference")
W_FOOTERREF = w("footerReference")
W_FOOTNOTE = w("footnote")
W_ENDNOTE = w("endnote")
W_COMMENT = w("comment")
W_ID = w("id")
W_AUTHOR = w("author")
W_TYPE = w("type")
W_INS = w("ins")
W_MOVETO = w("moveTo")
STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def read_docx_file(path: Path, limits: Limits) -> Document:
    if path.suffix.lower() in (".doc", ".dot"):
        raise InputError("legacy Word .doc file: open it in Word and save it as .docx",
                         str(path))
    data = read_input_bytes(path, limits)
    return parse_docx(data, path=str(path), limits=limits)


def parse_docx(data: bytes, *, path: str | None = None, limits: Limits | None = None) -> Document:
    """Read DOCX bytes into a :class:`Document`."""
    limits = limits or Limits.default()
    # the walk makes many short-lived lxml proxies; the cyclic GC only slows it down
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_docx(data, path, limits)
    finally:
        if enabled:
            gc.enable()


def _parse_docx(data: bytes, path: str | None, limits: Limits) -> Document:
    pkg = DocxPackage(data, path, limits)
    root = pkg.xml(pkg.main_part)
    if root.tag != W_DOCUMENT:
        if isinstance(root.tag, str) and root.tag.startswith(f"{{{STRICT_NS}}}"):
            raise InputError("Strict Open XML document: save it in Word as a standard .docx",
                             path)
        raise InputError(f"not a Word document (the main part {pkg.main_part} is not a "
                         "word-processing document)", path)
    return _DocxReader(pkg, root, path, limits).read()


class _DocxReader:
    def __init__(self, pkg: DocxPackage, root: etree._Element, path: str | None,
                 limits: Limits) -> None:
        self.pkg = pkg
        self.root = root
        self.limits = limits
        self.builder = DocumentBuilder(path, limits)
        self.doc = self.builder.doc
        self.rels = pkg.rels(pkg.main_part)
        by_type: dict[str, Relationship] = {}
        for rel in self.rels.values():
            by_type.setdefault(rel.type, rel)
        self.by_type = by_type
        self.styles = Styles(self._part_xml("styles"))
        self.numbering = Numbering(self._part_xml("numbering"), self.styles)
        self.comments = self._read_comments()
        self.notes_parts: dict[str, str] = {}  # "footnote" / "endnote" -> zip part name
        self.footnotes = self._read_notes("footnotes", W_FOOTNOTE)
        self.endnotes = self._read_notes("endnotes", W_ENDNOTE)
        self.notes_done: set[tuple[str, str]] = set()
        self.p_index: dict[str, dict[etree._Element, int]] = {}
        self.word_index: dict[str, dict[etree._Element, int]] = {}
        self.paragraphs = 0  # paragraphs visited, in reading order
        self.tables = 0
        self.open_comments: dict[str, int] = {}
        self.part_rels: dict[str, dict[str, Relationship]] = {pkg.main_part: self.rels}

    # ------------------------------------------------------------------ parts
    def _part_xml(self, rel_type: str) -> etree._Element | None:
        rel = self.by_type.get(rel_type)
        if rel is None or rel.external:
            return None
        return self.pkg.xml_if_present(rel.target)

    def _read_comments(self) -> dict[str, dict[str, str]]:
        root = self._part_xml("comments")
        out: dict[str, dict[str, str]] = {}
        if root is None:
            return out
        for c in root.iter(W_COMMENT):
            cid = c.get(W_ID)
            if cid is None:
                continue
            text = "\n".join(collect(p, segments=False).text for p in c.iter(W_P)).strip()
            out[cid] = {"author": c.get(W_AUTHOR) or "", "text": text}
        return out

    def _read_notes(self, rel_type: str, tag: str) -> dict[str, etree._Element]:
        rel = self.by_type.get(rel_type)
        root = self._part_xml(rel_type)
        out: dict[str, etree._Element] = {}
        if root is None or rel is None:
            return out
        self.notes_parts[rel_type.rstrip("s")] = rel.target
        for note in root.iter(tag):
            nid = note.get(W_ID)
            if nid is None or note.get(W_TYPE) in ("separator", "continuationSeparator",
                                                   "continuationNotice"):
                continue
            out[nid] = note
        return out

    def _word_index(self, part: str, p: etree._Element) -> int | None:
        """The paragraph's index as python-docx counts it (``Document.paragraphs``,
        ``section.header.paragraphs``): among the paragraphs directly in the body, header or
        footer; ``None`` for one in a table, text box, note or content control."""
        index = self.word_index.get(part)
        if index is None:
            root = p.getroottree().getroot()
            container = _child(root, W_BODY) if root.tag == W_DOCUMENT else root
            kids = [el for el in container if el.tag == W_P] if container is not None else []
            index = {el: i for i, el in enumerate(kids)}
            self.word_index[part] = index
        return index.get(p)

    def _index_of(self, part: str, p: etree._Element) -> int | None:
        index = self.p_index.get(part)
        if index is None:
            root = p.getroottree().getroot()
            index = {el: i for i, el in enumerate(root.iter(W_P))}
            self.p_index[part] = index
        return index.get(p)

    # ------------------------------------------------------------------ the walk
    def read(self) -> Document:
        doc = self.doc
        doc.properties["format"] = "docx"
        core = self.pkg.xml_if_present("docProps/core.xml")
        if core is not None:
            title = core.find(DC_TITLE)
            if title is not None and (title.text or "").strip():
                doc.title = (title.text or "").strip()
        body = self.root.find(W_BODY)
        if body is None:
            doc.warnings.append("the document has no body")
            return doc
        sections = list(body.iter(W_SECTPR))
        self._header_footer(sections, W_HEADERREF, "header")
        self.builder.reset_outline()
        self._container(body, self.pkg.main_part, "body", 0, None)
        for nid, note in self.endnotes.items():
            if ("endnote", nid) not in self.notes_done:
                self._note("endnote", nid, note)
        self.builder.reset_outline()
        self._header_footer(sections, W_FOOTERREF, "footer")
        if not doc.blocks:
            doc.warnings.append("the document has no text")
        if doc.title is None:
            first = next((b for b in doc.blocks if b.kind is BlockKind.HEADING), None)
            if first is not None and first.style and first.style.lower() == "title":
                doc.title = first.text
        return doc

    def _header_footer(self, sections: list[etree._Element], tag: str, part: str) -> None:
        seen: set[str] = set()
        for sect in sections:
            for ref in sect.findall(tag):
                rel = self.rels.get(ref.get(R_ID) or "")
                if rel is None or rel.external or rel.target in seen:
                    continue
                seen.add(rel.target)
                root = self.pkg.xml_if_present(rel.target)
                if root is None:
                    continue
                self.part_rels[rel.target] = self.pkg.rels(rel.target)
                self.builder.reset_outline()
                self._container(root, rel.target, part, 0, None)

    def _container(self, el: etree._Element, docx_part: str, part: str, depth: int,
                   cell: list[tuple[etree._Element, ParagraphText]] | None) -> None:
        """Block-level content: paragraphs, tables, content controls, custom XML."""
        for child in el:
            tag = child.tag
            if tag == W_P:
                self._paragraph(child, docx_part, part, cell)
            elif tag == W_TBL:
                self._table(child, docx_part, part, depth + 1)
            elif tag == W_SDT:
                content = _child(child, W_SDTCONTENT)
                if content is not None:
                    self._container(content, docx_part, part, depth, cell)
            elif tag in (W_CUSTOMXML, W_INS, W_MOVETO):
                self._container(child, docx_part, part, depth, cell)
            elif tag == MC_ALT:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self._container(choice, docx_part, part, depth, cell)
            elif tag == W_ALTCHUNK:
                self.doc.warnings.append("embedded foreign content (altChunk) was not read")

    def _paragraph(self, p: etree._Element, docx_part: str, part: str,
                   cell: list[tuple[etree._Element, ParagraphText]] | None) -> None:
        info = collect(p, segments=False)
        self.paragraphs += 1
        if self.paragraphs > self.limits.max_paragraphs:
            raise self.limits.exceeded("max_paragraphs", "too many paragraphs", self.doc.path)
        if cell is not None:
            cell.append((p, info))
            return
        self._emit_paragraph(p, info, docx_part, part)
        self._after(info, docx_part, part)

    def _after(self, info: ParagraphText, docx_part: str, part: str) -> None:
        """Text boxes and notes anchored in a paragraph come right after it."""
        for box in info.textboxes:
            self._container(box, docx_part, "textbox", 0, None)
        for kind, nid, _ in info.markers:
            if kind == "footnote" and nid in self.footnotes and ("footnote", nid) not in \
                    self.notes_done:
                self._note("footnote", nid, self.footnotes[nid])
            elif kind == "endnote" and nid in self.endnotes and ("endnote", nid) not in \
                    self.notes_done:
                self._note("endnote", nid, self.endnotes[nid])

    def _note(self, kind: str, nid: str, note: etree._Element) -> None:
        self.notes_done.add((kind, nid))
        part_name = self.notes_parts.get(kind, f"word/{kind}s.xml")
        saved = self.builder.save_outline()
        self._container(note, part_name, kind, 0, None)
        self.builder.restore_outline(saved)

    def _paragraph_props(self, p: etree._Element) -> tuple[str | None, str | None, int | None,
                                                           int | None, bool]:
        """(style id, numId, ilvl, outline level, paragraph mark deleted) from ``w:pPr``."""
        first = p[0] if len(p) else None
        if first is None or first.tag != W_PPR:
            return None, None, None, None, False
        style = num_id = None
        ilvl = outline = None
        deleted = False
        for child in first:  # one pass over w:pPr (find() is slow on large documents)
            tag = child.tag
            if tag == W_PSTYLE:
                style = child.get(W_VAL)
            elif tag == W_NUMPR:
                for sub in child:
                    if sub.tag == W_NUMID:
                        num_id = sub.get(W_VAL)
                    elif sub.tag == W_ILVL:
                        ilvl = to_int(sub.get(W_VAL))
            elif tag == W_OUTLINELVL:
                outline = to_int(child.get(W_VAL))
            elif tag == W_RPR:
                deleted = any(sub.tag == W_DEL for sub in child)
        return style, num_id, ilvl, outline, deleted

    def _describe(self, p: etree._Element, text: str) -> dict[str, Any]:
        """Kind, level, number and style of a paragraph; advances the list counters."""
        style_id, num_id, ilvl, outline, deleted = self._paragraph_props(p)
        style = self.styles.resolve(style_id)
        if outline is None or not 0 <= outline <= 8:
            outline = style.outline_level if outline is None else None
        label = None
        if num_id is None and style.num_id is not None:
            num_id = style.num_id
            if ilvl is None:
                ilvl = style.ilvl
        if num_id is not None and num_id != "0" and not (deleted and not text.strip()):
            if ilvl is None:
                ilvl = self.numbering.level_for_style(num_id, style_id)
            label = self.numbering.next_label(num_id, ilvl or 0)
        name = style.name
        if outline is None and "heading" in (name or "").lower():
            # house styles such as "GPS L1 SCHEDULE Heading" carry no outline level
            outline = label.level if label is not None and not label.bullet else 0
        heading = outline is not None or (name or "").lower() == "title"
        if heading and not reads_as_heading(text):
            # "GPS L2 Numbered Bold Heading" or a numbered "heading 2" holding a clause
            # ("6.9 Meetings will take place ..."): Word shows a clause, not a heading
            heading = False
        out: dict[str, Any] = {"style": name, "label": label}
        if heading:
            out["kind"] = BlockKind.HEADING
            out["level"] = (outline or 0) + 1
        elif label is not None and (label.bullet or label.lettered):
            out["kind"] = BlockKind.LIST_ITEM
            out["level"] = label.level
        else:
            out["kind"] = BlockKind.PARAGRAPH
            out["level"] = label.level if label is not None else 0
        return out

    def _meta(self, info: ParagraphText, docx_part: str, p_index: int | None) -> dict[str, Any]:
        meta: dict[str, Any] = {"docx_part": docx_part, "docx_p": p_index}
        comments = self._comments(info)
        if comments:
            meta["comments"] = comments
        if info.links:
            rels = self.part_rels.get(docx_part, {})
            links = []
            for start, end, rid, anchor in info.links:
                rel = rels.get(rid)
                href = rel.target if rel is not None and rel.external else None
                links.append({"start": start, "end": end,
                              "href": href or (f"#{anchor}" if anchor else None)})
            meta["links"] = links
        return meta

    def _comments(self, info: ParagraphText) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        starts = dict.fromkeys(self.open_comments, 0)
        for kind, cid, offset in info.markers:
            if kind == "comment-start":
                starts[cid] = offset
            elif kind == "comment-end" and cid in starts:
                out.append(self._comment(cid, starts.pop(cid), offset))
                self.open_comments.pop(cid, None)
            elif kind == "comment-ref" and cid not in starts and not any(
                c["id"] == cid for c in out
            ):
                out.append(self._comment(cid, offset, offset))
        for cid, start in starts.items():  # still open: runs on into the next paragraph
            out.append(self._comment(cid, start, len(info.text)))
            self.open_comments[cid] = 0
        return out

    def _comment(self, cid: str, start: int, end: int) -> dict[str, Any]:
        c = self.comments.get(cid, {"author": "", "text": ""})
        return {"id": cid, "start": start, "end": end, "text": c["text"], "author": c["author"]}

    def _emit_paragraph(self, p: etree._Element, info: ParagraphText, docx_part: str,
                        part: str) -> None:
        d = self._describe(p, info.text)
        if not info.text.strip():
            if any(m[0].startswith("comment") for m in info.markers):
                self._comments(info)  # keep comment ranges that cross empty paragraphs
            return
        label = d["label"]
        meta = self._meta(info, docx_part, self._index_of(docx_part, p))
        number = None if label is None or label.bullet else label.text
        if label is not None:
            if label.bullet:
                meta["bullet"] = True
            elif label.reference:
                meta["clause_ref"] = label.reference
        else:
            number = typed_number(info.text)
            if number is not None:
                meta["number_in_text"] = True
                meta["clause_ref"] = number
        self.builder.add(
            d["kind"], info.text, level=d["level"],
            number=number,
            source=SourceRef(part=part, paragraph=self._word_index(docx_part, p)),
            style=d["style"], meta=meta,
        )

    # ------------------------------------------------------------------ tables
    def _table(self, tbl: etree._Element, docx_part: str, part: str, depth: int,
               parent: int | None = None) -> None:
        if depth > self.limits.max_table_depth:
            raise self.limits.exceeded("max_table_depth", "tables nested too deeply",
                                       self.doc.path)
        index = self.tables
        self.tables += 1
        rows = list(_rows(tbl))
        marked = any(_is_header_row(r) for r in rows)
        for r, row in enumerate(rows):
            header = _is_header_row(row) if marked else r == 0
            col = 0
            trpr = _child(row, W_TRPR)
            if trpr is not None:
                before = _child(trpr, W_GRIDBEFORE)
                if before is not None:
                    col += max(to_int(before.get(W_VAL), 0) or 0, 0)
            for position, tc in enumerate(_cells(row)):
                span = 1
                tcpr = _child(tc, W_TCPR)
                merged = False
                if tcpr is not None:
                    gs = _child(tcpr, W_GRIDSPAN)
                    if gs is not None:
                        span = min(max(to_int(gs.get(W_VAL), 1) or 1, 1), 64)
                    vm = _child(tcpr, W_VMERGE)
                    if vm is not None and (vm.get(W_VAL) or "continue") == "continue":
                        merged = True
                    hm = _child(tcpr, W_HMERGE)
                    if hm is not None and (hm.get(W_VAL) or "continue") == "continue":
                        merged = True
                if not merged:
                    ref = TableRef(index, r, col, header=header, nested_in=parent,
                                   cell=position)
                    self._cell(tc, ref, span, docx_part, part, depth, index)
                col += span

    def _cell(self, tc: etree._Element, ref: TableRef, span: int, docx_part: str, part: str,
              depth: int, index: int) -> None:
        paragraphs: list[tuple[etree._Element, ParagraphText]] = []
        nested: list[etree._Element] = []
        self._cell_content(tc, paragraphs, nested, docx_part, part)
        texts: list[str] = []
        spans: list[dict[str, Any]] = []
        comments: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        first: dict[str, Any] | None = None
        first_p: etree._Element | None = None
        pos = 0
        for p, info in paragraphs:
            d = self._describe(p, info.text)
            if not info.text.strip():
                continue
            if texts:
                pos += 1  # the joining newline
            meta = self._meta(info, docx_part, self._index_of(docx_part, p))
            spans.append({"docx_p": meta["docx_p"], "start": pos, "end": pos + len(info.text)})
            for c in meta.get("comments", []):
                comments.append({**c, "start": c["start"] + pos, "end": c["end"] + pos})
            for link in meta.get("links", []):
                links.append({**link, "start": link["start"] + pos, "end": link["end"] + pos})
            texts.append(info.text)
            pos += len(info.text)
            if first is None:
                first, first_p = d, p
        if texts and first is not None and first_p is not None:
            label = first["label"]
            meta = {"docx_part": docx_part, "docx_p": spans[0]["docx_p"]}
            if len(spans) > 1:
                meta["docx_spans"] = spans
            if comments:
                meta["comments"] = comments
            if links:
                meta["links"] = links
            if span > 1:
                meta["col_span"] = span
            if label is not None and label.reference and not label.bullet:
                meta["clause_ref"] = label.reference
            self.builder.add(
                BlockKind.TABLE_CELL, "\n".join(texts), level=0,
                number=None if label is None or label.bullet else label.text,
                source=SourceRef(part=part),  # a cell: table, row and cell say where
                table=ref, style=first["style"], meta=meta,
            )
        for _, info in paragraphs:
            self._after(info, docx_part, part)
        for tbl in nested:
            self._table(tbl, docx_part, part, depth + 1, index)

    def _cell_content(self, el: etree._Element, paragraphs: list[tuple[etree._Element,
                      ParagraphText]], nested: list[etree._Element], docx_part: str,
                      part: str) -> None:
        for child in el:
            tag = child.tag
            if tag == W_P:
                self._paragraph(child, docx_part, part, paragraphs)
            elif tag == W_TBL:
                nested.append(child)
            elif tag == W_SDT:
                content = _child(child, W_SDTCONTENT)
                if content is not None:
                    self._cell_content(content, paragraphs, nested, docx_part, part)
            elif tag in (W_CUSTOMXML, W_INS, W_MOVETO):
                self._cell_content(child, paragraphs, nested, docx_part, part)


_TYPED_NUMBER_RE = re.compile(
    r"^[ \t]*((?:\d{1,3}\.)+\d{1,3}\.?|\d{1,3}\.?(?=\t)|\((?:[a-z]{1,2}|[ivxlc]{1,6})\))[ \t]+\S"
)


def typed_number(text: str) -> str | None:
    """A clause number typed at the start of a paragraph ("2.1\tThe Supplier..."), if any."""
    match = _TYPED_NUMBER_RE.match(text)
    return match.group(1).rstrip(".") if match else None


def _child(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child of ``el`` with ``tag`` (faster than ``find`` on lxml)."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def _children(el: etree._Element, tag: str) -> list[etree._Element]:
    """Children of ``el`` with ``tag``, looking through content controls and custom XML
    wrappers (a row or cell may sit inside a ``w:sdt``)."""
    out: list[etree._Element] = []
    for child in el:
        if child.tag == tag:
            out.append(child)
        elif child.tag in (W_SDT, W_CUSTOMXML):
            inner = _child(child, W_SDTCONTENT) if child.tag == W_SDT else child
            if inner is not None:
                out.extend(_children(inner, tag))
    return out


def _rows(tbl: etree._Element) -> list[etree._Element]:
    return _children(tbl, W_TR)


def _cells(row: etree._Element) -> list[etree._Element]:
    return _children(row, W_TC)


def _is_header_row(row: etree._Element) -> bool:
    trpr = _child(row, W_TRPR)
    if trpr is None:
        return False
    h = _child(trpr, W_TBLHEADER)
    return h is not None and (h.get(W_VAL) or "true") not in ("0", "false", "off")


__all__ = ["W_NS", "parse_docx", "read_docx_file", "typed_number"]
