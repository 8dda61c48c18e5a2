"""A tender pack: the KPI, remedies and definitions schedules as documents of their own, and
the sample pack in samples/packs (clean, and with exactly three planted inconsistencies)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from svdocs.assembly import assemble
from svdocs.assembly.brief import load_brief
from svdocs.assembly.builder import clause_ids
from svdocs.audit import audit_file
from svdocs.core.model import BlockKind
from svdocs.writers import render

PACKS = Path(__file__).resolve().parents[2] / "samples" / "packs"
BRIEF = PACKS / "leisure-centres.yml"


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return assemble(load_brief(BRIEF))


def test_each_schedule_is_a_document_of_its_own(pack) -> None:  # type: ignore[no-untyped-def]
    assert list(pack.documents) == ["itt", "specification", "schedule", "kpis", "remedies",
                                    "definitions"]
    assert clause_ids(pack, "kpis") == ["kpi-schedule"]
    assert clause_ids(pack, "remedies") == ["service-credits", "remedies-escalation"]
    assert clause_ids(pack, "definitions") == ["local-definition", "definitions-schedule"]
    for kind in ("itt", "specification", "schedule"):
        ids = clause_ids(pack, kind)
        assert not {"kpi-schedule", "remedies-escalation", "local-definition"} & set(ids)
    tables = {kind: any(b.meta.get("commitment_id") for b in doc.blocks
                        if b.kind is BlockKind.TABLE_CELL)
              for kind, doc in pack.documents.items()}
    assert tables == {"itt": False, "specification": False, "schedule": False, "kpis": True,
                      "remedies": False, "definitions": False}
    assert len(pack.kpis) >= 3  # over £5m: at least three KPIs, all in the KPI schedule


def test_a_brief_without_documents_gets_the_three_as_before() -> None:
    result = assemble(load_brief(PACKS.parent / "briefs" / "facilities-management-12m.yml"))
    assert list(result.documents) == ["specification", "itt", "schedule"]
    assert "remedies-escalation" in clause_ids(result, "schedule")


def test_sample_pack_is_what_svdocs_assembles(pack) -> None:  # type: ignore[no-untyped-def]
    for kind, doc in pack.documents.items():
        path = PACKS / "leisure-centres" / f"{pack.file_stems[kind]}.md"
        assert path.read_bytes() == render(doc, "md"), (
            f"{path} is stale: run python samples/packs/build_pack.py")
        assert path.with_suffix(".docx").exists()


def test_inconsistent_copy_differs_in_exactly_three_paragraphs() -> None:
    changed = []
    for clean in sorted((PACKS / "leisure-centres").glob("*.md")):
        planted = PACKS / "leisure-centres-inconsistent" / clean.name
        a = clean.read_text(encoding="utf-8").splitlines()
        b = planted.read_text(encoding="utf-8").splitlines()
        for op, i1, i2, _, _ in difflib.SequenceMatcher(None, a, b).get_opcodes():
            if op != "equal":
                changed += [(clean.name, a[i]) for i in range(i1, i2)]
    assert [name for name, _ in changed] == ["itt-social-value-section.md",
                                             "social-value-schedule.md",
                                             "social-value-specification.md"]
    readme = (PACKS / "README.md").read_text(encoding="utf-8")
    for name, _ in changed:
        assert name.replace(".md", "") in readme


def test_audit_finds_the_planted_edits_in_word() -> None:
    folder = PACKS / "leisure-centres-inconsistent"
    edited = {}
    for path in sorted(folder.glob("*.docx")):
        result = audit_file(path)
        edited[path.stem] = sorted(c.id for c in result.clauses if c.status == "edited")
        edited[path.stem] += [g.kind for g in result.generated if g.status == "edited"]
    assert edited == {
        "itt-social-value-section": ["itt-social-value-section"],
        "social-value-definitions-schedule": [],
        "social-value-kpi-schedule": [],
        "social-value-remedies-schedule": [],
        "social-value-schedule": ["social-value-schedule"],
        "social-value-specification": ["text"],
    }
