"""Everything the web application asks of svdocs, in one module: the same library calls the
CLI makes (``svdocs.api`` for linting and assembly, the reporters, the annotator, baselines,
the rules and the clause library). There is no second linter here.

Linting runs one request at a time per process (:data:`LINT_LOCK`): the language pipeline is
built once and shared, and it is not meant to be used by two threads at once.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any

from svdocs import api, reporters, writers
from svdocs.assembly.brief import BRIEF_SCHEMA
from svdocs.assembly.output import COMMITMENTS_FILE, NOTE_FORMATS
from svdocs.core.config import LintConfig
from svdocs.core.errors import InputError
from svdocs.core.limits import Limits
from svdocs.core.model import Document, Finding, Location, Severity, TableRef
from svdocs.core.results import FileResult, Report
from svdocs.core.rules import load_rules
from svdocs.library import SAMPLE_BRIEF, load_library
from svdocs.library.loader import default_values
from svdocs.readers import read_bytes
from svdocs.reporters import json_report, rule_metadata
from svdocs.reporters.annotate import annotate_bytes
from svdocs.reporters.annotate import reviewed_name as named
from svdocs.workflow.baseline import baseline_data
from svdocs.workflow.batch import lint_document as run

LINT_LOCK = threading.Lock()
SCOPES = ("social-value", "all")


# --------------------------------------------------------------------------- uploads


def upload_limits() -> Limits:
    """The limits every upload is read with: the CLI's (``SVDOCS_MAX_...`` raise them)."""
    return Limits.default()


def safe_name(name: str | None) -> str:
    """An upload's name as shown to people: its last path component, printable, at most 200
    characters. It is never used as a path."""
    raw = (name or "").replace("\\", "/")
    base = PurePath(raw).name if raw else ""
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    if len(cleaned) > 200:
        stem, dot, ext = cleaned.rpartition(".")
        cleaned = (stem[: 190] + dot + ext[:9]) if dot else cleaned[:200]
    return cleaned or "upload.txt"


def extension(name: str) -> str:
    return PurePath(name).suffix.lower()


def config_for(scope: str | None) -> LintConfig:
    if scope is not None and scope not in SCOPES:
        raise InputError(f"unknown scope {scope!r} (use {' or '.join(SCOPES)})")
    return LintConfig(scope=scope or "social-value")


def read_upload(name: str, data: bytes) -> Document:
    """Read an upload like a CLI input: :class:`InputError` (or its subclass
    :class:`~svdocs.core.errors.LimitExceeded`) for anything unreadable or too large."""

    return read_bytes(data, extension(name) or ".txt", path=name, limits=upload_limits())


def lint_uploads(files: Sequence[tuple[str, bytes]], scope: str | None = None, *,
                 keep_documents: bool = False) -> Report:
    """Lint uploads as ``svdocs lint`` lints files of the same names and bytes."""
    config = config_for(scope)
    report = Report()
    for name, data in files:
        with LINT_LOCK:
            one = api.lint_bytes(data, name, config=config, keep_documents=keep_documents)
        report.files.extend(one.files)
    return report


def lint_document(doc: Document, scope: str | None) -> tuple[list[Finding], list[Any]]:
    """Findings (suppressions applied, fingerprinted) and recovered commitments of a read
    Document."""
    config = config_for(scope)

    with LINT_LOCK:
        findings = run(doc, config)
        commitments = api.commitments(doc, config=config)
    return findings, commitments


# --------------------------------------------------------------------------- reports


def report_data(report: Report) -> dict[str, Any]:
    """The JSON report, as ``svdocs lint --format json`` prints it."""

    return json_report.report_data(report)


def render_report(report: Report, fmt: str) -> str:

    rules = rule_metadata() if fmt in ("sarif", "html") else None
    return reporters.render(report, fmt, rules=rules)


def finding_from_dict(data: Mapping[str, Any]) -> Finding:
    """A Finding again from :meth:`Finding.to_dict` (as stored with a review)."""
    loc = dict(data["location"])
    table = loc.pop("table", None)
    loc["heading_path"] = tuple(loc.get("heading_path") or ())
    location = Location(**loc, table=TableRef(**table) if table else None)
    return Finding(
        rule=data["rule"], category=data["category"], severity=Severity(data["severity"]),
        message=data["message"], suggestion=data.get("suggestion") or "",
        text=data.get("text") or "", location=location, flagged=data.get("flagged") or "",
        fix_clause=data.get("fix_clause"), suppressed=data.get("suppressed"),
        fingerprint=data.get("fingerprint") or "")


@dataclass
class DecidedFinding:
    """A finding with the reviewer's latest decision on it, if any."""

    finding: Finding
    action: str | None = None  # "dismiss", "accept" or None (open)
    reason: str | None = None
    reviewer: str | None = None
    when: dt.datetime | None = None


