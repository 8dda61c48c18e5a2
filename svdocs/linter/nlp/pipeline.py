"""Build the default svdocs pipeline (no downloads) or one on top of an installed model."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence

import spacy
from spacy.language import Language

from svdocs.core.errors import InputError
from svdocs.linter.nlp import entity_matcher as _entity_matcher  # noqa: F401
from svdocs.linter.nlp import lemmatizer as _lemmatizer  # noqa: F401
from svdocs.linter.nlp import recorder as _recorder  # noqa: F401  (registers the factory)
from svdocs.linter.nlp import sentences as _sentences  # noqa: F401

_CACHE: dict[tuple[str | None, tuple[tuple[str, tuple[str, ...]], ...]], Language] = {}
_LOCK = threading.Lock()


def _key(
    model: str | None, extra: Mapping[str, Sequence[str]] | None
) -> tuple[str | None, tuple[tuple[str, tuple[str, ...]], ...]]:
    return model, tuple(sorted((k, tuple(v)) for k, v in (extra or {}).items()))


def build_pipeline(
    model: str | None = None, extra_lexicons: Mapping[str, Sequence[str]] | None = None
) -> Language:
    """A fresh pipeline: tokenizer, lemmatizer, legal sentences, entity ruler, analyzer.

    ``model`` names an installed trained pipeline (e.g. ``en_core_web_sm``) to start from;
    its tagger and parser are kept, its own sentence boundaries and entities are replaced.
    """
    if model:
        try:
            nlp = spacy.load(model, exclude=["ner", "senter", "lemmatizer"])
        except OSError as exc:
            raise InputError(f"cannot load spaCy pipeline {model!r}: {exc}") from None
        if "parser" in nlp.pipe_names:
            nlp.disable_pipe("parser")
    else:
        nlp = spacy.blank("en")
    nlp.add_pipe("svdocs_lemmatizer")
    nlp.add_pipe("svdocs_sentences")
    # spaCy's entity ruler semantics and patterns (entities.py), with faster matching
    nlp.add_pipe("svdocs_entities", name="entity_ruler", config={"overwrite_ents": True})
    nlp.add_pipe(
        "svdocs_analyzer",
        config={"extra_lexicons": {k: list(v) for k, v in (extra_lexicons or {}).items()}},
    )
    return nlp


def get_pipeline(
    model: str | None = None, extra_lexicons: Mapping[str, Sequence[str]] | None = None
) -> Language:
    """The pipeline for these settings, built once per process and then shared."""
    key = _key(model, extra_lexicons)
    with _LOCK:
        nlp = _CACHE.get(key)
        if nlp is None:
            nlp = build_pipeline(model, extra_lexicons)
            _CACHE[key] = nlp
        return nlp
