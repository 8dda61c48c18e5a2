"""Document-level analysis: sentences of every block, commitments and what covers them.

A commitment's evidence or consequence may be stated elsewhere: in its own sentence, in the
lead-in or a sibling item of its list, in a KPI table row with evidence / frequency /
remedy columns, or in a clause that points at the commitments ("each of the commitments
above", "the commitments in Annex 1", "this Schedule", "each KPI"). This module resolves that
scope once per document so every check can ask ``covered(commitment, "evidence")``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from svdocs.core.config import LintConfig
from svdocs.core.model import Block, BlockKind, Document
from svdocs.linter.judge.participles import is_participle
from svdocs.linter.judge.parties import resolve_party, supplier_aliases
from svdocs.linter.nlp.records import Label, SentenceRecord
from svdocs.linter.structure.definitions import Scope, defined_scopes, terms_named
from svdocs.linter.structure.kinds import TENDER_KINDS, kind_from_titles, titles_of
from svdocs.linter.structure.references import (
    _ANNEXE,
    _PART_ID,
    _heading_number,
    _in_ranges,
    _named_parts,
    _referenced_numbers,
    _title_line,
)
from svdocs.linter.structure.sentence import Sentence, TableInfo

if TYPE_CHECKING:
    from svdocs.linter.judge.fix_clauses import ThemeFix
    from svdocs.linter.nlp.blocks import ParsedBlock
    from svdocs.linter.nlp.records import Hit

Aspect = Literal["evidence", "consequence"]
_TABLE_HEADS: dict[str, tuple[str, ...]] = {
    "evidence": ("evidence", "verification", "verified", "source", "data", "report", "proof",
                 # the NHS Standard Contract's Quality Requirements: "Method of Measurement"
                 "measurement", "monitoring"),
    "frequency": ("frequency", "reporting", "how often", "when"),
    "consequence": (
        "consequence", "remedy", "remedies", "service credit", "failure", "sanction", "shortfall",
        "deduction", "if missed", "penalty",
    ),
    "kpi": ("kpi", "key performance", "indicator", "measure", "metric", "target", "commitment"),
}
_ITT_KINDS = {"itt"}


@dataclass
class DocumentAnalysis:
    document: Document
    config: LintConfig
    sentences: list[Sentence]
    parsed: list[ParsedBlock | None]  # per block: its tokens and clauses (None when empty)
    tables: dict[int, TableInfo]
    commitments: list[Sentence] = field(default_factory=list)
    obligations: list[Sentence] = field(default_factory=list)
    asks: list[Sentence] = field(default_factory=list)
    local_defined: bool = False
    is_itt: bool = False
    kind: str | None = None  # what the document is (structure/kinds.py), None if unsaid
    sv_related: bool = False
    #: theme -> library clauses that fix its gaps (the Linter's, read once when it is built)
    fix_clauses: dict[str, ThemeFix] = field(default_factory=dict)
    _cover: dict[Aspect, list[Sentence]] = field(default_factory=dict)
    _commitment_ids: set[int] | None = None
    # per provider sentence (by id): the clause numbers and named parts it is scoped to
    _scopes: dict[int, tuple[list[tuple[str, str]], list[str]]] = field(default_factory=dict)
    _row_themes: dict[int, set[str]] = field(default_factory=dict)
    _code_set: set[str] | None = None
    _defined: dict[str, Scope] | None = None  # defined term -> what its definition names
    _terms_named: dict[int, list[str]] = field(default_factory=dict)  # provider id -> terms
    _own: dict[int, bool] = field(default_factory=dict)  # provider id -> own evidence only
    _titles: dict[int, list[str]] = field(default_factory=dict)  # table -> its title line
    _leads: dict[int, Any] = field(default_factory=dict)  # table -> the sentence before it
    _covered: dict[tuple[int, str], Sentence | None] = field(default_factory=dict)
    # defined terms that name one set of commitments among others ("the Framework Social
    # Value Commitments" beside "the Call-Off Social Value Commitments"), worked out once
    _set_terms: dict[str, list[str]] | None = None  # term -> the parts it is placed in
    _own_texts: dict[int, str] = field(default_factory=dict)
    _kpi_scoped: dict[int, bool] = field(default_factory=dict)  # provider id -> KPIs only
    _kpi_items: dict[int, bool] = field(default_factory=dict)  # commitment id -> is a KPI
    #: block -> its citation when it is an item under a numbered lead-in ("4.1(b)", "4.1.2")
    clause_refs: dict[int, str] = field(default_factory=dict)

    # -------------------------------------------------------------- coverage
    def providers(self, aspect: Aspect) -> list[Sentence]:
        """Sentences that state evidence / a consequence and are not themselves definitions."""
        if aspect not in self._cover:
            out = []
            for s in self.sentences:
                c = s.clause
                if c.definition or c.ask or not _states(c, aspect):
                    continue
                if s.table is not None and s.table[1] == 0:
                    continue  # a column heading ("Evidence") requires nothing by itself
                if c.trigger is None and len(c.text.split()) <= 4 and s.table is None:
                    continue  # a title line ("Evidence of reuse.") requires nothing either
                if (
                    aspect == "consequence"
                    and c.has(Label.CONSEQ_EXCLUDE)
                    and (c.has(Label.REFS) or "general" in c.themes)
                ):
                    # "the service credits do not apply to the social value commitments"
                    continue
                if aspect == "consequence" and _operational_only(c):
                    # "Service Credits apply to the Service Levels in Annex B": a remedy for
                    # the operational service, not for the social value commitments
                    continue
                if aspect == "evidence" and c.has(Label.FAILURE) and _states(c, "consequence"):
                    # "If the Supplier fails to meet a KPI, the Buyer may require a report
                    # ...": a remedy for failure, not evidence of delivery
                    continue
                if aspect == "evidence" and not _evidence_duty(s):
                    # "This Schedule records the Supplier's social value obligations": a
                    # sentence that describes the document requires no evidence of anyone
                    continue
                if aspect == "evidence" and _follows_up(c):
                    # "The Estates Manager will go through the report with the Contractor":
                    # the buyer's look at evidence required elsewhere, which keeps that scope
                    continue
                if (
                    aspect == "consequence"
                    and c.party in ("supplier", "bidder")
                    and not c.has(Label.FAILURE)
                    and not c.text.lower().startswith(("if ", "where ", "should "))
                    and not _RESULTS_IN.search(c.text)
                ):
                    # a supplier's own sentence states a consequence only when it is about
                    # failure ("if ... it shall produce a rectification plan")
                    continue
                out.append(s)
            self._cover[aspect] = out
        return self._cover[aspect]

    def covering(self, item: Sentence, aspect: Aspect) -> Sentence | None:
        """The sentence (or table row) that supplies ``aspect`` for a commitment, if any
        (worked out once per commitment and aspect: the checks and the reasoning record ask
        the same question)."""
        key = (id(item), aspect)
        if key not in self._covered:
            self._covered[key] = self._find_covering(item, aspect)
        return self._covered[key]

    def _find_covering(self, item: Sentence, aspect: Aspect) -> Sentence | None:
        c = item.clause
        if aspect == "evidence" and self._row_left_open(item):
            # a KPI row whose evidence cells say "TBC": the table is where its evidence is
            # stated, so a clause pointing at "the evidence shown" does not supply it, nor
            # an evidence word in its measure ("against the 2026/27 meter readings")
            return None
        if _states(c, aspect) and (aspect == "evidence" or item in self.providers(aspect)):
            return item
        themes = c.all_themes
        for p in self.providers(aspect):
            pc = p.clause
            own_duty = self._is_commitment(p) or (
                # an obligation of another kind with its own evidence ("shall collect 2,500
                # items ..., evidenced by a monthly return") evidences that obligation only
                aspect == "evidence" and self._own_evidence(p)
            )
            if p is not item and own_duty and not (pc.has(Label.REFS) or "general" in pc.themes):
                # another commitment's own evidence ("..., evidenced by a spend analysis")
                # covers only that commitment, unless it points at them all; a commitment
                # that is also a reporting duty ("publish a Carbon Reduction Plan ... and
                # submit annual emissions data") covers others of its theme
                if (
                    (pc.themes & themes) - {"general"}
                    and p.table is None
                    and (aspect == "consequence" or _reports(pc))
                ):
                    return p
                continue
            if p.group == item.group:
                return p
            terms = self._set_terms_of(p)
            if terms:
                # "report against the Framework Social Value Commitments": only those, or the
                # commitments in the part the term is placed in ("... in Annex 2")
                own = self._own_text(item)
                if any(t in own for t in terms) or self._in_named_part(
                    item, [part for t in terms for part in self._set_terms.get(t, [])]
                ):
                    return p
                continue
            numbers, named = self._scope_of(p)
            if numbers:
                # "the commitments in paragraph 1": only those (an item with no number of its
                # own is in the clause its heading numbers: "(c)" under "Clause 3 – Outcomes")
                # ("for the placements in clause 14.2" leaves that clause's vague second half)
                in_scope = _in_ranges(item.number, numbers) or _in_ranges(
                    _heading_number(item), numbers
                )
                part_only = (
                    aspect == "evidence"
                    and _vague_second_half(c)
                    and _qualified_only(pc, item.number)
                )
                if in_scope and not part_only:
                    return p
                continue
            if named:
                # "the KPIs in Annex 1": the commitments in that annex, or pointing at it
                if self._in_named_part(item, named):
                    return p
                continue
            if aspect == "evidence" and self._kpis_only(p) and not self._is_kpi(item):
                # "report each month against each Social Value KPI": the KPIs, not a
                # "Minimum Requirement" set beside them
                continue
            if pc.has(Label.REFS) or "general" in pc.themes:
                # "each of the commitments above", "its social value commitments", "this
                # Schedule": the commitments at large
                return p
            if p.table is None and _same_subject(pc, c):
                # a clause that names what it reaches by its subject ("report the number of
                # apprentices employed"): the commitments about that subject
                return p
            if (
                aspect == "evidence"
                and p.section == item.section
                and p.table is None
                and not _bare_vague(c)
                and not pc.has(Label.RUNNING)
            ):
                # an evidence duty that names nothing reaches the commitments of its own
                # section, no further (not those of another part, nor by a shared broad theme)
                # (a report on running the service, "a monthly occupancy and incident
                # report", evidences no commitment beside it; evidence that merely sits
                # nearby does not evidence "raise awareness of modern slavery")
                return p
            if (
                aspect == "consequence"
                and pc.has(Label.FAILURE)
                and (p.section == item.section or _same_subject(pc, c))
            ):
                # a remedy for failure in the commitment's own section, or naming its subject
                return p
        # a table row: the commitment sits in the row, or the table has the right column and
        # covers the commitment's theme (or the commitment points at the KPIs / an annex)
        column = "evidence" if aspect == "evidence" else "consequence"
        for info in self.tables.values():
            if column not in info.columns and not (
                aspect == "evidence" and "frequency" in info.columns
            ):
                continue
            if item.table is not None and item.table[0] == info.index:
                if item.table[1] in info.complete_rows or (
                    aspect == "consequence" and item.table[1] in info.remedy_rows
                ):
                    return item  # (a "Shortfall amount" cell is the row's own remedy)
                continue
            row_themes = self._row_themes.get(info.index)
            if row_themes is None:
                row_themes = set().union(*info.rows.values()) if info.rows else set()
                self._row_themes[info.index] = row_themes
            if self._table_leads_to(info.index, item):
                # "3.1 The commitments in paragraph 2 are KPIs, measured as follows.": the
                # sentence that introduces the table names the commitments its rows measure
                return item
            if info.section == item.section and (
                    (themes & row_themes) - {"general"} or c.has(Label.REFS)):
                # a KPI table of the commitment's own section whose rows measure its theme
                # ("the commitments in clauses 6.1 to 6.3 are measured through the following
                # KPIs"); a table elsewhere in the document is no part of it
                return item
        return None

    def _kpis_only(self, p: Sentence) -> bool:
        """Does a provider reach the KPIs alone ("against each Social Value KPI")? (once each)"""
        found = self._kpi_scoped.get(id(p))
        if found is None:
            found = self._kpi_scoped[id(p)] = bool(_KPIS_ONLY.search(p.clause.text))
        return found

    def _is_kpi(self, item: Sentence) -> bool:
        """Is the commitment a KPI: a row of a KPI table, or named or headed as one?"""
        found = self._kpi_items.get(id(item))
        if found is not None:
            return found
        found = False
        if item.table is not None:
            info = self.tables.get(item.table[0])
            found = info is not None and "kpi" in info.columns
        if not found:
            found = self._in_named_part(
                item, ["kpi", "kpis", "key performance indicator", "key performance indicators"]
            )
        self._kpi_items[id(item)] = found
        return found

    def _row_left_open(self, item: Sentence) -> bool:
        if item.table is None:
            return False
        info = self.tables.get(item.table[0])
        return bool(
            info is not None and info.evidence_cols and item.table[1] not in info.complete_rows
        )

    def _scope_of(self, p: Sentence) -> tuple[list[tuple[str, str]], list[str]]:
        """The clause numbers and named parts a provider sentence points at, worked out once."""
        scope = self._scopes.get(id(p))
        if scope is None:
            scope = (_referenced_numbers(p.clause), _named_parts(p.clause.text))
            # "report against each of the Social Value Commitments": what the term's
            # definition names ("... means the commitments in paragraphs 3.1 to 3.6")
            for term in terms_named(p.clause.text, self._definitions()):
                numbers, named = self._definitions()[term]
                scope = (scope[0] + numbers, scope[1] + [n for n in named if n not in scope[1]])
            if not scope[1]:
                # "report its progress against G1 and G3": codes that number this
                # document's own paragraphs scope like clause numbers, beside any clause
                # numbers ("Clause 9 (Rectification Plan) of the Call-Off Terms applies to SV1
                # and SV2": the clause is the remedy, SV1 and SV2 its reach)
                codes = self._codes()
                text = p.clause.text
                found = {m.group(1) for m in _SCOPED_CODE.finditer(text)}
                # the first of a list of codes ("failure to deliver SV1, SV2 or SV3")
                found.update(m.group(1) for m in _CODE_LIST_HEAD.finditer(text))
                for m in _CODE_RANGE.finditer(text):  # "Requirements S1 to S3"
                    low, high = int(m.group(2)), int(m.group(3))
                    found.update(f"{m.group(1)}{k}" for k in range(low, min(high, low + 50) + 1))
                named = sorted((code, code) for code in found if code in codes and code != p.number)
                if named:
                    scope = (scope[0] + named, [])
            self._scopes[id(p)] = scope
        return scope

    def _definitions(self) -> dict[str, Scope]:
        """The document's defined terms that point at paragraphs or parts (worked out once)."""
        if self._defined is None:
            self._defined = defined_scopes(self.sentences)
        return self._defined

    def _codes(self) -> set[str]:
        """The paragraph codes of this document that mix letters and digits ("G1", "SV2")."""
        if self._code_set is None:
            self._code_set = {s.number for s in self.sentences if _CODE.fullmatch(s.number)}
        return self._code_set
    def _set_terms_of(self, p: Sentence) -> list[str]:
        """The defined terms for one set of commitments that a provider sentence names."""
        if self._set_terms is None:
            self._set_terms = _set_terms(self.sentences)
        if not self._set_terms:
            return []
        found = self._terms_named.get(id(p))
        if found is None:
            found = [
                key for key in map(_term_key, _defined_terms(p.clause.text))
                if key in self._set_terms
            ]
            self._terms_named[id(p)] = found
        return found

    def _own_evidence(self, p: Sentence) -> bool:
        """An obligation (not a reporting duty) with an "evidenced by" of its own."""
        flag = self._own.get(id(p))
        if flag is None:
            c = p.clause
            flag = self._own[id(p)] = c.is_obligation and not _reports(c) and _evidenced_by(c)
        return flag

    def _own_text(self, item: Sentence) -> str:
        """A commitment's words (lower case, plural heads made singular), with its lead-in's
        when it is a list item, and the term of a sentence just before it that introduces
        it ("shall deliver the following Call-Off Social Value Commitments")."""
        cached = self._own_texts.get(id(item))
        if cached is not None:
            return cached
        texts = [x.clause.text for x in self.sentences if x.group == item.group]
        text = " ".join(texts) if item.clause.item else item.clause.text
        k = next((i for i, x in enumerate(self.sentences) if x is item), 0) - 1
        while k >= 0 and self._is_commitment(self.sentences[k]):
            m = _FOLLOWING_TERM.search(self.sentences[k].clause.text)
            if m:
                text += " " + m.group(1)
                break
            k -= 1
        self._own_texts[id(item)] = key = _term_key(text)
        return key

    def is_commitment(self, s: Sentence) -> bool:
        """Is the sentence one of the document's commitments?"""
        return self._is_commitment(s)

    def _is_commitment(self, s: Sentence) -> bool:
        if self._commitment_ids is None:
            self._commitment_ids = {id(x) for x in self.commitments}
        return id(s) in self._commitment_ids

    def _in_named_part(self, item: Sentence, named: list[str]) -> bool:
        text = item.clause.text
        extra: list[str] = []
        if item.table is not None:  # a KPI table row is named in any of its cells
            text = " ".join(s.clause.text for s in self.sentences if s.table == item.table)
            extra = self._table_title(item.table[0])  # "Table 1: Social Value Commitments"
        places = [
            _ANNEXE.sub("annex", t.lower()) for t in (text, *item.section, *extra, item.label)
        ]
        for name in named:
            pattern = re.compile(r"\b" + re.escape(name) + r"\b")
            if any(pattern.search(place) for place in places):
                return True
        return False

    def _table_leads_to(self, table: int, item: Sentence) -> bool:
        """Does the sentence just before a table (its lead: "The commitments in paragraph 2
        are measured as follows.") name ``item`` by its number or part?"""
        lead = self._leads.get(table, False)
        if lead is False:
            lead = None
            previous: Sentence | None = None
            for s in self.sentences:
                if s.table is not None and s.table[0] == table:
                    lead = previous
                    break
                if s.table is None:
                    previous = s
            self._leads[table] = lead
        if lead is None or lead is item:
            return False
        numbers, named = self._scope_of(lead)
        if numbers:
            return _in_ranges(item.number, numbers) or _in_ranges(_heading_number(item), numbers)
        return bool(named) and self._in_named_part(item, named)

    def _table_title(self, table: int) -> list[str]:
        """The paragraph just before a table, when it is a short title or caption (worked out
        once per table)."""
        found = self._titles.get(table)
        if found is None:
            found = []
            previous: Sentence | None = None
            for s in self.sentences:
                if s.table is not None and s.table[0] == table:
                    if (previous is not None and previous.block == s.block - 1
                            and len(previous.clause.text) < 120):
                        found = [previous.clause.text]
                    break
                if s.table is None:
                    previous = s
            self._titles[table] = found
        return found

    def consequence_statement(self) -> Sentence | None:
        """For an ITT: a sentence saying commitments become contractual with consequences."""
        for s in self.sentences:
            c = s.clause
            if c.has(Label.NONCONTRACTUAL):
                continue
            if (c.has(Label.CONTRACTUAL) or _BECOMES_PART.search(c.text)) and (
                c.has(Label.CONSEQ) or c.has(Label.REFS)
            ):
                if c.has(Label.CONSEQ):
                    return s
                if self.providers("consequence"):
                    return s
        return None


