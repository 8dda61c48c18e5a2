"""The pre-commit hook declared for other repositories runs `svdocs lint` on exactly the files
svdocs can read."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from svdocs.readers import SUPPORTED_EXTENSIONS

MANIFEST = Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml"


def hook() -> dict[str, object]:
    hooks = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    (found,) = [h for h in hooks if h.get("id") == "svdocs"]
    return found


def test_hook_declares_the_lint_command() -> None:
    h = hook()
    assert h["entry"] == "svdocs lint"
    assert h["language"] == "python"
    assert {"name", "description"} <= set(h)


def test_hook_file_pattern_matches_every_supported_extension_and_nothing_else() -> None:
    pattern = re.compile(str(hook()["files"]))
    for ext in SUPPORTED_EXTENSIONS:
        assert pattern.search(f"tenders/lot 1/spec{ext}"), ext
    for other in ("setup.py", "image.png", "legacy.doc", "notes.md.bak", "spec.docx/readme"):
        assert not pattern.search(other), other
