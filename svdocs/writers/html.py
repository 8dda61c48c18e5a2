"""Standalone, accessible HTML: one file, inline CSS, semantic headings, every text escaped."""

from __future__ import annotations

import re
from html import escape
from typing import Any

from svdocs._version import __version__
from svdocs.core.model import Block, Document
from svdocs.writers import marks
from svdocs.writers.base import (
    BlockWriter,
    display_title,
    facts,
    provenance,
    subtitle,
    toc_entries,
    wants_toc,
)
from svdocs.writers.items import ListGroup, Table, clean_text, runs_of, safe_href

STYLE = """
:root { color-scheme: light; }
body { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 1rem;
  line-height: 1.5; color: #1a1a1a; background: #fff; max-width: 48rem; margin: 2rem auto;
  padding: 0 1.25rem; }
header.title-block { border-bottom: 2px solid #1f3864; margin-bottom: 1.5rem; }
h1 { font-size: 1.9rem; color: #1f3864; margin: 0 0 .4rem; }
.subtitle { font-size: 1.2rem; margin: 0 0 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem;
  margin: 0 0 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
h2 { font-size: 1.35rem; margin: 2rem 0 .6rem; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; }
h4, h5, h6 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.num { display: inline-block; min-width: 3rem; font-weight: inherit; }
p { margin: 0 0 .6rem; }
p.clause { padding-left: 3rem; text-indent: -3rem; }
p.clause.level-2 { margin-left: 3rem; }
ol.lettered { list-style: none; margin: 0 0 .6rem; padding-left: 6rem; }
ol.lettered > li { text-indent: -2.5rem; margin: 0 0 .4rem; }
ol.lettered .num { min-width: 2.5rem; }
ul.bullets { margin: 0 0 .6rem; padding-left: 1.5rem; }
ul.bullets .level-1 { margin-left: 1.5rem; }
ul.bullets .level-2 { margin-left: 3rem; }
aside.note { border-left: 4px solid #8a6d00; background: #fdf6dc; padding: .5rem .8rem;
  margin: 0 0 .8rem; font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1.2rem; font-size: .92rem; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: 0 0 .4rem; }
th, td { border: 1px solid #8c8c8c; padding: .35rem .5rem; text-align: left;
  vertical-align: top; }
thead th { background: #dbe3f0; }
nav.toc ol { list-style: none; padding-left: 0; }
nav.toc ol ol { padding-left: 2rem; }
a { color: #1f4e9b; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
footer.generated { margin-top: 2rem; font-size: .8rem; color: #555; }
@media print {
  @page { size: A4; margin: 2cm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; color: #000; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  p, li, tr, aside { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  thead th { background: #e6e6e6; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav.toc { break-after: page; page-break-after: always; }
  a { color: #000; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
  footer.generated { display: none; }
}
""".strip()


def esc(text: str) -> str:
    """Escape text for HTML element content or a quoted attribute value."""
    return escape(clean_text(text), quote=True)


def inline(block: Block) -> str:
    out = []
    for run in runs_of(block):
        piece = esc(run.text).replace("\n", "<br>\n")
        if run.italic:
            piece = f"<em>{piece}</em>"
        if run.bold:
            piece = f"<strong>{piece}</strong>"
        href = safe_href(run.href)
        if href:
            piece = f'<a href="{esc(href)}">{piece}</a>'
        out.append(piece)
    return "".join(out)


def _num(block: Block) -> str:
    return f'<span class="num">{esc(block.number)}</span> ' if block.number else ""