# "the Framework Social Value Commitments", "the Call-Off KPIs": a capitalised defined term
_DEFINED_TERM = re.compile(
    r"\b((?:(?-i:[A-Z])[\w-]*\s+){1,5}(?-i:(?:Commitment|Obligation|KPI|Target|Outcome)s?))\b"
)
_TERM_PLACE = re.compile(r"^\s+(?:set out\s+|listed\s+)?in\s+(?:the\s+)?(?:(?-i:[A-Z])[\w-]*\s+)*?"
                         r"((?-i:Schedule|Annexe|Annex|Appendix|Part))\b")
_FOLLOWING_TERM = re.compile(
    r"\bthe following\s+((?:(?-i:[A-Z])[\w-]*\s+){1,5}(?-i:(?:Commitment|Obligation|KPI|Target|"
    r"Outcome)s?))\b"
)
_PLURAL_HEAD = re.compile(r"\b(commitment|obligation|kpi|target|outcome)s\b")


def _term_key(text: str) -> str:
    """Text compared for defined terms: lower case, one space, the heads made singular."""
    return _PLURAL_HEAD.sub(r"\1", " ".join(text.lower().split()))


_GENERIC_TERM_WORDS = {"the", "social", "value", "sv", "each", "any", "all", "every", "a", "these"}


