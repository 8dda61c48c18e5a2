"""The svdocs NLP pipeline: spaCy blank English plus the project's own components.

``get_pipeline()`` returns the shared pipeline; each processed ``Doc`` carries
``doc._.svd_clauses``: one :class:`SentenceRecord` per sentence with its obligation, party, hedges,
themes and the parts of a commitment it states. A Doc made of several blocks
(:mod:`.blocks`) also carries ``doc._.svd_blocks``, the clauses of each block, with offsets
in that block's own text.

spaCy is imported only when the pipeline is first asked for, so modules that need only the
lexicons or rule files (``svdocs rules list``, config validation) stay quick to import.
"""

from __future__ import annotations

from typing import Any

from svdocs.linter.nlp.records import Hit, SentenceRecord
from svdocs.linter.nlp.spacy_import import defer_spacy_cli

defer_spacy_cli()  # spaCy's own CLI loads only if something uses it (see spacy_import)

__all__ = ["Hit", "SentenceRecord", "build_pipeline", "get_pipeline"]


def __getattr__(name: str) -> Any:
    if name in ("build_pipeline", "get_pipeline"):
        from svdocs.linter.nlp import pipeline  # deferred: loads spaCy

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
