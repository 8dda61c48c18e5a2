"""The default pipeline: legal sentences, lemmas, entities, obligations, parties, hedges."""

from __future__ import annotations

import pytest
from spacy.language import Language

from svdocs.linter.nlp import SentenceRecord, get_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_pipeline()


def clauses(nlp: Language, text: str) -> list[SentenceRecord]:
    return nlp(text)._.svd_clauses


def test_pipeline_is_blank_english_plus_own_components(nlp: Language) -> None:
    assert nlp.meta["name"] != "core_web_sm"
    assert nlp.pipe_names == [
        "svdocs_lemmatizer",
        "svdocs_sentences",
        "entity_ruler",
        "svdocs_recorder",
    ]
    assert get_pipeline() is nlp  # built once, shared


def test_lettered_items_are_sentences_and_inherit_the_lead_in(nlp: Language) -> None:
    text = (
        "The Supplier shall: (a) employ 10 apprentices by 31 March 2027; "
        "(b) endeavour to recruit care leavers; and (c) report quarterly."
    )
    cs = clauses(nlp, text)
    assert [c.text[:3] for c in cs] == ["The", "(a)", "(b)", "and"]
    assert cs[0].lead_in
    for item in cs[1:]:
        assert item.item
        assert item.party == "supplier"
        assert item.trigger is not None
    assert cs[1].trigger is not None and cs[1].trigger.text == "shall"
    assert cs[1].inherited
    assert [h.text for h in cs[2].hedges] == ["endeavour"]


def test_each_sentence_span_gives_its_clause(nlp: Language) -> None:
    doc = nlp("Background text. The Supplier shall: (a) employ 10 apprentices; and (b) report.")
    sents = list(doc.sents)
    assert [s._.svd_clause for s in sents] == doc._.svd_clauses
    assert sents[1]._.svd_clause.lead_in
    assert sents[2]._.svd_clause.item and sents[2]._.svd_clause.party == "supplier"
    assert doc[1:3]._.svd_clause is None  # a span that does not open a sentence


def test_nlp_pipe_in_batches_gives_what_each_text_gives_alone(nlp: Language) -> None:
    texts = [
        "The Supplier shall: (a) employ 10 apprentices by 31 March 2027; and (b) report.",
        "",
        "The Supplier will endeavour to support local charities where possible.",
        "Payment is due within 30 days. The Authority may terminate for material breach.",
        "The Supplier shall reduce emissions by 20% against the 2025 baseline.",
    ]
    # every svdocs component takes whole batches, so nlp.pipe runs them stage by stage
    assert all(hasattr(proc, "pipe") for name, proc in nlp.pipeline)
    alone = [nlp(t) for t in texts]
    batched = list(nlp.pipe(texts, batch_size=2))
    assert [d.text for d in batched] == texts
    for one, other in zip(alone, batched, strict=True):
        assert other._.svd_clauses == one._.svd_clauses
        assert [(e.label_, e.text) for e in other.ents] == [(e.label_, e.text) for e in one.ents]
        assert [t.lemma_ for t in other] == [t.lemma_ for t in one]


def test_clause_numbers_and_abbreviations_do_not_split(nlp: Language) -> None:
    text = (
        "3.1 The Supplier shall comply with cl. 4.2 and No. 5 of Sch. 2. "
        "3.2 The Supplier shall report."
    )
    cs = clauses(nlp, text)
    assert len(cs) == 2
    assert cs[1].text.startswith("3.2")


def test_hard_wrapped_lines_stay_one_sentence(nlp: Language) -> None:
    cs = clauses(nlp, "The Supplier shall employ\n10 apprentices by 2027.")
    assert len(cs) == 1


def test_lemmas_are_lower_case_lookups(nlp: Language) -> None:
    doc = nlp("Suppliers endeavoured to recruit Apprentices.")
    assert [t.lemma_ for t in doc][:4] == ["supplier", "endeavour", "to", "recruit"]
    assert doc[4].lemma_ == "apprentice"


@pytest.mark.parametrize(
    ("text", "label", "span"),
    [
        ("at least 10% of spend", "PERCENT", "10%"),
        ("worth £5.5 million", "MONEY", "£5.5 million"),
        ("by 31 March 2027", "DATE", "31 March 2027"),
        ("within 12 months", "DURATION", "12 months"),
        ("reported every 3 months", "FREQUENCY", "every 3 months"),
        ("reported quarterly", "FREQUENCY", "quarterly"),
        ("employ 20 FTE", "QUANTITY", "20 FTE"),
    ],
)
def test_entities(nlp: Language, text: str, label: str, span: str) -> None:
    doc = nlp(text)
    assert (label, span) in [(e.label_, e.text) for e in doc.ents]


