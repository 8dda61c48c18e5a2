"""The clause library: clauses as Markdown with YAML front matter, typed variables, commitments.

``load_library(path=None)`` loads and validates a library folder (default: the shipped one);
``check_library(path)`` lists every problem in a library without raising.
"""

from __future__ import annotations

from .check import SAMPLE_BRIEF, check_library, clause_problems
from .clause import Alternative, Clause, ClauseFormatError, body_sha256
from .loader import Library, load_library, scan_library
from .sandbox import TemplateError, render_string
from .schema import CONTRACT_KINDS, CYCLE, JURISDICTIONS, STAGES, THEMES, VARIABLE_TYPES
from .variables import Variable, VariableError

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
