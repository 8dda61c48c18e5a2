"""Writing an assembly to disk: every document in every format plus ``commitments.json``,
all or nothing."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from svdocs.assembly.builder import AssemblyResult
from svdocs.core.errors import OutputError
from svdocs.core.outputs import staged_outputs

COMMITMENTS_FILE = "commitments.json"
DEFAULT_FORMATS: tuple[str, ...] = ("docx", "md", "html")
#: Formats that keep drafting notes when the assembly was made with notes (previews only).
NOTE_FORMATS = frozenset({"md", "html"})


def parse_formats(spec: str | Iterable[str]) -> list[str]:
    """``"docx,md"`` or ``["docx", "md"]`` -> canonical format names, in order, deduplicated."""
    from svdocs.writers import normalise_format  # deferred: start-up: the writers load python-docx

    items = spec.split(",") if isinstance(spec, str) else list(spec)
    out: list[str] = []
    for item in items:
        if not str(item).strip():
            continue
        fmt = normalise_format(str(item))
        if fmt not in out:
            out.append(fmt)
    if not out:
        raise OutputError("no output format given (choose from docx, md, html)")
    return out


def planned_paths(result: AssemblyResult, out_dir: Path, formats: Sequence[str]) -> list[Path]:
    """The files :func:`write_outputs` would write, in order."""
    from svdocs.writers import extension  # deferred: start-up: the writers load python-docx

    paths = [out_dir / f"{result.file_stems[kind]}{extension(fmt)}"
             for kind in result.documents for fmt in formats]
    return [*paths, out_dir / COMMITMENTS_FILE]


def _refuse_inputs(result: AssemblyResult, out_dir: Path) -> list[Path]:
    """Refuse an output folder that is an input file or inside the clause library or templates;
    return the input files that must never be overwritten."""
    inputs: list[Path] = []
    if result.brief.path is not None:
        inputs.append(result.brief.path)
    resolved = out_dir.resolve()
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError("output must be a folder, but a file of that name exists",
                          str(out_dir))
    folders = [Path(p) for p in result.input_folders]
    for folder in folders:
        try:
            inside = resolved == folder.resolve() or folder.resolve() in resolved.parents
        except OSError:
            continue
        if inside:
            raise OutputError(f"output folder is inside an input folder ({folder}); choose "
                              "another folder", str(out_dir))
    return inputs


def write_outputs(result: AssemblyResult, out_dir: Path | str,
                  formats: str | Iterable[str] = DEFAULT_FORMATS,
                  force: bool = False) -> list[Path]:
    """Render every document in every format and write them with ``commitments.json``.

    Everything is rendered first and then written through :func:`staged_outputs`, so either
    every file appears or none does. Existing files are refused without ``force``; the brief,
    the clause library and the templates are never written into.
    """
    from svdocs.writers import render  # deferred: start-up: the writers load python-docx

    out_dir = Path(out_dir)
    fmts = parse_formats(formats)
    inputs = _refuse_inputs(result, out_dir)
    notes = result.with_notes
    data: dict[Path, bytes] = {}
    for kind, doc in result.documents.items():
        for fmt in fmts:
            path = out_dir / f"{result.file_stems[kind]}{_ext(fmt)}"
            data[path] = render(doc, fmt, notes=notes and fmt in NOTE_FORMATS)
    commitments = json.dumps(result.commitments_data(), indent=2, ensure_ascii=False,
                             default=str)
    data[out_dir / COMMITMENTS_FILE] = (commitments + "\n").encode("utf-8")
    with staged_outputs(data, force=force, inputs=inputs) as staged:
        for final, tmp in staged.items():
            try:
                tmp.write_bytes(data[final])
            except OSError as exc:
                raise OutputError(f"cannot write: {exc.strerror or exc}", str(final)) from None
    return list(data)


def _ext(fmt: str) -> str:
    from svdocs.writers import extension  # deferred: start-up: the writers load python-docx

    return extension(fmt)
