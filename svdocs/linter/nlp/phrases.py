"""Lexicon phrases as the token keys spaCy's PhraseMatcher matches on.

The analyzer matches a few thousand lexicon phrases (on lower-case lemmas, or on lower-case
words) against every Doc. Given a Doc per phrase, ``PhraseMatcher.add`` reads the phrase's key
ids from it; building 3,600 Docs costs more than all the matching. ``PhraseMatcher.add`` also
takes the key ids themselves (the form it pickles its patterns in), so :func:`phrase_keys`
tokenises every phrase in one Doc and hands over the ids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc

from svdocs.linter.nlp import startup_cache
from svdocs.linter.nlp.tokens import token_table

# a phrase boundary that the tokenizer always keeps as a whitespace token of its own
_SEPARATOR = " \n "


def phrase_keys(
    nlp: Language,
    phrases: Sequence[str],
    lemmatize: Callable[[Doc], Doc] | None,
    attr: str,
) -> list[list[int]]:
    """The keys of each phrase as the pipeline sees it: its lower-case form is tokenised (all
    phrases in one Doc, joined by a separator token, which tokenises each exactly as alone)
    and read as lemma ids (``attr="LEMMA"``) or lower-case word ids (``attr="LOWER"``).

    The answer is kept in the start-up cache (:mod:`.startup_cache`), named by everything it
    depends on, so a later run with the same phrases and installation reads it back."""
    if not phrases:
        return []
    key = _cache_key(nlp, phrases, lemmatize, attr)
    cached = startup_cache.load("phrase-keys", key, lambda v: _are_keys(v, len(phrases)))
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    keys = compute_phrase_keys(nlp, phrases, lemmatize, attr)
    startup_cache.store("phrase-keys", key, keys)
    return keys


def _cache_key(
    nlp: Language, phrases: Sequence[str], lemmatize: Callable[[Doc], Doc] | None, attr: str
) -> str:
    # deferred: start-up: lexicons and lemmas are read on first use
    from svdocs.linter.nlp.lemmatizer import lemma_table_stamp

    meta = nlp.meta
    return startup_cache.digest([
        *startup_cache.environment_parts(),
        *startup_cache.source_of("phrases", "lemmatizer", "tokens"),
        nlp.lang or "", str(meta.get("name", "")), str(meta.get("version", "")),
        ",".join(nlp.pipe_names), attr, type(lemmatize).__name__, lemma_table_stamp(),
        "\n".join(phrases),
    ])


def _are_keys(value: object, count: int) -> bool:
    return (
        isinstance(value, list)
        and len(value) == count
        and all(isinstance(k, list) and all(type(i) is int for i in k) for k in value)
    )


def compute_phrase_keys(
    nlp: Language,
    phrases: Sequence[str],
    lemmatize: Callable[[Doc], Doc] | None,
    attr: str,
) -> list[list[int]]:
    """:func:`phrase_keys` without the cache."""
    if not phrases:
        return []
    cleaned = [p.lower() for p in phrases]
    doc = nlp.make_doc(_SEPARATOR.join(cleaned))
    if attr == "LEMMA" and lemmatize is not None:
        doc = lemmatize(doc)
    table = token_table(doc)
    values: list[int] = (
        doc.to_array([LEMMA if attr == "LEMMA" else LOWER]).ravel().tolist() if len(doc) else []
    )
    out: list[list[int]] = [[]]
    for text, value in zip(table.text, values, strict=True):
        if "\n" in text and text.isspace():  # the separator (spaCy keeps "\n " as one token)
            out.append([])
        else:
            out[-1].append(value)
    if len(out) != len(cleaned):  # a phrase held a line break of its own: one by one
        return [_one(nlp, p, lemmatize, attr) for p in cleaned]
    return out


def _one(
    nlp: Language, phrase: str, lemmatize: Callable[[Doc], Doc] | None, attr: str
) -> list[int]:
    doc = nlp.make_doc(phrase)
    if attr == "LEMMA":
        if lemmatize is not None:
            doc = lemmatize(doc)
        return [t.lemma for t in doc]
    return [t.lower for t in doc]
