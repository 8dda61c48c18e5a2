"""Bookmarks round a run of paragraphs: the provenance marks of an assembled Word file.

``w:bookmarkStart`` goes first in the first paragraph (after its properties) and
``w:bookmarkEnd`` last in the last one, so the bookmark spans whole paragraphs; Word keeps a
bookmark through edits inside it and moves its ends with the text around them.
"""

from __future__ import annotations

from svdocs.writers.docx import xml


def wrap(first: xml.Element, last: xml.Element, name: str, ident: int) -> None:
    """Bookmark ``name`` (numeric id ``ident``) from the start of ``first`` to the end of
    ``last`` (both ``w:p`` elements, ``last`` at or after ``first``)."""
    start = xml.el("w:bookmarkStart", {"w:id": str(ident), "w:name": name})
    ppr = first.find(xml.qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        first.insert(0, start)
    last.append(xml.el("w:bookmarkEnd", {"w:id": str(ident)}))
