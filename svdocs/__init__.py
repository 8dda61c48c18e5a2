"""svdocs: social value clauses assembled into tender documents, and tender documents linted.

The Python API (see ``docs/workflows.md``)::

    import svdocs
    report = svdocs.lint("tenders/")            # a path, a list of paths, or text
    result = svdocs.assemble("brief.yml")        # documents by kind, plus commitments

Importing svdocs is light: spaCy and python-docx load on the first call.
"""

from __future__ import annotations

import sys
import types
from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "assemble", "lint"]

#: API functions that share their name with a subpackage (``svdocs.lint``, ``svdocs.assemble``).
_API_NAMES = frozenset({"lint", "assemble"})


def lint(path_or_text: Any, **options: Any) -> Any:
    """Lint files or text and return a Report (see :func:`svdocs.api.lint`)."""
    from .api import lint as run

    return run(path_or_text, **options)


def assemble(brief: Any, **options: Any) -> Any:
    """Assemble the documents of a brief (see :func:`svdocs.api.assemble`)."""
    from .api import assemble as run

    return run(brief, **options)


class _CallableModule(types.ModuleType):
    """A subpackage that also answers calls as the API function of the same name.

    ``svdocs.lint`` is both the linter's package (``svdocs.lint.engine``) and the API
    function; Python replaces the package attribute with the subpackage when it is imported,
    so the subpackage is made callable instead of losing the function.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from . import api

        return getattr(api, self.__name__.rpartition(".")[2])(*args, **kwargs)


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name in _API_NAMES and type(value) is types.ModuleType:
            value.__class__ = _CallableModule
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
