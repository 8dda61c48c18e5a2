"""Checks that a read document and its findings agree with what Word shows.

Used by the tests (over every DOCX they have) and by ``benchmarks/reader_checks.py`` (over a
corpus of real documents):

* :func:`span_problems`: every finding's ``flagged`` words are exactly the block text at its
  ``start:end``;
* :func:`comment_problems`: every comment of an author in a reviewed DOCX starts and ends on a
  word boundary;
* :func:`clause_headings`: headings whose text reads as a body clause (a sentence with a
  modal verb, or longer than a heading would be).
"""

from __future__ import annotations

from collections.abc import Iterable

from svdocs.core.model import BlockKind, Document, Finding
from svdocs.readers.heading_text import reads_as_heading


def span_problems(findings: Iterable[Finding], document: Document) -> list[str]:
    """One line per finding whose flagged words are not the block text at its offsets."""
    out: list[str] = []
    for f in findings:
        loc = f.location
        if not 0 <= loc.block < len(document.blocks):
            out.append(f"{f.rule}: block {loc.block} is not in the document")
            continue
        text = document.blocks[loc.block].text
        if not f.flagged:
            if (loc.start, loc.end) != (0, 0) and not 0 <= loc.start <= loc.end <= len(text):
                out.append(f"{f.rule}: offsets {loc.start}:{loc.end} outside the block")
            continue
        shown = text[loc.start:loc.end]
        if shown != f.flagged:
            out.append(f"{f.rule} in block {loc.block}: flagged {f.flagged[:40]!r} but "
                       f"{loc.start}:{loc.end} is {shown[:40]!r}")
    return out


def _word_char(ch: str) -> bool:
    return ch.isalnum()


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` begins and ends between words (not inside one)."""
    if not 0 <= start <= end <= len(text):
        return False
    if start > 0 and start < len(text) and _word_char(text[start - 1]) and _word_char(text[start]):
        return False
    return not (0 < end < len(text) and _word_char(text[end - 1]) and _word_char(text[end]))


def comment_problems(docx: bytes, author: str = "svdocs") -> list[str]:
    """One line per comment by ``author`` in the DOCX bytes that cuts a word at either end."""
    from svdocs.readers.docx_reader import parse_docx  # deferred: loads lxml's DOCX reader

    doc = parse_docx(docx)
    out: list[str] = []
    for i, block in enumerate(doc.blocks):
        for c in block.meta.get("comments", []):
            if c.get("author") != author:
                continue
            start, end = int(c["start"]), int(c["end"])
            if not on_word_boundaries(block.text, start, end):
                out.append(f"comment {c['id']} in block {i} covers "
                           f"{block.text[start:end][:40]!r}, part of a word")
    return out


def clause_headings(document: Document) -> list[int]:
    """Indexes of headings whose text reads as a body clause, not a heading."""
    return [i for i, b in enumerate(document.blocks)
            if b.kind is BlockKind.HEADING and not reads_as_heading(b.text)]


__all__ = ["clause_headings", "comment_problems", "on_word_boundaries", "span_problems"]
