"""Lint many files: expand folders and globs, read, lint, suppress, baseline, in parallel.

:func:`lint_paths` is what ``svdocs lint`` and :func:`svdocs.lint` call. Each file is read
with :func:`svdocs.readers.read_document`, linted by :class:`svdocs.linter.engine.Linter`, then
its inline suppressions are applied and, with a baseline, findings already recorded are
dropped. A file that cannot be read gets a one-line :attr:`FileResult.error`; the others are
still linted. With ``jobs > 1`` the files are shared among worker processes (each builds its
pipeline once) and the results come back in input order, identical to ``jobs=1``.
"""

from __future__ import annotations

import glob
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import LintConfig
from .errors import InputError, SvdocsError
from .model import Document, Finding
from .report import FileResult, Report

if TYPE_CHECKING:
    from .baseline import Baseline

#: Extensions the readers know (kept in step with ``svdocs.readers.SUPPORTED_EXTENSIONS``).
#: Legacy Word files are collected from folders too, so the batch tells the user to save
#: them as .docx instead of passing over them in silence.
_REPORTED_LEGACY: tuple[str, ...] = (".doc", ".dot")
#: Show a progress bar only for runs of more than this many files.
PROGRESS_MIN_FILES = 5
#: Files handed to the engine (and to a worker process) at a time.
CHUNK_SIZE = 16
_GLOB_CHARS = frozenset("*?[")


def supported_extensions() -> tuple[str, ...]:
    """The file extensions (lower case, with the dot) that a folder is searched for: the
    readable ones, plus legacy Word files, which are reported as needing conversion."""
    from .readers import SUPPORTED_EXTENSIONS

    return tuple(e.lower() for e in SUPPORTED_EXTENSIONS) + _REPORTED_LEGACY


def _skip(path: Path, root: Path) -> bool:
    """Hidden files and folders (``.git``) and Word lock files (``~$name.docx``) are skipped."""
    rel = path.relative_to(root).parts
    return any(p.startswith(".") for p in rel) or path.name.startswith("~$")


def _walk(folder: Path, exts: tuple[str, ...]) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            p = Path(dirpath) / name
            if p.suffix.lower() in exts and not _skip(p, folder):
                yield p


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Turn files, folders and glob patterns into a sorted list of files without duplicates.

    A folder is searched recursively for files with a known extension (hidden folders are
    skipped); a pattern with ``*``, ``?`` or ``[`` is expanded (``**`` reaches into
    subfolders). A file named explicitly is kept whatever its extension, and a path that does
    not exist is kept too, so that the batch reports it as an error instead of losing it.
    """
    exts = supported_extensions()
    found: list[Path] = []
    for raw in paths:
        text = os.fspath(raw)
        p = Path(text)
        if p.is_dir():
            found.extend(_walk(p, exts))
        elif p.exists():
            found.append(p)
        elif _GLOB_CHARS & set(text):
            # (Python 3.11 answers "missing/**" with "missing/": keep only what exists)
            matches = sorted(m for m in glob.glob(text, recursive=True) if os.path.exists(m))
            if not matches:
                found.append(p)  # reported as "no file matches"
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    found.extend(_walk(mp, exts))
                elif mp.suffix.lower() in exts and not mp.name.startswith("~$"):
                    found.append(mp)
        else:
            found.append(p)
    unique: dict[str, Path] = {}
    for p in found:
        try:
            key = str(p.resolve())
        except OSError:
            key = str(p.absolute())
        unique.setdefault(key, p)
    return sorted(unique.values(), key=lambda q: q.as_posix())


# --------------------------------------------------------------------------- one file


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, SvdocsError):
        text = exc.message
    else:
        text = f"could not be processed (internal error: {type(exc).__name__}: {exc})"
    return " ".join(str(text).split()) or type(exc).__name__


def _missing_message(path: Path) -> str | None:
    if path.exists():
        return None
    if _GLOB_CHARS & set(str(path)):
        return "no file matches this pattern"
    return "no such file or folder"


def make_linter(config: LintConfig) -> Any:
    """The lint engine for ``config`` (built once per process), on the trained spaCy pipeline
    ``config.model`` when one is named.

    A model that cannot be loaded is an :class:`InputError` naming it, whatever spaCy raised.
    The Linter checks the theme fix clauses (``fix_clauses`` in the themes lexicon) when it is
    built, so a malformed entry stops the run with one line naming the file, before any
    document is read.
    """
    from .collector import collector_paused

    # spaCy's import and the pipeline's construction only make objects that stay
    with collector_paused():
        return _make_linter(config)


def _make_linter(config: LintConfig) -> Any:
    from .linter.engine import Linter

    if not config.model:
        linter = Linter(config)
    else:
        # spaCy's warnings about the model (version pins) are shown only if it loads: a
        # failure is reported in one line
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            try:
                linter = Linter(config, model=config.model)
            except InputError as exc:  # spaCy's OSError, as the pipeline builder reports it
                raise InputError(_one_line(exc)) from None
            except SvdocsError:
                raise
            except Exception as exc:
                # a folder with a broken config.cfg or meta.json (ValueError), a package
                # that is not a pipeline (TypeError, ImportError)
                raise InputError(f"cannot load spaCy pipeline {config.model!r}: "
                                 f"{_first_line(exc)}") from None
        for w in caught:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    return linter


def _first_line(exc: BaseException) -> str:
    """The first non-empty line of an exception's message, with its type."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return f"{lines[0]} ({type(exc).__name__})" if lines else type(exc).__name__


def read_file(path: Path) -> Document:
    """Read one input document (dispatch by extension)."""
    from .readers import read_document

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
        from .inputs import is_url, read_url

        if isinstance(name, str) and is_url(name):
            try:
                return read_url(name)
            except Exception as exc:  # one unreadable file never stops the batch
                return _one_line(exc)
        path = Path(name)
        missing = _missing_message(path)
        if missing:
            return missing
        try:
            return read_file(path)
        except Exception as exc:  # one unreadable file never stops the batch
            return _one_line(exc)

    def finish(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        """Apply inline suppressions and make sure every finding has its fingerprint."""
        from .baseline import ensure_fingerprints
        from .suppress import apply_suppressions

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
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

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
    any value. ``baseline`` (a :class:`svdocs.baseline.Baseline` or the path of a baseline
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
        from .progress import progress_bar

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
    from .baseline import Baseline, load_baseline

    if isinstance(baseline, Baseline):
        return baseline
    return load_baseline(Path(baseline))


def lint_document(doc: Document, config: LintConfig | None = None) -> list[Finding]:
    """Lint one Document already in memory, with suppressions applied (no file involved)."""
    runner = _runner_for(config or LintConfig())
    return runner.finish(doc, runner.linter.lint_document(doc))
