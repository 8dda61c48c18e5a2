"""Parties the sentence alone does not name: defined names of the supplier, passive duties."""

from __future__ import annotations

from pathlib import Path

import pytest

from svdocs.linter.engine import Linter
from svdocs.linter.judge.parties import supplier_aliases
from svdocs.readers import read_document


@pytest.mark.parametrize(
    ("text", "aliases"),
    [
        ("Between Selbury Council (the Council) and Loftline Energy Limited (the Installer).",
         {"installer"}),
        ('Bright Start CIC (the "Charity") and Wexham Borough Council (the "Council")',
         {"charity"}),
        ("Harbour Works plc (hereinafter “the Builder”)", {"builder"}),
        ("Green Lane Housing Group (the Association)", set()),  # the buyer, not the supplier
        ("This Agreement (the Agreement) is made today.", set()),
    ],
)
def test_defined_names_of_the_supplier(text: str, aliases: set[str]) -> None:
    assert supplier_aliases([text]) == aliases


def _parties(tmp_path: Path, body: str) -> dict[str, str | None]:
    path = tmp_path / "schedule.md"
    path.write_text(body, encoding="utf-8")
    analysis = Linter().analyse(read_document(path))
    return {s.text: s.clause.party for s in analysis.sentences}


def test_a_defined_name_and_a_passive_agent_make_the_supplier_the_party(tmp_path: Path) -> None:
    parties = _parties(
        tmp_path,
        "Between Orwell District Council (the Council) and Tarn Insulation Ltd (the Installer).\n\n"
        "The Installer will work with schools to run 3 energy lessons a term.\n\n"
        "Work placements should be offered by the Installer to 6 residents.\n\n"
        "Reports will be published by the Council each year.\n\n"
        "The records of the Installer will be audited.\n",
    )
    assert parties["The Installer will work with schools to run 3 energy lessons a term."] == (
        "supplier"
    )
    assert parties["Work placements should be offered by the Installer to 6 residents."] == (
        "supplier"
    )
    # the buyer as the agent, and the supplier only as "of the Installer": no supplier duty
    assert parties["Reports will be published by the Council each year."] != "supplier"
    assert parties["The records of the Installer will be audited."] is None
