"""The garbage-collector pause used around loading spaCy and linting."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from svdocs.core.collector import collector_paused


def test_pause_restores_the_collector_even_when_the_block_fails() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: still paused after the inner block
            pass
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_building_the_linter_leaves_the_collector_on() -> None:
    from svdocs.core.config import LintConfig
    from svdocs.workflow.batch import make_linter

    make_linter(LintConfig())
    assert gc.isenabled()


def test_only_the_commands_own_process_switches_the_collector_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from svdocs.cli import cli
    from svdocs.core import collector

    draft = tmp_path / "draft.md"
    draft.write_text("The Supplier shall endeavour to employ local people.\n", encoding="utf-8")
    # a program that embeds svdocs (here the test runner) keeps its collector
    result = CliRunner().invoke(cli, ["lint", str(draft), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert gc.isenabled()
    # the svdocs command's own process: off for the rest of the run
    monkeypatch.setattr(collector, "_OWNED_PROCESS", False)
    collector.own_process()
    try:
        collector.pause_until_exit()
        assert not gc.isenabled()
    finally:
        gc.enable()
        monkeypatch.setattr(collector, "_OWNED_PROCESS", False)
