"""The statistical judge: it ships in the package and loads without the network, --judge
chooses who decides vague-commitment, and training is seeded and reproducible."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from svdocs.cli import cli
from svdocs.core.config import LintConfig, config_from_mapping
from svdocs.core.errors import InputError, ValidationError
from svdocs.linter.engine import Linter
from svdocs.linter.judge import model_judge
from svdocs.readers import read_text
from svdocs.workflow.judge_training import (
    commitment_units,
    requirement_units,
    train,
    train_judge,
)

# a vague requirement in a wording no rule names: only the model flags it
ONLY_THE_MODEL = "The interface shall look pleasing to staff."
PRECISE = "The Contractor shall complete each repair within 5 working days of the report."


def _vague(text: str, **settings: str) -> list[tuple[str, dict[str, float]]]:
    linter = Linter(LintConfig(**settings))
    return [(f.rule, f.properties) for f in linter.lint_document(read_text(text, fmt="markdown"))
            if f.category == "vague-commitment"]


def test_the_model_ships_in_the_package_and_loads_with_no_network(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert (model_judge.MODEL_DIR / "meta.json").is_file()
    assert model_judge.MODEL_DIR.is_relative_to(Path(model_judge.__file__).parents[2])
    size = sum(p.stat().st_size for p in model_judge.MODEL_DIR.rglob("*") if p.is_file())
    assert size < 5_000_000

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the judge must not open a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(model_judge, "_LOADED", {})
    vague, precise = model_judge.vague_scores([ONLY_THE_MODEL, PRECISE])
    assert vague > 0.5 > precise


def test_a_missing_model_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no trained judge model"):
        model_judge.load_judge(tmp_path)


def test_judge_rules_model_and_both_decide_differently() -> None:
    assert _vague(ONLY_THE_MODEL, scope="all", judge="rules") == []
    (rule, properties), = _vague(ONLY_THE_MODEL, scope="all", judge="model")
    assert rule == "vague-model" and properties["model_score"] > 0.5
    assert [r for r, _ in _vague(ONLY_THE_MODEL, scope="all", judge="both")] == ["vague-model"]
    for judge in ("rules", "model", "both"):
        assert _vague(PRECISE, scope="all", judge=judge) == []


def test_both_keeps_the_rules_explanation_with_the_model_score() -> None:
    found = _vague("The system should respond quickly to catalogue searches.",
                   scope="all", judge="both")
    rules = {r for r, _ in found}
    assert {"vague-uncertain-verb", "vague-ambiguous"} <= rules
    assert "vague-model" not in rules  # the rules already explain it
    assert all(p["model_score"] > 0.5 for _, p in found)


def test_under_model_the_rules_findings_of_vague_commitment_go() -> None:
    text = "The Supplier will endeavour to recruit 10 apprentices during the term."
    rules = [r for r, _ in _vague(text, judge="rules")]
    model = [r for r, _ in _vague(text, judge="model")]
    assert "hedged-commitment" in rules
    assert model == ["vague-model"]


def test_cli_judge_option_and_model_score_in_json(tmp_path: Path) -> None:
    doc = tmp_path / "spec.md"
    doc.write_text(f"# Requirements\n\n{ONLY_THE_MODEL}\n", encoding="utf-8")
    runner = CliRunner()

    def findings(*args: str) -> list[dict[str, object]]:
        result = runner.invoke(cli, ["lint", "--format", "json", "--scope", "all", *args,
                                     str(doc)])
        assert result.exit_code in (0, 1), result.output
        return [f for f in json.loads(result.stdout)["files"][0]["findings"]
                if f["category"] == "vague-commitment"]

    assert findings("--judge", "rules") == []
    (model,) = findings("--judge", "model")
    assert model["rule"] == "vague-model"
    assert 0.5 < model["properties"]["model_score"] <= 1.0
    assert model["properties"]["model_smell"] == "subjective"
    assert "subjective" in model["message"]
    bad = runner.invoke(cli, ["lint", "--judge", "oracle", str(doc)])
    assert bad.exit_code == 2 and "oracle" in bad.output


def test_judge_in_the_config_file() -> None:
    assert config_from_mapping({"judge": "model"}).judge == "model"
    with pytest.raises(ValidationError, match="judge: expected one of rules, model, both"):
        config_from_mapping({"judge": "oracle"})


def test_the_rules_judge_adds_no_model_score() -> None:
    linter = Linter(LintConfig(judge="rules"))
    text = "The Supplier will endeavour to recruit 10 apprentices during the term."
    for f in linter.lint_document(read_text(text, fmt="markdown")):
        assert "model_score" not in f.to_dict().get("properties", {})


# ------------------------------------------------------------------------------- training

SPEC = """title: tiny
requirements:
  - text: The system should respond quickly
    vague: true
    smells: [uncertain-verb, ambiguous]
    words: [should, quickly]
  - text: The system shall respond within 2 seconds
    vague: false
    smells: []
    words: []
  - text: Reports shall be produced as appropriate
    vague: true
    smells: [loophole]
    words: [as appropriate]
  - text: Reports shall be produced on the fifth working day of each month
    vague: false
    smells: []
    words: []
