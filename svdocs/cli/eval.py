"""`svdocs eval DIR`: precision, recall and F1 of the linter on a labelled corpus."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from svdocs import api
from svdocs.core.collector import pause_until_exit
from svdocs.core.config import LintConfig


@click.command(name="eval")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--verbose", "-v", is_flag=True, help="List every missed and spurious finding.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--min-precision", type=click.FloatRange(0, 1), default=None,
              help="Exit 1 when any category's precision is below this.")
@click.option("--min-recall", type=click.FloatRange(0, 1), default=None,
              help="Exit 1 when any category's recall is below this.")
@click.option("--scope", type=click.Choice(["social-value", "all"]), default="social-value")
@click.option("--judge", type=click.Choice(["rules", "model", "both"]), default=None,
              help="Who decides vague-commitment [default: the lint default].")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path),
              help="An extra folder of rules (repeatable).")
def eval_command(
    directory: Path,
    verbose: bool,
    fmt: str,
    min_precision: float | None,
    min_recall: float | None,
    scope: str,
    judge: str | None,
    rule_dirs: tuple[Path, ...],
) -> None:
    """Score the linter against labelled documents (DIR/*.expected.yml)."""
    pause_until_exit()

    config = LintConfig(scope=scope, rule_dirs=list(rule_dirs))
    if judge is not None:
        config.judge = judge
    result = api.evaluate(directory, config)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        click.echo(f"{len(result.documents)} documents in {directory}")
        click.echo(f"{'category':<22}{'precision':>10}{'recall':>8}{'f1':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
        for category, s in result.scores.items():
            click.echo(
                f"{category:<22}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}"
                f"{s.tp:>5}{s.fp:>5}{s.fn:>5}"
            )
        if verbose:
            for d in result.documents:
                for e in d.false_negatives:
                    click.echo(f"missed    {d.path}: {e.category}: {e.match or '(document)'}")
                for category, text in d.false_positives:
                    click.echo(f"spurious  {d.path}: {category}: {text}")
    failed = [
        c
        for c, s in result.scores.items()
        if (min_precision is not None and s.precision < min_precision)
        or (min_recall is not None and s.recall < min_recall)
    ]
    if failed:
        click.echo(f"svdocs eval: below the minimum for: {', '.join(failed)}", err=True)
        sys.exit(1)
