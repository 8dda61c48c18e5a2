"""Typed clause variables: definitions, and checking a value against its definition.

A value is checked and converted (``coerce``) before it reaches a template: integers stay
``int``, decimals, percents and money become numbers, dates become :class:`datetime.date`,
lists become lists of strings. Every failure is a :class:`VariableError` whose message says
what was expected.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

_DURATION = re.compile(
    r"^\d+(\.\d+)?\s+(working\s+)?(day|week|month|year|business day)s?\b.*$", re.IGNORECASE
)


class VariableError(ValueError):
    """A value that does not fit its variable's definition."""


@dataclass
class Variable:
    """One typed variable of a clause, as declared in its front matter."""

    name: str
    type: str
    description: str
    default: Any = None
    required: bool = False
    min: Any = None
    max: Any = None
    choices: list[Any] = field(default_factory=list)
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    example: Any = None

    @classmethod
    def from_dict(cls, name: str, data: dict[str, Any]) -> Variable:
        return cls(
            name=name,
            type=str(data.get("type")),
            description=str(data.get("description", "")),
            default=data.get("default"),
            required=bool(data.get("required", False)),
            min=data.get("min"),
            max=data.get("max"),
            choices=list(data.get("choices") or []),
            max_length=data.get("max_length"),
            min_items=data.get("min_items"),
            max_items=data.get("max_items"),
            example=data.get("example"),
        )

    @property
    def has_default(self) -> bool:
        return self.default is not None

    def bounds_text(self) -> str:
        """Bounds or choices for help text, e.g. ``1 to 10000`` or ``monthly, quarterly``."""
        if self.type == "enum":
            return ", ".join(str(c) for c in self.choices)
        lo, hi = self.min, self.max
        if self.type == "percent":
            lo = 0 if lo is None else lo
            hi = 100 if hi is None else hi
        if lo is not None and hi is not None:
            return f"{lo} to {hi}"
        if lo is not None:
            return f"at least {lo}"
        if hi is not None:
            return f"at most {hi}"
        if self.type == "list" and (self.min_items or self.max_items):
            return f"{self.min_items or 0} to {self.max_items or 'any number of'} items"
        if self.type == "text" and self.max_length:
            return f"at most {self.max_length} characters"
        return ""

    # ------------------------------------------------------------------ checking values

    def coerce(self, value: Any) -> Any:
        """Return ``value`` converted for templates, or raise :class:`VariableError`."""
        kind = self.type
        if kind == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                raise VariableError(f"expected a whole number, got {_show(value)}")
            return self._bounded(value)
        if kind in ("decimal", "percent", "money"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                what = {"decimal": "a number", "percent": "a percentage as a number (15 for 15%)",
                        "money": "an amount in pounds as a number (250000 for £250,000)"}[kind]
                raise VariableError(f"expected {what}, got {_show(value)}")
            if value != value or value in (float("inf"), float("-inf")):
                raise VariableError(f"expected a finite number, got {_show(value)}")
            if kind == "percent":
                lo = 0 if self.min is None else self.min
                hi = 100 if self.max is None else self.max
                return self._bounded(value, lo, hi)
            if kind == "money" and value < 0 and (self.min is None or self.min >= 0):
                raise VariableError(f"expected an amount of at least 0, got {_show(value)}")
            return self._bounded(value)
        if kind == "date":
            day = parse_date(value)
            if day is None:
                raise VariableError(f"expected a date written YYYY-MM-DD, got {_show(value)}")
            lo = parse_date(self.min) if self.min is not None else None
            hi = parse_date(self.max) if self.max is not None else None
            if lo and day < lo:
                raise VariableError(f"expected a date on or after {lo.isoformat()}, "
                                    f"got {day.isoformat()}")
            if hi and day > hi:
                raise VariableError(f"expected a date on or before {hi.isoformat()}, "
                                    f"got {day.isoformat()}")
            return day
        if kind == "duration":
            if not isinstance(value, str) or not _DURATION.match(value.strip()):
                raise VariableError(
                    f"expected a duration such as '12 months' or '2 years', got {_show(value)}")
            return value.strip()
        if kind == "enum":
            if value not in self.choices:
                raise VariableError(f"expected one of {', '.join(map(str, self.choices))}, "
                                    f"got {_show(value)}")
            return value
        if kind == "text":
            if not isinstance(value, str) or not value.strip():
                raise VariableError(f"expected text, got {_show(value)}")
            if self.max_length is not None and len(value) > self.max_length:
                raise VariableError(f"expected at most {self.max_length} characters, "
                                    f"got {len(value)}")
            return value
        if kind == "list":
            if not isinstance(value, list) or not all(
                    isinstance(v, str) and v.strip() for v in value):
                raise VariableError(f"expected a list of texts, got {_show(value)}")
            if self.min_items is not None and len(value) < self.min_items:
                raise VariableError(f"expected at least {self.min_items} item(s), "
                                    f"got {len(value)}")
            if self.max_items is not None and len(value) > self.max_items:
                raise VariableError(f"expected at most {self.max_items} item(s), "
                                    f"got {len(value)}")
            return list(value)
        raise VariableError(f"unknown variable type {kind!r}")

    def _bounded(self, value: float, lo: Any = None, hi: Any = None) -> Any:
        lo = self.min if lo is None else lo
        hi = self.max if hi is None else hi
        if lo is not None and value < lo:
            raise VariableError(f"expected at least {lo}, got {_show(value)}")
        if hi is not None and value > hi:
            raise VariableError(f"expected at most {hi}, got {_show(value)}")
        return value

    def definition_problems(self) -> list[str]:
        """Problems in the definition itself (bounds that do not fit the type, a bad default)."""
        problems: list[str] = []
        numeric = self.type in ("integer", "decimal", "percent", "money")
        for bound in ("min", "max"):
            value = getattr(self, bound)
            if value is None:
                continue
            if numeric and (isinstance(value, bool) or not isinstance(value, (int, float))):
                problems.append(f"{bound}: expected a number, got {_show(value)}")
            elif self.type == "date" and parse_date(value) is None:
                problems.append(f"{bound}: expected a date written YYYY-MM-DD")
            elif not numeric and self.type != "date":
                problems.append(f"{bound}: not allowed for a {self.type} variable")
        if numeric and isinstance(self.min, (int, float)) and isinstance(self.max, (int, float)) \
                and self.min > self.max:
            problems.append(f"min {self.min} is greater than max {self.max}")
        if self.type == "enum" and not self.choices:
            problems.append("an enum variable needs choices")
        if self.type != "enum" and self.choices:
            problems.append(f"choices: not allowed for a {self.type} variable")
        if self.max_length is not None and self.type != "text":
            problems.append(f"max_length: not allowed for a {self.type} variable")
        if (self.min_items is not None or self.max_items is not None) and self.type != "list":
            problems.append(f"min_items/max_items: not allowed for a {self.type} variable")
        if self.default is None and not self.required:
            problems.append("needs a default or 'required: true'")
        if self.default is not None and (self.type != "enum" or self.choices):
            try:
                self.coerce(self.default)
            except VariableError as exc:
                problems.append(f"default: {exc}")
        return problems

    def sample(self) -> Any:
        """A value to render with when checking a clause: the default, else a plausible one."""
        if self.default is not None and (self.type != "enum" or self.choices):
            try:
                return self.coerce(self.default)
            except VariableError:
                pass
        if self.example is not None:
            try:
                return self.coerce(self.example)
            except VariableError:
                pass
        kind = self.type
        if kind in ("integer", "decimal", "percent", "money"):
            return self.min if isinstance(self.min, (int, float)) else (
                self.max if isinstance(self.max, (int, float)) and self.max < 1 else 1)
        if kind == "date":
            return parse_date(self.min) or dt.date(2027, 4, 1)
        if kind == "duration":
            return "12 months"
        if kind == "enum":
            return self.choices[0] if self.choices else ""
        if kind == "list":
            return [f"example item {i + 1}" for i in range(max(self.min_items or 1, 1))]
        return f"[{self.name}]"


def parse_date(value: Any) -> dt.date | None:
    """A date from YAML: a ``date`` or an ISO ``YYYY-MM-DD`` string; ``None`` if neither."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
