"""Outputs are atomic, never overwrite without force, never land on an input."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from svdocs.core.errors import OutputError
from svdocs.core.outputs import staged_outputs, write_text_atomic


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(OutputError, match="already exists"):
        write_text_atomic(target, "new")
    assert target.read_text() == "old"
    write_text_atomic(target, "new", force=True)
    assert target.read_text() == "new"


def test_refuses_to_write_over_an_input_even_with_force(tmp_path: Path) -> None:
    source = tmp_path / "draft.md"
    source.write_text("keep me")
    with pytest.raises(OutputError, match="input"):
        write_text_atomic(tmp_path / "." / "draft.md", "x", force=True, inputs=[source])
    assert source.read_text() == "keep me"


def test_new_files_get_ordinary_permissions(tmp_path: Path) -> None:
    target = write_text_atomic(tmp_path / "a.txt", "x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_staged_outputs_leave_nothing_when_interrupted(tmp_path: Path) -> None:
    targets = [tmp_path / "a.md", tmp_path / "b.md"]
    with pytest.raises(RuntimeError), staged_outputs(targets) as staged:
        staged[targets[0]].write_text("half")
        raise RuntimeError("writer failed")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_place_gives_output_error(tmp_path: Path) -> None:
    # a parent that is a file cannot hold outputs, whoever runs the test (root included)
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    with pytest.raises(OutputError, match="cannot write"):
        write_text_atomic(blocker / "x.txt", "x")


def test_staged_outputs_take_back_placed_files_when_a_rename_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    targets = [tmp_path / "a.md", tmp_path / "b.md"]
    real_replace = os.replace
    calls = []

    def second_fails(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    with (pytest.raises(OutputError, match=r"b\.md: cannot write: Permission denied"),
          staged_outputs(targets) as staged):
        for tmp in staged.values():
            tmp.write_text("x")
    assert list(tmp_path.iterdir()) == []
