"""`--model`: linting on top of a trained spaCy pipeline, built here on disk (no download)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import spacy
from click.testing import CliRunner, Result

import svdocs
from svdocs.cli import cli
from svdocs.core.config import LintConfig, load_config
from svdocs.core.errors import InputError, ValidationError
from svdocs.workflow.batch import make_linter

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "drafts" / "itt-social-value-draft.md"
WEAK = (
    "# Social value\n\n"
    "The Supplier shall endeavour to support local employment.\n\n"
    "The Supplier will seek to minimise the use of zero-hours contracts where practicable.\n"
)
MISSING = "en_core_web_svdocs_missing"


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small pipeline saved to disk: a sentencizer and an initialised, untrained tagger."""
    path = tmp_path_factory.mktemp("model") / "tiny_pipeline"
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    tagger = nlp.add_pipe("tagger")
    for label in ("NN", "VB", "JJ"):
        tagger.add_label(label)  # type: ignore[attr-defined]
    nlp.initialize()
    nlp.to_disk(path)
    return path


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [*map(str, args)])


def findings(result: Result) -> list[dict[str, Any]]:
    data = json.loads(result.stdout)
    return [f for fr in data["files"] for f in fr["findings"]]


@pytest.fixture()
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "weak.md").write_text(WEAK, encoding="utf-8")
    return tmp_path


def test_the_model_is_loaded_under_the_svdocs_components(model: Path) -> None:
    linter = make_linter(LintConfig(model=str(model)))
    assert linter.nlp.pipe_names[:2] == ["sentencizer", "tagger"]
    assert linter.nlp.pipe_names[-1] == "svdocs_analyzer"


@pytest.mark.parametrize("document", [SAMPLE, Path("weak.md")])
def test_same_findings_with_and_without_the_model(model: Path, cwd: Path,
                                                  document: Path) -> None:
    plain = run("lint", document, "--format", "json")
    on_model = run("lint", document, "--format", "json", "--model", model)
    assert plain.exit_code == on_model.exit_code == 1, on_model.output
    assert findings(plain)  # the default rules find something on it
    assert findings(on_model) == findings(plain)


def test_missing_model_name_is_one_line_and_exit_2(cwd: Path) -> None:
    result = run("lint", "weak.md", "--model", MISSING)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("svdocs: error: ") and repr(MISSING) in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize("kind", ["missing folder", "empty folder", "a file", "broken config"])
def test_bad_model_path_is_one_line_and_exit_2(cwd: Path, kind: str) -> None:
    path = cwd / "models" / kind.replace(" ", "-")
    if kind == "empty folder":
        path.mkdir(parents=True)
    elif kind == "a file":
        path.parent.mkdir(parents=True)
        path.write_text("not a pipeline\n", encoding="utf-8")
    elif kind == "broken config":
        path.mkdir(parents=True)
        (path / "meta.json").write_text('{"lang": "en", "name": "broken", "version": "0.0.1"}')
        (path / "config.cfg").write_text("[nlp\nlang = \n", encoding="utf-8")
    result = run("lint", "weak.md", "--model", path)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("svdocs: error: cannot load spaCy pipeline ")
    assert repr(str(path)) in lines[0]
    assert "Traceback" not in result.output


def test_eval_takes_the_model_too(cwd: Path) -> None:
    (cwd / "corpus").mkdir()
    (cwd / "corpus" / "a.md").write_text(WEAK, encoding="utf-8")
    (cwd / "corpus" / "a.expected.yml").write_text("findings: []\n", encoding="utf-8")
    result = run("eval", "corpus", "--model", MISSING)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and MISSING in result.stderr


def test_model_in_the_config_file_is_relative_to_it(model: Path, cwd: Path) -> None:
    conf = cwd / "conf"
    conf.mkdir()
    (conf / "svdocs.toml").write_text(f'model = "{os.path.relpath(model, conf)}"\n')
    assert Path(load_config(conf / "svdocs.toml").model or "").resolve() == model.resolve()
    (conf / "svdocs.toml").write_text(f'model = "{MISSING}"\n', encoding="utf-8")
    assert load_config(conf / "svdocs.toml").model == MISSING  # a package name stays a name


def test_model_from_the_config_file_and_the_option_wins(model: Path, cwd: Path) -> None:
    (cwd / "svdocs.toml").write_text(f'model = "{MISSING}"\n', encoding="utf-8")
    failed = run("lint", "weak.md")
    assert failed.exit_code == 2 and MISSING in failed.stderr
    assert run("lint", "weak.md", "--model", model).exit_code == 1


def test_bad_model_setting_in_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "svdocs.toml").write_text("model = 3\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="model: expected the name or folder"):
        load_config(tmp_path / "svdocs.toml")


def test_api_takes_the_model(model: Path) -> None:
    plain = svdocs.lint(WEAK, fmt="markdown")
    on_model = svdocs.lint(WEAK, fmt="markdown", model=str(model))
    via_config = svdocs.lint(WEAK, fmt="markdown", config=LintConfig(model=str(model)))
    expected = [(f.rule, f.text, f.fix_clause) for f in plain.findings]
    assert expected
    assert [(f.rule, f.text, f.fix_clause) for f in on_model.findings] == expected
    assert [(f.rule, f.text, f.fix_clause) for f in via_config.findings] == expected


def test_api_missing_model_raises_input_error(tmp_path: Path) -> None:
    doc = tmp_path / "weak.md"
    doc.write_text(WEAK, encoding="utf-8")
    with pytest.raises(InputError, match=MISSING):
        svdocs.lint(doc, model=MISSING)
    with pytest.raises(InputError, match=MISSING):
        svdocs.lint(WEAK, fmt="markdown", config=LintConfig(model=MISSING))


def test_a_linter_built_directly_uses_the_configs_model(model: Path) -> None:
    from svdocs.linter.engine import Linter

    linter = Linter(LintConfig(model=str(model)))
    assert linter.model == str(model)
    assert "tagger" in linter.nlp.pipe_names
    assert "tagger" not in Linter(LintConfig()).nlp.pipe_names
