"""How a reporting or remedies sentence names the commitments it covers."""

from __future__ import annotations

import pytest

from svdocs.linter.judge.analysis import _named_parts


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("The Supplier shall report against KPI SV1 every quarter.", ["kpi sv1"]),
        ("Performance against KPIs 3 to 5 is reported monthly.", ["kpi 3", "kpi 4", "kpi 5"]),
        ("the commitments in Annexes A, B and C", ["annex a", "annex b", "annex c"]),
        ("the KPIs in Annexe 2", ["annex 2"]),  # the British spelling names the same annex
        ("report progress against Part 1 and Part 3", ["part 1", "part 3"]),
        ("any obligation in Part 1 or Part 3", ["part 1", "part 3"]),
        # the whole schedule covers them all: no part to narrow it to
        ("each commitment in this Schedule, reported against Part 2", []),
    ],
)
def test_named_parts(text: str, parts: list[str]) -> None:
    assert _named_parts(text) == parts


def test_reporting_on_one_kpi_covers_only_the_commitment_tagged_with_it() -> None:
    from svdocs.api import lint

    text = (
        "1. The Supplier shall deliver 40 hours of digital skills training each year to "
        "community groups in Leeds (KPI SV1).\n"
        "2. The Supplier shall offer 3 paid internships each year to care leavers in Leeds.\n"
        "3. The Supplier shall report against KPI SV1 every quarter, attaching registers.\n"
    )
    findings = lint(text).files[0].findings
    unevidenced = [f.text for f in findings if f.category == "missing-evidence"]
    assert len(unevidenced) == 1 and "internships" in unevidenced[0]


def test_reporting_on_an_annex_covers_the_commitments_under_an_annexe_heading() -> None:
    from svdocs.api import lint

    text = (
        "# Annexe 1: Employment\n\n"
        "The Supplier shall employ 6 residents of Leeds on the contract by March 2027.\n\n"
        "# Annexe 2: Environment\n\n"
        "The Supplier shall cut fleet emissions by 20% against the 2025 baseline by 2028.\n\n"
        "# Reporting\n\n"
        "The Supplier shall report quarterly on the commitments in Annex 1, with payroll data.\n"
    )
    findings = lint(text, fmt="markdown").files[0].findings
    unevidenced = [f.text for f in findings if f.category == "missing-evidence"]
    assert len(unevidenced) == 1 and "emissions" in unevidenced[0]


def test_reporting_on_lettered_items_covers_only_those_items() -> None:
    from svdocs.api import lint

    text = (
        "8.1 The Contractor shall:\n\n"
        "- (a) recruit 10 tenants of Leeds into paid roles by the end of Year 2;\n"
        "- (b) support tenants to set up their own social enterprises; and\n"
        "- (c) pay every operative on the programme at least the Real Living Wage.\n\n"
        "8.2 In respect of items (a) and (c), the Contractor shall submit monthly records of "
        "recruits and hourly rates with each valuation.\n"
    )
    findings = lint(text, fmt="markdown").files[0].findings
    unevidenced = [f.text for f in findings if f.category == "missing-evidence"]
    assert len(unevidenced) == 1 and "social enterprises" in unevidenced[0]
    # "items (a) to (c)" is a range
    covered = lint(text.replace("items (a) and (c)", "items (a) to (c)"), fmt="markdown")
    assert not [f for f in covered.files[0].findings if f.category == "missing-evidence"]
