"""svdocs audit: clauses edited in Word (directly and as tracked changes), in Markdown and in
HTML are found, and every other clause is reported unchanged; outdated and unknown clauses;
exit codes and the JSON shape; a LibreOffice round trip keeps the marks."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from svdocs.assembly import assemble, write_outputs
from svdocs.assembly.brief import load_brief
from svdocs.audit import audit_file
from svdocs.cli import cli
from svdocs.core.resources import clause_library_dir, samples_dir
from svdocs.library import load_library

BRIEF = samples_dir() / "briefs" / "facilities-management-12m.yml"
SCHEDULE = "social-value-schedule"


@pytest.fixture(scope="module")
def assembled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("assembled")
    write_outputs(assemble(load_brief(BRIEF)), out)
    return out


def _copy(src: Path, dst_dir: Path) -> Path:
    dst = dst_dir / src.name
    shutil.copyfile(src, dst)
    return dst


def _statuses(result) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {c.id: c.status for c in result.clauses}


def _heading(document, title: str):  # type: ignore[no-untyped-def]
    return next(p for p in document.paragraphs if p.text == title)


def _after(document, title: str, n: int = 1):  # type: ignore[no-untyped-def]
    paras = document.paragraphs
    i = next(i for i, p in enumerate(paras) if p.text == title)
    return paras[i + n]


def test_assembled_files_are_all_unchanged(assembled: Path) -> None:
    for path in sorted(assembled.glob(f"{SCHEDULE}.*")):
        if path.suffix == ".json":
            continue
        result = audit_file(path)
        assert len(result.clauses) == 19, path
        assert set(_statuses(result).values()) == {"unchanged"}, path
        assert result.outside == [], path
        assert all(g.status == "unchanged" for g in result.generated), path
        assert not result.failed


def test_word_edits_direct_tracked_and_typed(assembled: Path, tmp_path: Path) -> None:
    path = _copy(assembled / f"{SCHEDULE}.docx", tmp_path)
    document = docx.Document(str(path))
    # 1. a lawyer rewrites part of the Real Living Wage clause
    para = _after(document, "Real Living Wage")
    assert para.runs
    para.runs[0].text = para.runs[0].text.replace("The Supplier shall", "The Supplier will try to")
    # 2. a tracked change in the apprenticeships clause: one word deleted, one inserted
    target = _after(document, "Apprenticeships")
    run = target.runs[0]
    words = run.text.split(" ", 3)
    keep, dropped, rest = " ".join(words[:2]) + " ", words[2], " " + words[3]
    run.text = keep
    deleted = copy.deepcopy(run._r)
    deleted.find(qn("w:t")).tag = qn("w:delText")
    deleted.find(qn("w:delText")).text = dropped
    w_del = docx.oxml.OxmlElement("w:del")
    w_del.set(qn("w:id"), "901")
    w_del.set(qn("w:author"), "A Lawyer")
    w_del.append(deleted)
    inserted = copy.deepcopy(run._r)
    inserted.find(qn("w:t")).text = "recruit"
    w_ins = docx.oxml.OxmlElement("w:ins")
    w_ins.set(qn("w:id"), "902")
    w_ins.set(qn("w:author"), "A Lawyer")
    w_ins.append(inserted)
    tail = copy.deepcopy(run._r)
    tail.find(qn("w:t")).text = rest
    tail.find(qn("w:t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run._r.addnext(w_del)
    w_del.addnext(w_ins)
    w_ins.addnext(tail)
    # 3. a paragraph typed between two clauses
    _heading(document, "Carbon Reduction Plan").insert_paragraph_before(
        "The Supplier shall also plant 500 trees in the borough.")
    document.save(str(path))

    result = audit_file(path)
    statuses = _statuses(result)
    assert statuses.pop("real-living-wage") == "edited"
    assert statuses.pop("apprenticeships") == "edited"
    assert set(statuses.values()) == {"unchanged"} and len(statuses) == 17
    by_id = {c.id: c for c in result.clauses}
    wage = by_id["real-living-wage"]
    assert [(ch.removed, ch.added) for ch in wage.changes] == [("shall", "will try to")]
    assert not wage.pending_changes
    appr = by_id["apprenticeships"]
    assert appr.pending_changes
    assert [(ch.removed, ch.added) for ch in appr.changes] == [(dropped, "recruit")]
    assert [o["text"] for o in result.outside] == [
        "The Supplier shall also plant 500 trees in the borough."]
    assert result.outside[0]["after"] == "prompt-payment"  # the clause before it


def test_markdown_and_html_edits(assembled: Path, tmp_path: Path) -> None:
    md = _copy(assembled / f"{SCHEDULE}.md", tmp_path)
    text = md.read_text(encoding="utf-8")
    old = "shall pay each valid"
    assert text.count(old) == 1
    md.write_text(text.replace(old, "shall aim to pay each valid"), encoding="utf-8")
    result = audit_file(md)
    statuses = _statuses(result)
    assert statuses.pop("prompt-payment") == "edited"
    assert set(statuses.values()) == {"unchanged"}
    change = next(c for c in result.clauses if c.id == "prompt-payment").changes
    assert [(c.removed, c.added) for c in change] == [("", "aim to")]

    html = _copy(assembled / f"{SCHEDULE}.html", tmp_path)
    text = html.read_text(encoding="utf-8")
    start = text.index('data-clause-id="modern-slavery"')
    at = text.index("The Supplier shall", start)
    html.write_text(text[:at] + "The Contractor shall" + text[at + len("The Supplier shall"):],
                    encoding="utf-8")
    result = audit_file(html)
    statuses = _statuses(result)
    assert statuses.pop("modern-slavery") == "edited"
    assert set(statuses.values()) == {"unchanged"}


def _library_copy(tmp_path: Path) -> Path:
    lib = tmp_path / "library"
    shutil.copytree(clause_library_dir(), lib)
    return lib


def test_outdated_clause_shows_what_the_library_changed(assembled: Path,
                                                        tmp_path: Path) -> None:
    lib = _library_copy(tmp_path)
    clause = lib / "supply-chain" / "prompt-payment.md"
    text = clause.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    assert "version: 1.1.0" in front
    history = "history:\n  - version: 1.1.0\n    changed: 2026-09-01\n    body: |\n" + "".join(
        f"      {line}\n" if line.strip() else "\n" for line in body.splitlines())
    new_body = body.replace("shall pay each valid", "shall pay each undisputed valid", 1)
    assert new_body != body
    clause.write_text(front.replace("version: 1.1.0", "version: 1.2.0") + "\n" + history
                      + "---\n" + new_body, encoding="utf-8")
    library = load_library(lib)
    result = audit_file(assembled / f"{SCHEDULE}.md", library)
    by_id = {c.id: c for c in result.clauses}
    pp = by_id.pop("prompt-payment")
    assert (pp.status, pp.outdated, pp.edited) == ("outdated", True, False)
    assert pp.library_version == "1.2.0"
    assert [(c.removed, c.added) for c in pp.library_changes] == [("", "undisputed")]
    assert {c.status for c in by_id.values()} == {"unchanged"}
    assert result.failed


def test_unknown_clause(assembled: Path, tmp_path: Path) -> None:
    lib = _library_copy(tmp_path)
    (lib / "modern-slavery" / "modern-slavery.md").unlink()
    result = audit_file(assembled / f"{SCHEDULE}.docx", load_library(lib))
    statuses = _statuses(result)
    assert statuses.pop("modern-slavery") == "unknown"
    assert set(statuses.values()) == {"unchanged"}
    assert not result.failed  # unknown alone does not fail the check


def test_cli_exit_codes_and_json(assembled: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    clean = runner.invoke(cli, ["audit", str(assembled / f"{SCHEDULE}.md"), "--format", "json"])
    assert clean.exit_code == 0, clean.output
    data = json.loads(clean.output)
    assert list(data) == ["files"]
    first = data["files"][0]
    assert first["path"].endswith(f"{SCHEDULE}.md")
    assert {"id", "version", "status"} <= set(first["clauses"][0])

    md = _copy(assembled / f"{SCHEDULE}.md", tmp_path)
    md.write_text(md.read_text(encoding="utf-8").replace("shall pay each valid",
                                                         "may pay each valid"),
                  encoding="utf-8")
    edited = runner.invoke(cli, ["audit", str(md)])
    assert edited.exit_code == 1
    assert "edited    prompt-payment@1.1.0" in edited.output
    assert "[-shall-] {+may+}" in edited.output
    page = tmp_path / "audit.html"
    as_html = runner.invoke(cli, ["audit", str(md), "--format", "html", "-o", str(page)])
    assert as_html.exit_code == 1 and "<del>shall</del>" in page.read_text(encoding="utf-8")

    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    for bad in (plain, tmp_path / "missing.md", tmp_path / "notes.txt"):
        if bad.suffix == ".txt":
            bad.write_text("hello", encoding="utf-8")
        res = runner.invoke(cli, ["audit", str(bad)])
        assert res.exit_code == 2, (bad, res.output)
        errors = [ln for ln in res.stderr.splitlines() if ln]
        assert len(errors) == 1 and str(bad) in errors[0] and "Traceback" not in res.output


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed (apt-get install "
                           "libreoffice-writer-nogui to run this test)")
def test_libreoffice_round_trip_keeps_the_marks(assembled: Path, tmp_path: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    out = tmp_path / "lo"
    out.mkdir()
    profile = tmp_path / "profile"
    subprocess.run([str(exe), f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "docx", "--outdir", str(out),
                    str(assembled / f"{SCHEDULE}.docx")],
                   check=True, capture_output=True, timeout=240)
    result = audit_file(out / f"{SCHEDULE}.docx")
    assert len(result.clauses) == 19
    assert set(_statuses(result).values()) == {"unchanged"}
    assert result.outside == []
