"""The HTML writer: one standalone, accessible, well-formed file with every text escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from writers_sample import AWKWARD, sample_document

from svdocs.core.model import Block, BlockKind, Document, Run, TableRef
from svdocs.writers import render

VOID = {"meta", "br", "hr", "img", "input", "link"}


class Page(HTMLParser):
    """Collects elements (tag, attributes, text) and checks that tags nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[list] = []
        self.elements: list[list] = []  # [tag, attrs, text]
        self.errors: list[str] = []
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = [tag, dict(attrs), ""]
        self.elements.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"unexpected </{tag}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for node in self.stack:
            node[2] += data

    def find(self, tag: str) -> list[list]:
        return [e for e in self.elements if e[0] == tag]


def parse(data: bytes) -> Page:
    page = Page()
    page.feed(data.decode("utf-8"))
    page.close()
    assert page.errors == [] and page.stack == []
    return page


@pytest.fixture(scope="module")
def html() -> bytes:
    return render(sample_document(), "html")


@pytest.fixture(scope="module")
def page(html: bytes) -> Page:
    return parse(html)


def test_standalone_document_shell(html: bytes, page: Page) -> None:
    assert html.startswith(b"<!doctype html>")
    assert page.find("html")[0][1]["lang"] == "en-GB"
    assert page.find("meta")[0][1] == {"charset": "utf-8"}
    assert page.find("title")[0][2] == "Social Value Schedule – Facilities Management Services"
    # nothing is fetched from elsewhere: no scripts, stylesheets, images or CSS imports
    assert not page.find("script") and not page.find("link") and not page.find("img")
    style = page.find("style")[0][2]
    assert "@import" not in style and "url(" not in style
    assert "@media print" in style


def test_semantic_headings_with_visible_numbers(page: Page) -> None:
    assert [e[2] for e in page.find("h1")] == ["Social Value Schedule"]
    h2 = [" ".join(e[2].split()) for e in page.find("h2")]
    assert "2 Local employment" in h2 and "Annex 1: Key performance indicators" in h2
    assert [" ".join(e[2].split()) for e in page.find("h3")] == ["2.3 Reporting"]
    clause = next(e for e in page.find("p") if e[1].get("id") == "clause-2-2")
    assert clause[2].startswith("2.2 The Supplier shall give evidence")
    items = [" ".join(e[2].split()) for e in page.find("li") if "(" in e[2]]
    assert "(a) a payroll extract showing each employee's home postcode;" in items
    heading = next(e for e in page.find("h2") if e[1].get("id") == "clause-2")
    assert heading[1]["data-clause"] == "local-employment"


def test_table_headers_scope_and_caption(page: Page) -> None:
    assert [e[1].get("scope") for e in page.find("th")] == ["col"] * 4
    assert [e[2] for e in page.find("th")] == ["KPI", "Measure", "Target", "Reporting"]
    assert page.find("caption")[0][2] == "Table 1: Key performance indicators"
    assert "Spend with SMEs & VCSEs <local>" in [e[2] for e in page.find("td")]


def test_script_in_text_never_survives_unescaped(html: bytes, page: Page) -> None:
    assert b"<script" not in html.lower()
    assert b"&lt;script&gt;" in html
    assert any(AWKWARD in e[2] for e in page.find("p"))


def test_toc_links_point_at_heading_ids(page: Page) -> None:
    nav = page.find("nav")[0]
    assert nav[1]["aria-labelledby"] == "toc-heading"
    ids = {e[1].get("id") for e in page.elements if e[1].get("id")}
    targets = [e[1]["href"][1:] for e in page.find("a") if e[1]["href"].startswith("#")]
    assert len(targets) == 5 and set(targets) <= ids
    assert len(ids) == len([e for e in page.elements if e[1].get("id")])  # ids are unique


def test_links_and_formatting(page: Page) -> None:
    assert [e[2] for e in page.find("strong")].count("shall") == 1
    assert "12 months" in [e[2] for e in page.find("em")]
    external = [e[1]["href"] for e in page.find("a") if not e[1]["href"].startswith("#")]
    assert external == ["https://example.gov.uk/annex-1"]


def test_clause_provenance_in_meta(page: Page) -> None:
    metas = {e[1].get("name"): e[1].get("content") for e in page.find("meta")}
    assert metas["svdocs.clause.003"] == "remedies-escalation@2.0.1 sha256:" + "c" * 64
    assert metas["author"] == "Northshire County Council"


def test_notes_only_on_request() -> None:
    assert b"Drafting note" not in render(sample_document(), "html")
    page = parse(render(sample_document(), "html", notes=True))
    assert any(e[1].get("role") == "note" for e in page.find("aside"))


def test_hostile_links_and_attributes_are_neutralised() -> None:
    runs = [Run("a", href="javascript:alert(1)"), Run('b" onmouseover="x', href='https://x/"y')]
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, "ab\" onmouseover=\"x", runs=runs)],
                   title='<img src=x onerror="alert(1)">',
                   properties={"lang": 'en"><script>', "reference": "<b>R</b>"})
    data = render(doc, "html")
    page = parse(data)
    assert b"javascript:" not in data and b"<script" not in data and b"<img" not in data
    assert [e[1]["href"] for e in page.find("a")] == ['https://x/"y']
    assert page.find("h1")[0][2] == '<img src=x onerror="alert(1)">'


def test_table_without_caption_gets_a_hidden_one() -> None:
    cells = [Block(BlockKind.TABLE_CELL, t, table=TableRef(0, r, 0, header=r == 0))
             for r, t in enumerate(["Head", "Cell"])]
    page = parse(render(Document(blocks=cells, title="T"), "html"))
    caption = page.find("caption")[0]
    assert caption[1]["class"] == "visually-hidden" and caption[2] == "Table 1"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80), st.text(max_size=30))
def test_any_text_is_escaped_and_reads_back(text: str, title: str) -> None:
    doc = Document(blocks=[Block(BlockKind.HEADING, title or "x", level=1, number="1"),
                           Block(BlockKind.PARAGRAPH, text, level=1, number="1.1")],
                   title=title or None)
    page = parse(render(doc, "html"))
    para = next(e for e in page.find("p") if e[1].get("class") == "clause level-1")
    cleaned = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)
    cleaned = cleaned.replace("\r\n", "\n").replace("\r", "\n")
    assert para[2] == "1.1 " + cleaned
