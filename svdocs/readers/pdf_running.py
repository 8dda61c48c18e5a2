"""A PDF's running headers and footers, found and taken out of the page text.

A PDF's text layer has no header or footer parts: "Page 4 of 17", the document's title or
"Commercial in confidence" are lines of every page, and read as body text they end up in
sentences. A line is taken for a running header or footer when it sits among the first or
last few lines of a page and either

* is a page number ("Page 4 of 17", "4", "- 4 -", "4 / 17", "Page 4"), or
* is short and repeats, numbers aside, in the same zone on at least half the pages (and on
  two or more).

The line is replaced by an empty line, so the line numbers of the rest of the page stay true.
"""

from __future__ import annotations

import re
from collections import Counter

#: How many non-empty lines at the top and at the bottom of a page are looked at.
ZONE = 3
#: Share of pages a repeated line must appear on.
SHARE = 0.5
#: A running header or footer is short: a title, a reference, "Commercial in confidence".
MAX_WORDS = 12

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_DIGITS = re.compile(r"\d+")


def _key(line: str) -> str:
    return " ".join(_DIGITS.sub("#", line).lower().split())


def _zones(lines: list[str]) -> tuple[list[int], list[int]]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    zone = max(1, min(ZONE, len(filled) // 4))  # a short page: only its first and last line
    top = filled[:zone]
    bottom = [i for i in filled[-zone:] if i not in top]
    return top, bottom


def strip_running_lines(pages: list[str]) -> tuple[list[str], int]:
    """The pages' texts without their running headers and footers, and how many lines went."""
    split = [text.split("\n") for text in pages]
    zones = [_zones(lines) for lines in split]
    counts: list[Counter[str]] = [Counter(), Counter()]  # top, bottom: pages with the key
    for lines, (top, bottom) in zip(split, zones, strict=True):
        for z, where in enumerate((top, bottom)):
            counts[z].update({_key(lines[i]) for i in where})
    needed = max(2, SHARE * len(pages))
    removed = 0
    for lines, (top, bottom) in zip(split, zones, strict=True):
        for z, where in enumerate((top, bottom)):
            for i in where:
                text = lines[i].strip()
                key = _key(text)
                repeated = (len(pages) >= 2 and counts[z][key] >= needed
                            and any(ch.isalpha() for ch in key)
                            and len(key.split()) <= MAX_WORDS)
                if _PAGE_NUMBER.match(text) or repeated:
                    lines[i] = ""
                    removed += 1
    return ["\n".join(lines) for lines in split], removed


__all__ = ["strip_running_lines"]
