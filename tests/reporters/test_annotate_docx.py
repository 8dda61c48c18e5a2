"""`--annotate`: findings become Word comments on exactly the flagged words of a DOCX copy.

The fixture is built in code with python-docx and lxml: a heading, a numbered clause, an
existing reviewer comment, tracked changes (an insertion and a deletion), a bold run split by
a finding, a table cell of two paragraphs, a header and a footer. Every claim is checked by
reading the original and the reviewed copy back.
"""

from __future__ import annotations

import copy
import hashlib
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from svdocs.core.errors import OutputError
from svdocs.core.model import Document, Finding, Location, Severity
from svdocs.readers import read_document
from svdocs.reporters.annotate import AUTHOR, INITIALS, annotate_bytes, annotate_docx, reviewed_name

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def build_fixture(path: Path) -> None:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Tender ref SV-7: the provider will seek to help."
    d.sections[0].footer.paragraphs[0].text = "Commercial in confidence"
    d.add_heading("Social value", 1)
    p = d.add_paragraph("The Contractor ", style="List Number")
    bold = p.add_run("will seek to employ")
    bold.bold = True
    p.add_run(" local people.")
    reviewed = d.add_paragraph("The Supplier shall pay the Real Living Wage.")
    d.add_comment(reviewed.runs, text="Check the rate with HR", author="Jane Lawyer",
                  initials="JL")
    tracked = d.add_paragraph("The Supplier shall ")
    tracked._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="901" w:author="Editor" w:date="2025-01-01T00:00:00Z">'
        '<w:r><w:t xml:space="preserve">endeavour to </w:t></w:r></w:ins>'))
    tracked._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="902" w:author="Editor" w:date="2025-01-01T00:00:00Z">'
        '<w:r><w:delText xml:space="preserve">always </w:delText></w:r></w:del>'))
    tracked.add_run("support local charities where possible.")
    table = d.add_table(rows=1, cols=1)
    cell = table.cell(0, 0)
    cell.paragraphs[0].text = "KPI 1: local jobs."
    cell.add_paragraph("The Supplier will aim to report quarterly.")
    d.save(str(path))


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Document]:
    folder = tmp_path_factory.mktemp("annotate")
    path = folder / "tender.docx"
    build_fixture(path)
    return path, read_document(path)


def _block(doc: Document, needle: str) -> int:
    return next(i for i, b in enumerate(doc.blocks) if needle in b.text)


def finding(doc: Document, needle: str, words: str, *, rule: str = "hedged-commitment",
            suppressed: str | None = None) -> Finding:
    i = _block(doc, needle)
    text = doc.blocks[i].text
    start = text.index(words)
    b = doc.blocks[i]
    return Finding(
        rule=rule, category="vague-commitment", severity=Severity.WARNING,
        message="The commitment is hedged.", suggestion="Commit to a number and a date.",
        text=text, flagged=words,
        location=Location(path=doc.path or "", block=i, start=start, end=start + len(words),
                          part=b.source.part, clause=b.number),
        fix_clause="local-employment", suppressed=suppressed,
    )


def svdocs_comments(doc: Document) -> list[tuple[str, str]]:
    """(flagged text, comment text) of every svdocs comment, in reading order."""
    out = []
    for b in doc.blocks:
        for c in b.meta.get("comments", []):
            if c["author"] == AUTHOR:
                out.append((b.text[c["start"]:c["end"]], c["text"]))
    return out


def part_xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def c14n(el: etree._Element) -> bytes:
    return etree.tostring(el, method="c14n")


@pytest.fixture(scope="module")
def reviewed(fixture: tuple[Path, Document], tmp_path_factory: pytest.TempPathFactory
             ) -> tuple[Path, Path, Document, str]:
    path, doc = fixture
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    findings = [
        finding(doc, "will seek to employ", "seek to"),
        finding(doc, "endeavour to", "endeavour to support"),
        finding(doc, "endeavour to", "where possible", rule="vague-qualifier"),
        finding(doc, "aim to report", "aim to"),
        finding(doc, "Real Living Wage", "Real Living", suppressed="Agreed with HR"),
        finding(doc, "Tender ref", "seek to help"),
    ]
    out = annotate_docx(path, findings, tmp_path_factory.mktemp("out"), document=doc)
    return path, out, read_document(out), before


