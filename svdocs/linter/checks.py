"""The checks behind the rules. Each takes a rule and a document analysis, returns findings.

A rule's YAML names its check (``check: hedged``); users' own rules use the generic checks
``phrase``, ``pattern`` and ``requires``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher

from svdocs.core import law
from svdocs.core.model import Block, BlockKind, Finding, block_location
from svdocs.core.rules import Rule
from svdocs.linter.judge.analysis import DocumentAnalysis, Sentence, weak_conjunct
from svdocs.linter.judge.decomposition import decompose, missing_parts
from svdocs.linter.judge.participles import is_participle
from svdocs.linter.judge.parties import names_supplier
from svdocs.linter.judge.targets import is_timed, targets_to_meet, timed_rows
from svdocs.linter.nlp.records import TIME_LABELS, Hit, Label, SentenceRecord

Check = Callable[[Rule, DocumentAnalysis], Iterator[Finding]]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn

    return register


# ---------------------------------------------------------------------------- helpers


def make_finding(
    rule: Rule,
    analysis: DocumentAnalysis,
    block: int,
    text: str,
    span: tuple[int, int],
    flagged: str = "",
    **fields: Any,
) -> Finding:
    doc = analysis.document
    b = doc.blocks[block]
    start, end = span
    if flagged and b.text[start:end] != flagged:
        # words from elsewhere (an item's inherited lead-in "shall"): point at the words
        # in this block's own text, or at its sentence
        start, end, flagged = own_words(b.text, text, flagged)
    if flagged:
        start, end = whole_words(b.text, start, end)
        flagged = b.text[start:end]
    line = column = None
    if b.source.line is not None:
        before = b.text[:start]
        line = b.source.line + before.count("\n")
        nl = before.rfind("\n")
        column = start - nl if nl >= 0 else (b.source.column or 1) + start
    message = rule.message.format_map(_Fields(fields)) if fields else rule.message
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=message,
        suggestion=rule.suggestion,
        text=text,
        location=block_location(doc, block, start, end, clause=_cited(analysis, block),
                                line=line, column=column),
        flagged=flagged,
        fix_clause=rule.fix_clause,
    )


def _cited(analysis: DocumentAnalysis, block: int) -> str | None:
    """The clause a finding in ``block`` cites: Word's full number when it has the decimal
    levels ("4.2(b)"), else the item's citation under its lead-in or its table row's
    reference ("4.1(b)", "A.10.9"), else the block's own number."""
    b = analysis.document.blocks[block]
    ref = b.meta.get("clause_ref") or ""
    if any(ch.isdigit() for ch in ref):
        return str(ref)
    return analysis.clause_refs.get(block) or ref or b.number


