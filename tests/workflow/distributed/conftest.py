"""Fixtures for corpus runs: a small mixed corpus, its local results, and Dask clusters on
localhost (started and closed by the tests)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed", reason="the dask extra is not installed")

SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "drafts"

WEAK_LINES = [
    "The Supplier will endeavour to support local employment where possible.",
    "The Provider should seek to engage with community groups.",
    "The Contractor shall recruit 5 apprentices from the Borough within 12 months.",
    "The Supplier is committed to reducing carbon emissions.",
]


def make_corpus(root: Path, copies: int = 4) -> Path:
    """The sample drafts under several names and folders, short Markdown and text files that
    differ from each other, and two files that cannot be read."""
    for k in range(copies):
        folder = root / f"batch{k}"
        folder.mkdir(parents=True, exist_ok=True)
        for sample in sorted(SAMPLES.iterdir()):
            shutil.copy(sample, folder / f"{sample.stem}-{k}{sample.suffix}")
        for j, line in enumerate(WEAK_LINES):
            (folder / f"note-{k}-{j}.md").write_text(
                f"# Social value\n\n1. {line}\n2. The Supplier shall report quarterly on "
                f"{k + j} KPIs.\n", encoding="utf-8")
            (folder / f"note-{k}-{j}.txt").write_text(f"SOCIAL VALUE\n\n{line}\n",
                                                      encoding="utf-8")
    (root / "broken.docx").write_bytes(b"this is not a zip file")
    (root / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0old word")
    return root


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"))


def local_entries(corpus: Path) -> list[dict[str, Any]]:
    """The JSON report's ``files`` of a local run over ``corpus`` (the reference)."""
    from svdocs.reporters.json_report import report_data
    from svdocs.workflow.batch import lint_paths

    return report_data(lint_paths([str(corpus)]))["files"]  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def local_files(corpus: Path) -> list[dict[str, Any]]:
    return local_entries(corpus)


@pytest.fixture(scope="module")
def process_cluster() -> Iterator[Any]:
    """A LocalCluster of two single-threaded worker processes, each under a nanny."""
    from distributed import Client, LocalCluster

    from svdocs.workflow.distributed.engine import quiet_logs

    quiet_logs()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      host="127.0.0.1", dashboard_address="127.0.0.1:0",
                      silence_logs=50) as cluster, \
            Client(cluster) as client:
        yield client


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
