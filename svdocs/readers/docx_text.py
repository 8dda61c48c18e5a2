"""The text of one Word paragraph as Word displays it, piece by piece.

:func:`paragraph_segments` returns the ordered ``(element, start, end)`` pieces whose text,
joined, is exactly the block text the DOCX reader gives that paragraph, so a tool (the
annotator) can split runs at any character offset. What counts as displayed text:

* ``w:t`` text, ``w:tab``/``w:ptab`` as a tab, ``w:br``/``w:cr`` as a line break,
  ``w:noBreakHyphen`` as a hyphen (``w:softHyphen`` shows nothing);
* tracked changes accepted: ``w:ins`` and ``w:moveTo`` kept, ``w:del``/``w:delText`` and
  ``w:moveFrom`` dropped;
* fields show their result: ``w:fldSimple`` children kept; for complex fields the text
  between ``fldChar begin`` and ``separate`` (the code, ``w:instrText``) is dropped and the
  text between ``separate`` and ``end`` (the result) kept; nested fields likewise;
* content controls (``w:sdt``) show their content, hyperlinks their text, math its ``m:t``;
* hidden text (``w:vanish`` set on the run) is not shown;
* text boxes anchored in the paragraph are not part of it: they are paragraphs of their own
  (:func:`collect` reports them so the reader can place them after the paragraph);
* comments are never text; their anchors are reported as markers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_P = w("p")
W_R = w("r")
W_T = w("t")
W_TAB = w("tab")
W_PTAB = w("ptab")
W_BR = w("br")
W_CR = w("cr")
W_NBH = w("noBreakHyphen")
W_FLDCHAR = w("fldChar")
W_RPR = w("rPr")
W_VANISH = w("vanish")
W_SDT = w("sdt")
W_SDTCONTENT = w("sdtContent")
W_HYPERLINK = w("hyperlink")
W_CSTART = w("commentRangeStart")
W_CEND = w("commentRangeEnd")
W_CREF = w("commentReference")
W_FOOTREF = w("footnoteReference")
W_ENDREF = w("endnoteReference")
W_TXBX = w("txbxContent")
W_VAL = w("val")
W_ID = w("id")
W_FLDCHARTYPE = w("fldCharType")
W_RUBY = w("ruby")
W_RUBYBASE = w("rubyBase")
MC_ALT = f"{{{MC_NS}}}AlternateContent"
MC_CHOICE = f"{{{MC_NS}}}Choice"
M_T = f"{{{M_NS}}}t"
R_ID = f"{{{R_NS}}}id"

_NEWLINE = {W_BR, W_CR}
_TABS = {W_TAB, W_PTAB}
#: Elements whose whole subtree is never displayed text (tracked deletions, properties...).
_SKIP = {w(t) for t in (
    "pPr", "rPr", "del", "moveFrom", "sdtPr", "sdtEndPr", "bookmarkStart", "bookmarkEnd",
    "proofErr", "permStart", "permEnd", "moveFromRangeStart", "moveFromRangeEnd",
    "moveToRangeStart", "moveToRangeEnd", "customXmlPr", "smartTagPr", "rubyPr", "rt",
    "delText", "delInstrText", "instrText", "lastRenderedPageBreak", "softHyphen", "sym",
    "annotationRef", "footnoteRef", "endnoteRef", "separator", "continuationSeparator",
    "fldData", "object", "contentPart",
)} | {f"{{{M_NS}}}{t}" for t in ("rPr", "ctrlPr", "oMathParaPr", "fPr", "dPr", "naryPr",
                                 "sSubPr", "sSupPr", "radPr", "funcPr", "accPr", "barPr")}
#: Run children that may hold text boxes.
_DRAWINGS = {w("drawing"), w("pict"), MC_ALT}


@dataclass
class ParagraphText:
    """What :func:`collect` finds in one paragraph."""

    text: str
    segments: list[tuple[etree._Element, int, int]]
    #: ("comment-start" | "comment-end" | "comment-ref" | "footnote" | "endnote", id, offset)
    markers: list[tuple[str, str, int]] = field(default_factory=list)
    #: text box contents (``w:txbxContent``) anchored in the paragraph, in order
    textboxes: list[etree._Element] = field(default_factory=list)
    #: hyperlinks: (start, end, relationship id or "", anchor or "")
    links: list[tuple[int, int, str, str]] = field(default_factory=list)


def paragraph_segments(p: etree._Element) -> list[tuple[etree._Element, int, int]]:
    """The ``(element, start, end)`` pieces of ``p``'s displayed text, in order.

    ``"".join(text of each piece)`` equals the DOCX reader's block text for ``p``: the text of
    a ``w:t`` (or ``m:t``) element is its ``.text``; a tab element stands for ``"\\t"``, a break
    for ``"\\n"``, a non-breaking hyphen for ``"-"``.
    """
    return collect(p).segments


def collect(p: etree._Element, *, segments: bool = True) -> ParagraphText:
    """Walk one paragraph (or any run container) and return its text and markers
    (``segments=False`` leaves :attr:`ParagraphText.segments` empty, which is faster)."""
    c = _Collector(segments)
    c.walk(p)
    return ParagraphText("".join(c.pieces), c.segments, c.markers, c.textboxes, c.links)


class _Collector:
    __slots__ = ("fields", "hidden_fields", "keep", "links", "markers", "pieces", "pos",
                 "segments", "textboxes")

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self.pieces: list[str] = []
        self.segments: list[tuple[etree._Element, int, int]] = []
        self.markers: list[tuple[str, str, int]] = []
        self.textboxes: list[etree._Element] = []
        self.links: list[tuple[int, int, str, str]] = []
        self.pos = 0
        self.fields: list[bool] = []  # one entry per open complex field: True once in result
        self.hidden_fields = 0  # open fields still in their code part

    def _add(self, el: etree._Element, text: str) -> None:
        if not text or self.hidden_fields:
            return
        end = self.pos + len(text)
        if self.keep:
            self.segments.append((el, self.pos, end))
        self.pieces.append(text)
        self.pos = end

    def walk(self, el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag == W_R:
                self.run(child)
            elif tag in _SKIP or not isinstance(tag, str):
                continue
            elif tag == W_HYPERLINK:
                start = self.pos
                self.walk(child)
                if self.pos > start:
                    self.links.append((start, self.pos, child.get(R_ID) or "",
                                       child.get(w("anchor")) or ""))
            elif tag == W_CSTART:
                self.markers.append(("comment-start", child.get(W_ID) or "", self.pos))
            elif tag == W_CEND:
                self.markers.append(("comment-end", child.get(W_ID) or "", self.pos))
            elif tag == MC_ALT:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self.walk(choice)
            elif tag == W_SDT:
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    self.walk(content)
            elif tag == M_T:
                self._add(child, child.text or "")
            elif tag == W_TXBX:
                self.textboxes.append(child)
            elif tag.endswith("Pr") or tag.endswith("PrChange"):
                continue
            else:  # w:ins, w:moveTo, w:smartTag, w:customXml, w:fldSimple, w:dir, math...
                self.walk(child)

    def run(self, r: etree._Element) -> None:
        hidden = False
        if len(r) and r[0].tag == W_RPR:
            for prop in r[0]:
                if prop.tag == W_VANISH:
                    hidden = (prop.get(W_VAL) or "true") not in ("0", "false", "off")
        for rc in r:
            tag = rc.tag
            if tag == W_T:
                if not hidden:
                    self._add(rc, rc.text or "")
            elif tag == W_FLDCHAR:
                self.field_char(rc.get(W_FLDCHARTYPE))
            elif hidden:
                continue
            elif tag in _TABS:
                self._add(rc, "\t")
            elif tag in _NEWLINE:
                self._add(rc, "\n")
            elif tag == W_NBH:
                self._add(rc, "-")
            elif tag in _SKIP:
                continue
            elif tag == W_CREF:
                self.markers.append(("comment-ref", rc.get(W_ID) or "", self.pos))
            elif tag == W_FOOTREF:
                if not self.hidden_fields:
                    self.markers.append(("footnote", rc.get(W_ID) or "", self.pos))
            elif tag == W_ENDREF:
                if not self.hidden_fields:
                    self.markers.append(("endnote", rc.get(W_ID) or "", self.pos))
            elif tag in _DRAWINGS:
                if not self.hidden_fields:
                    self.textboxes.extend(_outer_textboxes(rc))
            elif tag == W_RUBY:
                base = rc.find(W_RUBYBASE)
                if base is not None:
                    self.walk(base)

    def field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(False)
            self.hidden_fields += 1
        elif kind == "separate":
            if self.fields and not self.fields[-1]:
                self.fields[-1] = True
                self.hidden_fields -= 1
        elif kind == "end" and self.fields and not self.fields.pop():
            self.hidden_fields -= 1


def _outer_textboxes(el: etree._Element) -> list[etree._Element]:
    """Text boxes in a drawing, taking only the preferred branch of mc:AlternateContent and
    leaving out text boxes nested in other text boxes (they are found when those are read)."""
    if el.tag == MC_ALT:
        choice = el.find(MC_CHOICE)
        if choice is None:
            return []
        el = choice
    out = []
    for box in el.iter(W_TXBX):
        inner = False
        for anc in box.iterancestors():
            if anc is el:
                break
            if anc.tag == W_TXBX:
                inner = True
                break
        if not inner:
            out.append(box)
    return out
