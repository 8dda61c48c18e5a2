"""Plain-Python views of a Doc's tokens, shared by the svdocs components.

Reading ``doc[i].lower_`` creates a Token object for every access, which dominates the cost of
rule code that looks at neighbouring words. The components instead read one
:class:`TokenTable` per Doc: lists of the strings and flags they need, filled from
``Doc.to_array`` and a per-word cache of lexeme attributes (all of them are properties of the
word, not of its position), and kept on the Doc while it goes through the pipeline.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from spacy.attrs import IDX, LIKE_NUM, ORTH, SPACY
from spacy.tokens import Doc

_KEY = "svdocs.tokens"


class Word(NamedTuple):
    """Attributes of one vocabulary entry (the same wherever the word occurs)."""

    text: str
    lower: str
    shape: str
    like_num: bool
    is_alpha: bool
    is_space: bool
    is_punct: bool


# orth id -> Word; string ids are hashes of the text, so one cache serves every pipeline
_WORDS: dict[int, Word] = {}


def _word(doc: Doc, orth: int) -> Word:
    lex = doc.vocab[orth]
    word = Word(
        lex.orth_, lex.lower_, lex.shape_, lex.like_num, lex.is_alpha, lex.is_space, lex.is_punct
    )
    _WORDS[orth] = word
    return word


class TokenTable:
    """Per-token lists for one Doc: ``orth`` ids, words, texts, lower-case forms, flags,
    character offsets and trailing-whitespace flags, and where the number-like tokens are."""

    __slots__ = (
        "ends", "idx", "is_space", "lower", "n", "numbers", "orth", "spacy", "text", "words"
    )

    def __init__(self, doc: Doc) -> None:
        n = len(doc)
        self.n = n
        if n:
            # one column at a time: lists of ints, no per-token containers for the collector
            array = doc.to_array([ORTH, IDX, SPACY, LIKE_NUM])
            orth: list[int] = array[:, 0].tolist()
            idx: list[int] = array[:, 1].tolist()
            spacy: list[int] = array[:, 2].tolist()
            numbers: list[int] = array[:, 3].nonzero()[0].tolist()
        else:
            orth, idx, spacy, numbers = [], [], [], []
        get = _WORDS.get
        words = [get(o) or _word(doc, o) for o in orth]
        self.orth = orth
        self.words = words
        self.text = [w.text for w in words]
        self.lower = [w.lower for w in words]
        self.is_space = [w.is_space for w in words]
        self.idx = idx
        self.ends = [i + len(t) for i, t in zip(idx, self.text, strict=True)]
        self.spacy = spacy  # 1 when the token is followed by a space
        self.numbers = numbers  # positions of the tokens that look like numbers (like_num)

    def doc_text(self) -> str:
        """The Doc's text (``Doc.text``), joined from the lists."""
        return "".join([t + " " if ws else t for t, ws in zip(self.text, self.spacy, strict=True)])


def token_table(doc: Doc) -> TokenTable:
    """The table of ``doc``, built on first use and kept in ``doc.user_data``."""
    table: Any = doc.user_data.get(_KEY)
    if table is None or table.n != len(doc):
        table = TokenTable(doc)
        doc.user_data[_KEY] = table
    return table  # type: ignore[no-any-return]


def drop_token_table(doc: Doc) -> None:
    """Forget the table once the pipeline is done (it is not part of the Doc's data)."""
    doc.user_data.pop(_KEY, None)
