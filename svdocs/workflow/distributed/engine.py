"""Lint a corpus on Dask: files go out in chunks, results come back as they are done.

:func:`dask_client` connects to an existing scheduler (``--scheduler tcp://HOST:PORT``) or
starts a :class:`distributed.LocalCluster` of single-threaded worker processes (``--engine
dask --jobs N``). :class:`DaskLinter` hands the files to it and yields ``(index, result)``
pairs in the order they finish; every file's result is yielded exactly once:

- only a few chunks per worker thread are in flight at a time, so neither the client nor
  the scheduler holds state for the whole corpus;
- a worker that dies has its chunks run again elsewhere by the scheduler; a chunk whose
  workers keep dying is split, and a single file that kills its worker every time it is
  tried is reported as an error line for that file;
- with ``timeout`` each file's start is reported by the worker (a Dask event), and a file
  still running ``timeout`` seconds later is reported as timed out, its chunk's other files
  are sent out again, and its worker is restarted (a worker thread cannot be stopped, its
  process can).
"""

from __future__ import annotations

import contextlib
import logging
import math
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from svdocs.core.config import LintConfig
from svdocs.core.errors import InputError, SvdocsError
from svdocs.core.results import FileResult
from svdocs.workflow.distributed.worker import STARTED_TOPIC, Item, lint_items

#: Largest chunk of files in one task. Dask spends about 2 ms of scheduler and worker time on
#: each task, so a chunk of 64 small files (about 0.2 s of linting) keeps that near 1%; a
#: chunk of 16 cost some 5% (benchmarks/README.md, "Dask's own cost").
MAX_CHUNK = 64
#: Chunks in flight per worker thread.
IN_FLIGHT_PER_THREAD = 3
#: How often (seconds) the client looks for files past their time limit.
POLL_SECONDS = 0.25
#: Dask settings for the workers of a local cluster this command starts. A worker by default
#: samples its running thread's stack every 10 ms for the dashboard's profile, and its nanny
#: and the scheduler read the process's memory and load ten and two times a second; on a
#: linter that keeps every core busy those cost some 5% of its throughput. Memory is still
#: watched, once a second. (A cluster someone else runs keeps its own settings.)
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}
#: Seconds to wait for a scheduler before giving up.
CONNECT_TIMEOUT = "10s"


class DaskMissing(InputError):
    """The dask extra is not installed."""


def require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise DaskMissing("the dask engine needs the dask extra: "
                          "pip install 'svdocs[dask]'") from None


def quiet_logs() -> None:
    """Keep distributed's own log lines (worker restarts, a lost worker) off the terminal:
    the run reports what matters to the user itself."""
    for name in ("distributed", "distributed.nanny", "distributed.scheduler",
                 "distributed.worker", "distributed.core", "distributed.client"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2, *,
                quiet: bool = True) -> Iterator[Any]:
    """A Dask client: on the cluster at ``scheduler``, or on a new local cluster of
    ``workers`` single-threaded processes that is closed afterwards."""
    require_dask()
    # deferred: Dask, only for --engine dask or --scheduler
    from distributed import Client, LocalCluster

    if quiet:
        quiet_logs()
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(f"cannot reach the Dask scheduler: {' '.join(str(exc).split())}",
                             scheduler) from None
        try:
            yield client
        finally:
            client.close()
        return
    # deferred: Dask, only for --engine dask or --scheduler
    import dask

    with dask.config.set(LOCAL_CLUSTER_CONFIG):  # the nannies pass it on to their workers
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                               processes=True, host="127.0.0.1",
                               dashboard_address="127.0.0.1:0",
                               silence_logs=logging.CRITICAL if quiet else logging.WARNING)
    try:
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


def chunk_size(count: int, threads: int) -> int:
    """Files per task: up to :data:`MAX_CHUNK`, smaller for a small corpus so that every
    worker gets several chunks (balance, and a lost worker costs little)."""
    return max(1, min(MAX_CHUNK, math.ceil(count / max(1, threads * 4))))