non_requirements:
  - text: The Council runs three libraries.
"""
SV = """title: tiny social value
commitments:
  - text: The Supplier will endeavour to support local people
    categories: [vague-commitment, missing-evidence]
  - text: The Supplier shall recruit 6 apprentices by 2027
    categories: [missing-evidence]
non_commitments:
  - text: The Council may withhold payment
"""


@pytest.fixture()
def tiny(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "req").mkdir()
    (tmp_path / "sv").mkdir()
    (tmp_path / "req" / "spec.labels.yml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "sv" / "doc.labels.yml").write_text(SV, encoding="utf-8")
    return tmp_path / "req", tmp_path / "sv"


def test_the_labelled_units_are_read_with_their_labels(tiny: tuple[Path, Path]) -> None:
    req, sv = tiny
    units = requirement_units(req)
    assert len(units) == 5
    assert units[0].cats["VAGUE"] == 1.0 and units[0].cats["AMBIGUOUS"] == 1.0
    assert units[0].cats["LOOPHOLE"] == 0.0
    assert units[4].cats["VAGUE"] == 0.0  # a non-requirement is a negative
    sv_units = commitment_units(sv)
    assert [u.cats for u in sv_units] == [{"VAGUE": 1.0}, {"VAGUE": 0.0}, {"VAGUE": 0.0}]


def test_training_is_seeded_and_reproducible(tiny: tuple[Path, Path], tmp_path: Path) -> None:
    req, sv = tiny
    first = train_judge([req], [sv], tmp_path / "a", epochs=3, seed=5)
    train_judge([req], [sv], tmp_path / "b", epochs=3, seed=5)
    assert first.units == 8 and first.vague == 3
    weights = Path("textcat_multilabel") / "model"
    assert (tmp_path / "a" / weights).read_bytes() == (tmp_path / "b" / weights).read_bytes()
    other = train(requirement_units(req) + commitment_units(sv), epochs=3, seed=6)
    assert other.get_pipe("textcat_multilabel").to_bytes() != (tmp_path / "a" / weights) \
        .read_bytes()
    scores = model_judge.vague_scores(["The system should respond quickly"], tmp_path / "a")
    assert 0.0 <= scores[0] <= 1.0


def test_training_never_overwrites_without_force(tiny: tuple[Path, Path],
                                                 tmp_path: Path) -> None:
    req, sv = tiny
    (tmp_path / "out").mkdir()
    with pytest.raises(InputError, match="already exists"):
        train_judge([req], [sv], tmp_path / "out", epochs=1)
    train_judge([req], [sv], tmp_path / "out", epochs=1, force=True)
    assert (tmp_path / "out" / "meta.json").is_file()


def test_svdocs_train_command(tiny: tuple[Path, Path], tmp_path: Path) -> None:
    req, sv = tiny
    out = tmp_path / "model"
    result = CliRunner().invoke(cli, ["train", "--requirements", str(req), "--commitments",
                                      str(sv), "-o", str(out), "--epochs", "2"])
    assert result.exit_code == 0, result.output
    assert "trained on 8 units (3 vague)" in result.output
    again = CliRunner().invoke(cli, ["train", "--requirements", str(req), "-o", str(out)])
    assert again.exit_code == 2 and "already exists" in again.output


def test_a_bad_labels_file_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "bad.labels.yml").write_text("requirements: [\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.labels\.yml: cannot read labels"):
        requirement_units(tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"no \*\.labels\.yml files"):
        requirement_units(tmp_path / "empty")
    with pytest.raises(InputError, match="no such folder"):
        commitment_units(tmp_path / "missing")


def test_sarif_carries_the_model_score(tmp_path: Path) -> None:
    doc = tmp_path / "spec.md"
    doc.write_text(f"# Requirements\n\n{ONLY_THE_MODEL}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", "--format", "sarif", "--scope", "all",
                                      "--judge", "model", str(doc)])
    results = json.loads(result.stdout)["runs"][0]["results"]
    (model,) = [r for r in results if r["ruleId"] == "vague-model"]
    assert model["properties"]["model_score"] > 0.5
