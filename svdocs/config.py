"""Lint settings: what the linter checks and how strictly.

:class:`LintConfig` is what the lint engine takes. Loading it from ``svdocs.toml``,
``[tool.svdocs]`` in ``pyproject.toml`` or ``--config FILE`` lives here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .model import Severity

SCOPES = ("social-value", "all")


@dataclass
class LintConfig:
    scope: str = "social-value"  # "social-value" or "all"
    fail_on: Severity = Severity.WARNING
    rule_dirs: list[Path] = field(default_factory=list)  # extra rule folders (--rules DIR)
    # per-rule settings: {"rule-id": "off" | "error" | "warning" | "info"}
    rules: dict[str, str] = field(default_factory=dict)
    # lexicon extensions: {"hedges": [...], "evidence": [...], "consequence": [...],
    #                      "local_definitions": [...], ...}
    lexicons: dict[str, list[str]] = field(default_factory=dict)
    source: Path | None = None  # the config file this came from, if any
