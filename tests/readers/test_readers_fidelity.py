"""Over every DOCX the tests have (the reader fixtures, the samples, assembled outputs, the
annotation fixture): each finding's flagged words are the block text at its offsets, and
each Word comment of the reviewed copy starts and ends on a word boundary."""

from __future__ import annotations

from pathlib import Path

import pytest
from readers_docx_fixtures import big_docx
from test_annotate_docx import build_fixture
from test_readers_parts_and_locations import schedule
from test_readers_word_headings import NUMBERING, STYLES

import svdocs
from svdocs.core.config import LintConfig
from svdocs.readers import read_document
from svdocs.readers.fidelity import comment_problems, on_word_boundaries, span_problems
from svdocs.reporters.annotate import annotate_bytes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def every_docx(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("fidelity")
    paths = sorted((ROOT / "samples").rglob("*.docx"))
    for brief in sorted((ROOT / "samples" / "briefs").glob("*.yml")):
        from svdocs.assembly import write_outputs

        out = folder / brief.stem
        paths += [p for p in write_outputs(svdocs.assemble(brief), out, ["docx"])
                  if p.suffix == ".docx"]
    big = folder / "big.docx"
    big.write_bytes(big_docx(4000))
    annotated = folder / "annotate-fixture.docx"
    build_fixture(annotated)
    from readers_docx_fixtures import p, write_docx

    headings = write_docx(folder / "headings.docx", "".join([
        p("Framework Management", style="Heading1", num=(1, 0)),
        p("Regular meetings will take place and the Supplier will endeavour to support local "
          "charities where possible.", style="GPSL2"),
    ]), styles=STYLES, numbering=NUMBERING)
    return [*paths, big, annotated, schedule(folder), headings]


def test_flagged_words_and_comments_sit_on_whole_words(every_docx: list[Path]) -> None:
    config = LintConfig(scope="all", parts="all")
    problems: list[str] = []
    findings = comments = 0
    for path in every_docx:
        doc = read_document(path)
        found = svdocs.lint(path, config=config).findings
        findings += len(found)
        problems += [f"{path.name}: {x}" for x in span_problems(found, doc)]
        reviewed = annotate_bytes(path.read_bytes(), found, doc).data
        comments += sum(len(b.meta.get("comments", [])) for b in read_document_bytes(reviewed))
        problems += [f"{path.name}: {x}" for x in comment_problems(reviewed)]
    assert len(every_docx) >= 16 and findings > 100 and comments > 100
    assert problems == []


def read_document_bytes(data: bytes):  # type: ignore[no-untyped-def]
    from svdocs.readers import read_bytes

    return read_bytes(data, ".docx").blocks


def test_word_boundary_check_catches_cut_words() -> None:
    text = "The Supplier cannot suspend the Deliverables"
    assert on_word_boundaries(text, 13, 19)  # "cannot"
    assert not on_word_boundaries(text, 13, 16)  # "can" of "cannot"
    assert not on_word_boundaries(text, 7, 12)  # "plier"
