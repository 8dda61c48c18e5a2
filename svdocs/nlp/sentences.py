"""Sentence boundaries for legal text.

Rules of thumb a legal drafter would recognise:

* a full stop, question or exclamation mark ends a sentence unless it closes an abbreviation
  ("No.", "cl.", "para.") or the next word starts in lower case;
* clause numbers ("3.1", "12.4.2") are not sentence ends;
* a lead-in ending with a colon ("The Supplier shall:") and each lettered or roman item
  ("(a) ...;", "(ii) ...; and") are sentences of their own, so each item can inherit the
  lead-in's party and modal;
* a blank line, or a line break before a bullet or a number, starts a sentence; a single
  line break inside a paragraph (hard-wrapped text) does not.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

ABBREVIATIONS = frozenset(
    [
        "no", "nos", "cl", "cll", "para", "paras", "art", "arts", "sch", "reg", "regs", "s", "ss",
        "sec", "ltd", "co", "plc", "st", "mr", "mrs", "ms", "dr", "vol", "p", "pp", "fig",
        "approx", "incl", "ref", "refs", "est", "min", "max", "dept", "govt",
    ]
)
_ITEM_MARK = re.compile(r"^(?:[a-z]{1,2}|[ivxlc]{1,6}|[A-Z]|\d{1,2})$")
_BULLETS = frozenset({"-", "*", "•", "–", "·", "▪", "◦"})
_NUMBERING = re.compile(r"^\d+(?:\.\d+)*\.?$")


def is_item_marker(doc: Doc, i: int) -> bool:
    """True when tokens from ``i`` spell a list marker: "(a)", "(iv)", "(3)", "a)"."""
    n = len(doc)
    tok = doc[i]
    if tok.text == "(" and i + 2 < n and doc[i + 2].text == ")":
        return bool(_ITEM_MARK.match(doc[i + 1].text))
    return bool(
        i + 1 < n and doc[i + 1].text == ")" and _ITEM_MARK.match(tok.text) and len(tok) <= 4
    )


def _starts_new(doc: Doc, j: int) -> bool:
    """Whether token ``j`` can open a sentence after a full stop."""
    tok = doc[j]
    first = tok.text[:1]
    return (
        first.isupper()
        or first.isdigit()
        or tok.text in _BULLETS
        or tok.text in {"(", '"', "“", "'", "‘", "["}
    )


def _is_numbering(doc: Doc, j: int) -> bool:
    """A clause number at the start of a line: "3.1", "4." or "2)" (not "10 apprentices")."""
    text = doc[j].text
    if not _NUMBERING.match(text):
        return False
    if "." in text:
        return True
    return j + 1 < len(doc) and doc[j + 1].text in {".", ")"}


class LegalSentencizer:
    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        starts = [False] * n
        starts[0] = True
        i = 0
        while i < n:
            tok = doc[i]
            text = tok.text
            nxt = i + 1
            # skip whitespace tokens after this one to find the next word
            while nxt < n and doc[nxt].is_space:
                nxt += 1
            if nxt >= n:
                break
            if tok.is_space:
                if "\n\n" in text or (
                    "\n" in text
                    and (
                        doc[nxt].text in _BULLETS
                        or is_item_marker(doc, nxt)
                        or _is_numbering(doc, nxt)
                    )
                ):
                    starts[nxt] = True
            elif text in {".", "?", "!"}:
                prev = doc[i - 1].lower_ if i > 0 else ""
                if (prev not in ABBREVIATIONS or text != ".") and _starts_new(doc, nxt):
                    starts[nxt] = True
            elif text in {";", ":"}:
                j = nxt
                if doc[j].lower_ in {"and", "or"} and j + 1 < n:
                    j += 1
                if is_item_marker(doc, j) or doc[j].text in _BULLETS:
                    starts[j if j == nxt else nxt] = True
            elif (
                text in {'"', "”", "’", ")"}
                and i > 0
                and doc[i - 1].text in {".", "?", "!"}
                and not doc[i - 1].whitespace_
                and _starts_new(doc, nxt)
            ):
                starts[nxt] = True
            i += 1
        for k, token in enumerate(doc):
            token.is_sent_start = starts[k]
        return doc


@Language.factory("svdocs_sentences")
def make_sentencizer(nlp: Language, name: str) -> Any:
    return LegalSentencizer()
