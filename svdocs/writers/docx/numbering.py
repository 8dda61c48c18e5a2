"""Word numbering definitions: the clause outline 1 / 1.1 / 1.1.1 / (a) and bullets.

Numbers are never typed into the text. One multi-level ``w:abstractNum`` describes the
outline; a ``w:num`` instance points at it, and each numbered paragraph carries a ``w:numPr``
with that instance and its level (``w:ilvl``), so Word computes, displays and renumbers them.
A document that restarts its outline part-way (an annex numbered from 1 again) gets a fresh
``w:num`` with a start override, which is how Word itself records "restart numbering".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docx.document import Document as WordDocument
from docx.oxml.ns import qn

from svdocs.core.model import Block, BlockKind
from svdocs.writers.docx import xml
from svdocs.writers.docx.styles import FONT

# (number format, level text, number position, text position), positions in twips
OUTLINE_LEVELS: tuple[tuple[str, str, int, int], ...] = (
    ("decimal", "%1", 0, 851),
    ("decimal", "%1.%2", 0, 851),
    ("decimal", "%1.%2.%3", 851, 1702),
    ("lowerLetter", "(%4)", 1702, 2268),
)
BULLET_INDENT = 357  # twips per bullet level


def outline_level(block: Block) -> int | None:
    """The numbering level (w:ilvl) of a numbered block, per the shared block conventions."""
    if not block.number or block.kind is BlockKind.TABLE_CELL:
        return None
    if block.kind is BlockKind.HEADING:
        return max(0, min(block.level - 1, 3))
    return max(0, min(block.level, 3))


def _letters(n: int) -> str:
    """Word's lowerLetter format: a..z, then aa..zz, then aaa..."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def label(counters: list[int], ilvl: int) -> str:
    """The text Word shows for a paragraph at ``ilvl`` given the current counters."""
    if ilvl == 3:
        return f"({_letters(counters[3])})"
    return ".".join(str(c) for c in counters[: ilvl + 1])


class OutlineCounter:
    """Replays Word's counting for the outline, so the writer knows what Word will show."""

    def __init__(self) -> None:
        self.counters = [0, 0, 0, 0]

    def advance(self, ilvl: int, start: int | None = None) -> str:
        self.counters[ilvl] = start if start is not None else self.counters[ilvl] + 1
        for i in range(ilvl + 1, 4):
            self.counters[i] = 0
        for i in range(ilvl):  # a level shown with no parent yet counts the parent as 1
            self.counters[i] = max(self.counters[i], 1)
        return label(self.counters, ilvl)


def word_labels(blocks: Iterable[Block]) -> list[str | None]:
    """What Word will display for each block written with :class:`ClauseNumbering`."""
    counter = OutlineCounter()
    out: list[str | None] = []
    for b in blocks:
        ilvl = outline_level(b)
        if ilvl is None:
            out.append(None)
            continue
        out.append(counter.advance(ilvl, _restart_value(b, ilvl, counter)))
    return out


def _restart_value(block: Block, ilvl: int, counter: OutlineCounter) -> int | None:
    """A new start for level 0 when the block's own number disagrees with the running count."""
    if ilvl != 0 or not block.number:
        return None
    m = re.fullmatch(r"\s*(\d+)\.?\s*", block.number)
    if not m:
        return None
    wanted = int(m.group(1))
    return wanted if wanted != counter.counters[0] + 1 else None


def _numbering_root(document: WordDocument):  # type: ignore[no-untyped-def]
    return document.part.numbering_part.element


def _insert_abstract(root, abstract) -> None:  # type: ignore[no-untyped-def]
    """abstractNum elements must all come before the first w:num."""
    first_num = root.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        root.append(abstract)


def _next_ids(root) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in root.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in root.findall(qn("w:num"))]
    return max(abstract_ids, default=-1) + 1, max(num_ids, default=0) + 1


def _level(ilvl: int, fmt: str, text: str, num_pos: int, text_pos: int, *,
           bold: bool = False, font: str | None = None):  # type: ignore[no-untyped-def]
    lvl = xml.el("w:lvl", {"w:ilvl": str(ilvl)})
    lvl.append(xml.el("w:start", {"w:val": "1"}))
    lvl.append(xml.el("w:numFmt", {"w:val": fmt}))
    lvl.append(xml.el("w:suff", {"w:val": "tab"}))
    lvl.append(xml.el("w:lvlText", {"w:val": text}))
    lvl.append(xml.el("w:lvlJc", {"w:val": "left"}))
    ppr = xml.el("w:pPr")
    ppr.append(xml.el("w:tabs", None, xml.el("w:tab", {"w:val": "num",
                                                       "w:pos": str(text_pos)})))
    ppr.append(xml.el("w:ind", {"w:left": str(text_pos), "w:hanging": str(text_pos - num_pos)}))
    lvl.append(ppr)
    rpr = xml.el("w:rPr")
    if font:
        rpr.append(xml.el("w:rFonts", {"w:ascii": font, "w:hAnsi": font, "w:cs": font,
                                       "w:hint": "default"}))
    if bold:
        rpr.append(xml.el("w:b"))
    if len(rpr):
        lvl.append(rpr)
    return lvl


