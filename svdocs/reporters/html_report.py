"""The HTML report: one self-contained page to read findings beside the document text.

The page has no external scripts, fonts, styles or images (a Content-Security-Policy in the
page forbids loading any), escapes every piece of document text, and works without script:
the filters (native checkboxes) appear only when the small inline script runs. Sections: a
summary by category, rule and clause; then each document's blocks in reading order with the
flagged words in ``<mark>`` and the findings beside them.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from svdocs._version import __version__
from svdocs.core.model import CATEGORIES, BlockKind, Document, Finding, Severity
from svdocs.core.results import FileResult, Report
from svdocs.reporters.common import (
    SEP,
    collect_rules,
    display_path,
    flag_span,
    format_location,
    outline_parts,
)
from svdocs.reporters.pack import PACK_CSS, location_text, pack_html
from svdocs.reporters.text import summary_line

#: Above this many blocks only headings and blocks with findings are shown.
MAX_FULL_BLOCKS = 1500
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)

_CSS = """
:root{--ink:#1b1b1b;--muted:#4a4a4a;--line:#c9c9c9;--paper:#fff;--soft:#f4f5f7;
--focus:#1a5fb4;--mark:#ffe14d;--err:#a4000f;--warnbg:#fff1c2;--warn:#5c3b00;--info:#0b4f8a}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;
color:var(--ink);background:var(--paper)}
body{margin:0 auto;max-width:78rem;padding:0 1.25rem 3rem}
[hidden]{display:none!important}
a{color:#0b4f8a}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--paper);padding:.5rem}
.skip:focus{left:1rem}
header{border-bottom:2px solid var(--ink);margin-bottom:1rem}
h1{font-size:1.7rem;margin:1.2rem 0 .3rem}
h2{font-size:1.35rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line)}
h3{font-size:1.15rem;margin:1.2rem 0 .5rem}
table{border-collapse:collapse;margin:.3rem 0 1rem;min-width:20rem}
th,td{border:1px solid var(--line);padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:var(--soft)}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.summary-grid{display:flex;flex-wrap:wrap;gap:0 2rem}
#filters .filters-form{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
fieldset{border:1px solid var(--line);padding:.4rem .8rem}
fieldset label{display:block;padding:.15rem 0}
input[type=checkbox]{width:1.1rem;height:1.1rem;vertical-align:-.15rem}
button{font:inherit;padding:.35rem .9rem;border:1px solid var(--ink);background:var(--soft);
border-radius:4px;cursor:pointer}
.file{border-top:3px solid var(--ink);margin-top:2rem;padding-top:.2rem}
.file-meta{color:var(--muted);margin:.2rem 0 .8rem}
.error{background:#fde7e9;border-left:5px solid var(--err);padding:.5rem .8rem}
.note{color:var(--muted);font-style:italic}
.block{padding:.25rem .4rem;border-left:4px solid transparent}
.block.has-findings{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;
border-left-color:var(--mark);background:#fffbe6;margin:.4rem 0;padding:.5rem .6rem}
.block.has-findings.muted{background:transparent;border-left-color:var(--line)}
.block .text{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.block .num{font-weight:700;margin-right:.4rem}
.block.heading .text{font-weight:700}
.block.h1 .text{font-size:1.2rem}.block.h2 .text{font-size:1.08rem}
.block .where{display:block;color:var(--muted);font-size:.8rem}
mark{background:var(--mark);color:#000;padding:0 .1rem;border-bottom:2px solid #8a6d00}
mark.off{background:transparent;border-bottom:0;padding:0}
.findings{display:flex;flex-direction:column;gap:.5rem}
.finding{border:1px solid var(--line);border-left:5px solid var(--info);background:var(--paper);
padding:.4rem .6rem;border-radius:3px;font-size:.94rem}
.finding.sev-error{border-left-color:var(--err)}
.finding.sev-warning{border-left-color:#b07a00}
.finding p{margin:.15rem 0}
.badge{display:inline-block;font-size:.78rem;font-weight:700;text-transform:uppercase;
padding:0 .4rem;border-radius:3px;letter-spacing:.03em}
.badge.error{background:var(--err);color:#fff}
.badge.warning{background:var(--warnbg);color:var(--warn);border:1px solid #b07a00}
.badge.info{background:var(--info);color:#fff}
.cat{font-weight:600}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.88em;background:var(--soft);
padding:0 .2rem}
.finding .where{color:var(--muted);font-size:.85rem}
@media (max-width:50rem){.block.has-findings{grid-template-columns:1fr}}
@media print{#filters,.skip{display:none!important}}
"""

_SCRIPT = """
(function(){
  var panel=document.getElementById('filters');
  if(!panel){return;}
  panel.hidden=false;
  var boxes=Array.prototype.slice.call(panel.querySelectorAll('input[type=checkbox]'));
  var status=document.getElementById('filter-status');
  var findings=Array.prototype.slice.call(document.querySelectorAll('.finding'));
  function apply(){
    var on={severity:{},category:{}};
    boxes.forEach(function(b){on[b.name][b.value]=b.checked;});
    var shown=0;
    findings.forEach(function(el){
      var show=on.severity[el.getAttribute('data-severity')]!==false&&
               on.category[el.getAttribute('data-category')]!==false;
      el.hidden=!show; if(show){shown++;}
    });
    document.querySelectorAll('mark[data-f]').forEach(function(m){
      var live=m.getAttribute('data-f').split(' ').some(function(id){
        var f=document.getElementById(id); return f&&!f.hidden;});
      m.classList.toggle('off',!live);
    });
    document.querySelectorAll('.block.has-findings').forEach(function(b){
      b.classList.toggle('muted',!b.querySelector('.finding:not([hidden])'));
    });
    if(status){status.textContent=shown+' of '+findings.length+' findings shown.';}
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  var reset=document.getElementById('filter-reset');
  if(reset){reset.addEventListener('click',function(){
    boxes.forEach(function(b){b.checked=true;}); apply();});}
  apply();
})();
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _finding_ids(report: Report) -> dict[int, str]:
    """A stable element id for every active finding (keyed by ``id(finding)``)."""
    ids: dict[int, str] = {}
    for i, fr in enumerate(report.files):
        for j, f in enumerate(fr.active):
            ids[id(f)] = f"f{i}-{j}"
    return ids


def _marked(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` escaped, with each span wrapped in ``<mark>`` (overlaps split into pieces)."""
    cuts = {0, len(text)}
    for a, b, _ in spans:
        cuts.update((a, b))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        piece = _e(text[a:b])
        owners = [fid for (s, t, fid) in spans if s <= a and b <= t]
        if owners and piece:
            out.append(f'<mark data-f="{_e(" ".join(owners))}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _finding_html(f: Finding, fid: str, root: Path | None) -> str:
    sev = f.severity.value
    parts = [
        f'<div class="finding sev-{sev}" id="{fid}" data-severity="{sev}" '
        f'data-category="{_e(f.category)}">',
        f'<p><span class="badge {sev}">{sev}</span> <span class="cat">{_e(f.category)}</span> '
        f'<code>{_e(f.rule)}</code></p>',
    ]
    if f.message:
        parts.append(f"<p>{_e(f.message)}</p>")
    if f.flagged.strip():
        parts.append(f"<p>Flagged: <q>{_e(' '.join(f.flagged.split()))}</q></p>")
    if f.suggestion:
        parts.append(f"<p><strong>Suggestion:</strong> {_e(f.suggestion)}</p>")
    if f.fix_clause:
        parts.append(f"<p>Library clause that fixes it: <code>{_e(f.fix_clause)}</code></p>")
    parts.append(f'<p class="where">{_e(format_location(f, root))}</p>')
    for loc in f.related:
        parts.append(f'<p class="where">See also: {_e(location_text(loc, root))}</p>')
    parts.append("</div>")
    return "".join(parts)


def _block_spans(text: str, findings: list[tuple[Finding, str]]) -> list[tuple[int, int, str]]:
    spans = []
    for f, fid in findings:
        a, b = f.location.start, f.location.end
        if 0 <= a < b <= len(text):
            spans.append((a, b, fid))
        else:
            # the offsets do not fit this block: fall back to the flagged words themselves
            flagged = f.flagged.strip()
            at = text.lower().find(flagged.lower()) if flagged else -1
            if at >= 0:
                spans.append((at, at + len(flagged), fid))
    return spans


def _document_html(fr: FileResult, doc: Document, ids: dict[int, str],
                   root: Path | None) -> list[str]:
    by_block: dict[int, list[tuple[Finding, str]]] = defaultdict(list)
    loose: list[tuple[Finding, str]] = []
    for f in fr.active:
        if 0 <= f.location.block < len(doc.blocks):
            by_block[f.location.block].append((f, ids[id(f)]))
        else:
            loose.append((f, ids[id(f)]))
    out: list[str] = []
    if loose:
        out.append('<div class="block has-findings"><p class="text">(the document as a whole)'
                   '</p><div class="findings">')
        out += [_finding_html(f, fid, root) for f, fid in loose]
        out.append("</div></div>")
    full = len(doc.blocks) <= MAX_FULL_BLOCKS
    if not full:
        out.append(f'<p class="note">This document has {len(doc.blocks)} blocks: only headings '
                   "and blocks with findings are shown.</p>")
    for i, block in enumerate(doc.blocks):
        found = by_block.get(i, [])
        heading = block.kind is BlockKind.HEADING
        if not (found or full or heading) or not block.text.strip():
            continue
        classes = ["block"]
        if heading:
            classes += ["heading", f"h{min(max(block.level, 1), 3)}"]
        if found:
            classes.append("has-findings")
        shows_number = block.number and not block.text.lstrip().startswith(block.number)
        num = f'<span class="num">{_e(block.number)}</span>' if shows_number else ""
        cell = ""
        if block.table is not None:
            t = block.table
            cell = (f'<span class="where">Table {t.table + 1}, row {t.row + 1}, '
                    f"column {t.col + 1}</span>")
        elif block.source.part != "body":
            cell = f'<span class="where">{_e(block.source.part)}</span>'
        body = _marked(block.text, _block_spans(block.text, found))
        out.append(f'<div class="{" ".join(classes)}"><p class="text">{cell}{num}{body}</p>')
        if found:
            out.append('<div class="findings" role="group" aria-label="Findings">')
            out += [_finding_html(f, fid, root) for f, fid in found]
            out.append("</div>")
        out.append("</div>")
    return out


def _findings_only_html(fr: FileResult, ids: dict[int, str], root: Path | None) -> list[str]:
    out: list[str] = []
    for f in fr.active:
        fid = ids[id(f)]
        span = flag_span(f, None)
        spans = [(span[0], span[1], fid)] if span else []
        out.append(f'<div class="block has-findings"><p class="text">'
                   f"{_marked(f.text, spans)}</p>"
                   f'<div class="findings">{_finding_html(f, fid, root)}</div></div>')
    return out


def _summary_html(report: Report, rules: Sequence[Any] | None, ids: dict[int, str],
                  root: Path | None) -> list[str]:
    s = report.summary()
    out = ['<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>',
           f"<p>{_e(summary_line(report))}</p>", '<div class="summary-grid">']
    out.append('<div><h3>By category</h3><table><thead><tr><th scope="col">Category</th>'
               '<th scope="col">Findings</th></tr></thead><tbody>')
    for cat, n in s["by_category"].items():
        out.append(f'<tr><td>{_e(cat)}</td><td class="n">{n}</td></tr>')
    out.append("</tbody></table>")
    out.append('<h3>By severity</h3><table><thead><tr><th scope="col">Severity</th>'
               '<th scope="col">Findings</th></tr></thead><tbody>')
    for sev, n in s["by_severity"].items():
        out.append(f'<tr><td><span class="badge {sev}">{sev}</span></td>'
                   f'<td class="n">{n}</td></tr>')
    out.append("</tbody></table></div>")

    infos = {r.id: r for r in collect_rules(report.findings, rules)}
    out.append('<div><h3>By rule</h3><table><thead><tr><th scope="col">Rule</th>'
               '<th scope="col">Category</th><th scope="col">Findings</th></tr></thead><tbody>')
    for rid, n in s["by_rule"].items():
        info = infos.get(rid)
        name = f"<br><small>{_e(info.name)}</small>" if info and info.name != rid else ""
        cat = _e(info.category) if info else ""
        out.append(f'<tr><td><code>{_e(rid)}</code>{name}</td><td>{cat}</td>'
                   f'<td class="n">{n}</td></tr>')
    if not s["by_rule"]:
        out.append('<tr><td colspan="3">No findings.</td></tr>')
    out.append("</tbody></table></div>")

    clauses: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], str] = {}
    for fr in report.files:
        for f in fr.active:
            parts = outline_parts(f.location)
            where = SEP.join(parts) if parts else (
                f"line {f.location.line}" if f.location.line else "whole document")
            key = (display_path(fr.path, root), where)
            clauses[key] += 1
            first.setdefault(key, ids[id(f)])
    out.append('<div><h3>By clause</h3><table><thead><tr><th scope="col">Document</th>'
               '<th scope="col">Clause or heading</th><th scope="col">Findings</th></tr>'
               "</thead><tbody>")
    for (path, where), n in sorted(clauses.items()):
        out.append(f'<tr><td>{_e(path)}</td><td><a href="#{first[(path, where)]}">'
                   f'{_e(where)}</a></td><td class="n">{n}</td></tr>')
    if not clauses:
        out.append('<tr><td colspan="3">No findings.</td></tr>')
    out.append("</tbody></table></div></div></section>")
    return out


def _filters_html(report: Report) -> list[str]:
    active = report.findings
    sev_counts = Counter(f.severity.value for f in active)
    cat_counts = Counter(f.category for f in active)
    cats = [c for c in CATEGORIES if cat_counts[c]] + sorted(
        c for c in cat_counts if c not in CATEGORIES)
    out = ['<section id="filters" aria-labelledby="filters-h" hidden>',
           '<h2 id="filters-h">Filter findings</h2><div class="filters-form">',
           "<fieldset><legend>Severity</legend>"]
    for sev in _SEVERITIES:
        v = sev.value
        out.append(f'<label><input type="checkbox" name="severity" value="{v}" checked> '
                   f"{v.capitalize()} ({sev_counts[v]})</label>")
    out.append("</fieldset><fieldset><legend>Category</legend>")
    for c in cats:
        out.append(f'<label><input type="checkbox" name="category" value="{_e(c)}" checked> '
                   f"{_e(c)} ({cat_counts[c]})</label>")
    if not cats:
        out.append("<p>No findings.</p>")
    out.append('</fieldset><button type="button" id="filter-reset">Show all</button></div>'
               '<p id="filter-status" role="status" aria-live="polite"></p></section>')
    return out


def render_html(report: Report, rules: Sequence[Any] | None = None, *,
                root: Path | None = None, title: str = "svdocs lint report") -> str:
    """The whole report as one HTML page (a string)."""
    ids = _finding_ids(report)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
        f'<meta name="generator" content="svdocs {_e(__version__)}">',
        f"<title>{_e(title)}</title><style>{_CSS}{PACK_CSS}</style></head><body>",
        '<a class="skip" href="#documents">Skip to the documents</a>',
        f"<header><h1>{_e(title)}</h1>",
        f"<p>Social value findings for {len(report.files)} "
        f"document{'s' if len(report.files) != 1 else ''}, made by svdocs {_e(__version__)}."
        "</p></header><main>",
    ]
    if report.pack is not None:
        counts = {fr.path: (sum(f.category == "pack-consistency" for f in fr.active),
                            sum(f.category != "pack-consistency" for f in fr.active))
                  for fr in report.files}
        out += pack_html(report.pack, root, counts)
    out += _filters_html(report)
    out += _summary_html(report, rules, ids, root)
    out.append('<section id="documents" aria-labelledby="documents-h">'
               '<h2 id="documents-h">Documents</h2>')
    for i, fr in enumerate(report.files):
        path = display_path(fr.path, root)
        n = len(fr.active)
        out.append(f'<article class="file" aria-labelledby="file-{i}-h">'
                   f'<h3 id="file-{i}-h">{_e(path)}</h3>')
        if fr.error is not None:
            out.append(f'<p class="error">This file could not be read: {_e(fr.error)}</p>')
            out.append("</article>")
            continue
        suppressed = len(fr.findings) - n
        meta = f"{n} finding{'s' if n != 1 else ''}"
        if suppressed:
            meta += f", {suppressed} suppressed"
        out.append(f'<p class="file-meta">{_e(meta)}</p>')
        for w in fr.warnings:
            out.append(f'<p class="note">{_e(w)}</p>')
        if fr.document is not None:
            out += _document_html(fr, fr.document, ids, root)
        else:
            out += _findings_only_html(fr, ids, root)
        out.append("</article>")
    out.append("</section></main>")
    out.append(f"<script>{_SCRIPT}</script></body></html>")
    return "\n".join(out) + "\n"
