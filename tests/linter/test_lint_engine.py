"""The lint engine: findings, locations, scope resolution, settings and fingerprints."""

from __future__ import annotations

import pytest

from svdocs.core.config import LintConfig
from svdocs.core.errors import ValidationError
from svdocs.core.model import CATEGORIES, Severity
from svdocs.linter.engine import Linter
from svdocs.readers import read_text


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def lint(linter: Linter, text: str, fmt: str = "markdown"):  # type: ignore[no-untyped-def]
    return linter.lint_document(read_text(text, fmt=fmt, path="draft.md"))


WEAK = """# Social Value Schedule

1. The Supplier will endeavour to support local people where possible.

2. The Supplier shall employ 10 apprentices by 31 March 2027.
"""


def test_weak_schedule_flags_every_mission_category(linter: Linter) -> None:
    findings = lint(linter, WEAK)
    assert {f.category for f in findings} >= set(CATEGORIES)
    hedged = next(f for f in findings if f.rule == "hedged-commitment")
    assert hedged.flagged == "endeavour"
    assert hedged.text.endswith("where possible.")
    assert hedged.fix_clause == "local-employment"
    loc = hedged.location
    assert loc.path == "draft.md"
    assert loc.line == 3
    block_text = read_text(WEAK, fmt="markdown").blocks[loc.block].text
    assert block_text[loc.start : loc.end] == "endeavour"


def test_complete_schedule_passes(linter: Linter) -> None:
    text = """# Social Value Schedule

1. The Supplier shall employ 10 residents of postcode districts BN1 to BN3 by 31 March 2027.

2. The Supplier shall report on each of the commitments above quarterly, with payroll
extracts showing home postcodes, for verification by the Authority.

3. If the Supplier fails to meet a commitment in this Schedule, the Authority may require a
rectification plan and may withhold 5% of the quarterly Charges.
"""
    assert not [f for f in lint(linter, text) if f.category in CATEGORIES]


def test_kpi_table_with_evidence_columns_covers_commitments(linter: Linter) -> None:
    text = """# Social Value Schedule

The Supplier shall employ 10 apprentices by 31 March 2027.

| KPI | Target | Evidence | Reporting frequency |
|---|---|---|---|
| Apprentices | 10 | Apprenticeship agreements | Quarterly |
| Volunteering hours | 500 per Contract Year | TBC | TBC |

Failure to meet a KPI in this Schedule triggers service credits.
"""
    findings = [f for f in lint(linter, text) if f.rule == "missing-evidence"]
    assert [f.text for f in findings] == ["Volunteering hours"]


def test_non_social_value_hedges_need_scope_all(linter: Linter) -> None:
    text = "The Supplier will endeavour to complete mobilisation within four weeks."
    assert lint(linter, text) == []
    everything = Linter(LintConfig(scope="all"))
    assert "hedged-commitment" in [f.rule for f in lint(everything, text)]


def test_rule_settings_turn_rules_off_and_change_severity() -> None:
    cfg = LintConfig(rules={"hedged-commitment": "off", "missing-evidence": "error"})
    linter = Linter(cfg)
    findings = lint(linter, WEAK)
    assert "hedged-commitment" not in [f.rule for f in findings]
    assert all(f.severity is Severity.ERROR for f in findings if f.rule == "missing-evidence")


def test_unknown_rule_in_settings_is_an_error() -> None:
    with pytest.raises(ValidationError, match="unknown rule 'no-such-rule'"):
        Linter(LintConfig(rules={"no-such-rule": "off"}))


def test_lexicon_extension_defines_local() -> None:
    text = "The Supplier shall recruit 10 local people by 2027 and report quarterly."
    plain = [f.rule for f in lint(Linter(), text)]
    assert "undefined-local" in plain
    extended = Linter(LintConfig(lexicons={"local_definitions": ["recruit"]}))
    assert "undefined-local" not in [f.rule for f in lint(extended, text)]


def test_fingerprints_survive_edits_elsewhere(linter: Linter) -> None:
    before = {f.fingerprint for f in lint(linter, WEAK)}
    moved = WEAK.replace(
        "# Social Value Schedule\n",
        "# Social Value Schedule\n\nThe Council has published its strategy.\n",
    )
    after = {f.fingerprint for f in lint(linter, moved)}
    assert before and before == after
    assert all(len(fp) == 16 for fp in before)


def test_repeated_sentences_get_distinct_fingerprints(linter: Linter) -> None:
    text = "The Supplier may offer placements.\n\nThe Supplier may offer placements.\n"
    fps = [f.fingerprint for f in lint(linter, text) if f.rule == "hedged-commitment"]
    assert len(fps) == 2 and len(set(fps)) == 2


