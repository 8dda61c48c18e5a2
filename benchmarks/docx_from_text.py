"""Write a Markdown, plain-text or HTML document as DOCX with python-docx, for the accuracy
benchmark's "as DOCX" runs. Independent of svdocs' own readers and writers, so that a reader
bug and a writer bug cannot cancel out.

What becomes what:

* Markdown (parsed with markdown-it-py, CommonMark plus pipe tables): headings -> ``Heading N``
  paragraphs; bullet and numbered list items -> ``List Bullet`` / ``List Number`` paragraphs
  (``... 2`` / ``... 3`` when nested); pipe tables -> Word tables (header row first);
  paragraphs and block quotes -> paragraphs. Emphasis, links and code become plain text;
  raw HTML blocks are dropped.
* HTML (parsed with lxml): ``h1``-``h6`` -> headings, ``li`` -> list paragraphs as above,
  ``table`` -> tables (``th`` and ``td`` cells), ``p`` and other text blocks -> paragraphs.
* Plain text: blocks separated by blank lines; a block of lines starting with ``|`` -> a table;
  a one-line block in capitals, or a short numbered title with no full stop ("4. WHAT YOU WILL
  DELIVER") -> a heading; lines starting with a bullet (``-``, ``*``, ``•``) -> list items;
  any other line -> a paragraph of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from lxml import html as lxml_html
from markdown_it import MarkdownIt
from markdown_it.token import Token

_BULLET = re.compile(r"^\s*[-*\u2022]\s+")
_NUMBERED_TITLE = re.compile(r"^(?:[A-Z]+\s+)?\d+(?:\.\d+)*\.?\s+\S.{0,80}$")


def _list_style(ordered: bool, depth: int) -> str:
    base = "List Number" if ordered else "List Bullet"
    return base if depth <= 1 else f"{base} {min(depth, 3)}"


def _add_table(doc: DocxDocument, rows: list[list[str]]) -> None:
    rows = [r for r in rows if r]
    if not rows:
        return
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content if child.type != "html_inline" else "")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def markdown_to_docx(text: str, doc: DocxDocument) -> None:
    md = MarkdownIt("commonmark").enable("table")
    lists: list[bool] = []  # ordered? per open list
    heading: str | None = None
    row: list[str] | None = None
    rows: list[list[str]] = []
    in_table = False
    for token in md.parse(text):
        kind = token.type
        if kind == "heading_open":
            heading = token.tag
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "table_open":
            in_table, rows = True, []
        elif kind == "table_close":
            in_table = False
            _add_table(doc, rows)
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            rows.append(row)
            row = None
        elif kind == "inline":
            content = _inline_text(token)
            if in_table:
                if row is not None:
                    row.append(content)
            elif heading is not None:
                doc.add_heading(content, level=min(int(heading[1]), 9))
                heading = None
            elif content and lists:
                doc.add_paragraph(content, style=_list_style(lists[-1], len(lists)))
            elif content:
                doc.add_paragraph(content)
        elif kind in ("fence", "code_block"):
            for line in token.content.splitlines():
                if line.strip():
                    doc.add_paragraph(line.strip())


_BLOCK_TAGS = {"p", "div", "section", "article", "blockquote", "main", "header", "footer",
               "dd", "dt", "caption", "address", "pre", "figcaption", "body"}


def _text(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _html_list(element: lxml_html.HtmlElement, doc: DocxDocument, depth: int) -> None:
    ordered = element.tag == "ol"
    for li in element:
        if not isinstance(li.tag, str) or li.tag != "li":
            continue
        nested = [c for c in li if isinstance(c.tag, str) and c.tag in ("ul", "ol")]
        for n in nested:
            li.remove(n)
        content = _text(li)
        if content:
            doc.add_paragraph(content, style=_list_style(ordered, depth))
        for n in nested:
            _html_list(n, doc, depth + 1)


def _html_block(element: lxml_html.HtmlElement, doc: DocxDocument) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in ("script", "style", "head", "title", "nav"):
        return
    if re.fullmatch(r"h[1-6]", tag):
        doc.add_heading(_text(element), level=int(tag[1]))
    elif tag in ("ul", "ol"):
        _html_list(element, doc, 1)
    elif tag == "table":
        rows = [
            [_text(cell) for cell in tr if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
            for tr in element.iter("tr")
        ]
        _add_table(doc, rows)
    elif tag in _BLOCK_TAGS or tag == "":
        has_blocks = any(
            isinstance(c.tag, str) and (c.tag in _BLOCK_TAGS or c.tag in ("ul", "ol", "table")
                                        or re.fullmatch(r"h[1-6]", c.tag))
            for c in element
        )
        if not has_blocks:
            content = _text(element)
            if content:
                doc.add_paragraph(content)
            return
        if element.text and element.text.strip():
            doc.add_paragraph(" ".join(element.text.split()))
        for child in element:
            _html_block(child, doc)
            if child.tail and child.tail.strip():
                doc.add_paragraph(" ".join(child.tail.split()))
    else:
        content = _text(element)
        if content:
            doc.add_paragraph(content)


def html_to_docx(text: str, doc: DocxDocument) -> None:
    root = lxml_html.document_fromstring(text)
    body = root.find("body")
    _html_block(body if body is not None else root, doc)


def _is_text_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(line) <= 120:
        return True
    return (
        bool(_NUMBERED_TITLE.match(line))
        and not line.rstrip().endswith((".", ":", ";"))
        and len(line.split()) <= 10
    )


def text_to_docx(text: str, doc: DocxDocument) -> None:
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if not lines:
            continue
        if all(ln.startswith("|") for ln in lines):
            rows = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines
                    if not re.fullmatch(r"\|?[\s:|-]+\|?", ln)]
            _add_table(doc, rows)
            continue
        if len(lines) == 1 and _is_text_heading(lines[0]):
            doc.add_heading(lines[0], level=1)
            continue
        for line in lines:
            if _BULLET.match(line):
                doc.add_paragraph(_BULLET.sub("", line), style="List Bullet")
            else:
                doc.add_paragraph(line)


def convert(source: Path, target: Path) -> Path:
    """Write ``source`` (.md, .markdown, .txt or .html/.htm) as DOCX at ``target``."""
    text = source.read_text(encoding="utf-8")
    doc = docx.Document()
    suffix = source.suffix.lower()
    if suffix in (".md", ".markdown"):
        markdown_to_docx(text, doc)
    elif suffix in (".html", ".htm"):
        html_to_docx(text, doc)
    elif suffix == ".txt":
        text_to_docx(text, doc)
    else:
        raise ValueError(f"{source}: cannot convert a {suffix} file to DOCX")
    doc.save(str(target))
    return target
