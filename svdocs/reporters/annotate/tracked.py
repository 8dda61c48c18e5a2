"""Word tracked changes: replace a span of a paragraph, as a reviewer would with Track Changes on.

:func:`replace_span` splits the runs at the span's edges (as the comment anchoring does),
wraps the runs of the span in ``w:del`` (their ``w:t`` become ``w:delText``) and puts a
``w:ins`` after them holding the new text, in runs that copy the formatting of the first
deleted run. Pieces marked as placeholders are highlighted; line breaks in the new text are
``w:br``. Each change carries ``w:id`` (above every id already in the part), ``w:author`` and
``w:date``. Comment ranges and other markers between the runs stay where they are, so every
comment keeps its anchor. Accepting all changes gives the new text in place of the span;
rejecting them gives back the original text.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Sequence

from lxml import etree

from svdocs.readers.docx_text import W_NS, paragraph_segments
from svdocs.reporters.annotate.runs import AnchorError, ensure_boundary, runs_covering
from svdocs.reporters.annotate.suggested_text import Piece

_W = f"{{{W_NS}}}"
W_R = f"{_W}r"
W_T = f"{_W}t"
W_RPR = f"{_W}rPr"
W_DEL = f"{_W}del"
W_INS = f"{_W}ins"
W_ID = f"{_W}id"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
#: rPr children that come after w:highlight in the schema's order (CT_RPr)
_AFTER_HIGHLIGHT = {f"{_W}{t}" for t in (
    "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
    "eastAsianLayout", "specVanish", "oMath", "rPrChange")}
#: run content that becomes its deleted form inside w:del
_DELETED_FORM = {f"{_W}t": f"{_W}delText", f"{_W}instrText": f"{_W}delInstrText"}


class Revisions:
    """Ids, author and date for the tracked changes of one document part."""

    def __init__(self, root: etree._Element, author: str,
                 date: dt.datetime | None = None) -> None:
        ids = [int(v) for el in root.iter() if isinstance(el.tag, str)
               and (v := el.get(W_ID)) is not None and v.lstrip("-").isdigit()]
        self.next_id = max(ids, default=0) + 1
        self.author = author
        when = date or dt.datetime.now(dt.timezone.utc)
        self.date = when.astimezone(dt.timezone.utc).replace(microsecond=0, tzinfo=None) \
            .isoformat() + "Z"

    def element(self, tag: str) -> etree._Element:
        el = etree.Element(tag, nsmap={"w": W_NS})
        el.set(W_ID, str(self.next_id))
        el.set(f"{_W}author", self.author)
        el.set(f"{_W}date", self.date)
        self.next_id += 1
        return el


def _run_props(run: etree._Element | None, highlight: bool) -> etree._Element | None:
    source = run.find(W_RPR) if run is not None else None
    rpr = copy.deepcopy(source) if source is not None else etree.Element(W_RPR)
    for child in list(rpr):
        if child.tag in (f"{_W}rPrChange", f"{_W}highlight", f"{_W}vanish", f"{_W}del",
                         f"{_W}ins"):
            rpr.remove(child)
    if highlight:
        mark = etree.Element(f"{_W}highlight")
        mark.set(f"{_W}val", "yellow")
        later = next((c for c in rpr if c.tag in _AFTER_HIGHLIGHT), None)
        if later is not None:
            later.addprevious(mark)
        else:
            rpr.append(mark)
    return rpr if len(rpr) else None


def _runs(pieces: Iterable[Piece], model: etree._Element | None) -> list[etree._Element]:
    out: list[etree._Element] = []
    for piece in pieces:
        rpr = _run_props(model, piece.placeholder)
        run = etree.Element(W_R, nsmap={"w": W_NS})
        if rpr is not None:
            run.append(rpr)
        for k, line in enumerate(piece.text.split("\n")):
            if k:
                etree.SubElement(run, f"{_W}br")
            if line:
                t = etree.SubElement(run, W_T)
                t.text = line
                t.set(XML_SPACE, "preserve")
        out.append(run)
    return out


def _text_runs(first: etree._Element, last: etree._Element) -> list[list[etree._Element]]:
    """The runs from ``first`` to ``last`` (siblings), in groups of consecutive text runs;
    markers and comment reference runs between them are left out of every group."""
    if first.getparent() is not last.getparent():
        raise AnchorError("the span crosses a hyperlink, field or content control")
    groups: list[list[etree._Element]] = [[]]
    el: etree._Element | None = first
    while el is not None:
        if el.tag == W_R and el.find(f"{_W}commentReference") is None:
            groups[-1].append(el)
        elif groups[-1]:
            groups.append([])
        if el is last:
            break
        el = el.getnext()
    else:
        raise AnchorError("the span's runs are out of order")
    return [g for g in groups if g]


def replace_span(p: etree._Element, start: int, end: int, pieces: Sequence[Piece],
                 revisions: Revisions) -> None:
    """Replace ``[start, end)`` of paragraph ``p`` (its displayed text) by ``pieces`` as
    tracked changes; with ``start == end`` the pieces are only inserted there.

    Raises :class:`AnchorError` (the paragraph unchanged) when the span cannot be put on run
    boundaries of one container.
    """
    shown = "".join(_shown(el)[: b - a] for el, a, b in paragraph_segments(p))
    if not 0 <= start <= end <= len(shown):
        raise AnchorError("the span lies outside the paragraph")
    if start == end:
        _insert_at(p, start, len(shown), pieces, revisions)
        return
    ensure_boundary(p, start)
    ensure_boundary(p, end)
    first, last = runs_covering(p, start, end)
    groups = _text_runs(first, last)
    model = groups[0][0]
    for group in groups:
        wrapper = revisions.element(W_DEL)
        group[0].addprevious(wrapper)
        for run in group:
            wrapper.append(run)  # moves it
            for child in run.iter():
                deleted = _DELETED_FORM.get(child.tag)
                if deleted is not None:
                    child.tag = deleted
    ins = revisions.element(W_INS)
    for run in _runs(pieces, model):
        ins.append(run)
    groups[-1][-1].getparent().addnext(ins)


def _insert_at(p: etree._Element, offset: int, length: int, pieces: Sequence[Piece],
               revisions: Revisions) -> None:
    if 0 < offset < length:
        ensure_boundary(p, offset)
    segments = paragraph_segments(p)
    before = [el.getparent() for el, _, b in segments if b <= offset]
    before = [r for r in before if r is not None and r.tag == W_R]
    ins = revisions.element(W_INS)
    model = before[-1] if before else next(
        (el.getparent() for el, _, _ in segments if el.getparent() is not None
         and el.getparent().tag == W_R), None)
    for run in _runs(pieces, model):
        ins.append(run)
    if before:
        before[-1].addnext(ins)
        return
    ppr = p.find(f"{_W}pPr")
    if ppr is not None:
        ppr.addnext(ins)
    else:
        p.insert(0, ins)


def _shown(el: etree._Element) -> str:
    tag = etree.QName(el).localname
    return {"tab": "\t", "ptab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}.get(
        tag, el.text or "")


__all__ = ["Revisions", "replace_span"]
