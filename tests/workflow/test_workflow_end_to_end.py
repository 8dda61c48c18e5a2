"""Workflows on the real readers and engine: baselines that survive edits, --jobs that never
changes the output, suppression in Markdown, HTML and Word, and config that takes effect."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

import svdocs
from svdocs.core.config import load_config
from svdocs.core.results import Report
from svdocs.workflow import batch
from svdocs.workflow.baseline import write_baseline

ROOT = Path(__file__).resolve().parents[2]
WEAK_A = "The Supplier will endeavour to support local employment where possible."
WEAK_B = "The Provider will endeavour to engage with community groups where appropriate."
WEAK_C = "The Contractor will endeavour to promote apprenticeships where possible."
STRONG = ("The Supplier shall employ 10 residents of postcode districts EX1 to EX9 within 12 "
          "months of the Commencement Date, evidenced by quarterly payroll extracts. If the "
          "target is missed, the Supplier shall submit a rectification plan within 20 Working "
          "Days.")


def md(*sections: tuple[str, str]) -> str:
    return "".join(f"## {title}\n\n{body}\n\n" for title, body in sections)


def texts(report: Report) -> list[str]:
    return sorted({f.text for f in report.findings})


def test_baseline_survives_moving_a_clause_and_inserting_a_paragraph(tmp_path: Path) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(md(("Local jobs", WEAK_A), ("Employment", STRONG), ("Community", WEAK_B)))
    first = svdocs.lint(spec)
    assert WEAK_A in texts(first) and WEAK_B in texts(first)
    base = tmp_path / "svdocs-baseline.json"
    write_baseline(first, base)

    # a new introduction above everything, and the Community clause moved to the top
    spec.write_text("# Social value\n\nVersion 2, revised in March.\n\n"
                    + md(("Community", WEAK_B), ("Local jobs", WEAK_A), ("Employment", STRONG)))
    moved = svdocs.lint(spec, baseline=base)
    assert moved.findings == []
    assert moved.summary()["baselined"] == len(first.findings)

    spec.write_text(spec.read_text() + f"## Outcomes\n\n{WEAK_C}\n")
    later = svdocs.lint(spec, baseline=base)
    assert texts(later) == [WEAK_C]


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    for f in sorted((ROOT / "samples" / "drafts").iterdir()):
        if f.suffix in {".md", ".txt", ".docx"}:
            shutil.copy(f, folder / f.name)
    for i in range(6):
        (folder / "md" / f"s{i}.md").parent.mkdir(exist_ok=True)
        (folder / "md" / f"s{i}.md").write_text(md(("A", WEAK_A), ("B", STRONG))
                                                 + f"Clause {i}. {WEAK_B}\n")
        (folder / f"page{i}.html").write_text(f"<h1>Lot {i}</h1><p>{WEAK_B}</p><p>{STRONG}</p>")
    (folder / "corrupt.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    (folder / "legacy.pdf").write_bytes(b"%PDF-1.4 broken")
    return folder


def full(report: Report) -> list[tuple[str, str | None, list[dict[str, object]]]]:
    return [(fr.path, fr.error, [f.to_dict() for f in fr.findings]) for fr in report.files]


def test_jobs_two_gives_exactly_the_same_report_as_jobs_one(
        mixed_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "CHUNK_SIZE", 2)  # many small tasks, so workers interleave
    one = batch.lint_paths([mixed_folder], jobs=1)
    two = batch.lint_paths([mixed_folder], jobs=2)
    assert full(one) == full(two)
    paths = [Path(fr.path).as_posix() for fr in one.files]
    assert paths == sorted(paths)  # input order is sorted path order, whatever the jobs
    assert len(one.files) >= 15
    assert one.findings  # the weak sentences are found


def test_one_unreadable_file_never_stops_the_batch(mixed_folder: Path) -> None:
    report = batch.lint_paths([mixed_folder])
    errors = {Path(fr.path).name: fr.error for fr in report.errors}
    assert "corrupt.docx" in errors
    assert all(e and "\n" not in e for e in errors.values())
    readable = [fr for fr in report.files if fr.error is None]
    assert len(readable) == len(report.files) - len(errors) >= 13
    assert report.exit_code() == 2


def test_markdown_suppression_with_the_real_reader(tmp_path: Path) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(
        "# Policy background\n\n"
        "<!-- svdocs-disable vague-commitment: quoted from the Council's strategy -->\n"
        f"{WEAK_A}\n\n{WEAK_B}\n\n"
        "<!-- svdocs-enable vague-commitment -->\n\n"
        "# Requirements\n\n"
        "<!-- svdocs-disable-next-line all -->\n"
        f"{WEAK_C}\n"
    )
    report = svdocs.lint(spec)
    fr = report.files[0]
    quiet = {f.text for f in fr.findings if f.suppressed}
    assert quiet == {WEAK_A, WEAK_B}
    assert all(f.suppressed == "quoted from the Council's strategy"
               for f in fr.findings if f.suppressed)
    active = {f.rule for f in report.findings}
    assert "suppression-without-reason" in active  # the bare next-line is not applied
    assert WEAK_C in {f.text for f in report.findings}
    assert report.summary()["suppressed"] == sum(1 for f in fr.findings if f.suppressed)


def test_html_next_line_suppression(tmp_path: Path) -> None:
    page = tmp_path / "itt.html"
    page.write_text(
        "<html><body>\n<h1>Social value</h1>\n"
        "<!-- svdocs-disable-next-line vague-commitment: example of weak wording -->\n"
        f"<p>{WEAK_A}</p>\n<p>{WEAK_B}</p>\n</body></html>\n"
    )
    fr = svdocs.lint(page).files[0]
    vague = [f for f in fr.findings if f.category == "vague-commitment"]
    assert {f.text for f in vague if f.suppressed} == {WEAK_A}
    assert {f.text for f in vague if not f.suppressed} == {WEAK_B}


def test_word_comment_suppresses_the_sentence_it_covers(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Social value", level=1)
    p = d.add_paragraph()
    p.add_run("The Supplier will endeavour to support ")
    covered = p.add_run("local employment")
    p.add_run(" where possible.")
    d.add_comment([covered], text="svdocs-ignore all: agreed at clarification, see CQ 14",
                  author="Legal", initials="LG")
    other = d.add_paragraph(WEAK_B)
    d.add_comment(other.runs, text="Is this strong enough?", author="Buyer", initials="B")
    path = tmp_path / "schedule.docx"
    d.save(str(path))
    before = path.read_bytes()
    fr = svdocs.lint(path).files[0]
    assert path.read_bytes() == before  # the input is never touched
    first = [f for f in fr.findings if "local employment" in f.text]
    second = [f for f in fr.findings if f.text == WEAK_B]
    assert first and all(f.suppressed == "agreed at clarification, see CQ 14" for f in first)
    assert second and not any(f.suppressed for f in second)


def test_config_rules_and_severities_take_effect(tmp_path: Path) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(md(("Local jobs", WEAK_A)))
    default = svdocs.lint(spec)
    rules = {f.rule for f in default.findings}
    assert "undefined-local" in rules and "hedged-commitment" in rules
    (tmp_path / "svdocs.toml").write_text(
        '[rules]\n"undefined-local" = "off"\n"hedged-commitment" = "error"\n')
    cfg = load_config(start=tmp_path)
    tuned = svdocs.lint(spec, config=cfg)
    assert "undefined-local" not in {f.rule for f in tuned.findings}
    assert {f.severity.value for f in tuned.findings if f.rule == "hedged-commitment"} == {
        "error"}


def test_text_is_linted_without_any_file(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = svdocs.lint(WEAK_A)
    assert report.files[0].path == "<text>"
    assert "vague-commitment" in {f.category for f in report.findings}
    assert report.files[0].document is not None
    assert list(tmp_path.iterdir()) == []


def test_jobs_with_spawned_workers_match_too(mixed_folder: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Spawned workers (the default on macOS and Windows) build their own pipeline and have
    their own hash seed; the report must still be identical."""
    import multiprocessing

    spawn = multiprocessing.get_context("spawn")
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: spawn)
    monkeypatch.setattr(batch, "CHUNK_SIZE", 4)
    one = batch.lint_paths([mixed_folder], jobs=1)
    two = batch.lint_paths([mixed_folder], jobs=2)
    assert full(one) == full(two)


def test_config_lexicons_extend_what_the_linter_knows(tmp_path: Path) -> None:
    spec = tmp_path / "spec.md"
    spec.write_text(
        "The Supplier shall, subject to board approval, employ 10 apprentices within 12 "
        "months, evidenced by quarterly payroll extracts; failure leads to service credits."
        "\n\n"
        "The Supplier shall employ 5 local apprentices from the Exampleshire travel-to-work "
        "area within 12 months, evidenced by quarterly payroll extracts; failure leads to "
        "service credits.\n"
    )
    before = {f.rule for f in svdocs.lint(spec).findings}
    assert "hedged-commitment" not in before and "undefined-local" in before
    (tmp_path / "pyproject.toml").write_text(
        '[tool.svdocs.lexicons]\nhedges = ["subject to board approval"]\n'
        'local_definitions = ["Exampleshire travel-to-work area"]\n')
    after = {f.rule for f in svdocs.lint(spec, config=load_config(start=tmp_path)).findings}
    assert "hedged-commitment" in after and "undefined-local" not in after
