"""The svdocs NLP pipeline: spaCy blank English plus the project's own components.

``get_pipeline()`` returns the shared pipeline; each processed ``Doc`` carries
``doc._.svd_clauses``: one :class:`Clause` per sentence with its obligation, party, hedges,
themes and the parts of a commitment it states.
"""

from __future__ import annotations

from .clause import Clause, Hit
from .pipeline import build_pipeline, get_pipeline

__all__ = ["Clause", "Hit", "build_pipeline", "get_pipeline"]
