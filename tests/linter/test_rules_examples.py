"""Every rule's own examples are test cases: `flag` texts must raise the rule, `pass` texts
must not. Rules from a user's `--rules DIR` are run the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from svdocs.core.config import LintConfig
from svdocs.core.errors import ValidationError
from svdocs.core.model import CATEGORIES
from svdocs.core.rules import PACK_CHECKS, load_rules
from svdocs.linter.engine import Linter
from svdocs.readers import read_text

RULES = load_rules()
CASES = [
    pytest.param(rule.id, kind, text, id=f"{rule.id}-{kind}-{i}")
    for rule in RULES
    if rule.check not in PACK_CHECKS  # a pack rule's examples are packs: tests/test_pack.py
    for kind in ("flag", "pass")
    for i, text in enumerate(rule.examples[kind])
]


_LINTERS: dict[tuple[str, str], Linter] = {}


def _linter_for(rule_id: str) -> Linter:
    """A rule's examples run with the default settings, or the scope and judge its params
    name (``examples_scope: all`` for the requirement smells, ``examples_judge: model``)."""
    params = next(r.params for r in RULES if r.id == rule_id)
    key = (str(params.get("examples_scope", "social-value")),
           str(params.get("examples_judge", "rules")))
    if key not in _LINTERS:
        _LINTERS[key] = Linter(LintConfig(scope=key[0], judge=key[1]))
    return _LINTERS[key]


def _rule_ids(linter: Linter, text: str) -> list[str]:
    return [f.rule for f in linter.lint_document(read_text(text, fmt="markdown"))]


@pytest.mark.parametrize(("rule_id", "kind", "text"), CASES)
def test_rule_example(rule_id: str, kind: str, text: str) -> None:
    found = _rule_ids(_linter_for(rule_id), text)
    if kind == "flag":
        assert rule_id in found, f"{rule_id} should flag: {text!r} (got {found})"
    else:
        assert rule_id not in found, f"{rule_id} should pass: {text!r}"


def test_every_shipped_rule_is_complete() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert {r.category for r in RULES} >= set(CATEGORIES)
    for rule in RULES:
        assert rule.examples["flag"] and rule.examples["pass"], rule.id
        assert rule.rationale and rule.suggestion and rule.message, rule.id


USER_RULES = {
    "no-best-value.yml": """
id: no-best-value
name: Avoid "best value"
category: house-style
severity: info
check: phrase
applies_to: sentence
phrases: ["best value"]
message: Say what value means here.
rationale: House style of the legal team.
suggestion: Name the measure.
examples:
  flag: ["The Supplier shall deliver best value to residents."]
  pass: ["The Supplier shall deliver 10 apprenticeships by 2027."]
""",
    "no-reasonable-endeavours.yml": """
id: no-reasonable-endeavours
name: No reasonable endeavours in commitments
category: house-style
severity: warning
check: pattern
applies_to: obligation
patterns:
  - [{LEMMA: reasonable}, {LEMMA: endeavour}]
message: Our contracts do not use reasonable endeavours.
rationale: House style.
suggestion: Use "shall".
examples:
  flag: ["The Supplier shall use reasonable endeavours to mobilise within 4 weeks."]
  pass: ["The Authority shall use reasonable endeavours to respond within 4 weeks."]
""",
    "needs-frequency.yml": """
id: needs-frequency
name: Commitments state a reporting frequency
category: house-style
severity: warning
check: requires
requires: [reporting_frequency]
message: "The commitment lacks: {missing}."
rationale: House style.
suggestion: Say how often the supplier reports.
examples:
  flag: ["The Supplier shall employ 10 apprentices by 2027."]
  pass: ["The Supplier shall employ 10 apprentices by 2027 and report on them quarterly."]
""",
}


@pytest.fixture(scope="module")
def user_rules_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rules")
    for name, text in USER_RULES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_user_rules_examples(user_rules_dir: Path) -> None:
    linter = Linter(LintConfig(rule_dirs=[user_rules_dir]))
    user = [r for r in linter.rules if not r.builtin]
    assert {r.id for r in user} == {"no-best-value", "no-reasonable-endeavours", "needs-frequency"}
    for rule in user:
        for text in rule.examples["flag"]:
            assert rule.id in _rule_ids(linter, text), (rule.id, text)
        for text in rule.examples["pass"]:
            assert rule.id not in _rule_ids(linter, text), (rule.id, text)


def test_requires_message_names_the_missing_part(user_rules_dir: Path) -> None:
    linter = Linter(LintConfig(rule_dirs=[user_rules_dir]))
    doc = read_text("The Supplier shall employ 10 apprentices by 2027.", fmt="markdown")
    finding = next(f for f in linter.lint_document(doc) if f.rule == "needs-frequency")
    assert finding.message == "The commitment lacks: reporting_frequency."


def test_invalid_user_rule_is_reported_with_its_file(tmp_path: Path) -> None:
    (tmp_path / "bad.yml").write_text("id: bad\nname: Bad\ncheck: nonsense\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load_rules([tmp_path])
    assert "bad.yml" in str(err.value)
    assert "unknown check 'nonsense'" in str(err.value)
    assert "missing key 'category'" in str(err.value)


def test_duplicate_rule_id_is_rejected(tmp_path: Path) -> None:
    shipped = RULES[0]
    (tmp_path / "dup.yml").write_text(
        f"id: {shipped.id}\nname: x\ncategory: c\nseverity: info\ncheck: phrase\n"
        "phrases: [x]\nmessage: m\nrationale: r\nsuggestion: s\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match="already defined"):
        load_rules([tmp_path])


def test_missing_rules_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="rules folder not found"):
        load_rules([tmp_path / "nope"])
