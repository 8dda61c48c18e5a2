"""Defined terms and what their definitions point at, resolved once per document.

A reporting or remedy clause that names a defined term ("report against each of the Social
Value Commitments", "the Social Value Data") reaches exactly what the term's definition names:
'"Social Value Commitments" means the commitments in paragraphs 3.1 to 3.6 and in Table A'
scopes the clause to paragraphs 3.1 to 3.6 and Table A, as a lawyer reads it. A definition
that names no paragraph, item or part gives the term no scope of its own.

Definitions are found in the two shapes documents use: a sentence that opens with the term in
quotation marks or bold, followed by "means", "shall mean", "is" or "has the meaning"; and a
row of a definitions table (the term in the first cell, its meaning in the second).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from svdocs.linter.structure.references import _WHOLE, _named_parts, _referenced_numbers
from svdocs.linter.structure.sentence import Sentence

#: The scope a definition gives its term: clause numbers (low, high) and named parts.
Scope = tuple[list[tuple[str, str]], list[str]]

# '"Social Value Commitments" means', '“Local Area” shall mean', "**Local Area** means"
_QUOTED = re.compile(
    r"^\s*(?:\(?[a-z0-9.]+\)?\s+)?[\"“'‘*]+\s*([A-Z][\w'’&/ -]{1,60}?)\s*[\"”'’*]+\s*"
    r"(?:means|shall mean|is|are|has the meaning|refers to)\b",
)
_TERM_CELL = re.compile(r"^\s*[\"“'‘*]*([A-Z][\w'’&/ -]{1,60}?)[\"”'’*]*\s*$")


def defined_scopes(sentences: Sequence[Sentence]) -> dict[str, Scope]:
    """Each defined term of the document whose definition points at paragraphs, items or
    parts, with that scope (a term defined twice takes both)."""
    out: dict[str, Scope] = {}
    rows: dict[tuple[int, int], list[Sentence]] = {}
    for s in sentences:
        if s.table is not None:
            rows.setdefault(s.table, []).append(s)
            continue
        m = _QUOTED.match(s.clause.text)
        if m:
            _add(out, m.group(1), s)
    for cells in rows.values():
        if len(cells) < 2:
            continue
        m = _TERM_CELL.match(cells[0].clause.text)
        if m and _defines(cells[1]):
            for cell in cells[1:]:
                _add(out, m.group(1), cell)
    return out


def _defines(cell: Sentence) -> bool:
    """A table cell that reads as a meaning ("the monthly return described in clause 2.39",
    "means the ..."), not a value or a measure."""
    text = cell.clause.text.strip().lower()
    return text.startswith(("the ", "a ", "an ", "means ", "each ", "any ", "all "))


def _add(out: dict[str, Scope], term: str, s: Sentence) -> None:
    # "the commitments in paragraphs 3.1 to 3.6 and in Table A of this Schedule": "of this
    # Schedule" places the paragraphs, it does not widen the term to the whole schedule
    text = _WHOLE.sub(lambda m: " " * len(m.group(0)), s.clause.text)  # offsets kept
    numbers = _referenced_numbers(replace(s.clause, text=text))
    named = _named_parts(text)
    if not numbers and not named:
        return
    key = " ".join(term.split())
    have = out.setdefault(key, ([], []))
    have[0].extend(numbers)
    have[1].extend(n for n in named if n not in have[1])


def terms_named(text: str, scopes: dict[str, Scope], *, own: str | None = None) -> list[str]:
    """The defined terms with a scope that ``text`` names (whole words, as capitalised),
    other than ``own`` (the term a definition itself defines)."""
    found = []
    for term in scopes:
        if term == own:
            continue
        if re.search(rf"(?<![\w-]){re.escape(term)}s?(?![\w-])", text):
            found.append(term)
    return found
