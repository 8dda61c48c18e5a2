"""SARIF 2.1.0 output for code-scanning tools (GitHub, Azure DevOps, VS Code SARIF viewer).

One run whose ``tool.driver.rules`` describes every rule (id, name, short and full
description, help with rationale and suggestion, default level) and whose results carry
``ruleId``/``ruleIndex``, ``level``, ``message``, a location and
``partialFingerprints["svdocs/v1"]``:

- text formats (Markdown, text, HTML): ``physicalLocation`` with a relative ``uri`` and a
  ``region`` (``startLine``, ``startColumn``, ``endLine``/``endColumn`` when the flagged words
  sit on one line; columns count Unicode code points);
- DOCX and PDF: the ``physicalLocation`` names the file and a ``logicalLocation`` gives the
  clause number and heading path (``fullyQualifiedName`` "Heading › Sub-heading › clause 4.2");
  the paragraph index, part and character offsets within the paragraph are in the location's
  ``properties``, since a Word file has no lines.

Suppressed findings are reported with ``suppressions: [{"kind": "inSource", "justification"}]``.
Files that could not be read become ``toolExecutionNotifications`` and make
``executionSuccessful`` false.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from svdocs._version import __version__
from svdocs.core.model import Finding, Location, Severity
from svdocs.core.results import Report
from svdocs.reporters.common import SEP, RuleInfo, collect_rules, display_path, outline_parts

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "svdocs/v1"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif_level(severity: Severity) -> str:
    return _LEVELS[severity]


def artifact_uri(path: str, root: Path | None = None) -> str:
    """A relative URI (``tenders/spec%20v2.docx``) when the file is under ``root``, else a
    ``file://`` URI."""
    shown = display_path(path, root)
    if Path(shown).is_absolute():
        return Path(shown).as_uri()
    return quote(shown, safe="/-_.~")


def _rule_descriptor(info: RuleInfo) -> dict[str, Any]:
    full = " ".join(p for p in (info.message, info.rationale) if p) or info.name
    help_lines = [info.message] if info.message else []
    if info.rationale:
        help_lines.append(f"Why: {info.rationale}")
    if info.suggestion:
        help_lines.append(f"Suggestion: {info.suggestion}")
    if info.fix_clause:
        help_lines.append(f"Library clause that fixes it: {info.fix_clause}")
    help_text = "\n".join(help_lines) or info.name
    descriptor: dict[str, Any] = {
        "id": info.id,
        "name": info.name,
        "shortDescription": {"text": info.message or info.name},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": "\n\n".join(help_lines) or info.name},
        "defaultConfiguration": {"level": sarif_level(info.severity)},
        "properties": {"category": info.category, "tags": ["social-value", info.category]},
    }
    if info.fix_clause:
        descriptor["properties"]["fix_clause"] = info.fix_clause
    return descriptor


def _location(f: Finding, root: Path | None) -> dict[str, Any]:
    return _place(f.location, f.flagged, root)


def _place(loc: Location, flagged: str, root: Path | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(loc.path, root)}}
    location: dict[str, Any] = {"physicalLocation": physical}
    length = max(loc.end - loc.start, 0)
    if loc.line is not None:
        region: dict[str, Any] = {"startLine": max(loc.line, 1),
                                  "startColumn": max(loc.column or 1, 1)}
        if length and "\n" not in flagged:
            region["endLine"] = region["startLine"]
            region["endColumn"] = region["startColumn"] + length
        if flagged:
            region["snippet"] = {"text": flagged}
        physical["region"] = region
    else:
        parts = outline_parts(loc)
        if parts:
            logical: dict[str, Any] = {
                "name": f"clause {loc.clause}" if loc.clause else parts[-1],
                "fullyQualifiedName": SEP.join(parts),
                "kind": "element",
            }
            location["logicalLocations"] = [logical]
        props: dict[str, Any] = {"block": loc.block, "part": loc.part}
        if loc.paragraph is not None:
            props["paragraph"] = loc.paragraph
        if loc.page is not None:
            props["page"] = loc.page
        if length:
            props["charOffsetInParagraph"] = loc.start
            props["charLength"] = length
        location["properties"] = props
    return location


def _result(f: Finding, index: dict[str, int], root: Path | None) -> dict[str, Any]:
    text = f.message or f.rule
    if f.flagged and f.flagged.lower() not in text.lower():
        text = f"{text} (\"{' '.join(f.flagged.split())}\")"
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": sarif_level(f.severity),
        "message": {"text": text},
        "locations": [_location(f, root)],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint} if f.fingerprint else {},
        "properties": {
            "category": f.category,
            "severity": f.severity.value,
            "text": f.text,
            "suggestion": f.suggestion,
            "fix_clause": f.fix_clause,
            **f.properties,  # the commitment's parts, a scope's commitments, a model's score
        },
    }
    if f.related:
        result["relatedLocations"] = [
            {"id": i + 1, **_place(loc, "", root)} for i, loc in enumerate(f.related)]
    if f.suppressed is not None:
        result["suppressions"] = [{"kind": "inSource", "state": "accepted",
                                   "justification": f.suppressed}]
    return result


def report_sarif(report: Report, rules: Sequence[Any] | None = None, *,
                 root: Path | None = None) -> dict[str, Any]:
    """The SARIF log of ``report`` as a dictionary."""
    all_findings = [f for fr in report.files for f in fr.findings]
    infos = collect_rules(all_findings, rules)
    index = {info.id: i for i, info in enumerate(infos)}
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{display_path(fr.path, root)}: {fr.error}"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(fr.path, root)}}}],
        }
        for fr in report.files if fr.error is not None
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "svdocs",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_rule_descriptor(info) for info in infos],
        }},
        "invocations": [invocation],
        "artifacts": [{"location": {"uri": artifact_uri(fr.path, root)}} for fr in report.files],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index, root) for f in all_findings],
        "properties": {"summary": report.summary(),
                       **({"pack": report.pack.to_dict()} if report.pack is not None else {})},
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(report: Report, rules: Sequence[Any] | None = None, *,
                 root: Path | None = None) -> str:
    return json.dumps(report_sarif(report, rules, root=root), indent=2, ensure_ascii=False) + "\n"
