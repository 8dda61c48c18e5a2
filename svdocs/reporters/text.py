"""The text report: findings grouped by file, each with its excerpt and advice, then a summary.

::

    tenders/spec.md
      tenders/spec.md:12:17  warning  vague-commitment  hedged-commitment
        The Supplier shall >>endeavour to<< recruit local people.
        A hedge turns the commitment into an intention that cannot be enforced.
        Suggestion: State what the Supplier shall do, how much and by when.
        Fix clause: local-employment

    2 files, 1 finding (0 errors, 1 warning, 0 info); vague-commitment 1, ...

Flagged words are shown between ``>>`` and ``<<``; with colour (a terminal, NO_COLOR unset)
they are shown in bold red instead, and severities are coloured.
"""

from __future__ import annotations

from pathlib import Path

import click

from svdocs.core.model import CATEGORIES, Finding, Severity
from svdocs.core.results import Report
from svdocs.reporters.common import excerpt, flag_span, format_location
from svdocs.reporters.pack import location_text, pack_text

MARK_OPEN = ">>"
MARK_CLOSE = "<<"
_SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(report: Report) -> str:
    """One line that sums up a report (files, findings by severity and by category)."""
    s = report.summary()
    sev = s["by_severity"]
    parts = [
        _plural(s["files"], "file"),
        f"{_plural(s['findings'], 'finding')} ({_plural(sev['error'], 'error')}, "
        f"{_plural(sev['warning'], 'warning')}, {sev['info']} info)",
    ]
    line = ", ".join(parts)
    cats = ", ".join(f"{c} {s['by_category'].get(c, 0)}" for c in CATEGORIES)
    line += f"; {cats}"
    if s["suppressed"]:
        line += f"; {s['suppressed']} suppressed"
    if s.get("baselined"):
        line += f"; {s['baselined']} in the baseline"
    if s["files_with_errors"]:
        line += f"; {_plural(s['files_with_errors'], 'file')} could not be read"
    return line


def explanation(f: Finding) -> list[str]:
    """The lines ``--explain`` adds under a finding."""
    lines: list[str] = []
    parts = f.properties.get("commitment")
    if parts:
        lines.append("    Understood:")
        for name, part in parts.items():
            label = name.replace("_", " ")
            if part.get("found"):
                where = part.get("where", "")
                lines.append(f"      {label}: {' '.join(str(part.get('text', '')).split())[:90]}"
                             f" ({where})")
            else:
                lines.append(f"      {label}: missing")
    listed = f.properties.get("commitments")
    if listed:
        scope = f.properties.get("scope") or "the document"
        lines.append(f"    Commitments in {scope} with no consequence that covers them:")
        for item in listed:
            text = " ".join(item["text"].split())
            clause = item.get("clause") or ""
            cited = f"{clause} " if clause and not text.startswith(clause) else ""
            lines.append(f"      - {cited}{text[:100]}")
    return lines


def render_text(report: Report, *, color: bool = False, root: Path | None = None,
                explain: bool = False) -> str:
    """The text report as one string (ANSI colour codes only when ``color``); ``explain``
    adds what the linter understood of each commitment (its parts, found where or missing)
    and the commitments a finding about a scope concerns."""
    def style(text: str, **kw: object) -> str:
        return click.style(text, **kw) if color else text  # type: ignore[arg-type]

    out: list[str] = []
    for fr in report.files:
        active = fr.active
        if fr.error is not None:
            out.append(style(fr.path, bold=True))
            out.append(f"  {style('error', fg='red', bold=True)}: {fr.error}")
            out.append("")
            continue
        if not active and not fr.warnings:
            continue
        out.append(style(fr.path, bold=True))
        for w in fr.warnings:
            out.append(f"  note: {w}")
        for f in active:
            where = format_location(f, root)
            sev = style(f.severity.value, fg=_SEVERITY_COLOURS[f.severity], bold=True)
            out.append(f"  {where}  {sev}  {f.category}  {style(f.rule, dim=True)}")
            text, span = excerpt(f.text, flag_span(f, fr.document))
            if span is not None:
                a, b = span
                flagged = (style(text[a:b], fg="red", bold=True, underline=True) if color
                           else f"{MARK_OPEN}{text[a:b]}{MARK_CLOSE}")
                text = text[:a] + flagged + text[b:]
            if text:
                out.append(f"    {text}")
            if f.message:
                out.append(f"    {f.message}")
            if f.suggestion:
                out.append(f"    Suggestion: {f.suggestion}")
            if f.fix_clause:
                out.append(f"    Fix clause: {f.fix_clause}")
            for loc in f.related:
                out.append(f"    See also: {location_text(loc, root)}")
            if explain:
                out.extend(explanation(f))
        out.append("")
    if report.pack is not None:
        out += pack_text(report.pack, root)
    if not report.findings and not report.errors:
        out.append("No findings.")
    out.append(summary_line(report))
    return "\n".join(out) + "\n"
