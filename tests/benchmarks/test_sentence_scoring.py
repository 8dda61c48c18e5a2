"""The sentence-level scoring of benchmarks/accuracy.py, on tiny synthetic labels and fake
findings (no linter runs here)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

MODULE = Path(__file__).resolve().parents[2] / "benchmarks" / "sentence_scoring.py"


@pytest.fixture(scope="module")
def sc():
    spec = importlib.util.spec_from_file_location("sentence_scoring", MODULE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["sentence_scoring"] = module
    spec.loader.exec_module(module)
    return module


def test_normalise_unifies_quotes_dashes_emphasis_case_and_space(sc) -> None:
    assert sc.normalise("The  **Supplier**\u2019s \u201cLocal\u201d\u00a0staff \u2013 ALL") == (
        "the supplier's \"local\" staff - all"
    )
    assert sc.normalise("_Social Value_ in snake_case") == "social value in snake_case"
    assert sc.normalise("ﬁve\u00adfold") == "fivefold"  # NFKC ligature, soft hyphen dropped


def test_containment_either_way_and_overlap_land(sc) -> None:
    unit = sc.normalise("pay its sub-contractors within 30 days of a valid invoice")
    sentence = sc.normalise("4.1 The Supplier shall: (a) pay its sub-contractors within 30 days "
                            "of a valid invoice; and")
    assert sc.match_strength(unit, sentence) > 2.0  # the finding's block holds the item
    item = sc.normalise("within 30 days of a valid invoice")
    assert sc.match_strength(unit, item) > 2.0  # the finding names only part of the unit
    reworded = sc.normalise("pay each sub-contractor within 30 days of a valid invoice")
    assert 0.6 <= sc.match_strength(unit, reworded) < 2.0
    assert sc.match_strength(unit, sc.normalise("submit a carbon reduction plan")) == 0.0


def test_a_short_fragment_does_not_land_by_containment(sc) -> None:
    unit = sc.normalise("recruit at least 6 apprentices from local schools")
    assert sc.match_strength(unit, sc.normalise("local")) == 0.0
    assert sc.match_strength(unit, sc.normalise("local schools")) == 0.0


def test_a_finding_lands_on_the_best_unit_only(sc) -> None:
    units = [
        sc.Unit("The Supplier shall endeavour to recruit apprentices.",
                frozenset({"vague-commitment"})),
        sc.Unit("The Supplier shall recruit at least 6 apprentices by March 2027.", frozenset()),
    ]
    block = ("The Supplier shall endeavour to recruit apprentices. The Supplier shall recruit at "
             "least 6 apprentices by March 2027.")
    # the block holds both; the flagged words pick the unit
    assert sc.best_unit(block, units, "vague-commitment", flagged="endeavour") == 0
    # without flagged words the larger share of the block wins
    assert sc.best_unit(block, units, "vague-commitment") == 1
    assert sc.best_unit("Nothing like either sentence here at all", units) == -1


def test_vague_and_evidence_tp_fn_fp(sc) -> None:
    V, E = "vague-commitment", "missing-evidence"
    units = [
        sc.Unit("The Contractor shall endeavour to employ local people.", frozenset({V, E})),
        sc.Unit("The Contractor shall support community groups.", frozenset({V})),
        sc.Unit("The Contractor shall pay the Real Living Wage to all staff.", frozenset()),
        sc.Unit("The Council may withhold payment.", is_commitment=False),
    ]
    findings = [
        sc.Found(V, "The Contractor shall endeavour to employ local people."),
        sc.Found(V, "The Contractor shall endeavour to employ local people."),  # twice: one TP
        sc.Found(V, "The Contractor shall pay the Real Living Wage to all staff."),  # negative
        sc.Found(V, "The Council may withhold payment."),  # non-commitment
        sc.Found(V, "The Council may withhold payment."),  # same text: one FP
        sc.Found(E, "A sentence that is no unit of the document whatever."),  # nothing
    ]
    result = sc.score_document(units, findings)
    v, e = result.tallies[V], result.tallies[E]
    assert (v.tp, v.fp, v.fn) == (1, 2, 1)
    assert (e.tp, e.fp, e.fn) == (0, 1, 1)
    kinds = sorted((m.category, m.kind) for m in result.misses)
    assert kinds == sorted([
        (V, "fn"), (V, "fp-negative"), (V, "fp-non-commitment"), (E, "fn"), (E, "fp-nothing"),
    ])
    assert v.precision == pytest.approx(1 / 3) and v.recall == pytest.approx(0.5)
    assert v.f1 == pytest.approx(0.4)


def test_consequence_finding_with_a_list_lands_on_each_listed_unit(sc) -> None:
    C = "missing-consequence"
    units = [
        sc.Unit("The Provider shall offer 10 work placements each year.", frozenset({C}), "Part 2"),
        sc.Unit("The Provider shall plant 200 trees in the Borough.", frozenset({C}), "Part 2"),
        sc.Unit("The Provider shall pay invoices within 30 days of receipt.", frozenset(),
                "Part 3"),
    ]
    as_top = {
        "category": C, "rule": "missing-consequence", "text": "Part 2",
        "location": {"heading_path": ["Part 2"]},
        "commitments": [{"text": "The Provider shall offer 10 work placements each year."},
                        {"text": "The Provider shall pay invoices within 30 days of receipt."}],
    }
    as_properties = {
        "category": C, "text": "Part 2",
        "properties": {"commitments": ["The Provider shall plant 200 trees in the Borough."]},
    }
    found = [sc.Found.from_json(as_top), sc.Found.from_json(as_properties)]
    assert found[1].commitments == ("The Provider shall plant 200 trees in the Borough.",)
    tally = sc.score_document(units, found).tallies[C]
    assert (tally.tp, tally.fp, tally.fn) == (2, 1, 0)  # the invoice duty is wrongly listed


def test_document_level_consequence_covers_its_scope_or_is_one_fp(sc) -> None:
    C = "missing-consequence"
    units = [
        sc.Unit("The Provider shall offer 10 work placements each year.", frozenset({C}),
                "4. Skills and Employment"),
        sc.Unit("The Provider shall plant 200 trees in the Borough.", frozenset({C}),
                "5. Environment"),
    ]
    on_heading = sc.Found(C, "No consequence covers the commitments of this section",
                          heading_path=("Schedule 6", "4. SKILLS AND EMPLOYMENT"))
    tally = sc.score_document(units, [on_heading]).tallies[C]
    assert (tally.tp, tally.fp, tally.fn) == (1, 0, 1)
    elsewhere = sc.Found(C, "No consequence covers the commitments of this section",
                         heading_path=("9. General",))
    tally = sc.score_document(units, [elsewhere]).tallies[C]
    assert (tally.tp, tally.fp, tally.fn) == (0, 1, 2)
    # empty heading path: the document's title is the scope
    titled = [sc.Unit("The Provider shall plant 200 trees in the Borough.", frozenset({C}),
                      "Community Benefits Schedule")]
    top = sc.Found(C, "No consequence of non-delivery anywhere in the document")
    tally = sc.score_document(titled, [top], title="Community Benefits Schedule").tallies[C]
    assert (tally.tp, tally.fp, tally.fn) == (1, 0, 0)


def test_consequence_finding_pinned_to_a_framing_sentence_is_a_false_positive(sc) -> None:
    C = "missing-consequence"
    units = [
        sc.Unit("The Provider shall offer 10 work placements each year.", frozenset({C}), "Part 2"),
        sc.Unit("This Part sets out the commitments the Provider made in its tender.",
                is_commitment=False),
    ]
    pinned = sc.Found(C, "This Part sets out the commitments the Provider made in its tender.",
                      heading_path=("Part 2",))
    tally = sc.score_document(units, [pinned]).tallies[C]
    assert (tally.tp, tally.fp, tally.fn) == (0, 1, 1)


def test_units_without_scope_take_any_unmatched_document_level_finding(sc) -> None:
    C = "missing-consequence"
    units = [sc.Unit("employ 8 residents of the borough", frozenset({C}))]
    found = sc.Found(C, "The schedule states no consequence.", heading_path=("Anything",))
    tally = sc.score_document(units, [found]).tallies[C]
    assert (tally.tp, tally.fp, tally.fn) == (1, 0, 0)


def test_empty_tallies_score_one_and_tallies_add(sc) -> None:
    empty = sc.Tally()
    assert (empty.precision, empty.recall, empty.f1) == (1.0, 1.0, 1.0)
    total = sc.Tally(1, 0, 1)
    total.add(sc.Tally(1, 2, 0))
    assert total.to_dict() == {"tp": 2, "fp": 2, "fn": 1, "precision": 0.5,
                               "recall": 0.6667, "f1": 0.5714}
    assert sc.Tally(0, 3, 0).f1 == 0.0
