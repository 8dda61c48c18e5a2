"""Each legal threshold is stated once, in svdocs.core.law: the shipped rules, a user's rule
that leaves a parameter out, and the brief's rules of selection all apply that figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from svdocs.core import law
from svdocs.core.rules import find_rule, load_rules

RULE = """\
id: local-kpi-count
name: Too few KPIs
category: kpi
severity: warning
check: kpi-count
message: "{count} of {minimum}"
rationale: A local policy.
suggestion: Set more KPIs.
{params}
"""


def _user_rule(tmp_path: Path, params: str) -> dict[str, object]:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "local.yml").write_text(RULE.replace("{params}", params), encoding="utf-8")
    rule = next(r for r in load_rules([folder]) if r.id == "local-kpi-count")
    return rule.params


def test_the_shipped_rules_take_their_figures_from_the_law() -> None:
    rules = load_rules()
    kpis = find_rule("kpi-too-few", rules)
    weighting = find_rule("sv-weighting-below-minimum", rules)
    assert kpis is not None and weighting is not None
    assert kpis.params == {"threshold": law.KPI_VALUE_THRESHOLD, "minimum": law.MIN_KPIS}
    assert weighting.params == {"minimum": law.MIN_SV_WEIGHTING}
    assert (law.KPI_VALUE_THRESHOLD, law.MIN_KPIS, law.MIN_SV_WEIGHTING) == (5_000_000, 3, 10)


def test_a_user_rule_without_params_gets_the_law(tmp_path: Path) -> None:
    assert _user_rule(tmp_path, "") == {"threshold": 5_000_000, "minimum": 3}


def test_a_user_rule_may_set_a_stricter_local_policy(tmp_path: Path) -> None:
    params = _user_rule(tmp_path, "params: {threshold: 1000000}")
    assert params == {"threshold": 1_000_000, "minimum": 3}


@pytest.mark.parametrize(("pounds", "text"), [(5_000_000, "£5m"), (4_000_000, "£4m"),
                                              (2_500_000, "£2.5m")])
def test_thresholds_read_as_they_are_written_in_prose(pounds: int, text: str) -> None:
    assert law.millions(pounds) == text