def test_lint_documents_matches_lint_document(linter: Linter) -> None:
    docs = [read_text(WEAK, fmt="markdown"), read_text("Nothing to see.", fmt="text")] * 3
    batched = [[f.to_dict() for f in fs] for fs in linter.lint_documents(docs)]
    single = [[f.to_dict() for f in linter.lint_document(d)] for d in docs]
    assert batched == single


def test_commitments_are_recovered_with_their_parts(linter: Linter) -> None:
    text = (
        "The Supplier shall employ 10 apprentices by 31 March 2027 and provide their "
        "apprenticeship agreements quarterly."
    )
    (c,) = linter.commitments(read_text(text, fmt="text"))
    assert c.party == "supplier"
    assert c.theme == "skills"
    assert c.quantity == 10 and c.unit == "apprentices"
    assert c.deadline == "31 March 2027"
    assert c.reporting_frequency == "quarterly"
    assert c.evidence
    assert "consequence" in c.missing()


def test_itt_without_contractual_consequences(linter: Linter) -> None:
    text = """# Social value (20%)

Describe how you will create jobs for long-term unemployed residents, with targets.
"""
    assert "missing-consequence" in [f.rule for f in lint(linter, text)]
    fixed = text + (
        "\nCommitments in the winning tender become contractual KPIs, and failure to "
        "deliver them leads to service credits.\n"
    )
    assert "missing-consequence" not in [f.rule for f in lint(linter, fixed)]


def test_weighting_below_minimum_names_the_value(linter: Linter) -> None:
    (f,) = [x for x in lint(linter, "Social value is weighted at 5% of the total score.")
            if x.rule == "sv-weighting-below-minimum"]  # fmt: skip
    assert "5%" in f.message and "10%" in f.message


def test_kpi_count_uses_contract_value_property(linter: Linter) -> None:
    doc = read_text("KPI 1: 20 apprentices by year 3.", fmt="text")
    doc.properties["value"] = 12_000_000
    assert "kpi-too-few" in [f.rule for f in linter.lint_document(doc)]
    doc.properties["value"] = 1_000_000
    assert "kpi-too-few" not in [f.rule for f in linter.lint_document(doc)]


def test_kpi_count_reads_the_value_from_a_cover_table_in_every_format(linter: Linter) -> None:
    # the assembled ITT's cover table: "Estimated value" | "£12,000,000" (DOCX and HTML), the
    # same as the Markdown's "Estimated value: £12,000,000" line
    table = "| Item | Detail |\n|---|---|\n| Estimated value | £12,000,000 |\n"
    text = "KPI 1: 20 apprentices by year 3."
    assert "kpi-too-few" in [f.rule for f in lint(linter, table + "\n" + text)]
    line = "Estimated value: £12,000,000\n\n"
    assert "kpi-too-few" in [f.rule for f in lint(linter, line + text)]


def test_kpi_count_leaves_a_document_that_defers_to_a_kpi_schedule(linter: Linter) -> None:
    text = (
        "Estimated value: £12,000,000\n\nKPI 1: 20 apprentices by year 3.\n\n"
        "A shortfall attracts Service Credits under the KPI Schedule."
    )
    assert "kpi-too-few" not in [f.rule for f in lint(linter, text)]
    deferred = text.replace("the KPI Schedule", "the Key Performance Indicators in Schedule 4")
    assert "kpi-too-few" not in [f.rule for f in lint(linter, deferred)]


def test_lower_after_a_determiner_describes_and_asks_for_no_baseline(linter: Linter) -> None:
    proposals = (
        "In each Contract Year the Supplier shall present no fewer than 2 costed proposals "
        "for better social outcomes for local residents or for a lower cost of delivery."
    )
    assert "baseline-missing" not in [f.rule for f in lint(linter, proposals)]
    cut = "The Supplier shall lower its fleet emissions by 20% by 2028 for local residents."
    assert "baseline-missing" in [f.rule for f in lint(linter, cut)]


def test_a_quoted_you_does_not_make_a_specification_an_itt(linter: Linter) -> None:
    spec = (
        "# Social value\n\nThe Supplier shall hold 4 community engagement sessions for local "
        'residents each Contract Year and publish a "you said, we did" summary of each.\n\n'
        "The Supplier shall evaluate each pilot against its stated measure."
    )
    assert "sv-weighting-absent" not in [f.rule for f in lint(linter, spec)]
    itt = spec.replace('a "you said, we did" summary', "a summary; you should say how")
    assert "sv-weighting-absent" in [f.rule for f in lint(linter, itt)]
