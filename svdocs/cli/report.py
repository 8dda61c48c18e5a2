"""`svdocs report`: a corpus dashboard (one self-contained HTML page) from lint results."""

from __future__ import annotations

from pathlib import Path

import click

from svdocs import api
from svdocs.core.outputs import check_target, write_text_atomic


@click.command()
@click.argument("results", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help="The HTML page to write.")
@click.option("--meta", "meta_csv", type=click.Path(dir_okay=False, path_type=Path),
              help="A CSV with a 'path' column and further columns about each document.")
@click.option("--group-by", "group_by", metavar="COLUMN",
              help="Group documents by this column of --meta (default: by folder).")
@click.option("--title", default="svdocs corpus dashboard", show_default=True,
              help="The page's title.")
@click.option("--force", is_flag=True, help="Overwrite an existing page.")
def report(results: Path, output: Path, meta_csv: Path | None, group_by: str | None,
           title: str, force: bool) -> None:
    """Make a corpus dashboard from RESULTS (the JSONL of `svdocs lint --format jsonl`, or a
    JSON report): findings by category and rule, the share of documents with each gap,
    flagged commitments by theme and what they lack, the documents with most findings, and
    the same by folder or by a metadata column. The page needs no network."""
    if group_by and not meta_csv:
        raise click.UsageError("--group-by names a column of --meta CSV: give --meta too")
    if meta_csv and not group_by:
        raise click.UsageError("--meta needs --group-by COLUMN")
    check_target(output, force=force, inputs=[results])
    page, stats = api.corpus_dashboard(results, meta_csv=meta_csv, group_by=group_by,
                                       title=title)
    write_text_atomic(output, page, force=force, inputs=[results])
    click.echo(f"svdocs: wrote {output} ({stats.documents:,} documents, "
               f"{stats.findings:,} findings)", err=True)
