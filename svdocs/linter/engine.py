"""The lint engine: a Document in, findings out.

>>> from svdocs.linter.engine import Linter
>>> findings = Linter().lint_document(document)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from svdocs.core.collector import collector_paused
from svdocs.core.config import LintConfig, judge_of
from svdocs.core.errors import ValidationError
from svdocs.core.fingerprint import assign_fingerprints
from svdocs.core.model import Commitment, Document, Finding, Severity, block_location
from svdocs.core.rules import PACK_CHECKS, Rule, load_rules
from svdocs.linter import checks as _checks
from svdocs.linter import requirement_checks as _requirement_checks  # noqa: F401  (registers)
from svdocs.linter.judge.analysis import DocumentAnalysis, Sentence, analyse
from svdocs.linter.judge.combination import (
    combine_judges,
    drop_false_alarms,
    recorded_scores,
)
from svdocs.linter.judge.fix_clauses import theme_fix_clauses
from svdocs.linter.nlp.blocks import ParsedBlock, groups, make_group_doc, parsed_blocks
from svdocs.linter.nlp.pipeline import get_pipeline
from svdocs.linter.nlp.records import Label

BATCH_SIZE = 64  # Docs of several blocks each (nlp.blocks)
BATCH_BLOCKS = 1024  # blocks of several documents parsed in one go by lint_documents


#: The parts of a document judged by default: the body and the text boxes anchored in it.
#: Running headers and footers, footnotes and endnotes are read (and shown) but judged only
#: with ``parts = "all"``.
BODY_PARTS = frozenset({"body", "textbox"})


def judged_parts(parts: str) -> frozenset[str] | None:
    """The block parts a setting of ``parts`` judges (``None``: every part)."""
    return None if parts == "all" else BODY_PARTS


class Linter:
    """Lints Documents with the shipped rules, the config's rule folders and its settings."""

    def __init__(self, config: LintConfig | None = None) -> None:
        self.config = config or LintConfig()
        if self.config.scope not in ("social-value", "all"):
            scope = self.config.scope
            raise ValidationError([f"scope must be 'social-value' or 'all', not {scope!r}"])
        if self.config.judge not in (None, "rules", "model", "both"):
            raise ValidationError([f"judge must be 'rules', 'model' or 'both', "
                                   f"not {self.config.judge!r}"])
        if self.config.parts not in ("body", "all"):
            raise ValidationError([f"parts must be 'body' or 'all', not {self.config.parts!r}"])
        rules = load_rules(self.config.rule_dirs)
        known = {r.id for r in rules}
        problems = [
            f"unknown rule {rid!r} in rule settings"
            for rid in self.config.rules
            if rid not in known
        ]
        valid = {"off", *(s.value for s in Severity)}
        problems += [
            f"rule {rid!r}: setting must be off, error, warning or info, not {v!r}"
            for rid, v in self.config.rules.items()
            if v not in valid
        ]
        if problems:
            raise ValidationError(problems, str(self.config.source) if self.config.source else None)
        active: list[Rule] = []
        for rule in rules:
            setting = self.config.rules.get(rule.id)
            if setting == "off":
                continue
            # a copy, so a config's severity never leaks into another Linter's rules
            active.append(replace(rule, severity=Severity(setting)) if setting else rule)
        self.rules: list[Rule] = active
        # the themes lexicon's fix clauses, checked now so a malformed entry stops the run
        # before any document is read
        self.fix_clauses = theme_fix_clauses()
        self.nlp: Language = get_pipeline(self.config.lexicons)

    # ------------------------------------------------------------------ processing
    def _docs(self, documents: list[Document]) -> list[list[ParsedBlock | None]]:
        """Each document's blocks, parsed: consecutive blocks share a Doc (see nlp.blocks)."""
        made: list[Doc] = []
        where: list[tuple[int, list[int]]] = []  # per Doc: the document and its blocks
        nlp = self.nlp
        for d, document in enumerate(documents):
            judged = judged_parts(self.config.parts)
            indexes = [b for b, block in enumerate(document.blocks)
                       if block.text.strip() and (judged is None or block.source.part in judged)]
            texts = [document.blocks[b].text for b in indexes]
            for group in groups(texts):
                made.append(make_group_doc(nlp, [texts[g] for g in group]))
                where.append((d, [indexes[g] for g in group]))
        out: list[list[ParsedBlock | None]] = [[None] * len(doc.blocks) for doc in documents]
        with collector_paused():
            docs = nlp.pipe(made, batch_size=BATCH_SIZE)
            for (d, blocks), doc in zip(where, docs, strict=True):
                for b, parsed in zip(blocks, parsed_blocks(doc), strict=True):
                    out[d][b] = parsed
        return out

    def analyse(self, document: Document) -> DocumentAnalysis:
        return analyse(document, self._docs([document])[0], self.config)

    def parse_documents(self, documents: list[Document]) -> list[list[ParsedBlock | None]]:
        """Each document's blocks parsed (in batches), as linting them would parse them."""
        return self._docs(documents)

    def findings_for(self, analysis: DocumentAnalysis) -> list[Finding]:
        """The findings of the document rules on an analysis (a pack judges each document on
        an analysis that answers coverage with the pack's scope: svdocs.workflow.pack)."""
        return self._findings(analysis)

    def _findings(self, analysis: DocumentAnalysis) -> list[Finding]:
        findings: list[Finding] = []
        analysis.fix_clauses = self.fix_clauses
        for rule in self.rules:
            if rule.check in PACK_CHECKS:
                continue  # judged on a whole pack (svdocs.workflow.pack), not one document
            findings.extend(_checks.CHECKS[rule.check](rule, analysis))
        findings = drop_false_alarms(analysis, findings)
        findings = combine_judges(judge_of(self.config), self.config.scope, findings,
                                  recorded_scores(analysis))
        findings.sort(key=lambda f: (f.location.block, f.location.start, f.rule))
        assign_fingerprints(findings)
        return findings

    def lint_document(self, document: Document) -> list[Finding]:
        docs = self._docs([document])[0]
        with collector_paused():
            return self._findings(analyse(document, docs, self.config))

    def lint_documents(self, documents: Iterable[Document]) -> Iterator[list[Finding]]:
        """Findings per document, in order; blocks go through ``nlp.pipe`` in batches."""
        batch: list[Document] = []
        size = 0
        for document in documents:
            batch.append(document)
            size += len(document.blocks)
            if size >= BATCH_BLOCKS:
                yield from self._lint_batch(batch)
                batch, size = [], 0
        if batch:
            yield from self._lint_batch(batch)

    def _lint_batch(self, documents: list[Document]) -> Iterator[list[Finding]]:
        # one pause for the pipeline and the analysis: switching the collector back on in
        # between would make it walk every object the pipeline just made (they all stay)
        results: list[list[Finding]] = []
        with collector_paused():
            for document, docs in zip(documents, self._docs(documents), strict=True):
                results.append(self._findings(analyse(document, docs, self.config)))
                docs.clear()  # this document's spaCy Docs are done with
        yield from results

    # ------------------------------------------------------------------ commitments
    def commitments(self, document: Document) -> list[Commitment]:
        """The commitments recovered from the text, with the parts found for each."""
        analysis = self.analyse(document)
        return [to_commitment(analysis, s) for s in analysis.commitments]


