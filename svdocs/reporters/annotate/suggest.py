"""Which findings become suggested changes, and where each change goes.

For ``--annotate --suggest``: a finding whose rule names a fixing library clause becomes one
tracked change in the reviewed copy.

* A **vague commitment** is weak wording: its sentence (without a clause number typed in
  front of it) is deleted and the library clause's text inserted in its place.
* A **missing evidence** or **missing consequence** finding has nothing weak to delete: the
  library clause that supplies what is missing is inserted after the sentence, once per
  document for each clause (one reporting clause covers every commitment).

A sentence gets at most one change (a replacement wins over an insertion after it). Findings
in headers, footers and notes, about the document as a whole, or suppressed get none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from svdocs.core.model import Document, Finding
from svdocs.reporters.annotate.suggested_text import Piece, suggestion_pieces

BODY_PART = "word/document.xml"
_LEADING_NUMBER = re.compile(r"^\s*(?:\(?\d+(?:\.\d+)*[.)]?|\(?[a-zA-Z]{1,3}\)|\(?[ivxlc]{1,6}\))"
                             r"\s+")


@dataclass
class Suggestion:
    block: int
    start: int  # block offsets: the words to delete (start == end: only insert there)
    end: int
    clause: str
    pieces: list[Piece]

    @property
    def replaces(self) -> bool:
        return self.start < self.end


def sentence_span(text: str, finding: Finding) -> tuple[int, int] | None:
    """Where the finding's sentence sits in its block, without a leading clause number."""
    sentence = finding.text
    loc = finding.location
    if not sentence:
        return None
    at = text.find(sentence)
    while at >= 0 and not (at <= loc.start and loc.end <= at + len(sentence)):
        at = text.find(sentence, at + 1)
    if at < 0:
        return None
    start, end = at, at + len(sentence.rstrip())
    m = _LEADING_NUMBER.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    return start, end


def plan_suggestions(findings: Iterable[Finding], document: Document,
                     library: Any) -> list[Suggestion]:
    """The suggested changes for ``findings`` on ``document``, in document order."""
    ranked = sorted(
        (f for f in findings if f.suppressed is None and f.fix_clause and f.flagged),
        key=lambda f: (f.category != "vague-commitment", f.location.block, f.location.start),
    )
    pieces: dict[str, list[Piece] | None] = {}
    taken: dict[int, list[tuple[int, int]]] = {}
    inserted: set[str] = set()
    out: list[Suggestion] = []
    for f in ranked:
        b = f.location.block
        if not 0 <= b < len(document.blocks) or f.fix_clause not in library:
            continue
        block = document.blocks[b]
        if block.meta.get("docx_part") != BODY_PART or block.source.part != "body":
            continue
        span = sentence_span(block.text, f)
        if span is None or any(s <= span[1] and span[0] <= e for s, e in taken.get(b, [])):
            continue
        clause_id = str(f.fix_clause)
        if clause_id not in pieces:
            pieces[clause_id] = suggestion_pieces(library.get(clause_id))
        text = pieces[clause_id]
        if not text:
            continue
        if f.category == "vague-commitment":
            out.append(Suggestion(b, span[0], span[1], clause_id, list(text)))
        elif clause_id not in inserted:
            inserted.add(clause_id)
            out.append(Suggestion(b, span[1], span[1], clause_id, [Piece(" "), *text]))
        else:
            continue
        taken.setdefault(b, []).append(span)
    return sorted(out, key=lambda s: (s.block, s.start))


__all__ = ["Suggestion", "plan_suggestions", "sentence_span"]
