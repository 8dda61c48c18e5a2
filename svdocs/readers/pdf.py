"""PDF through pypdf: the text layer, page by page, split into blocks like plain text.

Each block records its page in ``source.page`` (1-based) and its line on that page in
``source.line``. A PDF with no text layer (a scan) gives an empty document and a warning that
it needs OCR; an encrypted PDF that opens only with a password is refused. Running headers
and footers (page numbers, a title repeated on most pages) are taken out of the page text
first (:mod:`.pdf_running`).
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from svdocs.core.errors import InputError
from svdocs.core.limits import Limits
from svdocs.core.model import Document
from svdocs.readers.common import DocumentBuilder, read_input_bytes
from svdocs.readers.pdf_running import strip_running_lines
from svdocs.readers.text import parse_text


def read_pdf_file(path: Path, limits: Limits) -> Document:
    data = read_input_bytes(path, limits)
    return parse_pdf(data, path=str(path), limits=limits)


def parse_pdf(data: bytes, *, path: str | None = None, limits: Limits | None = None) -> Document:
    limits = limits or Limits.default()
    if not data:
        raise InputError("empty file (0 bytes), not a PDF", path)
    if not data.lstrip()[:5].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF file (no %PDF- header)", path)
    from pypdf import PdfReader  # deferred: loads pypdf, only for PDF files
    from pypdf.errors import PyPdfError  # deferred: loads pypdf, only for PDF files

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    builder = DocumentBuilder(path, limits)
    doc = builder.doc
    doc.properties["format"] = "pdf"
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # pypdf raises several types, or needs an optional crypto lib
                opened = 0
            if not opened:
                raise InputError(
                    "encrypted PDF that needs a password: save an unprotected copy", path
                )
        pages = reader.pages
        count = len(pages)
        if count > limits.max_pages:
            raise limits.exceeded("max_pages", f"the PDF has {count:,} pages", path)
        doc.properties["pages"] = count
        texts: list[str] = []
        for page in pages:
            texts.append(page.extract_text() or "")
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            OSError, RecursionError, AssertionError, ZeroDivisionError, OverflowError) as exc:
        # pypdf signals a damaged file through many exception types
        raise InputError(f"damaged PDF: {_short(exc)}", path) from None
    if not any(t.strip() for t in texts):
        doc.warnings.append(
            "the PDF has no text layer (a scan or images only): run OCR on it first"
        )
        return doc
    texts, removed = strip_running_lines(texts)
    if removed:
        doc.properties["running_lines_removed"] = removed
    for number, text in enumerate(texts, start=1):
        parse_text(text, path=path, limits=limits, page=number, builder=builder)
    return doc


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