def _defined_terms(text: str) -> list[str]:
    """Defined terms with a qualifier of their own ("Framework Social Value Commitments"), not
    the generic "Social Value Commitments" or "KPIs"."""
    out = []
    for m in _DEFINED_TERM.finditer(text):
        words = m.group(1).split()
        if any(w.lower() not in _GENERIC_TERM_WORDS for w in words[:-1]):
            out.append(" ".join(words))
    return out


def _set_terms(sentences: list[Sentence]) -> dict[str, list[str]]:
    """Defined terms that name one set of commitments among others, each with the parts it is
    placed in: two terms with the same last word ("Framework ... Commitments", "Call-Off ...
    Commitments"), or a term placed in a part ("the Framework Social Value Commitments in
    Framework Schedule 5")."""
    found: dict[str, list[str]] = {}
    for s in sentences:
        text = s.clause.text
        for m in _DEFINED_TERM.finditer(text):
            term = " ".join(m.group(1).split())
            if term not in _defined_terms(term):
                continue
            parts = found.setdefault(_term_key(term), [])
            place = _TERM_PLACE.match(text[m.end() :])
            if place:
                part = _PART_ID.match(text[m.end() + place.end() :].lstrip())
                kind = place.group(1).lower().replace("annexe", "annex")
                parts.append(f"{kind} {part.group(2).lower()}" if part else kind)
    heads: dict[str, int] = {}
    for term in found:
        head = term.split()[-1]
        heads[head] = heads.get(head, 0) + 1
    return {t: parts for t, parts in found.items() if parts or heads[t.split()[-1]] > 1}


