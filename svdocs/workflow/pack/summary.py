"""The pack summary: for each social value theme, the chain ITT question → contract
commitment → KPI → evidence → remedy, with its gaps; and the references between documents."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from svdocs.core.model import Location
from svdocs.core.results import PackDocument, PackReference, PackSummary, ThemeChain
from svdocs.linter.judge.analysis import Sentence
from svdocs.linter.nlp.records import Hit
from svdocs.workflow.pack import facts
from svdocs.workflow.pack.places import sentence_place

if TYPE_CHECKING:
    from svdocs.workflow.pack.lint import PackRun


def summarise(run: PackRun, notes: list[str]) -> PackSummary:
    summary = PackSummary(notes=list(notes))
    for m in run.members:
        summary.documents.append(PackDocument(m.path, m.title, m.kind,
                                              [*m.numbers, *m.names]))
    asked: dict[str, tuple[int, Sentence]] = {}
    asked_words: dict[str, str] = {}
    for m in run.members:
        if m.kind == "itt":
            for theme, (s, hit) in facts.asked_themes(run.analyses[m.index]).items():
                if theme not in asked:
                    asked[theme] = (m.index, s)
                    asked_words[theme] = _around(s, hit)
    committed: dict[str, tuple[int, Sentence]] = {}
    kpis: dict[str, tuple[int, Sentence]] = {}
    for m in run.members:
        if m.kind != "contract":
            continue
        a = run.analyses[m.index]
        for s in a.commitments:
            theme = facts.primary_theme(s.clause)
            if theme is None:
                continue
            if facts.is_kpi_row(a, s):
                kpis.setdefault(theme, (m.index, s))
            elif s.table is None:
                committed.setdefault(theme, (m.index, s))
    themes = [*asked, *(t for t in committed if t not in asked),
              *(t for t in kpis if t not in asked and t not in committed)]
    for theme in themes:
        chain = ThemeChain(theme)
        for step, found in (("itt", asked.get(theme)), ("commitment", committed.get(theme)),
                            ("kpi", kpis.get(theme))):
            chain.steps[step] = _place(run, *found) if found else None
            if found:
                chain.texts[step] = (asked_words[theme] if step == "itt"
                                     else found[1].clause.text)
        measured = kpis.get(theme) or committed.get(theme)
        for step, aspect in (("evidence", "evidence"), ("remedy", "consequence")):
            chain.steps[step] = None
            if measured is None:
                continue
            k, s = measured
            if _row_states(run, k, s, aspect):
                chain.steps[step] = _place(run, k, s)  # the KPI row's own column
                chain.texts[step] = _provider_text(run, k, s, aspect)
                continue
            found = run.analyses[k].covering_place(s, aspect)  # type: ignore[attr-defined]
            if found is not None:
                chain.steps[step] = _place(run, *found)
                chain.texts[step] = _provider_text(run, found[0], found[1], aspect)
        summary.chains.append(chain)
    for ref in run.references:
        resolved = run.members[ref.resolved].path if ref.resolved is not None else None
        summary.references.append(PackReference(run.members[ref.member].path,
                                                ref.sentence.block, ref.text, resolved))
    return summary


def _around(s: Sentence, hit: Hit) -> str:
    """The words of a question around the theme it names ("… spend with SMEs and VCSEs in
    the Local Area and lower carbon emissions from delivering the Contract …")."""
    c = s.clause
    start, end = hit.start - c.start, hit.end - c.start
    before = re.search(r"(?:\S+\s+){0,3}$", c.text[:start])
    after = re.match(r"(?:\s*\S+){0,3}", c.text[end:])
    pre = before.group() if before else ""
    post = after.group() if after else ""
    lead = "… " if len(pre) < start else ""
    tail = " …" if end + len(post) < len(c.text) else ""
    return f"{lead}{pre}{c.text[start:end]}{post}{tail}"


def _row_states(run: PackRun, k: int, s: Sentence, aspect: str) -> bool:
    """Does a KPI row state its own evidence (every evidence cell filled) or remedy?"""
    if s.table is None:
        return False
    info = run.analyses[k].tables.get(s.table[0])
    if info is None:
        return False
    rows = info.complete_rows if aspect == "evidence" else info.remedy_rows
    return s.table[1] in rows


def _provider_text(run: PackRun, k: int, s: Sentence, aspect: str) -> str:
    """A KPI row covers itself: show its evidence or remedy cell, not its measure."""
    a = run.analyses[k]
    if s.table is not None:
        info = a.tables.get(s.table[0])
        cols = (info.evidence_cols if aspect == "evidence" else info.remedy_cols) if info else []
        cells = [b for b in a.document.blocks
                 if b.table is not None and (b.table.table, b.table.row) == s.table
                 and b.table.col in cols]
        if cells:
            return "; ".join(c.text for c in cells)
    return s.clause.text


def _place(run: PackRun, k: int, s: Sentence) -> Location:
    return sentence_place(run, k, s)
