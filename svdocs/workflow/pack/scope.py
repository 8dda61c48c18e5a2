"""The pack's scope: every document's blocks in one Document, judged as one.

Each document of the pack is parsed once. Its blocks, in turn, go into one combined
Document under a top-level heading naming the document (its title and file), so the
judgement's own scope logic (a reporting or remedy clause covers the commitments it names,
"the KPIs in Schedule 6" covers the commitments under that heading, a definition of "local"
anywhere defines it) reaches across documents exactly as within one document. A reference
by a document's title ("the Service Credits set out in the KPI Schedule") scopes like a
reference to a numbered part.

Each document is still judged on its own analysis, so its findings keep the locations,
offsets and fingerprints they have when it is linted alone; only what the pack answers
changes: a commitment whose evidence or remedy is in another document, "local" defined in
another document, a weighting stated in another document.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

from svdocs.core.config import LintConfig
from svdocs.core.model import Block, BlockKind, Document
from svdocs.linter.judge.analysis import Aspect, DocumentAnalysis, Sentence
from svdocs.linter.structure.sentence import TableInfo
from svdocs.workflow.pack.members import Member

if TYPE_CHECKING:
    from svdocs.linter.nlp.blocks import ParsedBlock


@dataclass
class Combined:
    """The pack as one Document, and where each document's blocks start in it."""

    document: Document
    parsed: list[ParsedBlock | None]
    offsets: list[int]  # per member: the index of its first block (after its heading)
    members: list[Member]
    table_offsets: list[int]  # per member: what its table indexes are moved by

    def member_of(self, block: int) -> int:
        """The member whose blocks hold combined block ``block``."""
        k = 0
        for i, start in enumerate(self.offsets):
            if start - 1 <= block:
                k = i
        return k


def combine(members: list[Member], parsed: list[list[ParsedBlock | None]]) -> Combined:
    """One Document of the pack: per member a level-1 heading with its title and file, then
    its blocks with their headings one level down and their tables numbered on."""
    blocks: list[Block] = []
    out_parsed: list[ParsedBlock | None] = []
    offsets: list[int] = []
    table_offsets: list[int] = []
    tables = 0
    for member, doc_parsed in zip(members, parsed, strict=True):
        aliases = [n for n in (*member.numbers, *member.names)
                   if n not in member.heading.lower()]
        # the heading lists every name of the document in lower case: a scope is matched
        # against the headings above a commitment (DocumentAnalysis._in_named_part)
        heading = f"{member.heading} [{'; '.join(aliases)}]" if aliases else member.heading
        blocks.append(Block(BlockKind.HEADING, heading, level=1))
        # the heading is not parsed: it names the document and judges nothing (a title's
        # "social value" would otherwise make every sentence under it a social value one)
        out_parsed.append(None)
        offsets.append(len(blocks))
        table_offsets.append(tables)
        seen = -1
        for block in member.document.blocks:
            table = block.table
            if table is not None:
                seen = max(seen, table.table)
                nested = table.nested_in + tables if table.nested_in is not None else None
                table = replace(table, table=table.table + tables, nested_in=nested)
            blocks.append(replace(
                block,
                level=(block.level or 1) + 1 if block.kind is BlockKind.HEADING else block.level,
                heading_path=(heading, *block.heading_path) if block.heading_path else (),
                table=table,
            ))
        tables += seen + 1
        out_parsed.extend(doc_parsed)
    document = Document(blocks=blocks, path="<pack>", title="pack")
    return Combined(document, out_parsed, offsets, members, table_offsets)