_PART_REFS = {"annex", "annexe", "appendix", "schedule", "the schedule"}


def _operational_only(c: SentenceRecord) -> bool:
    """A remedy for operational service levels alone: it names them, no social value theme,
    and points at nothing but a part ("the Service Levels in Annex B")."""
    operational = [
        h for h in c.get(Label.OPERATIONAL)
        # "apply to SV1 and SV2 as if each were a Service Level": a comparison, not the reach
        if not _AS_IF.search(c.text[: h.start - c.start])
    ]
    return (
        bool(operational)
        and not c.themes
        and all(h.text.lower() in _PART_REFS for h in c.get(Label.REFS))
    )


_AS_IF = re.compile(r"\bas (?:if|though)\b[^.;]*$", re.I)


# "The Council hopes that suppliers will ...": the authority's wish about suppliers
_HOPE_THAT = re.compile(
    r"^\W*(?:hopes?|expects?|wants?|wishes|believes?|anticipates?|trusts?|would like)"
    r"\s+that\s+(?:(?:the|its|all|our)\s+)?$", re.I)


def _authority_hopes(c: SentenceRecord) -> bool:
    """A statement of what the authority hopes or expects of suppliers, not their duty: the
    authority is named first, then a verb of hoping, then the supplier."""
    authority = c.get("PARTY|authority")
    supplier = c.get("PARTY|supplier")
    if not authority or not supplier or c.inherited:
        return False
    a, sup = authority[0], supplier[0]
    between = c.text[a.end - c.start : sup.start - c.start]
    return a.end <= sup.start and bool(_HOPE_THAT.match(between))


_ENTITLES = re.compile(r"^\s*(?:also\s+)?(?:entitle|allow|permit|enable)s?\s+the\s+\w+(?:\s+\w+)?"
                       r"\s+to\b", re.I)


def _entitles_buyer(c: SentenceRecord) -> bool:
    """"Two Social Value Defaults shall entitle the Authority to terminate": the buyer's right
    on a failure, a consequence, not a duty of the supplier."""
    t = c.trigger
    if t is None or c.inherited or not (c.start <= t.end <= c.end):
        return False
    return (c.party is None and c.has(Label.CONSEQ)
            and bool(_ENTITLES.match(c.text[t.end - c.start :])))


def _passive_will(c: SentenceRecord) -> bool:
    """A passive "will be" with no party that states a social value outcome of the contract
    ("Drivers engaged on Council routes will be paid the Real Living Wage", "Opportunities for
    young people will be explored"): the supplier's duty, as a party-less "shall" is."""
    t = c.trigger
    if t is None or c.party is not None or c.inherited or t.text.lower() != "will":
        return False
    if c.definition or c.ask or c.lead_in or c.admin or "CONTRACTUAL" in c.hits:
        return False
    if any(c.has(x) for x in ("EVAL", "WEIGHT", "PARTY|bidder", "REFS")):
        return False
    return bool(c.themes - {"general"}) and c.text[t.end - c.start :].lstrip().startswith("be ")


# ", and [shall]" or "and shall / will / must" before the verb: a second commitment, not a
# verb joined to the first ("validate and support proposed changes")
_AND_SHALL = re.compile(r"(?:,\s*and(?:\s+(?:shall|will|must))?|\band\s+(?:shall|will|must))\s*$",
                        re.I)


def weak_conjunct(c: SentenceRecord, verbs: list[Hit]) -> Hit | None:
    """The vague verb that opens the second half of a sentence whose first half is measurable:
    "shall offer 8 placements each year, and shall work with schools to raise awareness" (no
    number, unit or date after it)."""
    for h in verbs:
        before = c.text[: h.start - c.start]
        if _AND_SHALL.search(before) and not any(t.start > h.start for t in c.targets):
            return h
    return None


_GENERIC_SCOPE_NOUNS = {
    "commitment", "commitments", "obligation", "obligations", "requirement", "requirements",
    "target", "targets", "kpi", "kpis", "outcome", "outcomes", "duties", "duty", "those",
    "each", "any", "all", "every", "performance", "progress", "delivery", "compliance",
}


def _qualified_only(c: SentenceRecord, number: str) -> bool:
    """Is every reference to ``number`` qualified by a noun ("for the placements in clause
    14.2"), so that it reaches only that part of the clause?"""
    refs = [e for e in c.ents_of({"REF"}) if e.text.split()[-1].strip(".()") == number]
    if not refs:
        return False
    for e in refs:
        before = c.text[: e.start - c.start].lower().split()
        if len(before) < 3 or before[-1] != "in" or before[-3] != "the":
            return False
        if before[-2] in _GENERIC_SCOPE_NOUNS:
            return False
    return True


def _vague_second_half(c: SentenceRecord) -> bool:
    """A sentence whose second commitment is only a vague verb ("..., and shall work with
    schools to raise awareness of recycling")."""
    verbs = [h for h in c.get(Label.VAGUE_VERB) if not is_participle(h.text)]
    return weak_conjunct(c, verbs) is not None


def _bare_vague(c: SentenceRecord) -> bool:
    """A commitment whose only action is a vague verb and that counts nothing ("shall raise
    awareness of modern slavery among its account team")."""
    verbs = [h for h in c.get(Label.VAGUE_VERB) if not is_participle(h.text)]
    return bool(verbs) and not c.measurable


# "The commitments in the successful Tender will become Schedule 9 (Social Value KPIs) of the
# Contract": a part of the contract, in words the lexicon's phrases do not reach
_BECOMES_PART = re.compile(
    r"\b(?:commitments?|offers?|answers?|responses?|proposals?)\b[^.;]*\bwill become\b[^.;]*"
    r"\b(?:of|in|into|under) the (?:call-off |final )?contract\b", re.I)


# "A Red rating ... shall result in a Default Notice": a sentence about what follows
_RESULTS_IN = re.compile(r"\b(?:result|results|resulting) in\b|\blead to\b", re.I)
_TIME_OF_DAY = re.compile(r"\b\d{1,2}[.:]\d{2}\s?(?:am|pm)\b|\b\d{1,2}\s?(?:am|pm)\b", re.I)
_RESPONSE_TIME = re.compile(
    r"\bwithin\s+(?:\d+|one|two|three|four|five|ten)\s+(?:(?:minutes?|hours?|seconds?)\b|"
    # days or weeks only when counted from a request: "within 5 working days of referral",
    # "a first visit within 14 days of receiving a warrant"
    r"(?:working |operational |business )?(?:days?|weeks?)\s+(?:of|from|after)\s+"
    r"(?:the\s+|each\s+|a\s+)?"
    r"(?:referral|request|call|complaint|report|logging|ticket|notification|booking|contact|"
    r"incident|being|the|receiving|receipt|instruction))"
    # a waiting time: "see urgent referrals within 2 weeks"
    r"|\breferrals?\s+within\s+(?:\d+|one|two|three|four|six)\s+(?:working\s+)?"
    r"(?:days?|weeks?)\b", re.I)


