"""Rebuild the sample tender pack and its copy with three planted inconsistencies.

    python samples/packs/build_pack.py

``leisure-centres/`` is the pack exactly as ``svdocs assemble`` writes it from
``leisure-centres.yml`` (Markdown and Word). ``leisure-centres-inconsistent/`` is the same
pack with the three edits described in README.md, made in both formats. Both folders are
replaced; the files are deterministic (SOURCE_DATE_EPOCH fixes the Word timestamps).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
BRIEF = HERE / "leisure-centres.yml"
CLEAN = HERE / "leisure-centres"
PLANTED = HERE / "leisure-centres-inconsistent"
FORMATS = ("md", "docx")

#: (file stem, paragraph it is in (start of its text), old words, new words)
EDITS: tuple[tuple[str, str, str, str], ...] = (
    # 1. a theme the ITT evaluates that no contract document carries
    ("itt-social-value-section", "Describe the social value commitments",
     " and spend with SMEs and VCSEs in the Local Area,",
     ", spend with SMEs and VCSEs in the Local Area and lower carbon emissions from "
     "delivering the Contract,"),
    # 2. the weighting stated differently (the ITT says 15%)
    ("social-value-specification", "This Specification sets out",
     "evidenced and enforced.",
     "evidenced and enforced. Social value carries 10% of the total score in the evaluation "
     "of tenders for this contract."),
    # 3. "local" defined differently (the definitions schedule says the Westmere district)
    ("social-value-schedule", "\"Local Area\" means",
     "the Westmere district as defined in the Social Value Definitions Schedule",
     "the area within 15 miles of Westmere Town Hall"),
)


def build() -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1790812800")  # 2026-10-01
    from svdocs.api import assemble
    from svdocs.writers import extension, render

    result = assemble(BRIEF)
    for folder in (CLEAN, PLANTED):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
    for kind, doc in result.documents.items():
        stem = result.file_stems[kind]
        for fmt in FORMATS:
            data = render(doc, fmt)
            (CLEAN / f"{stem}{extension(fmt)}").write_bytes(data)
            (PLANTED / f"{stem}{extension(fmt)}").write_bytes(data)
    for stem, where, old, new in EDITS:
        _edit_markdown(PLANTED / f"{stem}.md", where, old, new)
        _edit_docx(PLANTED / f"{stem}.docx", where, old, new)


def _edit_markdown(path: Path, where: str, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines) if where in line and old in line]
    if len(hits) != 1:
        raise SystemExit(f"{path}: expected one paragraph with {where!r} and {old!r}")
    lines[hits[0]] = lines[hits[0]].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")


def _edit_docx(path: Path, where: str, old: str, new: str) -> None:
    document = docx.Document(str(path))
    hits = [p for p in _paragraphs(document) if where in p.text and old in p.text]
    if len(hits) != 1 or not hits[0].runs:
        raise SystemExit(f"{path}: expected one paragraph with {where!r} and {old!r}")
    paragraph = hits[0]
    text = paragraph.text.replace(old, new)
    paragraph.runs[0].text = text
    for run in paragraph.runs[1:]:
        run.text = ""
    document.save(str(path))


def _paragraphs(document):  # type: ignore[no-untyped-def]
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


if __name__ == "__main__":
    build()
