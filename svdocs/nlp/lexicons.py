"""Load the YAML lexicons in ``rules/lexicons/`` and merge a user's additions from the config."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ValidationError
from ..resources import rules_dir

#: Config lexicon keys (``[lexicons]`` in svdocs.toml) -> (lexicon file, key in that file).
CONFIG_KEYS: dict[str, tuple[str, str]] = {
    "hedges": ("hedges", "terms"),
    "vague_verbs": ("vague_verbs", "terms"),
    "vague_terms": ("vague_terms", "terms"),
    "evidence": ("evidence", "terms"),
    "consequence": ("consequence", "terms"),
    "frequency": ("frequency", "terms"),
    "local_definitions": ("local", "definitions"),
}


@dataclass
class Lexicons:
    """Every lexicon by name (file stem), each a mapping of list name -> phrases."""

    data: dict[str, dict[str, Any]] = field(default_factory=dict)

    def get(self, name: str, key: str = "terms") -> list[str]:
        value = self.data.get(name, {}).get(key, [])
        return [str(v) for v in value] if isinstance(value, list) else []

    def groups(self, name: str, key: str) -> dict[str, list[str]]:
        value = self.data.get(name, {}).get(key, {})
        if not isinstance(value, dict):
            return {}
        return {str(k): [str(x) for x in v or []] for k, v in value.items()}


def lexicon_dir() -> Path:
    return rules_dir() / "lexicons"


def load_lexicons(
    extra: Mapping[str, Sequence[str]] | None = None, directory: Path | None = None
) -> Lexicons:
    """Read every ``*.yml`` lexicon and add the config's extra phrases (see :data:`CONFIG_KEYS`)."""
    folder = directory or lexicon_dir()
    data: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yml")):
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ValidationError([f"cannot read lexicon: {exc}"], str(path)) from None
        if not isinstance(loaded, dict):
            raise ValidationError(["a lexicon must be a YAML mapping"], str(path))
        data[path.stem] = loaded
    for key, phrases in (extra or {}).items():
        if key not in CONFIG_KEYS:
            known = ", ".join(sorted(CONFIG_KEYS))
            raise ValidationError([f"unknown lexicon {key!r} (known: {known})"])
        name, list_key = CONFIG_KEYS[key]
        entry = data.setdefault(name, {})
        entry[list_key] = [*entry.get(list_key, []), *[str(p) for p in phrases]]
    return Lexicons(data)
