"""The pack's consistency findings (category ``pack-consistency``): each points at one place
and, in ``related``, at the place in another document it disagrees with or lacks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from svdocs.core.model import Finding, Location
from svdocs.core.rules import Rule
from svdocs.linter.checks import kpi_count, make_finding
from svdocs.linter.judge.analysis import Sentence
from svdocs.linter.nlp.records import Hit
from svdocs.workflow.pack import facts
from svdocs.workflow.pack.places import block_place, sentence_place

if TYPE_CHECKING:
    from svdocs.workflow.pack.lint import PackRun

# the selection rules `svdocs assemble` applies (svdocs.assembly.brief)
KPI_THRESHOLD = 5_000_000
MIN_KPIS = 3
SCOTLAND_THRESHOLD = 4_000_000
WALES_WORKS_THRESHOLD = 2_000_000


def consistency_findings(run: PackRun) -> list[Finding]:
    out: list[Finding] = []
    for rule in run.rules:
        check = _CHECKS.get(rule.check)
        if check is not None:
            out.extend(check(rule, run))
    return out


# ------------------------------------------------------------------ places


def _on(rule: Rule, run: PackRun, k: int, s: Sentence, hit: Hit | None = None,
        **fields: str) -> Finding:
    a = run.analyses[k]
    c = s.clause
    if hit is not None and c.start <= hit.start and hit.end <= c.end:
        return make_finding(rule, a, s.block, c.text, (hit.start, hit.end), hit.text, **fields)
    return make_finding(rule, a, s.block, c.text, (c.start, c.end), c.text, **fields)


def _kinds(run: PackRun, *kinds: str) -> list[int]:
    return [m.index for m in run.members if m.kind in kinds]


def _doc(run: PackRun, k: int) -> str:
    return run.members[k].title


# ------------------------------------------------------------------ checks


def theme_not_carried(rule: Rule, run: PackRun) -> Iterator[Finding]:
    """A theme the ITT evaluates that no contract document carries as a commitment or KPI."""
    contracts = _kinds(run, "contract")
    if not contracts:
        return
    carried: dict[str, tuple[int, Sentence]] = {}
    for k in contracts:
        for theme, s in facts.committed_themes(run.analyses[k]).items():
            carried.setdefault(theme, (k, s))
    where = _commitments_places(run, contracts)
    for k in _kinds(run, "itt"):
        for theme, (s, hit) in facts.asked_themes(run.analyses[k]).items():
            if theme in carried:
                continue
            f = _on(rule, run, k, s, hit, theme=theme, words=hit.text)
            f.related = where
            yield f


def _commitments_places(run: PackRun, contracts: list[int]) -> list[Location]:
    """Where each contract document's commitments start (its first KPI row or commitment)."""
    out = []
    for k in contracts:
        a = run.analyses[k]
        rows = facts.kpi_rows(a)
        first = rows[0] if rows else next((s for s in a.commitments if s.clause.measurable), None)
        if first is not None:
            out.append(sentence_place(run, k, first))
    return out


def commitment_not_asked(rule: Rule, run: PackRun) -> Iterator[Finding]:
    """A commitment in the contract of a theme the ITT never asked bidders for."""
    itts = _kinds(run, "itt")
    asked: dict[str, tuple[int, Sentence, Hit]] = {}
    for k in itts:
        for theme, (s, hit) in facts.asked_themes(run.analyses[k]).items():
            asked.setdefault(theme, (k, s, hit))
    if not asked:
        return  # no ITT question in the pack: nothing to compare with
    first_ask = next(iter(asked.values()))
    for k in _kinds(run, "contract"):
        for theme, s in facts.committed_themes(run.analyses[k]).items():
            if theme in asked:
                continue
            hits = [h for t, h in facts.theme_hits(s.clause) if t == theme]
            f = _on(rule, run, k, s, hits[0] if hits else None, theme=theme)
            f.related = [sentence_place(run, first_ask[0], first_ask[1])]
            yield f


