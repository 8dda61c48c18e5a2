"""`svdocs rules list` and `svdocs rules show ID`: what each lint rule checks and why."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import click

from svdocs import api
from svdocs.core.errors import SvdocsError


@click.group()
def rules() -> None:
    """List and explain the lint rules."""


@rules.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path),
              help="An extra folder of rules (repeatable).")
def list_rules(fmt: str, rule_dirs: tuple[Path, ...]) -> None:
    """List every rule: id, category, severity and name."""
    loaded = api.rules(rule_dirs)
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in loaded], indent=2))
        return
    width = max(len(r.id) for r in loaded)
    cat_width = max(len(r.category) for r in loaded)
    for r in loaded:
        click.echo(f"{r.id:<{width}}  {r.category:<{cat_width}}  {r.severity.value:<7}  {r.name}")


@rules.command(name="show")
@click.argument("rule_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path),
              help="An extra folder of rules (repeatable).")
def show_rule(rule_id: str, fmt: str, rule_dirs: tuple[Path, ...]) -> None:
    """Explain one rule: message, rationale, suggestion, fix clause and examples."""
    rule = api.find_rule(rule_id, rule_dirs)
    if rule is None:
        raise SvdocsError(f"unknown rule {rule_id!r} (see 'svdocs rules list')")
    if fmt == "json":
        click.echo(json.dumps(rule.to_dict(), indent=2))
        return

    def para(title: str, body: str) -> None:
        click.echo(f"{title}:")
        click.echo(textwrap.fill(body, 88, initial_indent="  ", subsequent_indent="  "))

    click.echo(f"{rule.id}: {rule.name}")
    click.echo(f"category: {rule.category}   severity: {rule.severity.value}   check: {rule.check}")
    para("message", rule.message)
    para("why", rule.rationale)
    para("fix", rule.suggestion)
    if rule.fix_clause:
        click.echo(f"library clause: {rule.fix_clause}")
    if rule.references:
        click.echo(f"references: {'; '.join(rule.references)}")
    for kind, label in (("flag", "flags"), ("pass", "passes")):
        if rule.examples.get(kind):
            click.echo(f"{label}:")
            for ex in rule.examples[kind]:
                click.echo("  - " + ex.replace("\n", " / "))
