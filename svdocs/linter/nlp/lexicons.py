"""Load the YAML lexicons in ``rules/lexicons/`` and merge a user's additions from the config."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from svdocs.core.errors import ValidationError
from svdocs.core.resources import rules_dir
from svdocs.core.yaml import load_yaml, read_error_line

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
    # a fresh copy of the two outer levels: merging the extras below replaces lists, so the
    # cached files are never changed
    data = {name: dict(entry) for name, entry in _read_folder(folder).items()}
    for key, phrases in (extra or {}).items():
        if key not in CONFIG_KEYS:
            known = ", ".join(sorted(CONFIG_KEYS))
            raise ValidationError([f"unknown lexicon {key!r} (known: {known})"])
        name, list_key = CONFIG_KEYS[key]
        entry = data.setdefault(name, {})
        entry[list_key] = [*entry.get(list_key, []), *[str(p) for p in phrases]]
    return Lexicons(data)


_FOLDERS: dict[Path, tuple[tuple[tuple[str, int, int], ...], dict[str, dict[str, Any]]]] = {}


def _read_folder(folder: Path) -> dict[str, dict[str, Any]]:
    """Every lexicon of a folder, parsed once per process (again only if a file changes)."""
    paths = sorted(folder.glob("*.yml"))
    stamp: list[tuple[str, int, int]] = []
    for path in paths:
        try:
            st = path.stat()
        except OSError as exc:
            raise ValidationError([f"cannot read lexicon: {exc}"], str(path)) from None
        stamp.append((path.name, st.st_mtime_ns, st.st_size))
    cached = _FOLDERS.get(folder)
    if cached is not None and cached[0] == tuple(stamp):
        return cached[1]
    data: dict[str, dict[str, Any]] = {}
    for path in paths:
        try:
            loaded = load_yaml(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ValidationError([f"cannot read lexicon: {read_error_line(exc)}"],
                                  str(path)) from None
        if not isinstance(loaded, dict):
            raise ValidationError(["a lexicon must be a YAML mapping"], str(path))
        data[path.stem] = loaded
    _FOLDERS[folder] = (tuple(stamp), data)
    return data
