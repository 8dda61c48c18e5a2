"""The pack parts of a report (``svdocs lint --pack``): related locations and the pack
summary, for the text, JSON, SARIF and HTML reporters."""

from __future__ import annotations

import html
from pathlib import Path

from svdocs.core.model import Location
from svdocs.core.results import CHAIN_LABELS, CHAIN_STEPS, PackSummary
from svdocs.reporters.common import SEP, display_path, outline_parts


def location_text(loc: Location, root: Path | None = None) -> str:
    """``path:line:col`` for text formats, ``path › heading path › clause 4.2(b)`` otherwise."""
    path = display_path(loc.path, root)
    if loc.line is not None:
        return f"{path}:{loc.line}:{loc.column if loc.column is not None else 1}"
    return SEP.join([path, *outline_parts(loc)])


def _short(loc: Location, root: Path | None, *, cell: bool = False) -> str:
    """A step of a chain: the file's name and the clause, table row or line (``cell``: the
    shorter form of the HTML table's cells)."""
    name = Path(display_path(loc.path, root))
    shown = name.stem if cell else name.name
    if loc.clause:
        return f"{shown}, {'cl.' if cell else 'clause'} {loc.clause}"
    if loc.table is not None:
        return f"{shown}, table {loc.table.table + 1} row {loc.table.row + 1}"
    if loc.line is not None:
        return f"{shown}, line {loc.line}" if cell else f"{shown}:{loc.line}"
    return shown


def pack_text(summary: PackSummary, root: Path | None = None) -> list[str]:
    out = ["Pack: " + ", ".join(f"{Path(d.path).name} ({d.kind})" for d in summary.documents),
           "", "Theme chains (ITT question → contract commitment → KPI → evidence → remedy):"]
    for chain in summary.chains:
        out.append(f"  {chain.theme}")
        for step in CHAIN_STEPS:
            loc = chain.steps.get(step)
            shown = _short(loc, root) if loc is not None else "GAP"
            out.append(f"    {CHAIN_LABELS[step]:<20} {shown}")
    missing = sorted({r.text for r in summary.references if r.resolved is None})
    resolved = {r.text for r in summary.references if r.resolved is not None}
    out.append("")
    out.append(f"References between documents: {len(resolved)} names resolved"
               + (f"; not in the pack: {', '.join(missing)}" if missing else ""))
    out.append("")
    return out


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def pack_html(summary: PackSummary, root: Path | None = None,
              counts: dict[str, tuple[int, int]] | None = None) -> list[str]:
    """The pack summary as a section: the chain table a reviewer reads at a glance, then the
    documents with their findings (``counts``: path -> (pack-consistency, other))."""
    out = ['<section aria-labelledby="pack-h"><h2 id="pack-h">Pack summary</h2>',
           '<table class="chains"><caption>Each social value theme from the ITT question to '
           "the remedy. A gap is a step no document of the pack supplies; hover over a step "
           "to read its words.</caption>",
           "<thead><tr><th scope=\"col\">Theme</th>"
           + "".join(f'<th scope="col">{_e(CHAIN_LABELS[s])}</th>' for s in CHAIN_STEPS)
           + '<th scope="col">Gaps</th></tr></thead><tbody>']
    for chain in summary.chains:
        cells = []
        for step in CHAIN_STEPS:
            loc = chain.steps.get(step)
            if loc is None:
                cells.append('<td class="gap"><span aria-hidden="true">✗</span> gap</td>')
            else:
                text = " ".join(chain.texts.get(step, "").split())
                limit = 90 if step == "itt" else 60  # the question's words around its theme
                short = text if len(text) <= limit else text[:limit - 3].rstrip() + "…"
                cells.append(f'<td class="ok" title="{_e(text)}"><span aria-hidden="true">✓'
                             f'</span> <span class="step">{_e(_short(loc, root, cell=True))}</span>'
                             f'<br><span class="said">{_e(short)}</span></td>')
        gaps = len(chain.gaps)
        cells.append(f'<td class="n{" bad" if gaps else ""}">{gaps}</td>')
        out.append(f'<tr><th scope="row">{_e(chain.theme)}</th>{"".join(cells)}</tr>')
    out.append("</tbody></table>")
    out.append('<table class="pack-docs"><caption>The documents read as one tender'
               "</caption><thead><tr><th scope=\"col\">Document</th><th scope=\"col\">Read as"
               '</th><th scope="col">Pack-consistency findings</th><th scope="col">Other '
               "findings</th></tr></thead><tbody>")
    for i, d in enumerate(summary.documents):
        pack_n, other_n = (counts or {}).get(d.path, (0, 0))
        out.append(f'<tr><th scope="row"><a href="#file-{i}-h">{_e(d.title)}</a><br>'
                   f'<span class="said">{_e(Path(display_path(d.path, root)).name)}</span></th>'
                   f"<td>{_e(d.kind)}</td><td class=\"n{' bad' if pack_n else ''}\">{pack_n}"
                   f'</td><td class="n">{other_n}</td></tr>')
    out.append("</tbody></table>")
    missing = sorted({r.text for r in summary.references if r.resolved is None})
    resolved = sorted({r.text for r in summary.references if r.resolved is not None})
    out.append(f"<p>References between documents resolved: {_e(', '.join(resolved) or 'none')}"
               ".</p>")
    if missing:
        out.append(f"<p>Referred to but not in the pack: {_e(', '.join(missing))}.</p>")
    for note in summary.notes:
        out.append(f'<p class="note">{_e(note)}</p>')
    out.append("</section>")
    return out


PACK_CSS = (
    "table.chains{width:100%;font-size:.88rem;table-layout:fixed}"
    "table.chains th:first-child{width:9rem}table.chains th:last-child{width:3.5rem}"
    "table caption{text-align:left;color:var(--muted);padding:.2rem 0}"
    "table.chains td.gap{background:#fde7e9;color:var(--err);font-weight:700;"
    "text-align:center;vertical-align:middle}"
    "table.chains td.ok{background:#eef7ee}table.chains td.ok>span:first-child{"
    "color:#1d6b2f;font-weight:700}.step{font-weight:600}"
    ".said{color:var(--muted);font-size:.8rem}td.bad{color:var(--err);font-weight:700}"
    "table.pack-docs{font-size:.9rem}"
)