def own_words(block_text: str, sentence: str, flagged: str) -> tuple[int, int, str]:
    """``(start, end, flagged)`` for words a finding names that are not at its offsets: the
    same words, whole, in the sentence; else the sentence itself."""
    at = block_text.find(sentence) if sentence else -1
    if at < 0:
        at, sentence = 0, block_text
    m = re.search(rf"(?<!\w){re.escape(flagged)}(?!\w)", sentence, re.I)
    if m:
        return at + m.start(), at + m.end(), m.group()
    return at, at + len(sentence), sentence


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` widened to whole words ("can" of "cannot" becomes "cannot")."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


def document_finding(rule: Rule, analysis: DocumentAnalysis, text: str,
                     **fields: Any) -> Finding:
    """A finding about the document as a whole: on the first body block (never a running
    header), with no heading path, clause or paragraph of its own."""
    blocks = analysis.document.blocks
    first = next((i for i, b in enumerate(blocks) if b.source.part == "body"), 0)
    f = make_finding(rule, analysis, first, text, (0, 0), "", **fields)
    loc = f.location
    loc.heading_path, loc.clause, loc.paragraph, loc.table = (), None, None, None
    return f


class _Fields(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _on_sentence(rule: Rule, a: DocumentAnalysis, s: Sentence, hit: Hit | None) -> Finding:
    c = s.clause
    if hit is not None and c.start <= hit.start and hit.end <= c.end:
        f = make_finding(rule, a, s.block, c.text, (hit.start, hit.end), hit.text)
    else:
        f = make_finding(rule, a, s.block, c.text, (c.start, c.end), c.text)
    if a.is_commitment(s):
        # the reasoning: which parts of the commitment were found, where, and which are missing
        parts = decompose(a, s)
        f.properties["commitment"] = parts
        f.properties["missing"] = missing_parts(parts)
    return f


def _scope_finding(rule: Rule, a: DocumentAnalysis, section: tuple[str, ...],
                   items: list[Sentence]) -> Finding:
    """A finding about the commitments of one scope: on the scope's heading (or, with none,
    the first of them), with the commitments listed in its properties."""
    heading = _heading_block(a, section)
    if heading is not None:
        text = a.document.blocks[heading].text
        f = make_finding(rule, a, heading, text, (0, len(text)), "")
    else:
        first = items[0]
        f = make_finding(rule, a, first.block, first.clause.text,
                         (first.clause.start, first.clause.end), "")
    f.properties["scope"] = section[-1] if section else ""
    f.properties["commitments"] = [
        {"text": s.clause.text, "clause": _cited(a, s.block), "block": s.block}
        for s in items
    ]
    return f


def _heading_block(a: DocumentAnalysis, section: tuple[str, ...]) -> int | None:
    """The block of the heading that closes ``section`` (the nearest heading above)."""
    if not section:
        return None
    def shown(b: Block) -> str:  # a heading as its section names it: "5.4 What we expect"
        text = b.text.strip()
        return f"{b.number} {text}" if b.number and not text.startswith(b.number) else text

    for i, b in enumerate(a.document.blocks):
        if b.kind is BlockKind.HEADING and (*b.heading_path, shown(b)) == section:
            return i
    target = section[-1]
    return next((i for i, b in enumerate(a.document.blocks)
                 if b.kind is BlockKind.HEADING and target in (shown(b), b.text.strip())), None)


def _first(hits: list[Hit]) -> Hit | None:
    return min(hits, key=lambda h: h.start) if hits else None


def _local_hits(c: SentenceRecord) -> list[Hit]:
    out = []
    for h in c.get(Label.LOCAL):
        # a capitalised defined term mid-sentence ("the Local Area") points at a definition
        if h.text[:1].isupper() and h.start > c.start + 4:
            continue
        out.append(h)
    return out


def _with_theme_fix(f: Finding, c: SentenceRecord, a: DocumentAnalysis) -> Finding:
    """Point the finding at the library clause of the commitment's own theme (the theme named
    first in the sentence, else one from its lead-in or heading), if the library has one; a
    theme with several clauses picks the one whose words the sentence uses."""
    fixes = a.fix_clauses
    own = sorted(
        (h.start, label.split("|", 1)[1])
        for label, hits in c.hits.items()
        if label.startswith("THEME|")
        for h in hits
    )
    names = [name for _, name in own] + sorted(c.context_themes)
    for name in names:
        fix = fixes.get(name)
        if fix is not None:
            f.fix_clause = fix.pick(c.text)
            break
    return f


# ---------------------------------------------------------------------------- vague-commitment


@check("hedged")
def hedged(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    for s in a.commitments:
        hedges = s.clause.all_hedges
        if hedges:
            f = _on_sentence(rule, a, s, _first(s.clause.hedges) or hedges[0])
            yield _with_theme_fix(f, s.clause, a)


def _vague_words(c: SentenceRecord) -> tuple[list[Hit], list[Hit]]:
    """The vague verbs and terms of a clause. Participles ("staff engaged on the Contract",
    "supported by invoices") describe, they do not promise."""
    verbs = [
        h for h in c.get(Label.VAGUE_VERB)
        if not is_participle(h.text) or _passive_main_verb(c, h)
    ]
    return verbs, verbs + c.get(Label.VAGUE_TERM)


# the clause's modal and "be" ("will be explored"); "the groups to be involved" describes
_PASSIVE_BE = re.compile(
    r"\b(?:shall|will|must|should|may|might|could|would|is to|are to)\s+(?:also\s+)?be\s*$",
    re.I)


def _passive_main_verb(c: SentenceRecord, h: Hit) -> bool:
    """A participle that is the clause's own verb in the passive ("Opportunities ... will be
    explored", "will be considered by the Supplier"), not one describing a noun ("staff
    engaged on")."""
    if not _PASSIVE_BE.search(c.text[: h.start - c.start]):
        return False
    # "shall be supported by evidence": the participle describes, its means follows; "by the
    # Supplier" names who is to do it
    after = c.text[h.end - c.start :].lstrip().lower()
    return not after.startswith("by ") or names_supplier(after[3:])


def _vague_row(a: DocumentAnalysis, s: Sentence) -> tuple[Sentence, Hit] | None:
    """A KPI table row whose target is vague ("Meaningful contribution", "to be agreed") and
    which has nothing measurable in any cell: the cell and the vague words in it."""
    cells = [x for x in a.sentences if x.table == s.table]
    if any(x.clause.measurable for x in cells):
        return None
    for x in cells:
        vague = _vague_words(x.clause)[1]
        if vague:
            return x, _first(vague) or vague[0]
    for x in cells:
        later = _LATER.search(x.clause.text)
        if later:  # "Target to be agreed with the Employer's Agent", "TBC"
            start = x.clause.start + later.start()
            return x, Hit(Label.VAGUE_TERM, start, start + len(later.group()), later.group())
    return None


# a table cell that leaves the target for later
_LATER = re.compile(r"\b(?:to be (?:agreed|confirmed|determined|set)|tb[cad])\b", re.I)


@check("unmeasurable")
def unmeasurable(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    for s in a.commitments:
        c = s.clause
        if s.table is not None and c.trigger is None:
            # a KPI table row: its target may sit in another cell than the row's name
            found = _vague_row(a, s)
            if found is not None:
                cell, hit = found
                yield _with_theme_fix(_on_sentence(rule, a, cell, hit), c, a)
            continue
        verbs, vague = _vague_words(c)
        if _prohibition(c):
            continue  # "shall not X": a prohibition is as precise as its X
        if vague and not c.measurable:
            yield _with_theme_fix(_on_sentence(rule, a, s, _first(vague)), c, a)
        elif (weak := weak_conjunct(c, verbs)) is not None:
            yield _with_theme_fix(_on_sentence(rule, a, s, weak), c, a)
        elif (ceiling := _ceiling(c)) is not None:
            # "up to 3 trainees": a ceiling, met by delivering none
            yield _with_theme_fix(_on_sentence(rule, a, s, ceiling), c, a)


def _prohibition(c: SentenceRecord) -> bool:
    trigger = c.trigger
    if trigger is None or c.inherited or not (c.start <= trigger.end <= c.end):
        return False
    after = c.text[trigger.end - c.start :].lstrip(" ,").lower()
    return after.startswith(("not ", "never "))


_QUANTITY_NEXT = re.compile(r"^\s*(?:[£$€]\s*)?\d")


def _ceiling(c: SentenceRecord) -> Hit | None:
    """A quantity stated only as a ceiling ("up to 3 trainees"), not "sign up to the Code"."""
    if c.has(Label.CONSEQ) or _FLOOR.search(c.text):
        return None
    for h in c.get(Label.VAGUE_QTY):
        if _QUANTITY_NEXT.match(c.text[h.end - c.start :]):
            return h
    return None


_FLOOR = re.compile(
    r"\b(?:at least|no fewer than|not fewer than|no less than|not less than|minimum)\b", re.I
)


@check("undefined-local")
def undefined_local(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    if a.local_defined:
        return
    for s in a.commitments:
        c = s.clause
        local = _local_hits(c)
        if local and not c.has(Label.LOCAL_DEF):
            yield _on_sentence(rule, a, s, local[0])


# ---------------------------------------------------------------------------- evidence, consequence


@check("evidence")
def evidence(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    for s in a.commitments:
        if a.covering(s, "evidence") is None:
            yield _with_theme_fix(_on_sentence(rule, a, s, s.clause.trigger), s.clause, a)


@check("consequence")
def consequence(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    uncovered = [s for s in a.commitments if a.covering(s, "consequence") is None]
    if uncovered:
        # one finding per scope (the section the commitments sit in), on its heading, listing
        # the commitments it concerns, not pinned to whichever sentence comes first
        scopes: dict[tuple[str, ...], list[Sentence]] = {}
        for s in uncovered:
            scopes.setdefault(s.section, []).append(s)
        for section, items in scopes.items():
            yield _scope_finding(rule, a, section, items)
        return
    if a.is_itt and a.sv_related and not a.commitments:
        sv_asks = [s for s in a.asks if s.clause.all_themes]
        weighting = [s for s in a.sentences if s.clause.has(Label.WEIGHT) and s.clause.all_themes]
        anchor = (sv_asks or weighting or [None])[0]
        if anchor is not None and a.consequence_statement() is None:
            yield _on_sentence(rule, a, anchor, None)


# ---------------------------------------------------------------------------- ITT weighting


def _percent(text: str) -> float | None:
    m = re.search(r"\d+(?:\.\d+)?", text)
    return float(m.group()) if m else None


def sv_weightings(a: DocumentAnalysis) -> list[tuple[Sentence, Hit, float]]:
    """(sentence, percent entity, value) for every stated social value weighting."""
    out = []
    for s in a.sentences:
        c = s.clause
        heading = a.document.blocks[s.block].kind is BlockKind.HEADING
        if not (c.has(Label.WEIGHT) or c.has(Label.EVAL) or heading) or "general" not in c.themes:
            continue
        for e in c.ents_of({"PERCENT"}):
            value = _percent(e.text)
            if value is not None:
                out.append((s, e, value))
    # a table row "Social value | 10%"
    rows: dict[tuple[int, int], list[Sentence]] = {}
    for s in a.sentences:
        if s.table is not None:
            rows.setdefault(s.table, []).append(s)
    for cells in rows.values():
        if any("general" in s.clause.themes for s in cells):
            for s in cells:
                for e in s.clause.ents_of({"PERCENT"}):
                    value = _percent(e.text)
                    if value is not None:
                        out.append((s, e, value))
    return out


@check("weighting-absent")
def weighting_absent(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    if not (a.is_itt and a.sv_related):
        return
    evaluates = [s for s in a.sentences if s.clause.has(Label.EVAL) or s.clause.ask]
    if evaluates and not sv_weightings(a):
        anchor = next((s for s in evaluates if s.clause.all_themes), evaluates[0])
        yield _on_sentence(rule, a, anchor, None)


@check("weighting-below-minimum")
def weighting_below(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    minimum = float(rule.params.get("minimum", law.MIN_SV_WEIGHTING))
    found = sv_weightings(a)
    if found and max(v for _, _, v in found) < minimum:
        s, e, value = found[0]
        f = _on_sentence(rule, a, s, e)
        f.message = rule.message.format_map(_Fields(value=f"{value:g}%", minimum=f"{minimum:g}%"))
        yield f


# ---------------------------------------------------------------------------- KPIs


_MONEY = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(m|million|mn|k|thousand|bn|billion)?", re.I)
_SCALE = {"m": 1e6, "million": 1e6, "mn": 1e6, "k": 1e3, "thousand": 1e3, "bn": 1e9, "billion": 1e9}


def money_value(text: str) -> float | None:
    m = _MONEY.search(text)
    if not m:
        return None
    number = float(m.group(1).replace(",", ""))
    return number * _SCALE.get((m.group(2) or "").lower(), 1.0)


def contract_value(a: DocumentAnalysis) -> tuple[float, Sentence | None] | None:
    prop = a.document.properties.get("value")
    if isinstance(prop, (int, float)):
        return float(prop), None
    if isinstance(prop, str) and money_value(prop) is not None:
        return money_value(prop) or 0.0, None
    by_row: dict[tuple[int, int], list[Sentence]] = {}
    for s in a.sentences:
        if s.table is not None:
            by_row.setdefault(s.table, []).append(s)
    for s in a.sentences:
        c = s.clause
        if c.has(Label.VALUE):
            # the figure in the sentence, or (a cover table's "Estimated value" | "£12m" row)
            # in the next cells of its row
            row = by_row.get(s.table, []) if s.table is not None else []
            for holder in [s, *(r for r in row if r.block > s.block)]:
                for e in holder.clause.ents_of({"MONEY"}):
                    value = money_value(e.text)
                    if value is not None:
                        return value, s
    return None


#: a document that leaves its KPIs to another part of the contract ("Service Credits under
#: the KPI Schedule", "the Key Performance Indicators in Schedule 4")
_KPIS_ELSEWHERE = re.compile(
    r"\b(?:KPI|Key Performance Indicators?) (?:Schedule|Annex|Appendix)\b"
    r"|\bKey Performance Indicators? (?:set out |listed |specified )?in (?:the )?"
    r"(?:Schedule|Annex|Appendix)\b"
)


def kpi_count(a: DocumentAnalysis) -> int:
    rows = sum(t.kpi_rows for t in a.tables.values())
    named: set[str] = set()
    for s in a.sentences:
        for m in re.finditer(r"\bKPI\s*(\d+)", s.clause.text):
            named.add(m.group(1))
    return max(rows, len(named))


@check("kpi-count")
def kpi_too_few(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    threshold = float(rule.params.get("threshold", law.KPI_VALUE_THRESHOLD))
    minimum = int(rule.params.get("minimum", law.MIN_KPIS))
    found = contract_value(a)
    if found is None or found[0] <= threshold:
        return
    count = kpi_count(a)
    if count < minimum and not any(_KPIS_ELSEWHERE.search(s.clause.text) for s in a.sentences):
        value, s = found
        fields = {"count": count, "value": f"£{value:,.0f}", "minimum": minimum}
        if s is not None:
            f = _on_sentence(rule, a, s, None)
            f.message = rule.message.format_map(_Fields(fields))
            yield f
        elif a.document.blocks:
            yield document_finding(rule, a, a.document.blocks[0].text, **fields)


# ---------------------------------------------------------------------------- completeness


@check("deadline")
def deadline(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    rows: set[tuple[int, int]] | None = None
    blocks = a.document.blocks
    for s in a.commitments:
        c = s.clause
        if not c.measurable or c.all_hedges or is_timed(c):
            continue
        targets = targets_to_meet(c, blocks[s.block].text)
        if not targets:
            continue
        if s.table is not None:
            rows = timed_rows(a) if rows is None else rows
            if s.table in rows:  # the row's deadline column
                continue
        yield _on_sentence(rule, a, s, _first(targets))


_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|any|its|their)\s+$", re.IGNORECASE)


@check("baseline")
def baseline(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    blocks = a.document.blocks
    for s in a.commitments:
        c = s.clause
        text = blocks[s.block].text
        # "proposals for a lower cost": "lower" after a determiner describes, it changes nothing
        change = [
            h for h in c.get(Label.CHANGE)
            if not (h.text.lower() == "lower"
                    and _DETERMINER_BEFORE.search(text[max(0, h.start - 8) : h.start]))
        ]  # fmt: skip
        if change and c.measurable and not c.has(Label.BASELINE):
            yield _on_sentence(rule, a, s, change[0])


@check("evaluation-question")
def evaluation_question(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    by_group: dict[int, list[Sentence]] = {}
    for s in a.sentences:
        by_group.setdefault(s.group, []).append(s)
    done: set[int] = set()
    for s in a.asks:
        c = s.clause
        if s.group in done or not c.all_themes:
            continue
        done.add(s.group)
        group = by_group.get(s.group, [s])
        # the question and what follows it in the same block
        scope = [x for x in group] + [
            x for x in a.sentences if x.block == s.block and x.clause.index > c.index
        ]
        if not any(x.clause.has(Label.MEASURABLE) or x.clause.measurable for x in scope):
            yield _on_sentence(rule, a, s, _first(c.get(Label.ASK)))


def _coverage(
    rule: Rule, a: DocumentAnalysis, prefix: str, names: list[str]
) -> Iterator[Finding]:
    found = {
        label.split("|", 1)[1]
        for s in a.sentences
        for label in s.clause.hits
        if label.startswith(prefix + "|")
    }
    missing = [n for n in names if n not in found]
    if not missing or not a.document.blocks:
        return
    covered = [n for n in names if n in found]
    text = (
        f"Covers {len(covered)} of {len(names)}"
        + (f" ({', '.join(covered)})" if covered else "")
        + f"; not addressed: {', '.join(missing)}"
    )
    yield document_finding(
        rule, a, text, covered=len(covered), total=len(names), missing=", ".join(missing),
    )  # fmt: skip


def _group_names(lexicon: str, key: str) -> list[str]:
    """The group names of a shipped lexicon (files are parsed once per process)."""
    # deferred: start-up: lexicons and lemmas are read on first use
    from svdocs.linter.nlp.lexicons import load_lexicons

    return list(load_lexicons().groups(lexicon, key))


@check("imperatives-coverage")
def imperatives_coverage(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    if a.is_itt and a.sv_related:
        names = _group_names("imperatives", "imperatives")
        yield from _coverage(rule, a, "IMP", names)


@check("cycle-coverage")
def cycle_coverage(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    # the commissioning cycle is a tender's and a specification's business: a contract's
    # terms or definitions that mention a review meeting get no coverage report
    mentions = any(label.startswith("CYCLE|") for s in a.sentences for label in s.clause.hits)
    tender = a.is_itt or a.kind == "specification"
    if a.sv_related and (a.kind == "specification" or (tender and mentions)
                         or (a.kind is None and mentions)):
        names = _group_names("cycle", "stages")
        yield from _coverage(rule, a, "CYCLE", names)


# ---------------------------------------------------------------------------- generic checks


def _targets(rule: Rule, a: DocumentAnalysis) -> list[Sentence]:
    return {
        "commitment": a.commitments,
        "obligation": a.obligations,
        "ask": a.asks,
        "sentence": a.sentences,
    }[rule.applies_to]


_MATCHERS: dict[tuple[str, int], Any] = {}


def _rule_matcher(rule: Rule, a: DocumentAnalysis) -> Any:
    first = next((p for p in a.parsed if p is not None), None)
    if first is None:
        return None
    vocab = first.doc.vocab
    key = (rule.id, id(vocab))
    matcher = _MATCHERS.get(key)
    if matcher is None:
        if rule.check == "phrase":
            from svdocs.linter.nlp.pipeline import get_pipeline  # deferred: loads spaCy

            nlp = get_pipeline()
            lemmatize = nlp.get_pipe("svdocs_lemmatizer")
            matcher = PhraseMatcher(vocab, attr="LEMMA")
            matcher.add(rule.id, [lemmatize(nlp.make_doc(p.lower())) for p in rule.phrases])
        else:
            matcher = Matcher(vocab)
            matcher.add(rule.id, rule.patterns)
        _MATCHERS[key] = matcher
    return matcher


@check("phrase")
@check("pattern")
def phrase_or_pattern(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    matcher = _rule_matcher(rule, a)
    if matcher is None:
        return
    wanted = {(s.block, s.clause.index): s for s in _targets(rule, a)}
    matches: dict[int, list[tuple[int, int, int]]] = {}  # Doc id -> its matches
    for block, parsed in enumerate(a.parsed):
        if parsed is None:
            continue
        doc = parsed.doc
        found = matches.get(id(doc))
        if found is None:
            found = matches[id(doc)] = matcher(doc)
        for _, start, end in found:
            if start < parsed.start or end > parsed.end:
                continue  # another block's, or reaching past this block's end
            span = doc[start:end]
            char = span.start_char - parsed.char
            sent_index = next(
                (c.index for c in parsed.clauses if c.start <= char < c.end + 1), None
            )
            s = wanted.get((block, sent_index)) if sent_index is not None else None
            if s is not None:
                yield _on_sentence(
                    rule, a, s, Hit("MATCH", char, span.end_char - parsed.char, span.text)
                )
                wanted.pop((block, sent_index))


@check("requires")
def requires(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    for s in _targets(rule, a):
        missing = [p for p in rule.requires if not has_part(a, s, p)]
        if missing:
            f = _on_sentence(rule, a, s, s.clause.trigger)
            f.message = rule.message.format_map(_Fields(missing=", ".join(missing)))
            yield f


def has_part(a: DocumentAnalysis, s: Sentence, part: str) -> bool:
    c = s.clause
    if part == "target":
        return c.measurable
    if part == "baseline":
        return c.has(Label.BASELINE)
    if part == "deadline":
        return bool(c.ents_of(TIME_LABELS) or c.has(Label.DEADLINE))
    if part == "beneficiaries":
        return c.has(Label.BENEF) or c.has(Label.LOCAL_DEF)
    if part == "reporting_frequency":
        return bool(c.ents_of({"FREQUENCY"}) or c.has(Label.FREQ))
    if part == "evidence":
        return a.covering(s, "evidence") is not None
    if part == "consequence":
        return a.covering(s, "consequence") is not None
    return False
