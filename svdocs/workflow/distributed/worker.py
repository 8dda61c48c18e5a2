"""What runs on a Dask worker: lint a chunk of files, reading each one there.

The task is sent the names (local paths or fsspec URLs) and the lint settings, never the
files: the worker reads them itself and sends back only the results. The linter is cached
per worker process by :func:`svdocs.workflow.batch.lint_files_here`, so each worker builds the
language
pipeline once, on its first task.

When the run has a time limit per file, the task tells the client as each file starts (a Dask
event on :data:`STARTED_TOPIC`), so the client can tell a hung file from a slow queue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from svdocs.core.config import LintConfig
    from svdocs.core.results import FileResult

#: The Dask event topic on which a task says which file it has started.
STARTED_TOPIC = "svdocs-file-started"

Item = tuple[int, str]  # (index in the run, name)


def lint_items(items: list[Item], config: LintConfig, keep_documents: bool,
               report_starts: bool) -> list[tuple[int, FileResult]]:
    """Lint ``items`` on this worker; returns ``(index, result)`` for each, in order.

    With ``report_starts`` each file is linted on its own after an event naming it, so the
    client can time it; otherwise the chunk is linted together (the pipeline batches blocks
    across documents; the findings are the same either way).
    """
    from svdocs.workflow.batch import lint_files_here  # deferred: loads spaCy

    if not report_starts:
        results = lint_files_here([name for _, name in items], config,
                                  keep_documents=keep_documents)
        return [(i, fr) for (i, _), fr in zip(items, results, strict=True)]
    # deferred: Dask, only for --engine dask or --scheduler
    from distributed import get_worker

    worker = get_worker()
    key = str(worker.get_current_task())
    out: list[tuple[int, FileResult]] = []
    for index, name in items:
        worker.log_event(STARTED_TOPIC, {"key": key, "index": index,
                                         "worker": worker.address})
        out.append((index, lint_files_here([name], config, keep_documents=keep_documents)[0]))
    return out


def peak_memory() -> int:
    """This process's peak resident memory in bytes (for ``benchmarks/distributed.py``)."""
    # deferred: only here
    import resource

    # deferred: only here
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)
