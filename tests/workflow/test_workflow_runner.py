"""The runner's promises, independent of the NLP: one bad file never stops the batch, the
order of results never depends on --jobs, suppression and baselines are applied per file."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import ClassVar

import pytest

from svdocs.core.errors import InputError
from svdocs.core.model import Block, BlockKind, Document, Finding, Location, Severity, SourceRef
from svdocs.workflow import batch
from svdocs.workflow.baseline import write_baseline


class _Rule:
    def __init__(self, rule_id: str) -> None:
        self.id = rule_id


PARENT = os.getpid()


class FakeLinter:
    """Flags every line containing 'endeavour'; fails on a document saying CRASH; a worker
    process given a document saying DIE dies on the spot."""

    rules: ClassVar[list[_Rule]] = [_Rule("hedged-commitment")]

    def __init__(self, config: object) -> None:
        self.config = config

    def lint_document(self, doc: Document) -> list[Finding]:
        if any("CRASH" in b.text for b in doc.blocks):
            raise RuntimeError("engine fell over")
        if os.getpid() != PARENT and any("DIE" in b.text for b in doc.blocks):
            os._exit(9)
        return [
            Finding("hedged-commitment", "vague-commitment", Severity.WARNING, "hedged", "fix",
                    b.text, Location(doc.path or "", i, line=b.source.line))
            for i, b in enumerate(doc.blocks) if "endeavour" in b.text
        ]

    def lint_documents(self, docs: list[Document]):  # type: ignore[no-untyped-def]
        for d in docs:
            yield self.lint_document(d)


def fake_read(path: Path) -> Document:
    text = path.read_text()
    if text.startswith("BAD"):
        raise InputError("not a valid document", str(path))
    if text.startswith("BUG"):
        raise ValueError("reader bug")
    blocks, comments = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("<!--"):
            comments.append({"line": n, "text": line[4:-3].strip()})
        elif line.strip():
            blocks.append(Block(BlockKind.PARAGRAPH, line, source=SourceRef(line=n)))
    return Document(blocks=blocks, path=str(path), properties={"html_comments": comments})


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "make_linter", FakeLinter)
    monkeypatch.setattr(batch, "read_file", fake_read)


def write(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text)
    return p


def shape(report: batch.Report) -> list[tuple[str, str | None, list[tuple[str, str, str | None]]]]:
    return [(fr.path, fr.error, [(f.rule, f.text, f.suppressed) for f in fr.findings])
            for fr in report.files]


def test_unreadable_files_are_reported_and_the_rest_linted(tmp_path: Path, fake: None) -> None:
    write(tmp_path, "a.md", "We will endeavour.\n")
    write(tmp_path, "b.md", "BAD\n")
    write(tmp_path, "c.md", "BUG\n")
    write(tmp_path, "d.md", "CRASH endeavour\n")
    write(tmp_path, "e.md", "We shall endeavour.\n")
    report = batch.lint_paths([tmp_path, tmp_path / "missing.md"])
    by_name = {Path(fr.path).name: fr for fr in report.files}
    assert by_name["b.md"].error == "not a valid document"
    assert "internal error" in (by_name["c.md"].error or "")
    assert "engine fell over" in (by_name["d.md"].error or "")
    assert by_name["missing.md"].error == "no such file or folder"
    assert [len(by_name[n].findings) for n in ("a.md", "e.md")] == [1, 1]
    assert report.exit_code() == 2
    assert all("\n" not in (fr.error or "") for fr in report.files)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the fake engine reaches worker processes only by fork")
def test_jobs_do_not_change_findings_or_order(tmp_path: Path, fake: None,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "CHUNK_SIZE", 3)
    for i in range(25):
        body = f"Intro {i}\nWe will endeavour {i}.\n"
        write(tmp_path / f"lot{i % 4}", f"doc{i:02}.md", ("BAD\n" if i == 7 else "") + body)
    one = batch.lint_paths([tmp_path], jobs=1)
    two = batch.lint_paths([tmp_path], jobs=2)
    three = batch.lint_paths([tmp_path], jobs=3)
    assert shape(one) == shape(two) == shape(three)
    assert len(one.files) == 25 and len(one.errors) == 1


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the fake engine reaches worker processes only by fork")
def test_a_dying_worker_does_not_stop_the_batch(tmp_path: Path, fake: None,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "CHUNK_SIZE", 2)
    for i in range(8):
        write(tmp_path, f"d{i}.md", f"We will endeavour {i}.\n" + ("DIE\n" if i == 5 else ""))
    two = batch.lint_paths([tmp_path], jobs=2)
    assert shape(two) == shape(batch.lint_paths([tmp_path], jobs=1))
    assert not two.errors and len(two.findings) == 8


def test_suppressions_and_fingerprints_are_applied(tmp_path: Path, fake: None) -> None:
    write(tmp_path, "a.md", "<!-- svdocs-disable-next-line hedged-commitment: quoted policy -->\n"
                            "We will endeavour.\nWe may endeavour.\n"
                            "<!-- svdocs-disable-next-line hedged-commitment -->\nendeavour\n")
    fr = batch.lint_paths([tmp_path / "a.md"]).files[0]
    assert [(f.rule, f.suppressed) for f in fr.findings] == [
        ("hedged-commitment", "quoted policy"), ("hedged-commitment", None),
        ("hedged-commitment", None), ("suppression-without-reason", None)]
    assert all(len(f.fingerprint) == 16 for f in fr.findings)


def test_baseline_is_applied_per_file(tmp_path: Path, fake: None) -> None:
    a = write(tmp_path, "a.md", "We will endeavour.\n")
    write(tmp_path, "b.md", "We may endeavour.\n")
    base = tmp_path / "base.json"
    write_baseline(batch.lint_paths([tmp_path]), base)
    a.write_text("New heading\nWe will endeavour.\nThey endeavour too.\n")
    report = batch.lint_paths([tmp_path], baseline=base)
    assert [f.text for f in report.findings] == ["They endeavour too."]
    assert report.summary()["baselined"] == 2


def test_documents_are_kept_only_when_asked(tmp_path: Path, fake: None) -> None:
    write(tmp_path, "a.md", "We will endeavour.\n")
    assert batch.lint_paths([tmp_path]).files[0].document is None
    kept = batch.lint_paths([tmp_path], keep_documents=True).files[0].document
    assert kept is not None and kept.blocks[0].text == "We will endeavour."


def test_progress_bar_only_on_a_terminal_for_long_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    assert batch._progress_wanted(True, batch.PROGRESS_MIN_FILES + 1)
    assert not batch._progress_wanted(True, batch.PROGRESS_MIN_FILES)
    assert not batch._progress_wanted(False, 100)
    monkeypatch.setattr("sys.stderr.isatty", lambda: False, raising=False)
    assert not batch._progress_wanted(True, 100)
