"""The one participle filter: a matched verb phrase that begins with a past participle
describes something ("staff engaged on the Contract", "records kept") rather than promising it."""

from __future__ import annotations

import pytest

from svdocs.core.resources import rules_dir
from svdocs.core.yaml import load_yaml
from svdocs.linter.judge.participles import is_participle


@pytest.mark.parametrize("phrase", [
    "engaged with", "supported", "Submitted", "kept records", "made available",
    "sent", "given back", "held", "written",
])
def test_a_phrase_that_begins_with_a_participle_describes(phrase: str) -> None:
    assert is_participle(phrase)


@pytest.mark.parametrize("phrase", [
    "engage with", "support", "submit", "keep records", "make a contribution to", "send",
    "give back", "",
])
def test_a_phrase_that_begins_with_a_verb_promises(phrase: str) -> None:
    assert not is_participle(phrase)


def test_no_lexicon_verb_is_mistaken_for_a_participle() -> None:
    """The "-ed" test would take a verb such as "need" or "exceed" for a participle: no verb
    the lexicons match (vague, reporting, evidence verbs) may be one of them."""
    lexicons = rules_dir() / "lexicons"
    obligations = load_yaml((lexicons / "obligations.yml").read_text(encoding="utf-8"))
    vague = load_yaml((lexicons / "vague_verbs.yml").read_text(encoding="utf-8"))
    verbs = [*obligations["admin_verbs"], *obligations["evidence_verbs"], *vague["terms"]]
    assert verbs
    assert [v for v in verbs if is_participle(str(v))] == []
