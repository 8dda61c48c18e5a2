"""Lint settings: what the linter checks and how strictly.

:class:`LintConfig` is what the lint engine takes. Loading it from ``svdocs.toml``,
``[tool.svdocs]`` in ``pyproject.toml`` or ``--config FILE`` lives here too.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from svdocs.core.errors import InputError, ValidationError
from svdocs.core.model import Severity
from svdocs.core.rules import META_RULE_IDS, load_rules

SCOPES = ("social-value", "all")
#: ``judge`` values: who decides vague-commitment (the rules, the trained model, or both).
JUDGES = ("rules", "model", "both")
#: The judge when none is set, per scope: the better on that scope's dev and test splits
#: (docs/model-card.md). In the default social value scope the rules alone (the model adds
#: within noise there, and the clause library's own text stays clean); in ``all``, both.
DEFAULT_JUDGES = {"social-value": "rules", "all": "both"}


@dataclass
class LintConfig:
    scope: str = "social-value"  # "social-value" or "all"
    # which parts of a document are judged: "body" (the body and its text boxes) or "all"
    # (also running headers and footers, footnotes and endnotes)
    parts: str = "body"
    judge: str | None = None  # one of JUDGES; None: the scope's default (see judge_of)
    fail_on: Severity = Severity.WARNING
    rule_dirs: list[Path] = field(default_factory=list)  # extra rule folders (--rules DIR)
    # per-rule settings: {"rule-id": "off" | "error" | "warning" | "info"}
    rules: dict[str, str] = field(default_factory=dict)
    # lexicon extensions: {"hedges": [...], "evidence": [...], "consequence": [...],
    #                      "local_definitions": [...], ...}
    lexicons: dict[str, list[str]] = field(default_factory=dict)
    source: Path | None = None  # the config file this came from, if any


def judge_of(config: LintConfig) -> str:
    """Who decides vague-commitment under ``config``: its ``judge``, or its scope's default."""
    return config.judge or DEFAULT_JUDGES.get(config.scope, "rules")


# --------------------------------------------------------------------------- loading

CONFIG_NAME = "svdocs.toml"
PYPROJECT_SECTION = ("tool", "svdocs")
RULE_SETTINGS = ("off", "error", "warning", "info")
#: Lexicon keys a config may extend (the engine reads them from LintConfig.lexicons).
LEXICON_KEYS = (
    "hedges", "vague_verbs", "vague_terms", "evidence", "consequence", "frequency",
    "local_definitions",
)
CONFIG_KEYS = ("scope", "parts", "judge", "fail-on", "rules-dirs", "rules", "lexicons")
#: ``parts`` values: what of a document is judged.
PARTS = ("body", "all")


