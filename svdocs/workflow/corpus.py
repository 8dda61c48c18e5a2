"""Corpus runs of ``svdocs lint``: URLs and list files, the Dask engine, streamed JSONL.

A plain ``svdocs lint PATH...`` goes through :func:`svdocs.workflow.batch.lint_paths` as it always
has. A run that uses any of ``--engine dask``, ``--scheduler``, ``--files-from``, ``--format
jsonl``, ``--resume``, ``--timeout`` or a URL comes here instead:

- :func:`collect_names` expands the inputs (:mod:`svdocs.workflow.inputs`);
- :func:`iter_results` lints them on the local engine (``--jobs`` processes, results in
  input order) or on Dask (:mod:`svdocs.workflow.distributed.engine`, results as they finish), and
  yields ``(index, FileResult)`` for each file once;
- :func:`corpus_report` gathers them into a :class:`~svdocs.core.results.Report` in input order
  (text, JSON, SARIF and HTML reports, identical to a local run's), and
  :func:`stream_jsonl` writes each as a line the moment it arrives, keeping nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from svdocs.core.config import LintConfig
from svdocs.core.errors import InputError
from svdocs.core.results import FileResult, Report
from svdocs.workflow.inputs import collect_inputs, is_url

if TYPE_CHECKING:
    from svdocs.workflow.baseline import Baseline

ENGINES = ("local", "dask")
#: Show a progress bar only for runs of more than this many files (as a local run).
PROGRESS_MIN_FILES = 5


@dataclass
class EngineOptions:
    """How a corpus run is carried out."""

    engine: str = "local"  # "local" or "dask"
    scheduler: str | None = None  # a running Dask scheduler's address
    jobs: int = 1  # local processes, or the workers of a local Dask cluster
    timeout: float | None = None  # seconds a file may take (Dask only)
    keep_documents: bool = False
    extra: dict[str, Any] = field(default_factory=dict)  # DaskLinter settings (max_chunk)

    @property
    def uses_dask(self) -> bool:
        return self.engine == "dask" or bool(self.scheduler)


def corpus_wanted(paths: Iterable[str], *, files_from: Sequence[str] = (),
                  engine: str | None = None, scheduler: str | None = None,
                  fmt: str = "text", resume: Path | None = None,
                  timeout: float | None = None) -> bool:
    """Whether ``svdocs lint`` with these options is a corpus run (see the module docstring)."""
    return (engine == "dask" or bool(scheduler) or bool(files_from) or fmt == "jsonl"
            or resume is not None or timeout is not None or any(is_url(p) for p in paths))


def check_options(options: EngineOptions, *, fmt: str, resume: Path | None,
                  output: Path | None, annotate: bool, write_baseline: bool) -> None:
    """Refuse combinations that cannot work, in one line (a usage error, exit 2)."""
    if options.timeout is not None and not options.uses_dask:
        raise click.UsageError("--timeout needs the dask engine (--engine dask or "
                               "--scheduler): a hung file is stopped by restarting its worker")
    if options.timeout is not None and options.timeout <= 0:
        raise click.UsageError("--timeout must be a number of seconds above 0")
    if resume is not None and fmt != "jsonl":
        raise click.UsageError("--resume adds to a JSONL results file: use --format jsonl")
    if resume is not None and output is not None and os.path.abspath(output) != \
            os.path.abspath(resume):
        raise click.UsageError("with --resume the results are added to the resume file: "
                               "leave out -o")
    if fmt == "jsonl" and annotate:
        raise click.UsageError("--annotate needs the whole report: use another --format")
    if fmt == "jsonl" and write_baseline:
        raise click.UsageError("--write-baseline needs the whole report: use another --format")


def collect_names(paths: Iterable[str], files_from: Sequence[str] = ()) -> list[str]:
    """The names to lint; at least one path or list file is needed."""
    paths = list(paths)
    if not paths and not files_from:
        raise click.UsageError("give at least one PATH or --files-from LIST")
    return collect_inputs(paths, files_from)


def iter_results(names: Sequence[str], config: LintConfig,
                 options: EngineOptions) -> Iterator[tuple[int, FileResult]]:
    """``(index into names, result)`` for each name, once; local runs in input order."""
    if not names:
        return
    if not options.uses_dask:
        from svdocs.workflow.batch import iter_lint_results  # deferred: loads spaCy

        index = 0
        for chunk in iter_lint_results(names, config, jobs=options.jobs,
                                     keep_documents=options.keep_documents):
            for fr in chunk:
                yield index, fr
                index += 1
        return
    # deferred: Dask, only for --engine dask or --scheduler
    from svdocs.workflow.distributed.engine import DaskLinter, dask_client

    with dask_client(options.scheduler, options.jobs) as client:
        linter = DaskLinter(client, config, keep_documents=options.keep_documents,
                            timeout=options.timeout, **options.extra)
        yield from linter.results(names)


def _progress(count: int, show: bool) -> Any:
    # deferred: only here
    from contextlib import nullcontext

    # deferred: rich, only for a progress bar on a terminal
    from svdocs.workflow.progress import progress_bar

    if show and count > PROGRESS_MIN_FILES:
        return progress_bar(count)
    return nullcontext(lambda n: None)


def corpus_report(names: Sequence[str], config: LintConfig, options: EngineOptions, *,
                  baseline: Baseline | None = None, progress: bool = True) -> Report:
    """Every file's result, in the order of ``names``: the same Report as a local run."""
    results: list[FileResult | None] = [None] * len(names)
    with _progress(len(names), progress) as advance:
        for index, fr in iter_results(names, config, options):
            if baseline is not None and fr.error is None:
                baseline.filter(fr)
            results[index] = fr
            advance(1)
    missing = [names[i] for i, fr in enumerate(results) if fr is None]
    if missing:  # never expected: the engines report every file
        raise InputError(f"{len(missing)} files had no result", missing[0])
    return Report(files=[fr for fr in results if fr is not None])


