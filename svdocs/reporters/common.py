"""Helpers every reporter shares: where a finding is, which words it flags, rule metadata."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from svdocs.core.model import Document, Finding, Location, Severity

#: File extensions whose findings carry a line and column.
TEXT_EXTENSIONS = frozenset({".md", ".markdown", ".txt", ".text", ".html", ".htm"})
#: Separator between the parts of a structured location ("path › heading › clause 4.2(b)").
SEP = " › "


@dataclass(frozen=True)
class RuleInfo:
    """What a reporter needs to know about a rule (a lint ``Rule`` or a finding's own data)."""

    id: str
    name: str
    category: str
    severity: Severity
    message: str
    rationale: str = ""
    suggestion: str = ""
    fix_clause: str | None = None


def _severity(value: Any) -> Severity:
    if isinstance(value, Severity):
        return value
    try:
        return Severity(str(getattr(value, "value", value)).lower())
    except ValueError:
        return Severity.WARNING


def rule_info(rule: Any) -> RuleInfo:
    """A :class:`RuleInfo` from any object with a rule's attributes (``id``, ``message``...)."""
    def text(name: str) -> str:
        value = getattr(rule, name, "") or ""
        return " ".join(str(value).split())

    rid = str(rule.id)
    return RuleInfo(
        id=rid,
        name=text("name") or rid,
        category=text("category") or "other",
        severity=_severity(getattr(rule, "severity", Severity.WARNING)),
        message=text("message"),
        rationale=text("rationale"),
        suggestion=text("suggestion"),
        fix_clause=getattr(rule, "fix_clause", None) or None,
    )


def collect_rules(findings: Iterable[Finding],
                  rules: Sequence[Any] | None = None) -> list[RuleInfo]:
    """Rule metadata for ``rules`` (in their order) plus any rule a finding names that is not
    among them (described from the finding itself), so every finding has its rule."""
    out: dict[str, RuleInfo] = {}
    for rule in rules or ():
        info = rule_info(rule)
        out.setdefault(info.id, info)
    for f in findings:
        if f.rule not in out:
            out[f.rule] = RuleInfo(
                id=f.rule, name=f.rule, category=f.category, severity=f.severity,
                message=f.message, suggestion=f.suggestion, fix_clause=f.fix_clause,
            )
    return list(out.values())


def is_text_format(path: str) -> bool:
    return PurePath(path).suffix.lower() in TEXT_EXTENSIONS


def display_path(path: str, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (default: the working folder) when it lies inside it."""
    p = Path(path)
    if not p.is_absolute():
        return p.as_posix()
    base = (root or Path.cwd()).resolve()
    try:
        return p.resolve().relative_to(base).as_posix()
    except (ValueError, OSError):
        return p.as_posix()


def outline_parts(loc: Location) -> list[str]:
    """Heading path, part, table cell, page and clause number of a structured location."""
    parts = [" ".join(h.split()) for h in loc.heading_path if h.strip()]
    if loc.part and loc.part != "body":
        parts.append(loc.part)
    if loc.page is not None:
        parts.append(f"page {loc.page}")
    if loc.table is not None:
        # the cell as the reader sees it (merged cells once), not the grid column
        col = loc.table.cell if loc.table.cell is not None else loc.table.col
        parts.append(f"table {loc.table.table + 1}, row {loc.table.row + 1}, "
                     f"column {col + 1}")
    if loc.clause:
        parts.append(f"clause {loc.clause}")
    elif loc.paragraph is not None and not parts:
        parts.append(f"paragraph {loc.paragraph + 1}")
    return parts


def format_location(finding: Finding, root: Path | None = None) -> str:
    """``path:line:col`` for text formats, ``path › heading path › clause 4.2(b)`` otherwise."""
    loc = finding.location
    path = display_path(loc.path, root)
    if loc.line is not None:
        col = loc.column if loc.column is not None else 1
        return f"{path}:{loc.line}:{col}"
    return SEP.join([path, *outline_parts(loc)])


def block_of(finding: Finding, doc: Document | None) -> str | None:
    """The text of the block a finding points into, if the document was kept."""
    if doc is None:
        return None
    idx = finding.location.block
    if 0 <= idx < len(doc.blocks):
        return doc.blocks[idx].text
    return None


def flag_span(finding: Finding, doc: Document | None = None) -> tuple[int, int] | None:
    """Where the flagged words sit inside ``finding.text`` as ``(start, end)``, or ``None``.

    With the document, the block offsets of the location are mapped into the sentence;
    without it (or when they do not agree) the flagged words are looked up in the sentence.
    """
    text = finding.text
    loc = finding.location
    block = block_of(finding, doc)
    if block is not None and 0 <= loc.start < loc.end <= len(block):
        sent_at = block.find(text) if text else -1
        if sent_at >= 0 and sent_at <= loc.start and loc.end <= sent_at + len(text):
            return loc.start - sent_at, loc.end - sent_at
    flagged = finding.flagged.strip()
    if flagged:
        at = text.lower().find(flagged.lower())
        if at >= 0:
            return at, at + len(flagged)
    return None


def excerpt(text: str, span: tuple[int, int] | None,
            width: int = 320) -> tuple[str, tuple[int, int] | None]:
    """Shorten ``text`` to about ``width`` characters around ``span``, keeping the span whole.

    Returns the excerpt and the span's place in it. Whitespace runs become single spaces.
    """
    if span is None:
        flat = " ".join(text.split())
        if len(flat) > width:
            flat = flat[: width - 1].rstrip() + "…"
        return flat, None
    before, middle, after = text[: span[0]], text[span[0]: span[1]], text[span[1]:]
    before = " ".join(before.split()) + (" " if before[-1:].isspace() else "")
    middle = " ".join(middle.split())
    after = (" " if after[:1].isspace() else "") + " ".join(after.split())
    room = max(width - len(middle), 40)
    keep_before = min(len(before), room // 2)
    keep_after = min(len(after), room - keep_before)
    keep_before = min(len(before), room - keep_after)
    if keep_before < len(before):
        before = "…" + before[len(before) - keep_before + 1:]
    if keep_after < len(after):
        after = after[: max(keep_after - 1, 0)] + "…"
    before = before.lstrip()
    return before + middle + after.rstrip(), (len(before), len(before) + len(middle))
