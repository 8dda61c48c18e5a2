"""Which figures in a commitment are targets to be met by a date, for ``deadline-missing``.

A sentence can hold figures that are not targets at all. Each kind below came from a clause
the project's own library assembles, where a date asked for would make no sense:

* part of a code or a name: "(reference TVC-ED-2026-207)", "Scope 1 and Scope 2 emissions",
  "Lot 3", "Tier 1 subcontractors";
* in the condition of an "If ..., the Supplier shall ..." sentence: "If an audit finds the
  Supplier has overstated a quantity by more than 5%, the Supplier shall pay for ...";
* a threshold that picks out what the duty applies to: "advertise subcontract opportunities
  worth more than £25,000", "contracts valued at over £100,000";
* (a sentence about the remedies themselves, "Service Credits in any one reporting period
  shall not exceed 10% of the charges", is no commitment at all: see ``_remedy_subject`` in
  :mod:`.analysis`).

And a commitment in a KPI table may take its date from another cell of its row (a
"Deadline" or "By when" column): :func:`timed_rows` lists the rows that state one.
"""

from __future__ import annotations

import re

from svdocs.linter.judge.analysis import DocumentAnalysis
from svdocs.linter.nlp.records import TIME_LABELS, Hit, Label, SentenceRecord

#: words that number a part of something rather than count it ("Scope 1", "Lot 3")
_NAMED_NUMBERS = frozenset({
    "scope", "lot", "tier", "phase", "stage", "level", "part", "table", "figure", "option",
    "question", "criterion", "appendix", "zone", "ward", "category", "band", "grade", "type",
})  # fmt: skip
_CONDITION_OPENERS = ("if ", "where ", "should ", "in the event ", "unless ", "when ")
_THRESHOLD = re.compile(
    r"(?:\bworth|\bvalued at|\bwith a value of|\bvalue of|\bvalues? (?:over|above|exceeding)"
    r"|\bexceeding)\s+(?:more than |over |above |in excess of )?$",
    re.IGNORECASE,
)
def is_timed(c: SentenceRecord) -> bool:
    """Does the clause state a date, a period or a frequency?"""
    return bool(c.ents_of(TIME_LABELS | {"FREQUENCY"}) or c.has(Label.DEADLINE)
                or c.has(Label.FREQ))


def timed_rows(a: DocumentAnalysis) -> set[tuple[int, int]]:
    """The (table, row) of every table row with a date, period or frequency in a cell."""
    return {s.table for s in a.sentences if s.table is not None and is_timed(s.clause)}


def targets_to_meet(c: SentenceRecord, block_text: str) -> list[Hit]:
    """The clause's figures that are targets (see the module docstring)."""
    head = c.text.lstrip().lower()
    condition_end = -1
    if head.startswith(_CONDITION_OPENERS) and "," in c.text:
        condition_end = c.start + c.text.index(",")
    out: list[Hit] = []
    for t in c.targets:
        if t.start < condition_end:
            continue
        before = block_text[max(0, t.start - 40) : t.start]
        after = block_text[t.end : t.end + 20]
        if _in_code(before, after):
            continue
        words = before.split()
        if words and words[-1].lower() in _NAMED_NUMBERS and t.text[:1].isdigit():
            continue
        if _THRESHOLD.search(before):
            continue
        out.append(t)
    return out


def _in_code(before: str, after: str) -> bool:
    """A figure joined by hyphens or slashes into a code with letters: "TVC-ED-2026-207"
    (a range such as "5-10" is still a target)."""
    joined_before = len(before) >= 2 and before[-1] in "-/" and before[-2].isalnum()
    joined_after = len(after) >= 2 and after[0] in "-/" and after[1].isalnum()
    if not (joined_before or joined_after):
        return False
    word = before.split()[-1] if before.strip() else ""
    word += after.split()[0] if after.strip() and not after[:1].isspace() else ""
    return any(ch.isalpha() for ch in word)