def kpi_unsupported(rule: Rule, run: PackRun) -> Iterator[Finding]:
    """A KPI with no evidence or no remedy anywhere in the pack."""
    for k in _kinds(run, "contract"):
        a = run.analyses[k]
        for s in facts.kpi_rows(a):
            lacking = [aspect for aspect in ("evidence", "consequence")
                       if a.covering(s, aspect) is None]  # type: ignore[arg-type]
            if not lacking:
                continue
            gap = " and ".join("a remedy" if x == "consequence" else x for x in lacking)
            f = _on(rule, run, k, s, None, missing=gap)
            theme = facts.primary_theme(s.clause)
            f.related = [
                sentence_place(run, j, x) for j in _kinds(run, "contract") if j != k
                for t, x in facts.committed_themes(run.analyses[j]).items() if t == theme
            ][:1]
            yield f


def weighting_differs(rule: Rule, run: PackRun) -> Iterator[Finding]:
    """The social value weighting stated differently in two documents (or twice in one)."""
    stated = [(k, s, e, v) for k in range(len(run.members))
              for s, e, v in facts.stated_weightings(run.analyses[k])]
    if not stated:
        return
    itt = [x for x in stated if run.members[x[0]].kind == "itt"]
    reference = (itt or stated)[0]
    for k, s, e, value in stated:
        if value == reference[3]:
            continue
        f = _on(rule, run, k, s, e, value=f"{value:g}%", other=f"{reference[3]:g}%",
                document=_doc(run, reference[0]))
        k0, s0, e0, _ = reference
        f.related = [sentence_place(run, k0, s0, (e0.start, e0.end))]
        yield f


def weights_total(rule: Rule, run: PackRun) -> Iterator[Finding]:
    """An evaluation table whose weights do not add up to 100%."""
    for k in _kinds(run, "itt"):
        a = run.analyses[k]
        for rows in a.document.tables().values():
            if not rows or not any("weight" in c.text.lower() for c in rows[0]):
                continue
            weights: list[tuple[Sentence, Hit, float]] = []
            for row in rows[1:]:
                found = _row_percent(a, row)
                if found is not None:
                    weights.append(found)
            total = sum(w for _, _, w in weights)
            if len(weights) >= 2 and abs(total - 100) > 0.01 and not _has_total_row(rows):
                s, e, _ = weights[-1]
                f = _on(rule, run, k, s, e, total=f"{total:g}%")
                first, hit, _ = weights[0]
                f.related = [sentence_place(run, k, first, (hit.start, hit.end))]
                yield f


def _row_percent(a: object, row: list[object]) -> tuple[Sentence, Hit, float] | None:
    analysis = a  # a DocumentAnalysis
    blocks = analysis.document.blocks  # type: ignore[attr-defined]
    index = {id(b): i for i, b in enumerate(blocks)}
    for cell in row:
        i = index.get(id(cell))
        for s in analysis.sentences:  # type: ignore[attr-defined]
            if s.block != i:
                continue
            for e in s.clause.ents_of({"PERCENT"}):
                digits = "".join(ch for ch in e.text if ch.isdigit() or ch == ".")
                try:
                    return s, e, float(digits)
                except ValueError:
                    continue
    return None


def _has_total_row(rows: list[list[object]]) -> bool:
    return any(getattr(c, "text", "").strip().lower() == "total" for c in rows[-1])


def term_differs(rule: Rule, run: PackRun) -> Iterator[Finding]:
    """"Local" (or another key term) defined differently in two documents."""
    by_term: dict[str, list[tuple[int, facts.Definition]]] = {}
    for k in range(len(run.members)):
        for d in facts.definitions(run.analyses[k]):
            # a definition that rests on another ("a person whose main home is in the Local
            # Area") or refers to another document's is not a second definition
            if facts.key_term(d.term) and facts.signature(d.body) \
                    and not facts.refers_elsewhere(d.body, run.members):
                by_term.setdefault(d.term.lower(), []).append((k, d))
    for found in by_term.values():
        docs = {k for k, _ in found}
        if len(docs) < 2:
            continue
        # the definitions schedule, if it defines the term, is the one the others must follow
        found.sort(key=lambda x: (run.members[x[0]].kind != "definitions", x[0]))
        k0, first = found[0]
        for k, d in found[1:]:
            if k == k0 or facts.signature(d.body) == facts.signature(first.body):
                continue
            hit = Hit("DEF", d.start, d.end, run.analyses[k].document.blocks[
                d.sentence.block].text[d.start:d.end])
            f = _on(rule, run, k, d.sentence, hit, term=d.term, document=_doc(run, k0))
            f.related = [sentence_place(run, k0, first.sentence, (first.start, first.end))]
            yield f


