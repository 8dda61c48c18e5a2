"""`--annotate --suggest`: each finding with a fixing library clause becomes a Word tracked
change. Accepting every change (lxml: drop ``w:del``, unwrap ``w:ins``) gives the library
clause's text in place of the weak wording; rejecting every change gives the original text
back; everything else in the package is untouched."""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

import svdocs
from svdocs.cli import cli
from svdocs.library.loader import load_library
from svdocs.readers.fidelity import comment_problems
from svdocs.reporters.annotate import annotate_bytes
from svdocs.reporters.annotate.suggest import plan_suggestions
from svdocs.reporters.annotate.suggested_text import suggestion_pieces

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
WHEN = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone.utc)
HEDGED = "The Supplier shall endeavour to recruit local people wherever possible."


def build(path: Path) -> None:
    d = docx.Document()
    d.add_heading("Employment and skills", 1)
    p = d.add_paragraph("2.1 ")
    p.add_run("The Supplier shall ")
    p.add_run("endeavour").bold = True
    p.add_run(" to recruit local people wherever possible.")
    p.add_run(" Local means the postcode districts NS1 to NS9.")
    d.add_paragraph("The Supplier shall provide 4 apprenticeships in each Contract Year.")
    d.add_paragraph("The Authority may terminate the Contract for persistent failure.")
    d.save(str(path))


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes, list]:
    path = tmp_path_factory.mktemp("suggest") / "schedule.docx"
    build(path)
    report = svdocs.lint(path)
    fr = report.files[0]
    data = path.read_bytes()
    result = annotate_bytes(data, fr.findings, fr.document, suggest=True, date=WHEN)
    assert result.suggested >= 1 and result.notes == []
    return data, result.data, fr.findings


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _accept(root: etree._Element) -> etree._Element:
    root = copy.deepcopy(root)
    for el in root.iter(f"{W}del"):
        el.getparent().remove(el)
    for el in list(root.iter(f"{W}ins")):
        parent = el.getparent()
        at = parent.index(el)
        for k, child in enumerate(list(el)):
            parent.insert(at + k, child)
        parent.remove(el)
    return root


def _reject(root: etree._Element) -> etree._Element:
    root = copy.deepcopy(root)
    for el in list(root.iter(f"{W}ins")):
        el.getparent().remove(el)
    for el in list(root.iter(f"{W}del")):
        for t in el.iter(f"{W}delText"):
            t.tag = f"{W}t"
        parent = el.getparent()
        at = parent.index(el)
        for k, child in enumerate(list(el)):
            parent.insert(at + k, child)
        parent.remove(el)
    return root


def _texts(root: etree._Element) -> list[str]:
    out = []
    for p in root.iter(f"{W}p"):
        parts = []
        for el in p.iter(f"{W}t", f"{W}br", f"{W}delText"):
            parts.append("\n" if el.tag == f"{W}br" else el.text or "")
        out.append("".join(parts))
    return out


def _clause_text(clause_id: str) -> str:
    pieces = suggestion_pieces(load_library().get(clause_id))
    assert pieces is not None
    return "".join(p.text for p in pieces)


def test_accepting_gives_the_library_clause_in_place_of_the_weak_wording(reviewed) -> None:
    original, data, findings = reviewed
    fix = next(f.fix_clause for f in findings if f.rule == "hedged-commitment")
    accepted = _texts(_accept(_body(data)))
    before = _texts(_body(original))
    k = next(i for i, t in enumerate(before) if t.startswith("2.1"))
    expected = before[k].replace(HEDGED, _clause_text(fix))
    assert accepted[k] == expected
    assert "[number]" in accepted[k] and HEDGED not in accepted[k]
    others = [i for i in range(len(before)) if i != k]
    assert all(accepted[i].startswith(before[i]) for i in others)


def test_rejecting_gives_the_original_text(reviewed) -> None:
    original, data, _ = reviewed
    assert _texts(_reject(_body(data))) == _texts(_body(original))


def test_changes_are_authored_dated_and_placeholders_highlighted(reviewed) -> None:
    _, data, _ = reviewed
    root = _body(data)
    changes = [*root.iter(f"{W}ins"), *root.iter(f"{W}del")]
    assert changes and {c.get(f"{W}author") for c in changes} == {"svdocs"}
    assert {c.get(f"{W}date") for c in changes} == {"2026-03-02T09:30:00Z"}
    ids = [c.get(f"{W}id") for c in changes]
    assert len(ids) == len(set(ids))
    assert all(t.tag == f"{W}delText" for d in root.iter(f"{W}del") for t in d.iter(
        f"{W}t", f"{W}delText"))
    marked = [r for r in root.iter(f"{W}r") if r.find(f"{W}rPr/{W}highlight") is not None]
    assert marked and all(("".join(t.text or "" for t in r.iter(f"{W}t"))).startswith("[")
                          for r in marked)
    # the deleted word keeps its bold run, the inserted text takes its formatting from it
    assert root.find(f".//{W}del/{W}r/{W}rPr/{W}b") is not None


def test_package_other_parts_unchanged_and_python_docx_opens_it(reviewed) -> None:
    original, data, _ = reviewed
    with zipfile.ZipFile(io.BytesIO(original)) as a, zipfile.ZipFile(io.BytesIO(data)) as b:
        for name in a.namelist():
            if name not in ("word/document.xml", "[Content_Types].xml",
                            "word/_rels/document.xml.rels"):
                assert a.read(name) == b.read(name), name
    docx.Document(io.BytesIO(data))
    assert comment_problems(data) == []


def test_one_change_per_sentence_and_one_insertion_per_clause(reviewed) -> None:
    original, _, findings = reviewed
    from svdocs.readers import read_bytes

    doc = read_bytes(original, ".docx")
    plan = plan_suggestions(findings, doc, load_library())
    spans = [(s.block, s.start, s.end) for s in plan]
    assert len(spans) == len(set(spans))
    inserted = [s.clause for s in plan if not s.replaces]
    assert len(inserted) == len(set(inserted))
    replaced = next(s for s in plan if s.replaces)
    assert doc.blocks[replaced.block].text[replaced.start:replaced.end] == HEDGED


def test_cli_suggest_needs_annotate(tmp_path: Path) -> None:
    path = tmp_path / "s.docx"
    build(path)
    bad = CliRunner().invoke(cli, ["lint", str(path), "--suggest"])
    assert bad.exit_code == 2 and "--suggest needs --annotate" in bad.output
    out = tmp_path / "rev"
    ok = CliRunner().invoke(cli, ["lint", str(path), "--annotate", str(out), "--suggest"])
    assert ok.exit_code == 1, ok.output
    assert b"<w:ins " in zipfile.ZipFile(out / "s.reviewed.docx").read("word/document.xml")
