"""The pre-commit examples name the tag of the current version (releases are tagged
``v<version>``), and on a git checkout that tag exists."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from svdocs._version import __version__

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("README.md", "docs/workflows.md", ".pre-commit-hooks.yaml")


@pytest.mark.parametrize("name", EXAMPLES)
def test_pre_commit_example_names_this_version(name: str) -> None:
    revs = re.findall(r"^\W*rev:\s*(\S+)", (ROOT / name).read_text(encoding="utf-8"), re.M)
    assert revs, f"{name} has no pre-commit example"
    assert set(revs) == {f"v{__version__}"}


def test_the_tag_exists_in_git() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tags = subprocess.run(["git", "-C", str(ROOT), "tag", "--list"],
                          capture_output=True, text=True, check=False).stdout.split()
    if not tags:
        pytest.skip("the checkout has no tags (a shallow clone?)")
    assert f"v{__version__}" in tags, f"tag v{__version__} is missing: git tag -a"
