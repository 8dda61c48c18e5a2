"""Baselines: record today's findings, then report only the new ones.

``svdocs lint --write-baseline FILE`` writes the fingerprints of every active finding, per
file, to a JSON file; ``--baseline FILE`` then leaves out findings whose fingerprint it
records. A fingerprint hashes the rule, the normalised text of the sentence and which
occurrence of that (rule, text) pair it is in the document, so it survives edits elsewhere:
moving a clause or inserting a paragraph above it does not bring old findings back, while a
new weak sentence is reported.

File format (version 1)::

    {"version": 1, "tool": "svdocs",
     "files": {"tenders/spec.md": [{"fingerprint": "…", "rule": "…", "text": "…"}]}}

Paths are relative to the folder of the baseline file, with ``/`` separators, so a baseline
committed to a repository works from any working directory and on any system.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from svdocs.core.errors import InputError, ValidationError
from svdocs.core.fingerprint import fingerprint, normalise
from svdocs.core.model import Finding
from svdocs.core.outputs import write_text_atomic
from svdocs.core.results import FileResult, Report

BASELINE_VERSION = 1


def compute_fingerprint(rule: str, text: str, occurrence: int) -> str:
    """The engine's fingerprint: rule id, normalised text and 0-based occurrence number."""

    return fingerprint(rule, text, occurrence)


def ensure_fingerprints(findings: Iterable[Finding]) -> None:
    """Give every finding of one document that has none its fingerprint (in place).

    The lint engine fingerprints its own findings; this covers findings made after it (such
    as suppression problems), counting occurrences over all the findings in order, as the
    engine does.
    """

    seen: Counter[tuple[str, str]] = Counter()
    for f in findings:
        key = (f.rule, normalise(f.text))
        if not f.fingerprint:
            f.fingerprint = compute_fingerprint(f.rule, f.text, seen[key])
        seen[key] += 1


def _key(path: str | os.PathLike[str], root: Path) -> str:
    """A file's key in a baseline: its path relative to the baseline's folder, with '/'."""
    p = Path(path)
    try:
        rel = os.path.relpath(p.resolve(), root.resolve())
    except ValueError:  # another drive on Windows
        rel = str(p.resolve())
    return Path(rel).as_posix()


@dataclass
class Baseline:
    """Fingerprints recorded per file; :meth:`filter` drops the findings it knows."""

    root: Path  # the folder the file keys are relative to
    files: dict[str, Counter[str]] = field(default_factory=dict)
    path: Path | None = None

    def knows(self, file_path: str, fingerprint: str) -> bool:
        return self.files.get(_key(file_path, self.root), Counter())[fingerprint] > 0

    def filter(self, result: FileResult) -> FileResult:
        """Remove from ``result`` the active findings recorded here (in place) and count them.

        Each recorded fingerprint absorbs one finding, so a weak sentence repeated once more
        than before is still reported. Suppressed findings are kept (SARIF shows them).
        """
        remaining = Counter(self.files.get(_key(result.path, self.root), Counter()))
        kept: list[Finding] = []
        for f in result.findings:
            if f.suppressed is None and remaining[f.fingerprint] > 0:
                remaining[f.fingerprint] -= 1
                result.baselined += 1
                continue
            kept.append(f)
        result.findings = kept
        return result


def baseline_data(report: Report, root: Path) -> dict[str, Any]:
    """The JSON document a baseline file holds for ``report``."""
    files: dict[str, list[dict[str, str]]] = {}
    for fr in report.files:
        if fr.error is not None:
            continue
        entries = [
            {"fingerprint": f.fingerprint, "rule": f.rule, "text": " ".join(f.text.split())}
            for f in fr.active
        ]
        key = _key(fr.path, root)
        files.setdefault(key, []).extend(entries)
    return {"version": BASELINE_VERSION, "tool": "svdocs", "files": dict(sorted(files.items()))}


def write_baseline(report: Report, path: str | os.PathLike[str], force: bool = False) -> Path:
    """Write today's active findings of ``report`` to ``path`` (atomically; no overwrite
    without ``force``; never over one of the linted files). Returns the path written."""
    target = Path(path)
    for fr in report.files:
        ensure_fingerprints(fr.findings)
    data = baseline_data(report, target.parent if str(target.parent) else Path("."))
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return write_text_atomic(target, text, force=force,
                             inputs=[Path(fr.path) for fr in report.files])


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file; a missing or malformed one is an error naming the file."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("baseline file not found", str(p)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read baseline file: {exc}", str(p)) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"not a svdocs baseline (invalid JSON at line {exc.lineno})",
                         str(p)) from None
    problems: list[str] = []
    if not isinstance(data, dict):
        raise ValidationError(["a baseline must be a JSON object"], str(p))
    if data.get("version") != BASELINE_VERSION:
        problems.append(f"unsupported baseline version {data.get('version')!r} "
                        f"(expected {BASELINE_VERSION})")
    files = data.get("files")
    if not isinstance(files, dict):
        problems.append("'files' must be an object mapping file paths to findings")
        files = {}
    counters: dict[str, Counter[str]] = {}
    for name, entries in files.items():
        if not isinstance(entries, list):
            problems.append(f"files.{name}: expected a list of findings")
            continue
        counter: Counter[str] = Counter()
        for i, entry in enumerate(entries):
            fp = entry.get("fingerprint") if isinstance(entry, dict) else None
            if not isinstance(fp, str) or not fp:
                problems.append(f"files.{name}[{i}]: missing 'fingerprint'")
                continue
            counter[fp] += 1
        counters[name] = counter
    if problems:
        raise ValidationError(problems, str(p))
    return Baseline(root=p.parent if str(p.parent) else Path("."), files=counters, path=p)
