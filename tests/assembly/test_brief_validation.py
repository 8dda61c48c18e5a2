"""Briefs: every bad input gives one line per problem naming the file and field, exit 2,
and nothing is written; the rules of selection apply the law."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from svdocs.assembly.brief import load_brief, plan
from svdocs.cli import cli
from svdocs.core.errors import ValidationError
from svdocs.library import load_library

MINI = Path(__file__).parent.parent / "library_fixtures" / "mini"

BASE = {
    "authority": "Testshire Council",
    "contract_title": "Test Services",
    "reference": "TS-1",
    "kind": "services",
    "value": 1_000_000,
    "term": "3 years",
    "jurisdiction": "england",
    "weighting": 15,
    "clauses": ["mini-jobs", "mini-wage"],
}


@pytest.fixture(scope="module")
def mini():
    return load_library(MINI)


def write_brief(tmp_path: Path, data: object, name: str = "brief.yml") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, mini, **changes: object) -> list[str]:
    data = {**BASE, **changes}
    data = {k: v for k, v in data.items() if v is not None}
    path = write_brief(tmp_path, data)
    with pytest.raises(ValidationError) as info:
        plan(load_brief(path), mini)
    assert info.value.path == str(path)
    return info.value.problems


def run_assemble(tmp_path: Path, brief: Path) -> tuple[int, str, Path]:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["assemble", str(brief), "-o", str(out), "--library",
                                      str(MINI), "--format", "md"])
    return result.exit_code, result.output, out


def test_good_brief_plans(tmp_path: Path, mini) -> None:
    chosen = plan(load_brief(write_brief(tmp_path, BASE)), mini)
    assert chosen.ids[:2] == ["mini-jobs", "mini-wage"]
    # framing clauses and required clauses are added
    assert {"social-value-schedule", "itt-social-value-section", "kpi-schedule"} <= set(
        chosen.ids)


def test_malformed_yaml(tmp_path: Path) -> None:
    path = write_brief(tmp_path, "authority: [unclosed\nvalue: 1\n")
    code, output, out = run_assemble(tmp_path, path)
    assert code == 2
    assert f"{path}: malformed YAML at line 2" in output
    assert "Traceback" not in output
    assert not out.exists()


def test_not_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="expected a mapping"):
        load_brief(write_brief(tmp_path, "- just\n- a list\n"))


def test_missing_and_mistyped_values_all_reported(tmp_path: Path) -> None:
    data = {k: v for k, v in BASE.items() if k not in ("authority", "reference")}
    data.update(value="lots", weighting="high", term=12, kind="service", toc="yes")
    path = write_brief(tmp_path, data)
    code, output, out = run_assemble(tmp_path, path)
    assert code == 2
    lines = output.strip().splitlines()
    expected = [
        "authority: required field is missing",
        "reference: required field is missing",
        "value: expected the estimated total value in pounds as a number",
        "weighting: expected the social value weighting in per cent",
        "term: expected a duration such as '5 years'",
        "kind: expected one of services, works, goods, got 'service' (did you mean "
        "'services'?)",
        "toc: expected true or false",
    ]
    for fragment in expected:
        assert any(fragment in ln and ln.startswith(f"svdocs: error: {path}: ")
                   for ln in lines), fragment
    assert len(lines) == len(expected)
    assert not out.exists()


def test_out_of_range_numbers(tmp_path: Path, mini) -> None:
    problems = problems_of(tmp_path, mini, clauses=[
        {"id": "mini-jobs", "variables": {"jobs_fte": 9999, "reporting": "weekly",
                                          "start": "soon", "groups": []}},
        {"id": "mini-wage", "variables": {"share": 120}},
    ])
    text = "\n".join(problems)
    assert "clauses[0].variables.jobs_fte: expected at most 500, got 9999" in text
    assert "clauses[0].variables.reporting: expected one of monthly, quarterly" in text
    assert "clauses[0].variables.start: expected a date written YYYY-MM-DD" in text
    assert "clauses[0].variables.groups: expected at least 1 item(s)" in text
    assert "clauses[1].variables.share: expected at most 100" in text
    assert len(problems) == 5


def test_negative_value_and_weighting_over_100(tmp_path: Path) -> None:
    path = write_brief(tmp_path, {**BASE, "value": -5, "weighting": 150})
    with pytest.raises(ValidationError) as info:
        load_brief(path)
    assert any(p.startswith("value: expected") for p in info.value.problems)
    assert any(p.startswith("weighting: expected") for p in info.value.problems)


def test_unknown_clause_ids_themes_and_variables(tmp_path: Path, mini) -> None:
    problems = problems_of(tmp_path, mini, themes=["fair-wrok"])
    assert any("themes[0]: expected one of" in p and "did you mean 'fair-work'" in p
               for p in problems)
    problems = problems_of(tmp_path, mini, clauses=[
        "mini-jbos", {"id": "mini-wage", "variables": {"shar": 90}},
        {"id": "mini-jobs", "alternative": "deluxe"}], variables={"nothing_here": 1})
    text = "\n".join(problems)
    assert "clauses[0]: unknown clause id 'mini-jbos' (did you mean 'mini-jobs'?)" in text
    assert "clauses[1].variables.shar: clause 'mini-wage' has no variable 'shar' (did you " \
           "mean 'share'?)" in text
    assert "clauses[2].alternative: clause 'mini-jobs' has no alternative 'deluxe'" in text
    assert "variables.nothing_here: no chosen clause has a variable 'nothing_here'" in text


def test_weak_alternative_refused(tmp_path: Path, mini) -> None:
    problems = problems_of(tmp_path, mini, clauses=[{"id": "mini-jobs", "alternative": "weak"}])
    assert problems == ["clauses[0].alternative: 'weak' is the weak wording of 'mini-jobs', "
                        "kept only for training; choose another"]


def test_clause_for_other_jurisdiction_refused(tmp_path: Path, mini) -> None:
    problems = problems_of(tmp_path, mini, clauses=["community-benefits-scotland"])
    assert "does not apply in england (it applies in scotland)" in problems[0]


def test_weighting_below_ten_needs_reason(tmp_path: Path, mini) -> None:
    problems = problems_of(tmp_path, mini, weighting=8)
    assert len(problems) == 1
    assert problems[0].startswith("weighting: 8% is below the 10% minimum")
    ok = plan(load_brief(write_brief(tmp_path, {
        **BASE, "weighting": 8, "weighting_reason": "A one-off goods purchase with no workforce."
    })), mini)
    assert "mini-jobs" in ok.ids


def test_over_five_million_needs_three_kpis(tmp_path: Path, mini) -> None:
    problems = problems_of(tmp_path, mini, value=12_000_000)
    assert len(problems) == 1
    assert "£12,000,000 is over £5m" in problems[0]
    assert "the chosen clauses give 2 (mini-jobs.local-jobs, mini-wage.rlw)" in problems[0]
    chosen = plan(load_brief(write_brief(tmp_path, {
        **BASE, "value": 12_000_000, "clauses": ["mini-jobs", "mini-wage", "mini-spend"]})), mini)
    assert "kpi-schedule" in chosen.ids
    assert any("s.52" in n for n in chosen.notes)


def test_scotland_four_million_gets_community_benefits(tmp_path: Path, mini) -> None:
    below = plan(load_brief(write_brief(tmp_path, {**BASE, "jurisdiction": "scotland",
                                                   "value": 3_999_999})), mini)
    assert "community-benefits-scotland" not in below.ids
    at = plan(load_brief(write_brief(tmp_path, {**BASE, "jurisdiction": "scotland",
                                                "value": 4_000_000})), mini)
    assert "community-benefits-scotland" in at.ids


def test_wales_works_two_million_get_social_public_works(tmp_path: Path, mini) -> None:
    works = {**BASE, "jurisdiction": "wales", "kind": "works", "value": 2_000_000}
    assert "social-public-works-wales" in plan(load_brief(write_brief(tmp_path, works)),
                                               mini).ids
    services = {**works, "kind": "services"}
    assert "social-public-works-wales" not in plan(
        load_brief(write_brief(tmp_path, services)), mini).ids
    small = {**works, "value": 1_999_999}
    assert "social-public-works-wales" not in plan(load_brief(write_brief(tmp_path, small)),
                                                   mini).ids


def test_missing_brief_file(tmp_path: Path) -> None:
    code, output, _ = run_assemble(tmp_path, tmp_path / "nope.yml")
    assert code == 2
    assert "nope.yml: brief file does not exist" in output


def test_sample_briefs_are_valid() -> None:
    from svdocs.core.resources import samples_dir

    briefs = sorted((samples_dir() / "briefs").glob("*.yml"))
    assert len(briefs) >= 3
    library = load_library()
    for path in briefs:
        chosen = plan(load_brief(path), library)
        assert chosen.ids, path
