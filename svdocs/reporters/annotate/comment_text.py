"""The words of a review comment: rule id, message, suggestion and the clause that fixes it."""

from __future__ import annotations

from svdocs.core.model import Finding

AUTHOR = "svdocs"
INITIALS = "SV"


def comment_text(f: Finding, *, where: str | None = None) -> str:
    """One comment, a paragraph per line (python-docx splits the text on newlines)."""
    lines = [f"[{f.rule}] {f.severity.value}, {f.category}: {f.message}".rstrip()]
    if where:
        quoted = " ".join((f.flagged or f.text).split())
        lines.append(f"Applies to {where}" + (f": \u201c{quoted}\u201d" if quoted else "") + ".")
    if f.suggestion:
        lines.append(f"Suggestion: {f.suggestion}")
    if f.fix_clause:
        lines.append(f"Library clause that fixes it: {f.fix_clause}")
    return "\n".join(" ".join(line.split()) for line in lines)
