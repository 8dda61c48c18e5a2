"""`svdocs assemble`: scaffolding, replaced by the module's owner."""

from __future__ import annotations

import click

from ..errors import SvdocsError


@click.command()
def assemble() -> None:
    """(not built yet)"""
    raise SvdocsError("'svdocs assemble' is not built yet")
