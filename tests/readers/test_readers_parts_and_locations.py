"""What is judged and where findings point: decimal sub-clauses under a lead-in, the clause
an item cites, table cells and row references, document-level findings, footnotes and
running headers read as their own parts (judged only with ``parts = "all"``), and a PDF's
running headers and footers stripped."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from readers_docx_fixtures import (
    HEADING_STYLES,
    cell,
    numbering_xml,
    p,
    r,
    styles_xml,
    tbl,
    write_docx,
)
from readers_pdf_fixtures import pdf_bytes

import svdocs
from svdocs.cli import cli
from svdocs.core.config import LintConfig
from svdocs.core.model import Finding
from svdocs.readers import read_bytes, read_document
from svdocs.readers.fidelity import span_problems
from svdocs.readers.pdf_running import strip_running_lines
from svdocs.reporters.common import format_location

LETTERS = numbering_xml({0: [("decimal", "%1.", None), ("lowerLetter", "(%2)", None)]},
                        {1: (0, {})})
FOOTNOTE_REF = '<w:r><w:footnoteReference w:id="1"/></w:r>'


def schedule(tmp_path: Path) -> Path:
    body = "".join([
        p("Social value", style="Heading1"),
        p("4.1\tThe Supplier shall:"),
        p("4.1.1\temploy 20 local residents by month 12;"),
        p("4.1.2\tsupport local schools where possible; and"),
        p("4.1.3\tpay the Real Living Wage to every worker on the Contract."),
        p("4.2\tThe Supplier shall:"),
        p("work with local charities where possible.", num=(1, 1)),
        tbl([["Ref", "Requirement", "Evidence"],
             [cell(p("A.10.9"), span=2),
              "The Supplier will endeavour to recruit local apprentices.", "Payroll"]]),
        p("", inner=r("The Supplier shall report on the Contract.") + FOOTNOTE_REF),
    ])
    return write_docx(tmp_path / "schedule.docx", body, styles=styles_xml(HEADING_STYLES),
                      numbering=LETTERS,
                      header=p("Tender SV-7: the provider will seek to help where possible."),
                      footnotes={1: p("Bidders should try to volunteer where possible.")})


def _lint(path: Path, **config: str) -> list[Finding]:
    return svdocs.lint(path, config=LintConfig(scope="all", **config)).findings


def _on(findings: list[Finding], rule: str, text: str) -> Finding:
    return next(f for f in findings if f.rule == rule and text in f.text)


def test_decimal_sub_clauses_inherit_their_lead_in(tmp_path: Path) -> None:
    findings = _lint(schedule(tmp_path))
    # "4.1.2 support local schools where possible" has no verb of obligation of its own: it
    # is the Supplier's duty through "4.1 The Supplier shall:", as a lettered item would be
    hedged = _on(findings, "hedged-commitment", "support local schools")
    assert format_location(hedged).endswith("› Social value › clause 4.1.2")
    lettered = _on(findings, "hedged-commitment", "local charities")
    assert lettered.location.clause == "4.2(a)"
    # the same item as plain text inherits in the same way
    text = ("4.1 The Supplier shall:\n\n4.1.1 employ 20 local residents by month 12;\n\n"
            "4.1.2 support local schools where possible.\n")
    plain = svdocs.lint(text, fmt="text").findings
    assert any(f.rule == "hedged-commitment" and f.location.clause == "4.1.2" for f in plain)


def test_inherited_words_are_not_placed_on_the_item(tmp_path: Path) -> None:
    path = schedule(tmp_path)
    doc = read_document(path)
    findings = _lint(path, judge="rules")  # the rules' findings, none vetoed by the model
    assert span_problems(findings, doc) == []
    # a finding on 4.1.1 names the item's own words (its "shall" is the lead-in's), and the
    # missing consequence of its scope lists the item under its own clause number
    item = _on(findings, "undefined-local", "employ 20 local")
    block = doc.blocks[item.location.block].text
    assert item.flagged == block[item.location.start:item.location.end] == "local"
    scope = next(f for f in findings if f.category == "missing-consequence")
    listed = {c["clause"]: c["text"] for c in scope.properties["commitments"]}
    assert "employ 20 local" in listed["4.1.1"]


def test_table_cell_column_and_row_reference(tmp_path: Path) -> None:
    f = _on(_lint(schedule(tmp_path)), "hedged-commitment", "local apprentices")
    table = f.location.table
    assert table is not None and (table.row, table.col, table.cell) == (1, 2, 1)
    assert format_location(f).endswith("table 1, row 2, column 2 › clause A.10.9")
    assert f.location.paragraph is None  # table text is placed by table, row and cell


def test_running_header_and_footnote_are_judged_only_when_asked(tmp_path: Path) -> None:
    path = schedule(tmp_path)
    doc = read_document(path)
    parts = {b.text[:12]: b.source.part for b in doc.blocks}
    assert parts["Tender SV-7:"] == "header" and parts["Bidders shou"] == "footnote"
    body_only = _lint(path)
    assert {f.location.part for f in body_only} == {"body"}
    everything = _lint(path, parts="all")
    assert {"header", "footnote"} <= {f.location.part for f in everything}
    # a finding about the whole document never sits in the running header
    whole = [f for f in everything if f.location.start == f.location.end == 0
             and not f.flagged]
    assert whole and all(f.location.part == "body" and not f.location.heading_path
                         for f in whole)


def test_paragraph_index_is_python_docx_s(tmp_path: Path) -> None:
    import docx

    path = schedule(tmp_path)
    word = docx.Document(str(path))
    for f in _lint(path):
        if f.location.paragraph is not None and f.location.part == "body":
            assert f.text in word.paragraphs[f.location.paragraph].text


def test_cli_parts_option(tmp_path: Path) -> None:
    path = schedule(tmp_path)
    runner = CliRunner()
    body = runner.invoke(cli, ["lint", str(path), "--scope", "all", "--format", "json"])
    everything = runner.invoke(cli, ["lint", str(path), "--scope", "all", "--parts", "all",
                                      "--format", "json"])
    assert '"part": "header"' not in body.output
    assert '"part": "header"' in everything.output
    bad = runner.invoke(cli, ["lint", str(path), "--parts", "notes"])
    assert bad.exit_code == 2


# --------------------------------------------------------------------------- PDF


def test_pdf_running_headers_and_footers_are_stripped() -> None:
    pages = [
        ["Northshire Council - Social Value Schedule", f"{n}.1 The Supplier shall employ "
         f"{n} local residents.", "It shall report quarterly.", f"Page {n} of 4"]
        for n in range(1, 5)
    ]
    doc = read_bytes(pdf_bytes(pages), ".pdf")
    text = doc.text
    assert "Page " not in text and "Northshire Council" not in text
    third = next(b for b in doc.blocks if b.source.page == 3)
    assert (third.number, third.text) == ("3.1", "The Supplier shall employ 3 local residents.\n"
                                          "It shall report quarterly.")
    assert doc.properties["running_lines_removed"] == 8


@pytest.mark.parametrize(("pages", "kept"), [
    # a line at the top of two pages of five is body text
    (["Intro\nThe Supplier shall\nend", "Intro\nmore text here\nx", "Other\ntext\ny",
      "More\ntext\nz", "Last\ntext\nw"], "Intro"),
    # a single page keeps its title, loses only its page number
    (["Social Value Schedule\nThe Supplier shall employ 5 people.\nPage 1 of 1"],
     "Social Value Schedule"),
])
def test_running_lines_need_repetition(pages: list[str], kept: str) -> None:
    out, _ = strip_running_lines(pages)
    assert kept in "\n".join(out)
    assert "Page 1 of 1" not in "\n".join(out)


def test_bad_parts_setting_is_refused(tmp_path: Path) -> None:
    from svdocs.core.errors import ValidationError

    with pytest.raises(ValidationError, match="parts must be 'body' or 'all'"):
        svdocs.lint("The Supplier shall report.", fmt="text", config=LintConfig(parts="notes"))
    config = tmp_path / "svdocs.toml"
    config.write_text('parts = "notes"\n')
    out = CliRunner().invoke(cli, ["lint", str(schedule(tmp_path)), "--config", str(config)])
    assert out.exit_code == 2 and "parts: expected one of body, all" in out.output
