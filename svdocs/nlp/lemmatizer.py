"""A lower-case lookup lemmatizer over the English table of spacy-lookups-data.

spaCy's own lookup lemmatizer looks up the token as written, so "Suppliers" at the start of a
sentence keeps its plural. Rules match lower-case lemmas, so this one looks up the lower-case
form and caches the answer per word.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc

_TABLE: Any = None


def lemma_table() -> Any:
    """spaCy's English lemma lookup table (a mapping keyed by the word's string)."""
    global _TABLE
    if _TABLE is None:
        _TABLE = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
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


class LowerLemmatizer:
    def __init__(self) -> None:
        self.table = lemma_table()
        self.cache: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        cache = self.cache
        strings = doc.vocab.strings
        table = self.table
        for token in doc:
            orth = token.orth
            lemma = cache.get(orth)
            if lemma is None:
                lower = token.lower_
                value = _OVERRIDES.get(lower) or table.get(lower) or _strip_plural(lower, table)
                lemma = strings.add(value.lower())
                cache[orth] = lemma
            token.lemma = lemma
        return doc


@Language.factory("svdocs_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> Any:
    return LowerLemmatizer()