def _toml_loads(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib  # deferred: the TOML parser this Python has
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # deferred: the TOML parser this Python has
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError([f"invalid TOML: {exc}"]) from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("config file not found", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read config file: {exc}", str(path)) from None
    try:
        return _toml_loads(text)
    except ValidationError as exc:
        raise ValidationError(exc.problems, str(path)) from None


def _pyproject_section(data: dict[str, Any]) -> dict[str, Any] | None:
    section: Any = data
    for key in PYPROJECT_SECTION:
        if not isinstance(section, dict) or key not in section:
            return None
        section = section[key]
    return section if isinstance(section, dict) else None


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``svdocs.toml``, or ``pyproject.toml`` with ``[tool.svdocs]``, at or above
    ``start`` (default: the current folder); ``None`` when there is none."""
    here = (start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _pyproject_section(_read_toml(pyproject)) is not None:
            return pyproject
    return None


def load_config(explicit: Path | None = None, start: Path | None = None) -> LintConfig:
    """Load lint settings: from ``explicit`` (``--config FILE``) if given, else from the
    nearest config file at or above ``start``, else the defaults.

    Every problem (unknown key, unknown rule id, bad value, missing rules folder) is reported
    at once in a :class:`ValidationError` naming the file.
    """
    path = Path(explicit) if explicit is not None else find_config(start)
    if path is None:
        return LintConfig()
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        section = _pyproject_section(data)
        if section is None:
            raise ValidationError(["no [tool.svdocs] table"], str(path))
        data = section
    return config_from_mapping(data, base=path.parent, source=path)


def config_from_mapping(data: dict[str, Any], *, base: Path | None = None,
                        source: Path | None = None) -> LintConfig:
    """Build a :class:`LintConfig` from parsed TOML (the keys of ``svdocs.toml``)."""
    where = str(source) if source else None
    base = base or Path.cwd()
    problems: list[str] = []
    config = LintConfig(source=source)
    for key in data:
        if key not in CONFIG_KEYS:
            problems.append(f"unknown key {key!r} (known: {', '.join(CONFIG_KEYS)})")

    scope = data.get("scope", config.scope)
    if scope not in SCOPES:
        problems.append(f"scope: expected one of {', '.join(SCOPES)}, got {scope!r}")
    else:
        config.scope = scope

    parts = data.get("parts", config.parts)
    if parts not in PARTS:
        problems.append(f"parts: expected one of {', '.join(PARTS)}, got {parts!r}")
    else:
        config.parts = parts

    judge = data.get("judge", config.judge)
    if judge is not None and judge not in JUDGES:
        problems.append(f"judge: expected one of {', '.join(JUDGES)}, got {judge!r}")
    else:
        config.judge = judge

    fail_on = data.get("fail-on", config.fail_on.value)
    try:
        config.fail_on = Severity(fail_on)
    except ValueError:
        problems.append(f"fail-on: expected error, warning or info, got {fail_on!r}")

    dirs = data.get("rules-dirs", [])
    if isinstance(dirs, str):
        dirs = [dirs]
    if not isinstance(dirs, list) or not all(isinstance(d, str) for d in dirs):
        problems.append("rules-dirs: expected a list of folder paths")
        dirs = []
    dirs_ok = True
    for d in dirs:
        folder = Path(d) if Path(d).is_absolute() else base / d
        if not folder.is_dir():
            problems.append(f"rules-dirs: folder {d!r} not found (relative to {base})")
            dirs_ok = False
        else:
            config.rule_dirs.append(folder)

    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        problems.append("rules: expected a table of RULE-ID = \"off\" | severity")
        rules = {}
    for rule_id, setting in rules.items():
        if setting not in RULE_SETTINGS:
            problems.append(f"rules.{rule_id}: expected one of {', '.join(RULE_SETTINGS)}, "
                            f"got {setting!r}")
        else:
            config.rules[rule_id] = setting
    if config.rules and dirs_ok:
        known = known_rule_ids(config.rule_dirs)
        if known is not None:
            problems += [f"rules: unknown rule id {r!r}" for r in config.rules
                         if r not in known]

    lexicons = data.get("lexicons", {})
    if not isinstance(lexicons, dict):
        problems.append("lexicons: expected a table of lexicon = [phrases]")
        lexicons = {}
    for name, phrases in lexicons.items():
        if name not in LEXICON_KEYS:
            problems.append(f"lexicons: unknown lexicon {name!r} "
                            f"(known: {', '.join(LEXICON_KEYS)})")
        elif not isinstance(phrases, list) or not all(
                isinstance(p, str) and p.strip() for p in phrases):
            problems.append(f"lexicons.{name}: expected a list of non-empty phrases")
        else:
            config.lexicons[name] = [" ".join(p.split()) for p in phrases]


    if problems:
        raise ValidationError(problems, where)
    return config


def known_rule_ids(extra_dirs: Iterable[Path] = ()) -> set[str] | None:
    """Ids of every rule a config may name: the shipped rules, those in ``extra_dirs`` and
    the suppression rules."""
    return {r.id for r in load_rules(extra_dirs=tuple(extra_dirs))} | set(META_RULE_IDS)


def apply_overrides(
    config: LintConfig,
    *,
    scope: str | None = None,
    fail_on: Severity | str | None = None,
    rule_dirs: Iterable[Path] = (),
    rules: dict[str, str] | None = None,
    parts: str | None = None,
    judge: str | None = None,
) -> LintConfig:
    """A copy of ``config`` with command-line options laid over it (options win)."""
    return replace(
        config,
        scope=scope or config.scope,
        parts=parts or config.parts,
        judge=judge or config.judge,
        fail_on=Severity(fail_on) if fail_on else config.fail_on,
        rule_dirs=[*config.rule_dirs, *(Path(d) for d in rule_dirs)],
        rules={**config.rules, **(rules or {})},
        lexicons={k: list(v) for k, v in config.lexicons.items()},
    )