class DaskLinter:
    """Lints names on a Dask cluster through ``client`` (see the module docstring)."""

    def __init__(self, client: Any, config: LintConfig | None = None, *,
                 keep_documents: bool = False, timeout: float | None = None,
                 max_chunk: int | None = None) -> None:
        self.client = client
        self.config = config or LintConfig()
        self.keep_documents = keep_documents
        self.timeout = timeout
        self.max_chunk = max_chunk
        self._run = uuid.uuid4().hex[:12]
        self._serial = 0
        self._lock = threading.Lock()
        # task key -> (index of the file it started, its worker, when we heard)
        self._started: dict[str, tuple[int, str, float]] = {}
        #: files reported as timed out, and workers restarted, in this run (for callers)
        self.timed_out = 0
        self.restarts = 0

    # ------------------------------------------------------------------ events

    def _on_started(self, event: tuple[float, dict[str, Any]]) -> None:
        _, msg = event
        with self._lock:
            self._started[str(msg["key"])] = (int(msg["index"]), str(msg["worker"]),
                                              time.monotonic())

    def _threads(self) -> int:
        try:
            return max(1, sum(self.client.nthreads().values()))
        except Exception:
            return 1

    # ------------------------------------------------------------------ the run

    def results(self, names: Sequence[str]) -> Iterator[tuple[int, FileResult]]:
        """Yield ``(index into names, result)`` for every name, as each is done."""
        if not names:
            return
        threads = self._threads()
        size = self.max_chunk or chunk_size(len(names), threads)
        pending: deque[list[int]] = deque(
            list(range(i, min(i + size, len(names)))) for i in range(0, len(names), size))
        in_flight: dict[Any, list[int]] = {}
        done: set[int] = set()
        watch = self.timeout is not None and self.timeout > 0
        if watch:
            self.client.subscribe_topic(STARTED_TOPIC, self._on_started)
        # deferred: Dask, only for --engine dask or --scheduler
        from distributed import wait

        last_count = time.monotonic()
        try:
            while pending or in_flight:
                if time.monotonic() - last_count > 2.0:
                    threads, last_count = self._threads(), time.monotonic()
                window = max(2, threads * IN_FLIGHT_PER_THREAD)
                while pending and len(in_flight) < window:
                    chunk = [i for i in pending.popleft() if i not in done]
                    if chunk:
                        in_flight[self._submit(names, chunk, watch)] = chunk
                if not in_flight:
                    continue
                try:
                    finished, _ = wait(list(in_flight),
                                       timeout=POLL_SECONDS if watch else None,
                                       return_when="FIRST_COMPLETED")
                except TimeoutError:  # nothing finished in this poll
                    finished = set()
                for future in finished:
                    chunk = in_flight.pop(future)
                    with self._lock:
                        self._started.pop(future.key, None)
                    yield from self._collect(future, names, chunk, done, pending)
                if watch:
                    yield from self._expire(names, in_flight, done, pending)
        finally:
            for future in in_flight:
                future.cancel()
            if watch:
                with contextlib.suppress(Exception):
                    self.client.unsubscribe_topic(STARTED_TOPIC)

    def _submit(self, names: Sequence[str], chunk: list[int], watch: bool) -> Any:
        self._serial += 1
        items: list[Item] = [(i, names[i]) for i in chunk]
        return self.client.submit(lint_items, items, self.config, self.keep_documents, watch,
                                  key=f"svdocs-lint-{self._run}-{self._serial}", pure=False)

    def _collect(self, future: Any, names: Sequence[str], chunk: list[int], done: set[int],
                 pending: deque[list[int]]) -> Iterator[tuple[int, FileResult]]:
        # deferred: Dask, only for --engine dask or --scheduler
        from distributed.scheduler import KilledWorker

        status = future.status
        if status == "finished":
            for index, fr in future.result():
                if index not in done:
                    done.add(index)
                    yield index, fr
            future.release()
            return
        if status == "cancelled":
            return
        exc = future.exception()
        future.release()
        if isinstance(exc, SvdocsError):  # the linter cannot be built (a bad --model)
            raise exc
        if isinstance(exc, KilledWorker) and len(chunk) > 1:
            # one of these files may kill every worker that reads it: try them one by one
            pending.extendleft([i] for i in reversed(chunk))
            return
        if isinstance(exc, KilledWorker):
            reason = ("its worker process died each time it was tried (out of memory, or a "
                      "crash in a reader)")
        else:
            reason = f"could not be processed (internal error: {type(exc).__name__}: {exc})"
        for index in chunk:
            if index not in done:
                done.add(index)
                yield index, FileResult(path=names[index], error=" ".join(reason.split()))

    def _expire(self, names: Sequence[str], in_flight: dict[Any, list[int]], done: set[int],
                pending: deque[list[int]]) -> Iterator[tuple[int, FileResult]]:
        assert self.timeout is not None
        now = time.monotonic()
        with self._lock:
            started = dict(self._started)
        by_key = {f.key: f for f in in_flight}
        live: set[str] | None = None
        for key, (index, worker, when) in started.items():
            future = by_key.get(key)
            if future is None or now - when <= self.timeout:
                continue
            if live is None:
                live = set(self.client.scheduler_info().get("workers", {}))
            if worker not in live:  # that worker is gone: the chunk is being run again
                with self._lock:
                    self._started.pop(key, None)
                continue
            chunk = in_flight.pop(future)
            with self._lock:
                self._started.pop(key, None)
            future.cancel()
            rest = [i for i in chunk if i != index and i not in done]
            if rest:
                pending.appendleft(rest)
            self._restart(worker)
            if index not in done:
                done.add(index)
                self.timed_out += 1
                yield index, FileResult(
                    path=names[index],
                    error=f"timed out: not finished after {self.timeout:g} s (--timeout); "
                          "its worker was restarted")

    def _restart(self, worker: str) -> None:
        """Restart a worker stuck on a file: through its nanny, or by ending the process."""
        self.restarts += 1
        try:
            self.client.restart_workers([worker], timeout=60, raise_for_error=True)
            return
        except Exception:
            pass
        with contextlib.suppress(Exception):
            # deferred: only here
            import os

            self.client.run(os._exit, 1, workers=[worker], wait=False)
