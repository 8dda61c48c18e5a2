"""Malformed YAML in labels, rules and lexicons is one line naming the file and the place."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from svdocs.cli import cli
from svdocs.core.errors import ValidationError
from svdocs.linter.nlp.lexicons import load_lexicons


def test_eval_reports_malformed_labels_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The Supplier shall employ 3 apprentices.\n", encoding="utf-8")
    (tmp_path / "a.expected.yml").write_text('description: "quoted" then more\nfindings: []\n',
                                             encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "a.expected.yml" in lines[0]
    assert "malformed YAML at line 1, column" in lines[0]


def test_lint_reports_a_malformed_rule_in_one_line(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.yml").write_text("id: mine\n  category: [\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("The Supplier shall employ 3 apprentices.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(draft), "--rules", str(rules)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "mine.yml" in lines[0] and "malformed YAML at line 2" in lines[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"terms: [endeavour\n", "malformed YAML at line 2"), (b"terms: [\xff\xfe]\n", "not UTF-8")],
)
def test_a_malformed_lexicon_is_one_line(tmp_path: Path, content: bytes, expected: str) -> None:
    (tmp_path / "hedges.yml").write_bytes(content)
    with pytest.raises(ValidationError) as info:
        load_lexicons(directory=tmp_path)
    (line,) = info.value.lines()
    assert "hedges.yml" in line and expected in line and "\n" not in line