class ClauseNumbering:
    """The outline and bullet numbering of one document, and the paragraphs attached to it."""

    def __init__(self, document: WordDocument) -> None:
        root = _numbering_root(document)
        self.root = root
        abstract_id, _ = _next_ids(root)
        self.outline_abstract = abstract_id
        self.bullet_abstract = abstract_id + 1
        outline = xml.el("w:abstractNum", {"w:abstractNumId": str(abstract_id)})
        outline.append(xml.el("w:nsid", {"w:val": "5356444F"}))
        outline.append(xml.el("w:multiLevelType", {"w:val": "multilevel"}))
        outline.append(xml.el("w:name", {"w:val": "svdocs clause outline"}))
        for ilvl, (fmt, text, num_pos, text_pos) in enumerate(OUTLINE_LEVELS):
            outline.append(_level(ilvl, fmt, text, num_pos, text_pos))
        bullets = xml.el("w:abstractNum", {"w:abstractNumId": str(abstract_id + 1)})
        bullets.append(xml.el("w:nsid", {"w:val": "5356444E"}))
        bullets.append(xml.el("w:multiLevelType", {"w:val": "hybridMultilevel"}))
        bullets.append(xml.el("w:name", {"w:val": "svdocs bullets"}))
        for ilvl, char in enumerate(("\u2022", "\u2013", "\u25e6")):
            pos = BULLET_INDENT * (ilvl + 1)
            bullets.append(_level(ilvl, "bullet", char, pos - BULLET_INDENT, pos, font=FONT))
        _insert_abstract(root, outline)
        _insert_abstract(root, bullets)
        self.outline_num = self._add_num(self.outline_abstract)
        self.bullet_num = self._add_num(self.bullet_abstract)
        self.counter = OutlineCounter()

    def _add_num(self, abstract_id: int, start: int | None = None) -> int:
        _, num_id = _next_ids(self.root)
        num = xml.el("w:num", {"w:numId": str(num_id)},
                     xml.el("w:abstractNumId", {"w:val": str(abstract_id)}))
        if start is not None:
            for ilvl in range(len(OUTLINE_LEVELS)):
                override = xml.el("w:lvlOverride", {"w:ilvl": str(ilvl)})
                override.append(xml.el("w:startOverride",
                                       {"w:val": str(start if ilvl == 0 else 1)}))
                num.append(override)
        self.root.append(num)
        return num_id

    def number(self, paragraph_element, block: Block) -> int | None:  # type: ignore[no-untyped-def]
        """Attach a numbered block's paragraph to the outline; returns the level, or None."""
        ilvl = outline_level(block)
        if ilvl is None:
            return None
        restart = _restart_value(block, ilvl, self.counter)
        if restart is not None:
            self.outline_num = self._add_num(self.outline_abstract, restart)
        self.counter.advance(ilvl, restart)
        attach(paragraph_element, self.outline_num, ilvl)
        # the indent is repeated on the paragraph, so heading styles that a viewer links to
        # its own outline numbering cannot shift it
        _, _, num_pos, text_pos = OUTLINE_LEVELS[ilvl]
        xml.put(paragraph_element.get_or_add_pPr(), xml.el(
            "w:ind", {"w:left": str(text_pos), "w:hanging": str(text_pos - num_pos)}))
        return ilvl

    def bullet(self, paragraph_element, level: int) -> None:  # type: ignore[no-untyped-def]
        attach(paragraph_element, self.bullet_num, max(0, min(level, 2)))


def attach(paragraph_element, num_id: int, ilvl: int) -> None:  # type: ignore[no-untyped-def]
    """Give a ``w:p`` a ``w:numPr`` (level and numbering instance)."""
    ppr = paragraph_element.get_or_add_pPr()
    xml.put(ppr, xml.el("w:numPr", None, xml.el("w:ilvl", {"w:val": str(ilvl)}),
                        xml.el("w:numId", {"w:val": str(num_id)})))
