"""The clause library: clauses as Markdown with YAML front matter, typed variables, commitments.

``load_library(path=None)`` loads and validates a library folder (default: the shipped one);
``check_library(path)`` lists every problem in a library without raising.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from svdocs.library.schema import (
    CONTRACT_KINDS,
    CYCLE,
    JURISDICTIONS,
    STAGES,
    THEMES,
    VARIABLE_TYPES,
)

# the rest loads on first use: jinja2 and jsonschema cost a tenth of a second, which
# ``svdocs lint`` (whose command line names these vocabularies) should not pay
_LAZY = {
    "SAMPLE_BRIEF": ".check", "check_library": ".check", "clause_problems": ".check",
    "Alternative": ".clause", "Clause": ".clause", "ClauseFormatError": ".clause",
    "body_sha256": ".clause", "Library": ".loader", "load_library": ".loader",
    "scan_library": ".loader", "TemplateError": ".sandbox", "render_string": ".sandbox",
    "Variable": ".variables", "VariableError": ".variables",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module, __name__), name)


__all__ = [
    "CONTRACT_KINDS",
    "CYCLE",
    "JURISDICTIONS",
    "SAMPLE_BRIEF",
    "STAGES",
    "THEMES",
    "VARIABLE_TYPES",
    "Alternative",
    "Clause",
    "ClauseFormatError",
    "Library",
    "TemplateError",
    "Variable",
    "VariableError",
    "body_sha256",
    "check_library",
    "clause_problems",
    "load_library",
    "render_string",
    "scan_library",
]