def _running_the_service(c: SentenceRecord) -> bool:
    """An obligation about running the service (an opening time, a response time, cleaning)
    with no social value theme of its own: a heading on social value above it does not make
    it a social value commitment."""
    if c.themes - {"general"}:
        return False
    return (
        c.has(Label.RUNNING)
        or bool(_TIME_OF_DAY.search(c.text))
        or bool(_RESPONSE_TIME.search(c.text))
    )


_VERIFY = frozenset({"audit", "audits", "verify", "verifies", "inspect", "inspects", "check",
                     "checks", "review", "reviews", "validate", "validates", "examine"})


def _social_value(c: SentenceRecord) -> bool:
    """Is the obligation about social value? Its own words name a theme, or a heading above
    it names a particular one ("Local employment"); under a heading about social value at
    large ("Schedule 6: Social Value") it must also name who benefits or a social act of its
    own (residents, pupils, recruiting, buying locally), or be hedged: the pool tanks' testing
    and the design stage sit in such schedules too, and are no social value commitment."""
    if c.themes or (c.context_themes - {"general"}):
        return True
    if not c.context_themes:
        return False
    # a hedge under a social value heading is an aspiration of social value ("would like to
    # increase the number of women", "try to use Sheffield-based subcontractors")
    return bool(c.hedges or c.lead_hedges) or any(c.has(label) for label in _SOCIAL_CUES)


_SOCIAL_CUES = (Label.BENEF, Label.EMPLOY, Label.LOCAL, Label.BUY, Label.RESIDENT)


# "This Schedule sets out the social value the Supplier will deliver": the document describes
# itself; the "will" of its relative clause binds nobody
_FRAMING = re.compile(
    r"^\s*(?:[\dA-Z][\d.]*\s+)?(?:this|the present)\s+(?:schedule|part|annex|annexe|appendix|"
    r"document|section|specification|agreement|order form|clause|plan)\b[^.;:]{0,40}?\b"
    r"(?:sets? out|describes?|records?|explains?|contains?|summari[sz]es?|lists?|"
    r"identif(?:y|ies)|is intended|applies)\b",
    re.I,
)


def _soft_ask(c: SentenceRecord) -> bool:
    """An ITT's soft ask of bidders about what they will deliver ("Bidders are encouraged to
    switch to electric vehicles"): hedged, yet a commitment the winner is asked for; not a
    question ("Bidders are invited to describe ...", "... to propose measures")."""
    return (c.ask and c.party == "bidder" and bool(c.hedges) and not c.has(Label.ASK)
            and not c.question and not _TENDER_PROCESS.search(c.text))


# the words of instructions about the tender itself ("Bidders should keep their answers to
# 1,500 words"): how to bid, not what the winner will deliver
_TENDER_PROCESS = re.compile(
    r"\b(?:answers?|responses?|tenders?|submissions?|words|pages|clarifications?|portal|"
    r"deadline|bids?|questionnaire)\b", re.I)


def _frames_document(c: SentenceRecord) -> bool:
    """A sentence whose subject is the document itself ("This Schedule sets out ..."): it
    describes what follows and is no one's commitment."""
    return bool(_FRAMING.match(c.text))


def _evidence_duty(s: Sentence) -> bool:
    """A sentence that requires evidence of someone: a duty (the supplier's, both parties',
    or a party-less "shall"), a commitment's own "evidenced by", a table's evidence cell, or
    the buyer's right to check ("the Council may audit ..."); not a sentence that describes
    the document ("This Schedule records the Supplier's obligations")."""
    c = s.clause
    if s.table is not None or _evidenced_by(c):
        return True
    if c.trigger is not None and not c.question and c.party in ("supplier", "bidder", "joint",
                                                                 None):
        return True
    words = {w.strip(".,;:()").lower() for w in c.text.split()}
    return c.party == "authority" and bool(words & _VERIFY)


def _theme_words(c: SentenceRecord) -> set[str]:
    """The theme words a sentence names, singular and lower case ("apprentices" ->
    "apprentice"); the words for social value at large are left out."""
    out = set()
    for h in (h for label, hits in c.hits.items() if label.startswith("THEME|") for h in hits):
        word = " ".join(h.text.lower().split())
        if word in _GENERIC_THEME_WORDS:
            continue
        out.add(word[:-1] if word.endswith("s") and not word.endswith("ss") else word)
    return out


_GENERIC_THEME_WORDS = frozenset({"social value", "social", "value", "sustainability",
                                  "sustainable", "community", "communities", "environment",
                                  "environmental", "local", "wellbeing", "well-being"})


def _same_subject(provider: SentenceRecord, commitment: SentenceRecord) -> bool:
    """Does a reporting or remedy clause name the commitment's own subject ("report the
    number of apprentices employed" for "employ 6 apprentices")? Sharing a broad theme
    ("carbon emissions" for "biodiversity", both environmental) is not naming it."""
    return bool(_theme_words(provider) & _theme_words(commitment))


def _evidenced_by(c: SentenceRecord) -> bool:
    """The clause's evidence is a participle phrase of its own ("..., evidenced by a monthly
    return"), not a duty to hand evidence over ("shall return the monitoring form")."""
    return any(h.text.lower().startswith("evidenced") for h in c.get(Label.EVIDENCE))


def _reports(c: SentenceRecord) -> bool:
    """A reporting verb as a verb of the clause ("and submit annual emissions data"), not a
    participle describing its evidence ("evidenced by an annual spend analysis submitted to
    the Authority")."""
    evidence = [h.start for h in c.get(Label.EVIDENCE)]
    for h in c.get(Label.EVIDENCE_VERB):
        if is_participle(h.text):
            continue
        # "submit annual emissions data": the verb hands evidence over; "give food to 250
        # households each month, evidenced by ..." gives the outcome itself (a target stands
        # between the verb and the evidence)
        if any(start > h.end and not _has_digit(c, h.end, start) for start in evidence):
            return True
    for h in c.get(Label.ADMIN):
        if is_participle(h.text):
            continue
        before = c.text[: h.start - c.start].split()
        # the clause's verb ("shall report", "and record"), not a noun ("its records")
        if before and before[-1].lower() in _VERB_BEFORE:
            return True
    return False


def _has_digit(c: SentenceRecord, start: int, end: int) -> bool:
    """Does the clause's text between two offsets of its block hold a figure?"""
    return any(ch.isdigit() for ch in c.text[start - c.start : end - c.start])


_VERB_BEFORE = frozenset({"shall", "will", "must", "and", "to", "also", "or"})


_BACK = re.compile(r"\b(?:the|that|this|these|those|such)\s+$", re.I)


def _follows_up(c: SentenceRecord) -> bool:
    """A sentence that is not the supplier's, about evidence already required ("the
    report", "those returns"), with no scope, frequency or evidence of its own."""
    return (
        c.party not in ("supplier", "bidder", "joint")
        and not c.has(Label.REFS)
        and not c.has(Label.FREQ)
        and not c.ents_of({"FREQUENCY"})
        and all(_BACK.search(c.text[: h.start - c.start]) for h in c.get(Label.EVIDENCE))
    )


