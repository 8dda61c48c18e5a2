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
from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from svdocs.linter.nlp.batches import in_batches
from svdocs.linter.nlp.tokens import TokenTable, token_table

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
    return item_marker_at(token_table(doc).text, i)


def item_marker_at(text: list[str], i: int) -> bool:
    """:func:`is_item_marker` over a list of token texts."""
    n = len(text)
    tok = text[i]
    if tok == "(" and i + 2 < n and text[i + 2] == ")":
        return bool(_ITEM_MARK.match(text[i + 1]))
    return bool(i + 1 < n and text[i + 1] == ")" and len(tok) <= 4 and _ITEM_MARK.match(tok))


_OPENERS = frozenset({"(", '"', "“", "'", "‘", "["})


def _starts_new(text: str) -> bool:
    """Whether a token with this text can open a sentence after a full stop."""
    first = text[:1]
    return first.isupper() or first.isdigit() or text in _BULLETS or text in _OPENERS


def _is_numbering(text: list[str], j: int) -> bool:
    """A clause number at the start of a line: "3.1", "4." or "2)" (not "10 apprentices")."""
    word = text[j]
    if not _NUMBERING.match(word):
        return False
    if "." in word:
        return True
    return j + 1 < len(text) and text[j + 1] in {".", ")"}


_ENDS = frozenset({".", "?", "!"})
_CLOSERS = frozenset({'"', "”", "’", ")"})
# tokens the loop must look at; every other token (words, most punctuation) changes nothing
_INTERESTING = _ENDS | _CLOSERS | {";", ":"}


def sentence_starts(tokens: TokenTable) -> list[bool]:
    """Which tokens open a sentence, by the rules of the module docstring."""
    n = tokens.n
    starts = [False] * n
    if n == 0:
        return starts
    starts[0] = True
    text = tokens.text
    lower = tokens.lower
    space = tokens.is_space
    spacy_ws = tokens.spacy
    # the next non-space token after each position
    nxt_of = [n] * n
    following = n
    for i in range(n - 1, -1, -1):
        nxt_of[i] = following
        if not space[i]:
            following = i
    for i in range(n):
        nxt = nxt_of[i]
        if nxt >= n:
            break
        if space[i]:
            tok = text[i]
            if "\n\n" in tok or (
                "\n" in tok
                and (
                    text[nxt] in _BULLETS
                    or item_marker_at(text, nxt)
                    or _is_numbering(text, nxt)
                )
            ):
                starts[nxt] = True
            continue
        tok = text[i]
        if tok not in _INTERESTING:
            continue
        if tok in _ENDS:
            prev = lower[i - 1] if i > 0 else ""
            if (prev not in ABBREVIATIONS or tok != ".") and _starts_new(text[nxt]):
                starts[nxt] = True
        elif tok == ";" or tok == ":":
            j = nxt
            if lower[j] in {"and", "or"} and j + 1 < n:
                j += 1
            if item_marker_at(text, j) or text[j] in _BULLETS:
                starts[j if j == nxt else nxt] = True
        elif (
            tok in _CLOSERS
            and i > 0
            and text[i - 1] in _ENDS
            and not spacy_ws[i - 1]
            and _starts_new(text[nxt])
        ):
            starts[nxt] = True
    return starts


class LegalSentencizer:
    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = sentence_starts(token_table(doc))
        values = numpy.where(numpy.array(starts, dtype=bool), 1, -1).astype("int64")
        doc.from_array([SENT_START], values.astype("uint64").reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        """``nlp.pipe``: a batch of Docs at a time (see :mod:`.batches`)."""
        return in_batches(self, docs, batch_size)


@Language.factory("svdocs_sentences")
def make_sentencizer(nlp: Language, name: str) -> Any:
    return LegalSentencizer()
