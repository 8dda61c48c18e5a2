"""`svdocs demo`: scaffolding, replaced by the module's owner."""

from __future__ import annotations

import click

from ..errors import SvdocsError


@click.command()
def demo() -> None:
    """(not built yet)"""
    raise SvdocsError("'svdocs demo' is not built yet")
