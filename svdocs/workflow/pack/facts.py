"""What the consistency checks and the pack summary read off the documents: the themes an
ITT evaluates, the themes the contract commits to, the social value weightings, definitions,
references between documents and the procurement's jurisdiction and value."""

from __future__ import annotations

import re
from dataclasses import dataclass

from svdocs.core.model import Block, BlockKind
from svdocs.linter.checks import money_value, sv_weightings
from svdocs.linter.judge.analysis import DocumentAnalysis, Sentence
from svdocs.linter.nlp.records import Hit, SentenceRecord
from svdocs.workflow.pack.members import Member, normalise_name

GENERAL = "general"


def theme_hits(c: SentenceRecord) -> list[tuple[str, Hit]]:
    """The themes a sentence names itself, in the order it names them, with the words."""
    out = [
        (label.split("|", 1)[1], h)
        for label, hits in c.hits.items()
        if label.startswith("THEME|") and label != f"THEME|{GENERAL}"
        for h in hits
    ]
    return sorted(out, key=lambda x: x[1].start)


def primary_theme(c: SentenceRecord) -> str | None:
    """The theme a commitment is about: the one it names first."""
    hits = theme_hits(c)
    return hits[0][0] if hits else None


def asked_themes(a: DocumentAnalysis) -> dict[str, tuple[Sentence, Hit]]:
    """The themes an ITT's questions ask bidders for, each with its first question."""
    out: dict[str, tuple[Sentence, Hit]] = {}
    for s in a.asks:
        for theme, hit in theme_hits(s.clause):
            out.setdefault(theme, (s, hit))
    return out


def is_kpi_row(a: DocumentAnalysis, s: Sentence) -> bool:
    if s.table is None:
        return False
    info = a.tables.get(s.table[0])
    return info is not None and bool(info.kpi_rows) and s.block in info.first_cells.values()


def committed_themes(a: DocumentAnalysis) -> dict[str, Sentence]:
    """The themes a contract document commits the supplier to: its KPI rows and its
    measurable commitments, each by the theme it names first."""
    out: dict[str, Sentence] = {}
    for s in a.commitments:
        if not (is_kpi_row(a, s) or (s.table is None and s.clause.measurable)):
            continue
        theme = primary_theme(s.clause)
        if theme is not None:
            out.setdefault(theme, s)
    return out


def kpi_rows(a: DocumentAnalysis) -> list[Sentence]:
    return [s for s in a.commitments if is_kpi_row(a, s)]


# "Social value carries 15% of the total score", "a weighting of 10%", "weighted at 15%"
_WEIGHT_AFTER = re.compile(r"^\s*(?:of the (?:total|overall)|weighting)\b", re.I)
_WEIGHT_BEFORE = re.compile(r"\bweight(?:ing|ed)?\s+(?:of|at|is)?\s*$", re.I)
_SUB_WEIGHT = re.compile(r"\bof the social value (?:marks|score)", re.I)


def stated_weightings(a: DocumentAnalysis) -> list[tuple[Sentence, Hit, float]]:
    """The social value weightings a document states as a share of the whole evaluation
    (not a split within the social value marks, not a KPI target)."""
    out = []
    for s, e, value in sv_weightings(a):
        c = s.clause
        if s.table is not None or _SUB_WEIGHT.search(c.text):
            continue
        after = c.text[e.end - c.start:]
        before = c.text[: e.start - c.start]
        if _WEIGHT_AFTER.match(after) or _WEIGHT_BEFORE.search(before):
            out.append((s, e, value))
    return out


@dataclass
class Definition:
    term: str  # as written ("Local Area")
    body: str  # what it means
    sentence: Sentence
    start: int  # offsets of the body in the block
    end: int


_DEFINES = re.compile(r"[\"“]([^\"”]{2,60})[\"”]\s+(?:means|is|shall mean|has the meaning)\s+",
                      re.I)
_REFERS = re.compile(r"\bas defined in\b|\bhas the meaning given\b|\bthe meaning (?:given|set "
                     r"out) in\b|\bdefined in\b", re.I)


