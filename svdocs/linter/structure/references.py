"""Clause references and the scope they set: which paragraphs, items, codes or parts of a
document a reporting or remedy clause points at ("report on paragraphs 2.1 and 2.3", "items (a)
to (c)", "each KPI in Annex 1", "Clause 9 (Rectification Plan) ... applies to SV1 and SV2"),
and whether a commitment's number falls in that scope.

The coverage check in :mod:`svdocs.lint.judge.analysis` asks these questions of every reporting
and remedy
sentence once per document.
"""

from __future__ import annotations

import re

from svdocs.core.model import Block, BlockKind
from svdocs.linter.nlp.records import SentenceRecord
from svdocs.linter.structure.sentence import Sentence

_REF_WORDS = {
    "paragraph", "paragraphs", "clause", "clauses", "para", "paras", "item", "items",
    "condition", "conditions", "requirement", "requirements",
    "kpi", "kpis",  # "If the target for KPI 1 or KPI 2 is not met, ... low performance damages"
}
# "report on paragraphs 2.1 and 2.3", "data for 14.1", "any part of paragraph 12.1"
_SCOPING = {"in", "on", "against", "for", "by", "of"}
# "comply with paragraph 2" scopes; "in accordance with clause 38" names a process
_SCOPING_AFTER = {"with": {"comply", "complies", "complied", "complying", "compliance"}}
_NEXT_NUMBER = re.compile(r"^\s*(to|-|–|and|or|,)\s*([A-Z]?\d+(?:\.\d+)*)")
_PART_KIND = r"(?:annexe|annex|appendix|schedule|part|table|kpi)(?:e?s)?"
_NAMED_PART = re.compile(
    r"\b(?:(?:commitments?|kpis?|key performance indicators?|targets?|obligations?|requirements?|"
    r"measures?|outcomes?|deliverables?|milestones?)\s+(?:set out\s+|listed\s+|contained\s+)?"
    r"(?:in|of)"
    # "report progress against Part 1 and Part 3", "evidence against Annex B"
    r"|(?:progress|performance|report|reports|reporting|evidence|delivery)\s+(?:against|on))\s+"
    # "Annex 1", "Part 1 or Part 3", "Parts 1 and 3", "Annexes A, B and C"
    rf"({_PART_KIND}\s+[a-z0-9]+(?:(?:\s*,\s*|\s+(?:and|or|to)\s+)(?:{_PART_KIND}\s+[a-z0-9]+|"
    r"\d+[a-z]?\b|(?-i:[A-Z])\b))*)",
    re.I,
)
# "progress of the Deliverables against the milestones in the Statement of Work": a report
# on the service a document of the contract sets out, not on everything
_NAMED_DOCUMENT = re.compile(
    r"\b(?:deliverables|milestones|services?|outputs)\s+(?:set out\s+|listed\s+)?in\s+the\s+"
    r"(statement of work|service specification|specification|order form)\b",
    re.I,
)
_ANNEXE = re.compile(r"\bannexe\b")
_PART_ID = re.compile(rf"(?:({_PART_KIND})\s+)?([a-z0-9]+)", re.I)
_LIST_WORDS = {"and", "or", "to"}

_WHOLE = re.compile(
    r"\b(?:in|of) this (?:schedule|annex|appendix|part|specification|contract|order form|"
    r"call-off order|order|agreement|licence|section)\b", re.I
)
# "the Rectification Plan process in Clause 27": where a process is, not what is covered
# ("the people referred to in requirement 2": a pointer back, not a scope)
_NOT_SCOPING_BEFORE = {"process", "procedure", "mechanism", "regime", "provisions", "terms", "to",
                       "purposes", "purpose", "meaning", "accordance"}
# "paragraphs 12.1(a) and 12.1(b)": sub-items named by number and letter
_SUB_ITEM = re.compile(r"\b(?:paragraphs?|clauses?|items?)\s+((?:\d+(?:\.\d+)*\([a-z]{1,3}\)"
                       r"(?:\s*(?:,|and|or)\s*)?)+)", re.I)


_POINTS_BACK = re.compile(r"\b(?:that|such|the relevant|the same)\s+$", re.I)


def _named_parts(text: str) -> list[str]:
    """Named parts a requirement is scoped to: ["annex 1"] for "the KPIs in Annex 1",
    ["part 1", "part 3"] for "an obligation in Part 1 or Part 3"."""
    if _WHOLE.search(text):  # "each commitment in this Schedule" covers them all
        return []
    out: list[str] = []
    for m in _NAMED_PART.finditer(text):
        if _POINTS_BACK.search(text[: m.start()]):
            continue  # "the sum stated against that measure in Appendix 14B": a pointer back
        kind = ""
        through = False
        for part in _PART_ID.finditer(m.group(1)):
            word = part.group(2).lower()
            if part.group(1):
                kind = part.group(1).lower()
                kind = kind[:-2] if kind.endswith("xes") else kind.rstrip("s")
                kind = "annex" if kind == "annexe" else kind  # the British spelling
            elif word in _LIST_WORDS:
                through = word == "to"
                continue
            last = out[-1].rpartition(" ")[2] if out else ""
            if through and last.isdigit() and word.isdigit():
                # "KPIs 3 to 5": the ones in between too
                out.extend(f"{kind} {k}" for k in range(int(last) + 1, int(word)))
            through = False
            out.append(f"{kind} {word}")
    out.extend(m.group(1).lower() for m in _NAMED_DOCUMENT.finditer(text))
    return out


