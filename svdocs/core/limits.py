"""Limits that bound what reading one input may cost.

Tender documents come from bidders, other departments and old archives, and svdocs runs
unattended in pipelines, so every reader stops early, with a one-line error naming the limit,
when an input is larger than these limits. The defaults are generous for real tender packs
(a 1,000-page contract is far inside them). A user who needs more raises a limit:

* in code: ``read_document(path, limits=Limits(max_file_size=500 * MIB))``;
* from the shell or a pipeline: an environment variable per limit, named ``SVDOCS_`` plus the
  field name in capitals, e.g. ``SVDOCS_MAX_FILE_SIZE=500MB`` or ``SVDOCS_MAX_PARAGRAPHS=1e6``.
  Sizes accept a plain number of bytes or a suffix ``KB``, ``MB``, ``GB`` (powers of 1024).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from svdocs.core.errors import LimitExceeded

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB

_SIZE_FIELDS = {"max_file_size", "max_part_size", "max_total_size"}


@dataclass(frozen=True)
class Limits:
    """Bounds on one input document. Every field can be raised (see the module docstring)."""

    #: Largest input file on disk, in bytes.
    max_file_size: int = 100 * MIB
    #: Largest uncompressed size of one part (file) inside a DOCX zip, in bytes.
    max_part_size: int = 256 * MIB
    #: Largest total uncompressed size of the parts svdocs reads from one DOCX, in bytes.
    max_total_size: int = 512 * MIB
    #: Largest compression ratio (uncompressed / compressed) of a DOCX part above 1 MiB.
    max_compression_ratio: float = 500.0
    #: Most entries in a DOCX zip.
    max_zip_entries: int = 10_000
    #: Most paragraphs (blocks) in one document.
    max_paragraphs: int = 500_000
    #: Most characters of text in one document.
    max_characters: int = 50_000_000
    #: Deepest nesting of tables inside tables (DOCX and HTML).
    max_table_depth: int = 16
    #: Most pages read from one PDF.
    max_pages: int = 10_000

    @classmethod
    def default(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The defaults, with any ``SVDOCS_<FIELD>`` environment variable applied."""
        env = os.environ if environ is None else environ
        changes: dict[str, float | int] = {}
        for f in fields(cls):
            raw = env.get(f"SVDOCS_{f.name.upper()}")
            if raw is None or not raw.strip():
                continue
            changes[f.name] = _parse_value(f.name, raw)
        return replace(cls(), **changes)  # type: ignore[arg-type]

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Limits:
        """Limits from a mapping such as a ``[limits]`` table of a config file."""
        known = {f.name for f in fields(cls)}
        changes: dict[str, float | int] = {}
        for key, value in data.items():
            name = key.replace("-", "_")
            if name not in known:
                raise ValueError(f"unknown limit {key!r} (known: {', '.join(sorted(known))})")
            changes[name] = _parse_value(name, str(value))
        return replace(cls.default(), **changes)  # type: ignore[arg-type]

    def exceeded(self, name: str, what: str, path: str | None) -> LimitExceeded:
        """The error for an input beyond limit ``name``; the message says how to raise it."""
        value = getattr(self, name)
        shown = format_size(value) if name in _SIZE_FIELDS else f"{value:,}"
        return LimitExceeded(
            f"{what}: exceeds the limit {name} = {shown} "
            f"(raise it with SVDOCS_{name.upper()} or Limits({name}=...))",
            path,
        )


_SIZE_RE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?(?:e[0-9]+)?)\s*([kmg]i?b?)?\s*$", re.I)
_UNITS = {"k": KIB, "m": MIB, "g": GIB}


def _parse_value(name: str, raw: str) -> float | int:
    match = _SIZE_RE.match(raw)
    if not match:
        raise ValueError(f"limit {name}: cannot read {raw!r} as a number")
    number = float(match.group(1))
    unit = match.group(2)
    if unit:
        if name not in _SIZE_FIELDS:
            raise ValueError(f"limit {name}: {raw!r} is a count, not a size")
        number *= _UNITS[unit[0].lower()]
    if number <= 0:
        raise ValueError(f"limit {name}: must be greater than zero, not {raw!r}")
    return number if name == "max_compression_ratio" else int(number)


def format_size(size: float) -> str:
    """A byte count as people read it: ``512 MiB``, ``3.2 KiB``, ``17 bytes``."""
    for unit, factor in (("GiB", GIB), ("MiB", MIB), ("KiB", KIB)):
        if size >= factor:
            value = size / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{int(size)} bytes"
