"""Golden tests: the Markdown of assembled documents, byte for byte.

After an intended change to clauses, templates or the writers, regenerate with
``SVDOCS_UPDATE_GOLDEN=1 pytest tests/assembly/test_assemble_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from svdocs.assembly import assemble
from svdocs.assembly.brief import brief_from_dict, load_brief
from svdocs.core.resources import samples_dir
from svdocs.library import load_library
from svdocs.writers import render

HERE = Path(__file__).parent.parent
GOLDEN = HERE / "golden"
MINI = HERE / "library_fixtures" / "mini"
UPDATE = bool(os.environ.get("SVDOCS_UPDATE_GOLDEN"))

FIXTURE_BRIEF = {
    "authority": "Testshire Council", "contract_title": "Test Services", "reference": "TS-1",
    "kind": "services", "value": 6_000_000, "term": "3 years", "jurisdiction": "england",
    "weighting": 12, "clauses": [{"id": "mini-jobs", "variables": {"jobs_fte": 20}},
                                 "mini-wage", "mini-spend", "mini-purpose"],
}


def compare(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"missing golden file {path}; run with SVDOCS_UPDATE_GOLDEN=1"
    assert data.decode("utf-8") == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["specification", "itt", "schedule"])
def test_fixture_library_markdown(kind: str) -> None:
    result = assemble(brief_from_dict(FIXTURE_BRIEF), load_library(MINI))
    compare(f"mini-{kind}.md", render(result.documents[kind], "md"))


@pytest.mark.parametrize("kind", ["specification", "itt", "schedule"])
def test_sample_brief_markdown(kind: str) -> None:
    brief = load_brief(samples_dir() / "briefs" / "facilities-management-12m.yml")
    result = assemble(brief)
    compare(f"facilities-management-12m-{kind}.md", render(result.documents[kind], "md"))