class HtmlWriter(BlockWriter):
    """Render a document as one self-contained HTML5 file."""

    def begin(self) -> None:
        self.out: list[str] = []
        self.ids: dict[str, int] = {}
        self.anchor: dict[int, str] = {}
        for b in toc_entries(self.doc, depth=6):
            self.anchor[id(b)] = self._unique_id(b)
        doc = self.doc
        title = display_title(doc)
        sub = subtitle(doc)
        page_title = f"{title} – {sub}" if sub and sub != title else title
        lang = esc(str(doc.properties.get("lang") or "en-GB"))
        head = [
            "<!doctype html>",
            f'<html lang="{lang}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(page_title)}</title>",
            f'<meta name="generator" content="svdocs {esc(__version__)}">',
        ]
        if doc.properties.get("authority"):
            head.append(f'<meta name="author" content="{esc(str(doc.properties["authority"]))}">')
        head += [f'<meta name="{esc(k)}" content="{esc(v)}">'
                 for k, v in provenance(doc).items() if k != "svdocs.version"]
        if self.segments:
            record = marks.inputs_json(doc)
            if record is not None:
                head.append(f'<meta name="svdocs.inputs" content="{esc(record)}">')
        head += [f"<style>\n{STYLE}\n</style>", "</head>", "<body>",
                 '<header class="title-block">', f"<h1>{esc(title)}</h1>"]
        if sub:
            head.append(f'<p class="subtitle">{esc(sub)}</p>')
        rows = facts(doc)
        if rows:
            head.append('<dl class="facts">')
            head += [f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows]
            head.append("</dl>")
        head.append("</header>")
        self.out += head
        if wants_toc(doc):
            self._toc()
        self.out.append("<main>")

    def open_mark(self, segment: Any) -> None:
        if segment.kind == "clause":
            self.out.append(f'<section class="svdocs-clause" data-svdocs="clause" '
                            f'data-clause-id="{esc(segment.clause_id or "")}" '
                            f'data-clause-version="{esc(segment.version or "")}" '
                            f'data-clause-hash="{esc(segment.hash)}">')
        else:
            self.out.append(f'<div class="svdocs-{segment.kind}" data-svdocs="{segment.kind}" '
                            f'data-text-hash="{esc(segment.hash)}">')

    def close_mark(self, segment: Any) -> None:
        self.out.append("</section>" if segment.kind == "clause" else "</div>")

    def end(self) -> bytes:
        self.out += ["</main>",
                     f'<footer class="generated"><p>Generated by svdocs {esc(__version__)}.</p>'
                     "</footer>", "</body>", "</html>"]
        return ("\n".join(self.out) + "\n").encode("utf-8")

    def _unique_id(self, block: Block) -> str:
        if block.number:
            base = "clause-" + re.sub(r"[^0-9A-Za-z]+", "-", block.number).strip("-")
        else:
            base = "section-" + (re.sub(r"[^0-9a-z]+", "-", block.text.lower()).strip("-")[:40]
                                 or "untitled")
        n = self.ids.get(base, 0) + 1
        self.ids[base] = n
        return base if n == 1 else f"{base}-{n}"

    def _toc(self) -> None:
        entries = toc_entries(self.doc)
        if not entries:
            return
        self.out.append('<nav class="toc" aria-labelledby="toc-heading">')
        self.out.append('<h2 id="toc-heading">Contents</h2>')
        depth = 0
        for b in entries:
            level = min(b.level, depth + 1)
            if level > depth:
                self.out.append("<ol>" * (level - depth))
            else:
                self.out.append("</li>" + "</ol></li>" * (depth - level))
            depth = level
            self.out.append(f'<li><a href="#{self.anchor[id(b)]}">{_num(b)}{inline(b)}</a>')
        self.out.append("</li>" + "</ol></li>" * (depth - 1) + "</ol>")
        self.out.append("</nav>")

    def render_heading(self, block: Block) -> None:
        level = min(block.level + 1, 6)
        ident = self.anchor.get(id(block)) or self._unique_id(block)
        attrs = f' id="{ident}"'
        if block.meta.get("clause_id"):
            attrs += f' data-clause="{esc(str(block.meta["clause_id"]))}"'
        self.out.append(f"<h{level}{attrs}>{_num(block)}{inline(block)}</h{level}>")

    def render_paragraph(self, block: Block) -> None:
        if block.number:
            ident = self._unique_id(block)
            self.out.append(f'<p class="clause level-{max(block.level, 1)}" id="{ident}">'
                            f"{_num(block)}{inline(block)}</p>")
        else:
            self.out.append(f"<p>{inline(block)}</p>")

    def render_list(self, group: ListGroup) -> None:
        if group.bullet:
            self.out.append('<ul class="bullets">')
            self.out += [f'<li class="level-{b.level}">{inline(b)}</li>' for b in group.items]
            self.out.append("</ul>")
            return
        self.out.append('<ol class="lettered">')
        self.out += [f"<li>{_num(b)}{inline(b)}</li>" for b in group.items]
        self.out.append("</ol>")

    def render_table(self, table: Table) -> None:
        caption = (f"<caption>Table {table.ordinal}: {esc(table.caption)}</caption>"
                   if table.caption else
                   f'<caption class="visually-hidden">Table {table.ordinal}</caption>')
        out = ["<table>", caption]
        if table.header_rows:
            out.append("<thead>")
            for row in table.rows[: table.header_rows]:
                cells = "".join(f'<th scope="col">{inline(c)}</th>' for c in row)
                out.append(f"<tr>{cells}</tr>")
            out.append("</thead>")
        out.append("<tbody>")
        for row in table.rows[table.header_rows:]:
            out.append("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>")
        out += ["</tbody>", "</table>"]
        self.out += out

    def render_note(self, block: Block) -> None:
        self.out.append('<aside class="note" role="note"><p><strong>Drafting note:</strong> '
                        f"{_num(block)}{inline(block)}</p></aside>")


def render_html(doc: Document, *, notes: bool = False) -> bytes:
    return HtmlWriter(doc, notes=notes).write()
