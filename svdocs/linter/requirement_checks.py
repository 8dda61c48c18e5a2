"""Checks for requirements of any subject (``--scope all``) and the trained model's check.

- ``smell``: the requirement-smell rules (``vague-subjective``, ``vague-ambiguous``, ...), one
  rule per smell class, each naming its class in ``params.smell``; the words of each class are
  in ``rules/lexicons/smells.yml``. They judge the requirement sentences of
  :func:`svdocs.linter.judge.requirements.requirement_sentences`, in ``--scope all`` only, so
  the default scope's findings never change.
- ``model``: the statistical judge's finding (rule ``vague-model``), made for each judged
  sentence the model scores as vague when ``--judge`` is ``model`` or ``both``; the engine
  then combines it with the rules' findings (:mod:`svdocs.linter.judge.combination`).

Registered in :data:`svdocs.linter.checks.CHECKS` on import (the engine imports this module).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import replace

from svdocs.core.config import judge_of
from svdocs.core.model import Finding
from svdocs.core.rules import Rule
from svdocs.linter.checks import check, make_finding
from svdocs.linter.judge.analysis import DocumentAnalysis, Sentence
from svdocs.linter.judge.combination import record_scores, thresholds
from svdocs.linter.judge.model_judge import scores
from svdocs.linter.judge.model_text import VAGUE, smell_label
from svdocs.linter.judge.requirements import (
    acceptance_text,
    judged_sentences,
    requirement_sentences,
)
from svdocs.linter.nlp.lexicons import load_lexicons

#: The smell classes a ``smell`` rule may name (the keys of ``classes`` in smells.yml).
SMELL_CLASSES = (
    "subjective", "ambiguous", "loophole", "nonverifiable", "uncertain-verb", "open-ended",
    "comparative",
)
#: Classes whose words set a level or judgement a number would settle ("shall respond
#: quickly" is vague, "shall respond quickly, within 2 hours" is not).
_SETTLED_BY_NUMBER = frozenset({"subjective", "ambiguous", "nonverifiable", "comparative"})

_NUMBER = re.compile(r"\d")
# a comparative with its reference: "faster than the current system", "better than 2.1 s"
_THAN = re.compile(r"^\W*(?:\w+\W+){0,3}?than\b", re.I)
# after a "bare only" word: the end of its predicate ("shall be secure", "is low and ...")
_BARE_END = re.compile(r"^\s*(?:$|[.,;:)]|(?:and|or|to|for|at|in|by|when|during|enough)\b)",
                       re.I)
# a prohibition is as precise as what it forbids: "may not", "should never"
_PROHIBITION = re.compile(r"^\s*(?:not|never)\b", re.I)
# "Should the Supplier fail ...": a condition, not a hedge
_CONDITIONAL = re.compile(r"(?:^|[,;(]\s*)(?:should|were|had)\s+(?:the|a|an|any|it|they|you)\b",
                          re.I)

_LOCK = threading.Lock()
_PATTERNS: dict[str, tuple[re.Pattern[str], frozenset[str], frozenset[str]]] = {}
# the words of a text, as the quick test before a class' full pattern sees them
_WORD = re.compile(r"[a-z0-9]+(?:[-/'][a-z0-9]+)*")


def _pattern(smell: str) -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    """The compiled words of a smell class, the first word of each of its phrases (a text
    with none of them cannot match) and the lexicon's "bare only" words."""
    with _LOCK:
        found = _PATTERNS.get(smell)
        if found is None:
            lexicons = load_lexicons()
            words = lexicons.groups("smells", "classes").get(smell, [])
            if not words:
                raise ValueError(f"smells.yml has no words for the smell class {smell!r}")
            words = sorted(set(words), key=len, reverse=True)
            alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
            firsts = frozenset(_WORD.findall(w.lower())[0] for w in words)
            bare = frozenset(w.lower() for w in lexicons.get("smells", "bare_only"))
            found = (re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I), firsts, bare)
            _PATTERNS[smell] = found
        return found


