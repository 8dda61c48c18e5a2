"""DOCX writer: Word styles, outline numbering, fields, tables and document properties."""

from __future__ import annotations

from svdocs.writers.docx.writer import DocxWriter, render_docx

__all__ = ["DocxWriter", "render_docx"]
