"""`svdocs lint`: lint tender documents and report, thin over the library API."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from svdocs import api
from svdocs.core.collector import pause_until_exit
from svdocs.core.errors import OutputError
from svdocs.core.model import Severity
from svdocs.core.outputs import check_target, write_text_atomic
from svdocs.core.terminal import wants_color

_SEVERITIES = [s.value for s in Severity]


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice([*api.REPORT_FORMATS, "jsonl"]),
              default="text", show_default=True,
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
@click.option("--parts", type=click.Choice(["body", "all"]), default=None,
              help="Judge the body only (default) or also running headers, footers, footnotes "
                   "and endnotes.")
@click.option("--judge", type=click.Choice(["rules", "model", "both"]), default=None,
              help="Who decides vague-commitment: the rules, the trained model, or both (the "
                   "rules explain, the model decides borderline cases) [default: judge from "
                   "the config file, else rules with the social value scope, both with "
                   "--scope all].")
@click.option("--rules", "rule_dirs", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder of extra rules (YAML); may be repeated.")
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
@click.option("--explain", is_flag=True,
              help="In the text report, show what the linter understood of each commitment: "
                   "its parts (target, deadline, evidence, consequence...), found where or "
                   "missing, and the commitments a finding about a scope concerns.")
@click.option("--suggest", is_flag=True,
              help="With --annotate: also suggest each finding's library clause as a Word "
                   "tracked change (the weak wording deleted, the clause inserted).")
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
@click.option("--pack", is_flag=True,
              help="Read the documents (a folder or several files) as one tender pack: "
                   "cross-document scope, pack-consistency findings and a pack summary.")
def lint(paths: tuple[str, ...], fmt: str, output: Path | None, force: bool,
         fail_on: str | None, scope: str | None, parts: str | None, judge: str | None,
         rule_dirs: tuple[Path, ...], config_path: Path | None, baseline: Path | None,
         write_baseline: Path | None, jobs: int, annotate_dir: Path | None,
         explain: bool, suggest: bool, engine: str | None, scheduler: str | None,
         files_from: tuple[str, ...], resume: Path | None, timeout: float | None,
         pack: bool) -> None:
    """Lint tender documents (DOCX, Markdown, text, HTML, PDF) for vague social value
    commitments, missing evidence requirements and absent consequences.

    PATH may be a file, a folder (searched recursively), a glob pattern or an fsspec URL
    (file://, memory://; s3://, gs://, https:// with their fsspec backend). Exit status: 0 when
    nothing is at or above --fail-on, 1 when something is, 2 for a usage error or a file that
    could not be read (the other files are still linted and reported).
    """
    if pack:
        _lint_pack(paths, fmt=fmt, output=output, force=force, fail_on=fail_on, scope=scope,
                   parts=parts, rule_dirs=rule_dirs, config_path=config_path,
                   others=[name for name, used in (
                       ("--baseline", baseline), ("--write-baseline", write_baseline),
                       ("--jobs", jobs != 1), ("--annotate", annotate_dir),
                       ("--engine", engine), ("--scheduler", scheduler),
                       ("--files-from", files_from), ("--resume", resume),
                       ("--timeout", timeout)) if used])
        return
    if suggest and annotate_dir is None:
        raise click.UsageError("--suggest needs --annotate DIR (it writes into the reviewed "
                               "copies)")
    keep = fmt == "html" or annotate_dir is not None
    corpus = api.plan_corpus(paths, files_from=files_from, engine=engine, scheduler=scheduler,
                             jobs=jobs, timeout=timeout, fmt=fmt, resume=resume, output=output,
                             keep_documents=keep, annotate=annotate_dir is not None,
                             write_baseline=write_baseline is not None, baseline=baseline)
    if corpus is None:
        pause_until_exit()
    config = api.lint_settings(config_path, start=Path.cwd(), scope=scope, fail_on=fail_on,
                               rule_dirs=rule_dirs, parts=parts, judge=judge)
    if corpus is not None and fmt == "jsonl":
        sys.exit(api.stream_corpus(corpus, config, output=output, resume=resume, force=force))
    inputs = corpus.inputs if corpus is not None else api.expand_paths(paths)
    if output is not None:
        check_target(output, force=force, inputs=inputs)  # refuse before the work, not after
        if annotate_dir is not None and output.resolve().parent == annotate_dir.resolve() \
                and output.name.endswith(".reviewed.docx"):
            raise OutputError("the report would collide with a reviewed copy", str(output))
    if write_baseline is not None:
        check_target(write_baseline, force=force, inputs=inputs)

    if corpus is not None:
        report = api.lint_corpus(corpus, config)
    else:
        report = api.lint(list(paths), config=config, jobs=jobs, baseline=baseline,
                          progress=True, keep_documents=keep)

    for fr in report.files:
        if fr.error is not None:
            click.echo(f"svdocs: error: {fr.path}: {fr.error}", err=True)

    color = fmt == "text" and output is None and wants_color(sys.stdout)
    text = api.render_report(report, fmt, rule_dirs=config.rule_dirs, color=color,
                             explain=explain)
    if output is not None:
        write_text_atomic(output, text, force=force, inputs=inputs)
        click.echo(f"svdocs: wrote {output}", err=True)
    else:
        click.echo(text, nl=False, color=color)

    if annotate_dir is not None:
        copies = api.write_reviewed_copies(report, annotate_dir, force=force, suggest=suggest)
        for path in copies.written:
            click.echo(f"svdocs: wrote {path}", err=True)
        for name in copies.skipped:
            click.echo(f"svdocs: note: {name}: not a DOCX, no reviewed copy written", err=True)
        for line in copies.failed:
            click.echo(f"svdocs: error: {line}", err=True)
        if copies.failed:
            sys.exit(2)

    if write_baseline is not None:
        api.write_baseline(report, write_baseline, force=force)
        click.echo(f"svdocs: wrote baseline {write_baseline} "
                   f"({len(report.findings)} findings recorded)", err=True)
        sys.exit(2 if report.errors else 0)
    sys.exit(report.exit_code(config.fail_on))


def _lint_pack(paths: tuple[str, ...], *, fmt: str, output: Path | None, force: bool,
               fail_on: str | None, scope: str | None, parts: str | None,
               rule_dirs: tuple[Path, ...], config_path: Path | None,
               others: list[str]) -> None:
    """`svdocs lint --pack`: the documents as one tender."""
    if others:
        raise click.UsageError(f"--pack cannot be combined with {', '.join(others)}")
    if fmt == "jsonl":
        raise click.UsageError("--pack writes one report: use --format text, json, sarif "
                               "or html")
    if not paths:
        raise click.UsageError("--pack needs a folder or the files of the pack")
    config = api.lint_settings(config_path, start=Path.cwd(), scope=scope, fail_on=fail_on,
                               rule_dirs=rule_dirs, parts=parts)
    inputs = api.expand_paths(paths)
    if output is not None:
        check_target(output, force=force, inputs=inputs)
    report = api.lint_pack(list(paths), config=config, keep_documents=fmt == "html")
    for fr in report.files:
        if fr.error is not None:
            click.echo(f"svdocs: error: {fr.path}: {fr.error}", err=True)
    if report.pack is not None:
        for note in report.pack.notes:
            click.echo(f"svdocs: note: {note}", err=True)
    color = fmt == "text" and output is None and wants_color(sys.stdout)
    text = api.render_report(report, fmt, rule_dirs=config.rule_dirs, color=color)
    if output is not None:
        write_text_atomic(output, text, force=force, inputs=inputs)
        click.echo(f"svdocs: wrote {output}", err=True)
    else:
        click.echo(text, nl=False, color=color)
    sys.exit(report.exit_code(config.fail_on))
