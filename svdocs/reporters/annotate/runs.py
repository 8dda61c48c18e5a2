"""Split Word runs at character offsets and wrap a span of a paragraph in a comment range.

Offsets count the paragraph's displayed text exactly as the DOCX reader does
(:func:`svdocs.readers.docx_text.paragraph_segments`): tracked insertions kept, deletions
dropped, field results kept. Splitting a run copies it whole (``w:rPr`` and attributes
included) and shares its content between the two copies, so formatting and text are kept.
"""

from __future__ import annotations

import copy

from lxml import etree

from svdocs.readers.docx_text import W_NS, paragraph_segments

_W = f"{{{W_NS}}}"
W_R = f"{_W}r"
W_T = f"{_W}t"
W_RPR = f"{_W}rPr"
W_ID = f"{_W}id"
W_PPR = f"{_W}pPr"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class AnchorError(Exception):
    """The span cannot be anchored on run boundaries (the caller falls back)."""


def _content(run: etree._Element) -> list[etree._Element]:
    return [c for c in run if c.tag != W_RPR]


def _set_text(t: etree._Element, text: str) -> None:
    t.text = text
    if text[:1].isspace() or text[-1:].isspace():
        t.set(XML_SPACE, "preserve")


def _split_run(run: etree._Element, child_index: int, char: int) -> etree._Element:
    """Split ``run`` before its ``child_index``-th content child, at ``char`` characters into
    that child's text (0: before the child). Returns the new second run."""
    second = copy.deepcopy(run)
    first_kids, second_kids = _content(run), _content(second)
    if char > 0:
        t1, t2 = first_kids[child_index], second_kids[child_index]
        text = t1.text or ""
        _set_text(t1, text[:char])
        _set_text(t2, text[char:])
        keep_first = child_index + 1
        drop_second = child_index
    else:
        keep_first = child_index
        drop_second = child_index
    for kid in first_kids[keep_first:]:
        run.remove(kid)
    for kid in second_kids[:drop_second]:
        second.remove(kid)
    run.addnext(second)
    return second


def ensure_boundary(p: etree._Element, offset: int) -> None:
    """Make ``offset`` fall between two runs of ``p`` (splitting one run if needed)."""
    for el, start, end in paragraph_segments(p):
        if not start <= offset < end:
            continue
        run = el.getparent()
        if run is None or run.tag != W_R:
            if offset == start:
                return
            raise AnchorError("text outside a plain run")
        kids = _content(run)
        idx = kids.index(el)
        char = offset - start
        if char == 0 and idx == 0:
            return  # already the start of a run
        if char and el.tag != W_T:
            raise AnchorError("offset inside a non-text element")
        _split_run(run, idx, char)
        return


def runs_covering(p: etree._Element, start: int, end: int) -> tuple[etree._Element, etree._Element]:
    """The first and last run holding the text ``[start, end)`` of ``p`` (after
    :func:`ensure_boundary` at both ends, these runs hold exactly that text)."""
    first = last = None
    for el, a, b in paragraph_segments(p):
        if b <= start or a >= end:
            continue
        run = el.getparent()
        if run is None or run.tag != W_R:
            raise AnchorError("text outside a plain run")
        if first is None:
            first = run
        last = run
    if first is None or last is None:
        raise AnchorError("no text in the span")
    return first, last


def _marker(tag: str, comment_id: int) -> etree._Element:
    el = etree.Element(f"{_W}{tag}", nsmap={"w": W_NS})
    el.set(W_ID, str(comment_id))
    return el


def _reference_run(comment_id: int) -> etree._Element:
    run = etree.Element(W_R, nsmap={"w": W_NS})
    rpr = etree.SubElement(run, W_RPR)
    style = etree.SubElement(rpr, f"{_W}rStyle")
    style.set(f"{_W}val", "CommentReference")
    etree.SubElement(run, f"{_W}commentReference").set(W_ID, str(comment_id))
    return run


def mark_range(first_run: etree._Element, last_run: etree._Element, comment_id: int) -> None:
    """Put ``commentRangeStart`` before ``first_run``, ``commentRangeEnd`` after ``last_run``
    and the comment's reference mark right after that."""
    first_run.addprevious(_marker("commentRangeStart", comment_id))
    end = _marker("commentRangeEnd", comment_id)
    last_run.addnext(end)
    end.addnext(_reference_run(comment_id))


def mark_paragraph(p: etree._Element, comment_id: int) -> None:
    """Anchor a comment on the whole paragraph ``p`` (start after ``w:pPr``, end at the end)."""
    start = _marker("commentRangeStart", comment_id)
    ppr = p.find(W_PPR)
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(_marker("commentRangeEnd", comment_id))
    p.append(_reference_run(comment_id))


def anchor_span(p_start: etree._Element, start: int, p_end: etree._Element, end: int,
                comment_id: int) -> None:
    """Anchor comment ``comment_id`` on ``[start`` in ``p_start``, ``end)`` in ``p_end``
    (the same paragraph or a later one), splitting runs at both ends.

    Raises :class:`AnchorError` (leaving the paragraphs' text unchanged) when the span cannot
    be put on run boundaries.
    """
    ensure_boundary(p_start, start)
    ensure_boundary(p_end, end)
    if p_start is p_end:
        first, last = runs_covering(p_start, start, end)
    else:
        first, _ = runs_covering(p_start, start, 1 << 30)
        _, last = runs_covering(p_end, 0, end)
    mark_range(first, last, comment_id)
