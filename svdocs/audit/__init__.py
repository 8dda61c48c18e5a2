"""The provenance audit: compare the library clauses marked in assembled documents (DOCX,
Markdown, HTML) with the clause library. See docs/audit.md.

``audit_file(path, library) -> FileAudit``; ``audit_paths(paths, library) -> list``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from svdocs.audit.compare import STATUSES, ClauseAudit, FileAudit, audit_found, word_changes
from svdocs.audit.docx_marks import read_docx_marks
from svdocs.audit.found import Found
from svdocs.audit.markup_marks import read_html_marks, read_markdown_marks
from svdocs.core.errors import InputError
from svdocs.core.limits import Limits
from svdocs.library.loader import Library, load_library
from svdocs.readers.common import decode_text, read_input_bytes

FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def read_marks(path: Path, limits: Limits | None = None) -> Found:
    """The marks of one file; :class:`InputError` (naming the file) if it has none or
    cannot be read."""
    limits = limits or Limits.default()
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"cannot audit a {path.suffix or 'file without extension'} file "
                         "(audit reads .docx, .md and .html)", str(path))
    data = read_input_bytes(path, limits)
    if fmt == "docx":
        return read_docx_marks(data, str(path), limits)
    text, _ = decode_text(data, str(path))
    if fmt == "md":
        return read_markdown_marks(text, str(path))
    return read_html_marks(text, str(path))


def audit_file(path: Path | str, library: Library | None = None) -> FileAudit:
    library = library if library is not None else load_library()
    return audit_found(read_marks(Path(path)), library)


def audit_paths(paths: Iterable[Path | str], library: Library | None = None) -> list[FileAudit]:
    library = library if library is not None else load_library()
    return [audit_file(p, library) for p in paths]


__all__ = ["STATUSES", "ClauseAudit", "FileAudit", "audit_file", "audit_paths", "read_marks",
           "word_changes"]
