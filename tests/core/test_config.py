"""Config files: found where a user keeps them, strict about what they say."""

from __future__ import annotations

from pathlib import Path

import pytest

from svdocs.core import config as config_mod
from svdocs.core.config import LintConfig, apply_overrides, find_config, load_config
from svdocs.core.errors import ValidationError
from svdocs.core.model import Severity


@pytest.fixture
def known_rules(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Rule ids as the rule loader reports them (real loader when available)."""
    ids = config_mod.known_rule_ids()
    if ids is None:  # the rule loader is not installed in this build
        ids = {"hedged-commitment", "suppression-without-reason"}
        monkeypatch.setattr(config_mod, "known_rule_ids", lambda dirs=(): set(ids))
    return ids


def test_no_config_gives_defaults(tmp_path: Path) -> None:
    cfg = load_config(start=tmp_path)
    assert cfg == LintConfig()
    assert cfg.source is None


def test_svdocs_toml_found_in_a_parent_folder(tmp_path: Path) -> None:
    (tmp_path / "svdocs.toml").write_text('scope = "all"\nfail-on = "error"\n')
    deep = tmp_path / "tenders" / "2025"
    deep.mkdir(parents=True)
    cfg = load_config(start=deep)
    assert cfg.scope == "all"
    assert cfg.fail_on is Severity.ERROR
    assert cfg.source == tmp_path / "svdocs.toml"


def test_pyproject_tool_section_and_skip_of_pyproject_without_it(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.svdocs]\nfail-on = "info"\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(inner) == tmp_path / "pyproject.toml"
    assert load_config(start=inner).fail_on is Severity.INFO


def test_nearest_config_wins(tmp_path: Path) -> None:
    (tmp_path / "svdocs.toml").write_text('scope = "all"\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "svdocs.toml").write_text('scope = "social-value"\n')
    assert load_config(start=inner).scope == "social-value"


def test_explicit_config_file(tmp_path: Path) -> None:
    (tmp_path / "svdocs.toml").write_text('scope = "all"\n')
    other = tmp_path / "strict.toml"
    other.write_text('fail-on = "info"\n')
    cfg = load_config(explicit=other, start=tmp_path)
    assert cfg.scope == "social-value"
    assert cfg.fail_on is Severity.INFO


def test_rules_table_and_lexicons(tmp_path: Path, known_rules: set[str]) -> None:
    rule = sorted(known_rules)[0]
    (tmp_path / "svdocs.toml").write_text(
        f'[rules]\n"{rule}" = "off"\n"suppression-without-reason" = "error"\n'
        '[lexicons]\nlocal_definitions = ["within  the  Borough of Exampleshire"]\n'
        'hedges = ["in so far as we can"]\n'
    )
    cfg = load_config(start=tmp_path)
    assert cfg.rules[rule] == "off"
    assert cfg.rules["suppression-without-reason"] == "error"
    assert cfg.lexicons["local_definitions"] == ["within the Borough of Exampleshire"]
    assert cfg.lexicons["hedges"] == ["in so far as we can"]


def test_rules_dirs_are_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "house-rules").mkdir()
    (tmp_path / "svdocs.toml").write_text('rules-dirs = ["house-rules"]\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    cfg = load_config(start=sub)
    assert cfg.rule_dirs == [tmp_path / "house-rules"]


def _problems(path: Path) -> tuple[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        load_config(explicit=path)
    return str(info.value), info.value.lines()


def test_unknown_key_is_named_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / "svdocs.toml"
    path.write_text('scope = "all"\nfail_on = "error"\n')
    message, lines = _problems(path)
    assert "'fail_on'" in message
    assert all(line.startswith(str(path)) for line in lines)


def test_unknown_rule_id_is_named(tmp_path: Path, known_rules: set[str]) -> None:
    path = tmp_path / "svdocs.toml"
    path.write_text('[rules]\n"no-such-rule-anywhere" = "off"\n')
    message, _ = _problems(path)
    assert "unknown rule id 'no-such-rule-anywhere'" in message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "svdocs.toml"
    path.write_text(
        'scope = "everything"\nfail-on = "fatal"\nrules-dirs = ["missing"]\n'
        '[rules]\n"x" = "loud"\n[lexicons]\nslang = ["y"]\nhedges = "not a list"\n'
    )
    _, lines = _problems(path)
    joined = "\n".join(lines)
    for needle in ("scope:", "fail-on:", "'missing'", "rules.x", "'slang'", "lexicons.hedges"):
        assert needle in joined
    assert len(lines) == 6


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "svdocs.toml"
    path.write_text('scope = "all"\nfail-on = \n')
    message, _ = _problems(path)
    assert "invalid TOML" in message and "line 2" in message


def test_missing_explicit_config_is_an_input_error(tmp_path: Path) -> None:
    from svdocs.core.errors import InputError

    with pytest.raises(InputError, match="config file not found"):
        load_config(explicit=tmp_path / "nope.toml")


def test_pyproject_given_explicitly_needs_the_section(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n')
    message, _ = _problems(path)
    assert "[tool.svdocs]" in message


def test_command_line_options_override_the_file(tmp_path: Path) -> None:
    (tmp_path / "svdocs.toml").write_text(
        'scope = "all"\nfail-on = "info"\n[rules]\n"suppression-without-reason" = "off"\n'
    )
    base = load_config(start=tmp_path)
    cfg = apply_overrides(base, scope="social-value", fail_on="error",
                          rules={"suppression-without-reason": "info"},
                          rule_dirs=[tmp_path])
    assert (cfg.scope, cfg.fail_on) == ("social-value", Severity.ERROR)
    assert cfg.rules["suppression-without-reason"] == "info"
    assert cfg.rule_dirs == [tmp_path]
    assert base.scope == "all" and base.rules["suppression-without-reason"] == "off"
    unchanged = apply_overrides(base)
    assert (unchanged.scope, unchanged.fail_on) == ("all", Severity.INFO)
