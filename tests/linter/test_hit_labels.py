"""Every hit label the judge and the checks ask a sentence for is one the NLP records.

Labels travel from ``svdocs.linter.nlp`` to ``svdocs.linter.judge`` and
``svdocs.linter.checks`` as strings ("VAGUE_VERB", "PARTY|authority"): a misspelt label would
not fail, it would silently find nothing and switch a judgement off. This test reads the code
(no linting) and holds each label a judge or check names against what the recorder makes.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from svdocs.linter.nlp.lexicons import load_lexicons
from svdocs.linter.nlp.recorder import GROUP_LISTS

LINTER = Path(__file__).resolve().parents[2] / "svdocs" / "linter"
LABEL = re.compile(r"^[A-Z][A-Z_]+(?:\|[a-z_]+)?$")
#: Labels a check gives hits it makes itself, never asked of a sentence record.
MADE_BY_CHECKS = {"MATCH"}  # the words a phrase or pattern rule matched (checks.py)
READERS = [*sorted((LINTER / "judge").glob("*.py")), *sorted((LINTER / "structure").glob("*.py")),
           LINTER / "checks.py", LINTER / "engine.py"]


def recorded_labels() -> set[str]:
    """The labels the NLP can record: the names its modules spell out, and a group label
    (``THEME|fair-work``, ``PARTY|authority``) for every group of the shipped lexicons."""
    labels = set()
    for path in (LINTER / "nlp").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and LABEL.match(node.value):
                labels.add(node.value)
    lexicons = load_lexicons()
    for lexicon, key, prefix in GROUP_LISTS:
        groups = lexicons.groups(lexicon, key) if key else lexicons.data.get(lexicon, {})
        labels |= {f"{prefix}|{name}" for name in groups}
    return labels


def asked_labels(path: Path) -> Iterator[tuple[int, str]]:
    """(line, label) for each label literal in ``.get(...)``, ``.has(...)``, ``Hit(...)`` and
    ``.ents_of({...})`` calls of one module."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        first = node.args[0]
        if name in ("get", "has", "Hit") and isinstance(first, ast.Constant) \
                and isinstance(first.value, str) and LABEL.match(first.value):
            yield node.lineno, first.value
        elif name == "ents_of" and isinstance(first, ast.Set):
            for element in first.elts:
                if isinstance(element, ast.Constant) and isinstance(element.value, str):
                    yield node.lineno, element.value


def test_the_judge_and_the_checks_name_only_recorded_labels() -> None:
    known = recorded_labels() | MADE_BY_CHECKS
    asked = [(path, line, label) for path in READERS for line, label in asked_labels(path)]
    members = sum(p.read_text(encoding="utf-8").count("Label.") for p in READERS)
    assert len(asked) + members > 50  # the scan sees the judge's and the checks' questions
    unknown = [f"{path.relative_to(LINTER)}:{line}: {label}" for path, line, label in asked
               if label not in known]
    assert unknown == []


def test_the_label_members_are_labels_the_recorder_makes() -> None:
    from svdocs.linter.nlp.records import Label

    recorded = recorded_labels()
    assert {m.value for m in Label} <= recorded, {m.value for m in Label} - recorded


def test_judges_and_checks_name_fixed_labels_by_member_not_by_string() -> None:
    from svdocs.linter.nlp.records import Label

    members = {m.value for m in Label}
    bare = [(p.name, line, label) for p in READERS for line, label in asked_labels(p)
            if label in members]
    assert not bare, f"use Label.<NAME> instead of the string: {bare}"
