"""Turn JSON Schema validation errors into one readable line per problem.

Both clause front matter and briefs are checked against a JSON Schema; jsonschema's own
messages ("'x' is not of type 'number'") are correct but not friendly, so each error is
rewritten as ``field: expected ..., got ...`` naming the field by its path in the YAML.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError as SchemaError

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of names to values",
    "null": "nothing",
}


def field_path(parts: Iterable[Any], prefix: str = "") -> str:
    """``["clauses", 2, "variables", "x"]`` -> ``clauses[2].variables.x``."""
    out = prefix
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def show(value: Any, limit: int = 60) -> str:
    """A short, readable rendering of a YAML value for an error message."""
    if isinstance(value, dict):
        text = "a mapping"
    elif isinstance(value, list):
        text = "a list"
    elif value is None:
        text = "nothing"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _expected_type(schema_type: str | Sequence[str]) -> str:
    if isinstance(schema_type, str):
        return _TYPE_NAMES.get(schema_type, schema_type)
    return " or ".join(_TYPE_NAMES.get(t, t) for t in schema_type)


def suggest(name: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close match exists, else ``""``."""
    match = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.75)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _message(err: SchemaError, prefix: str) -> list[str]:
    where = field_path(err.absolute_path, prefix)
    schema = err.schema if isinstance(err.schema, dict) else {}
    described = schema.get("x-expected")
    kind = err.validator
    if kind == "required":
        missing = [name for name in err.validator_value if name not in (err.instance or {})]
        return [f"{field_path([*err.absolute_path, name], prefix)}: required field is missing"
                for name in missing]
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        extras = [k for k in err.instance if k not in known]
        return [f"{field_path([*err.absolute_path, k], prefix)}: unknown field"
                f"{suggest(str(k), known)}; expected one of {', '.join(known)}" for k in extras]
    if kind == "enum":
        choices = ", ".join(str(c) for c in err.validator_value)
        hint = suggest(str(err.instance), [str(c) for c in err.validator_value])
        return [f"{where}: expected one of {choices}, got {show(err.instance)}{hint}"]
    if described:
        return [f"{where}: expected {described}, got {show(err.instance)}"]
    if kind == "type":
        return [f"{where}: expected {_expected_type(err.validator_value)}, "
                f"got {show(err.instance)}"]
    if kind == "minimum":
        return [f"{where}: expected at least {err.validator_value}, got {show(err.instance)}"]
    if kind == "maximum":
        return [f"{where}: expected at most {err.validator_value}, got {show(err.instance)}"]
    if kind == "exclusiveMinimum":
        return [f"{where}: expected more than {err.validator_value}, got {show(err.instance)}"]
    if kind == "minItems":
        return [f"{where}: expected at least {err.validator_value} item(s)"]
    if kind == "maxItems":
        return [f"{where}: expected at most {err.validator_value} item(s)"]
    if kind == "minLength":
        return [f"{where}: must not be empty"]
    if kind == "maxLength":
        return [f"{where}: expected at most {err.validator_value} characters"]
    if kind == "uniqueItems":
        return [f"{where}: items must not repeat"]
    if kind == "pattern":
        return [f"{where}: expected text matching {err.validator_value}, got {show(err.instance)}"]
    if kind in ("oneOf", "anyOf"):
        return [f"{where}: expected {schema.get('description', 'a valid value')}, "
                f"got {show(err.instance)}"]
    return [f"{where}: {err.message}"]


def schema_problems(instance: Any, schema: dict[str, Any], prefix: str = "") -> list[str]:
    """Every problem of ``instance`` against ``schema``, one line each, in document order."""
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(instance),
                    key=lambda e: [str(p) for p in e.absolute_path])
    lines: list[str] = []
    for err in errors:
        for line in _message(err, prefix):
            if line not in lines:
                lines.append(line)
    return lines