def _states(c: SentenceRecord, aspect: Aspect) -> bool:
    """Does the sentence state evidence / a consequence? A payment of money for a failure
    ("for each placement below the target, the Provider shall pay £1,500") is a consequence."""
    if aspect == "evidence":
        return c.has(Label.EVIDENCE)
    if c.has(Label.CONSEQ):
        return True
    if c.has(Label.CONSEQ_REDUCE) and c.has(Label.FAILURE):
        # "If the Licensee fails to meet paragraph 3, the allowance shall be reduced by ..."
        return True
    return c.has(Label.CONSEQ_PAY) and c.has(Label.FAILURE) and bool(c.ents_of({"MONEY"}))


def _headings(
    blocks: list[Block], parsed: list[ParsedBlock | None]
) -> tuple[list[set[str]], list[tuple[str, ...]]]:
    """For each block: the themes of the headings above it, and its section (heading path)."""
    themes_out: list[set[str]] = []
    sections: list[tuple[str, ...]] = []
    stack: list[tuple[int, str, set[str]]] = []
    by_text: dict[str, set[str]] = {}
    by_path: dict[tuple[str, ...], set[str]] = {}  # cleared when a heading changes by_text
    for i, block in enumerate(blocks):
        doc = parsed[i]
        if block.kind is BlockKind.HEADING:
            themes: set[str] = set()
            if doc is not None:
                for c in doc.clauses:
                    themes |= c.themes
                if "general" in themes and _mixed_heading(doc.clauses):
                    # "Service Delivery and Social Value": the obligations under it are social
                    # value ones only when they name a theme themselves
                    themes = themes - {"general"}
            by_text[block.text.strip()] = themes
            by_path.clear()
            level = block.level or 1
            stack = [x for x in stack if x[0] < level]
            themes_out.append(set().union(*(t for _, _, t in stack)) if stack else set())
            sections.append(tuple(h for _, h, _ in stack))
            stack.append((level, block.text.strip(), themes))
            continue
        if block.heading_path:
            path = tuple(h.strip() for h in block.heading_path)
            known = by_path.get(path)
            if known is None:
                known = by_path[path] = set().union(*(by_text.get(h, set()) for h in path))
            inherited = set(known)
        else:
            path = tuple(h for _, h, _ in stack)
            inherited = set().union(*(t for _, _, t in stack)) if stack else set()
        themes_out.append(inherited)
        sections.append(path)
    return themes_out, sections


_CONJUNCTION = re.compile(r"\s+(?:and|&)\s+", re.I)


def _mixed_heading(clauses: list[SentenceRecord]) -> bool:
    """A heading that joins social value with another topic ("Repairs and Social Value"):
    one of its parts, after any "Schedule 3:" label, names no theme."""
    for c in clauses:
        text = c.text
        label = text.find(":")
        offset = label + 1 if 0 <= label < len(text) // 2 else 0
        body = text[offset:]
        if not _CONJUNCTION.search(body):
            continue
        themed = [
            (h.start - c.start, h.end - c.start)
            for label_, hits in c.hits.items()
            if label_.startswith("THEME|")
            for h in hits
        ]
        pos = offset
        for part in _CONJUNCTION.split(body):
            start = text.find(part, pos)
            end = start + len(part)
            pos = end
            if part.strip() and not any(start <= s < end for s, _ in themed):
                return True
    return False


# "3.1", "(b)", "G1" and codes of up to three capitals ("SV1", "CB2.1") open a paragraph
_NUMBER = re.compile(r"^\(?((?:[A-Z]{1,3}|[a-z])?\d+(?:\.\d+)*|[a-z]{1,3})[.)]?\s")
# "Requirement 2: The Contractor shall ...", "Commitment 3 – ...": a label that numbers it
_LABELLED = re.compile(
    r"^(?:requirement|commitment|outcome|item|condition|obligation|kpi|target)\s+"
    r"(\d+(?:\.\d+)*)\s*[:.)–—-]\s", re.I)


def _block_number(block: Block) -> str:
    if block.table is not None:
        cell = block.text.strip()
        if _CODE.fullmatch(cell):
            return cell  # a KPI table row's code cell ("K1", "SV2")
        m = _LABEL_CELL.fullmatch(cell)
        if m:
            return m.group(1)  # "KPI 4", "Requirement 2": the number the text refers to
    if block.number:
        typed = _NUMBER.match(block.text) if block.kind is BlockKind.LIST_ITEM else None
        if typed and typed.group(1)[:1].isdigit():
            # "<li>3. The Licensee shall ...</li>": the number the text types is the one the
            # document's cross-references use, not the list's own count
            return typed.group(1)
        return block.number.strip().strip(".()")
    m = _NUMBER.match(block.text) or _LABELLED.match(block.text)
    return m.group(1) if m else ""


# a row's reference in its first cell: "A.10.9", "4.2", "SV3", "K1.2"
_ROW_REF = re.compile(r"[A-Z]{1,4}\.?\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)+")
_LABEL_CELL = re.compile(
    r"(?:kpi|requirement|commitment|outcome|item|target|measure)\s+(\d+(?:\.\d+)*)\.?", re.I)
_INLINE_FIRST = re.compile(r"\s*(?:,\s*)?\((?:a|i|1)\)\s")


def _opens_inline_list(c: SentenceRecord) -> bool:
    """A sentence whose obligation word is followed by an inline "(a)" ("the Consultant shall
    (a) provide ...;"): the items after it in the same paragraph share its party and modal."""
    t = c.trigger
    if t is None or c.inherited or not (c.start <= t.end <= c.end):
        return False
    return bool(_INLINE_FIRST.match(c.text[t.end - c.start :]))


_FOLLOWING = re.compile(
    r"\bthe following\s+(?:[\w-]+\s+){0,4}?(?:targets|commitments|outcomes|kpis|obligations|"
    r"deliverables|measures)\b", re.I)
# "Target: 12 apprentices ...", "Work experience: various placements": a label and a colon
_LABEL = re.compile(r"^[A-Z][\w' -]{0,40}:\s+\S")


def _introduces_targets(c: SentenceRecord) -> bool:
    """A lead-in ("The Supplier shall:") or a supplier sentence that announces the lines after
    it ("The Contractor shall meet the following targets during the Term.")."""
    if c.lead_in:
        return True
    return c.trigger is not None and c.party in ("supplier", None) and bool(
        _FOLLOWING.search(c.text)
    )


def _labelled_target(block: Block, clauses: list[SentenceRecord]) -> bool:
    """A paragraph that is one of the announced targets: "Label: ..." with no obligation word
    of its own, and no evidence, scope or remedy (those are about the targets)."""
    if block.kind is not BlockKind.PARAGRAPH or not clauses:
        return False
    c = clauses[0]
    return (
        c.trigger is None
        and bool(_LABEL.match(c.text))
        and not any(c.has(x) for x in ("EVIDENCE", "REFS", "CONSEQ"))
    )


def _citation(i: int, block: Block, clause_refs: dict[int, str], number: str) -> str:
    """How block ``i`` is cited: as an item of its own lead-in ("3.2.5(a)"), by Word's full
    number ("4.2(b)"), or by its own number."""
    ref = block.meta.get("clause_ref") or ""
    return clause_refs.get(i) or (ref if any(ch.isdigit() for ch in ref) else "") or number


def _sub_clause_of(number: str, lead_number: str) -> bool:
    """Whether ``number`` is a decimal sub-clause one level under ``lead_number`` ("4.1.2"
    under "4.1"): an item of its lead-in as a lettered "(b)" is."""
    if not lead_number or not number.startswith(lead_number + "."):
        return False
    return number[len(lead_number) + 1 :].isdigit()


