"""Writers: render an assembled :class:`~svdocs.core.model.Document` as DOCX, Markdown or HTML.

``render(doc, fmt)`` returns the file's bytes; writing them to disk (atomically, never over an
existing file without ``force``) is the caller's job, e.g. with :mod:`svdocs.core.outputs`.
"""

from __future__ import annotations

from collections.abc import Callable

from svdocs.core.errors import OutputError
from svdocs.core.model import Document
from svdocs.writers.docx import render_docx
from svdocs.writers.html import render_html
from svdocs.writers.markdown import render_markdown

Renderer = Callable[..., bytes]

#: Output formats, each with its file extension.
FORMATS: dict[str, str] = {"docx": ".docx", "md": ".md", "html": ".html"}
_ALIASES = {"markdown": "md", "htm": "html", "word": "docx"}
_RENDERERS: dict[str, Renderer] = {"docx": render_docx, "md": render_markdown,
                                   "html": render_html}


def normalise_format(fmt: str) -> str:
    """The canonical name of an output format ("Markdown" -> "md"); OutputError if unknown."""
    key = fmt.strip().lower().lstrip(".")
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise OutputError(f"unknown output format {fmt!r} (choose from {', '.join(FORMATS)})")
    return key


def extension(fmt: str) -> str:
    """The file extension of an output format, with its dot (".docx")."""
    return FORMATS[normalise_format(fmt)]


def render(doc: Document, fmt: str, *, notes: bool = False) -> bytes:
    """Render ``doc`` in ``fmt`` ("docx", "md" or "html"); drafting notes only if ``notes``."""
    return _RENDERERS[normalise_format(fmt)](doc, notes=notes)


__all__ = ["FORMATS", "extension", "normalise_format", "render"]
