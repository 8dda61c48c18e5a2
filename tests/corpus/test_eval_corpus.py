"""`svdocs eval`: scoring, the command, and the accuracy target on the labelled corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from svdocs.cli import cli
from svdocs.core.model import CATEGORIES, Finding, Location, Severity
from svdocs.workflow.evaluate import Expected, evaluate_dir, score_document

CORPUS = Path(__file__).parent.parent / "eval_corpus"


def _finding(category: str, text: str) -> Finding:
    return Finding("r", category, Severity.WARNING, "m", "s", text, Location("p", 0))


def test_scoring_deduplicates_and_matches_once() -> None:
    findings = [
        _finding("vague-commitment", "The Supplier will endeavour to recruit."),
        _finding("vague-commitment", "The Supplier will endeavour to recruit."),  # same unit
        _finding("vague-commitment", "The Supplier may offer placements."),
        _finding("missing-consequence", "The Supplier will endeavour to recruit."),
        _finding("kpi", "not a mission category"),
    ]
    expected = [
        Expected("vague-commitment", "endeavour to recruit"),
        Expected("missing-consequence"),
        Expected("missing-evidence", "recruit"),
    ]
    result, scores = score_document(findings, expected)
    assert (scores["vague-commitment"].tp, scores["vague-commitment"].fp) == (1, 1)
    assert scores["missing-consequence"].tp == 1
    assert scores["missing-evidence"].fn == 1
    assert result.false_positives == [("vague-commitment", "The Supplier may offer placements.")]
    assert scores["vague-commitment"].precision == 0.5


@pytest.fixture(scope="module")
def evaluation():  # type: ignore[no-untyped-def]
    assert any(CORPUS.glob("*.expected.yml")), f"no labelled documents in {CORPUS}"
    return evaluate_dir(CORPUS)


def test_corpus_is_large_enough(evaluation) -> None:  # type: ignore[no-untyped-def]
    assert len(evaluation.documents) >= 60


@pytest.mark.parametrize("category", CATEGORIES)
def test_precision_and_recall_targets(evaluation, category: str) -> None:  # type: ignore[no-untyped-def]
    score = evaluation.scores[category]
    assert score.tp > 0
    assert score.precision >= 0.9, f"{category} precision {score.precision:.3f}"
    assert score.recall >= 0.9, f"{category} recall {score.recall:.3f}"


def _mini_corpus(folder: Path) -> Path:
    (folder / "weak.md").write_text(
        "The Supplier will endeavour to recruit 10 apprentices by 2027.\n", encoding="utf-8"
    )
    (folder / "weak.expected.yml").write_text(
        "description: hedged\nfindings:\n"
        "  - category: vague-commitment\n    match: endeavour to recruit\n"
        "  - category: missing-evidence\n    match: endeavour to recruit\n"
        "  - category: missing-consequence\n",
        encoding="utf-8",
    )
    (folder / "clean.txt").write_text("The Council welcomes questions.\n", encoding="utf-8")
    (folder / "clean.expected.yml").write_text("findings: []\n", encoding="utf-8")
    # a wrong label: this document flags nothing, so recall drops
    (folder / "wrong.md").write_text("The Council publishes notices.\n", encoding="utf-8")
    (folder / "wrong.expected.yml").write_text(
        "findings:\n  - category: missing-evidence\n    match: publishes\n", encoding="utf-8"
    )
    return folder


def test_eval_command_prints_scores_and_misses(tmp_path: Path) -> None:
    folder = _mini_corpus(tmp_path)
    result = CliRunner().invoke(cli, ["eval", str(folder), "--verbose"])
    assert result.exit_code == 0, result.output
    assert "vague-commitment" in result.output and "precision" in result.output
    assert "missed" in result.output and "publishes" in result.output


def test_eval_command_fails_below_minimum(tmp_path: Path) -> None:
    folder = _mini_corpus(tmp_path)
    result = CliRunner().invoke(cli, ["eval", str(folder), "--min-recall", "0.9"])
    assert result.exit_code == 1
    assert "missing-evidence" in result.output
    ok = CliRunner().invoke(cli, ["eval", str(folder), "--min-precision", "0.9"])
    assert ok.exit_code == 0, ok.output


def test_eval_command_rejects_a_folder_without_labels(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    assert result.exit_code == 2
    assert "no labelled documents" in result.output


def test_rules_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["rules", "list"])
    assert listed.exit_code == 0 and "hedged-commitment" in listed.output
    shown = runner.invoke(cli, ["rules", "show", "missing-consequence"])
    assert shown.exit_code == 0 and "remedies-escalation" in shown.output
    assert "Procurement Act 2023" in shown.output
    missing = runner.invoke(cli, ["rules", "show", "nope"])
    assert missing.exit_code == 2 and "unknown rule 'nope'" in missing.output
    as_json = runner.invoke(cli, ["rules", "list", "--format", "json"])
    assert '"category": "vague-commitment"' in as_json.output
