"""`svdocs clauses check` reports every problem in a library at once, naming each file."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from svdocs.cli import cli
from svdocs.core.resources import clause_library_dir
from svdocs.library import check_library, load_library

MINI = Path(__file__).parent.parent / "library_fixtures" / "mini"

GOOD = """---
id: {id}
title: A clause
version: 1.0.0
theme: community
stages: [contract]
jurisdictions: [england]
source: test
reviewed: "2026-01-01"
---
The Supplier shall volunteer.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_fixture_library_is_clean() -> None:
    assert check_library(MINI) == []
    library = load_library(MINI)
    assert "mini-jobs" in library
    assert library.get("mini-jobs").variables["jobs_fte"].default == 10


def test_shipped_library_is_clean_and_large_enough() -> None:
    problems = check_library(clause_library_dir())
    assert problems == []
    library = load_library()
    assert len(library) >= 30
    assert {"governance", "imperatives"} <= set(library.themes)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib, "a/bad-schema.md", """---
id: Bad_Id
title: Bad
version: 1.0
theme: localemployment
stages: [contract, nope]
jurisdictions: [england]
reviewd: 2026-01-01
source: x
---
Body.
""")
    write(lib, "a/vars.md", """---
id: vars
title: Variables
version: 1.0.0
theme: community
stages: [contract]
jurisdictions: [england]
source: x
reviewed: "2026-01-01"
requires: [no-such-clause]
variables:
  hours:
    type: integer
    description: Hours.
    min: 5
    default: 2
  unused_one:
    type: text
    description: Never used.
    default: "x"
  pick:
    type: enum
    description: No choices.
    default: a
---
The Supplier shall give {{ hours }} hours to {{ missing_name }} and {{ pick }}.
""")
    write(lib, "a/z-dupe.md", GOOD.format(id="vars"))
    write(lib, "a/broken.md", "---\nid: [unclosed\n---\nBody\n")
    write(lib, "a/nofront.md", "Just text, no front matter.\n")
    write(lib, "a/escape.md", GOOD.format(id="escape").replace(
        "The Supplier shall volunteer.", "The Supplier {{ ''.__class__.__mro__ }}."))
    problems = check_library(lib)
    text = "\n".join(problems)
    expected = [
        "bad-schema.md: id: expected a lower-case id",
        "bad-schema.md: version: expected a semantic version",
        "theme: expected one of",
        "(did you mean 'local-employment'?)",
        "stages[1]: expected one of",
        "reviewd: unknown field (did you mean 'reviewed'?)",
        "reviewed: required field is missing",
        "vars.md: variables.hours: default: expected at least 5, got 2",
        "vars.md: variables.pick: an enum variable needs choices",
        "vars.md: uses undefined variable 'missing_name'",
        "vars.md: variables.unused_one: declared but never used",
        "vars.md: requires[0]: no clause 'no-such-clause'",
        "z-dupe.md: duplicate id 'vars'",
        "z-dupe.md: id 'vars' does not match the file name",
        "broken.md: malformed YAML at line 2",
        "nofront.md: no YAML front matter",
        "escape.md: body: not allowed in the sandbox",
    ]
    for fragment in expected:
        assert fragment in text, fragment
    assert all(p.startswith("lib/a/") for p in problems), problems


def test_incomplete_commitment_and_body_shape(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib, "x/shape.md", """---
id: shape
title: Shape
version: 1.0.0
theme: community
stages: [contract, kpi]
jurisdictions: [england]
source: x
reviewed: "2026-01-01"
commitments:
  - id: hours
    measure: Volunteering hours
    target: "100"
---
## Wrong heading

1.2 Typed number.

- item
  - nested
""")
    text = "\n".join(check_library(lib))
    assert "commitments[0] (hours): incomplete, missing unit, deadline" in text
    assert "stages include kpi but no commitment has 'kpi: true'" in text
    assert "'##' heading" in text
    assert "typed number '1.2'" in text
    assert "nested list" in text


def test_check_command_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["clauses", "check", str(MINI)])
    assert ok.exit_code == 0, ok.output
    assert "9 clause(s), no problems found" in ok.output
    lib = tmp_path / "lib"
    shutil.copytree(MINI, lib)
    write(lib, "extra/one.md", GOOD.format(id="one").replace("theme: community",
                                                               "theme: nonsense"))
    write(lib, "extra/two.md", GOOD.format(id="two").replace("{id}", "two") + "{{ oops }}\n")
    bad = runner.invoke(cli, ["clauses", "check", str(lib)])
    assert bad.exit_code == 2
    lines = [ln for ln in bad.output.splitlines() if ln.startswith("svdocs: error:")]
    assert len(lines) >= 2
    assert any("one.md: theme:" in ln for ln in lines)
    assert any("two.md: uses undefined variable 'oops'" in ln for ln in lines)
    assert "Traceback" not in bad.output


def test_missing_library_folder() -> None:
    result = CliRunner().invoke(cli, ["clauses", "check", "/nonexistent/library"])
    assert result.exit_code == 2
    assert "does not exist" in result.output
