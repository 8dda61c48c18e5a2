"""Streamed results: one JSON line per file, written as each file's result arrives.

Each line is the same object as an entry of the JSON report's ``files`` list
(``{"path", "findings", "error"}``), so nothing but the line being written is kept in memory
and a run over any number of files can be read back line by line. :class:`JsonlWriter`
appends and flushes a whole line at a time; :func:`read_results` reads a results file back,
passing over a last line cut short by a run that was stopped (``--resume`` then rewrites it).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from svdocs.core.errors import InputError, OutputError
from svdocs.core.model import Severity
from svdocs.core.results import FileResult, Report


def file_entry(fr: FileResult) -> dict[str, Any]:
    """The JSON report's ``files`` entry for one file (suppressed findings left out)."""
    return {"path": fr.path, "findings": [f.to_dict() for f in fr.active], "error": fr.error}


def line_for(fr: FileResult) -> str:
    return json.dumps(file_entry(fr), ensure_ascii=False, separators=(",", ":")) + "\n"


def render_jsonl(report: Report) -> str:
    """A whole report as JSONL, one line per file in report order (what a streamed run
    writes, in a different order)."""
    return "".join(line_for(fr) for fr in report.files)


@dataclass
class Tally:
    """What the exit code and the closing summary need, counted without keeping results."""

    files: int = 0
    errors: int = 0
    findings: int = 0
    worst: int = -1  # highest severity rank seen, -1 for none
    by_severity: dict[str, int] = field(default_factory=dict)

    def add(self, entry: dict[str, Any]) -> None:
        self.files += 1
        if entry.get("error") is not None:
            self.errors += 1
        for f in entry.get("findings") or []:
            self.findings += 1
            sev = str(f.get("severity", ""))
            self.by_severity[sev] = self.by_severity.get(sev, 0) + 1
            try:
                self.worst = max(self.worst, Severity(sev).rank)
            except ValueError:
                continue

    def exit_code(self, fail_on: Severity) -> int:
        """The rule of a local run: 2 for an unreadable file, else 1 for a finding at or above
        ``fail_on``, else 0."""
        if self.errors:
            return 2
        return 1 if self.worst >= fail_on.rank else 0


class JsonlWriter:
    """Writes results to a file (new, or appended to with ``resume``) or to a stream."""

    def __init__(self, stream: IO[str], *, path: Path | None = None) -> None:
        self.stream = stream
        self.path = path

    @classmethod
    def open(cls, path: Path, *, append: bool = False, force: bool = False) -> JsonlWriter:
        """Open ``path`` for results: a new file (an existing one only with ``force``), or
        the end of an existing results file with ``append``; a last line cut short by a
        stopped run is removed first, so every line stays whole."""
        if path.is_dir():
            raise OutputError("output path is a folder, not a file", str(path))
        if not append and path.exists() and not force:
            raise OutputError("already exists (use --force to overwrite, or --resume to "
                              "add to it)", str(path))
        try:
            if append and path.exists():
                _drop_partial_line(path)
                stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open
            else:
                if path.parent != Path(""):
                    path.parent.mkdir(parents=True, exist_ok=True)
                stream = open(path, "w", encoding="utf-8")  # noqa: SIM115 - kept open
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", str(path)) from None
        return cls(stream, path=path)

    def write(self, fr: FileResult) -> dict[str, Any]:
        """Write one file's line and flush it; returns the entry written."""
        entry = file_entry(fr)
        self.stream.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.stream.flush()
        return entry

    def close(self) -> None:
        if self.path is not None:
            try:
                self.stream.flush()
                os.fsync(self.stream.fileno())
            except (OSError, ValueError):
                pass
            self.stream.close()


def _drop_partial_line(path: Path) -> None:
    with open(path, "rb+") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        if size == 0:
            return
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return
        # find the last newline and cut after it
        step = 65536
        pos = size
        while pos > 0:
            start = max(0, pos - step)
            fh.seek(start)
            chunk = fh.read(pos - start)
            k = chunk.rfind(b"\n")
            if k >= 0:
                fh.truncate(start + k + 1)
                return
            pos = start
        fh.truncate(0)


def read_results(path: Path) -> Iterator[dict[str, Any]]:
    """The entries of a results file: a JSONL file of file entries, or a JSON report (its
    ``files``). A last JSONL line without its newline that is not valid JSON (a run stopped
    while writing it) is passed over; any other bad line is an :class:`InputError` naming the
    file and the line."""
    try:
        fh = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise InputError("no such results file", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    with fh:
        first = fh.read(1)
        while first and first.isspace():
            first = fh.read(1)
        fh.seek(0)
        if first == "{" and _is_json_report(fh):
            fh.seek(0)
            yield from _report_files(fh, path)
            return
        fh.seek(0)
        yield from _jsonl_entries(fh, path)


def _is_json_report(fh: IO[str]) -> bool:
    """A JSON report is one object over many lines; a JSONL file has one object per line."""
    line = fh.readline().strip()
    if not line:
        return True
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return True
    return False


def _report_files(fh: IO[str], path: Path) -> Iterator[dict[str, Any]]:
    try:
        data = json.load(fh)
    except json.JSONDecodeError as exc:
        raise InputError(f"not a JSON report or JSONL results file: {exc}", str(path)) from None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        raise InputError("a JSON report must have a 'files' list", str(path))
    for i, entry in enumerate(files, 1):
        yield _checked(entry, path, f"files[{i}]")


def _jsonl_entries(fh: IO[str], path: Path) -> Iterator[dict[str, Any]]:
    number = 0
    for raw in fh:
        number += 1
        if not raw.strip():
            continue
        try:
            entry = json.loads(raw)
        except json.JSONDecodeError as exc:
            if not raw.endswith("\n"):
                return  # the last line of a stopped run: --resume lints that file again
            raise InputError(f"line {number}: not JSON ({exc.msg})", str(path)) from None
        yield _checked(entry, path, f"line {number}")


def _checked(entry: Any, path: Path, where: str) -> dict[str, Any]:
    if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
        raise InputError(f"{where}: not a file entry (an object with a 'path')", str(path))
    if not isinstance(entry.get("findings", []), list):
        raise InputError(f"{where}: 'findings' must be a list", str(path))
    entry.setdefault("findings", [])
    entry.setdefault("error", None)
    return entry
