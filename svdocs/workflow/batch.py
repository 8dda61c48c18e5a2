"""Lint many files: expand folders and globs, read, lint, suppress, baseline, in parallel.

:func:`lint_paths` is what ``svdocs lint`` and :func:`svdocs.lint` call. Each file is read
with :func:`svdocs.readers.read_document`, linted by :class:`svdocs.linter.engine.Linter`, then
its inline suppressions are applied and, with a baseline, findings already recorded are
dropped. A file that cannot be read gets a one-line :attr:`FileResult.error`; the others are
still linted. With ``jobs > 1`` the files are shared among worker processes (each builds its
pipeline once) and the results come back in input order, identical to ``jobs=1``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from svdocs.core.collector import collector_paused
from svdocs.core.config import LintConfig
from svdocs.core.errors import SvdocsError
from svdocs.core.model import Document, Finding
from svdocs.core.results import FileResult, Report
from svdocs.workflow.baseline import Baseline, ensure_fingerprints, load_baseline
from svdocs.workflow.paths import expand_paths, missing_message
from svdocs.workflow.suppress import apply_suppressions

#: Show a progress bar only for runs of more than this many files.
PROGRESS_MIN_FILES = 5
#: Files handed to the engine (and to a worker process) at a time.
CHUNK_SIZE = 16


# --------------------------------------------------------------------------- one file


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, SvdocsError):
        text = exc.message
    else:
        text = f"could not be processed (internal error: {type(exc).__name__}: {exc})"
    return " ".join(str(text).split()) or type(exc).__name__


def make_linter(config: LintConfig) -> Any:
    """The lint engine for ``config`` (built once per process).

    The Linter checks the theme fix clauses (``fix_clauses`` in the themes lexicon) when it is
    built, so a malformed entry stops the run with one line naming the file, before any
    document is read.
    """

    # spaCy's import and the pipeline's construction only make objects that stay
    with collector_paused():
        return _make_linter(config)


def _make_linter(config: LintConfig) -> Any:
    from svdocs.linter.engine import Linter  # deferred: loads spaCy

    return Linter(config)


def read_file(path: Path) -> Document:
    """Read one input document (dispatch by extension)."""
    # deferred: start-up: the readers load lxml and markdown-it
    from svdocs.readers import read_document

    return read_document(path)


class _Runner:
    """Reads and lints files with one linter; lives once per process."""

    def __init__(self, config: LintConfig) -> None:
        self.config = config
        self.linter = make_linter(config)
        self._rule_ids: set[str] | None = None

    @property
    def rule_ids(self) -> set[str]:
        if self._rule_ids is None:
            self._rule_ids = {r.id for r in self.linter.rules}
        return self._rule_ids

    def read(self, name: str | Path) -> Document | str:
        """The document (from a local path or an fsspec URL), or a one-line error."""
        from svdocs.workflow.inputs import is_url, read_url  # deferred: fsspec, for URLs

        if isinstance(name, str) and is_url(name):
            try:
                return read_url(name)
            except Exception as exc:  # one unreadable file never stops the batch
                return _one_line(exc)
        path = Path(name)
        missing = missing_message(path)
        if missing:
            return missing
        try:
            return read_file(path)
        except Exception as exc:  # one unreadable file never stops the batch
            return _one_line(exc)

    def finish(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        """Apply inline suppressions and make sure every finding has its fingerprint."""

        findings = apply_suppressions(doc, findings, self.config, known_rules=self.rule_ids)
        ensure_fingerprints(findings)
        return findings

    def lint_chunk(self, paths: Sequence[str], keep_documents: bool) -> list[FileResult]:
        results: list[FileResult] = []
        docs: list[tuple[int, Document]] = []
        for i, name in enumerate(paths):
            got = self.read(name)
            if isinstance(got, str):
                results.append(FileResult(path=name, error=got))
            else:
                results.append(FileResult(path=name, warnings=list(got.warnings)))
                docs.append((i, got))
        batches: list[list[Finding] | Exception] = []
        try:
            batches.extend(self.linter.lint_documents([d for _, d in docs]))
        except Exception:  # find the document at fault and lint the others one by one
            batches = []
        if len(batches) != len(docs):
            batches = []
            for _, d in docs:
                try:
                    batches.append(self.linter.lint_document(d))
                except Exception as exc:
                    batches.append(exc)
        for (i, doc), found in zip(docs, batches, strict=True):
            fr = results[i]
            if isinstance(found, BaseException):
                fr.error = _one_line(found)
                continue
            try:
                fr.findings = self.finish(doc, list(found))
            except Exception as exc:
                fr.error = _one_line(exc)
                continue
            if keep_documents:
                fr.document = doc
        return results


_WORKER: _Runner | None = None
_CACHED: tuple[tuple[str, Any], _Runner] | None = None


def _runner_for(config: LintConfig) -> _Runner:
    """A runner for ``config``, reused while the settings stay the same (building the
    language pipeline is the slow part of a small run)."""
    global _CACHED
    key = (repr(config), make_linter)
    if _CACHED is None or _CACHED[0] != key:
        _CACHED = (key, _Runner(config))
    return _CACHED[1]


def _init_worker(config: LintConfig) -> None:
    global _WORKER
    # a forked worker inherits the parent's runner: reuse it if the settings are the same
    cached = _CACHED
    if cached is not None and cached[0] == (repr(config), make_linter):
        _WORKER = cached[1]
    else:
        _WORKER = _Runner(config)


def _work(args: tuple[list[str], bool]) -> list[FileResult]:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.lint_chunk(*args)


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _results(names: list[str], config: LintConfig, jobs: int,
             keep_documents: bool) -> Iterator[list[FileResult]]:
    chunks = _chunks(names, CHUNK_SIZE)
    if jobs <= 1 or len(chunks) <= 1:
        runner = _runner_for(config)
        for chunk in chunks:
            yield runner.lint_chunk(chunk, keep_documents)
        return
    # imported here: a run with one job (a pre-commit hook, say) never pays for them
    import multiprocessing  # deferred: only for --jobs N
    from concurrent.futures import ProcessPoolExecutor  # deferred: only for --jobs N
    from concurrent.futures.process import BrokenProcessPool  # deferred: only for --jobs N

    workers = min(jobs, len(chunks))
    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":
        # build the pipeline once here; forked workers inherit it instead of each building
        # their own while competing for the same cores
        _runner_for(config)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_init_worker, initargs=(config,)) as pool:
        futures = [pool.submit(_work, (c, keep_documents)) for c in chunks]
        # results are taken in submission order, so the report never depends on timing
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                yield future.result()
            except BrokenProcessPool:
                # a worker died (killed for memory, say): finish here, as --jobs 1 would
                yield _runner_for(config).lint_chunk(chunk, keep_documents)


def _progress_wanted(progress: bool, count: int) -> bool:
    return progress and count > PROGRESS_MIN_FILES and sys.stderr.isatty()


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    config: LintConfig | None = None,
    *,
    jobs: int = 1,
    baseline: Baseline | str | os.PathLike[str] | None = None,
    progress: bool = False,
    keep_documents: bool = False,
) -> Report:
    """Lint every file that ``paths`` names (files, folders, globs) and return the Report.

    ``jobs`` worker processes share the files; the findings and their order are the same for
    any value. ``baseline`` (a :class:`~svdocs.workflow.baseline.Baseline` or the path of a baseline
    file) drops findings recorded in it. ``progress`` shows a bar on stderr when stderr is a
    terminal and there are more than :data:`PROGRESS_MIN_FILES` files. ``keep_documents``
    keeps each read Document on its FileResult (for the HTML report and ``--annotate``).
    """
    config = config or LintConfig()
    files = expand_paths(paths)
    names = [str(p) for p in files]
    base = _as_baseline(baseline)
    report = Report()
    results = _results(names, config, max(1, int(jobs)), keep_documents)
    if _progress_wanted(progress, len(names)):
        from svdocs.workflow.progress import progress_bar  # deferred: rich, only for a terminal

        with progress_bar(len(names)) as advance:
            _collect(report, results, base, advance)
    else:
        _collect(report, results, base, None)
    return report


def _collect(report: Report, results: Iterable[list[FileResult]], base: Baseline | None,
             advance: Callable[[int], Any] | None) -> None:
    for chunk in results:
        for fr in chunk:
            if base is not None and fr.error is None:
                base.filter(fr)
            report.files.append(fr)
        if advance is not None:
            advance(len(chunk))


def _as_baseline(baseline: Baseline | str | os.PathLike[str] | None) -> Baseline | None:
    if baseline is None:
        return None

    if isinstance(baseline, Baseline):
        return baseline
    return load_baseline(Path(baseline))


def lint_document(doc: Document, config: LintConfig | None = None) -> list[Finding]:
    """Lint one Document already in memory, with suppressions applied (no file involved)."""
    runner = _runner_for(config or LintConfig())
    return runner.finish(doc, runner.linter.lint_document(doc))


def lint_files_here(names: Iterable[str], config: LintConfig | None = None, *,
                    keep_documents: bool = False) -> list[FileResult]:
    """Lint the named files (local paths or fsspec URLs, already expanded) in this process
    and return their results in order, with suppressions applied.

    The linter is built on the first call and kept for later calls with the same settings,
    so a long-lived worker process (a Dask worker) builds the language pipeline once. A file
    that cannot be read gets a one-line ``error``; the others are still linted.
    """
    return _runner_for(config or LintConfig()).lint_chunk(list(names), keep_documents)


def iter_lint_results(names: Iterable[str], config: LintConfig | None = None, *, jobs: int = 1,
                    keep_documents: bool = False) -> Iterable[list[FileResult]]:
    """Lint the named files (local paths or fsspec URLs, already expanded) as ``svdocs lint
    --jobs`` does, yielding the results a chunk at a time in input order (for streaming)."""
    yield from _results(list(names), config or LintConfig(), max(1, int(jobs)), keep_documents)


def cached_linter(config: LintConfig | None = None) -> Any:
    """The lint engine for ``config``, built on the first call in this process and kept for
    later calls with the same settings (a server or a worker builds its pipeline once)."""
    return _runner_for(config or LintConfig()).linter
