"""The audit report as text, JSON (``{"files": [{"path", "clauses": [...]}]}``) or HTML."""

from __future__ import annotations

import json
from html import escape

from svdocs.audit.compare import Change, FileAudit

FORMATS = ("text", "json", "html")


def _diff_line(change: Change) -> str:
    """``... before [-removed-]{+added+} after ...`` (wdiff style)."""
    parts = []
    if change.before:
        parts.append(f"...{change.before}")
    if change.removed:
        parts.append(f"[-{change.removed}-]")
    if change.added:
        parts.append(f"{{+{change.added}+}}")
    if change.after:
        parts.append(f"{change.after}...")
    return " ".join(parts)


def render_text(files: list[FileAudit]) -> str:
    lines: list[str] = []
    for f in files:
        counts = ", ".join(f"{n} {s}" for s, n in f.counts().items() if n)
        lines.append(f"{f.path}: {len(f.clauses)} clause(s): {counts or 'none'}")
        for c in f.clauses:
            extra = ""
            if c.outdated:
                extra = f" (library has {c.library_version})"
            if c.pending_changes:
                extra += " [pending tracked changes]"
            lines.append(f"  {c.status:<9} {c.id}@{c.version or '?'}{extra}")
            for ch in c.changes:
                lines.append(f"      edit: {_diff_line(ch)}")
            for ch in c.library_changes:
                lines.append(f"      library {c.version} -> {c.library_version}: "
                             f"{_diff_line(ch)}")
            for note in c.notes:
                lines.append(f"      note: {note}")
        for g in f.generated:
            if g.status != "unchanged":
                where = f" after {g.after}" if g.after else ""
                lines.append(f"  {g.status:<9} {g.kind}{where}: {g.text[:200]}")
        for o in f.outside:
            where = f"after {o['after']}" if o["after"] else "before the first clause"
            lines.append(f"  outside   text in no clause ({where}): {o['text'][:200]}")
    failed = sum(f.failed for f in files)
    lines.append(f"{len(files)} file(s) audited, {failed} with edited or outdated clauses")
    return "\n".join(lines) + "\n"


def render_json(files: list[FileAudit]) -> str:
    return json.dumps({"files": [f.to_dict() for f in files]}, indent=2,
                      ensure_ascii=False) + "\n"


_STYLE = """
body { font-family: Arial, "Liberation Sans", sans-serif; max-width: 60rem; margin: 2rem auto;
  padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1.5rem; }
th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #dbe3f0; }
.unchanged { color: #225522; } .edited, .outdated, .unknown { font-weight: bold; }
.edited { color: #8a1c1c; } .outdated { color: #7a4d00; } .unknown { color: #444; }
del { background: #fbdada; } ins { background: #d8f3d8; text-decoration: none; }
""".strip()


def _diff_html(change: Change) -> str:
    out = []
    if change.before:
        out.append(f"…{escape(change.before)} ")
    if change.removed:
        out.append(f"<del>{escape(change.removed)}</del> ")
    if change.added:
        out.append(f"<ins>{escape(change.added)}</ins> ")
    if change.after:
        out.append(f"{escape(change.after)}…")
    return "".join(out)


def render_html(files: list[FileAudit]) -> str:
    out = ["<!doctype html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
           "<title>svdocs provenance audit</title>", f"<style>\n{_STYLE}\n</style>", "</head>",
           "<body>", "<h1>Provenance audit</h1>"]
    for f in files:
        out.append(f"<h2>{escape(f.path)}</h2>")
        out.append("<table><thead><tr><th scope=\"col\">Clause</th><th scope=\"col\">Version"
                   "</th><th scope=\"col\">Status</th><th scope=\"col\">What changed</th>"
                   "</tr></thead><tbody>")
        for c in f.clauses:
            detail = [f"<div>{_diff_html(ch)}</div>" for ch in c.changes]
            detail += [f"<div>library {escape(c.version or '?')} → "
                       f"{escape(c.library_version or '?')}: {_diff_html(ch)}</div>"
                       for ch in c.library_changes]
            detail += [f"<div><em>{escape(n)}</em></div>" for n in c.notes]
            out.append(f"<tr><td>{escape(c.id or '?')}</td><td>{escape(c.version or '?')}</td>"
                       f'<td class="{c.status}">{c.status}</td><td>{"".join(detail)}</td></tr>')
        out.append("</tbody></table>")
        others = [(g.kind + (f" after {g.after}" if g.after else ""), g.text)
                  for g in f.generated if g.status != "unchanged"]
        others += [("text in no clause" + (f" after {o['after']}" if o["after"] else ""),
                    o["text"]) for o in f.outside]
        if others:
            out.append("<h3>Text that belongs to no library clause</h3><ul>")
            out += [f"<li><strong>{escape(k)}</strong>: {escape(t)}</li>" for k, t in others]
            out.append("</ul>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def render(files: list[FileAudit], fmt: str) -> str:
    return {"text": render_text, "json": render_json, "html": render_html}[fmt](files)
