"""The package installs with its data, the CLI starts, and the code stays ruff-clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

import svdocs
from svdocs.cli import cli
from svdocs.core.resources import DATA_NAMES, data_dir

ROOT = Path(__file__).resolve().parent.parent


def test_version_option() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert svdocs.__version__ in result.output


def test_every_command_has_help() -> None:
    runner = CliRunner()
    top = runner.invoke(cli, ["--help"])
    assert top.exit_code == 0
    names = cli.list_commands(click.Context(cli))
    assert {"assemble", "clauses", "demo", "eval", "lint", "rules"} <= set(names)
    for name in names:
        result = runner.invoke(cli, [name, "--help"])
        assert name in top.output
        command = cli.get_command(click.Context(cli), name)
        assert result.exit_code == 0, name
        assert "Usage:" in result.output
        for sub in getattr(command, "commands", {}):
            assert runner.invoke(cli, [name, sub, "--help"]).exit_code == 0, (name, sub)


def test_data_folders_ship_with_the_package() -> None:
    for name in DATA_NAMES:
        folder = data_dir(name)
        assert folder.is_dir()
        assert any(folder.rglob("*")), f"{name} is empty"


def test_ruff_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():  # pragma: no cover - ruff is a test extra
        raise AssertionError("ruff is not installed; install the test extras")
    proc = subprocess.run(
        [ruff, "check", "svdocs", "tests", "benchmarks"], cwd=ROOT, capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
