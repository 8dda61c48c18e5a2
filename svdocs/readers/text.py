"""Plain text: paragraphs split at blank lines and at numbered clauses, headings by heuristics.

A line that starts with a clause number ("4", "4.2", "4.2.1", "4.", "(b)", "b)", "(iv)") or a
bullet ("-", "*", "•") starts a new block; the number goes to ``Block.number`` and stays out of
``Block.text``. A short line on its own (a blank line or a number before it, nothing after it
on the same paragraph) with no closing punctuation and no modal verb is a heading: a numbered
one takes its level from the number ("4" level 1, "4.2" level 2), an unnumbered one in
capitals, or underlined with ``===``/``---``, or starting "Schedule", "Annex", "Part",
"Section" or "Appendix" is level 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from svdocs.core.limits import Limits
from svdocs.core.model import BlockKind, Document, SourceRef
from svdocs.readers.common import DocumentBuilder, decode_text, read_input_bytes

_NUMBER_RE = re.compile(
    r"""^(?P<indent>[ \t]*)
    (?P<num>
        (?:\d{1,3}\.)+\d{1,3}\.?           # 4.2 4.2.1 4.2.
      | \d{1,3}\.?(?=[ \t])                 # 4 or 4.
      | \((?:[a-z]{1,2}|[ivxlc]{1,6}|[A-Z]|\d{1,3})\)   # (b) (iv) (A) (3)
      | (?:[a-z]|[ivxlc]{1,6})\)            # b) iv)
      | [-*\u2022\u2013\u25aa\u25cf](?=[ \t])  # bullets
    )
    [ \t]+(?=\S)""",
    re.VERBOSE,
)
_HEADING_WORDS_RE = re.compile(r"^(schedule|annex|appendix|part|section)\b", re.I)
_MODAL_RE = re.compile(r"\b(shall|will|must|may|should|agrees?|undertakes?)\b", re.I)
_ROMAN_RE = re.compile(r"^[ivxlc]+$")
_UNDERLINE_RE = re.compile(r"^[ \t]*(={3,}|-{3,})[ \t]*$")


@dataclass
class _Line:
    text: str
    line: int  # 1-based
    offset: int  # offset of the line's first character in the source text


@dataclass
class _Pending:
    lines: list[tuple[_Line, int]] = field(default_factory=list)  # (line, column of content)
    number: str | None = None
    bullet: bool = False
    underline: bool = False


def read_text_file(path: Path, limits: Limits) -> Document:
    data = read_input_bytes(path, limits)
    text, warnings = decode_text(data, str(path))
    doc = parse_text(text, path=str(path), limits=limits)
    doc.warnings[:0] = warnings
    return doc


def parse_text(
    text: str,
    *,
    path: str | None = None,
    limits: Limits | None = None,
    page: int | None = None,
    builder: DocumentBuilder | None = None,
) -> Document:
    """Split ``text`` into blocks. With ``builder`` the blocks are added to its document
    (the PDF reader calls this once per page, passing ``page``)."""
    limits = limits or Limits.default()
    own = builder is None
    builder = builder or DocumentBuilder(path, limits)
    if len(text) > limits.max_characters:
        raise limits.exceeded("max_characters", "too much text", path)
    if own:
        builder.doc.properties["format"] = "text"
        if not text.strip():
            builder.doc.warnings.append("the file is empty (no text)")
            return builder.doc
    state = _TextState(builder, page)
    offset = 0
    raw_lines = text.split("\n")
    for i, raw in enumerate(raw_lines, start=1):
        line = _Line(raw, i, offset)
        offset += len(raw) + 1
        state.feed(line)
    state.flush()
    first = builder.doc.blocks[0] if builder.doc.blocks else None
    if own and first is not None and first.kind is BlockKind.HEADING and first.number is None:
        builder.doc.title = first.text
    return builder.doc


class _TextState:
    def __init__(self, builder: DocumentBuilder, page: int | None) -> None:
        self.builder = builder
        self.page = page
        self.pending: _Pending | None = None
        self.prev_letter: str | None = None

    def feed(self, line: _Line) -> None:
        raw = line.text.rstrip()
        if not raw.strip():
            self.flush()
            return
        if _UNDERLINE_RE.match(raw) and self.pending and len(self.pending.lines) == 1:
            self.pending.underline = True
            self.flush()
            return
        match = _NUMBER_RE.match(raw)
        if match and self._starts_block(match, raw):
            self.flush()
            num = match.group("num")
            self.pending = _Pending(
                lines=[(line, match.end() + 1)],
                number=None if _is_bullet(num) else num,
                bullet=_is_bullet(num),
            )
            return
        column = len(raw) - len(raw.lstrip()) + 1
        if self.pending is None:
            self.pending = _Pending()
        self.pending.lines.append((line, column))

    def _starts_block(self, match: re.Match[str], raw: str) -> bool:
        """A number at the start of a wrapped line may just be a quantity ("...create\n20 jobs"):
        it starts a block only at a paragraph start, after a line ending in ``.;:``, or when it
        cannot be a quantity ("4.2", "(b)", "4.")."""
        num = match.group("num")
        plain = num.isdigit()
        if plain and not raw[match.end()].isupper():
            return False
        if self.pending is None or not self.pending.lines:
            return True
        if plain:
            return False
        last = self.pending.lines[-1][0].text.rstrip()
        return last.endswith((".", ";", ":", " and", " or")) or not num[0].isdigit() or (
            "." in num.rstrip(".") or num.endswith(".")
        )

    def flush(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None or not pending.lines:
            return
        first, column = pending.lines[0]
        pieces = [first.text[column - 1 :].rstrip()]
        pieces += [ln.text.strip() for ln, _ in pending.lines[1:]]
        text = "\n".join(pieces)
        source = SourceRef(
            line=first.line,
            column=column,
            end_line=pending.lines[-1][0].line,
            offset=first.offset + column - 1,
            page=self.page,
        )
        meta: dict[str, object] = {
            "lines": [[ln.line, col if k == 0 else len(ln.text) - len(ln.text.lstrip()) + 1]
                      for k, (ln, col) in enumerate(pending.lines)],
        }
        number = _clean_number(pending.number) if pending.number else None
        heading_level = self._heading_level(pending, text, number)
        if heading_level:
            self.builder.add(BlockKind.HEADING, text, level=heading_level, number=number,
                             source=source, meta=meta)
            return
        if pending.bullet:
            meta["bullet"] = True
            self.builder.add(BlockKind.LIST_ITEM, text, level=3, source=source, meta=meta)
            return
        if number is None:
            self.builder.add(BlockKind.PARAGRAPH, text, source=source, meta=meta)
            return
        kind, level = self._number_kind(number)
        self.builder.add(kind, text, level=level, number=number, source=source, meta=meta)

    def _heading_level(self, pending: _Pending, text: str, number: str | None) -> int:
        if len(pending.lines) != 1 or pending.bullet:
            return 0
        words = text.split()
        if not words or len(words) > 12 or len(text) > 90:
            return 0
        if text[-1] in ".;:,?!" or _MODAL_RE.search(text) or not text[0].isupper():
            return 0
        if pending.underline:
            return 1 if pending.lines[0][0].text.strip() else 2
        if number is not None:
            if not number[0].isdigit():
                return 0
            return number.count(".") + 1 if len(words) <= 8 else 0
        letters = [c for c in text if c.isalpha()]
        if letters and all(c.isupper() for c in letters) and len(letters) > 2:
            return 1
        if _HEADING_WORDS_RE.match(text) and len(words) <= 8:
            return 1
        return 0

    def _number_kind(self, number: str) -> tuple[BlockKind, int]:
        if number[0].isdigit():
            self.prev_letter = None
            return BlockKind.PARAGRAPH, number.count(".")
        inner = number.strip("()")
        if _ROMAN_RE.match(inner) and not _follows_letter(inner, self.prev_letter):
            return BlockKind.LIST_ITEM, 4
        self.prev_letter = inner.lower() if len(inner) == 1 else None
        return BlockKind.LIST_ITEM, 3


def _follows_letter(inner: str, prev: str | None) -> bool:
    """Is "(i)" the letter after "(h)" rather than a roman one? Likewise "(v)", "(x)"."""
    if len(inner) != 1:
        return False
    if prev is None:
        return inner != "i"
    return ord(inner) == ord(prev) + 1


def _is_bullet(num: str) -> bool:
    return num in ("-", "*", "\u2022", "\u2013", "\u25aa", "\u25cf")


def split_typed_number(text: str, *, heading: bool) -> tuple[str | None, int]:
    """The clause number typed at the start of a heading or paragraph, and where text starts.

    Headings take any number ("4 Reporting"); paragraphs only a dotted or lettered one
    ("3.1 The Supplier", "(b) ..."), so a sentence that opens with a count is left alone.
    Returns ``(None, 0)`` when there is none.
    """
    match = _NUMBER_RE.match(text)
    if not match or match.group("num") in ("-", "*"):
        return None, 0
    if not heading and match.group("num").isdigit():
        return None, 0
    return _clean_number(match.group("num")), match.end()


def _clean_number(num: str) -> str:
    """"4." -> "4"; "4.2." -> "4.2"; "b)" -> "(b)"; "(b)" stays."""
    num = num.rstrip(".")
    if num.endswith(")") and not num.startswith("("):
        num = f"({num[:-1]})"
    return num
