"""A progress bar for long lint runs: files done, files per second and time left, on stderr.

It is drawn with rich (MIT licence, well kept, already the usual choice for terminal output
in Python tools) and only when standard error is a terminal, so a report on standard output,
a file or a pipe never contains it. Local runs (``--jobs``) and Dask runs use the same bar.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

Advance = Callable[[int], Any]


def wanted(stream: IO[str] | None = None) -> bool:
    """Whether a bar belongs on ``stream`` (default: standard error): only on a terminal."""
    stream = stream if stream is not None else sys.stderr
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or not a real stream
        return False


@contextmanager
def progress_bar(total: int, *, label: str = "Linting", stream: IO[str] | None = None,
                 force: bool = False) -> Iterator[Advance]:
    """A bar for ``total`` files; yields ``advance(n)`` to call as files finish.

    Drawn only when ``stream`` (default: standard error) is a terminal, or with ``force``
    (tests); otherwise ``advance`` does nothing.
    """
    stream = stream if stream is not None else sys.stderr
    if not (force or wanted(stream)):
        yield _nothing
        return
    # deferred: rich, only for a progress bar on a terminal
    from rich.console import Console

    # deferred: rich, only for a progress bar on a terminal
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(file=stream, force_terminal=True if force else None)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]} files/s"),
        TextColumn("left"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=False, refresh_per_second=4) as bar:
        task = bar.add_task(label, total=total, rate="-")

        def advance(n: int) -> None:
            bar.advance(task, n)
            speed = bar.tasks[task].speed
            bar.update(task, rate=f"{speed:,.1f}" if speed else "-")

        yield advance


def _nothing(n: int) -> None:
    return None
