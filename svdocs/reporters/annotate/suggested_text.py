"""A library clause as the text of a suggested change, with placeholders for its values.

The clause is rendered in the library's sandbox with a stand-in for every number, amount,
percentage, date and piece of text it asks for; each stand-in then becomes a placeholder the
reviewer fills in (``[number]``, ``[percent]``, ``[amount]``, ``[date]``, ``[local area]``),
shown highlighted in Word. Choices (an ``enum`` such as the reporting frequency), lists and
durations take the clause's default, so the sentence still reads. The Markdown of the body
becomes plain paragraphs: list items start with a bullet or their number, a table row's cells
are joined by tabs.

The document's own values are not read back into the clause: svdocs cannot tell which of a
stranger's words is the value of which variable, so every value is left for the reviewer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from svdocs.core.model import BlockKind
from svdocs.library.clause import Clause
from svdocs.library.sandbox import TemplateError
from svdocs.readers import read_text

_SENTINEL = 900_000_000
_OPEN, _CLOSE = "\ue000", "\ue001"
_LABELS = {"integer": "number", "decimal": "number", "percent": "percent", "money": "amount",
           "date": "date"}


@dataclass(frozen=True)
class Piece:
    """A stretch of suggested text: words to insert, or a placeholder to fill in."""

    text: str
    placeholder: bool = False


def _stand_ins(clause: Clause) -> tuple[dict[str, Any], dict[str, str]]:
    """Values to render with, and what each numeric stand-in's digits stand for."""
    values: dict[str, Any] = {}
    numbers: dict[str, str] = {}
    for k, (name, var) in enumerate(clause.variables.items()):
        label = _LABELS.get(var.type)
        if var.type in ("integer", "decimal", "percent", "money"):
            values[name] = _SENTINEL + k
            numbers[str(_SENTINEL + k)] = label or "number"
        elif var.type == "date":
            values[name] = dt.date(2099, 1 + k % 12, 1 + k // 12 % 28)
        elif var.type == "text":
            values[name] = f"{_OPEN}{name.replace('_', ' ')}{_CLOSE}"
        else:  # enum, list, duration: the default keeps the sentence readable
            values[name] = var.coerce(var.default) if var.default is not None else var.sample()
    return values, numbers


def _mark_numbers(text: str, numbers: dict[str, str]) -> str:
    def grouped(digits: str) -> str:
        return f"{int(digits):,}"

    for digits, label in numbers.items():
        forms = {digits, grouped(digits)}
        pattern = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        text = re.sub(rf"£?(?:{pattern})(?:\.\d+)?%?", f"{_OPEN}{label}{_CLOSE}", text)
    return text


def _mark_dates(text: str, clause: Clause) -> str:
    months = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
    for k, var in enumerate(clause.variables.values()):
        if var.type != "date":
            continue
        month, day = 1 + k % 12, 1 + k // 12 % 28
        for form in (f"2099-{month:02d}-{day:02d}", f"{day} {months[month - 1]} 2099"):
            text = text.replace(form, f"{_OPEN}date{_CLOSE}")
    return text


def _plain(markdown: str) -> str:
    """The clause's Markdown as plain paragraphs joined by newlines."""
    doc = read_text(markdown, fmt="markdown")
    lines: list[str] = []
    row: tuple[int, int] | None = None
    for b in doc.blocks:
        if b.table is not None:
            key = (b.table.table, b.table.row)
            if key == row:
                lines[-1] += "\t" + b.text
            else:
                lines.append(b.text)
            row = key
            continue
        row = None
        if b.kind is BlockKind.LIST_ITEM:
            lines.append(("• " if b.meta.get("bullet") or not b.number else f"{b.number} ")
                         + b.text)
        else:
            lines.append(b.label)
    return "\n".join(lines)


class _Brief(dict):  # type: ignore[type-arg]
    """The brief a clause may quote (``brief.authority``): a placeholder for each field."""

    def __missing__(self, key: str) -> str:
        return f"{_OPEN}{key.replace('_', ' ')}{_CLOSE}"


def suggestion_pieces(clause: Clause) -> list[Piece] | None:
    """The clause's text as :class:`Piece` s, placeholders apart; ``None`` when it cannot be
    rendered without a real brief (it computes with the brief's numbers)."""
    values, numbers = _stand_ins(clause)
    try:
        rendered = clause.render_body(values, _Brief())
        marked = _mark_dates(_mark_numbers(rendered, numbers), clause)
        if str(_SENTINEL)[:4] in marked.replace(",", ""):
            # a template that computes with a value: render with its defaults instead
            marked = clause.render_body(clause.values(sample=True), _Brief())
    except TemplateError:
        return None
    text = _plain(marked)
    pieces: list[Piece] = []
    for part in re.split(f"({_OPEN}[^{_CLOSE}]*{_CLOSE})", text):
        if not part:
            continue
        if part.startswith(_OPEN):
            pieces.append(Piece(f"[{part[1:-1]}]", placeholder=True))
        else:
            pieces.append(Piece(part))
    return pieces


__all__ = ["Piece", "suggestion_pieces"]