def load_baseline(path: Path | None) -> Baseline | None:
    if path is None:
        return None
    # deferred: start-up: only for a corpus run
    from svdocs.workflow.baseline import load_baseline as load

    return load(path)


def stream_jsonl(names: Sequence[str], config: LintConfig, options: EngineOptions, *,
                 output: Path | None, resume: Path | None = None, force: bool = False,
                 baseline: Baseline | None = None, progress: bool = True) -> int:
    """Lint ``names`` and write one JSON line per file as it is done, to ``output`` (or
    standard output); with ``resume``, skip the files already in that results file and add
    to it. Returns the exit code of the whole results file, by a local run's rules."""
    # deferred: start-up: only for a corpus run
    from svdocs.core.outputs import check_target

    # deferred: start-up: loaded when its format is asked for
    from svdocs.reporters.jsonl import JsonlWriter, Tally, read_results

    # deferred: fsspec, only for URLs
    from svdocs.workflow.inputs import local_inputs

    tally = Tally()
    target = resume if resume is not None else output
    if resume is not None and resume.exists():
        seen: set[str] = set()
        for entry in read_results(resume):
            seen.add(entry["path"])
            tally.add(entry)
        skipped = len(names)
        names = [n for n in names if n not in seen]
        skipped -= len(names)
        click.echo(f"svdocs: resuming {resume}: {skipped} files already done, "
                   f"{len(names)} to go", err=True)
    if target is not None:
        if not (resume is not None and target.exists()):
            check_target(target, force=force, inputs=local_inputs(names))
        writer = JsonlWriter.open(target, append=resume is not None, force=force)
    else:
        writer = JsonlWriter(click.get_text_stream("stdout"))
    new = Tally()
    try:
        with _progress(len(names), progress) as advance:
            for _, fr in iter_results(names, config, options):
                if baseline is not None and fr.error is None:
                    baseline.filter(fr)
                entry = writer.write(fr)
                new.add(entry)
                tally.add(entry)
                if fr.error is not None:
                    click.echo(f"svdocs: error: {fr.path}: {fr.error}", err=True)
                advance(1)
    finally:
        writer.close()
    if target is not None:
        click.echo(f"svdocs: wrote {target} ({new.files} files, {new.findings} findings, "
                   f"{new.errors} could not be read)", err=True)
    return tally.exit_code(config.fail_on)


@dataclass
class CorpusPlan:
    """A corpus run of ``svdocs lint``, checked before any work: what to lint and how."""

    names: list[str]
    options: EngineOptions
    baseline: Baseline | None
    inputs: list[Path]  # the local files among ``names`` (never overwritten by an output)


def plan_corpus(paths: Sequence[str], *, files_from: Sequence[str] = (),
                engine: str | None = None, scheduler: str | None = None, jobs: int = 1,
                timeout: float | None = None, fmt: str = "text", resume: Path | None = None,
                output: Path | None = None, keep_documents: bool = False,
                annotate: bool = False, write_baseline: bool = False,
                baseline: Path | None = None) -> CorpusPlan | None:
    """The plan of a corpus run (Dask, URLs, list files, JSONL, resume or a time limit), or
    ``None`` when these options ask for an ordinary local run. Impossible combinations are a
    usage error in one line."""
    if not corpus_wanted(paths, files_from=files_from, engine=engine, scheduler=scheduler,
                         fmt=fmt, resume=resume, timeout=timeout):
        if not paths:
            raise click.UsageError("give at least one PATH or --files-from LIST")
        return None
    if engine == "local" and scheduler:
        raise click.UsageError("--scheduler runs on Dask: leave out --engine local")
    options = EngineOptions(engine=engine or ("dask" if scheduler else "local"),
                            scheduler=scheduler, jobs=jobs, timeout=timeout,
                            keep_documents=keep_documents)
    check_options(options, fmt=fmt, resume=resume, output=output, annotate=annotate,
                  write_baseline=write_baseline)
    names = collect_names(paths, files_from)
    from svdocs.workflow.inputs import local_inputs  # deferred: fsspec, only for a corpus

    return CorpusPlan(names=names, options=options, baseline=load_baseline(baseline),
                      inputs=local_inputs(names))