def _num_key(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", text))


_LETTERED = re.compile(
    r"\b(?:items?|paragraphs?|sub-?paragraphs?|limbs?|points?)\s+"
    r"(\([a-z]{1,3}\)(?:\s*(?:,|and|or|to)\s*\([a-z]{1,3}\))*)", re.I)


def _referenced_numbers(c: SentenceRecord) -> list[tuple[str, str]]:
    """Clause numbers a sentence points at: ("1", "1") for "paragraph 1", ("6.1", "6.3") for
    "clauses 6.1 to 6.3", ("(a)", "(a)") and ("(d)", "(d)") for "items (a) and (d)"."""
    out: list[tuple[str, str]] = []
    if _WHOLE.search(c.text):  # "a target in this Schedule ... the process in Clause 17"
        return out
    for m in _LETTERED.finditer(c.text):
        letters = re.findall(r"\(([a-z]{1,3})\)", m.group(1), re.I)
        ranged = " to " in m.group(1).lower()
        if ranged and len(letters) == 2 and len(letters[0]) == len(letters[1]) == 1:
            letters = [chr(k) for k in range(ord(letters[0].lower()), ord(letters[1].lower()) + 1)]
        out.extend((f"({x.lower()})", f"({x.lower()})") for x in letters)
    for m in _SUB_ITEM.finditer(c.text):
        out.extend((x, x) for x in re.findall(r"\d+(?:\.\d+)*\([a-z]{1,3}\)", m.group(1).lower()))
    last_end = -1  # where the last scoping reference ended: "clause 14.1 or clause 14.2"
    for e in c.ents_of({"REF"}):
        words = e.text.split()
        before = c.text[: e.start - c.start].split()
        chained = last_end >= 0 and _CHAIN.fullmatch(c.text[last_end - c.start : e.start - c.start])
        # "the commitments in paragraph 1" scopes; "a Default under Clause 30" does not, nor
        # "the Remedial Action Plan process in Clause 17"
        if words and words[0].lower() in _REF_WORDS and before and (
            chained or _scoping_words(before)
        ):
            last_end = e.end
            low = words[-1].strip(".()")
            high = low
            rest = c.text[e.end - c.start :]
            m = _NEXT_NUMBER.match(rest)
            while m:
                if m.group(1) in ("to", "-", "–"):
                    high = m.group(2)  # "clauses 6.1 to 6.3": a range
                else:
                    out.append((low, high))  # "paragraphs 2.1 and 2.3": two of them
                    low = high = m.group(2)
                rest = rest[m.end() :]
                m = _NEXT_NUMBER.match(rest)
            out.append((low, high))
    return out


# "Clause 3 – Funded outcomes", "2. Obligations", "Section 11 – Commitments"
_HEADING_NUMBER = re.compile(
    r"^(?:(?:clause|section|paragraph|condition)\s+)?(\d+(?:\.\d+)*)\b", re.I
)


def _heading_number(item: Sentence) -> str:
    """The clause number of the nearest numbered heading above an item that has no number of
    its own (or only a letter), with the item's letter: "3(c)"."""
    if item.number and not (item.number.isalpha() and len(item.number) <= 3):
        return ""
    for heading in (*reversed(item.section), item.label):
        m = _HEADING_NUMBER.match(heading.strip())
        if m:
            return f"{m.group(1)}({item.number})" if item.number else m.group(1)
    return ""


_TITLE_LINE = re.compile(
    r"^(?:clause|section|paragraph|part|schedule|annex|annexe|appendix)\s+(?:\d+(?:\.\d+)*|[A-Z])"
    r"\s*[–:—-]\s*\S[^.;]{0,60}$", re.I)


def _title_line(block: Block) -> str:
    """A paragraph that is a clause's title in all but markup ("**Clause 3 – Funded
    outcomes**"): its text, else ""."""
    text = block.text.strip().strip("*_ ")
    return text if block.kind is BlockKind.PARAGRAPH and _TITLE_LINE.match(text) else ""


_CHAIN = re.compile(r"\s*(?:,|and|or)\s*", re.I)


def _scoping_words(before: list[str]) -> bool:
    """Do the words before a clause reference make it a scope ("the commitments in", "comply
    with", "the hours delivered under") rather than a pointer to a process or a remedy?"""
    last = before[-1].lower()
    prev = before[-2].lower().strip(",") if len(before) > 1 else ""
    if prev in _NOT_SCOPING_BEFORE:
        return False
    if last in _SCOPING or last in _SCOPING_VERBS:
        return True
    return prev in _SCOPING_AFTER.get(last, set())


# verbs whose object is the reference: "shall evidence paragraph 9.2 with ..."
_SCOPING_VERBS = {"evidence", "evidences", "verify", "verifies", "audit", "audits"}


def _in_ranges(number: str, ranges: list[tuple[str, str]]) -> bool:
    if not number:
        return False
    key = _num_key(number)
    for low, high in ranges:
        if number == low or number.startswith((low + ".", low + "(")):
            return True
        if low.startswith("(") and (number == low.strip("()") or number.endswith(low)):
            return True  # "items (a) and (c)": the items with those letters
        if low.endswith(")"):  # "paragraph 12.1(a)": that item only
            if number == low or number.startswith(low):
                return True
            continue
        if _code_prefix(low) != _code_prefix(number):
            continue  # "K1" and "SV1" are different codes, whatever their digits
        lo, hi = _num_key(low), _num_key(high)
        if lo and hi and lo <= key[: len(hi)] <= hi:
            return True
    return False


def _code_prefix(number: str) -> str:
    """The letters a code opens with ("SV" of "SV1"; "" for "12.1")."""
    m = re.match(r"[A-Za-z]*", number)
    return m.group(0).upper() if m else ""
