"""The Markdown writer: golden output, CommonMark round trips, escaping."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from writers_sample import AWKWARD, sample_document

from svdocs.core.model import Block, BlockKind, Document, Run, TableRef
from svdocs.writers import render
from svdocs.writers.markdown import escape_inline, escape_line_start, inline

GOLDEN = Path(__file__).parent.parent / "writers_golden" / "schedule.md"
MD = MarkdownIt("commonmark").enable("table")


def _inline_text(children) -> str:  # type: ignore[no-untyped-def]
    out = []
    for tok in children:
        if tok.type in ("text", "code_inline"):
            out.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)


def _paragraphs(text: str) -> list[str]:
    tokens = MD.parse(text)
    return [_inline_text(t.children) for t in tokens
            if t.type == "inline" and t.children is not None]


def test_golden_schedule() -> None:
    """The whole sample renders exactly as recorded (set SVDOCS_UPDATE_GOLDEN=1 to re-record)."""
    got = render(sample_document(), "md", notes=True).decode()
    if os.environ.get("SVDOCS_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(got, encoding="utf-8")
    assert got == GOLDEN.read_text(encoding="utf-8")


def test_numbers_typed_as_text_and_structure() -> None:
    text = render(sample_document(), "md").decode()
    tokens = MD.parse(text)
    headings = [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens)
                if t.type == "heading_open"]
    assert ("h1", "Social Value Schedule") in headings
    assert ("h2", "2 Local employment") in headings
    assert ("h3", "2.3 Reporting") in headings
    paras = _paragraphs(text)
    assert "2.2 The Supplier shall give evidence of the roles filled by providing:" in paras
    assert "(b) copies of contracts of employment; and" in paras
    assert "2.3.2 " + AWKWARD in paras
    # no ordered or bullet list was created by accident from numbered text
    assert not any(t.type == "ordered_list_open" for t in tokens)
    # the only raw HTML is the provenance marks (svdocs/writers/marks.py), never document text
    html = [t.content.strip() for t in tokens if t.type.startswith("html")]
    assert html and all(h.startswith(("<!-- svdocs:", "<!-- /svdocs:")) and h.endswith("-->")
                        and h.count("-->") == 1 for h in html)


def test_pipe_table_with_escaped_pipes() -> None:
    text = render(sample_document(), "md").decode()
    tokens = MD.parse(text)
    assert sum(t.type == "table_open" for t in tokens) == 1
    header = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "th_open"]
    assert header == ["KPI", "Measure", "Target", "Reporting"]
    cells = [_inline_text(tokens[i + 1].children) for i, t in enumerate(tokens)
             if t.type == "td_open"]
    assert "Apprenticeship starts | levels 2-3" in cells
    assert "Spend with SMEs & VCSEs <local>" in cells


def test_links_bold_italic_survive_parsing() -> None:
    html = MD.render(render(sample_document(), "md").decode())
    assert "<strong>shall</strong>" in html
    assert "<em>12 months</em>" in html
    assert '<a href="https://example.gov.uk/annex-1">postcode districts in Annex 1</a>' in html
    assert "<script>" not in html


def test_unsafe_link_becomes_text() -> None:
    assert inline([Run("x", href="javascript:alert(1)")]) == "x"


def test_notes_only_on_request() -> None:
    assert b"Drafting note" not in render(sample_document(), "md")
    assert b"> **Drafting note:**" in render(sample_document(), "md", notes=True)


def test_line_start_escapes() -> None:
    for line in ("# not a heading", "1. not a list", "2) nor this", "- nor", "+ nor",
                 "> nor a quote", "---", "==="):
        assert _paragraphs(escape_line_start(escape_inline(line))) == [line]


def test_multiline_block_text_becomes_hard_breaks() -> None:
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, "first line\n# second\n\n3. third")],
                   title="T")
    paras = _paragraphs(render(doc, "md").decode())
    assert paras[-1] == "first line\n# second\n3. third"


def test_ragged_table_rows_are_padded() -> None:
    cells = [Block(BlockKind.TABLE_CELL, t, table=TableRef(0, r, c, header=r == 0))
             for r, row in enumerate([["A", "B", "C"], ["1"]]) for c, t in enumerate(row)]
    text = render(Document(blocks=cells, title="T"), "md").decode()
    rows = [ln for ln in text.splitlines() if ln.startswith("|")]
    assert len({ln.count(" | ") for ln in rows}) == 1


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                           blacklist_characters="\u00a0\u1680\u2000\u2001\u2002\u2003"
                           "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"),
    min_size=1, max_size=60,
).map(lambda s: " ".join(s.split())).filter(bool)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_any_text_round_trips_through_commonmark(text: str) -> None:
    """Whatever the text, a CommonMark parser gives back that text and nothing else."""
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, text)], title="T")
    rendered = render(doc, "md").decode()
    assert _paragraphs(rendered)[-1] == text
    assert not any(t.type.startswith(("html", "link", "image", "code", "em", "strong"))
                   for tok in MD.parse(rendered) for t in (tok.children or [tok]))


@settings(max_examples=100, deadline=None)
@given(_TEXT, st.booleans(), st.booleans())
def test_any_formatted_run_round_trips(text: str, bold: bool, italic: bool) -> None:
    runs = [Run("Before "), Run(text, bold=bold, italic=italic), Run(" after.")]
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, "".join(r.text for r in runs),
                                 runs=runs)], title="T")
    rendered = render(doc, "md").decode()
    assert _paragraphs(rendered)[-1] == "".join(r.text for r in runs)
