"""``svdocs clauses check``: validate a clause library and report every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from svdocs.core.markdown_blocks import structure_problems
from svdocs.core.model import COMMITMENT_PARTS
from svdocs.library.clause import Clause
from svdocs.library.loader import _display, default_values, scan_library
from svdocs.library.sandbox import TemplateError, referenced_names

#: What clause text may read as ``brief.<name>``, with the values used when checking.
SAMPLE_BRIEF: dict[str, Any] = {
    "authority": "Example Borough Council",
    "contract_title": "Example Services Contract",
    "reference": "EBC-2027-001",
    "value": 1_000_000,
    "term": "3 years",
    "weighting": 15,
    "weighting_reason": None,
    "jurisdiction": "england",
    "kind": "services",
}
#: Names a clause template may use that are not variables.
TEMPLATE_NAMES = frozenset({"brief"})
#: Commitment parts that a library commitment must state (a baseline only where it applies).
REQUIRED_PARTS = tuple(p for p in COMMITMENT_PARTS if p != "baseline")


def clause_problems(clause: Clause) -> list[str]:
    """Problems of one schema-valid clause: variables, rendering, commitments, body shape."""
    problems: list[str] = []
    names, syntax = referenced_names(clause.template_sources())
    problems += syntax
    for name in sorted(names - set(clause.variables) - TEMPLATE_NAMES):
        problems.append(f"uses undefined variable '{name}' (declare it under variables:)")
    unused = sorted(set(clause.variables) - names)
    for name in unused:
        problems.append(f"variables.{name}: declared but never used in the body, the "
                        "alternatives or the commitments")
    if any("syntax error" in p for p in syntax):
        return problems
    values = default_values(clause)  # bad defaults are reported by the scan; render anyway
    for alt in [None, *[a.id for a in clause.alternatives]]:
        label = "body" if alt is None else f"alternatives[{alt}]"
        try:
            text = clause.render_body(values, SAMPLE_BRIEF, alt)
        except TemplateError as exc:
            problems.append(f"{label}: {exc}")
            continue
        problems += [f"{label}: {p}" for p in body_shape_problems(text)]
    try:
        commitments = clause.render_commitments(values, SAMPLE_BRIEF)
    except TemplateError as exc:
        problems.append(f"commitments: {exc}")
        commitments = []
    for i, commitment in enumerate(commitments):
        parts = ("target", "unit", *REQUIRED_PARTS[1:])
        gaps = [p for p in parts if not getattr(commitment, p)]
        if gaps:
            problems.append(f"commitments[{i}] ({clause.commitments[i].get('id')}): "
                            f"incomplete, missing {', '.join(gaps)}")
    if "kpi" in clause.stages and not any(c.kpi for c in commitments) \
            and clause.theme != "governance":
        problems.append("stages include kpi but no commitment has 'kpi: true'")
    return problems


def body_shape_problems(markdown: str) -> list[str]:
    """Markdown the assembler cannot number: typed numbers, deep headings, nested lists."""

    return structure_problems(markdown)


def check_library(path: Path | str) -> list[str]:
    """Every problem in the library at ``path``, one line each naming the file; [] if clean."""
    folder = Path(path)
    library, problems = scan_library(folder)
    for clause in library:
        where = _display(clause.path, folder) if clause.path else clause.id
        problems += [f"{where}: {p}" for p in clause_problems(clause)]
    return problems
