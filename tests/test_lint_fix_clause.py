"""A vague or unevidenced commitment's finding suggests the library clause of its own theme."""

from __future__ import annotations

import pytest

from svdocs.library.loader import load_library
from svdocs.linter.engine import Linter
from svdocs.nlp.lexicons import load_lexicons
from svdocs.readers import read_text


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def fixes(linter: Linter, text: str) -> dict[str, str | None]:
    findings = linter.lint_document(read_text(text, fmt="markdown"))
    return {f.rule: f.fix_clause for f in findings}


def test_every_theme_fix_clause_is_in_the_library() -> None:
    mapping = load_lexicons().data["themes"]["fix_clauses"]
    ids = set(load_library().clauses)
    assert mapping and not set(mapping.values()) - ids


def test_hedged_fair_work_points_at_the_living_wage_clause(linter: Linter) -> None:
    found = fixes(
        linter, "The Supplier shall, where possible, pay the Real Living Wage to all staff."
    )
    assert found["hedged-commitment"] == "real-living-wage"
    assert found["missing-evidence"] == "real-living-wage"
    assert found["missing-consequence"] == "remedies-escalation"  # document-level: the rule's


def test_theme_named_first_in_the_sentence_wins(linter: Linter) -> None:
    found = fixes(
        linter, "The Supplier will endeavour to cut the carbon emissions of apprentices' travel."
    )
    assert found["hedged-commitment"] == "carbon-reduction-plan"


def test_theme_without_a_clause_falls_back_to_the_rule(linter: Linter) -> None:
    found = fixes(linter, "The Supplier shall promote the Welsh language among its staff.")
    assert found["unmeasurable-commitment"] == "kpi-schedule"
