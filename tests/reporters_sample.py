"""A small hand-made Report shared by the reporter, annotate and CLI tests (no linter needed)."""

from __future__ import annotations

from svdocs.core.model import (
    Block,
    BlockKind,
    Document,
    Finding,
    Location,
    Severity,
    SourceRef,
    TableRef,
)
from svdocs.core.results import FileResult, Report

MD_TEXT = (
    "# Social value\n"
    "\n"
    "The Supplier shall endeavour to support local employment.\n"
    "\n"
    "The Supplier shall pay the Real Living Wage to all staff on the contract.\n"
)


def md_document(path: str = "tenders/spec.md") -> Document:
    return Document(
        path=path,
        blocks=[
            Block(BlockKind.HEADING, "Social value", level=1, source=SourceRef(line=1, column=1)),
            Block(BlockKind.PARAGRAPH,
                  "The Supplier shall endeavour to support local employment.",
                  heading_path=("Social value",), source=SourceRef(line=3, column=1)),
            Block(BlockKind.PARAGRAPH,
                  "The Supplier shall pay the Real Living Wage to all staff on the contract.",
                  heading_path=("Social value",), source=SourceRef(line=5, column=1)),
        ],
    )


def hedge_finding(path: str = "tenders/spec.md", *, suppressed: str | None = None) -> Finding:
    text = "The Supplier shall endeavour to support local employment."
    start = text.index("endeavour to")
    return Finding(
        rule="hedged-commitment",
        category="vague-commitment",
        severity=Severity.WARNING,
        message="The commitment is hedged, so it cannot be enforced.",
        suggestion="Say what the Supplier shall deliver, how much and by when.",
        text=text,
        flagged="endeavour to",
        location=Location(path=path, block=1, start=start, end=start + len("endeavour to"),
                          heading_path=("Social value",), line=3, column=start + 1),
        fix_clause="local-employment",
        suppressed=suppressed,
        fingerprint="0123456789abcdef",
    )


def consequence_finding(path: str = "tenders/spec.md") -> Finding:
    return Finding(
        rule="no-consequence",
        category="missing-consequence",
        severity=Severity.ERROR,
        message="No consequence of non-delivery covers the social value commitments.",
        suggestion="Add a remedies clause: improvement plan, service credits, termination.",
        text="The Supplier shall pay the Real Living Wage to all staff on the contract.",
        flagged="",
        location=Location(path=path, block=2, start=0, end=0,
                          heading_path=("Social value",), line=5, column=1),
        fix_clause="remedies-escalation",
        fingerprint="fedcba9876543210",
    )


def docx_finding(path: str = "tenders/contract.docx") -> Finding:
    text = "The Contractor will seek to employ local people where possible."
    start = text.index("seek to")
    return Finding(
        rule="hedged-commitment",
        category="vague-commitment",
        severity=Severity.WARNING,
        message="The commitment is hedged, so it cannot be enforced.",
        suggestion="Say what the Contractor shall deliver, how much and by when.",
        text=text,
        flagged="seek to",
        location=Location(path=path, block=4, start=start, end=start + 7,
                          heading_path=("Schedule 3", "Social value"), clause="4.2(b)",
                          paragraph=12, table=None),
        fix_clause="local-employment",
        fingerprint="aaaaaaaaaaaaaaaa",
    )


def info_finding(path: str = "tenders/contract.docx") -> Finding:
    return Finding(
        rule="imperatives-coverage",
        category="coverage",
        severity=Severity.INFO,
        message="3 of the 10 social value imperatives are covered.",
        suggestion="Consider the selection questions for the others.",
        text="",
        location=Location(path=path, block=0, table=TableRef(0, 1, 2)),
        fingerprint="bbbbbbbbbbbbbbbb",
    )


def sample_report(*, with_error: bool = True, keep_documents: bool = True) -> Report:
    md = FileResult(
        path="tenders/spec.md",
        findings=[hedge_finding(), consequence_finding(),
                  hedge_finding(suppressed="Agreed with legal: aspiration only")],
        document=md_document() if keep_documents else None,
    )
    docx = FileResult(path="tenders/contract.docx", findings=[docx_finding(), info_finding()])
    files = [md, docx]
    if with_error:
        files.append(FileResult(path="tenders/old.doc",
                                error="legacy .doc format: open it in Word and save as .docx"))
    return Report(files=files)
