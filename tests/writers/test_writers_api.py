"""The writers' public API and properties shared by all three formats."""

from __future__ import annotations

import io

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from writers_sample import sample_document

from svdocs.core.errors import OutputError, SvdocsError
from svdocs.core.model import Block, BlockKind, Document, Run, TableRef
from svdocs.core.outputs import write_bytes_atomic
from svdocs.writers import FORMATS, extension, normalise_format, render
from svdocs.writers.base import BlockWriter, display_title
from svdocs.writers.docx.tables import column_widths
from svdocs.writers.items import iter_items
from svdocs.writers.markdown import MarkdownWriter


def test_formats_and_aliases() -> None:
    assert set(FORMATS) == {"docx", "md", "html"}
    assert normalise_format("Markdown") == "md"
    assert normalise_format(".HTML") == "html"
    assert extension("docx") == ".docx"


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(OutputError) as err:
        render(sample_document(), "pdf")
    assert isinstance(err.value, SvdocsError)
    assert "unknown output format 'pdf'" in str(err.value)
    assert "docx, md, html" in str(err.value)


def test_every_format_renders_and_is_deterministic(tmp_path) -> None:
    doc = sample_document()
    for fmt in FORMATS:
        first = render(doc, fmt)
        assert first == render(doc, fmt), fmt
        path = write_bytes_atomic(tmp_path / f"schedule{extension(fmt)}", first)
        assert path.read_bytes() == first


def test_items_group_lists_tables_and_drop_notes() -> None:
    kinds = [k for k, _ in iter_items(sample_document())]
    assert kinds.count("table") == 1
    assert "note" not in kinds
    assert kinds.count("list") == 3  # (a)-(c), (a)-(b), then the bullets
    assert "note" in [k for k, _ in iter_items(sample_document(), notes=True)]


def test_a_rule_can_be_replaced_without_subclassing() -> None:
    writer = MarkdownWriter(sample_document())
    writer.rules["table"] = lambda table: writer.chunks.append(f"[table {table.ordinal}]")
    text = writer.write().decode()
    assert "[table 1]" in text and "| KPI" not in text
    assert isinstance(writer, BlockWriter)


def test_column_widths_share_the_page_and_follow_content() -> None:
    widths = column_widths([["Id", "A long description of what is measured", "Due"]], 9000)
    assert sum(widths) == 9000
    assert widths[1] > widths[0] and widths[1] > widths[2]
    assert min(widths) >= 1000
    assert column_widths([]) == []


_block_text = st.text(max_size=40)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    blocks: list[Block] = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(list(BlockKind)))
        text = draw(_block_text)
        if kind is BlockKind.TABLE_CELL:
            rows, cols = draw(st.integers(1, 3)), draw(st.integers(1, 3))
            index = len({b.table.table for b in blocks if b.table})
            blocks += [Block(kind, f"{text}{r}{c}", table=TableRef(index, r, c, header=r == 0))
                       for r in range(rows) for c in range(cols)]
            continue
        level = draw(st.integers(0, 4))
        number = draw(st.one_of(st.none(), st.sampled_from(["1", "2.1", "2.1.1", "(a)"])))
        runs = [Run(text, bold=draw(st.booleans()), href=draw(st.one_of(
            st.none(), st.just("https://example.org/a b"), st.just("javascript:x"))))]
        blocks.append(Block(kind, text, level=level, number=number, runs=runs,
                            meta={"note": draw(st.booleans()), "bullet": draw(st.booleans())}))
    return Document(blocks=blocks, title=draw(st.one_of(st.none(), _block_text)),
                    properties={"toc": draw(st.booleans()), "date": "2026-01-01"})


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.booleans())
def test_any_document_renders_in_every_format(doc: Document, notes: bool) -> None:
    """Odd documents (control characters, stray levels, ragged tables) never break a writer."""
    out = {fmt: render(doc, fmt, notes=notes) for fmt in FORMATS}
    assert out["md"].endswith(b"\n") and out["html"].endswith(b"</html>\n")
    word = docx.Document(io.BytesIO(out["docx"]))
    assert word.paragraphs[0].text == display_title(doc)
