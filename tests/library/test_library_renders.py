"""Every clause of the shipped library renders with its defaults in every output format."""

from __future__ import annotations

import pytest

from svdocs.core.markdown_blocks import BlockBuilder
from svdocs.core.model import Document
from svdocs.library import SAMPLE_BRIEF, load_library
from svdocs.library.loader import default_values
from svdocs.writers import render


@pytest.fixture(scope="module")
def library():
    return load_library()


def _document(library) -> Document:
    builder = BlockBuilder(notes=True)
    blocks = []
    for clause in library:
        values = default_values(clause)
        alts = [None, *(a.id for a in clause.alternatives if not a.weak)]
        for alt in alts:
            body = clause.render_body(values, SAMPLE_BRIEF, alt)
            made = builder.clause(clause.title, body, {"clause_id": clause.id})
            assert len(made) > 1, clause.id
            blocks += made
        clause.render_commitments(values, SAMPLE_BRIEF)
    return Document(blocks=blocks, title="Every clause", kind="schedule",
                    properties={"toc": True})


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_every_clause_renders_in_every_format(library, fmt: str) -> None:
    doc = _document(library)
    data = render(doc, fmt)
    assert data
    if fmt != "docx":
        text = data.decode("utf-8")
        for clause in library:
            assert clause.title.split()[0] in text
