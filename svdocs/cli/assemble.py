"""`svdocs assemble BRIEF -o DIR`: build the specification, ITT section and schedule."""

from __future__ import annotations

from pathlib import Path

import click

from svdocs import api


@click.command()
@click.argument("brief", type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(path_type=Path),
              help="Folder to write the documents and commitments.json into.")
@click.option("--format", "formats", default="docx,md,html", show_default=True,
              help="Comma-separated output formats: docx, md, html.")
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
@click.option("--library", "library_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Clause library folder (default: the library shipped with svdocs).")
@click.option("--notes", is_flag=True,
              help="Keep drafting notes in the Markdown and HTML previews.")
def assemble(brief: Path, out_dir: Path, formats: str, force: bool,
             library_dir: Path | None, notes: bool) -> None:
    """Assemble the documents a BRIEF asks for from the clause library.

    Writes the social value specification, the ITT social value section and the contract
    social value schedule (with its KPI table) in each format, plus commitments.json. Either
    every file is written or none is.
    """
    fmts = api.assembly_formats(formats)
    library = api.load_library(library_dir)
    loaded = api.load_brief(brief, library)
    result = api.assemble(loaded, library=library, notes=notes or None)
    written = api.write_assembly(result, out_dir, fmts, force=force)
    for note in result.notes:
        click.echo(f"rule applied: {note}")
    kpis = len(result.kpis)
    click.echo(f"assembled {len(result.documents)} document(s) from "
               f"{len(result.clause_versions)} clause(s), {len(result.commitments)} "
               f"commitment(s), {kpis} KPI(s)")
    for path in written:
        click.echo(f"wrote {path}")
