"""`svdocs lint`: scaffolding, replaced by the module's owner."""

from __future__ import annotations

import click

from ..errors import SvdocsError


@click.command()
def lint() -> None:
    """(not built yet)"""
    raise SvdocsError("'svdocs lint' is not built yet")
