"""Readers: every input format into the shared :class:`~svdocs.core.model.Document`.

``read_document(path)`` picks the reader by file extension; ``read_text(text, fmt=...)`` reads
text already in memory. Every problem with an input ends in :class:`~svdocs.core.errors.InputError`
(or its subclass :class:`~svdocs.core.errors.LimitExceeded`) with a one-line message; non-fatal
notes (an encoding guessed, a PDF that needs OCR, an empty file) go to ``Document.warnings``.
See ``docs/reading.md`` for what each reader reads and the limits.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

from svdocs.core.errors import InputError
from svdocs.core.limits import Limits
from svdocs.core.model import Block, Document
from svdocs.readers.common import decode_text

# Each reader module is imported when a file of its format is first read, so linting DOCX
# files never loads markdown-it, and linting Markdown never loads the DOCX reader.
_READERS: dict[str, tuple[str, str]] = {
    ".docx": ("docx_reader", "read_docx_file"),
    ".md": ("markdown", "read_markdown_file"),
    ".markdown": ("markdown", "read_markdown_file"),
    ".txt": ("text", "read_text_file"),
    ".text": ("text", "read_text_file"),
    ".html": ("html", "read_html_file"),
    ".htm": ("html", "read_html_file"),
    ".pdf": ("pdf", "read_pdf_file"),
}
_PARSERS = {
    "parse_docx": "docx_reader",
    "parse_html": "html",
    "parse_markdown": "markdown",
    "parse_pdf": "pdf",
    "parse_text": "text",
}


def _function(module: str, name: str) -> Any:
    return getattr(import_module(f".{module}", __name__), name)


def __getattr__(name: str) -> Any:
    """``parse_docx``, ``parse_markdown``... loaded on first use."""
    module = _PARSERS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return _function(module, name)


#: File extensions :func:`read_document` reads (lower case, with the dot).
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(_READERS)

_LEGACY = {".doc", ".dot", ".rtf", ".odt", ".wpd", ".pages"}


def read_document(path: str | Path, *, limits: Limits | None = None) -> Document:
    """Read a file into a :class:`Document`, choosing the reader by its extension.

    Raises :class:`InputError` (or :class:`~svdocs.core.errors.LimitExceeded`) naming the file and
    the problem; never anything else for a bad input.
    """
    path = Path(path)
    limits = limits or Limits.default()
    ext = path.suffix.lower()
    where = _READERS.get(ext)
    if where is None:
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
    doc: Document = _function(*where)(path, limits)
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
        parsed: Document = _function("docx_reader", "parse_docx")(data, path=path, limits=limits)
        return parsed
    if ext == ".pdf":
        parsed = _function("pdf", "parse_pdf")(data, path=path, limits=limits)
        return parsed
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
    module = {"text": "text", "markdown": "markdown", "html": "html"}.get(fmt)
    if module is not None:
        doc: Document = _function(module, f"parse_{fmt}")(text, path=path, limits=limits)
        return doc
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
