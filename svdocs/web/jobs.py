"""Background work with progress: linting a review's documents off the request thread.

A job is known by the review it works on; the page polls its progress (documents done of
documents to do, and what is happening now) until the review is done or failed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass


@dataclass
class Progress:
    done: int = 0
    total: int = 0
    stage: str = "queued"  # queued, reading, linting, saving, done, failed
    current: str | None = None  # the document being worked on

    def to_dict(self) -> dict[str, object]:
        return {"done": self.done, "total": self.total, "stage": self.stage,
                "current": self.current}


class Jobs:
    def __init__(self, workers: int = 1) -> None:
        self._pool = ThreadPoolExecutor(max_workers=max(1, workers),
                                        thread_name_prefix="svdocs-job")
        self._progress: dict[str, Progress] = {}
        self._futures: dict[str, Future[None]] = {}
        self._lock = threading.Lock()

    def submit(self, key: str, total: int, work: Callable[[Progress], None]) -> None:
        progress = Progress(total=total)
        with self._lock:
            self._progress[key] = progress

        def run() -> None:
            try:
                work(progress)
            finally:
                with self._lock:
                    self._progress.pop(key, None)
                    self._futures.pop(key, None)

        future = self._pool.submit(run)
        with self._lock:
            if key in self._progress:
                self._futures[key] = future

    def progress(self, key: str) -> Progress | None:
        with self._lock:
            return self._progress.get(key)

    def wait(self, key: str, timeout: float | None = None) -> None:
        """Wait for the job on ``key`` to finish (tests and shutdown)."""
        with self._lock:
            future = self._futures.get(key)
        if future is not None:
            future.result(timeout=timeout)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