def definitions(a: DocumentAnalysis) -> list[Definition]:
    """The defined terms of a document ("'Local Area' means ..."), one per term defined."""
    out = []
    for s in a.sentences:
        c = s.clause
        matches = list(_DEFINES.finditer(c.text))
        for k, m in enumerate(matches):
            stop = matches[k + 1].start() if k + 1 < len(matches) else len(c.text)
            body = c.text[m.end():stop]
            body = re.sub(r"[,;]?\s*(?:and|or)?\s*$", "", body).rstrip(" .;")
            out.append(Definition(m.group(1).strip(), body, s, c.start + m.end(),
                                  c.start + m.end() + len(body)))
    return out


_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d{1,2}[A-Z]?\b")
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:miles?|km|kilometres?|%)?", re.I)
_PROPER = re.compile(r"\b(?-i:[A-Z][a-z]+)(?:\s+(?-i:[A-Z][a-z]+))*")
_STOP_PROPER = {"The", "A", "An", "In", "Local", "Area", "Local Area"}


def key_term(term: str) -> bool:
    """"Local" terms and the like: the ones whose meaning decides who benefits."""
    return bool(re.search(r"\blocal\b", term, re.I))


def signature(body: str) -> frozenset[str]:
    """What a definition's meaning rests on: its postcodes, figures and place names."""
    out = set(_POSTCODE.findall(body))
    out |= {" ".join(f.lower().split()) for f in _FIGURE.findall(body)
            if not _POSTCODE.fullmatch(f)}
    out |= {p for p in _PROPER.findall(body) if p not in _STOP_PROPER}
    return frozenset(out)


def refers_elsewhere(body: str, members: list[Member]) -> bool:
    low = normalise_name(body)
    return bool(_REFERS.search(body)) or any(
        n in low for m in members for n in m.names if len(n) > 8)


# ---------------------------------------------------------------- references between documents

_DOC_KIND = r"(?:Schedule|Annexe|Annex|Appendix|Attachment)"
_NUMBERED_REF = re.compile(
    r"\b((?:(?:Joint|Call-Off|Call Off|Framework|Order|Contract)\s+)?" + _DOC_KIND
    + r"\s+(?:\d+[A-Za-z]?|[A-Z])\b(?:\s+to\s+the\s+(?:ITT|Invitation to Tender|Contract|"
    r"Framework Agreement|Call-Off Contract|Order Form|Specification))?)"
    r"(?:\s*\(([^)\n]{2,60})\))?")
_NAMED_REF = re.compile(
    r"\b((?:(?-i:[A-Z])[\w'’-]*\s+){1,5}(?:Schedule|Specification))\b(?!\s+\d)")
_MAY_REFER = re.compile(r"Schedule|Specification|Annex|Appendix|Attachment")
_BARE_PART = re.compile(r"^(?:Annexe|Annex|Appendix|Attachment)\s+\S+$")
_PREFIXES = {"joint", "call-off", "call", "off", "framework", "order", "contract", "relevant",
             "applicable", "optional"}
_NOT_NAMES = {"this", "that", "each", "any", "the", "a", "every", "such", "relevant", "which"}


@dataclass
class Reference:
    member: int  # the document it is in
    sentence: Sentence
    text: str
    start: int
    end: int
    resolved: int | None  # the member it names
    bracketed: str | None = None  # the name in brackets after its number ("(Definitions)")


