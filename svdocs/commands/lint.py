"""`svdocs lint`: lint tender documents and report, thin over ``svdocs.batch.lint_paths``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..errors import OutputError
from ..model import Severity
from ..reporters import FORMATS, STREAM_FORMATS
from ..reporters.common import wants_color

_SEVERITIES = [s.value for s in Severity]


def _annotate(report: Any, out_dir: Path, force: bool
              ) -> tuple[list[Path], list[str], list[str]]:
    """Write a reviewed copy of every DOCX in ``report`` into ``out_dir``.

    Returns the copies written, the inputs skipped (not DOCX) and one-line errors for DOCX
    files that could not be annotated; the copies that can be made are written together.
    """
    from ..annotate import annotate_bytes, reviewed_name
    from ..errors import SvdocsError
    from ..outputs import check_target, staged_outputs

    inputs = [Path(fr.path) for fr in report.files]
    skipped: list[str] = []
    failed: list[str] = []
    names: dict[str, int] = {}
    ready: dict[Path, bytes] = {}
    for fr in report.files:
        if fr.error is not None:
            continue
        if Path(fr.path).suffix.lower() != ".docx" or fr.document is None:
            skipped.append(fr.path)
            continue
        name = reviewed_name(fr.path)
        names[name] = names.get(name, 0) + 1
        if names[name] > 1:  # two inputs with the same name in different folders
            name = f"{Path(fr.path).stem}.{names[name]}.reviewed.docx"
        target = out_dir / name
        check_target(target, force=force, inputs=inputs)
        try:
            data = Path(fr.path).read_bytes()
            ready[target] = annotate_bytes(data, fr.findings, fr.document).data
        except SvdocsError as exc:
            failed.append(f"{fr.path}: {exc.message}")
        except Exception as exc:  # a package python-docx cannot open or save
            failed.append(f"{fr.path}: cannot annotate ({type(exc).__name__}: {exc})")
    if ready:
        with staged_outputs(list(ready), force=force, inputs=inputs) as staged:
            for target, data in ready.items():
                staged[target].write_bytes(data)
    return list(ready), skipped, failed


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice([*FORMATS, *STREAM_FORMATS]), default="text",
              show_default=True,
              help="Report format (jsonl: one line per file, written as each is done).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE instead of standard output.")
@click.option("--force", is_flag=True,
              help="Overwrite an existing report, baseline or reviewed copy.")
@click.option("--fail-on", type=click.Choice(_SEVERITIES), default=None,
              help="Exit 1 when a finding is at or above this severity [default: warning, "
                   "or fail-on from the config file].")
@click.option("--scope", type=click.Choice(["social-value", "all"]), default=None,
              help="Check social value commitments only (default) or every obligation.")
@click.option("--rules", "rule_dirs", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder of extra rules (YAML); may be repeated.")
@click.option("--model", metavar="NAME_OR_PATH", default=None,
              help="Build on an installed trained spaCy pipeline (a package name such as "
                   "en_core_web_sm, or the folder of a saved pipeline) instead of the default "
                   "one; nothing is downloaded [default: model from the config file, if any].")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Settings file (default: svdocs.toml or [tool.svdocs] in pyproject.toml, "
                   "searched upwards from the working folder).")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Record today's findings in this baseline file (then exit 0 unless a file "
                   "could not be read).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes.")
@click.option("--annotate", "annotate_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write DIR/<name>.reviewed.docx for each DOCX, with findings as Word comments.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default=None,
              help="Run on this machine's processes (local, the default) or on Dask (a local "
                   "cluster of --jobs workers, or the one at --scheduler).")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Run on the Dask cluster with this scheduler.")
@click.option("--files-from", "files_from", multiple=True, metavar="LIST",
              help="Also lint the paths and URLs listed in LIST, one a line ('-': standard "
                   "input).")
@click.option("--resume", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Skip the files already in this JSONL results file and add the rest to it.")
@click.option("--timeout", type=float, default=None, metavar="SECONDS",
              help="Report a file still being linted after SECONDS as timed out (dask "
                   "engine).")
def lint(paths: tuple[str, ...], fmt: str, output: Path | None, force: bool,
         fail_on: str | None, scope: str | None, rule_dirs: tuple[Path, ...],
         model: str | None, config_path: Path | None, baseline: Path | None,
         write_baseline: Path | None, jobs: int, annotate_dir: Path | None,
         engine: str | None, scheduler: str | None, files_from: tuple[str, ...],
         resume: Path | None, timeout: float | None) -> None:
    """Lint tender documents (DOCX, Markdown, text, HTML, PDF) for vague social value
    commitments, missing evidence requirements and absent consequences.

    PATH may be a file, a folder (searched recursively), a glob pattern or an fsspec URL
    (file://, memory://; s3://, gs://, https:// with their fsspec backend). Exit status: 0 when
    nothing is at or above --fail-on, 1 when something is, 2 for a usage error or a file that
    could not be read (the other files are still linted and reported).
    """
    from .. import corpus as corpus_run
    from ..batch import expand_paths, lint_paths
    from ..collector import pause_until_exit
    from ..config import apply_overrides, load_config
    from ..outputs import check_target, write_text_atomic
    from ..reporters import render, rule_metadata

    corpus = corpus_run.corpus_wanted(paths, files_from=files_from, engine=engine,
                                      scheduler=scheduler, fmt=fmt, resume=resume,
                                      timeout=timeout)
    if not corpus:
        if not paths:
            raise click.UsageError("give at least one PATH or --files-from LIST")
        pause_until_exit()
    config = load_config(config_path, start=Path.cwd())
    config = apply_overrides(config, scope=scope, fail_on=fail_on, rule_dirs=rule_dirs,
                             model=model)
    if corpus:
        if engine == "local" and scheduler:
            raise click.UsageError("--scheduler runs on Dask: leave out --engine local")
        options = corpus_run.EngineOptions(engine=engine or ("dask" if scheduler else "local"),
                                           scheduler=scheduler,
                                           jobs=jobs, timeout=timeout,
                                           keep_documents=fmt == "html" or bool(annotate_dir))
        corpus_run.check_options(options, fmt=fmt, resume=resume, output=output,
                                 annotate=annotate_dir is not None,
                                 write_baseline=write_baseline is not None)
        names = corpus_run.collect_names(paths, files_from)
        base = corpus_run.load_baseline(baseline)
        if fmt == "jsonl":
            sys.exit(corpus_run.stream_jsonl(names, config, options, output=output,
                                             resume=resume, force=force, baseline=base))
        from ..inputs import local_inputs

        inputs = local_inputs(names)
    else:
        inputs = expand_paths(paths)
    if output is not None:
        check_target(output, force=force, inputs=inputs)  # refuse before the work, not after
        if annotate_dir is not None and output.resolve().parent == annotate_dir.resolve() \
                and output.name.endswith(".reviewed.docx"):
            raise OutputError("the report would collide with a reviewed copy", str(output))
    if write_baseline is not None:
        check_target(write_baseline, force=force, inputs=inputs)

    keep = fmt == "html" or annotate_dir is not None
    if corpus:
        report = corpus_run.corpus_report(names, config, options, baseline=base)
    else:
        report = lint_paths(paths, config, jobs=jobs, baseline=baseline, progress=True,
                            keep_documents=keep)

    for fr in report.files:
        if fr.error is not None:
            click.echo(f"svdocs: error: {fr.path}: {fr.error}", err=True)

    rules = rule_metadata(config.rule_dirs) if fmt in ("sarif", "html") else None
    color = fmt == "text" and output is None and wants_color(sys.stdout)
    text = render(report, fmt, rules=rules, color=color)
    if output is not None:
        write_text_atomic(output, text, force=force, inputs=inputs)
        click.echo(f"svdocs: wrote {output}", err=True)
    else:
        click.echo(text, nl=False, color=color)

    if annotate_dir is not None:
        written, skipped, failed = _annotate(report, annotate_dir, force)
        for path in written:
            click.echo(f"svdocs: wrote {path}", err=True)
        for path in skipped:
            click.echo(f"svdocs: note: {path}: not a DOCX, no reviewed copy written", err=True)
        for line in failed:
            click.echo(f"svdocs: error: {line}", err=True)
        if failed:
            sys.exit(2)

    if write_baseline is not None:
        from ..baseline import write_baseline as save_baseline

        save_baseline(report, write_baseline, force=force)
        click.echo(f"svdocs: wrote baseline {write_baseline} "
                   f"({len(report.findings)} findings recorded)", err=True)
        sys.exit(2 if report.errors else 0)
    sys.exit(report.exit_code(config.fail_on))
