"""The corpus dashboard: one self-contained HTML page of charts, each with its table.

Charts are drawn with plotly (MIT licence; well kept; its JavaScript is inlined once in the
page, so the page needs no network and opens from a file, an e-mail or an intranet share).
Plotly was chosen over matplotlib's static SVG because a reader of a corpus of thousands of
documents hovers for the exact count and path, and over Vega-Lite because inlining Vega needs
a further compiled package; the tables under each chart carry the same numbers for print
and for screen readers.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from svdocs.core.model import CATEGORIES
from svdocs.reporters.dashboard.data import LACKS, TABLE_DOCUMENTS, TOP_DOCUMENTS, CorpusStats

#: One colour per category (Okabe-Ito: told apart by colour-blind readers too).
COLOURS = {
    "vague-commitment": "#E69F00",
    "missing-evidence": "#0072B2",
    "missing-consequence": "#D55E00",
    "coverage": "#999999",
    "evaluation": "#009E73",
}
_OTHER_COLOURS = ["#CC79A7", "#56B4E9", "#F0E442", "#000000"]
#: Colours of what a commitment lacks: one part in its category's colour, two or three parts
#: in colours of their own.
LACK_COLOURS = {
    "vague": "#E69F00", "no evidence": "#0072B2", "no consequence": "#D55E00",
    "vague + no evidence": "#56B4E9", "vague + no consequence": "#F0E442",
    "no evidence + no consequence": "#CC79A7", "vague + no evidence + no consequence": "#000000",
}
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


class PlotlyMissing(Exception):
    pass


def _colour(category: str, others: list[str]) -> str:
    if category in COLOURS:
        return COLOURS[category]
    if category not in others:
        others.append(category)
    return _OTHER_COLOURS[others.index(category) % len(_OTHER_COLOURS)]


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _layout(fig: Any, height: int, *, xtitle: str = "", ytitle: str = "",
            legend: bool = False) -> Any:
    fig.update_layout(
        height=height, margin={"l": 10, "r": 20, "t": 40 if legend else 10, "b": 40},
        autosize=True,
        font={"family": _FONT, "size": 13, "color": "#222"},
        paper_bgcolor="white", plot_bgcolor="white", showlegend=legend,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "title": None,
                "traceorder": "normal"},
        bargap=0.25,
    )
    fig.update_xaxes(title_text=xtitle, gridcolor="#e5e5e5", zeroline=False, automargin=True)
    fig.update_yaxes(title_text=ytitle, gridcolor="#e5e5e5", automargin=True)
    return fig


def _div(fig: Any, name: str) -> str:
    out: str = fig.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{name}",
                           default_width="100%", default_height=f"{fig.layout.height}px",
                           config={"displayModeBar": False, "responsive": True})
    return out


def _table(name: str, head: list[str], rows: list[list[Any]], note: str = "") -> str:
    cells = "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>"
        for row in rows)
    extra = f"<p class='note'>{html.escape(note)}</p>" if note else ""
    return (f"<details><summary>The numbers</summary>{extra}<table id='table-{name}'>"
            f"<thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table></details>")


def _card(title: str, subtitle: str, chart: str, table: str, wide: bool = False) -> str:
    cls = "card wide" if wide else "card"
    return (f"<section class='{cls}'><h2>{html.escape(title)}</h2>"
            f"<p class='sub'>{html.escape(subtitle)}</p>{chart}{table}</section>")


def render_dashboard(stats: CorpusStats, *, title: str = "svdocs corpus dashboard",
                     source: str = "") -> str:
    """The dashboard page for ``stats`` as a string."""
    try:
        # deferred: plotly, only for the dashboard
        import plotly.graph_objects as go

        # deferred: plotly, only for the dashboard
        from plotly.offline import get_plotlyjs
    except ImportError:
        raise PlotlyMissing("the dashboard needs plotly: pip install 'svdocs[dashboard]'") \
            from None
    others: list[str] = []
    cats = stats.category_names()
    cards: list[str] = []

    # ---- findings by category, and the share of documents with each gap
    fig = go.Figure(go.Bar(
        x=[stats.by_category.get(c, 0) for c in cats], y=cats, orientation="h",
        marker_color=[_colour(c, others) for c in cats],
        text=[f"{stats.by_category.get(c, 0):,}" for c in cats], textposition="auto",
        hovertemplate="%{y}: %{x:,} findings<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, 1.08 * max([stats.by_category.get(c, 0) for c in cats] or [1])])
    cards.append(_card(
        "Findings by category", "All findings, suppressed ones left out.",
        _div(_layout(fig, 60 + 42 * len(cats), xtitle="findings"), "category"),
        _table("category", ["category", "findings", "documents with it", "share of documents"],
               [[c, stats.by_category.get(c, 0), stats.docs_by_category.get(c, 0),
                 _pct(stats.share(stats.docs_by_category.get(c, 0)))] for c in cats])))

    shares = [stats.share(stats.docs_by_category.get(c, 0)) for c in cats]
    fig = go.Figure(go.Bar(
        x=[100 * s for s in shares], y=cats, orientation="h",
        marker_color=[_colour(c, others) for c in cats],
        text=[_pct(s) for s in shares], textposition="auto",
        customdata=[stats.docs_by_category.get(c, 0) for c in cats],
        hovertemplate="%{y}: %{customdata:,} documents (%{x:.1f}%)<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    cards.append(_card(
        "Share of documents with each gap",
        f"Of the {stats.linted:,} documents that could be read.",
        _div(_layout(fig, 60 + 42 * len(cats), xtitle="documents"), "share"),
        _table("share", ["category", "documents with it", "share of documents"],
               [[c, stats.docs_by_category.get(c, 0),
                 _pct(stats.share(stats.docs_by_category.get(c, 0)))] for c in cats])))

    # ---- findings by rule
    rules = sorted(stats.by_rule, key=lambda r: (-stats.by_rule[r], r))
    fig = go.Figure(go.Bar(
        x=[stats.by_rule[r] for r in rules], y=rules, orientation="h",
        marker_color=[_colour(stats.rule_category[r], others) for r in rules],
        customdata=[[stats.rule_category[r], stats.docs_by_rule[r]] for r in rules],
        hovertemplate="%{y} (%{customdata[0]}): %{x:,} findings in %{customdata[1]:,} "
                      "documents<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    cards.append(_card(
        "Findings by rule", "Coloured by category.",
        _div(_layout(fig, 60 + 28 * max(1, len(rules)), xtitle="findings"), "rule"),
        _table("rule", ["rule", "category", "severity", "findings", "documents with it"],
               [[r, stats.rule_category[r], stats.rule_severity[r], stats.by_rule[r],
                 stats.docs_by_rule[r]] for r in rules])))

    # ---- commitments by theme and what they lack
    themes = sorted({t for t, _ in stats.commitments},
                    key=lambda t: (-sum(n for (t2, _), n in stats.commitments.items()
                                        if t2 == t), t))
    lacks = sorted({lk for _, lk in stats.commitments}, key=_lack_order)
    fig = go.Figure()
    for lack in lacks:
        fig.add_trace(go.Bar(
            name=lack, y=themes, x=[stats.commitments.get((t, lack), 0) for t in themes],
            orientation="h", marker_color=LACK_COLOURS.get(lack, "#999999"),
            hovertemplate=f"%{{y}}: %{{x:,}} commitments, {html.escape(lack)}<extra></extra>"))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    total_commitments = sum(stats.commitments.values())
    cards.append(_card(
        "Flagged commitments by theme and what they lack",
        f"{total_commitments:,} commitments with a finding in a mission category; the theme "
        "comes from the clause each finding suggests, or the theme words in the sentence.",
        _div(_layout(fig, 150 + 30 * max(1, len(themes)), xtitle="commitments", legend=True)
             .update_layout(legend={"entrywidth": 0.5, "entrywidthmode": "fraction"}),
             "commitments"),
        _table("commitments", ["theme", "lacks", "commitments"],
               [[t, lk, stats.commitments[(t, lk)]] for t in themes for lk in lacks
                if stats.commitments.get((t, lk))]), wide=False))

    # ---- documents ranked by findings
    ranked = stats.ranked()
    top = ranked[:TOP_DOCUMENTS]
    root = stats.root()
    labels = [_short(stats.shown(d.path, root)) for d in top]
    fig = go.Figure()
    for c in cats:
        if not any(d.by_category.get(c) for d in top):
            continue
        fig.add_trace(go.Bar(
            name=c, y=labels, x=[d.by_category.get(c, 0) for d in top], orientation="h",
            marker_color=_colour(c, others), customdata=[d.path for d in top],
            hovertemplate="%{customdata}<br>" + c + ": %{x}<extra></extra>"))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    note = (f"The {TABLE_DOCUMENTS} documents with most findings of {len(ranked):,}."
            if len(ranked) > TABLE_DOCUMENTS else "")
    under = f" Paths are under {root}." if root else ""
    cards.append(_card(
        "Documents with most findings",
        f"The top {len(top)} of {len(ranked):,} documents read, by category.{under}",
        _div(_layout(fig, 110 + 22 * max(1, len(top)), xtitle="findings", legend=True),
             "documents"),
        _table("documents", ["path", "findings", *[c for c in CATEGORIES]],
               [[d.path, d.findings, *[d.by_category.get(c, 0) for c in CATEGORIES]]
                for d in ranked[:TABLE_DOCUMENTS]], note), wide=True))

    # ---- groups
    groups = stats.group_rows()
    shown = groups[:20]

    def group_name(name: str) -> str:
        return stats.shown(name, root) if stats.group_label == "folder" else name

    fig = go.Figure()
    for c in CATEGORIES:
        fig.add_trace(go.Bar(
            name=c, x=[_short(group_name(g["group"]), 34) for g in shown],
            y=[100 * g[c] for g in shown],
            marker_color=_colour(c, others), customdata=[g["group"] for g in shown],
            hovertemplate="%{customdata}<br>" + c + ": %{y:.1f}% of documents"
                          "<extra></extra>"))
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 100], ticksuffix="%")
    fig.update_xaxes(tickangle=-30 if len(shown) > 8 else 0)
    label = stats.group_label
    cards.append(_card(
        f"By {label}", f"Share of each {label}'s documents with each gap "
        f"({len(groups):,} groups{', the 20 largest shown' if len(groups) > 20 else ''}).",
        _div(_layout(fig, 380, ytitle="documents", legend=True), "groups"),
        _table("groups", [label, "documents", "unreadable", "findings", "findings per document",
                          *[f"share {c}" for c in CATEGORIES]],
               [[g["group"], g["documents"], g["unreadable"], g["findings"],
                 f"{g['per_document']:.2f}", *[_pct(g[c]) for c in CATEGORIES]]
                for g in groups]), wide=True))

    tiles = [
        ("documents", f"{stats.documents:,}"),
        ("could not be read", f"{stats.unreadable:,}"),
        ("findings", f"{stats.findings:,}"),
        ("findings per document", f"{stats.findings / stats.linted:.1f}" if stats.linted
         else "-"),
        ("flagged commitments", f"{total_commitments:,}"),
    ] + [(f"documents: {LACKS[c]}", _pct(stats.share(stats.docs_by_category.get(c, 0))))
         for c in CATEGORIES]
    tile_html = "".join(f"<div class='tile'><b>{html.escape(v)}</b><span>{html.escape(k)}"
                        f"</span></div>" for k, v in tiles)
    made = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    src = f" from {html.escape(source)}" if source else ""
    return _PAGE.format(csp=_CSP, title=html.escape(title), plotly=get_plotlyjs(), tiles=tile_html,
                        cards="".join(cards), made=made, source=src)


def _lack_order(lack: str) -> tuple[int, list[int]]:
    """One part missing before two, before all three; in the order of :data:`LACKS`."""
    names = list(LACKS.values())
    parts = lack.split(" + ")
    return len(parts), [names.index(p) if p in names else len(names) for p in parts]


def _short(path: str, width: int = 60) -> str:
    return path if len(path) <= width else "…" + path[-(width - 1):]


#: Nothing may be fetched: the page's own script and styles only.
_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:")

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>{title}</title>
<style>
body {{ font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 0;
       background: #f4f5f7; color: #222; }}
header {{ background: #1f3a5f; color: white; padding: 18px 28px 14px; }}
header h1 {{ margin: 0 0 4px; font-size: 22px; }}
header p {{ margin: 0; opacity: .85; font-size: 13px; }}
.tiles {{ display: flex; flex-wrap: wrap; gap: 12px; padding: 16px 28px 0; }}
.tile {{ background: white; border-radius: 8px; padding: 10px 16px; flex: 1 1 0;
        min-width: 110px;
        box-shadow: 0 1px 2px rgba(0,0,0,.08); }}
.tile b {{ display: block; font-size: 22px; }}
.tile span {{ font-size: 12px; color: #555; }}
main {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr));
       gap: 16px; padding: 16px 28px 28px; }}
.card {{ background: white; border-radius: 8px; padding: 14px 16px;
        box-shadow: 0 1px 2px rgba(0,0,0,.08); min-width: 0; overflow: hidden; }}
.card.wide {{ grid-column: 1 / -1; }}
.card h2 {{ font-size: 16px; margin: 0 0 2px; }}
.sub {{ margin: 0 0 6px; font-size: 12.5px; color: #555; }}
details {{ margin-top: 6px; font-size: 12.5px; }}
summary {{ cursor: pointer; color: #1f3a5f; }}
table {{ border-collapse: collapse; margin-top: 6px; width: 100%; }}
th, td {{ text-align: left; padding: 3px 8px; border-bottom: 1px solid #eee;
         overflow-wrap: anywhere; }}
th {{ background: #fafafa; }}
td:not(:first-child) {{ font-variant-numeric: tabular-nums; }}
.note {{ color: #555; margin: 4px 0; }}
footer {{ padding: 0 28px 24px; font-size: 12px; color: #666; }}
</style>
<script>{plotly}</script>
</head><body>
<header><h1>{title}</h1><p>Social value findings across the corpus{source}, made {made}.</p>
</header>
<div class="tiles">{tiles}</div>
<main>{cards}</main>
<script>
// each chart takes its card's width once the page is laid out, and again on resizing
function fitCharts() {{
  document.querySelectorAll(".js-plotly-plot").forEach(function (d) {{ Plotly.Plots.resize(d); }});
}}
window.addEventListener("load", fitCharts);
</script>
<footer>Made by svdocs report. Hover a bar for its exact count; open "The numbers" under a chart
for its table. Commitments are those with a finding: the results do not list commitments that
passed every check.</footer>
</body></html>
"""
