"""Reviews in a real PostgreSQL (issue 18): a throwaway cluster on 127.0.0.1, started and
stopped by this module, with Debian's postgresql. Skipped when it is not installed."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import WEAK_DOCX

BINARIES = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
if not BINARIES and not shutil.which("initdb"):
    pytest.skip("no PostgreSQL here: apt-get install postgresql (as .ci/run does) to run "
                "the PostgreSQL tests", allow_module_level=True)
BIN = Path(BINARIES[-1] if BINARIES else shutil.which("initdb") or "").parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    # a folder of its own (pytest's are private to root, which PostgreSQL may not be)
    root = Path(tempfile.mkdtemp(prefix="svdocs-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run it as its own user
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()

    def run(*cmd: str) -> None:
        done = subprocess.run([*as_user, *cmd], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.fail(f"{cmd[0]} failed: {done.stderr or done.stdout}")

    run(str(BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "svdocs", "-E", "UTF8")
    run(str(BIN / "pg_ctl"), "-D", str(data), "-w", "-l", str(root / "log"), "-o",
        f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    try:
        yield f"postgresql://svdocs@127.0.0.1:{port}/postgres"
    finally:
        run(str(BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


def test_reviews_live_in_postgresql(make_web, tmp_path: Path, postgres_url: str) -> None:  # type: ignore[no-untyped-def]
    web = make_web(data_dir=tmp_path / "a", database_url=postgres_url)
    rid = web.review((WEAK_DOCX.name, WEAK_DOCX.read_bytes()))
    finding = web.findings(rid)[0]
    assert web.decide(rid, finding, "dismiss", reason="Handled in Annex B").status_code == 200
    web.close()
    # another server (its own data folder for files) on the same database sees the review
    again = make_web(data_dir=tmp_path / "a", database_url=postgres_url)
    page = again.client.get(f"/reviews/{rid}")
    assert page.status_code == 200 and "Handled in Annex B" in page.text
    report = again.client.get(f"/reviews/{rid}/report.json").json()
    assert report["summary"]["suppressed"] == 1
    assert again.client.post(f"/reviews/{rid}/delete", data={"csrf_token": again.csrf()},
                             follow_redirects=False).status_code == 303
    assert again.client.get(f"/reviews/{rid}").status_code == 404
