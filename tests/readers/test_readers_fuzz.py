"""Bounded fuzzing of every reader: any input gives a Document or an InputError, nothing else."""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readers_docx_fixtures import NS, docx_bytes, p, r, tbl
from readers_pdf_fixtures import pdf_bytes

from svdocs.core.errors import InputError
from svdocs.core.limits import Limits
from svdocs.core.model import Document
from svdocs.readers import read_bytes

FUZZ = settings(max_examples=100, deadline=2000, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])
SMALL = Limits(max_file_size=2_000_000, max_paragraphs=20_000, max_characters=2_000_000)

SEED_DOCX = docx_bytes(
    p("Heading", style="Heading1") + p(inner=r("The Supplier ") + '<w:ins w:id="1"><w:r>'
    "<w:t>shall</w:t></w:r></w:ins>" + r(" report.")) + tbl([["a", "b"], ["c", "d"]]),
    footnotes={1: p("note")}, comments={1: ("x", "y")}, header=p("hdr"),
)
SEED_PDF = pdf_bytes([["4.1 The Supplier shall report.", "(a) quarterly."], []])


def _check(data: bytes, ext: str) -> None:
    try:
        doc = read_bytes(data, ext, path=f"fuzz{ext}", limits=SMALL)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(doc, Document)
    for block in doc.blocks:
        assert isinstance(block.text, str)


def _mutate(seed: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    data = bytearray(seed)
    for pos, value in edits:
        data[pos % len(data)] = value
    if cut is not None:
        data = data[: cut % len(data)]
    return bytes(data)


EDITS = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8)


@FUZZ
@given(st.binary(max_size=400), st.sampled_from([".txt", ".md", ".html"]))
def test_text_formats_any_bytes(data: bytes, ext: str) -> None:
    _check(data, ext)


@FUZZ
@given(st.text(max_size=400), st.sampled_from([".txt", ".md", ".html"]))
def test_text_formats_any_text(text: str, ext: str) -> None:
    _check(text.encode("utf-8", "surrogatepass"), ext)


MARKUP = st.lists(st.sampled_from([
    "# ", "## 4.2 ", "\n", "\n\n", "- ", "1. ", "(a) ", "4.2 ", "| a | b |\n|---|---|\n",
    "<p>", "</p>", "<table><tr><td>", "</td></tr></table>", "<ol start='x'>", "<li value=9>",
    "<!-- c -->", "<script>x</script>", "**", "`", "> ", "text ", "shall ", "&amp;", "&bogus;",
    "<br>", "\t", "---\n", "<?xml version='1.0' encoding='utf-8'?>", "<td colspan=99999>",
]), max_size=40).map("".join)


@FUZZ
@given(MARKUP, st.sampled_from([".txt", ".md", ".html"]))
def test_text_formats_structured_noise(text: str, ext: str) -> None:
    _check(text.encode(), ext)


@FUZZ
@given(EDITS, st.one_of(st.none(), st.integers(0, 10**6)))
def test_docx_mutated(edits: list[tuple[int, int]], cut: int | None) -> None:
    _check(_mutate(SEED_DOCX, edits, cut), ".docx")


XML_PIECES = st.lists(st.sampled_from([
    "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>text</w:t>", "<w:tbl>", "</w:tbl>", "<w:tr>",
    "</w:tr>", "<w:tc>", "</w:tc>", '<w:fldChar w:fldCharType="begin"/>',
    '<w:fldChar w:fldCharType="separate"/>', '<w:fldChar w:fldCharType="end"/>',
    "<w:instrText>PAGE</w:instrText>", "<w:ins>", "</w:ins>", "<w:del>", "</w:del>",
    '<w:pPr><w:numPr><w:ilvl w:val="9"/><w:numId w:val="1"/></w:numPr></w:pPr>',
    '<w:tcPr><w:gridSpan w:val="-3"/><w:vMerge/></w:tcPr>', "<w:sdt><w:sdtContent>",
    "</w:sdtContent></w:sdt>", '<w:commentRangeStart w:id="1"/>', '<w:footnoteReference/>',
    "<w:txbxContent>", "</w:txbxContent>", "<w:tab/>", "<w:br/>", "&amp;",
]), max_size=40).map("".join)


@FUZZ
@given(XML_PIECES)
def test_docx_random_body(body: str) -> None:
    xml = f"<w:document {NS}><w:body>{body}</w:body></w:document>"
    src = zipfile.ZipFile(io.BytesIO(SEED_DOCX))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for name in src.namelist():
            out.writestr(name, xml if name == "word/document.xml" else src.read(name))
    _check(buf.getvalue(), ".docx")


@FUZZ
@given(st.binary(max_size=300))
def test_docx_any_bytes(data: bytes) -> None:
    _check(b"PK\x03\x04" + data, ".docx")


@FUZZ
@given(EDITS, st.one_of(st.none(), st.integers(0, 10**6)))
def test_pdf_mutated(edits: list[tuple[int, int]], cut: int | None) -> None:
    _check(_mutate(SEED_PDF, edits, cut), ".pdf")


@FUZZ
@given(st.binary(max_size=300))
def test_pdf_any_bytes(data: bytes) -> None:
    _check(b"%PDF-1.4\n" + data, ".pdf")
