"""What the linter understood of a commitment: its parts, each found (with where) or missing.

A finding on a commitment carries this record in its JSON and SARIF ``properties`` and in
the text report with ``--explain``, so a reviewer sees the reasoning, not only the verdict:

    {"target": {"found": true, "text": "at least 6 apprentices", "where": "own sentence"},
     "deadline": {"found": false}, ...,
     "evidence": {"found": true, "text": "Each quarter the Supplier shall ...",
                  "where": "clause 7.1"},
     "consequence": {"found": false}}

The parts are those of a complete commitment (docs/domain.md): a measurable target, its
baseline, a deadline, who benefits or where, the evidence, how often it is reported, who
verifies it, and the consequence of non-delivery. Evidence and consequence are looked for in
the whole document as the coverage rules read it; the others in the commitment's own
sentence (or its lead-in, for an item).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from svdocs.linter.nlp.records import TIME_LABELS, Hit, Label, SentenceRecord
from svdocs.linter.structure.sentence import Sentence

if TYPE_CHECKING:
    from svdocs.linter.judge.analysis import DocumentAnalysis

#: The parts reported, in the order a reader expects them.
PARTS: tuple[str, ...] = ("target", "baseline", "deadline", "beneficiaries", "evidence",
                          "reporting_frequency", "verifier", "consequence")

_VERIFIERS = ("audit", "auditor", "verify", "verified", "verification", "inspect",
              "independent", "certified", "validated")


def decompose(analysis: DocumentAnalysis, s: Sentence) -> dict[str, dict[str, Any]]:
    """The commitment's parts as the linter found them."""
    c = s.clause
    out: dict[str, dict[str, Any]] = {}
    out["target"] = _own(c.targets)
    out["baseline"] = _own(c.get(Label.BASELINE))
    out["deadline"] = _own([*c.ents_of(TIME_LABELS), *c.get(Label.DEADLINE)])
    out["beneficiaries"] = _own([*c.get(Label.BENEF), *c.get(Label.LOCAL), *c.get(Label.RESIDENT)])
    provider = analysis.covering(s, "evidence")
    out["evidence"] = _found_in(analysis, provider, s)
    # how often the evidence is reported: said by the evidence duty (a commitment's own
    # "each Contract Year" is when it is delivered, not how often it is reported)
    out["reporting_frequency"] = {"found": False}
    verifier = _verifier(c)
    if verifier is None and provider is not None and provider is not s:
        verifier = _verifier(provider.clause)
        if verifier is not None:
            verifier["where"] = _where(analysis, provider, s)
    out["verifier"] = verifier or {"found": False}
    if provider is not None:
        freq = _own([*provider.clause.get(Label.FREQ), *provider.clause.ents_of({"FREQUENCY"})])
        if freq["found"]:
            freq["where"] = _where(analysis, provider, s)
        out["reporting_frequency"] = freq
    out["consequence"] = _found_in(analysis, analysis.covering(s, "consequence"), s)
    return out


def missing_parts(parts: dict[str, dict[str, Any]]) -> list[str]:
    """The names of the parts not found, in order."""
    return [name for name in PARTS if not parts.get(name, {}).get("found")]


def _own(hits: list[Hit]) -> dict[str, Any]:
    if not hits:
        return {"found": False}
    first = min(hits, key=lambda h: h.start)
    return {"found": True, "text": first.text, "where": "own sentence"}


def _found_in(analysis: DocumentAnalysis, p: Sentence | None, s: Sentence) -> dict[str, Any]:
    """A part supplied by sentence ``p`` (evidence, a remedy), or missing."""
    if p is None:
        return {"found": False}
    return {"found": True, "text": p.clause.text, "where": _where(analysis, p, s)}


def _where(analysis: DocumentAnalysis, p: Sentence, s: Sentence) -> str:
    if p is s:
        return "own sentence" if p.table is None else "own table row"
    if p.table is not None and s.table is not None and p.table[0] == s.table[0]:
        return "its table row"
    cited = analysis.clause_refs.get(p.block) or p.number
    if cited:
        return f"clause {cited}"
    return f"the sentence under '{p.section[-1]}'" if p.section else "elsewhere in the document"


def _verifier(c: SentenceRecord) -> dict[str, Any] | None:
    text = c.text.lower()
    for word in _VERIFIERS:
        at = text.find(word)
        if at >= 0:
            return {"found": True, "text": c.text[at: at + len(word)], "where": "own sentence"}
    return None
