"""Readers: every input format into the shared :class:`~svdocs.model.Document`.

``read_document(path)`` picks the reader by file extension; ``read_text(text, fmt=...)`` reads
text already in memory. Every problem with an input ends in :class:`~svdocs.errors.InputError`
(or its subclass :class:`~svdocs.errors.LimitExceeded`) with a one-line message; non-fatal
notes (an encoding guessed, a PDF that needs OCR, an empty file) go to ``Document.warnings``.
See ``docs/reading.md`` for what each reader reads and the limits.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..limits import Limits
from ..model import Block, Document
from .common import decode_text
from .docx_reader import parse_docx, read_docx_file
from .html import parse_html, read_html_file
from .markdown import parse_markdown, read_markdown_file
from .pdf import parse_pdf, read_pdf_file
from .text import parse_text, read_text_file

_READERS = {
    ".docx": read_docx_file,
    ".md": read_markdown_file,
    ".markdown": read_markdown_file,
    ".txt": read_text_file,
    ".text": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".pdf": read_pdf_file,
}

#: File extensions :func:`read_document` reads (lower case, with the dot).
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(_READERS)

_LEGACY = {".doc", ".dot", ".rtf", ".odt", ".wpd", ".pages"}


def read_document(path: str | Path, *, limits: Limits | None = None) -> Document:
    """Read a file into a :class:`Document`, choosing the reader by its extension.

    Raises :class:`InputError` (or :class:`~svdocs.errors.LimitExceeded`) naming the file and
    the problem; never anything else for a bad input.
    """
    path = Path(path)
    limits = limits or Limits.default()
    ext = path.suffix.lower()
    reader = _READERS.get(ext)
    if reader is None:
        if ext in (".doc", ".dot"):
            raise InputError("legacy Word .doc file: open it in Word and save it as .docx",
                             str(path))
        if ext in _LEGACY:
            raise InputError(f"{ext} files are not read: save it as .docx", str(path))
        shown = ext or "(no extension)"
        raise InputError(
            f"unsupported file type {shown} (supported: {', '.join(SUPPORTED_EXTENSIONS)})",
            str(path),
        )
    doc = reader(path, limits)
    doc.path = str(path)
    return doc


def read_bytes(data: bytes, ext: str, *, path: str | None = None,
               limits: Limits | None = None) -> Document:
    """Read a file's bytes already in memory (an upload, a zip member) by its extension."""
    limits = limits or Limits.default()
    ext = ext.lower() if ext.startswith(".") else f".{ext.lower()}"
    if len(data) > limits.max_file_size:
        raise limits.exceeded("max_file_size", f"input is {len(data):,} bytes", path)
    if ext == ".docx":
        return parse_docx(data, path=path, limits=limits)
    if ext == ".pdf":
        return parse_pdf(data, path=path, limits=limits)
    fmt = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
           ".txt": "text", ".text": "text"}.get(ext)
    if fmt is None:
        if ext in (".doc", ".dot"):
            raise InputError("legacy Word .doc file: open it in Word and save it as .docx", path)
        raise InputError(f"unsupported file type {ext}", path)
    text, warnings = decode_text(data, path)
    doc = read_text(text, fmt=fmt, path=path, limits=limits)
    doc.warnings[:0] = warnings
    return doc


def read_text(text: str, *, fmt: str = "text", path: str | None = None,
              limits: Limits | None = None) -> Document:
    """Read text already in memory as ``"text"``, ``"markdown"`` or ``"html"``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fmt == "text":
        return parse_text(text, path=path, limits=limits)
    if fmt == "markdown":
        return parse_markdown(text, path=path, limits=limits)
    if fmt == "html":
        return parse_html(text, path=path, limits=limits)
    raise ValueError(f"unknown text format {fmt!r} (text, markdown or html)")


def position(block: Block, offset: int) -> tuple[int | None, int | None]:
    """The 1-based (line, column) in the source file of character ``offset`` of a block's
    text, for text formats (Markdown, plain text, PDF page lines); ``(None, None)`` when the
    block has no line information. Markdown columns after inline markup are approximate."""
    lines = block.meta.get("lines")
    if not lines:
        return block.source.line, block.source.column
    before = block.text[: max(offset, 0)]
    k = min(before.count("\n"), len(lines) - 1)
    line, col = lines[k]
    start_of_line = before.rfind("\n") + 1
    return line, col + (len(before) - start_of_line)


__all__ = [
    "SUPPORTED_EXTENSIONS",
    "parse_docx",
    "parse_html",
    "parse_markdown",
    "parse_pdf",
    "parse_text",
    "position",
    "read_bytes",
    "read_document",
    "read_text",
]
