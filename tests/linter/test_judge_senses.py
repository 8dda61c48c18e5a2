"""Theme words in another sense make no duty social value (issue 16): the name of a law, a
duty of care, the words of a clause reference, the weather; the same words in a social
value commitment still count."""

from __future__ import annotations

import pytest

from svdocs import api

MISSION = {"vague-commitment", "missing-evidence", "missing-consequence"}


def mission_findings(sentence: str) -> set[str]:
    report = api.lint_text(f"# Schedule 6: Social Value\n\n{sentence}", fmt="markdown")
    return {f.category for f in report.findings} & MISSION


@pytest.mark.parametrize("sentence", [
    "1.1 The Supplier shall answer any Environmental Information Regulations request within "
    "20 days.",
    "1.2 The Supplier must ensure that it complies with clauses 27 to 32 (inclusive).",
    "1.3 The Supplier shall perform the Services with reasonable skill, care and diligence.",
    "1.4 The Supplier shall take account of local weather conditions when scheduling works.",
])
def test_a_theme_word_in_another_sense_is_no_social_value(sentence: str) -> None:
    assert mission_findings(sentence) == set()


@pytest.mark.parametrize("sentence", [
    "1.5 The Supplier shall cut the environmental impact of its fleet where possible.",
    "1.6 The Supplier shall fund 40 hours of care for isolated older residents each year.",
])
def test_the_same_words_in_a_commitment_still_count(sentence: str) -> None:
    assert mission_findings(sentence)


def targets(sentence: str) -> list[str]:
    from svdocs.core.config import LintConfig
    from svdocs.linter.engine import Linter
    from svdocs.readers import read_text

    analysis = Linter(LintConfig()).analyse(read_text(sentence, fmt="text", path=None))
    return [e.text for e in analysis.sentences[0].clause.targets]


@pytest.mark.parametrize("sentence", [
    "The Supplier shall support local charities through any third party it appoints.",
    "The Supplier shall hold ISO 14001 certification and support local schools.",
    "The Supplier shall support the local community as set out in Appendix [2].",
    "The Supplier shall give first aid training to local volunteers.",
])
def test_a_number_inside_a_name_is_no_target(sentence: str) -> None:
    assert targets(sentence) == []


def test_a_real_figure_beside_a_named_one_is_still_a_target() -> None:
    assert targets("The Supplier shall offer 3 Level 3 apprenticeships each year.") == ["3"]
    assert mission_findings("1.7 The Supplier shall give first aid training to local "
                            "volunteers.") >= {"vague-commitment"}