def _inherit(item: SentenceRecord, lead: SentenceRecord) -> None:
    """A list item in its own block takes the party, modal and hedges of its lead-in."""
    item.item = True
    if item.trigger is None and lead.trigger is not None:
        item.trigger = lead.trigger
        item.inherited = True
        item.party = lead.party
        item.ask = lead.ask
        item.lead_hedges = list(lead.all_hedges)
    elif item.party is None:
        item.party = lead.party
    if lead.ask:
        item.ask = True
    item.context_themes |= lead.all_themes


def analyse(
    document: Document, parsed: list[ParsedBlock | None], config: LintConfig
) -> DocumentAnalysis:
    blocks = document.blocks
    heading_themes, sections = _headings(blocks, parsed)
    # a bidder's own document ("Method Statement 4", "Our response below is incorporated
    # into the Contract"): said in a heading or in one of its first paragraphs
    voice = any(
        (p := parsed[i]) is not None
        and (blocks[i].kind is BlockKind.HEADING or i < 3)
        and any(c.has("PARTY|supplier_voice") for c in p.clauses)
        for i in range(len(blocks))
    )
    # names the document gives the supplier ("Loftline Energy Services Limited (the Installer)")
    aliases = supplier_aliases(b.text for b in blocks)
    sentences: list[Sentence] = []
    group = 0
    lead: SentenceRecord | None = None
    lead_group = -1
    lead_number = ""
    lead_cite = ""  # the lead-in's clause as a finding cites it ("3.2.5(a)", "4.1")
    row_numbers: dict[tuple[int, int], str] = {}
    lead_by_following = False  # the lead is a sentence, not a colon: "the following targets."
    label = ""
    clause_refs: dict[int, str] = {}
    row_refs: dict[tuple[int, int], str] = {}
    for i, block in enumerate(blocks):
        doc = parsed[i]
        if doc is None:
            continue
        if block.kind is BlockKind.HEADING:
            label = ""
        label = _title_line(block) or label
        clauses: list[SentenceRecord] = doc.clauses
        # "4.1 The Supplier shall:" then "4.1.1 ...", "4.1.2 ...": decimal sub-clauses are
        # the lead-in's items as lettered ones are
        sub_clause = (lead is not None and block.table is None
                      and _sub_clause_of(_block_number(block), lead_number))
        is_list_item = block.kind is BlockKind.LIST_ITEM or sub_clause or bool(
            clauses and clauses[0].item and block.table is None
        )
        if lead is not None and lead_by_following:
            # "shall meet the following targets." then "Target: 12 apprentices ..." lines
            is_list_item = sub_clause or _labelled_target(block, clauses)
        continuing = lead is not None and is_list_item
        if not continuing:
            lead = None
        for c in clauses:
            if block.kind is BlockKind.HEADING:
                c.trigger = None  # a heading states no obligation
                c.ask = False
            # a heading on social value makes the obligations under it social value ones
            if "general" in heading_themes[i]:
                c.context_themes.add("general")
            first_person = (c.party_word or "").lower() in {"we", "us", "our"}
            if voice and c.party == "authority" and first_person:
                c.party = "supplier"
            if c.party is None and c.trigger is not None:
                # "The Installer will ...", "Placements should be offered by the Contractor"
                c.party = resolve_party(c, aliases)
            if continuing and lead is not None and c.index == 0:
                _inherit(c, lead)
                gid = lead_group
            elif c.item and not c.lead_in and sentences and sentences[-1].block == i:
                gid = sentences[-1].group
                prev = sentences[-1].clause
                if c.trigger is None and _opens_inline_list(prev):
                    # "the Consultant shall (a) provide ...; and (b) give ...": (b) is the
                    # Consultant's duty too
                    _inherit(c, prev)
            else:
                group += 1
                gid = group
            ref = block.table
            table = (ref.table, ref.row) if ref is not None else None
            number = _block_number(block)
            if ref is not None and table is not None:
                # a KPI row is numbered by its first cell ("KPI 4", "K1") in every cell
                if ref.col == 0 and number:
                    row_numbers[table] = number
                elif not number:
                    number = row_numbers.get(table, "")
                # where a finding is: the row's own reference ("A.10.9") in its first cell
                if ref.col == 0 and _ROW_REF.fullmatch(block.text.strip()):
                    row_refs[table] = block.text.strip()
                cited = row_refs.get(table) or (number if _ROW_REF.fullmatch(number) else "")
                if cited:
                    clause_refs.setdefault(i, cited)
            if c.item and gid == lead_group and lead_number:
                # "8.1(c)": the lead-in's number and the item's own letter, if it has one;
                # a decimal sub-clause keeps its own number ("8.1.3")
                letter = number if number.isalpha() and len(number) <= 3 else ""
                sub = _sub_clause_of(number, lead_number)
                # where a finding on the item is: "clause 8.1(c)", "8.1.3", or the lead-in's
                # own citation for an item without a number of its own (a bullet)
                own = letter if block.number else ""
                clause_refs.setdefault(
                    i, number if sub else f"{lead_cite}({own})" if own else lead_cite)
                if not sub:
                    number = f"{lead_number}({letter})" if letter else lead_number
            sentences.append(Sentence(i, c, gid, table, sections[i], number, label))
        if clauses and block.table is None and not continuing and _introduces_targets(clauses[-1]):
            lead_by_following = not clauses[-1].lead_in
            lead = clauses[-1]
            lead_group = sentences[-1].group
            lead_number = sentences[-1].number
            lead_cite = _citation(i, block, clause_refs, lead_number)
        elif clauses and clauses[-1].lead_in and block.table is None:
            lead_by_following = False
            lead = clauses[-1]
            lead_group = sentences[-1].group
            lead_number = sentences[-1].number
            lead_cite = _citation(i, block, clause_refs, lead_number)
        elif not continuing:
            lead = None
            lead_by_following = False
    tables = _tables(document, parsed, sections)
    analysis = DocumentAnalysis(document, config, sentences, parsed, tables)
    analysis.clause_refs = clause_refs
    all_scope = config.scope == "all"
    row_firsts = {
        info.first_cells[r]: info
        for info in tables.values()
        if info.kpi_rows
        for r in info.rows
    }
    rows_with_obligation = {
        s.table for s in sentences if s.table is not None and s.clause.is_obligation
    }
    # "Such voluntary benefits will not form part of the contract": that sentence and the
    # offer just before it (in the same block) are no commitments
    outside: set[int] = set()
    for k, s in enumerate(sentences):
        if s.clause.has(Label.NONCONTRACTUAL):
            outside.add(k)
            if k > 0 and sentences[k - 1].block == s.block:
                outside.add(k - 1)
    for k, s in enumerate(sentences):
        c = s.clause
        if k in outside:
            continue
        if c.ask:
            analysis.asks.append(s)
        # "Failure to meet ... shall lead to a rectification plan": a consequence, not a duty
        failure_first = (
            c.trigger is not None
            and _states(c, "consequence")
            and any(h.start < c.trigger.start for h in c.get(Label.FAILURE))
        )
        failure_first = (failure_first or _entitles_buyer(c) or _remedy_subject(c)
                         or _frames_document(c))
        if (
            (c.is_obligation or _passive_will(c) or _soft_ask(c))
            and not failure_first
            and not _authority_hopes(c)
            and not c.question  # "What proportion of your spend will be with ...?"
            # (unnumbered prose: "11.3 Providers are encouraged to ..." in a DPS's terms binds
            # each provider on it)
            and not (not s.number and _suppliers_in_general(c))
        ):
            analysis.obligations.append(s)
            if all_scope or (_social_value(c) and not _running_the_service(c)):
                analysis.commitments.append(s)
        elif (
            s.table is not None
            and c.index == 0
            and s.block in row_firsts
            and s.table not in rows_with_obligation
        ):
            # a KPI table row is a commitment of its own
            info = row_firsts[s.block]
            if all_scope or info.rows.get(s.table[1]) or c.all_themes:
                analysis.commitments.append(s)
    analysis.local_defined = any(
        s.clause.has(Label.LOCAL) and (s.clause.definition or s.clause.has(Label.LOCAL_DEF))
        for s in sentences
    )
    analysis.sv_related = any(s.clause.all_themes for s in sentences)
    # the title decides first ("Call-Off Schedule 13 (Exit Management)" is no tender however
    # often it says "bidder"); a title that names no kind leaves it to the text
    title_kind = kind_from_titles(titles_of(document))
    analysis.kind = document.kind or title_kind
    analysis.is_itt = (document.kind in _ITT_KINDS) or (
        document.kind is None
        and (
            title_kind in TENDER_KINDS
            or (title_kind is None
                and (bool(analysis.asks) or any(_names_bidder(s.clause) for s in sentences)))
        )
    )
    return analysis


