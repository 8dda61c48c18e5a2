"""Requirements of any subject, for ``--scope all``: what a specification asks of a system, a
service, a deliverable, staff or the supplier, in any of the forms specifications use.

The social value judgement (:mod:`svdocs.linter.judge.analysis`) finds the supplier's
obligations; a specification also binds things ("The system shall ...", "Reports are to be
produced ..."), uses hedged modals as its only verb ("The portal should be intuitive"), lists
items under lead-ins, and states requirements as the cells of a requirements matrix
("| R12 | Proactive fault monitoring | Must | ... |"). :func:`requirement_sentences` finds
them all, beside the analysis' own commitments, without changing what the default scope sees.
"""

from __future__ import annotations

import re

from svdocs.core.model import BlockKind
from svdocs.linter.judge.analysis import DocumentAnalysis, Sentence

# a modal or "is to be" that states what someone or something shall do or be
_MODAL = re.compile(
    r"\b(?:shall|must|will|should|may|might|could|would|needs? to|has to|have to|"
    r"(?:is|are|will be)\s+(?:to|required to|expected to|encouraged to|obliged to)|"
    r"(?:is|are) responsible for|to be|"
    r"(?:aims?|seeks?|endeavou?rs?|strives?|intends?|tries|try|hopes?|wish(?:es)?)\s+to)\b",
    re.I,
)
# the buyer's discretion is no requirement ("The Authority may audit ..."); its duties are
_LEAD = r"^\W*(?:[a-z]{0,3}\d+(?:\.\d+)*[.)]?\s+|\(?[a-z]{1,3}[.)]\s+)?"
_BUYER = re.compile(
    _LEAD + r"(?:the\s+)?(?:authority|council|buyer|customer|purchaser|employer|client|trust|board|"
    r"university|college|school|department|commissioner|we)\b[^.;:]{0,40}?\b(?:may|reserves)\b"
    r"(?!\s+not\b)",
    re.I,
)
# a matrix column that holds the requirement itself (not its id, priority or test)
# NEC-style present tense binds the named party: "The Consultant provides the services ..."
_PRESENT_DUTY = re.compile(
    _LEAD + r"(?:the\s+)?(?:consultant|contractor|supplier|provider|service provider|"
    r"subcontractor|successful (?:bidder|tenderer))\s+(?:also\s+)?(?!is\b|has\b|was\b)"
    r"[a-z]+s\b", re.I)
_REQUIREMENT_HEADER = re.compile(
    r"\b(?:requirements?|description|specification|service level|standard|criteri(?:on|a)|"
    r"deliverables?|obligations?|outcomes?|features?|function(?:ality)?)\b", re.I)
_OTHER_HEADER = re.compile(
    r"\b(?:acceptance|verification|evidence|measure|test|priority|moscow|id|ref(?:erence)?|"
    r"no\.?|number|method|response|compliance|weighting|score)\b", re.I)
_QUESTION = re.compile(r"\?\s*$")


def _headers(a: DocumentAnalysis) -> dict[tuple[int, int, object], str]:
    """Each table column's header text, by (table, column, the cell it is nested in)."""
    out: dict[tuple[int, int, object], str] = {}
    for b in a.document.blocks:
        t = b.table
        if t is not None and t.header:
            key = (t.table, t.col, t.nested_in)
            out[key] = f"{out[key]} {b.text}" if key in out else b.text
    return out


def _column(a: DocumentAnalysis, s: Sentence,
            headers: dict[tuple[int, int, object], str]) -> str | None:
    """What a table cell's column holds: "requirement", "other" (an id, priority, test...),
    "" (no header says), or None for text outside tables and header cells."""
    ref = a.document.blocks[s.block].table
    if ref is None or ref.header:
        return None
    head = headers.get((ref.table, ref.col, ref.nested_in), "")
    if _REQUIREMENT_HEADER.search(head) and (
            not _OTHER_HEADER.search(head) or re.search(r"requirement", head, re.I)):
        return "requirement"
    return "other" if head.strip() else ""


_ACCEPTANCE_HEADER = re.compile(
    r"\b(?:acceptance|verification|verified|measures?|measurement|tests?|criteri(?:on|a)|"
    r"targets?|kpis?|metrics?|pass mark)\b", re.I)


def acceptance_text(a: DocumentAnalysis, s: Sentence) -> str:
    """The acceptance, verification or measure cells of a table cell's row (they may settle
    a vague-looking requirement cell: "Fast page loads | ... | under 2 s at p95"); empty
    outside tables."""
    ref = a.document.blocks[s.block].table
    if ref is None:
        return ""
    rows: dict[tuple[int, int, object], str] | None = a.__dict__.get("_acceptance_rows")
    if rows is None:
        headers = _headers(a)
        rows = {}
        for b in a.document.blocks:
            t = b.table
            if t is None or t.header:
                continue
            if _ACCEPTANCE_HEADER.search(headers.get((t.table, t.col, t.nested_in), "")):
                key = (t.table, t.row, t.nested_in)
                rows[key] = f"{rows.get(key, '')} {b.text}"
        a.__dict__["_acceptance_rows"] = rows
    return rows.get((ref.table, ref.row, ref.nested_in), "")


def is_requirement_text(a: DocumentAnalysis, s: Sentence) -> bool:
    """Does this sentence state a requirement of anyone or anything, by its own modal or one
    its lead-in gives it?"""
    c = s.clause
    if c.question or c.definition or c.lead_in or _QUESTION.search(c.text):
        return False
    if a.document.blocks[s.block].kind == BlockKind.HEADING:
        return False
    if _BUYER.search(c.text):
        return False
    return bool(c.inherited or _MODAL.search(c.text) or _PRESENT_DUTY.search(c.text))


def requirement_sentences(a: DocumentAnalysis) -> list[Sentence]:
    """The requirement sentences of the document, in order: the analysis' commitments and
    every other sentence that states a requirement (see :func:`is_requirement_text`), and the
    requirement cells of requirement matrices. Computed once per analysis."""
    cached: list[Sentence] | None = a.__dict__.get("_requirement_sentences")
    if cached is not None:
        return cached
    chosen = {id(s) for s in a.commitments}
    headers = _headers(a)
    out: list[Sentence] = []
    for s in a.sentences:
        column = _column(a, s, headers)
        if column == "requirement" or id(s) in chosen or (
                column != "other" and is_requirement_text(a, s)):
            out.append(s)
    a.__dict__["_requirement_sentences"] = out
    return out


def judged_sentences(a: DocumentAnalysis) -> list[Sentence]:
    """The sentences a judge of vague-commitment decides on: the commitments, and in
    ``--scope all`` every requirement sentence."""
    if a.config.scope == "all":
        return requirement_sentences(a)
    return list(a.commitments)
