"""`svdocs lint`: formats, exit codes, -o safety, unreadable files, annotate and baselines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import jsonschema
import pytest
from click.testing import CliRunner, Result

from svdocs.cli import cli
from svdocs.core.rules import load_rules

WEAK = "# Social value\n\nThe Supplier shall endeavour to support local employment.\n"
BACKGROUND = "# Background\n\nThe council published its annual report in March.\n"
SCHEMA = Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["lint", *map(str, args)])


@pytest.fixture()
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    (tmp_path / "weak.md").write_text(WEAK, encoding="utf-8")
    (tmp_path / "background.md").write_text(BACKGROUND, encoding="utf-8")
    return tmp_path


def test_weak_document_fails_with_exit_1_and_text_report(files: Path) -> None:
    result = run("weak.md")
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("weak.md\n")
    assert "weak.md:3:" in result.stdout
    assert ">>endeavour<<" in result.stdout or ">>endeavour to<<" in result.stdout
    assert "vague-commitment" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour
    assert result.stdout.rstrip().splitlines()[-1].startswith("1 file, ")


def test_document_without_commitments_passes(files: Path) -> None:
    result = run("background.md", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["by_severity"]["error"] == 0
    assert data["summary"]["by_severity"]["warning"] == 0


def test_fail_on_threshold(files: Path) -> None:
    ids = [r.id for r in load_rules()]
    settings = "\n".join(f'"{i}" = "info"' for i in ids)
    (files / "svdocs.toml").write_text(f"[rules]\n{settings}\n", encoding="utf-8")
    assert run("weak.md").exit_code == 0  # only info findings, default --fail-on warning
    assert run("weak.md", "--fail-on", "info").exit_code == 1
    assert run("weak.md", "--fail-on", "error").exit_code == 0


def test_unreadable_file_among_good_ones(files: Path) -> None:
    (files / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (files / "broken.docx").write_bytes(b"this is not a zip file")
    result = run("weak.md", "old.doc", "broken.docx", "background.md", "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    by_path = {f["path"]: f for f in data["files"]}
    assert set(by_path) == {"weak.md", "old.doc", "broken.docx", "background.md"}
    assert by_path["weak.md"]["findings"] and by_path["weak.md"]["error"] is None
    assert by_path["old.doc"]["error"] and by_path["broken.docx"]["error"]
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 2
    assert any(line.startswith("svdocs: error: old.doc: ") for line in errors)
    assert any(line.startswith("svdocs: error: broken.docx: ") for line in errors)
    assert "Traceback" not in result.output


def test_missing_file_is_exit_2_with_one_line(files: Path) -> None:
    result = run("nowhere.md")
    assert result.exit_code == 2
    assert "svdocs: error: nowhere.md: no such file" in result.stderr


def test_output_is_written_and_never_overwritten_without_force(files: Path) -> None:
    first = run("weak.md", "--format", "json", "-o", "report.json")
    assert first.exit_code == 1
    written = (files / "report.json").read_text(encoding="utf-8")
    assert json.loads(written)["files"][0]["path"] == "weak.md"
    assert first.stdout == ""

    (files / "report.json").write_text("keep me", encoding="utf-8")
    again = run("weak.md", "--format", "json", "-o", "report.json")
    assert again.exit_code == 2
    assert "already exists" in again.stderr and "--force" in again.stderr
    assert (files / "report.json").read_text(encoding="utf-8") == "keep me"

    forced = run("weak.md", "--format", "json", "-o", "report.json", "--force")
    assert forced.exit_code == 1
    assert json.loads((files / "report.json").read_text(encoding="utf-8"))["files"]


def test_output_never_replaces_an_input(files: Path) -> None:
    result = run("weak.md", "-o", "weak.md", "--force")
    assert result.exit_code == 2
    assert "input" in result.stderr
    assert (files / "weak.md").read_text(encoding="utf-8") == WEAK


def test_sarif_output_is_valid_and_describes_the_rules(files: Path) -> None:
    result = run("weak.md", "background.md", "--format", "sarif", "-o", "out.sarif")
    assert result.exit_code == 1
    data = json.loads((files / "out.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(data)
    run0 = data["runs"][0]
    rule_ids = {r["id"] for r in run0["tool"]["driver"]["rules"]}
    assert {r.id for r in load_rules()} <= rule_ids
    assert run0["results"]
    for res in run0["results"]:
        assert res["partialFingerprints"]["svdocs/v1"]
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "weak.md"


def test_html_report_marks_the_document(files: Path) -> None:
    result = run("weak.md", "--format", "html", "-o", "report.html")
    assert result.exit_code == 1
    html = (files / "report.html").read_text(encoding="utf-8")
    assert "<mark" in html and "endeavour" in html
    assert "<h2 id=\"summary-h\">Summary</h2>" in html


def test_annotate_writes_reviewed_copy(files: Path) -> None:
    d = docx.Document()
    d.add_heading("Social value", 1)
    d.add_paragraph("The Supplier shall endeavour to support local employment.")
    d.save(str(files / "tender.docx"))
    before = (files / "tender.docx").read_bytes()
    result = run("tender.docx", "weak.md", "--annotate", "reviewed")
    assert result.exit_code == 1, result.output
    out = files / "reviewed" / "tender.reviewed.docx"
    assert out.is_file()
    assert (files / "tender.docx").read_bytes() == before
    assert "weak.md: not a DOCX" in result.stderr
    comments = docx.Document(str(out)).comments
    assert len(comments) >= 1
    assert all(c.author == "svdocs" for c in comments)
    again = run("tender.docx", "--annotate", "reviewed")
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_write_baseline_then_only_new_findings(files: Path) -> None:
    wrote = run("weak.md", "--write-baseline", "baseline.json")
    assert wrote.exit_code == 0
    assert (files / "baseline.json").is_file()
    same = run("weak.md", "--baseline", "baseline.json", "--format", "json")
    assert same.exit_code == 0
    assert json.loads(same.stdout)["summary"]["findings"] == 0
    (files / "weak.md").write_text(WEAK + "\nThe Supplier will aim to recruit apprentices.\n",
                                   encoding="utf-8")
    new = run("weak.md", "--baseline", "baseline.json", "--format", "json")
    assert new.exit_code == 1
    texts = [f["text"] for f in json.loads(new.stdout)["files"][0]["findings"]]
    assert texts and all("apprentices" in t for t in texts)


def test_bad_config_is_a_one_line_error(files: Path) -> None:
    (files / "bad.toml").write_text('scope = "everything"\n', encoding="utf-8")
    result = run("weak.md", "--config", "bad.toml")
    assert result.exit_code == 2
    assert "bad.toml" in result.stderr and "scope" in result.stderr
    assert "Traceback" not in result.output


def test_scope_option_is_checked(files: Path) -> None:
    result = run("weak.md", "--scope", "everything")
    assert result.exit_code == 2


def test_text_summary_counts_baselined_findings(files: Path) -> None:
    assert run("weak.md", "--write-baseline", "baseline.json").exit_code == 0
    result = run("weak.md", "--baseline", "baseline.json")
    assert result.exit_code == 0
    assert "in the baseline" in result.stdout.splitlines()[-1]


def test_a_docx_that_cannot_be_annotated_does_not_stop_the_others(files: Path) -> None:
    import zipfile

    d = docx.Document()
    d.add_paragraph("The Supplier shall endeavour to support local employment.")
    d.save(str(files / "ok.docx"))
    with zipfile.ZipFile(files / "ok.docx") as zin, \
            zipfile.ZipFile(files / "macro.docx", "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "[Content_Types].xml":  # a macro-enabled main part python-docx refuses
                data = data.replace(b"wordprocessingml.document.main+xml",
                                    b"ms-word.document.macroEnabled.main+xml")
            zout.writestr(name, data)
    result = run("ok.docx", "macro.docx", "--annotate", "rv")
    assert result.exit_code == 2
    assert (files / "rv" / "ok.reviewed.docx").is_file()
    assert not (files / "rv" / "macro.reviewed.docx").exists()
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("svdocs: error:")]
    assert line.startswith("svdocs: error: macro.docx: cannot annotate")
    assert "BytesIO" not in line


def test_the_command_freezes_what_is_left_before_the_process_exits(tmp_path: Path) -> None:
    # the interpreter's last garbage collection would otherwise walk all of spaCy's data
    import subprocess
    import sys

    doc = tmp_path / "spec.md"
    doc.write_text("The Supplier will endeavour to employ local people.\n")
    code = (
        "import gc, sys\n"
        "from svdocs.cli import main\n"
        f"sys.argv = ['svdocs', 'lint', {str(doc)!r}, '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "sys.stderr.write(f'exit={code} frozen={gc.get_freeze_count() > 0}')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert "exit=1 frozen=True" in result.stderr
    assert json.loads(result.stdout)["summary"]["findings"] >= 1


def test_lint_does_not_load_the_clause_library_machinery(tmp_path: Path) -> None:
    # jinja2 and jsonschema belong to assembly and `clauses check`; a lint in a pre-commit
    # hook should not pay for importing them
    import subprocess
    import sys

    doc = tmp_path / "spec.txt"
    doc.write_text("The Supplier shall employ 5 apprentices from Leeds by March 2027.\n")
    code = (
        "import sys\n"
        "from svdocs.cli import main\n"
        f"sys.argv = ['svdocs', 'lint', {str(doc)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('loaded=' + ','.join(sorted(m for m in ('jinja2', 'jsonschema')"
        " if m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert "loaded=" in result.stderr
    assert result.stderr.split("loaded=")[1].strip() == ""



def test_a_reader_that_stops_early_gets_no_error(tmp_path: Path) -> None:
    """`svdocs eval DIR -v | head`: the closed pipe ends the run quietly (exit 141), with no
    traceback and no "internal error"."""
    import subprocess
    import sys

    groups = ", ".join(f"community group {i}" for i in range(150))
    for n in range(120):  # a report of about 1 MB, far more than a pipe holds
        (tmp_path / f"d{n}.txt").write_text(
            f"The Supplier shall endeavour to support local charities and {groups}.\n",
            encoding="utf-8",
        )
        (tmp_path / f"d{n}.expected.yml").write_text("description: x\nfindings: []\n",
                                                     encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "svdocs", "eval", str(tmp_path), "-v"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away with most of the report unread
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=120)
    assert err == "", err
    assert code == 141


def test_the_command_keeps_openblas_to_one_thread_unless_the_user_says(monkeypatch) -> None:
    from svdocs.cli import single_threaded_blas

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    single_threaded_blas()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    single_threaded_blas()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_a_fresh_svdocs_process_starts_no_blas_threads(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("The Supplier shall pay the Real Living Wage.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    code = (
        "import sys, threading; from svdocs.cli import main; "
        "sys.argv = ['svdocs', 'lint', sys.argv[1], '--format', 'json'];\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "import os; print(len(os.listdir('/proc/self/task')), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(draft)], capture_output=True, text=True, env=env
    )
    assert result.stderr.strip().splitlines()[-1] == "1", result.stderr
