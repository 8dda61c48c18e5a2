"""A vague or unevidenced commitment's finding suggests the library clause of its own theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from svdocs.cli import cli
from svdocs.core.errors import ValidationError
from svdocs.library.loader import load_library
from svdocs.linter.engine import Linter
from svdocs.linter.judge.fix_clauses import (
    FixChoice,
    ThemeFix,
    parse_fix_clauses,
    theme_fix_clauses,
)
from svdocs.linter.nlp.lexicons import load_lexicons
from svdocs.readers import read_text


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def fixes(linter: Linter, text: str) -> dict[str, str | None]:
    findings = linter.lint_document(read_text(text, fmt="markdown"))
    return {f.rule: f.fix_clause for f in findings}


def test_every_theme_fix_clause_is_in_the_library() -> None:
    raw = load_lexicons().data["themes"]["fix_clauses"]
    mapping = theme_fix_clauses()
    assert mapping and set(mapping) == set(raw)
    assert any(fix.choices for fix in mapping.values())  # the word-list form is in use
    library = load_library().clauses
    for theme, fix in mapping.items():
        for clause_id in fix.clause_ids:
            assert clause_id in library, f"fix_clauses.{theme}: no clause {clause_id!r}"
            assert library[clause_id].theme == theme, f"{clause_id} is not a {theme} clause"


def test_hedged_fair_work_points_at_the_living_wage_clause(linter: Linter) -> None:
    found = fixes(
        linter, "The Supplier shall, where possible, pay the Real Living Wage to all staff."
    )
    assert found["hedged-commitment"] == "real-living-wage"
    assert found["missing-evidence"] == "real-living-wage"
    assert found["missing-consequence"] == "remedies-escalation"  # document-level: the rule's


def test_theme_named_first_in_the_sentence_wins(linter: Linter) -> None:
    found = fixes(
        linter, "The Supplier will endeavour to cut the carbon emissions of apprentices' travel."
    )
    assert found["hedged-commitment"] == "carbon-reduction-plan"


def test_theme_without_a_clause_falls_back_to_the_rule(linter: Linter) -> None:
    found = fixes(linter, "The Supplier shall promote the Welsh language among its staff.")
    assert found["unmeasurable-commitment"] == "kpi-schedule"


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        (
            "The Supplier will seek to minimise the use of zero-hours contracts as far as "
            "practicable.",
            "fair-work-hours",
        ),
        ("The Supplier will endeavour to recognise trade unions where possible.",
         "fair-work-hours"),
        (
            "The Supplier should minimise waste and promote recycling where practicable.",
            "waste-and-resources",
        ),
        (
            "The Supplier will seek to protect and enhance biodiversity on site where "
            "practicable.",
            "biodiversity",
        ),
        (
            "The Supplier will look to reduce the carbon emissions of its fleet and buildings "
            "where possible.",
            "net-zero-operations",
        ),
        (
            "The Supplier may offer work experience placements to local school leavers where "
            "appropriate.",
            "training-placements",
        ),
        (
            "The Supplier will encourage its employees to volunteer with community groups "
            "where possible.",
            "volunteering",
        ),
        (
            "The Supplier aims to pay its subcontractors promptly where possible.",
            "prompt-payment",
        ),
    ],
)
def test_hedged_commitment_gets_the_clause_its_words_fit(
    linter: Linter, text: str, clause: str
) -> None:
    found = fixes(linter, text)
    assert found["hedged-commitment"] == clause


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("The Supplier will endeavour to improve fair work on the Contract.", "real-living-wage"),
        ("The Supplier will seek to offer training opportunities where possible.",
         "training-placements"),
        ("The Supplier will seek to offer apprenticeships and work placements where possible.",
         "apprenticeships"),  # the first entry that fits wins
        ("The Supplier will strive to achieve net zero as soon as practicable.",
         "carbon-reduction-plan"),
        ("The Supplier will endeavour to engage with the community where appropriate.",
         "community-engagement"),
        ("The Supplier will endeavour to increase its spend with SMEs where possible.",
         "sme-vcse-spend"),
    ],
)
def test_default_clause_when_no_words_fit(linter: Linter, text: str, clause: str) -> None:
    assert fixes(linter, text)["hedged-commitment"] == clause


def test_words_match_as_lemmas_and_ignore_hyphens() -> None:
    hours = FixChoice("fair-work-hours", ("zero-hours", "trade union"))
    fix = ThemeFix("real-living-wage", (hours,))
    assert fix.pick("Staff will not be engaged on zero hours contracts.") == "fair-work-hours"
    assert fix.pick("It recognises Trade Unions.") == "fair-work-hours"
    assert fix.pick("It pays the Real Living Wage.") == "real-living-wage"
    assert ThemeFix("innovation").pick("anything") == "innovation"


def test_both_forms_parse() -> None:
    parsed = parse_fix_clauses(
        {
            "innovation": "innovation",
            "community": {
                "default": "community-engagement",
                "when": [{"clause": "volunteering", "words": ["volunteer"]}],
            },
        },
        themes={"innovation": [], "community": []},
    )
    assert parsed["innovation"] == ThemeFix("innovation")
    assert parsed["community"].clause_ids == ["volunteering", "community-engagement"]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"community": ["volunteering"]}, "fix_clauses.community: expected a clause id, or a"),
        ({"community": {"when": []}}, "fix_clauses.community.default: expected a clause id"),
        ({"community": {"default": "x", "otherwise": "y"}},
         "fix_clauses.community: unknown key 'otherwise' (known: default, when)"),
        ({"community": {"default": "x", "when": {"clause": "y"}}},
         "fix_clauses.community.when: expected a list"),
        ({"community": {"default": "x", "when": ["volunteering"]}},
         "fix_clauses.community.when[0]: expected {clause: ID, words: [phrases]}"),
        ({"community": {"default": "x", "when": [{"clause": "y", "words": "volunteer"}]}},
         "fix_clauses.community.when[0].words: expected a list of non-empty phrases"),
        ({"community": {"default": "x", "when": [{"words": ["volunteer"]}]}},
         "fix_clauses.community.when[0].clause: expected a clause id"),
        ({"comunity": "volunteering"}, "fix_clauses: unknown theme 'comunity'"),
    ],
)
def test_malformed_fix_clauses_are_reported(value: object, problem: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_fix_clauses(value, themes={"community": []}, where="themes.yml")
    assert len(info.value.lines()) == 1
    line = info.value.lines()[0]
    assert line.startswith("themes.yml: " + problem), line


def test_malformed_fix_clauses_stop_the_cli_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from svdocs.linter.nlp import lexicons
    from svdocs.workflow import batch

    real = lexicons.load_lexicons

    def broken(*args: object, **kwargs: object) -> lexicons.Lexicons:
        loaded = real(*args, **kwargs)  # type: ignore[arg-type]
        themes = dict(loaded.data["themes"])
        themes["fix_clauses"] = {"fair-work": {"default": "real-living-wage", "when": [{}]}}
        return lexicons.Lexicons({**loaded.data, "themes": themes})

    monkeypatch.setattr(lexicons, "load_lexicons", broken)
    monkeypatch.setattr(batch, "_CACHED", None)  # a runner made earlier would skip the check
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spec.md").write_text("The Supplier will endeavour to pay the Real Living Wage.\n")
    result = CliRunner().invoke(cli, ["lint", "spec.md"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, lines  # one line per problem, each naming the lexicon file
    assert all(line.startswith("svdocs: error: ") and "themes.yml: fix_clauses.fair-work.when[0]"
               in line for line in lines)
    assert "Traceback" not in result.output


def test_a_linter_built_through_the_api_checks_the_fix_clauses_when_it_is_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from svdocs.linter.engine import Linter
    from svdocs.linter.nlp import lexicons

    real = lexicons.load_lexicons

    def broken(*args: object, **kwargs: object) -> lexicons.Lexicons:
        loaded = real(*args, **kwargs)  # type: ignore[arg-type]
        themes = dict(loaded.data["themes"])
        themes["fix_clauses"] = {"fair-work": ["real-living-wage"]}
        return lexicons.Lexicons({**loaded.data, "themes": themes})

    monkeypatch.setattr(lexicons, "load_lexicons", broken)
    with pytest.raises(ValidationError) as info:
        Linter()
    assert "themes.yml" in info.value.lines()[0]
    assert "fix_clauses.fair-work" in info.value.lines()[0]
