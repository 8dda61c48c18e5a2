"""Findings back in Word: a reviewed copy of a DOCX with each finding as a Word comment.

>>> from svdocs.reporters.annotate import annotate_docx
>>> annotate_docx("tender.docx", findings, "reviewed/", document=doc)   # doctest: +SKIP
PosixPath('reviewed/tender.reviewed.docx')

Each comment (author "svdocs", initials "SV") is anchored on exactly the flagged words:
the paragraph is found again from the block's ``meta["docx_part"]``/``meta["docx_p"]``
(``meta["docx_spans"]`` for a table cell of several paragraphs), runs are split at the
span's edges keeping their formatting, and ``w:commentRangeStart``/``End`` plus a
``w:commentReference`` run are inserted. The comments part (and its relationship and content
type) comes from python-docx, which keeps existing comments. Nothing else in the package is
changed, so styles, numbering, headers, footers and tracked changes survive, and the text of
the copy equals the original's. Findings Word cannot anchor in place (in a header or footer,
or about the document as a whole) are anchored on the first paragraph of the body and say
where they belong.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from svdocs.core.errors import InputError
from svdocs.core.model import Document, Finding
from svdocs.core.outputs import write_bytes_atomic
from svdocs.readers.docx_text import collect
from svdocs.reporters.annotate.comment_text import AUTHOR, INITIALS, comment_text
from svdocs.reporters.annotate.runs import AnchorError, anchor_span, mark_paragraph

BODY_PART = "word/document.xml"
SUFFIX = ".reviewed.docx"


@dataclass
class AnnotationResult:
    """What :func:`annotate_bytes` did."""

    data: bytes
    anchored: int = 0  # comments on exactly the flagged words (or their block)
    fallback: int = 0  # comments placed on the first paragraph instead
    suggested: int = 0  # tracked changes suggesting a library clause (``suggest=True``)
    notes: list[str] = field(default_factory=list)


def reviewed_name(path: str | os.PathLike[str]) -> str:
    """``tender.docx`` -> ``tender.reviewed.docx``."""
    return Path(path).stem + SUFFIX


def _body_paragraphs(doc: Any) -> list[Any]:
    from docx.oxml.ns import qn  # deferred: loads python-docx, only for Word files

    return list(doc.part.element.iter(qn("w:p")))


def _shown_text(p: Any) -> str:
    """The text Word shows for paragraph ``p``, exactly as the DOCX reader gives it."""
    return collect(p).text


def _spans_of(block_meta: dict[str, Any]) -> list[tuple[int, int, int]]:
    """``[(docx_p, start, end)]``: where each paragraph of a block sits in the block text."""
    spans = block_meta.get("docx_spans")
    if spans:
        return [(int(s["docx_p"]), int(s["start"]), int(s["end"])) for s in spans]
    p = block_meta.get("docx_p")
    return [] if p is None else [(int(p), 0, 1 << 30)]


def _locate(spans: list[tuple[int, int, int]], offset: int, *, end: bool) -> tuple[int, int]:
    """Map a block offset to ``(docx_p, offset in that paragraph)``."""
    for p, a, b in spans:
        if a <= offset < b or (end and a < offset <= b):
            return p, offset - a
    p, a, b = spans[-1] if offset >= spans[-1][1] else spans[0]
    return p, max(0, min(offset - a, b - a))


def _where(f: Finding) -> str:
    loc = f.location
    bits = [loc.part if loc.part != "body" else "", f"clause {loc.clause}" if loc.clause else ""]
    return ", ".join(b for b in bits if b)


def annotate_bytes(data: bytes, findings: Sequence[Finding], document: Document, *,
                   suggest: bool = False, library: Any = None,
                   date: dt.datetime | None = None) -> AnnotationResult:
    """The bytes of a copy of the DOCX ``data`` with ``findings`` as comments; with
    ``suggest``, also a tracked change for each finding whose library clause fixes it
    (``library``: the clause library, default the shipped one; ``date``: of the changes,
    default now)."""
    import docx  # deferred: loads python-docx, only for Word files

    # deferred: loads python-docx, only for Word files
    from docx.opc.exceptions import PackageNotFoundError

    try:
        wd = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        detail = re.sub(r"^file '.*?' ", "", str(exc))
        raise InputError(f"cannot annotate: python-docx cannot open it ({detail})") from None
    paragraphs = _body_paragraphs(wd)
    first_text_p = next((p for p in paragraphs if _shown_text(p).strip()), None)
    result = AnnotationResult(data=b"")
    for f in findings:
        if f.suppressed is not None:
            continue
        block = (document.blocks[f.location.block]
                 if 0 <= f.location.block < len(document.blocks) else None)
        meta = block.meta if block is not None else {}
        spans = _spans_of(meta) if meta.get("docx_part") == BODY_PART else []
        spans = [s for s in spans if 0 <= s[0] < len(paragraphs)]
        placed = False
        if spans:
            comment = wd.comments.add_comment(comment_text(f), author=AUTHOR, initials=INITIALS)
            cid = comment.comment_id
            start, end = f.location.start, f.location.end
            try:
                if block is not None and 0 <= start < end <= len(block.text):
                    p1, s1 = _locate(spans, start, end=False)
                    p2, e2 = _locate(spans, end, end=True)
                    if p1 == p2 and _shown_text(paragraphs[p1])[s1:e2] != block.text[start:end]:
                        raise AnchorError("the paragraph's text differs from the block's")
                    anchor_span(paragraphs[p1], s1, paragraphs[p2], e2, cid)
                else:  # about the block as a whole (e.g. a missing consequence)
                    mark_paragraph(paragraphs[spans[0][0]], cid)
            except AnchorError as exc:
                mark_paragraph(paragraphs[spans[0][0]], cid)
                result.notes.append(f"{f.rule}: anchored on the whole paragraph ({exc})")
            placed = True
            result.anchored += 1
        if not placed:
            if first_text_p is None and not paragraphs:
                result.notes.append(f"{f.rule}: no paragraph to anchor the comment on")
                continue
            where = _where(f) or "the document as a whole"
            text = comment_text(f, where=where)
            comment = wd.comments.add_comment(text, author=AUTHOR, initials=INITIALS)
            mark_paragraph(first_text_p if first_text_p is not None else paragraphs[0],
                           comment.comment_id)
            result.fallback += 1
    if suggest:
        _suggest(wd, paragraphs, findings, document, library, date, result)
    out = io.BytesIO()
    wd.save(out)
    result.data = out.getvalue()
    return result


def _suggest(wd: Any, paragraphs: list[Any], findings: Sequence[Finding], document: Document,
             library: Any, date: dt.datetime | None, result: AnnotationResult) -> None:
    """Write the planned suggestions as tracked changes, last first so that the offsets of
    the earlier ones in the same paragraph stay true."""
    # deferred: only with --suggest
    from svdocs.reporters.annotate.suggest import plan_suggestions
    from svdocs.reporters.annotate.tracked import Revisions, replace_span  # deferred: --suggest

    if library is None:
        from svdocs.library.loader import load_library  # deferred: only with --suggest

        library = load_library()
    revisions = Revisions(wd.part.element, AUTHOR, date)
    for sg in reversed(plan_suggestions(findings, document, library)):
        block = document.blocks[sg.block]
        spans = [x for x in _spans_of(block.meta) if 0 <= x[0] < len(paragraphs)]
        if not spans:
            continue
        p1, s1 = _locate(spans, sg.start, end=False)
        p2, e2 = _locate(spans, sg.end, end=True) if sg.replaces else (p1, s1)
        where = f"{sg.clause} at block {sg.block}"
        if p1 != p2 or _shown_text(paragraphs[p1])[s1:e2] != block.text[sg.start:sg.end]:
            result.notes.append(f"{where}: no suggestion (the words span paragraphs or moved)")
            continue
        try:
            replace_span(paragraphs[p1], s1, e2, sg.pieces, revisions)
        except AnchorError as exc:
            result.notes.append(f"{where}: no suggestion ({exc})")
            continue
        result.suggested += 1


def annotate_docx(source: str | os.PathLike[str], findings: Iterable[Finding],
                  out_dir: str | os.PathLike[str], *, document: Document | None = None,
                  force: bool = False, name: str | None = None) -> Path:
    """Write ``out_dir/<name>.reviewed.docx``, a copy of ``source`` with ``findings`` as
    Word comments, and return its path.

    ``document`` is the Document the findings point into (as read by the linter); without it
    ``source`` is read again. The source is only read; the copy is written atomically and an
    existing file is replaced only with ``force``.
    """
    src = Path(source)
    try:
        data = src.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", str(src)) from None
    if document is None:
        # deferred: start-up: the readers load lxml and markdown-it
        from svdocs.readers import read_document

        document = read_document(src)
    result = annotate_bytes(data, list(findings), document)
    target = Path(out_dir) / (name or reviewed_name(src))
    return write_bytes_atomic(target, result.data, force=force, inputs=[src])


__all__ = ["AUTHOR", "INITIALS", "AnnotationResult", "annotate_bytes", "annotate_docx",
           "reviewed_name"]