# a reporting or remedy clause that reaches the KPIs alone, by no named part
_KPIS_ONLY = re.compile(
    r"\b(?:against|on|for)\s+(?:each|every|all|the|any)\s+(?:of the\s+)?(?:social value\s+)?"
    r"(?:kpis?|key performance indicators?)\b(?!\s+(?:in|of|set out|listed|or|and)\b)", re.I)
_THIS_CONTRACT = re.compile(r"\b(?:the|this|each)\s+contract\b", re.I)
_GENERIC_SUPPLIERS = re.compile(r"^(?:suppliers|contractors|providers|businesses)$", re.I)
_GENERIC_ASKED = re.compile(
    r"\b(?:encourage|expect|invite|ask|want|would like)\w*\s+(?:suppliers|contractors|providers|"
    r"businesses)\s+to\b", re.I)


def _suppliers_in_general(c: SentenceRecord) -> bool:
    """An authority's encouragement of suppliers at large, not one supplier's duty: "Suppliers
    are encouraged to pay the Real Living Wage", "We expect suppliers to tell us early"."""
    if not c.all_hedges or _THIS_CONTRACT.search(c.text):
        return False  # ("Suppliers are encouraged to spend 20% of the contract value")
    if c.party_word and _GENERIC_SUPPLIERS.match(c.party_word.strip()):
        return True
    return bool(_GENERIC_ASKED.search(c.text))


def _remedy_subject(c: SentenceRecord) -> bool:
    """A sentence about a remedy, not a duty: a remedy before the obligation word and no party
    ("Service Credits under Schedule 7 shall apply to any missed Social Value KPI"), or a
    remedy as the subject whatever party follows ("The total Service Credits payable by the
    Supplier in a quarter shall not exceed 10%")."""
    if c.trigger is None:
        return False
    before = [h for h in c.get(Label.CONSEQ) if h.start < c.trigger.start]
    if not before:
        return False
    return c.party is None or bool(_SUBJECT_LEAD.match(c.text[: before[0].start - c.start]))


# what may open a sentence before its subject: a number and determiners
_SUBJECT_LEAD = re.compile(
    r"^\W*(?:\(?[a-z0-9]{1,4}[.)]\s*)?(?:(?:the|any|all|total|aggregate)\s+)*$", re.I)


def _names_bidder(c: SentenceRecord) -> bool:
    """Does the sentence name a bidder outside quotation marks ("a 'you said, we did'
    summary" addresses nobody)?"""
    for h in c.get("PARTY|bidder"):
        before = c.text[: h.start - c.start]
        if before.count('"') % 2 == 0 and before.count("“") <= before.count("”"):
            return True
    return False


_CODE = re.compile(r"\b[A-Z]{1,4}\d+(?:\.\d+)*\b")
_CODE_LIST_HEAD = re.compile(
    r"\b([A-Z]{1,4}\d+(?:\.\d+)*)(?=\s*(?:,|and\b|or\b)\s*[A-Z]{1,4}\d+)")
# a code where a scope names it ("report on G1 and G3", "requirements S1 to S3"), not as a
# word of a phrase ("the C3 spend falls short")
_SCOPED_CODE = re.compile(
    r"(?:\b(?:on|against|for|in|with|and|or|to|requirements?|paragraphs?|items?|commitments?|"
    r"kpis?)|,)\s+([A-Z]{1,4}\d+(?:\.\d+)*)\b", re.I)
_CODE_RANGE = re.compile(r"\b([A-Z]{1,4})(\d+)\s*(?:to|-|–)\s*\1(\d+)\b")
_ROW_ID = re.compile(r"^(?:[A-Za-z]{1,5}[\s.-]?)?\d+(?:\.\d+)*[a-z]?\.?$|^\(?[a-z]\)$")
def _says_something(text: str) -> bool:
    value = text.strip()
    return value.lower() not in _EMPTY and not _ROW_ID.match(value)


_EMPTY = {"", "tbc", "tbd", "n/a", "na", "-", "–", "—", "to be confirmed", "none", "?"}


def _tables(
    document: Document, parsed: list[ParsedBlock | None], sections: list[tuple[str, ...]]
) -> dict[int, TableInfo]:
    index = {id(b): i for i, b in enumerate(document.blocks)}
    out: dict[int, TableInfo] = {}
    for t, rows in document.tables().items():
        info = TableInfo(t)
        caption = ""
        if rows and rows[0]:
            info.section = sections[index[id(rows[0][0])]]
        for r, row in enumerate(rows):
            themes: set[str] = set()
            for col, cell in enumerate(row):
                caption = caption or str(cell.meta.get("caption") or "")
                doc = parsed[index[id(cell)]]
                if doc is not None:
                    for c in doc.clauses:
                        themes |= c.themes
                if r == 0 or (cell.table is not None and cell.table.header):
                    head = cell.text.lower()
                    for column, words in _TABLE_HEADS.items():
                        if any(w in head for w in words):
                            info.columns.add(column)
                            if column in ("evidence", "frequency"):
                                info.evidence_cols.append(col)
                            elif column == "consequence":
                                info.remedy_cols.append(col)
            if r > 0 and any(cell.text.strip() for cell in row):
                info.rows[r] = themes
                # the row's commitment is its first cell that says something: not a row
                # number or code ("R3", "KPI 2", "1.4")
                first = next(
                    (c for c in row if _says_something(c.text)),
                    row[0],
                )
                info.first_cells[r] = index[id(first)]
                filled = [
                    row[c].text.strip().lower() not in _EMPTY
                    for c in info.evidence_cols
                    if c < len(row)
                ]
                if filled and all(filled):
                    info.complete_rows.add(r)
                remedies = [row[c].text.strip().lower() for c in info.remedy_cols if c < len(row)]
                if any(x not in _EMPTY for x in remedies):
                    info.remedy_rows.add(r)
        if "kpi" in info.columns or "kpi" in caption.lower():
            info.kpi_rows = len(info.rows)
        out[t] = info
    return out
