"""`svdocs train`: train the statistical judge on labelled corpora (see docs/model-card.md)."""

from __future__ import annotations

from pathlib import Path

import click

from svdocs import api


@click.command(name="train")
@click.option("--requirements", "requirements", multiple=True, default=None,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder of labelled specifications (*.labels.yml); may be repeated "
                   "[default: tests/requirements/train].")
@click.option("--commitments", "commitments", multiple=True, default=None,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder of labelled social value documents (*.labels.yml); may be "
                   "repeated [default: tests/sentences/train].")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the trained pipeline [default: the shipped model's folder, "
                   "svdocs/_models/judge].")
@click.option("--seed", type=int, default=None, help="Random seed [default: 17].")
@click.option("--epochs", type=click.IntRange(min=1), default=None,
              help="Passes over the data [default: 12].")
@click.option("--force", is_flag=True, help="Replace an existing model folder.")
def train(requirements: tuple[Path, ...], commitments: tuple[Path, ...], output: Path | None,
          seed: int | None, epochs: int | None, force: bool) -> None:
    """Train the judge (`--judge model|both`) on the train splits: seeded, CPU, seconds."""
    if not requirements and not commitments:
        requirements = (Path("tests/requirements/train"),)
        commitments = (Path("tests/sentences/train"),)
        missing = [str(p) for p in (*requirements, *commitments) if not p.is_dir()]
        if missing:
            raise click.UsageError(f"{missing[0]}: not found (run from a source checkout, or "
                                   "name the folders with --requirements / --commitments)")
    out = output if output is not None else api.judge_model_dir()
    report = api.train_judge(requirements, commitments, out, epochs=epochs, seed=seed,
                             force=force or output is None)
    click.echo(f"trained on {report.units} units ({report.vague} vague) from {report.sources} "
               f"labelled documents, {report.epochs} epochs, seed {report.seed}")
    click.echo(f"wrote {report.output}")
