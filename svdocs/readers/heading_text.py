"""Whether a paragraph's text reads as a heading or as a body clause.

Word makes a paragraph a heading by its outline level, but real templates put numbered
clauses in styles named "... Heading" with no outline level, and some number their clauses
with the built-in "heading 2" style. A heading names a part of the document; a clause says
something. So a paragraph is read as a body clause, whatever its style, when its text is a
sentence with a modal verb ("The Supplier shall ...", "Customer will not ...") or when it is
longer than any heading would be.
"""

from __future__ import annotations

import re

#: Longer than this many words is never a heading.
MAX_HEADING_WORDS = 20
#: A modal sentence of more than this many words is a clause even without a full stop, and
#: so is any sentence of more words that ends with a full stop.
MAX_MODAL_WORDS = 8

_MODAL = re.compile(r"\b(?:shall|will|must|may|should|won[’']t|shan[’']t)\b", re.I)
_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|\(?[a-z]{1,2}\)|\(?[ivxlc]{1,6}\))\s+", re.I)
# "Access and Use.  During the Subscription Period ...": a run-in heading and its clause
_RUN_IN = re.compile(r"[.;:]\s+\S")


def reads_as_heading(text: str) -> bool:
    """Whether ``text`` (a typed number at its start is ignored) can be a heading."""
    t = _NUMBER.sub("", text.strip(), count=1).strip()
    words = t.split()
    if len(words) > MAX_HEADING_WORDS:
        return False
    modal = bool(_MODAL.search(t))
    if modal and (len(words) > MAX_MODAL_WORDS or t.endswith((".", ";", ":"))):
        return False
    # a full sentence, or a run-in heading with its clause after it, is no heading
    sentence = t.endswith((".", ";", ":")) or bool(_RUN_IN.search(t))
    return not (len(words) > MAX_MODAL_WORDS and sentence)


__all__ = ["MAX_HEADING_WORDS", "reads_as_heading"]
