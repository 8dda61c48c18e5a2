"""Reviewed copies of the Word files of a lint run: ``DIR/<name>.reviewed.docx`` with every
finding as a Word comment on its words (``svdocs lint --annotate DIR``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from svdocs.core.errors import SvdocsError
from svdocs.core.outputs import check_target, staged_outputs
from svdocs.core.results import Report
from svdocs.reporters.annotate import annotate_bytes, reviewed_name


@dataclass
class ReviewedCopies:
    """What :func:`write_reviewed_copies` did: copies written, inputs that are no DOCX, and one
    line for each DOCX that could not be annotated."""

    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def write_reviewed_copies(report: Report, out_dir: Path, *, force: bool = False,
                          suggest: bool = False) -> ReviewedCopies:
    """Write a reviewed copy of every DOCX in ``report`` (linted with its documents kept) into
    ``out_dir``; the copies that can be made are written together, atomically. With
    ``suggest``, each finding whose library clause fixes it is also a tracked change."""
    inputs = [Path(fr.path) for fr in report.files]
    done = ReviewedCopies()
    names: dict[str, int] = {}
    ready: dict[Path, bytes] = {}
    for fr in report.files:
        if fr.error is not None:
            continue
        if Path(fr.path).suffix.lower() != ".docx" or fr.document is None:
            done.skipped.append(fr.path)
            continue
        name = reviewed_name(fr.path)
        names[name] = names.get(name, 0) + 1
        if names[name] > 1:  # two inputs with the same name in different folders
            name = f"{Path(fr.path).stem}.{names[name]}.reviewed.docx"
        target = out_dir / name
        check_target(target, force=force, inputs=inputs)
        try:
            data = Path(fr.path).read_bytes()
            ready[target] = annotate_bytes(data, fr.findings, fr.document,
                                           suggest=suggest).data
        except SvdocsError as exc:
            done.failed.append(f"{fr.path}: {exc.message}")
        except Exception as exc:  # a package python-docx cannot open or save
            done.failed.append(f"{fr.path}: cannot annotate ({type(exc).__name__}: {exc})")
    if ready:
        with staged_outputs(list(ready), force=force, inputs=inputs) as staged:
            for target, data in ready.items():
                staged[target].write_bytes(data)
    done.written = list(ready)
    return done
