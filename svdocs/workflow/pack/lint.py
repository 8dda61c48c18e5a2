"""Lint a pack: read every document, judge each with the pack's scope, check the pack."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from svdocs.core.collector import collector_paused
from svdocs.core.config import LintConfig
from svdocs.core.errors import InputError
from svdocs.core.fingerprint import assign_fingerprints
from svdocs.core.model import Finding
from svdocs.core.results import FileResult, Report
from svdocs.linter.checks import kpi_count, sv_weightings
from svdocs.linter.judge.analysis import DocumentAnalysis, analyse
from svdocs.workflow.batch import _one_line, _runner_for
from svdocs.workflow.pack.consistency import consistency_findings
from svdocs.workflow.pack.facts import Reference, references
from svdocs.workflow.pack.members import Member, choose_members, make_member
from svdocs.workflow.pack.scope import (
    Combined,
    PackAnalysis,
    combine,
    in_pack,
    pack_analysis,
)
from svdocs.workflow.pack.summary import summarise
from svdocs.workflow.paths import expand_paths


@dataclass
class PackRun:
    """What the consistency checks and the summary read: the members, each one's own
    analysis (with the pack's scope) and the pack's analysis."""

    members: list[Member]
    analyses: list[DocumentAnalysis]
    pack: PackAnalysis
    combined: Combined
    config: LintConfig
    rules: list[Any] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)  # between the documents


def pack_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[str]]:
    files = expand_paths(paths)
    if not files:
        raise InputError("no documents found for the pack")
    return choose_members(files)


def lint_pack(paths: Iterable[str | os.PathLike[str]], config: LintConfig | None = None, *,
              keep_documents: bool = True) -> Report:
    """Lint the documents ``paths`` names as one tender pack; the Report has a FileResult per
    document (its findings, the pack's consistency findings about it) and ``report.pack``."""
    config = config or LintConfig()
    files, notes = pack_files(paths)
    runner = _runner_for(config)
    linter = runner.linter
    report = Report()
    members: list[Member] = []
    results: dict[int, FileResult] = {}
    for path in files:
        got = runner.read(str(path))
        fr = FileResult(path=str(path))
        report.files.append(fr)
        if isinstance(got, str):
            fr.error = got
            continue
        fr.warnings = list(got.warnings)
        results[len(members)] = fr
        members.append(make_member(len(members), str(path), got))
    with collector_paused():
        parsed = linter.parse_documents([m.document for m in members])
        alone = [analyse(m.document, p, config) for m, p in zip(members, parsed, strict=True)]
        combined = combine(members, parsed)
        pack, twins = pack_analysis(combined, alone, config)
        views = [in_pack(a, pack, twins[k], k) for k, a in enumerate(alone)]
        run = PackRun(members, list(views), pack, combined, config, linter.rules)
        run.references = references(members, run.analyses)
        answered = _answered(run)
        for k, view in enumerate(views):
            fr = results[k]
            try:
                found = [f for f in linter.findings_for(view)
                         if _check_of(run, f) not in answered]
                fr.findings = runner.finish(members[k].document, found)
            except Exception as exc:  # one document at fault never stops the pack
                fr.error = _one_line(exc)
        by_path: dict[str, list[Finding]] = {}
        for f in consistency_findings(run):
            by_path.setdefault(f.location.path, []).append(f)
        for k, member in enumerate(members):
            extra = by_path.get(member.path, [])
            if extra:
                assign_fingerprints(extra)
                fr = results[k]
                fr.findings = sorted(
                    fr.findings + runner.finish(member.document, extra),
                    key=lambda f: (f.location.block, f.location.start, f.rule))
            if keep_documents:
                results[k].document = member.document
        report.pack = summarise(run, notes)
    return report


def _check_of(run: PackRun, f: Finding) -> str:
    for rule in run.rules:
        if rule.id == f.rule:
            return str(rule.check)
    return ""


def _answered(run: PackRun) -> set[str]:
    """The document checks whose findings the pack answers when another document states
    the thing: the social value weighting (in the ITT) and the KPIs (in the KPI schedule)."""
    out: set[str] = set()
    if any(sv_weightings(a) for a in run.analyses):
        out.add("weighting-absent")
    if sum(kpi_count(a) for a in run.analyses) >= 3:
        out.add("kpi-count")
    return out
