"""What the audit finds in one file: its marked segments with their current text, the text
that belongs to no segment, and the rendering inputs the assembly recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FoundSegment:
    """A provenance mark as found in a file, with the text now inside it."""

    kind: str  # "clause", "text" or "kpi-table" (svdocs.writers.marks.KINDS)
    clause_id: str | None
    version: str | None
    recorded_hash: str | None  # the hash written at assembly; None if the record is lost
    paragraphs: list[str] = field(default_factory=list)  # current text, numbers left out
    pending: bool = False  # unaccepted tracked changes inside (DOCX); text read as accepted
    n: int | None = None  # the mark's number (DOCX bookmark), when known


@dataclass
class Outside:
    """A paragraph that belongs to no mark and is not the generated title block or contents."""

    text: str
    after: str | None = None  # the clause id (or "template text") of the last mark before it
    pending: bool = False


@dataclass
class Found:
    """Everything the audit reads from one file."""

    path: str
    format: str  # "docx", "md" or "html"
    segments: list[FoundSegment] = field(default_factory=list)
    outside: list[Outside] = field(default_factory=list)
    inputs: dict[str, Any] | None = None


class Tracker:
    """Assign paragraphs to the mark they are in, or to the outside list."""

    def __init__(self, found: Found) -> None:
        self.found = found
        self.last: str | None = None  # label of the last mark that held text

    def add(self, segment: FoundSegment | None, text: str, pending: bool = False) -> None:
        if not text.strip():
            return
        if segment is None:
            self.found.outside.append(Outside(" ".join(text.split()), self.last, pending))
            return
        segment.paragraphs.append(text)
        segment.pending = segment.pending or pending
        self.last = segment.clause_id or ("KPI table" if segment.kind == "kpi-table"
                                          else "template text")
