"""Judge each marked clause against the library: unchanged, edited, outdated or unknown.

- ``edited``: the text in the file no longer hashes to what was recorded at assembly. The
  word diff is against the library text of the clause's version rendered again with the
  values the assembly recorded (``svdocs:inputs``), checked against the recorded hash.
- ``outdated``: the library has a newer version than the one marked; what changed there is
  the word diff between the marked version and the library's, both rendered with the same
  values (earlier versions come from the clause's ``history``; docs/audit.md).
- ``unknown``: the clause id is not in the library (or the mark's record is lost).

A clause both edited and outdated is reported ``edited`` with ``outdated: true``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from svdocs.audit.found import Found, FoundSegment
from svdocs.core.markdown_blocks import BlockBuilder, Counters
from svdocs.library.clause import Clause
from svdocs.library.loader import Library
from svdocs.library.sandbox import TemplateError, render_string, tidy
from svdocs.library.variables import VariableError
from svdocs.writers.marks import normalise, text_hash

STATUSES = ("unchanged", "edited", "outdated", "unknown")
CONTEXT_WORDS = 6


@dataclass
class Change:
    """One place where two texts differ, with a few words either side."""

    removed: str
    added: str
    before: str = ""
    after: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"removed": self.removed, "added": self.added, "before": self.before,
                "after": self.after}


@dataclass
class ClauseAudit:
    id: str | None
    version: str | None
    status: str
    library_version: str | None = None
    edited: bool = False
    outdated: bool = False
    pending_changes: bool = False
    changes: list[Change] = field(default_factory=list)  # what the edit changed
    library_changes: list[Change] = field(default_factory=list)  # what the library changed
    notes: list[str] = field(default_factory=list)
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "status": self.status,
                "library_version": self.library_version, "edited": self.edited,
                "outdated": self.outdated, "pending_changes": self.pending_changes,
                "changes": [c.to_dict() for c in self.changes],
                "library_changes": [c.to_dict() for c in self.library_changes],
                "notes": list(self.notes)}


@dataclass
class GeneratedAudit:
    """Template text or the KPI table: unchanged or edited (no library text to diff)."""

    kind: str
    status: str
    text: str
    after: str | None = None
    pending_changes: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "status": self.status, "text": self.text,
                "after": self.after, "pending_changes": self.pending_changes}


@dataclass
class FileAudit:
    path: str
    format: str
    clauses: list[ClauseAudit] = field(default_factory=list)
    generated: list[GeneratedAudit] = field(default_factory=list)
    outside: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(c.edited or c.outdated for c in self.clauses)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for c in self.clauses:
            out[c.status] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "format": self.format, "counts": self.counts(),
                "clauses": [c.to_dict() for c in self.clauses],
                "generated": [g.to_dict() for g in self.generated if g.status != "unchanged"],
                "outside": list(self.outside)}


def word_changes(old: str, new: str) -> list[Change]:
    """Where ``new`` differs from ``old``, word by word."""
    a, b = normalise(old).split(), normalise(new).split()
    out: list[Change] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        out.append(Change(" ".join(a[i1:i2]), " ".join(b[j1:j2]),
                          " ".join(a[max(0, i1 - CONTEXT_WORDS):i1]),
                          " ".join(a[i2:i2 + CONTEXT_WORDS])))
    return out


def _semver(version: str | None) -> tuple[int, ...] | None:
    try:
        return tuple(int(p) for p in (version or "").split("-")[0].split("."))
    except ValueError:
        return None


def clause_text(clause: Clause, version: str, inputs: dict[str, Any] | None) -> str | None:
    """The normalised text of ``clause`` at ``version`` as an assembly with ``inputs`` would
    have written it (title and body, no numbers), or ``None`` if it cannot be rebuilt."""
    if inputs is None:
        return None
    source = clause.version_body(version)
    record = (inputs.get("clauses") or {}).get(clause.id)
    if source is None or not isinstance(record, dict):
        return None
    alternative = record.get("alternative")
    if alternative:
        if version != clause.version:
            return None  # the history keeps the main body only
        alt = clause.alternative(str(alternative))
        if alt is None:
            return None
        source = alt.body
    given = record.get("values") or {}
    try:
        values = clause.values(given)
    except VariableError:
        values = dict(given)
    title = clause.title
    if version != clause.version:
        entry = next((h for h in clause.history if str(h.get("version")) == version), {})
        title = str(entry.get("title") or title)
    try:
        body = tidy(render_string(source, {**values, "brief": inputs.get("brief") or {}}))
    except TemplateError:
        return None
    blocks = BlockBuilder(Counters()).clause(title, body, {})
    return normalise(" ".join(b.text for b in blocks))


def judge(segment: FoundSegment, library: Library, inputs: dict[str, Any] | None) -> ClauseAudit:
    current = normalise(" ".join(segment.paragraphs))
    now_hash = text_hash([current])
    audit = ClauseAudit(segment.clause_id, segment.version, "unknown",
                        pending_changes=segment.pending, text=current)
    clause = library.clauses.get(segment.clause_id or "")
    if clause is None:
        audit.notes.append(f"clause '{segment.clause_id}' is not in the library"
                           if segment.clause_id else "the mark names no clause")
        return audit
    audit.library_version = clause.version
    if segment.recorded_hash is None or segment.version is None:
        audit.notes.append("the mark's record (version and hash) is missing")
        return audit
    audit.edited = now_hash != segment.recorded_hash
    mine, theirs = _semver(segment.version), _semver(clause.version)
    audit.outdated = bool(mine and theirs and mine < theirs)
    if mine and theirs and mine > theirs:
        audit.notes.append(f"version {segment.version} is newer than the library's "
                           f"{clause.version}")
    original = clause_text(clause, segment.version, inputs)
    if original is not None and text_hash([original]) != segment.recorded_hash:
        audit.notes.append(f"the library's text of version {segment.version} is not the text "
                           "that was assembled (changed without a new version?)")
        original = None
    if audit.edited:
        if original is None:
            audit.notes.append("the assembled text cannot be rebuilt from the library, so the "
                               "edit cannot be shown word by word")
        else:
            audit.changes = word_changes(original, current)
    if audit.outdated:
        newer = clause_text(clause, clause.version, inputs)
        if original is None or newer is None:
            source = clause.version_body(segment.version)
            if source is None:
                audit.notes.append(f"the library keeps no text of version {segment.version}")
            else:
                audit.library_changes = word_changes(source, clause.body)
        else:
            audit.library_changes = word_changes(original, newer)
    audit.status = "edited" if audit.edited else "outdated" if audit.outdated else "unchanged"
    if segment.pending:
        audit.notes.append("the clause has tracked changes not yet accepted; it was read as "
                           "if they were accepted")
    return audit


def audit_found(found: Found, library: Library) -> FileAudit:
    result = FileAudit(found.path, found.format)
    last: str | None = None
    for seg in found.segments:
        if seg.kind == "clause":
            result.clauses.append(judge(seg, library, found.inputs))
            last = seg.clause_id
            continue
        text = normalise(" ".join(seg.paragraphs))
        status = "unchanged" if seg.recorded_hash == text_hash([text]) else "edited"
        result.generated.append(GeneratedAudit(seg.kind, status, text, last, seg.pending))
    result.outside = [{"text": o.text, "after": o.after, "pending_changes": o.pending}
                      for o in found.outside]
    return result
