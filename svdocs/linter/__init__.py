"""The linter: rules as data, scope resolution, checks and the engine (:class:`Linter`)."""

from svdocs.linter import nlp as _nlp  # noqa: F401  (sets up how spaCy is imported; see nlp.spacy_import)
