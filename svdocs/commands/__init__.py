"""CLI commands, one module each; :data:`COMMANDS` lists what ``svdocs`` offers."""

from __future__ import annotations

import click

from .assemble import assemble
from .clauses import clauses
from .demo import demo
from .eval import eval_command
from .lint import lint
from .rules import rules

COMMANDS: list[click.Command] = [demo, assemble, clauses, lint, rules, eval_command]