class PackAnalysis(DocumentAnalysis):
    """The combined Document's analysis: a reference to a document of the pack by its title
    ("the KPIs in the Social Value KPI Schedule") scopes to that document's blocks."""

    pack_names: list[str] = []  # noqa: RUF012 (set per instance by pack_analysis)
    #: per member: the names it answers to, and the first block after its own
    member_names: list[list[str]] = []  # noqa: RUF012
    member_ends: list[int] = []  # noqa: RUF012
    #: pack sentence id -> (member, the member's own sentence)
    origin: dict[int, tuple[int, Sentence]] = {}  # noqa: RUF012
    _reach: dict[int, dict[Aspect, list[Sentence]]] = {}  # noqa: RUF012
    _reach_of: dict[int, tuple[int, frozenset[int], bool]] = {}  # noqa: RUF012
    _name_members: dict[str, list[int]] = {}  # noqa: RUF012
    _names_re: re.Pattern[str] = re.compile("(?!)")

    def member_of(self, p: Sentence) -> int:
        return bisect.bisect_right(self.member_ends, p.block)

    def covering_from_others(self, item: Sentence, aspect: Aspect,
                             member: int) -> Sentence | None:
        """What covers ``item`` (a sentence of ``member``) among the other documents'
        sentences that reach it: the pack's scope logic, over those providers only."""
        reach = self._reach.get(member)
        if reach is None:
            reach = self._reach[member] = {
                a: [p for p in self.providers(a) if self._reaches(p, member)]
                for a in ("evidence", "consequence")}
        saved = self._cover
        self._cover = reach  # covering() reads its providers from this cache
        try:
            return self.covering(item, aspect)
        finally:
            self._cover = saved

    def _reaches(self, p: Sentence, member: int) -> bool:
        """Can a provider of another document cover a commitment of ``member``? When it names
        that document, or a theme, or the social value commitments or KPIs as a set (the
        scope logic then decides), and is not confined to its own document ("each
        commitment in this Schedule", "clause 9.2": its own document's numbers)."""
        found = self._reach_of.get(id(p))
        if found is None:
            text = p.clause.text.lower()
            named = frozenset(k for m in self._names_re.finditer(text)
                              for k in self._name_members.get(m.group(1), ()))
            # a bare mention of "social value" reaches no further than its own document
            broad = (bool(p.clause.themes - {"general"}) or bool(_NAMED_SET.search(text))) \
                and not (_OWN_DOCUMENT.search(text) or self._scope_of(p)[0])
            found = self._reach_of[id(p)] = (self.member_of(p), named, broad)
        own, named, broad = found
        if own == member:
            return False  # the document's own providers judged it alone
        return member in named or broad


# "in this Schedule", "under this Annex": a document speaking of itself
_OWN_DOCUMENT = re.compile(r"\b(?:in|of|under|to|by) this (?:schedule|annexe?|appendix|part|"
                           r"specification|section|document|attachment)\b")


# "each Social Value Commitment", "any KPI", "the Key Performance Indicators"
_NAMED_SET = re.compile(r"\bsocial value (?:commitments?|kpis?|initiatives?|obligations?|"
                        r"outcomes?|targets?)\b|\bkpis?\b|\bkey performance indicators?\b")


# the words before a document's name that make it a scope, as for a numbered part
# (svdocs.linter.structure.references): "the KPIs in", "report against", "commitments of"
_SCOPE_BEFORE = re.compile(
    r"\b(?:(?:commitments?|kpis?|key performance indicators?|targets?|obligations?|"
    r"requirements?|measures?|outcomes?)\s+(?:set out\s+|listed\s+|contained\s+)?(?:in|of)"
    r"|(?:progress|performance|report|reports|reporting|evidence|delivery)\s+(?:against|on))"
    r"\s+(?:the\s+)?$", re.I)


def named_documents(text: str, names: re.Pattern[str]) -> list[str]:
    """Names of pack documents (``names``: one pattern of them all, longest first) that a
    sentence scopes to ("the KPIs in the KPI Schedule")."""
    low = text.lower()
    out: list[str] = []
    for m in names.finditer(low):
        name = m.group(1)
        if _SCOPE_BEFORE.search(low[: m.start()]) and not any(name in o for o in out):
            out.append(name)
    return out


