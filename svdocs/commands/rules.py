"""`svdocs rules`: scaffolding, replaced by the module's owner."""

from __future__ import annotations

import click

from ..errors import SvdocsError


@click.command()
def rules() -> None:
    """(not built yet)"""
    raise SvdocsError("'svdocs rules' is not built yet")
