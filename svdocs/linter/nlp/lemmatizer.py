"""A lower-case lookup lemmatizer over the English table of spacy-lookups-data.

spaCy's own lookup lemmatizer looks up the token as written, so "Suppliers" at the start of a
sentence keeps its plural. Rules match lower-case lemmas, so this one looks up the lower-case
form and caches the answer per word.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import LEMMA
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc
from spacy.util import load_language_data, registry

from svdocs.linter.nlp import startup_cache
from svdocs.linter.nlp.batches import in_batches
from svdocs.linter.nlp.tokens import token_table

_TABLE: Any = None


@functools.cache
def _table_path() -> Path | None:
    try:
        return Path(registry.lookups.get("en")["lemma_lookup"])
    except Exception:  # an unusual install
        return None


@functools.cache
def lemma_table_stamp() -> str:
    """What identifies the installed table: its file, size and modification time."""
    path = _table_path()
    try:
        st = path.stat() if path is not None else None
    except OSError:
        st = None
    return f"{path}|{st.st_size}|{st.st_mtime_ns}" if st is not None else "unknown"


def _is_table(value: Any) -> bool:
    return isinstance(value, dict) and len(value) > 1000


def lemma_table() -> Any:
    """spaCy's English lemma lookup table (a mapping keyed by the word's string).

    Read straight from spacy-lookups-data into a plain dict (word -> lemma): the same data as
    ``load_lookups("en", ["lemma_lookup"])`` without hashing its 180,000 keys at start-up;
    kept in the start-up cache (:mod:`.startup_cache`), which reads it back faster still.
    """
    global _TABLE
    if _TABLE is None:
        path = _table_path()
        key = startup_cache.digest([sys.version, lemma_table_stamp()])
        table = startup_cache.load("lemma-table", key, _is_table) if path else None
        if table is None and path is not None:
            try:
                table = load_language_data(path)
            except Exception:  # fall back to spaCy's own loader below
                table = None
            if _is_table(table):
                startup_cache.store("lemma-table", key, table)
        if not isinstance(table, dict):
            table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
        _TABLE = table
    return _TABLE


# British and American spellings the table lacks, and words it lemmatises unhelpfully.
_OVERRIDES = {
    "endeavours": "endeavour",
    "endeavoured": "endeavour",
    "endeavouring": "endeavour",
    "smes": "sme",
    "kpis": "kpi",
    "vcses": "vcse",
    "data": "data",
    "means": "mean",
    "apprenticeships": "apprenticeship",
    "is": "be",
    "are": "be",
    "was": "be",
    "were": "be",
    "been": "be",
    "being": "be",
}


def _strip_plural(word: str, table: Any) -> str:
    """A plural the table does not know ("bidders", "placements") loses its "s"."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        stem = word[:-1]
        return table.get(stem, stem)
    return word


def word_lemma(lower: str, table: Any = None) -> str:
    """The lemma the svdocs lemmatizer gives a lower-case word."""
    table = lemma_table() if table is None else table
    value: str = _OVERRIDES.get(lower) or table.get(lower) or _strip_plural(lower, table)
    if value != lower:
        # the table gives "readings" -> "reading" but "reading" -> "read", and "tenderers" ->
        # "tenderer" but "tenderer" -> "tender": follow it once more so that the plural and the
        # singular share a lemma ("meter readings", "Successful Tenderers")
        value = _OVERRIDES.get(value) or table.get(value, value)
    return value.lower()


_SMALL = 8


class LowerLemmatizer:
    def __init__(self) -> None:
        self.table = lemma_table()
        self.cache: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        cache = self.cache
        if n <= _SMALL:  # a phrase of a lexicon: token by token is quicker than arrays
            for token in doc:
                token.lemma = cache.get(token.orth) or self._lemma(doc, token.orth, token.lower_)
            return doc
        tokens = token_table(doc)
        get = cache.get
        lemmas = [get(o) or self._lemma(doc, o, w.lower) for o, w in zip(
            tokens.orth, tokens.words, strict=True)]
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        """``nlp.pipe``: a batch of Docs at a time (see :mod:`.batches`)."""
        return in_batches(self, docs, batch_size)

    def _lemma(self, doc: Doc, orth: int, lower: str) -> int:
        lemma: int = doc.vocab.strings.add(word_lemma(lower, self.table))
        self.cache[orth] = lemma
        return lemma


@Language.factory("svdocs_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> Any:
    return LowerLemmatizer()