def pack_analysis(combined: Combined, alone: list[DocumentAnalysis],
                  config: LintConfig) -> tuple[PackAnalysis, list[dict[int, Sentence]]]:
    """The combined Document's analysis, made from each document's own: its sentences,
    tables and commitments moved to their place in the combined Document, under the
    document's heading. (Analysing the combined Document afresh would find the same, at the
    cost of a second analysis, except that a list's lead-in could run on into the next
    document.) Also, per document, its sentences' twins in the pack (by ``id``)."""
    sentences: list[Sentence] = []
    tables: dict[int, TableInfo] = {}
    commitments: list[Sentence] = []
    obligations: list[Sentence] = []
    asks: list[Sentence] = []
    clause_refs: dict[int, str] = {}
    twins: list[dict[int, Sentence]] = []
    groups = 0
    for a, offset, moved in zip(alone, combined.offsets, combined.table_offsets, strict=True):
        heading = combined.document.blocks[offset - 1].text
        twin: dict[int, Sentence] = {}
        top = 0
        for s in a.sentences:
            table = (s.table[0] + moved, s.table[1]) if s.table is not None else None
            new = Sentence(s.block + offset, s.clause, s.group + groups, table,
                           (heading, *s.section), s.number, s.label)
            twin[id(s)] = new
            sentences.append(new)
            top = max(top, s.group)
        groups += top + 1
        commitments.extend(twin[id(s)] for s in a.commitments)
        obligations.extend(twin[id(s)] for s in a.obligations)
        asks.extend(twin[id(s)] for s in a.asks)
        clause_refs.update((b + offset, ref) for b, ref in a.clause_refs.items())
        for info in a.tables.values():
            tables[info.index + moved] = replace(
                info, index=info.index + moved, section=(heading, *info.section),
                first_cells={r: b + offset for r, b in info.first_cells.items()})
        twins.append(twin)
    pack = PackAnalysis(
        document=combined.document, config=config, sentences=sentences,
        parsed=combined.parsed, tables=tables, commitments=commitments,
        obligations=obligations, asks=asks,
        local_defined=any(a.local_defined for a in alone),
        is_itt=any(a.is_itt for a in alone), sv_related=any(a.sv_related for a in alone))
    pack.clause_refs = clause_refs
    names: list[str] = []
    for member in combined.members:
        names.extend(n for n in (*member.numbers, *member.names) if n and n not in names)
    pack.pack_names = names
    pack.member_names = [[n for n in (*m.numbers, *m.names) if n] for m in combined.members]
    # where each member's blocks end: the next member's heading
    pack.member_ends = [o - 1 for o in combined.offsets[1:]] + [len(combined.document.blocks)]
    pack.origin = {id(new): (k, old) for k, (a, twin) in enumerate(zip(alone, twins,
                                                                        strict=True))
                   for old in a.sentences for new in (twin[id(old)],)}
    pack._reach, pack._reach_of = {}, {}
    by_name: dict[str, list[int]] = {}
    for k, names_k in enumerate(pack.member_names):
        for n in names_k:
            by_name.setdefault(n, []).append(k)
    pack._name_members = by_name
    if by_name:
        alternatives = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
        pack._names_re = re.compile(rf"\b({alternatives})\b")
    return pack, twins


class DocumentInPack(DocumentAnalysis):
    """One document's own analysis, answering coverage with the pack's scope: what the
    document leaves uncovered is covered when the pack covers it."""

    pack: PackAnalysis
    twins: dict[int, Sentence]  # id of a sentence of the document -> its pack sentence
    member: int

    def covering(self, item: Sentence, aspect: Aspect) -> Sentence | None:
        own = super().covering(item, aspect)
        if own is not None:
            return own
        twin = self.twins.get(id(item))
        if twin is None:
            return None
        return self.pack.covering_from_others(twin, aspect, self.member)

    def covering_place(self, item: Sentence, aspect: Aspect) -> tuple[int, Sentence] | None:
        """What covers ``item``, as (member, that member's own sentence)."""
        found = self.covering(item, aspect)
        if found is None:
            return None
        return self.pack.origin.get(id(found), (self.member, found))


def in_pack(alone: DocumentAnalysis, pack: PackAnalysis, twins: dict[int, Sentence],
            member: int) -> DocumentInPack:
    view = DocumentInPack(**{f.name: getattr(alone, f.name) for f in fields(alone)})
    view.pack = pack
    view.twins = twins
    view.member = member
    view.local_defined = alone.local_defined or pack.local_defined
    return view
