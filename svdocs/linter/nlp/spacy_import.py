"""Import spaCy without loading its command-line interface until something uses it.

``import spacy`` runs ``from .cli.info import info`` to offer ``spacy.info``, and that loads
the whole of ``spacy.cli``: typer, click, requests, httpx and weasel. That is about a quarter
of spaCy's import time, paid on every ``svdocs lint`` (a pre-commit hook on one short file
included), and svdocs never uses spaCy's CLI.

:func:`defer_spacy_cli`, called before spaCy is first imported, registers an import finder for
the one statement concerned. While ``import spacy`` runs it, ``spacy.cli`` and
``spacy.cli.info`` are stand-ins that run no code, and ``spacy.info`` becomes a function that
imports the real ``spacy.cli.info`` when called. As soon as spaCy has taken ``info`` the
stand-ins are removed again, so afterwards everything is spaCy's own: ``spacy.cli`` is
imported on first use (a module ``__getattr__``, the change proposed upstream in
explosion/spaCy pull requests 12962 and 13721), and ``import spacy.cli.download`` or
``spacy.info()`` work as usual, loading the CLI at that moment.

Nothing is changed when spaCy is already imported, or when its files cannot be found in the
usual way (the import then happens exactly as spaCy wrote it).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType
from typing import Any

_NAMES = ("spacy.cli", "spacy.cli.info")


def _info(*args: Any, **kwargs: Any) -> Any:
    """spaCy's ``spacy.info`` (``spacy.cli.info.info``), with the CLI imported when called."""
    from spacy.cli.info import info  # deferred: loads spaCy

    return info(*args, **kwargs)


def _spacy_getattr(name: str) -> Any:
    """``spacy.cli``, imported on first use."""
    if name == "cli":
        return importlib.import_module("spacy.cli")
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")


def _restore() -> None:
    """Take the stand-ins out of ``sys.modules`` and the ``spacy`` package."""
    for finder in [f for f in sys.meta_path if isinstance(f, _DeferCliFinder)]:
        sys.meta_path.remove(finder)
    for name in _NAMES:
        if isinstance(sys.modules.get(name), _StandIn):
            del sys.modules[name]
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        if isinstance(spacy.__dict__.get("cli"), _StandIn):
            del spacy.__dict__["cli"]
        spacy.__dict__.setdefault("__getattr__", _spacy_getattr)


class _StandIn(ModuleType):
    """Holds the place of ``spacy.cli`` or ``spacy.cli.info`` while spaCy imports ``info``."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)  # the import system looking around, not a user
        _restore()
        if self.__name__ == "spacy.cli.info" and name == "info":
            return _info  # what ``import spacy`` takes from here
        return getattr(importlib.import_module(self.__name__), name)


class _StandInLoader(Loader):
    def create_module(self, spec: ModuleSpec) -> ModuleType:
        return _StandIn(spec.name)

    def exec_module(self, module: ModuleType) -> None:
        """Runs nothing: the stand-in has no code of its own."""


class _DeferCliFinder(MetaPathFinder):
    """Hands out stand-ins for ``spacy.cli`` and ``spacy.cli.info``, once each."""

    def __init__(self) -> None:
        self.pending = set(_NAMES)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in self.pending:
            return None
        self.pending.discard(fullname)
        real = PathFinder.find_spec(fullname, path)
        if real is None or real.loader is None or "spacy" not in sys.modules:
            _restore()
            return None  # an unusual install or import order: the normal import takes over
        package = real.submodule_search_locations is not None
        spec = ModuleSpec(fullname, _StandInLoader(), origin=real.origin, is_package=package)
        if package:
            # the real package's folder, so ``spacy.cli.info`` can be found under it
            spec.submodule_search_locations = list(real.submodule_search_locations or [])
        return spec


def defer_spacy_cli() -> None:
    """Arrange for spaCy's CLI to load on first use, if spaCy has not been imported yet."""
    if "spacy" in sys.modules or any(isinstance(f, _DeferCliFinder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _DeferCliFinder())
