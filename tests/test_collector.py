"""The garbage-collector pause used around loading spaCy and linting."""

from __future__ import annotations

import gc

import pytest

from svdocs.collector import collector_paused


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
    from svdocs.batch import make_linter
    from svdocs.config import LintConfig

    make_linter(LintConfig())
    assert gc.isenabled()