def smell_hits(smell: str, text: str, context: str = "",
               words: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """Where the words of a smell class make ``text`` vague (offsets in ``text``); a number
    in ``text`` or its ``context`` (a matrix row's acceptance cell) settles a level.
    ``words``: the text's words (``_WORD``), when the caller has them already."""
    pattern, firsts, bare = _pattern(smell)
    if smell in _SETTLED_BY_NUMBER and (_NUMBER.search(text) or _NUMBER.search(context)):
        return []
    if (words if words is not None else frozenset(_WORD.findall(text.lower()))).isdisjoint(
            firsts):
        return []
    hits = []
    for m in pattern.finditer(text):
        word = m.group().lower()
        after = text[m.end():]
        if word in bare and not _BARE_END.match(after):
            continue  # "secure file transfer", "low-voltage": a technical thing
        if smell == "uncertain-verb":
            if _PROHIBITION.match(after):
                continue  # "may not store card numbers": a prohibition
            if word == "should" and _CONDITIONAL.search(text[: m.end()] + after[:12]):
                continue
        if smell == "comparative" and _THAN.match(after):
            continue
        hits.append((m.start(), m.end()))
    return hits


def _finding(rule: Rule, a: DocumentAnalysis, s: Sentence, start: int, end: int) -> Finding:
    c = s.clause
    flagged = c.text[start:end]
    return make_finding(rule, a, s.block, c.text, (c.start + start, c.start + end), flagged)


def _sentence_words(a: DocumentAnalysis) -> dict[int, frozenset[str]]:
    """Each requirement sentence's words, worked out once for the seven smell rules."""
    words: dict[int, frozenset[str]] | None = a.__dict__.get("_smell_words")
    if words is None:
        words = {id(s): frozenset(_WORD.findall(s.clause.text.lower()))
                 for s in requirement_sentences(a)}
        a.__dict__["_smell_words"] = words
    return words


@check("smell")
def smell(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    if a.config.scope != "all":
        return
    smell_class = str(rule.params.get("smell", ""))
    if smell_class not in SMELL_CLASSES:
        raise ValueError(f"rule {rule.id}: params.smell must be one of "
                         f"{', '.join(SMELL_CLASSES)}, not {smell_class!r}")
    words = _sentence_words(a)
    for s in requirement_sentences(a):
        context = acceptance_text(a, s) if s.table is not None else ""
        hits = smell_hits(smell_class, s.clause.text, context, words[id(s)])
        if hits:
            yield _finding(rule, a, s, *hits[0])


@check("model")
def model(rule: Rule, a: DocumentAnalysis) -> Iterator[Finding]:
    """A finding, with its score, for each judged sentence the model scores at or above the
    lower of its thresholds (the combination in :mod:`svdocs.linter.judge.combination` keeps
    those its judge setting wants); every score is recorded for the combination's veto."""
    if judge_of(a.config) == "rules":
        return
    sentences = judged_sentences(a)
    limits = thresholds(a.config.scope)
    floor = min(limits.model, limits.add)
    every = scores([s.clause.text for s in sentences])
    record_scores(a, {(s.block, s.clause.text): v.get(VAGUE, 0.0)
                      for s, v in zip(sentences, every, strict=True)})
    for s, labels in zip(sentences, every, strict=True):
        score = labels.get(VAGUE, 0.0)
        if score >= floor:
            c = s.clause
            smell = likeliest_smell(labels)
            f = make_finding(rule, a, s.block, c.text, (c.start, c.end), c.text,
                             smell=SMELL_WORDS.get(smell, "vague") if smell else "vague")
            properties: dict[str, float | str] = {"model_score": round(score, 4)}
            if smell:
                properties["model_smell"] = smell
            yield replace(f, properties=properties)


#: How a ``vague-model`` message names the smell the model thinks likeliest.
SMELL_WORDS = {
    "subjective": "subjective: a matter of taste",
    "ambiguous": "ambiguous: a degree with no measure",
    "loophole": "a loophole: the supplier decides whether it applies",
    "nonverifiable": "not verifiable: no test could confirm it",
    "uncertain-verb": "an uncertain verb: it does not bind",
    "open-ended": "open-ended: its list or scope has no end",
    "comparative": "a comparative with nothing to compare with",
}
#: A smell the model names only when it gives it at least this probability.
SMELL_FLOOR = 0.3


def likeliest_smell(labels: dict[str, float]) -> str | None:
    """The smell class the model scores highest, if at least :data:`SMELL_FLOOR`."""
    best = max(SMELL_CLASSES, key=lambda s: labels.get(smell_label(s), 0.0))
    return best if labels.get(smell_label(best), 0.0) >= SMELL_FLOOR else None
