"""What the statistical judge reads of a sentence, shared by training and judging.

The model sees one unit's own words, lower-cased, with every run of digits written ``9``:
"within 2 seconds" and "within 15 seconds" are the same evidence of a measurable requirement,
and a corpus of a few thousand sentences cannot learn every number.
"""

from __future__ import annotations

import re

#: The labels the judge's classifier predicts: whether a unit is vague, and which smell
#: classes of the requirements labelling guide it shows.
VAGUE = "VAGUE"
SMELLS = (
    "subjective", "ambiguous", "loophole", "nonverifiable", "uncertain-verb", "open-ended",
    "comparative",
)
LABELS = (VAGUE, *(s.upper().replace("-", "_") for s in SMELLS))

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
# a clause number or list letter at the start of a unit ("3.2.1", "(a)", "R12")
_NUMBER = re.compile(r"^\W*(?:\(?[a-z]{1,3}\d*[.)]|\d+(?:\.\d+)*\.?|[a-z]{1,4}-?\d+)\s+", re.I)


def smell_label(smell: str) -> str:
    """The classifier label of a smell class ("open-ended" -> "OPEN_ENDED")."""
    return smell.upper().replace("-", "_")


def model_text(text: str) -> str:
    """The unit as the model reads it: no clause number, lower case, digits as ``9``."""
    text = _NUMBER.sub("", text.strip())
    return _SPACE.sub(" ", _DIGITS.sub("9", text.lower())).strip()