def test_output_name_and_original_untouched(reviewed) -> None:
    path, out, _, before = reviewed
    assert out.name == "tender.reviewed.docx" == reviewed_name(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_copy_text_equals_original(fixture, reviewed) -> None:
    _, doc = fixture
    _, _, copy_doc, _ = reviewed
    assert [(b.kind, b.text, b.number, b.source.part) for b in copy_doc.blocks] == [
        (b.kind, b.text, b.number, b.source.part) for b in doc.blocks]


def test_comments_sit_on_exactly_the_flagged_words(reviewed) -> None:
    _, _, copy_doc, _ = reviewed
    anchored = svdocs_comments(copy_doc)
    flagged = [a for a, _ in anchored]
    assert "seek to" in flagged
    assert "endeavour to support" in flagged  # crosses the edge of a tracked insertion
    assert "where possible" in flagged
    assert "aim to" in flagged  # second paragraph of a table cell
    assert "Real Living" not in flagged  # suppressed findings get no comment
    text = dict(anchored)["seek to"]
    assert text.startswith("[hedged-commitment] warning, vague-commitment:")
    assert "Suggestion: Commit to a number and a date." in text
    assert "local-employment" in text


def test_comment_author_and_initials(reviewed) -> None:
    _, out, _, _ = reviewed
    comments = part_xml(out, "word/comments.xml")
    ours = [c for c in comments.iter(f"{W}comment") if c.get(f"{W}author") == AUTHOR]
    assert len(ours) == 5
    assert {c.get(f"{W}initials") for c in ours} == {INITIALS}


def test_split_runs_keep_their_formatting(reviewed) -> None:
    _, out, _, _ = reviewed
    body = part_xml(out, "word/document.xml")
    runs = {"".join(r.itertext()): r for r in body.iter(f"{W}r")}
    for piece in ("will ", "seek to", " employ"):
        rpr = runs[piece].find(f"{W}rPr")
        assert rpr is not None and rpr.find(f"{W}b") is not None, piece


def test_header_finding_is_placed_on_the_first_paragraph_and_says_where(reviewed) -> None:
    _, out, copy_doc, _ = reviewed
    notes = [t for _, t in svdocs_comments(copy_doc) if "Applies to header" in t]
    assert len(notes) == 1 and "seek to help" in notes[0]
    header = part_xml(out, "word/header1.xml") if _has(out, "word/header1.xml") else None
    if header is not None:
        assert not list(header.iter(f"{W}commentRangeStart"))


def _has(path: Path, name: str) -> bool:
    with zipfile.ZipFile(path) as z:
        return name in z.namelist()


def test_existing_comment_survives(fixture, reviewed) -> None:
    path, _ = fixture
    _, out, copy_doc, _ = reviewed
    theirs = [c for b in copy_doc.blocks for c in b.meta.get("comments", [])
              if c["author"] == "Jane Lawyer"]
    assert len(theirs) == 1 and theirs[0]["text"] == "Check the rate with HR"
    old = part_xml(path, "word/comments.xml").find(f"{W}comment")
    new = next(c for c in part_xml(out, "word/comments.xml").iter(f"{W}comment")
               if c.get(f"{W}author") == "Jane Lawyer")
    assert c14n(old) == c14n(new)


def test_tracked_changes_survive(fixture, reviewed) -> None:
    path, _ = fixture
    _, out, _, _ = reviewed
    for tag in ("ins", "del", "delText"):
        before = list(part_xml(path, "word/document.xml").iter(f"{W}{tag}"))
        after = list(part_xml(out, "word/document.xml").iter(f"{W}{tag}"))
        assert len(after) == len(before) > 0, tag
    deleted = part_xml(out, "word/document.xml").find(f".//{W}delText")
    assert deleted is not None and deleted.text == "always "


def test_styles_numbering_headers_and_footers_survive(fixture, reviewed) -> None:
    path, _ = fixture
    _, out, _, _ = reviewed
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist()
                 if n.startswith(("word/styles", "word/numbering", "word/header",
                                  "word/footer", "word/settings", "word/theme"))]
    assert any("numbering" in n for n in names) and any("header" in n for n in names)
    for name in names:
        assert c14n(part_xml(out, name)) == c14n(part_xml(path, name)), name