def rules_out_of_step(rule: Rule, run: PackRun) -> Iterator[Finding]:
    """The pack's social value clauses out of step with its jurisdiction or value."""
    values = facts.stated_values(run.members)
    places = facts.stated_jurisdictions(run.members)
    for other in places[1:]:
        if other.value != places[0].value:
            yield _block_finding(rule, run, other, places[0],
                                 problem=f"the jurisdiction is stated as {other.value} here "
                                         f"and {places[0].value} in "
                                         f"{_doc(run, places[0].member)}")
    if not values:
        return
    value = float(values[0].value)
    jurisdiction = places[0].value if places else None
    text = " ".join(b.text for m in run.members for b in m.document.blocks).lower()
    kpis = sum(kpi_count(a) for a in run.analyses)
    if value > KPI_THRESHOLD and kpis < MIN_KPIS:
        yield _block_finding(rule, run, values[0], None,
                             problem=f"the value is over £5m but the pack sets {kpis} KPIs, "
                                     "fewer than the 3 the Procurement Act 2023 s.52 requires")
    if jurisdiction == "scotland" and value >= SCOTLAND_THRESHOLD \
            and "community benefit" not in text:
        yield _block_finding(rule, run, values[0], None,
                             problem="a Scottish contract of £4m or more has no community "
                                     "benefit requirements (Procurement Reform (Scotland) Act "
                                     "2014 ss.24-25)")
    works = " works" in text[:5000] or "works contract" in text
    if jurisdiction == "wales" and works and value >= WALES_WORKS_THRESHOLD \
            and "social public works" not in text:
        yield _block_finding(rule, run, values[0], None,
                             problem="a Welsh works contract of £2m or more has no social "
                                     "public works clauses (Social Partnership and Public "
                                     "Procurement (Wales) Act 2023)")


def _block_finding(rule: Rule, run: PackRun, at: facts.Stated, other: facts.Stated | None,
                   problem: str) -> Finding:
    a = run.analyses[at.member]
    text = a.document.blocks[at.block].text
    f = make_finding(rule, a, at.block, text, (0, len(text)), text, problem=problem)
    if other is not None:
        f.related = [block_place(run, other.member, other.block)]
    return f


def reference_missing(rule: Rule, run: PackRun) -> Iterator[Finding]:
    """A reference to a document that is not in the pack (once per name and document)."""
    seen: set[tuple[int, str]] = set()
    for ref in run.references:
        key = (ref.member, ref.text.lower())
        if ref.resolved is not None or key in seen:
            continue
        seen.add(key)
        hit = Hit("REF", ref.start, ref.end, ref.text)
        yield _on(rule, run, ref.member, ref.sentence, hit, reference=ref.text)


def reference_name_differs(rule: Rule, run: PackRun) -> Iterator[Finding]:
    """A reference by number whose name is not that of the pack's document with the number."""
    seen: set[tuple[int, str]] = set()
    for ref in run.references:
        key = (ref.member, ref.text.lower())
        if key in seen or not facts.name_differs(ref, run.members):
            continue
        seen.add(key)
        target = run.members[ref.resolved]  # type: ignore[index]
        hit = Hit("REF", ref.start, ref.end, ref.text)
        f = _on(rule, run, ref.member, ref.sentence, hit, reference=ref.text,
                title=target.title)
        first = facts.first_body_block(target.document.blocks)
        f.related = [block_place(run, target.index, first)]
        yield f


_CHECKS = {
    "pack-theme-not-carried": theme_not_carried,
    "pack-commitment-not-asked": commitment_not_asked,
    "pack-kpi-unsupported": kpi_unsupported,
    "pack-weighting-differs": weighting_differs,
    "pack-weights-total": weights_total,
    "pack-term-differs": term_differs,
    "pack-rules-out-of-step": rules_out_of_step,
    "pack-reference-missing": reference_missing,
    "pack-reference-name-differs": reference_name_differs,
}

