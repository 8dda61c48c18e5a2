"""Whether output goes to a person at a terminal, and whether they asked for no colour."""

from __future__ import annotations

import os
from typing import Any


def no_color_requested() -> bool:
    """Whether the NO_COLOR convention asks for plain output (set and not empty)."""
    return bool(os.environ.get("NO_COLOR"))


def wants_color(stream: Any) -> bool:
    """Colour for a report printed on ``stream``: only a terminal, and only without NO_COLOR."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty()) and not no_color_requested()
    except (OSError, ValueError):
        return False
