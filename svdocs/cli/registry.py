"""CLI commands, one module each; :data:`COMMAND_MODULES` lists what ``svdocs`` offers.

A command's module is imported only when that command runs (or ``--help`` lists them all), so
``svdocs lint`` never pays for the assembly, demo or evaluation commands' imports.
"""

from __future__ import annotations

from importlib import import_module

import click

#: command name -> (module in ``svdocs.cli.registry``, the click command's name in it)
COMMAND_MODULES: dict[str, tuple[str, str]] = {
    "demo": ("demo", "demo"),
    "assemble": ("assemble", "assemble"),
    "clauses": ("clauses", "clauses"),
    "lint": ("lint", "lint"),
    "rules": ("rules", "rules"),
    "eval": ("eval", "eval_command"),
    "audit": ("audit", "audit"),
    "report": ("report", "report"),
    "serve": ("serve", "serve"),
    "train": ("train", "train"),
}


def load_command(name: str) -> click.Command:
    """The click command called ``name`` (a key of :data:`COMMAND_MODULES`)."""
    module, attribute = COMMAND_MODULES[name]
    command: click.Command = getattr(import_module(f"svdocs.cli.{module}"), attribute)
    return command
