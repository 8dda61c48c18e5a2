"""``svdocs lint`` corpus runs from the command line: JSONL streamed, --resume, --files-from,
exit codes, one-line usage errors, and a cluster started with ``dask scheduler`` and
``dask worker`` on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import read_jsonl

from svdocs.cli import cli

SVDOCS = [sys.executable, "-m", "svdocs"]


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["lint", *args], catch_exceptions=False)


def by_path(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["path"]: e for e in entries}


def test_jsonl_lines_are_the_json_reports_files_entries(
        corpus: Path, tmp_path: Path, local_files: list[dict[str, Any]]) -> None:
    out = tmp_path / "results.jsonl"
    result = run(str(corpus), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 2  # the corpus has unreadable files, as a local run says
    assert read_jsonl(out) == local_files
    assert "broken.docx" in result.output and "wrote" in result.output


def test_jsonl_refuses_to_overwrite_without_force(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    out.write_text("keep me\n")
    result = run(str(corpus / "batch0"), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 2
    assert out.read_text() == "keep me\n"
    assert "already exists" in result.output


def test_resume_skips_what_is_done_and_adds_the_rest_once(
        corpus: Path, tmp_path: Path, local_files: list[dict[str, Any]]) -> None:
    out = tmp_path / "results.jsonl"
    lines = [json.dumps(e) for e in local_files[:7]]
    # a run stopped while writing its eighth line
    out.write_text("\n".join(lines) + "\n" + json.dumps(local_files[7])[:40])
    result = run(str(corpus), "--format", "jsonl", "--resume", str(out))
    assert result.exit_code == 2, result.output
    got = read_jsonl(out)
    assert len(got) == len(local_files)
    assert by_path(got) == by_path(local_files)
    assert got[:7] == local_files[:7]
    assert "7 files already done" in result.output


def test_exit_codes_follow_the_local_rules(tmp_path: Path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("# Delivery\n\nThe Supplier shall deliver the goods.\n")
    weak = tmp_path / "weak.md"
    weak.write_text("# Social value\n\nThe Supplier will endeavour to support local jobs.\n")
    missing = tmp_path / "missing.md"
    cases = [[str(clean)], [str(weak)], [str(weak), "--fail-on", "info"],
             [str(clean), "--fail-on", "error"], [str(clean), str(missing)]]
    codes = []
    for k, args in enumerate(cases):
        local = run(*args).exit_code
        streamed = run(*args, "--format", "jsonl", "-o", str(tmp_path / f"{k}.jsonl"))
        assert streamed.exit_code == local, args
        codes.append(local)
    assert codes == [0, 1, 1, 0, 2]
    assert read_jsonl(tmp_path / "4.jsonl")[1] == {
        "path": str(missing), "findings": [], "error": "no such file or folder"}


def test_file_urls_from_a_list_file(corpus: Path, tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    doc = corpus / "batch1" / "itt-social-value-draft-1.md"
    listing.write_text(f"{doc.as_uri()}\n")
    result = run("--files-from", str(listing), "--format", "json")
    data = json.loads(result.output[result.output.index("{"):])
    assert [f["path"] for f in data["files"]] == [doc.as_uri()]
    local = json.loads(run(str(doc), "--format", "json").output)
    assert [(f["rule"], f["text"], f["fingerprint"]) for f in data["files"][0]["findings"]] \
        == [(f["rule"], f["text"], f["fingerprint"]) for f in local["files"][0]["findings"]]


@pytest.mark.parametrize(("args", "message"), [
    (["--timeout", "5"], "--timeout needs the dask engine"),
    (["--resume", "r.jsonl"], "--resume adds to a JSONL results file"),
    (["--format", "jsonl", "--annotate", "out"], "--annotate needs the whole report"),
    (["--engine", "local", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler runs on Dask"),
])
def test_options_that_cannot_work_together_are_one_line(corpus: Path, args: list[str],
                                                       message: str) -> None:
    result = run(str(corpus / "batch0"), *args)
    assert result.exit_code == 2
    assert message in result.output


def test_no_input_at_all_is_a_usage_error() -> None:
    result = run("--format", "jsonl")
    assert result.exit_code == 2 and "give at least one PATH or --files-from" in result.output


def test_the_progress_bar_shows_rate_and_time_left_only_on_a_terminal() -> None:
    import io

    from svdocs.workflow.progress import progress_bar

    quiet = io.StringIO()
    with progress_bar(10, stream=quiet) as advance:
        advance(10)
    assert quiet.getvalue() == ""  # not a terminal: nothing, ever
    shown = io.StringIO()
    with progress_bar(10, stream=shown, force=True) as advance:
        for _ in range(10):
            advance(1)
    text = shown.getvalue()
    assert "10/10" in text and "files/s" in text and "left" in text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_workers(address: str, count: int, deadline: float) -> None:
    from distributed import Client

    with Client(address, timeout="20s") as client:
        client.wait_for_workers(count, timeout=max(1.0, deadline - time.monotonic()))


def test_a_cluster_started_by_the_dask_commands(corpus: Path, tmp_path: Path,
                                                local_files: list[dict[str, Any]]) -> None:
    dask_cmd = shutil.which("dask", path=os.path.dirname(sys.executable)) or shutil.which("dask")
    if dask_cmd is None:
        pytest.skip("the dask command is not installed")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_DISTRIBUTED__LOGGING__DISTRIBUTED": "error"}
    logs = open(tmp_path / "dask.log", "w")  # noqa: SIM115 - closed below
    scheduler = subprocess.Popen([dask_cmd, "scheduler", "--host", "127.0.0.1", "--port",
                                  str(port), "--dashboard-address", "127.0.0.1:0"],
                                 stdout=logs, stderr=subprocess.STDOUT, env=env)
    worker = None
    try:
        worker = subprocess.Popen([dask_cmd, "worker", address, "--host", "127.0.0.1",
                                   "--nworkers", "2", "--nthreads", "1",
                                   "--dashboard-address", "127.0.0.1:0"],
                                  stdout=logs, stderr=subprocess.STDOUT, env=env)
        wait_for_workers(address, 2, time.monotonic() + 60)
        out = tmp_path / "results.jsonl"
        done = subprocess.run([*SVDOCS, "lint", "--scheduler", address, str(corpus),
                               "--format", "jsonl", "-o", str(out)],
                              capture_output=True, text=True, timeout=300, env=env)
        assert done.returncode == 2, done.stderr  # two files cannot be read
        got = read_jsonl(out)
        assert len(got) == len(local_files)
        assert by_path(got) == by_path(local_files)
    finally:
        for proc in (worker, scheduler):
            if proc is not None:
                proc.terminate()
        for proc in (worker, scheduler):
            if proc is not None:
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        logs.close()
