"""Inline suppression: a writer says, in the document, why a finding does not apply.

Markdown and HTML, in HTML comments::

    <!-- svdocs-disable RULE-ID: reason -->      ... <!-- svdocs-enable RULE-ID -->
    <!-- svdocs-disable-next-line RULE-ID: reason -->
    <!-- svdocs-disable-file RULE-ID: reason -->

DOCX, in a Word comment on the words concerned: ``svdocs-ignore RULE-ID: reason`` covers the
findings about the sentences it touches (a Word comment ``svdocs-disable-file RULE-ID:
reason`` anywhere covers the whole document).

``RULE-ID`` may be several ids separated by commas, a category (``vague-commitment``) or
``all``. A suppressed finding keeps its place with ``Finding.suppressed`` set to the reason:
it leaves the text and JSON output and shows in SARIF as suppressed with that justification.
A suppression without a reason is not applied and is itself reported
(``suppression-without-reason``); one that names no known rule is reported as
``suppression-unknown-rule``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from svdocs.core.config import LintConfig
from svdocs.core.model import CATEGORIES, Document, Finding, Severity, block_location
from svdocs.core.rules import (
    META_RULE_IDS,
    META_RULES,
    UNKNOWN_RULE,
    WITHOUT_REASON,
)

_DIRECTIVE = re.compile(
    r"^\s*svdocs-(?P<kind>disable-next-line|disable-file|disable|enable|ignore)\b"
    r"(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass
class Directive:
    """One parsed suppression comment."""

    kind: str  # disable, enable, disable-next-line, disable-file, ignore
    rules: tuple[str, ...]  # lower-cased ids, categories or "all"; empty means all (enable only)
    reason: str
    text: str  # the comment text, whitespace collapsed
    line: int | None = None  # first line of the comment (Markdown / HTML)
    end_line: int | None = None  # last line of the comment
    block: int | None = None  # block the comment sits in (DOCX)
    start: int = 0  # covered characters in that block (DOCX)
    end: int = 0

    def matches(self, finding: Finding) -> bool:
        ids = self.rules
        return (not ids or "all" in ids or finding.rule.lower() in ids
                or finding.category.lower() in ids)


def parse_directive(text: str) -> Directive | None:
    """Parse ``svdocs-<kind> RULE-ID[, RULE-ID]: reason``; ``None`` if it is not one."""
    m = _DIRECTIVE.match(text)
    if not m:
        return None
    kind = m.group("kind").lower()
    rest = m.group("rest")
    if rest and not rest[0].isspace() and rest[0] != ":":
        return None  # e.g. "svdocs-disabled": not ours
    ids_part, _, reason = rest.partition(":")
    rules = tuple(r.lower() for r in re.split(r"[\s,]+", ids_part) if r)
    return Directive(kind=kind, rules=rules, reason=" ".join(reason.split()),
                     text=" ".join(text.split()))


def _block_line(doc: Document, index: int) -> int | None:
    if 0 <= index < len(doc.blocks):
        return doc.blocks[index].source.line
    return None


def _text_directives(doc: Document) -> list[Directive]:
    out: list[Directive] = []
    for c in doc.properties.get("html_comments") or []:
        text = str(c.get("text", ""))
        d = parse_directive(text)
        if d is None:
            continue
        line = c.get("line")
        d.line = int(line) if isinstance(line, int) else None
        if d.line is not None:
            d.end_line = d.line + text.count("\n")
        out.append(d)
    return out


def _docx_directives(doc: Document) -> list[Directive]:
    out: list[Directive] = []
    for i, block in enumerate(doc.blocks):
        for c in block.meta.get("comments") or []:
            d = parse_directive(str(c.get("text", "")))
            if d is None or d.kind not in ("ignore", "disable-file"):
                continue
            d.block = i
            d.start = int(c.get("start", 0))
            d.end = int(c.get("end", len(block.text)))
            out.append(d)
    return out


def _problem(rule: str, doc: Document, d: Directive, detail: str,
             config: LintConfig) -> Finding | None:
    setting = config.rules.get(rule)
    if setting == "off":
        return None
    meta = next(r for r in META_RULES if r.id == rule)
    severity = Severity(setting) if setting else meta.severity
    block = d.block if d.block is not None else _nearest_block(doc, d.line)
    return Finding(
        rule=rule,
        category=meta.category,
        severity=severity,
        message=f"{meta.message} {detail}".strip(),
        suggestion=meta.suggestion,
        text=d.text,
        flagged=d.text,
        # the directive's own line; suppression findings carry no page or table
        location=block_location(doc, block, d.start, d.end, line=d.line,
                                column=1 if d.line is not None else None,
                                page=None, table=None),
    )


def _nearest_block(doc: Document, line: int | None) -> int:
    """The first block at or after ``line`` (the one a comment is about), else the last."""
    if line is not None:
        for i, b in enumerate(doc.blocks):
            if b.source.line is not None and b.source.line >= line:
                return i
    return max(len(doc.blocks) - 1, 0)


def _check(d: Directive, doc: Document, config: LintConfig,
           known: set[str] | None) -> tuple[bool, list[Finding]]:
    """Whether ``d`` may be applied, and the problems it has."""
    problems: list[Finding] = []
    if d.kind == "enable":
        return True, problems
    usable = True
    if known is not None:
        names = known | set(CATEGORIES) | {"all"}
        unknown = [r for r in d.rules if r not in names and r not in _lower(known)]
        if unknown or not d.rules:
            what = ", ".join(unknown) if unknown else "(none given)"
            f = _problem(UNKNOWN_RULE, doc, d, f"Unknown: {what}.", config)
            problems += [f] if f else []
            usable = bool(d.rules) and len(unknown) < len(d.rules)
    if not d.reason:
        f = _problem(WITHOUT_REASON, doc, d, "", config)
        problems += [f] if f else []
        usable = False
    return usable, problems


def _lower(ids: Iterable[str]) -> set[str]:
    return {i.lower() for i in ids}


@dataclass
class _Region:
    directive: Directive
    start: int  # lines strictly after this are covered
    end: float = float("inf")  # lines strictly before this are covered


def apply_suppressions(doc: Document, findings: list[Finding], config: LintConfig | None = None,
                       *, known_rules: Iterable[str] | None = None) -> list[Finding]:
    """Mark the findings that the document's suppression comments cover (in place).

    Returns the findings followed by any problems found in the suppressions themselves.
    ``known_rules`` (the ids of the loaded rules) enables the unknown-rule check.
    """
    config = config or LintConfig()
    known = set(known_rules) | set(META_RULE_IDS) if known_rules is not None else None
    problems: list[Finding] = []
    file_wide: list[Directive] = []
    regions: list[_Region] = []
    next_line: list[tuple[Directive, int | None]] = []
    spans: list[Directive] = []

    for d in _text_directives(doc):
        ok, found = _check(d, doc, config, known)
        problems += found
        if d.line is None or d.end_line is None:
            continue  # a comment whose place is unknown cannot cover anything
        end_line = d.end_line
        if d.kind == "enable":
            for r in regions:
                if r.end == float("inf") and (not d.rules or set(r.directive.rules) & set(d.rules)
                                              or "all" in d.rules):
                    r.end = d.line
            continue
        if not ok:
            continue
        if d.kind == "disable-file":
            file_wide.append(d)
        elif d.kind == "disable":
            regions.append(_Region(d, end_line))
        elif d.kind == "disable-next-line":
            target = _next_block_line(doc, end_line)
            next_line.append((d, target))
    for d in _docx_directives(doc):
        ok, found = _check(d, doc, config, known)
        problems += found
        if ok:
            (file_wide if d.kind == "disable-file" else spans).append(d)

    for f in findings:
        if f.suppressed is not None or f.rule in META_RULE_IDS:
            continue
        reason = _reason_for(f, doc, file_wide, regions, next_line, spans)
        if reason is not None:
            f.suppressed = reason
    return [*findings, *problems]


def _next_block_line(doc: Document, after: int) -> int | None:
    lines = [b.source.line for b in doc.blocks
             if b.source.line is not None and b.source.line > after]
    return min(lines) if lines else None


def _reason_for(f: Finding, doc: Document, file_wide: list[Directive], regions: list[_Region],
                next_line: list[tuple[Directive, int | None]],
                spans: list[Directive]) -> str | None:
    for d in file_wide:
        if d.matches(f):
            return d.reason
    idx = f.location.block
    line = _block_line(doc, idx)
    if line is not None:
        for r in regions:
            if r.start < line < r.end and r.directive.matches(f):
                return r.directive.reason
        for d, target in next_line:
            if target is not None and line == target and d.matches(f):
                return d.reason
    for d in spans:
        if d.block == idx and d.matches(f) and _overlaps(_span(f, doc), d):
            return d.reason
    return None


def _span(f: Finding, doc: Document) -> tuple[int, int] | None:
    """Offsets in its block of the sentence a finding is about (the flagged words if the
    sentence cannot be found); ``None`` for a finding about the whole block."""
    loc = f.location
    if loc.end <= loc.start:
        return None
    text = doc.blocks[loc.block].text if 0 <= loc.block < len(doc.blocks) else ""
    sentence = f.text.strip()
    start = text.find(sentence) if sentence else -1
    while start != -1:
        end = start + len(sentence)
        if start <= loc.start < end or start < loc.end <= end:
            return (start, end)
        start = text.find(sentence, start + 1)
    return (loc.start, loc.end)


def _overlaps(span: tuple[int, int] | None, d: Directive) -> bool:
    if span is None:
        return True
    return span[0] < d.end and d.start < span[1]

