"""Helpers every reader shares: reading the file within limits, decoding text, and keeping
the outline (heading path) and the block and character counts while blocks are added."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

from svdocs.core.errors import InputError
from svdocs.core.limits import Limits
from svdocs.core.model import Block, BlockKind, Document, SourceRef


def read_input_bytes(path: Path, limits: Limits) -> bytes:
    """The bytes of ``path``, refusing what is missing, not a file or larger than the limit."""
    name = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None
    if not path.is_file():
        raise InputError("not a file", name)
    if st.st_size > limits.max_file_size:
        raise limits.exceeded("max_file_size", f"file is {st.st_size:,} bytes", name)
    try:
        with path.open("rb") as fh:
            data = fh.read(limits.max_file_size + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", name) from None
    if len(data) > limits.max_file_size:
        raise limits.exceeded("max_file_size", "file grew while reading", name)
    return data


# --------------------------------------------------------------------------- decoding text

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with BOM"),
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

#: Share of control characters (other than tab, newline, carriage return, form feed) above
#: which decoded "text" is taken to be binary data.
_MAX_CONTROL_SHARE = 0.02


def decode_text(data: bytes, path: str | None) -> tuple[str, list[str]]:
    """Decode a text file: a BOM decides; else UTF-8; else UTF-16 without BOM if the NUL bytes
    say so; else Windows-1252 with a warning. Binary data raises :class:`InputError`.

    Returns the text (with ``\\r\\n`` and ``\\r`` turned into ``\\n``) and any warnings.
    """
    warnings: list[str] = []
    text: str | None = None
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"starts with a {label} byte-order mark but is not valid {label} "
                    f"(bad bytes at offset {exc.start})",
                    path,
                ) from None
            text = text.lstrip("\ufeff")
            break
    if text is None:
        text = _decode_without_bom(data, path, warnings)
    control = sum(1 for ch in text if (ch < " " and ch not in "\t\n\r\f") or ch == "\x7f")
    if "\x00" in text or (text and control / len(text) > _MAX_CONTROL_SHARE):
        raise InputError("binary data, not text (control characters found)", path)
    return text.replace("\r\n", "\n").replace("\r", "\n"), warnings


def _decode_without_bom(data: bytes, path: str | None, warnings: list[str]) -> str:
    if len(data) >= 4 and b"\x00" in data:  # UTF-16 text is also "valid" UTF-8 with NULs
        even_nuls = data[0::2].count(0)
        odd_nuls = data[1::2].count(0)
        half = len(data) // 2
        for codec, nuls in (("utf-16-le", odd_nuls), ("utf-16-be", even_nuls)):
            if nuls > 0.3 * half and len(data) % 2 == 0:
                try:
                    text = data.decode(codec)
                except UnicodeDecodeError:
                    continue
                warnings.append(f"no byte-order mark; read as {codec.upper()}")
                return text
        raise InputError("binary data, not text (NUL bytes found)", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"cannot decode: not UTF-8 (bad byte 0x{data[bad]:02x} at offset {bad}) and not "
            f"Windows-1252 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8",
            path,
        ) from None
    warnings.append(
        f"not valid UTF-8 (byte 0x{data[bad]:02x} at offset {bad}); read as Windows-1252"
    )
    return text


# --------------------------------------------------------------------------- building


def heading_label(block: Block) -> str:
    """A heading as it reads in a heading path: its number once ("3. What needs to be
    delivered", not "3 3. What needs ..." when the number is typed in the text)."""
    number = (block.number or "").strip()
    if not number or block.meta.get("number_in_text"):
        return block.text
    head = block.text.lstrip()
    if head.startswith(number) and head[len(number):len(number) + 1] in ("", ".", " ", "\t", ")"):
        return block.text
    return block.label


class DocumentBuilder:
    """Collects blocks in reading order, keeps the heading path, and enforces the limits."""

    def __init__(self, path: str | None, limits: Limits) -> None:
        self.doc = Document(path=path)
        self.limits = limits
        self.characters = 0
        self._headings: list[tuple[int, str]] = []  # (level, label) outermost first

    @property
    def heading_path(self) -> tuple[str, ...]:
        return tuple(label for _, label in self._headings)

    def add(
        self,
        kind: BlockKind,
        text: str,
        *,
        level: int = 0,
        number: str | None = None,
        source: SourceRef | None = None,
        **extra: object,
    ) -> Block:
        """Append a block; a heading first updates the heading path (it is not its own parent)."""
        if kind is BlockKind.HEADING:
            while self._headings and self._headings[-1][0] >= level:
                self._headings.pop()
        block = Block(
            kind=kind,
            text=text,
            level=level,
            number=number,
            heading_path=self.heading_path,
            source=source or SourceRef(),
            **extra,  # type: ignore[arg-type]
        )
        if kind is BlockKind.HEADING:
            self._headings.append((level, " ".join(heading_label(block).split())))
        self.doc.blocks.append(block)
        self.characters += len(text)
        if len(self.doc.blocks) > self.limits.max_paragraphs:
            raise self.limits.exceeded(
                "max_paragraphs", "too many paragraphs", self.doc.path
            )
        if self.characters > self.limits.max_characters:
            raise self.limits.exceeded("max_characters", "too much text", self.doc.path)
        return block

    def save_outline(self) -> list[tuple[int, str]]:
        """The current heading path, to restore after reading text outside the outline."""
        return list(self._headings)

    def restore_outline(self, saved: list[tuple[int, str]]) -> None:
        self._headings[:] = saved

    def reset_outline(self) -> None:
        """Forget the heading path (a header, footer or new part starts outside the outline)."""
        self._headings.clear()


def start_markup_document(text: str, fmt: str, path: str | None,
                          limits: Limits) -> tuple[DocumentBuilder, list[dict[str, Any]]]:
    """The shared start of the Markdown and HTML readers: the size check, a builder whose
    document records its format, and the list the reader fills with HTML comments (the
    inline suppression directives). An empty text gets its warning here."""
    if len(text) > limits.max_characters:
        raise limits.exceeded("max_characters", "too much text", path)
    builder = DocumentBuilder(path, limits)
    builder.doc.properties["format"] = fmt
    comments: list[dict[str, Any]] = []
    builder.doc.properties["html_comments"] = comments
    if not text.strip():
        builder.doc.warnings.append("the file is empty (no text)")
    return builder, comments
