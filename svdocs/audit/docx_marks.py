"""Reading the provenance marks of a Word file: bookmarks ``_svc_`` / ``_svt_`` / ``_svk_``
round paragraphs, and the ``svdocs.mark.<n>`` and ``svdocs.inputs.<n>`` custom properties.

The text is read as it would be with every tracked change accepted: inserted runs
(``w:ins``, ``w:moveTo``) count, deleted ones (``w:del``, ``w:moveFrom``, ``w:delText``) do
not, and a segment with any of them is reported as having pending changes. A paragraph
belongs to the mark that is open when its first text comes, so a bookmark end that an editor
moved to the start of the next paragraph does not pull that paragraph in.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lxml import etree

from svdocs.audit.found import Found, FoundSegment, Tracker
from svdocs.core.errors import InputError
from svdocs.core.limits import Limits
from svdocs.readers.docx_package import DocxPackage
from svdocs.writers import marks

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_PENDING = {f"{{{W}}}{t}" for t in ("ins", "del", "moveFrom", "moveTo")}
_DROPPED = {f"{{{W}}}{t}" for t in ("del", "moveFrom")}
#: Paragraph style ids of generated furniture that belongs to no clause, as svdocs writes
#: them and as LibreOffice renames them ("Caption1", "Contents1", "ContentsHeading").
_FURNITURE = ("title", "subtitle", "tocheading", "draftingnote", "factlabel")
_FURNITURE_PREFIXES = ("toc", "contents", "caption")
_NAME = re.compile(r"^_sv([ctk])_(?:.*_)?(\d+)$")


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def custom_properties(pkg: DocxPackage) -> dict[str, str]:
    root = pkg.xml_if_present("docProps/custom.xml") if pkg.has("docProps/custom.xml") else None
    out: dict[str, str] = {}
    if root is None:
        return out
    for prop in root.iter(f"{{{CUSTOM}}}property"):
        name = prop.get("name")
        value = next((c.text or "" for c in prop if isinstance(c.tag, str)), "")
        if name:
            out[name] = value
    return out


def _inputs(props: dict[str, str]) -> dict[str, Any] | None:
    keys = sorted(k for k in props if k.startswith(marks.INPUTS_PROPERTY + "."))
    if not keys:
        return None
    try:
        data = json.loads("".join(props[k] for k in keys))
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _style(p: etree._Element) -> str:
    node = p.find(f"{_q('pPr')}/{_q('pStyle')}")
    return (node.get(_q("val")) or "") if node is not None else ""


def _furniture(p: etree._Element) -> bool:
    style = _style(p).lower()
    return style in _FURNITURE or style.startswith(_FURNITURE_PREFIXES)


def _dropped(node: etree._Element, stop: etree._Element) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in _DROPPED:
            return True
        parent = parent.getparent()
    return False


def read_docx_marks(data: bytes, path: str, limits: Limits) -> Found:
    pkg = DocxPackage(data, path, limits)
    root = pkg.xml(pkg.main_part)
    body = root.find(_q("body"))
    if body is None:
        raise InputError("not a Word document (no body)", path)
    props = custom_properties(pkg)
    found = Found(path=path, format="docx", inputs=_inputs(props))
    records: dict[int, dict[str, Any]] = {}
    for name, value in props.items():
        if name.startswith(marks.MARK_PROPERTY) and name[len(marks.MARK_PROPERTY):].isdigit():
            parsed = marks.parse_property_value(value)
            if parsed:
                records[int(name[len(marks.MARK_PROPERTY):])] = parsed
    by_id: dict[str, FoundSegment] = {}  # bookmark w:id -> segment
    by_n: dict[int, FoundSegment] = {}
    open_ids: list[str] = []
    tracker = Tracker(found)
    fact_tables = [tbl for tbl in body.iter(_q("tbl"))
                   if any(_style(p) == "FactLabel" for p in tbl.iter(_q("p")))]

    def in_fact_table(p: etree._Element) -> bool:
        return any(p in tbl.iter(_q("p")) for tbl in fact_tables) if fact_tables else False

    def start(node: etree._Element) -> None:
        m = _NAME.match(node.get(_q("name")) or "")
        if not m:
            return
        n = int(m.group(2))
        kind = {"c": "clause", "t": "text", "k": "kpi-table"}[m.group(1)]
        segment = by_n.get(n)
        if segment is None:
            rec = records.get(n) or {}
            if rec.get("kind") not in (None, kind):
                rec = {}
            segment = FoundSegment(kind, rec.get("id"), rec.get("version"), rec.get("hash"), n=n)
            if kind == "clause" and segment.clause_id is None:
                segment.clause_id = (node.get(_q("name")) or "")[5:].rsplit("_", 1)[0]
                segment.clause_id = segment.clause_id.replace("_", "-") or None
            by_n[n] = segment
            found.segments.append(segment)
        ident = node.get(_q("id")) or ""
        by_id[ident] = segment
        open_ids.append(ident)

    def end(node: etree._Element) -> None:
        ident = node.get(_q("id")) or ""
        if ident in open_ids:
            open_ids.remove(ident)

    def current() -> FoundSegment | None:
        return by_id[open_ids[-1]] if open_ids else None

    fields: list[str] = []  # instructions of the complex fields open here (TOC, SEQ ...)
    for p in body.iter(_q("p")):
        skip = _furniture(p) or in_fact_table(p)
        texts: list[str] = []
        owner: FoundSegment | None = None
        seen_text = False
        pending = False
        for node in p.iter():
            tag = node.tag
            if tag == _q("fldChar"):
                kind = node.get(_q("fldCharType"))
                if kind == "begin":
                    fields.append("")
                elif kind == "end" and fields:
                    fields.pop()
            elif tag == _q("instrText") and fields:
                fields[-1] += node.text or ""
            elif tag == _q("fldSimple") and (node.get(_q("instr")) or "").strip().startswith(
                    ("TOC", "SEQ")):
                skip = True
            elif tag == _q("t") and any(f.strip().startswith(("TOC", "SEQ")) for f in fields):
                skip = True  # a table of contents, or a caption's table number
            if tag == _q("bookmarkStart"):
                start(node)
            elif tag == _q("bookmarkEnd"):
                end(node)
            elif tag in _PENDING:
                pending = True
            elif tag == _q("t") and not _dropped(node, p):
                if not seen_text and (node.text or "").strip():
                    seen_text = True
                    owner = current()
                texts.append(node.text or "")
            elif tag in (_q("tab"), _q("br"), _q("cr")) and not _dropped(node, p):
                texts.append(" ")
            elif tag == _q("p") and node is not p:
                break  # a paragraph inside a text box: read on its own
        if skip or not seen_text:
            continue
        tracker.add(owner, "".join(texts), pending)
    if not found.segments:
        raise InputError("no svdocs provenance marks (bookmarks _svc_...): the file was not "
                         "assembled by svdocs, or its marks were removed", path)
    return found