def decided(finding: Finding, action: str | None, reason: str | None, reviewer: str | None,
            when: dt.datetime | None) -> Finding:
    """The finding as the downloads show it: dismissed is a suppression with its reason (as an
    inline ``svdocs: ignore`` would be), accepted says who accepted it."""
    if action == "dismiss":
        stamp = f" ({reviewer}, {when:%Y-%m-%d})" if reviewer and when else ""
        return replace(finding, suppressed=f"{reason or 'dismissed'}{stamp}")
    if action == "accept" and reviewer:
        return replace(finding, message=f"{finding.message} [accepted by {reviewer}]")
    return finding


def reviewed_report(entries: Iterable[tuple[str, list[Finding], Document | None]]) -> Report:
    return Report(files=[FileResult(path=name, findings=list(findings), document=doc)
                         for name, findings, doc in entries])


def annotate(data: bytes, findings: Sequence[Finding], document: Document) -> bytes:
    """The reviewed DOCX: findings (not dismissed ones) as Word comments."""

    return annotate_bytes(data, findings, document).data


def reviewed_name(name: str) -> str:

    return named(name)


def baseline_json(report: Report) -> str:
    """A baseline file recording ``report``'s active findings under their file names, for
    ``svdocs lint --baseline`` run next to the documents."""


    relative = Report(files=[replace(fr, path=PurePath(fr.path).name) for fr in report.files])
    return json.dumps(baseline_data(relative, Path(".")), indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- rules, clauses


@lru_cache(maxsize=1)
def rules() -> tuple[Any, ...]:

    return tuple(load_rules())


def rule(rule_id: str) -> Any | None:
    return next((r for r in rules() if r.id == rule_id), None)


@lru_cache(maxsize=1)
def library() -> Any:

    return load_library(None)


@lru_cache(maxsize=256)
def clause_text(clause_id: str) -> str | None:
    """A library clause's text rendered with its default values (as ``svdocs clauses show``)."""

    lib = library()
    if clause_id not in lib:
        return None
    clause = lib.get(clause_id)
    try:
        return str(clause.render_body(default_values(clause), SAMPLE_BRIEF, None)).strip()
    except Exception:  # a clause that needs a value the sample brief lacks: show its template
        return str(clause.body_source(None)).strip()


def clause_summary(clause: Any) -> dict[str, Any]:
    return {
        "id": clause.id, "title": clause.title, "version": clause.version,
        "theme": clause.theme, "stages": list(clause.stages), "cycle": list(clause.cycle),
        "jurisdictions": list(clause.jurisdictions),
        "contract_kinds": list(clause.contract_kinds), "policy": dict(clause.policy),
        "source": clause.source, "reviewed": clause.reviewed,
    }


def clause_detail(clause: Any) -> dict[str, Any]:
    data = clause_summary(clause)
    data.update({
        "text": clause_text(clause.id),
        "guidance": clause.guidance,
        "variables": {n: {"type": v.type, "description": v.description,
                          "default": v.default, "required": bool(v.required)}
                      for n, v in clause.variables.items()},
        "alternatives": [{"id": a.id, "title": a.title, "weak": a.weak}
                         for a in clause.alternatives],
        "requires": list(clause.requires),
    })
    return data


# --------------------------------------------------------------------------- assembly


def brief_schema() -> dict[str, Any]:

    return BRIEF_SCHEMA


def assemble(brief: Mapping[str, Any]) -> Any:
    """Assemble a brief given as a mapping; :class:`~svdocs.core.errors.ValidationError` lists
    every problem."""
    return api.assemble(brief)


def assembly_files(result: Any, formats: Sequence[str] = ("docx", "md", "html")
                   ) -> dict[str, bytes]:
    """``{file name: bytes}`` for every document in every format plus ``commitments.json``,
    exactly what ``svdocs assemble`` writes."""

    files: dict[str, bytes] = {}
    for kind, doc in result.documents.items():
        for fmt in formats:
            notes = result.with_notes and fmt in NOTE_FORMATS
            files[f"{result.file_stems[kind]}{writers.extension(fmt)}"] = writers.render(
                doc, fmt, notes=notes)
    commitments = json.dumps(result.commitments_data(), indent=2, ensure_ascii=False,
                             default=str)
    files[COMMITMENTS_FILE] = (commitments + "\n").encode("utf-8")
    return files


def zip_files(files: Mapping[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in files.items():
            out.writestr(name, data)
    return buf.getvalue()


def preview_html(result: Any, kind: str) -> bytes:

    return bytes(writers.render(result.documents[kind], "html", notes=result.with_notes))
