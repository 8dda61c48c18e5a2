"""`svdocs audit FILE...`: compare the library clauses in assembled documents with the library."""

from __future__ import annotations

from pathlib import Path

import click

from svdocs import api
from svdocs.core.errors import SvdocsError
from svdocs.core.outputs import staged_outputs


@click.command("audit")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True, help="Report format.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--force", is_flag=True, help="Overwrite an existing report file.")
@click.option("--library", "library_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Clause library folder (default: the library shipped with svdocs).")
def audit(files: tuple[Path, ...], fmt: str, output: Path | None, force: bool,
          library_dir: Path | None) -> None:
    """Say for each library clause in assembled DOCX, Markdown or HTML files whether it is
    unchanged, edited (with a word diff), outdated (the library has a newer version) or
    unknown, and list text that belongs to no clause.

    Exit code 1 when any clause is edited or outdated, 0 otherwise, 2 on bad input.
    """
    from svdocs.cli import report_error  # deferred: the CLI's root imports its commands

    library = api.load_library(library_dir)
    results = []
    bad = 0
    for path in files:
        try:
            results.append(api.audit_file(path, library))
        except SvdocsError as exc:  # report it, audit the other files, exit 2 at the end
            report_error(exc)
            bad += 1
    text = api.render_audit(results, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        data = {output: text.encode("utf-8")}
        with staged_outputs(data, force=force, inputs=list(files)) as staged:
            for final, tmp in staged.items():
                tmp.write_bytes(data[final])
    if bad:
        raise SystemExit(2)
    if any(r.failed for r in results):
        raise SystemExit(1)
