"""Build the svdocs pipeline: spaCy's blank English and svdocs' own components (no downloads)."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence

import spacy
from spacy.language import Language

from svdocs.linter.nlp import entity_matcher as _entity_matcher  # noqa: F401
from svdocs.linter.nlp import lemmatizer as _lemmatizer  # noqa: F401
from svdocs.linter.nlp import recorder as _recorder  # noqa: F401  (registers the factory)
from svdocs.linter.nlp import sentences as _sentences  # noqa: F401

_Key = tuple[tuple[str, tuple[str, ...]], ...]
_CACHE: dict[_Key, Language] = {}
_LOCK = threading.Lock()


def _key(extra: Mapping[str, Sequence[str]] | None) -> _Key:
    return tuple(sorted((k, tuple(v)) for k, v in (extra or {}).items()))


def build_pipeline(extra_lexicons: Mapping[str, Sequence[str]] | None = None) -> Language:
    """A fresh pipeline: tokenizer, lemmatizer, legal sentences, entity ruler, recorder."""
    nlp = spacy.blank("en")
    nlp.add_pipe("svdocs_lemmatizer")
    nlp.add_pipe("svdocs_sentences")
    # spaCy's entity ruler semantics and patterns (entities.py), with faster matching
    nlp.add_pipe("svdocs_entities", name="entity_ruler", config={"overwrite_ents": True})
    nlp.add_pipe(
        "svdocs_recorder",
        config={"extra_lexicons": {k: list(v) for k, v in (extra_lexicons or {}).items()}},
    )
    return nlp


def get_pipeline(extra_lexicons: Mapping[str, Sequence[str]] | None = None) -> Language:
    """The pipeline for these lexicon additions, built once per process and then shared."""
    key = _key(extra_lexicons)
    with _LOCK:
        nlp = _CACHE.get(key)
        if nlp is None:
            nlp = build_pipeline(extra_lexicons)
            _CACHE[key] = nlp
        return nlp
