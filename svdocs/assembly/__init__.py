"""Assembly: a brief plus the clause library and the document templates make the
specification, the ITT social value section, the contract social value schedule (with its
KPI table) and ``commitments.json``.

``assemble(brief, library=None) -> AssemblyResult``; ``write_outputs(result, out_dir,
formats, force) -> list[Path]``.
"""

from __future__ import annotations

from svdocs.assembly.builder import DOCUMENTS, AssemblyResult, assemble, assemble_file
from svdocs.assembly.output import (
    COMMITMENTS_FILE,
    DEFAULT_FORMATS,
    parse_formats,
    planned_paths,
    write_outputs,
)

__all__ = [
    "COMMITMENTS_FILE",
    "DEFAULT_FORMATS",
    "DOCUMENTS",
    "AssemblyResult",
    "assemble",
    "assemble_file",
    "parse_formats",
    "planned_paths",
    "write_outputs",
]
