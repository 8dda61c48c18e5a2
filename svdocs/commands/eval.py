"""`svdocs eval`: scaffolding, replaced by the module's owner."""

from __future__ import annotations

import click

from ..errors import SvdocsError


@click.command(name="eval")
def eval_command() -> None:
    """(not built yet)"""
    raise SvdocsError("'svdocs eval' is not built yet")
