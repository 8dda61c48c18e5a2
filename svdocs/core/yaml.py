"""YAML in one place: the one safe loader every part of svdocs reads YAML with, and one-line
messages for YAML that cannot be parsed (PyYAML's own run over several lines)."""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's loader when PyYAML was built with it (several times faster), else the pure-Python one
_FAST: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDates(yaml.SafeLoader):
    """The safe loader, with dates kept as the text they were written as. It is the pure-Python
    one: people write these files (briefs, clauses), and its error marks are exact."""


_TextDates.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, *, dates_as_text: bool = False) -> Any:
    """``yaml.safe_load``, with libyaml when available; ``dates_as_text`` keeps dates as written
    (a brief's or clause's dates validate and print as the user wrote them). Raises
    ``yaml.YAMLError``."""
    return yaml.load(text, Loader=_TextDates if dates_as_text else _FAST)


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
