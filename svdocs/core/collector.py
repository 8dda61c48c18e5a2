"""Pausing Python's cyclic garbage collector around work that only makes objects that stay.

Loading spaCy and building the pipeline, and sending a document's blocks through it and
analysing them, allocate hundreds of thousands of objects that all stay alive (modules,
vocabularies, Docs, clauses, hits). The collector's passes over them find nothing to free and
cost about a tenth of the time. Reference counting still frees memory as usual while the
collector is paused, and it is switched back on afterwards if it was on before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block (nesting is fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_OWNED_PROCESS = False


def own_process() -> None:
    """Say that this process is the ``svdocs`` command's own: it ends when the command does
    (called by :func:`svdocs.cli.main`, never by the library API or an embedding program)."""
    global _OWNED_PROCESS
    _OWNED_PROCESS = True


def pause_until_exit() -> None:
    """In the ``svdocs`` command's own process, switch the collector off for the rest of it;
    elsewhere (the library API, a test runner, a program that embeds svdocs) do nothing.

    A lint or evaluation run keeps what it makes until it ends (spaCy's vocabulary and the
    pipeline) or frees it by reference counting (each batch's Docs and analyses); the cyclic
    garbage it leaves is a few thousand objects. The one collection the collector would still
    run, after the last batch, walks every object the run made (about 0.05 s on a
    100,000-word document). Peak memory is the same with and without it (benchmarks/README.md);
    the command freezes the heap before exit, so no collection runs then either.
    """
    if _OWNED_PROCESS:
        gc.disable()

