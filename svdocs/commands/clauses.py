"""`svdocs clauses`: scaffolding, replaced by the module's owner."""

from __future__ import annotations

import click

from ..errors import SvdocsError


@click.command()
def clauses() -> None:
    """(not built yet)"""
    raise SvdocsError("'svdocs clauses' is not built yet")
