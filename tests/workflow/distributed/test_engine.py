"""The Dask engine on LocalClusters on localhost: the same findings, in the same order and
with the same fingerprints, as a local run; a worker killed mid-run; a file that hangs."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from svdocs.core.config import LintConfig
from svdocs.reporters.json_report import render_json
from svdocs.reporters.jsonl import file_entry
from svdocs.workflow.batch import lint_paths
from svdocs.workflow.corpus import EngineOptions, corpus_report
from svdocs.workflow.distributed.engine import DaskLinter
from svdocs.workflow.paths import expand_paths


def names_of(corpus: Path) -> list[str]:
    return [str(p) for p in expand_paths([str(corpus)])]


def test_a_dask_report_is_identical_to_a_local_one(corpus: Path,
                                                   process_cluster: Any) -> None:
    names = names_of(corpus)
    linter = DaskLinter(process_cluster, LintConfig(), max_chunk=3)
    by_index = dict(linter.results(names))
    assert sorted(by_index) == list(range(len(names)))
    from svdocs.core.results import Report

    dask_report = Report(files=[by_index[i] for i in range(len(names))])
    local_report = lint_paths([str(corpus)])
    assert render_json(dask_report) == render_json(local_report)
    # the corpus has findings, fingerprints and unreadable files, so the comparison bites
    findings = [f for fr in local_report.files for f in fr.findings]
    assert len(findings) > 50 and all(f.fingerprint for f in findings)
    assert {fr.path for fr in local_report.errors} == {str(corpus / "broken.docx"),
                                                       str(corpus / "legacy.doc")}


def test_a_worker_killed_mid_run_loses_no_file_and_repeats_none(
        corpus: Path, process_cluster: Any, local_files: list[dict[str, Any]]) -> None:
    names = names_of(corpus)
    pids: dict[str, int] = process_cluster.run(os.getpid)
    victim = sorted(pids.values())[0]
    seen: list[int] = []
    entries: dict[int, dict[str, Any]] = {}
    linter = DaskLinter(process_cluster, LintConfig(), max_chunk=1)
    for index, fr in linter.results(names):
        seen.append(index)
        entries[index] = file_entry(fr)
        if len(seen) == 5:
            os.kill(victim, signal.SIGKILL)
    assert sorted(seen) == list(range(len(names)))  # every file once
    assert [entries[i] for i in range(len(names))] == local_files
    # the killed worker was in the middle of the run: its nanny started a new process
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        now = process_cluster.run(os.getpid)
        if len(now) == 2 and victim not in now.values():
            break
        time.sleep(0.2)
    assert victim not in process_cluster.run(os.getpid).values()


def test_a_file_that_hangs_is_reported_as_timed_out_and_the_rest_are_linted(
        corpus: Path, tmp_path: Path, process_cluster: Any,
        local_files: list[dict[str, Any]]) -> None:
    hang = tmp_path / "hangs.md"
    hang.write_text("# Social value\n\nThe Supplier shall pay the Real Living Wage.\n")

    def make_reads_of_hangs_md_hang() -> None:
        import svdocs.workflow.batch

        real = svdocs.workflow.batch.read_file

        def read_file(path: Any) -> Any:
            if Path(path).name == "hangs.md":
                time.sleep(3600)  # a reader stuck for good (a network mount, a bad regex)
            return real(path)

        svdocs.workflow.batch.read_file = read_file

    process_cluster.run(make_reads_of_hangs_md_hang)
    names = [*names_of(corpus)[:10], str(hang), *names_of(corpus)[10:20]]
    linter = DaskLinter(process_cluster, LintConfig(), timeout=3, max_chunk=4)
    start = time.monotonic()
    got = dict(linter.results(names))
    assert time.monotonic() - start < 90
    assert sorted(got) == list(range(len(names)))
    assert got[10].error is not None and got[10].error.startswith(
        "timed out: not finished after 3 s (--timeout)")
    others = [file_entry(got[i]) for i in range(len(names)) if i != 10]
    assert others == local_files[:20]
    assert linter.timed_out == 1 and linter.restarts == 1


def test_memory_urls_are_read_by_the_workers(tmp_path: Path) -> None:
    """fsspec's in-memory filesystem lives in one process, so a threaded LocalCluster."""
    import fsspec
    from distributed import Client, LocalCluster

    fs = fsspec.filesystem("memory")
    text = "# Social value\n\nThe Supplier will endeavour to recruit local apprentices.\n"
    for k in range(6):
        fs.pipe(f"/svdocs-test/doc{k}.md", text.encode())
    (tmp_path / "doc0.md").write_text(text)
    try:
        with LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                          dashboard_address="127.0.0.1:0") as cluster, \
                Client(cluster) as client:
            names = [f"memory:///svdocs-test/doc{k}.md" for k in range(6)]
            got = dict(DaskLinter(client, LintConfig()).results(names))
    finally:
        fs.rm("/svdocs-test", recursive=True)
    local = lint_paths([str(tmp_path / "doc0.md")]).files[0]
    assert sorted(got) == list(range(6))
    for fr in got.values():
        assert fr.error is None
        assert [(f.rule, f.text, f.flagged) for f in fr.findings] == \
            [(f.rule, f.text, f.flagged) for f in local.findings]
        assert fr.findings[0].location.path.startswith("memory:///svdocs-test/")


def test_the_local_engine_gives_the_same_report_through_the_corpus_path(corpus: Path) -> None:
    names = names_of(corpus)
    got = corpus_report(names, LintConfig(), EngineOptions(jobs=2), progress=False)
    assert render_json(got) == render_json(lint_paths([str(corpus)]))


@pytest.mark.parametrize("bad", ["tcp://127.0.0.1:9"])
def test_an_unreachable_scheduler_is_one_line(bad: str, corpus: Path) -> None:
    from svdocs.core.errors import InputError
    from svdocs.workflow.distributed import engine

    old = engine.CONNECT_TIMEOUT
    engine.CONNECT_TIMEOUT = "1s"
    try:
        with pytest.raises(InputError) as err, engine.dask_client(bad):
            pass
    finally:
        engine.CONNECT_TIMEOUT = old
    assert str(err.value).startswith(f"{bad}: cannot reach the Dask scheduler")


def _worker_settings() -> tuple[Any, Any]:
    import dask

    return (dask.config.get("distributed.worker.profile.enabled"),
            dask.config.get("distributed.worker.memory.monitor-interval"))


def test_a_local_cluster_runs_its_workers_without_the_stack_profiler() -> None:
    # the profiler samples the linting thread every 10 ms; on a busy machine it and the
    # frequent memory reads cost about 5% of a run (benchmarks/README.md)
    from svdocs.workflow.distributed import engine

    with engine.dask_client(None, 1) as client:
        settings = list(client.run(_worker_settings).values())
    assert settings == [(False, "1s")]
    import dask

    # the client's own settings are left as they were
    assert dask.config.get("distributed.worker.profile.enabled") is True
