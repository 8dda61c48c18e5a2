"""svdocs: social value clauses assembled into tender documents, and tender documents linted."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
