"""One-line messages for YAML that cannot be parsed (PyYAML's own run over several lines)."""

from __future__ import annotations

import yaml


def yaml_error_line(exc: yaml.YAMLError, offset: int = 0) -> str:
    """"malformed YAML at line 3, column 14: <problem>" (``offset`` lines added to the line)."""
    mark = getattr(exc, "problem_mark", None)
    text = str(exc)
    problem = getattr(exc, "problem", None) or (text.splitlines()[0] if text else "unreadable")
    if mark is not None:
        return f"malformed YAML at line {mark.line + 1 + offset}, column {mark.column + 1}: " \
               f"{problem}"
    return f"malformed YAML: {problem}"


def read_error_line(exc: BaseException) -> str:
    """A one-line reason a YAML file could not be read or parsed."""
    if isinstance(exc, yaml.YAMLError):
        return yaml_error_line(exc)
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (byte {exc.start})"
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__
