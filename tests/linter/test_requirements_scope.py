"""Requirements of any subject in ``--scope all``: which sentences are requirements, what the
smell rules flag and pass, and that the default social value scope does not change."""

from __future__ import annotations

import pytest

from svdocs.core.config import LintConfig
from svdocs.linter.engine import Linter
from svdocs.linter.judge.requirements import requirement_sentences
from svdocs.linter.requirement_checks import smell_hits
from svdocs.readers import read_text

SPEC = """# 3 Requirements

3.1 The system should respond quickly to catalogue searches.

3.2 Reports shall be produced as appropriate.

3.3 Bandwidth at school sites is to be adequate for teaching.

3.4 The Consultant provides suitably experienced staff for all other roles.

3.5 The Contractor shall:

(a) keep all sites neat and tidy;

(b) empty every bin each Tuesday.

3.6 The Authority may audit the Contractor's records at any time.

3.7 The Council will provide access to the site between 8am and 6pm.

## 4 Matrix

| ID | Requirement | Priority | Acceptance criteria |
|---|---|---|---|
| R1 | Proactive fault monitoring | Must | Alarm within 5 minutes |
| R2 | Intuitive dashboards for managers | Should | |

## 5 Background

The Council currently operates three branch libraries.

What does the Council need?
"""


@pytest.fixture(scope="module")
def all_scope() -> Linter:
    return Linter(LintConfig(scope="all", judge="rules"))


def _requirements(linter: Linter, text: str) -> list[str]:
    return [s.clause.text for s in requirement_sentences(linter.analyse(read_text(
        text, fmt="markdown")))]


def test_requirements_of_any_subject_are_found(all_scope: Linter) -> None:
    found = " | ".join(_requirements(all_scope, SPEC))
    for words in ("The system should respond quickly", "Reports shall be produced",
                  "Bandwidth at school sites is to be adequate",
                  "The Consultant provides suitably experienced staff", "keep all sites neat",
                  "empty every bin", "The Council will provide access",
                  "Proactive fault monitoring", "Intuitive dashboards"):
        assert words in found, words


def test_what_is_not_a_requirement_is_left_out(all_scope: Linter) -> None:
    found = " | ".join(_requirements(all_scope, SPEC))
    for words in ("The Authority may audit", "three branch libraries", "What does the Council",
                  "Alarm within 5 minutes", "R1", "The Contractor shall:"):
        assert words not in found, words


def test_the_smell_rules_explain_each_vague_requirement(all_scope: Linter) -> None:
    findings = all_scope.lint_document(read_text(SPEC, fmt="markdown"))
    by_rule = {(f.rule, f.flagged) for f in findings if f.category == "vague-commitment"}
    assert ("vague-uncertain-verb", "should") in by_rule
    assert ("vague-ambiguous", "quickly") in by_rule
    assert ("vague-loophole", "as appropriate") in by_rule
    assert ("vague-ambiguous", "adequate") in by_rule
    assert ("vague-subjective", "neat") in by_rule
    assert ("vague-subjective", "Intuitive") in by_rule
    flagged = {f.text for f in findings if f.category == "vague-commitment"}
    assert not any("every bin" in t or "8am and 6pm" in t or "Proactive" in t for t in flagged)


@pytest.mark.parametrize("text", [
    "The system shall support IPv6.",
    "The laptops shall be compatible with Windows 11.",
    "The website may not store, process or transmit card numbers.",
    "Each workstation shall have a minimum 8 GB RAM.",
    "The pump shall have a flexible hose of 25 mm bore.",
    "The new system shall be faster than the current system's median of 2.1 s.",
    "The Supplier shall use TLS 1.2 or higher.",
    "Chairs shall be certified for users up to 200 kg.",
    "The Supplier shall use secure file transfer for every exchange.",
])
def test_technical_senses_and_prohibitions_are_no_false_alarm(all_scope: Linter,
                                                              text: str) -> None:
    findings = all_scope.lint_document(read_text(text, fmt="markdown"))
    assert [f.rule for f in findings if f.category == "vague-commitment"] == []


@pytest.mark.parametrize(("smell", "text", "words"), [
    ("open-ended", "Clean desks, chairs, shelves etc.", "etc."),
    ("open-ended", "Import from spreadsheets and/or databases", "and/or"),
    ("comparative", "The new system shall be faster", "faster"),
    ("nonverifiable", "The platform shall be robust and scalable", "robust"),
    ("nonverifiable", "The database shall be secure.", "secure"),
    ("loophole", "Work evenings where feasible", "where feasible"),
])
def test_smell_words_are_found(smell: str, text: str, words: str) -> None:
    start, end = smell_hits(smell, text)[0]
    assert text[start:end] == words


def test_should_as_a_condition_is_no_uncertain_verb() -> None:
    assert smell_hits("uncertain-verb",
                      "Should the Supplier fail to attend, the Council shall reschedule.") == []


def test_the_default_scope_sees_no_requirement_smells() -> None:
    default = Linter(LintConfig())
    findings = default.lint_document(read_text(SPEC, fmt="markdown"))
    assert not [f for f in findings if f.rule.startswith("vague-")]