def test_numbered_clause_keeps_its_number(fixture, reviewed) -> None:
    _, doc = fixture
    _, _, copy_doc, _ = reviewed
    i = _block(doc, "will seek to employ")
    assert doc.blocks[i].number and copy_doc.blocks[i].number == doc.blocks[i].number


def test_whole_block_finding_without_offsets(fixture) -> None:
    path, doc = fixture
    f = finding(doc, "will seek to employ", "seek to", rule="no-consequence")
    f.location.start = f.location.end = 0
    result = annotate_bytes(path.read_bytes(), [f], doc)
    assert result.anchored == 1 and result.fallback == 0
    out = path.parent / "whole.docx"
    out.write_bytes(result.data)
    block_text = doc.blocks[f.location.block].text
    assert (block_text, ) == tuple(a for a, _ in svdocs_comments(read_document(out)))


def test_refuses_to_overwrite_without_force(fixture, tmp_path: Path) -> None:
    path, doc = fixture
    f = finding(doc, "will seek to employ", "seek to")
    first = annotate_docx(path, [f], tmp_path, document=doc)
    with pytest.raises(OutputError):
        annotate_docx(path, [f], tmp_path, document=doc)
    assert annotate_docx(path, [f], tmp_path, force=True) == first  # reads it again


def test_overlapping_findings_in_one_run(fixture, tmp_path: Path) -> None:
    path, doc = fixture
    wide = finding(doc, "will seek to employ", "will seek to employ")
    inner = finding(doc, "will seek to employ", "seek to", rule="other")
    f_copy = copy.deepcopy(inner)
    out = annotate_docx(path, [wide, inner], tmp_path, document=doc)
    copy_doc = read_document(out)
    assert sorted(a for a, _ in svdocs_comments(copy_doc)) == sorted(
        [wide.flagged, f_copy.flagged])
    assert [b.text for b in copy_doc.blocks] == [b.text for b in doc.blocks]


def test_words_in_a_hyperlink_and_a_field_result(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("The Supplier shall ")
    p._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w")} w:anchor="annex1"><w:r><w:rPr><w:i/></w:rPr>'
        '<w:t xml:space="preserve">seek to recruit</w:t></w:r></w:hyperlink>'))
    p.add_run(" apprentices as set out in ")
    for xml in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r><w:instrText xml:space="preserve"> REF annex </w:instrText></w:r>',
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
                '<w:r><w:t>Annex One where appropriate</w:t></w:r>',
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>'):
        p._p.append(parse_xml(xml.replace("<w:r>", f'<w:r {nsdecls("w")}>', 1)))
    p.add_run(".")
    src = tmp_path / "links.docx"
    d.save(str(src))
    doc = read_document(src)
    (block,) = [b for b in doc.blocks if "recruit" in b.text]
    assert "REF annex" not in block.text
    findings = [finding(doc, "recruit", "seek to"),
                finding(doc, "recruit", "where appropriate", rule="vague-qualifier")]
    out = annotate_docx(src, findings, tmp_path / "out", document=doc)
    copy_doc = read_document(out)
    assert [b.text for b in copy_doc.blocks] == [b.text for b in doc.blocks]
    assert sorted(a for a, _ in svdocs_comments(copy_doc)) == ["seek to", "where appropriate"]
    body = part_xml(out, "word/document.xml")
    link = body.find(f".//{W}hyperlink")
    assert link is not None and "".join(link.itertext()) == "seek to recruit"
    assert link.find(f"{W}commentRangeStart") is not None
    assert [r.find(f"{W}rPr/{W}i") is not None for r in link.findall(f"{W}r")
            if "".join(r.itertext())] == [True, True]
    instr = body.find(f".//{W}instrText")
    assert instr is not None and instr.text == " REF annex "


def test_offsets_that_do_not_match_the_paragraph_fall_back_to_the_whole_paragraph(
        fixture) -> None:
    path, doc = fixture
    f = finding(doc, "will seek to employ", "seek to")
    stale = copy.deepcopy(doc)
    i = f.location.block
    stale.blocks[i].text = "X" * 5 + stale.blocks[i].text  # the words moved: offsets are stale
    f.location.start += 5
    f.location.end += 5
    result = annotate_bytes(path.read_bytes(), [f], stale)
    assert result.anchored == 1 and result.notes and "whole paragraph" in result.notes[0]