def test_clause_references_are_not_targets(nlp: Language) -> None:
    (c,) = clauses(nlp, "The Supplier shall support residents as set out in clause 4.2.")
    assert not c.measurable


def test_buyer_may_is_a_right_not_a_supplier_hedge(nlp: Language) -> None:
    (c,) = clauses(nlp, "The Authority may terminate the Contract if the Supplier fails.")
    assert c.party == "authority"
    assert not c.is_obligation
    assert c.has("CONSEQ")


def test_a_supplier_in_a_relative_clause_of_the_authoritys_duty_is_not_the_subject(
    nlp: Language,
) -> None:
    (c,) = clauses(nlp, "The Authority will endeavour to give the Contractor notice of the "
                        "open days at which the Contractor may recruit apprentices.")
    assert c.party == "authority" and not c.is_obligation
    # a main clause joined with "and" still gives the supplier its own duty
    (c,) = clauses(nlp, "The Authority will provide a room and the Contractor shall run "
                        "6 careers sessions each year.")
    assert c.party == "supplier" and c.is_obligation


def test_a_question_after_a_code_is_an_ask(nlp: Language) -> None:
    for text in (
        "SV-A: State the number of local people you will employ on the contract.",
        "MAC 2.1: Describe how you will reduce emissions by 2030.",
    ):
        (c,) = clauses(nlp, text)
        assert c.ask, text
    # a capitalised subject before a colon is not a code
    (c,) = clauses(nlp, "The Supplier shall: employ 5 apprentices.")
    assert not c.ask


def test_supplier_may_is_a_hedge(nlp: Language) -> None:
    (c,) = clauses(nlp, "The Supplier may offer work placements to care leavers.")
    assert c.party == "supplier" and c.is_obligation
    assert [h.text for h in c.hedges] == ["may"]


def test_may_as_a_month_is_not_a_hedge(nlp: Language) -> None:
    (c,) = clauses(nlp, "The Supplier shall employ 5 apprentices by May 2027.")
    assert c.hedges == []


def test_authority_policy_and_definitions_are_not_commitments(nlp: Language) -> None:
    policy, definition = clauses(
        nlp, 'The Council is committed to social value. "Local" means postcodes BN1 to BN3.'
    )
    assert policy.party == "authority" and not policy.is_obligation
    assert definition.definition and not definition.is_obligation


def test_possessive_party_is_not_the_subject(nlp: Language) -> None:
    (c,) = clauses(nlp, "The Authority may inspect the Supplier's records and may audit them.")
    assert c.party == "authority"


def test_joint_obligation_is_not_the_suppliers(nlp: Language) -> None:
    (c,) = clauses(nlp, "The Council and the Supplier will meet to discuss social value.")
    assert c.party == "joint" and not c.is_obligation


def test_itt_questions_are_asks(nlp: Language) -> None:
    ask1, ask2 = clauses(
        nlp, "Describe how you will support local SMEs. Bidders should explain their approach."
    )
    assert ask1.ask and ask2.ask
    assert not ask1.is_obligation and not ask2.is_obligation


def test_themes_and_parts(nlp: Language) -> None:
    (c,) = clauses(
        nlp,
        "The Supplier shall reduce emissions by 20% against the 2024 baseline and "
        "provide evidence quarterly.",
    )
    assert "environment" in c.themes
    assert c.has("CHANGE") and c.has("BASELINE") and c.has("EVIDENCE")
    assert c.measurable


def test_lexicon_phrases_get_the_keys_they_get_alone(nlp: Language) -> None:
    """The analyzer tokenises every lexicon phrase in one Doc; each must come out exactly as
    the tokenizer and lemmatizer give it on its own, or a phrase would silently never match."""
    from svdocs.linter.nlp.lexicons import load_lexicons
    from svdocs.linter.nlp.phrases import phrase_keys
    from svdocs.linter.nlp.recorder import FAILURE_PHRASES

    lemmatize = nlp.get_pipe("svdocs_lemmatizer")
    data = load_lexicons().data
    phrases = [
        str(p)
        for lexicon in ("hedges", "obligations", "consequence", "evidence", "themes")
        for value in data[lexicon].values()
        if isinstance(value, list)
        for p in value
    ]
    phrases += [*FAILURE_PHRASES, "e.g. a non-delivery", "cannot", "Supplier's  records"]
    assert len(phrases) > 300
    for attr in ("LEMMA", "LOWER"):
        together = phrase_keys(nlp, phrases, lemmatize, attr)
        alone = []
        for phrase in phrases:
            doc = lemmatize(nlp.make_doc(phrase.lower()))
            alone.append([t.lemma if attr == "LEMMA" else t.lower for t in doc])
        assert together == alone

