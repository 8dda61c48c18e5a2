"""The HTML report: self-contained, escaped, marked, summarised and filterable."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from reporters_sample import hedge_finding, md_document, sample_report

from svdocs.core.model import Block, BlockKind, Document
from svdocs.core.results import FileResult, Report
from svdocs.reporters import render

HOSTILE = ('The Supplier shall <script>alert("x")</script> endeavour to '
           '<img src=x onerror="alert(1)"> support local employment.')


class Collector(HTMLParser):
    """Every start tag with its attributes, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parse(html: str) -> Collector:
    c = Collector()
    c.feed(html)
    return c


def hostile_report() -> Report:
    doc = Document(path="evil.md", blocks=[Block(BlockKind.PARAGRAPH, HOSTILE)])
    f = hedge_finding(path="evil.md")
    f.text = HOSTILE
    f.location.block = 0
    f.location.start = HOSTILE.index("endeavour to")
    f.location.end = f.location.start + len("endeavour to")
    f.message = "Hedged <b>commitment</b>"
    return Report(files=[FileResult(path="evil.md", findings=[f], document=doc)])


def test_document_text_is_escaped_so_no_markup_from_it_survives() -> None:
    html = render(hostile_report(), "html")
    page = parse(html)
    assert len(page.scripts) == 1  # only the report's own filter script
    assert "alert" not in page.scripts[0]
    assert not any(tag == "img" for tag, _ in page.tags)
    assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Hedged &lt;b&gt;commitment&lt;/b&gt;" in html


def test_report_is_self_contained() -> None:
    html = render(sample_report(), "html")
    page = parse(html)
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        if tag == "link":
            raise AssertionError("external stylesheet or resource link")
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#"), href
    assert not re.search(r"url\(|@import|https?://", html.split("<style>")[1].split(
        "</style>")[0])
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")


def test_flagged_words_are_marked_beside_their_finding() -> None:
    html = render(sample_report(), "html")
    mark = re.search(r'<mark data-f="([^"]+)">([^<]*)</mark>', html)
    assert mark is not None and mark.group(2) == "endeavour to"
    fid = mark.group(1)
    finding = re.search(rf'<div class="finding sev-warning" id="{fid}"[^>]*>', html)
    assert finding is not None
    assert 'data-category="vague-commitment"' in finding.group(0)
    # the finding follows its block, before the next block starts
    block_start = html.rindex('<div class="block', 0, mark.start())
    next_block = html.find('<div class="block', mark.end())
    assert block_start < finding.start() < (next_block if next_block > 0 else len(html))


def test_summary_by_category_rule_and_clause() -> None:
    html = render(sample_report(), "html")
    assert re.search(r"<h3>By category</h3>.*vague-commitment</td><td class=\"n\">2<", html,
                     re.S)
    assert re.search(r"<h3>By rule</h3>.*<code>hedged-commitment</code>", html, re.S)
    assert re.search(r"<h3>By clause</h3>.*Schedule 3 › Social value › clause 4\.2\(b\)",
                     html, re.S)


def test_filters_are_native_controls_hidden_until_the_script_runs() -> None:
    page = parse(render(sample_report(), "html"))
    section = [a for t, a in page.tags if t == "section" and a.get("id") == "filters"]
    assert section and "hidden" in section[0]
    boxes = [a for t, a in page.tags if t == "input" and a.get("type") == "checkbox"]
    assert {a["value"] for a in boxes if a["name"] == "severity"} == {"error", "warning", "info"}
    assert {a["value"] for a in boxes if a["name"] == "category"} >= {
        "vague-commitment", "missing-consequence"}
    assert all("checked" in a for a in boxes)
    assert any(t == "button" and a.get("type") == "button" for t, a in page.tags)
    assert "panel.hidden=false" in page.scripts[0]


def test_headings_and_language_for_assistive_technology() -> None:
    page = parse(render(sample_report(), "html"))
    tags = [t for t, _ in page.tags]
    assert tags.count("h1") == 1 and "h2" in tags and "h3" in tags
    html_attrs = next(a for t, a in page.tags if t == "html")
    assert html_attrs.get("lang") == "en"


def test_unreadable_file_and_findings_without_document_are_shown() -> None:
    html = render(sample_report(keep_documents=False), "html")
    assert "This file could not be read: legacy .doc format" in html
    assert "<mark" in html  # marked from the finding's own sentence


def test_long_documents_show_only_headings_and_flagged_blocks(monkeypatch) -> None:
    import svdocs.reporters.html_report as mod

    monkeypatch.setattr(mod, "MAX_FULL_BLOCKS", 2)
    doc = md_document()
    doc.blocks.append(Block(BlockKind.PARAGRAPH, "Unflagged filler paragraph."))
    report = Report(files=[FileResult(path="tenders/spec.md", findings=[hedge_finding()],
                                      document=doc)])
    html = render(report, "html")
    assert "Unflagged filler paragraph." not in html
    assert "only headings and blocks with findings are shown" in html


def test_clause_numbers_are_shown_once() -> None:
    doc = Document(path="c.docx", blocks=[
        Block(BlockKind.PARAGRAPH, "The Supplier shall report.", number="4.2"),
        Block(BlockKind.PARAGRAPH, "4.3 The Supplier shall pay.", number="4.3"),
    ])
    html = render(Report(files=[FileResult(path="c.docx", document=doc)]), "html")
    assert '<span class="num">4.2</span>The Supplier shall report.' in html
    assert '<span class="num">4.3</span>' not in html and "4.3 The Supplier shall pay." in html