def _number(text: str) -> float | None:
    m = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if m:
        return float(m.group().replace(",", ""))
    return None


def to_commitment(a: DocumentAnalysis, s: Sentence) -> Commitment:
    c = s.clause
    themes = sorted(t for t in c.all_themes if t != "general") or sorted(c.all_themes)
    target = c.targets[0] if c.targets else None
    quantity = _number(target.text) if target else None
    unit = None
    if target is not None:
        if target.label == "PERCENT":
            unit = "%"
        elif target.label == "MONEY":
            unit = "GBP"
        else:
            words = target.text.split()
            unit = words[-1] if len(words) > 1 else None
    timing = c.ents_of({"DATE", "DURATION"}) or c.get(Label.DEADLINE)
    frequency = c.ents_of({"FREQUENCY"}) or c.get(Label.FREQ)
    ev = a.covering(s, "evidence")
    cons = a.covering(s, "consequence")
    verifier = None
    if ev is not None and ev.clause.has("PARTY|authority"):
        verifier = ev.clause.get("PARTY|authority")[0].text
    return Commitment(
        text=c.text,
        theme=themes[0] if themes else None,
        quantity=quantity,
        unit=unit,
        target=target.text if target else None,
        baseline=c.get(Label.BASELINE)[0].text if c.has(Label.BASELINE) else None,
        deadline=timing[0].text if timing else None,
        beneficiaries=", ".join(h.text for h in c.get(Label.BENEF)) or None,
        evidence=[h.text for h in ev.clause.get(Label.EVIDENCE)] if ev is not None else [],
        reporting_frequency=frequency[0].text if frequency else None,
        verifier=verifier,
        consequence=cons.clause.text if cons is not None else None,
        party=c.party,
        hedges=[h.text for h in c.all_hedges],
        location=block_location(a.document, s.block, c.start, c.end),
    )
