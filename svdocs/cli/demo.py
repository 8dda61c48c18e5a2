"""`svdocs demo`: assemble the sample briefs and lint the sample drafts into a new folder."""

from __future__ import annotations

from pathlib import Path

import click

from svdocs import api


@click.command()
@click.option("-o", "--out", "out", type=click.Path(path_type=Path),
              help="Folder to write into (default: a new ./svdocs-demo folder).")
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
def demo(out: Path | None, force: bool) -> None:
    """Assemble the sample briefs and lint the sample drafts, printing what was written."""
    api.demo(out, force=force, echo=click.echo)
