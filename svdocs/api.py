"""The Python API: lint and assemble without the command line and without writing files.

>>> import svdocs
>>> report = svdocs.lint("The Supplier will endeavour to support local employment.")
>>> [f.category for f in report.findings]          # doctest: +SKIP
['vague-commitment', ...]
>>> result = svdocs.assemble("samples/briefs/council-social-prescribing.yml")  # doctest: +SKIP

Both are re-exported as :func:`svdocs.lint` and :func:`svdocs.assemble`; heavy modules
(spaCy, python-docx) load on first use, not on ``import svdocs``.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import LintConfig, load_config
from .errors import InputError
from .report import FileResult, Report

if TYPE_CHECKING:
    from .assembly import AssemblyResult

#: The ``fmt`` values :func:`lint` accepts for text, and what the readers call them.
TEXT_FORMATS = {"text": "text", "txt": "text", "markdown": "markdown", "md": "markdown",
                "html": "html", "htm": "html"}
#: The path shown for text passed in directly.
TEXT_PATH = "<text>"

PathLike = str | os.PathLike[str]


def _config(config: LintConfig | PathLike | None, model: str | None = None) -> LintConfig:
    if config is None:
        cfg = LintConfig()
    elif isinstance(config, LintConfig):
        cfg = config
    else:
        cfg = load_config(Path(config))
    return replace(cfg, model=model) if model else cfg


def _looks_like_path(value: str) -> bool:
    """Whether a string names a file rather than being the text to lint."""
    if "\n" in value or not value.strip():
        return False
    if Path(value).exists():
        return True
    if set("*?[") & set(value) and any(
            os.path.exists(m) for m in glob.glob(value, recursive=True)):
        return True
    from .batch import supported_extensions

    suffix = Path(value).suffix.lower()
    return suffix in supported_extensions() and not any(ch.isspace() for ch in value)


def lint(
    path_or_text: PathLike | Iterable[PathLike],
    *,
    fmt: str | None = None,
    config: LintConfig | PathLike | None = None,
    jobs: int = 1,
    baseline: PathLike | None = None,
    keep_documents: bool = True,
    model: str | None = None,
) -> Report:
    """Lint files or text and return the :class:`svdocs.report.Report`.

    ``path_or_text`` is a path (``str`` or :class:`~pathlib.Path`; a file, a folder searched
    recursively, or a glob), a list of paths, or the text itself. A string is taken as text
    when ``fmt`` is given ("text", "markdown" or "html"), when it has a line break, or when
    it does not look like a file name; otherwise it is a path. ``config`` is a
    :class:`LintConfig` or the path of a config file (``None``: the defaults, no search).
    ``baseline`` is a baseline file made by ``--write-baseline``. ``model`` names an installed
    trained spaCy pipeline (package name or folder) to build on, overriding the config's
    ``model``; one that cannot be loaded raises :class:`InputError`. Findings are in
    ``report.findings`` (suppressed ones stay on ``report.files[i].findings`` with their
    reason); each :class:`FileResult` keeps its Document when ``keep_documents``.
    """
    cfg = _config(config, model)
    from .batch import lint_paths

    if isinstance(path_or_text, str) and (fmt is not None or not _looks_like_path(path_or_text)):
        return lint_text(path_or_text, fmt=fmt or "text", config=cfg,
                         keep_documents=keep_documents)
    if isinstance(path_or_text, (str, os.PathLike)):
        paths: list[PathLike] = [path_or_text]
    else:
        paths = list(path_or_text)
    return lint_paths(paths, cfg, jobs=jobs, baseline=baseline, keep_documents=keep_documents)


def lint_text(text: str, *, fmt: str = "text", config: LintConfig | None = None,
              keep_documents: bool = True, model: str | None = None) -> Report:
    """Lint a string of plain text, Markdown or HTML (``fmt``); nothing is read or written.
    ``model`` as for :func:`lint`."""
    reader_fmt = TEXT_FORMATS.get(fmt.lower())
    if reader_fmt is None:
        raise InputError(f"unknown text format {fmt!r} (use text, markdown or html)")
    from .batch import lint_document
    from .readers import read_text

    doc = read_text(text, fmt=reader_fmt, path=None)
    if doc.path is None:
        doc.path = TEXT_PATH
    findings = lint_document(doc, _config(config, model))
    result = FileResult(path=TEXT_PATH, findings=findings, warnings=list(doc.warnings),
                        document=doc if keep_documents else None)
    return Report(files=[result])


def lint_bytes(data: bytes, name: str, *, config: LintConfig | None = None,
               keep_documents: bool = True) -> Report:
    """Lint the bytes of one file (an upload), read by the extension of ``name``, which is
    only shown (as the report's path), never opened. The result equals :func:`lint` on a
    file called ``name`` with the same bytes; an unreadable input raises :class:`InputError`
    (or :class:`~svdocs.errors.LimitExceeded`) instead of becoming a FileResult error."""
    from .batch import lint_document
    from .readers import read_bytes

    doc = read_bytes(data, Path(name).suffix or ".txt", path=name)
    doc.path = name
    findings = lint_document(doc, _config(config))
    result = FileResult(path=name, findings=findings, warnings=list(doc.warnings),
                        document=doc if keep_documents else None)
    return Report(files=[result])


def commitments(document: Any, *, config: LintConfig | None = None) -> list[Any]:
    """The commitments the linter recovers from a read Document, with the parts it found
    for each (target, deadline, evidence, consequence...)."""
    from .batch import _runner_for

    linter = _runner_for(_config(config)).linter
    return list(linter.commitments(document))


def assemble(brief: PathLike | Mapping[str, Any] | Any, *,
             library: PathLike | Any | None = None) -> AssemblyResult:
    """Assemble the documents a brief asks for and return the assembly result.

    ``brief`` is the path of a brief YAML file, a dict with the same content, or a loaded
    brief; ``library`` is a clause library folder or a loaded library (``None``: the shipped
    library). The result holds the documents by kind and the commitments; nothing is
    written (use ``svdocs.assembly.write_outputs`` or the CLI for files).
    """
    from . import brief as brief_mod
    from .assembly import assemble as run_assembly
    from .library import load_library

    if isinstance(brief, (str, os.PathLike)):
        loaded = brief_mod.load_brief(Path(brief))
    elif isinstance(brief, Mapping):
        loaded = brief_mod.brief_from_dict(_plain(brief))
    else:
        loaded = brief
    lib = library
    if library is None or isinstance(library, (str, os.PathLike)):
        lib = load_library(Path(library) if library is not None else None)
    return run_assembly(loaded, library=lib)


def _plain(value: Any) -> Any:
    """A brief mapping with ``datetime.date`` values written as ISO dates, as in a YAML file."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value