def references(members: list[Member], analyses: list[DocumentAnalysis]) -> list[Reference]:
    """References by title or number to documents, each resolved to a pack member or not."""
    out: list[Reference] = []
    for k, a in enumerate(analyses):
        own_headings = {normalise_name(b.text) for b in a.document.blocks
                        if b.kind is BlockKind.HEADING}
        for s in a.sentences:
            c = s.clause
            if not _MAY_REFER.search(c.text):
                continue
            taken: list[tuple[int, int]] = []
            for m in _NUMBERED_REF.finditer(c.text):
                name = m.group(1)
                if _internal(name, own_headings):
                    continue
                target = resolve(name, m.group(2), members)
                taken.append(m.span())
                if target is None and _BARE_PART.match(name):
                    continue  # "Annex A", "Appendix 2": a part of this document, not another
                end = m.end()
                out.append(Reference(k, s, c.text[m.start():end], c.start + m.start(),
                                     c.start + end, target, m.group(2)))
            for m in _NAMED_REF.finditer(c.text):
                if any(lo <= m.start() < hi for lo, hi in taken):
                    continue
                words = m.group(1).split()
                while words and words[0].lower() in _NOT_NAMES:
                    words = words[1:]
                if len(words) < 2 or all(w.lower() in _PREFIXES for w in words[:-1]):
                    continue  # "the Schedule", "this Specification", "a Call-Off Schedule"
                name = " ".join(words)
                start = c.start + m.end() - len(name)
                out.append(Reference(k, s, name, start, c.start + m.end(),
                                     resolve(name, None, members)))
    return out


def name_differs(ref: Reference, members: list[Member]) -> bool:
    """A reference by number whose name in brackets is not the name of the document with
    that number ("Framework Schedule 4 (Call-Off Contract)" when Framework Schedule 4 is
    "Framework Management")."""
    if ref.resolved is None or not ref.bracketed:
        return False
    key = normalise_name(ref.bracketed)
    member = members[ref.resolved]
    words = set(key.split())
    return not any(key == n or words <= set(n.split()) for n in member.names)


def _internal(name: str, headings: set[str]) -> bool:
    """An annex or appendix of the document itself (one of its own headings names it)."""
    key = normalise_name(name)
    return any(h == key or h.startswith(key + " ") or h.startswith(key + ":") for h in headings)


def resolve(name: str, bracketed: str | None, members: list[Member]) -> int | None:
    """The member a reference names: by number ("Joint Schedule 1"), by the name in brackets
    or by title ("the KPI Schedule" is the "Social Value KPI Schedule" when no document has
    a closer title)."""
    key = normalise_name(name)
    for m in members:
        if key in m.numbers or key in m.names:
            return m.index
    if bracketed:
        bkey = normalise_name(bracketed)
        for m in members:
            if bkey in m.names:
                return m.index
    if re.search(r"\d", key):
        return None  # a numbered document is that number or nothing
    words = set(key.split())
    if words <= _PREFIXES | {"schedule", "specification"}:
        return None
    best: tuple[int, int] | None = None
    for m in members:
        title = set(normalise_name(m.title).split())
        if words <= title:
            extra = len(title - words)
            if best is None or extra < best[0]:
                best = (extra, m.index)
    return best[1] if best is not None else None


# ---------------------------------------------------------------- the procurement

_VALUE_LINE = re.compile(r"\b(?:estimated |contract |total )?value\b\s*[:\-–]?\s*£", re.I)
_JURISDICTION = re.compile(
    r"\bjurisdiction\b\s*[:\-–]?\s*\**\s*(england|scotland|wales|northern ireland)\b", re.I)


@dataclass
class Stated:
    member: int
    block: int
    text: str
    value: str


def stated_values(members: list[Member]) -> list[Stated]:
    out = []
    for m in members:
        for b, block in enumerate(m.document.blocks):
            if _VALUE_LINE.search(block.text):
                amount = money_value(block.text[_VALUE_LINE.search(block.text).end():])  # type: ignore[union-attr]
                if amount is not None:
                    out.append(Stated(m.index, b, block.text, f"{amount:.0f}"))
    return out


def stated_jurisdictions(members: list[Member]) -> list[Stated]:
    out = []
    for m in members:
        for b, block in enumerate(m.document.blocks):
            found = _JURISDICTION.search(block.text)
            if found:
                out.append(Stated(m.index, b, block.text, found.group(1).lower()))
    return out


def first_body_block(blocks: list[Block]) -> int:
    return next((i for i, b in enumerate(blocks) if b.source.part == "body" and b.text.strip()),
                0)
