"""svdocs: social value clauses assembled into tender documents, and tender documents linted.

The Python API (see ``docs/workflows.md``)::

    import svdocs
    report = svdocs.lint("tenders/")            # a path, a list of paths, or text
    result = svdocs.assemble("brief.yml")        # documents by kind, plus commitments

The linter lives in :mod:`svdocs.lint` and the assembler in :mod:`svdocs.assemble`; ARCHITECTURE.md
shows the floors.
Importing svdocs is light: spaCy and python-docx load on the first call.
"""

from __future__ import annotations

from typing import Any

from svdocs._version import __version__

__all__ = ["__version__", "assemble", "lint"]


def lint(path_or_text: Any, **options: Any) -> Any:
    """Lint files or text and return a Report (see :func:`svdocs.api.lint`)."""
    from svdocs.api import lint as run  # deferred: start-up: import svdocs stays light

    return run(path_or_text, **options)


def assemble(brief: Any, **options: Any) -> Any:
    """Assemble the documents of a brief (see :func:`svdocs.api.assemble`)."""
    from svdocs.api import assemble as run  # deferred: start-up: import svdocs stays light

    return run(brief, **options)
