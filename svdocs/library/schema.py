"""The vocabulary of the clause library and the JSON Schema of a clause's front matter."""

from __future__ import annotations

from typing import Any

THEMES: tuple[str, ...] = (
    "local-employment", "fair-work", "skills", "equal-opportunity", "supply-chain",
    "environment", "modern-slavery", "health-wellbeing", "community", "innovation",
    "imperatives", "governance",
)
STAGES: tuple[str, ...] = (
    "specification", "selection", "itt-question", "evaluation", "contract", "kpi",
    "remedies", "definitions",
)
CYCLE: tuple[str, ...] = ("needs-assessment", "design", "market-engagement", "performance-review")
JURISDICTIONS: tuple[str, ...] = ("england", "wales", "scotland", "northern-ireland")
CONTRACT_KINDS: tuple[str, ...] = ("services", "works", "goods")
VARIABLE_TYPES: tuple[str, ...] = (
    "integer", "decimal", "percent", "money", "date", "duration", "enum", "text", "list",
)

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SEMVER_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
NAME_PATTERN = r"^[a-z_][a-z0-9_]*$"

_TEXT = {"type": "string", "minLength": 1}
_TEXT_LIST = {"type": "array", "items": _TEXT}

VARIABLE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["type", "description"],
    "properties": {
        "type": {"enum": list(VARIABLE_TYPES)},
        "description": _TEXT,
        "default": {},
        "required": {"type": "boolean"},
        "min": {},
        "max": {},
        "choices": {"type": "array", "minItems": 1, "items": {"type": ["string", "number"]}},
        "max_length": {"type": "integer", "minimum": 1},
        "min_items": {"type": "integer", "minimum": 0},
        "max_items": {"type": "integer", "minimum": 1},
        "example": {},
    },
}

COMMITMENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "measure", "target"],
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN,
               "x-expected": "a lower-case id with hyphens, e.g. local-jobs"},
        "text": _TEXT,
        "measure": _TEXT,
        "unit": _TEXT,
        "target": {"type": ["string", "number"]},
        "baseline": _TEXT,
        "deadline": _TEXT,
        "beneficiaries": _TEXT,
        "evidence": {"oneOf": [_TEXT, _TEXT_LIST],
                     "description": "text or a list of texts"},
        "reporting_frequency": _TEXT,
        "verifier": _TEXT,
        "consequence": _TEXT,
        "kpi": {"type": "boolean"},
    },
}

ALTERNATIVE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "body"],
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN,
               "x-expected": "a lower-case id with hyphens, e.g. enhanced"},
        "title": _TEXT,
        "body": _TEXT,
        "weak": {"type": "boolean"},
        "guidance": _TEXT,
    },
}

#: A clause's status in the library: approved for use, a draft under review, or withdrawn
#: (kept so that documents made with it can still be audited).
STATUSES: tuple[str, ...] = ("approved", "draft", "withdrawn")

#: One earlier version of a clause (docs/audit.md, "Clause versions"): its version, the
#: body as it was (the jinja2 source) and optionally when and why it changed.
HISTORY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "body"],
    "properties": {
        "version": {"type": "string", "pattern": SEMVER_PATTERN,
                    "x-expected": "the earlier semantic version, e.g. 1.0.0"},
        "body": _TEXT,
        "title": _TEXT,
        "changed": {"type": "string", "pattern": DATE_PATTERN,
                    "x-expected": "the date the next version replaced it, YYYY-MM-DD"},
        "note": _TEXT,
    },
}

CLAUSE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "version", "theme", "stages", "jurisdictions", "source",
                 "reviewed"],
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN,
               "x-expected": "a lower-case id with hyphens, e.g. local-employment"},
        "title": _TEXT,
        "version": {"type": "string", "pattern": SEMVER_PATTERN,
                    "x-expected": "a semantic version such as 1.0.0 (in quotes if YAML "
                                  "would read it as a number)"},
        "theme": {"enum": list(THEMES)},
        "policy": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "ppn_06_20": _TEXT,
                "ppn_002": _TEXT,
                "toms": {"oneOf": [_TEXT, _TEXT_LIST], "description": "text or a list of texts"},
                "instruments": _TEXT_LIST,
            },
        },
        "stages": {"type": "array", "minItems": 1, "uniqueItems": True,
                   "items": {"enum": list(STAGES)}},
        "cycle": {"type": "array", "uniqueItems": True, "items": {"enum": list(CYCLE)}},
        "jurisdictions": {"type": "array", "minItems": 1, "uniqueItems": True,
                          "items": {"enum": list(JURISDICTIONS)}},
        "contract_kinds": {"type": "array", "minItems": 1, "uniqueItems": True,
                           "items": {"enum": list(CONTRACT_KINDS)}},
        "variables": {
            "type": "object",
            "propertyNames": {"pattern": NAME_PATTERN},
            "additionalProperties": VARIABLE_SCHEMA,
        },
        "commitments": {"type": "array", "items": COMMITMENT_SCHEMA},
        "guidance": _TEXT,
        "alternatives": {"type": "array", "items": ALTERNATIVE_SCHEMA},
        "source": _TEXT,
        "reviewed": {"type": "string", "pattern": DATE_PATTERN,
                     "x-expected": "a date written YYYY-MM-DD"},
        "requires": {"type": "array", "uniqueItems": True,
                     "items": {"type": "string", "pattern": ID_PATTERN,
                               "x-expected": "a clause id"}},
        "status": {"enum": list(STATUSES)},
        "history": {"type": "array", "items": HISTORY_SCHEMA},
    },
}
