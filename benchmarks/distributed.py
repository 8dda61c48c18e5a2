"""Corpus runs: local ``--jobs`` against Dask, and memory over a long streamed run.

Run from the repository root, with the dask extra installed::

    python benchmarks/distributed.py                 # 2,000 documents, 10,000 for memory
    python benchmarks/distributed.py --files 400 --memory-files 2000   # a quick look

It writes a corpus of small documents built from the sample drafts (Markdown, plain text,
HTML and Word, each a different selection of the samples' paragraphs with the numbers,
names and order varied, in one folder per buying authority) and a metadata CSV, then times
``svdocs lint DIR --format jsonl -o FILE`` as a user runs it (a fresh process, start-up
included) with:

- the local engine, ``--jobs 1`` and ``--jobs 2``;
- ``--engine dask --jobs 1`` and ``--jobs 2`` (a LocalCluster the command starts);
- ``--scheduler`` on a cluster started with the ``dask scheduler`` and ``dask worker``
  commands on 127.0.0.1 (two single-threaded workers).

Each configuration is also run on 4 documents, so its fixed cost (start-up, the cluster, the
pipeline) can be taken off: "steady" documents per second are over the rest. Every run's
results must be the same lines. It measures Dask's cost per task with empty tasks on the same
cluster, the peak memory of each process (sampled with psutil), and, for ``--memory-files``
documents streamed to JSONL by ``--engine dask --jobs 2``, the memory of the command and of
each worker as the run goes. The machine's load average is printed before and after each
run, since a shared machine slows a run down.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

# this file's name is the dask package's: keep its folder off the import path
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
ROOT = HERE.parent
SAMPLES = ROOT / "samples" / "drafts"
AUTHORITIES = ["northshire-cc", "eastport-bc", "riverdale-dc", "hillmoor-ca", "westfield-nhs",
               "coastal-ha", "midland-fw", "valley-combined"]
REGIONS = {"northshire-cc": "north", "eastport-bc": "east", "riverdale-dc": "south",
           "hillmoor-ca": "north", "westfield-nhs": "west", "coastal-ha": "south",
           "midland-fw": "midlands", "valley-combined": "wales"}
KINDS = ["md", "txt", "html", "docx"]
NAMES = ["Supplier", "Contractor", "Provider", "Operator"]
EXTRA = [
    "The {who} will endeavour to support local employment where possible.",
    "The {who} shall employ {n} residents of the postcode districts in Annex 1 within 12 "
    "months, evidenced by quarterly payroll extracts; if the target is missed the {who} "
    "shall submit a rectification plan within 20 Working Days.",
    "The {who} should seek to engage with community groups.",
    "The {who} shall pay at least {n} per cent of invoices to SME subcontractors within 30 "
    "days and report payment performance every quarter.",
    "The {who} is committed to reducing carbon emissions by {n}% by 2030.",
    "The Council's social value policy reflects the Public Services (Social Value) Act 2012.",
]


# --------------------------------------------------------------------------- the corpus


def sample_paragraphs() -> list[str]:
    """The paragraphs of the sample drafts, as svdocs reads them."""
    from svdocs.readers import read_document

    paragraphs: list[str] = []
    for path in sorted(SAMPLES.iterdir()):
        for block in read_document(path).blocks:
            text = " ".join(block.text.split())
            if len(text) > 30:
                paragraphs.append(text)
    return paragraphs


def vary(text: str, rng: random.Random) -> str:
    who = rng.choice(NAMES)
    for name in NAMES:
        text = text.replace(f"the {name}", f"the {who}").replace(f"The {name}", f"The {who}")
    return "".join(str(rng.randint(2, 40)) if ch.isdigit() and rng.random() < 0.5 else ch
                   for ch in text)


def document(rng: random.Random, pool: list[str]) -> tuple[str, list[str]]:
    title = rng.choice(["Social Value", "Social Value Schedule", "Community Benefits",
                        "Specification: Social Value", "ITT Section 6: Social Value"])
    body = [vary(p, rng) for p in rng.sample(pool, k=rng.randint(3, 7))]
    body += [t.format(who=rng.choice(NAMES), n=rng.randint(2, 30))
             for t in rng.sample(EXTRA, k=rng.randint(1, 3))]
    rng.shuffle(body)
    return title, body


def write_doc(path: Path, kind: str, title: str, body: list[str]) -> None:
    if kind == "md":
        path.write_text(f"# {title}\n\n" + "".join(f"{i}. {p}\n" for i, p in
                                                   enumerate(body, 1)), encoding="utf-8")
    elif kind == "txt":
        path.write_text(f"{title.upper()}\n\n" + "".join(f"{i}. {p}\n\n" for i, p in
                                                         enumerate(body, 1)), encoding="utf-8")
    elif kind == "html":
        from html import escape

        items = "".join(f"<li>{escape(p)}</li>" for p in body)
        path.write_text(f"<html><body><h1>{escape(title)}</h1><ol>{items}</ol></body></html>",
                        encoding="utf-8")
    else:
        import docx

        d = docx.Document()
        d.add_heading(title, level=1)
        for p in body:
            d.add_paragraph(p, style="List Number")
        d.save(str(path))


def make_corpus(folder: Path, count: int, seed: int = 20) -> Path:
    """``count`` documents in one folder per authority, and ``meta.csv`` beside them."""
    rng = random.Random(seed)
    pool = sample_paragraphs()
    rows = ["path,authority,region,year,kind"]
    for k in range(count):
        authority = AUTHORITIES[k % len(AUTHORITIES)]
        kind = KINDS[(k // len(AUTHORITIES)) % len(KINDS)]
        sub = folder / authority
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"tender-{k:05d}.{kind}"
        write_doc(path, kind, *document(rng, pool))
        rows.append(f"{path},{authority},{REGIONS[authority]},{2022 + k % 4},{kind}")
    (folder.parent / f"{folder.name}-meta.csv").write_text("\n".join(rows) + "\n")
    return folder


# --------------------------------------------------------------------------- measuring


class Sampler:
    """Samples the resident memory of a process tree (and of extra processes) every 0.2 s."""

    def __init__(self, pids: list[int], watch: Path | None = None) -> None:
        import psutil

        self.psutil = psutil
        self.roots = [psutil.Process(p) for p in pids]
        self.peak: dict[int, int] = {}
        self.names: dict[int, str] = {}
        self.watch = watch
        self.timeline: list[tuple[float, int, int, int]] = []  # t, lines, main rss, max worker
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._start = time.monotonic()

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join()

    def _procs(self) -> list[Any]:
        out = []
        for root in self.roots:
            try:
                out.append(root)
                out.extend(root.children(recursive=True))
            except self.psutil.Error:
                continue
        return out

    def _run(self) -> None:
        while not self._stop.is_set():
            rss: dict[int, int] = {}
            for p in self._procs():
                try:
                    rss[p.pid] = p.memory_info().rss
                    if p.pid != self.roots[0].pid and p.ppid() == self.roots[0].pid \
                            and p.pid not in self.names:
                        self.names[p.pid] = "child " + " ".join(p.cmdline()[:4])
                    if p.pid not in self.names:
                        self.names[p.pid] = " ".join(p.cmdline()[:4])
                except self.psutil.Error:
                    continue
            for pid, r in rss.items():
                self.peak[pid] = max(self.peak.get(pid, 0), r)
            if self.watch is not None:
                lines = _count_lines(self.watch)
                main = rss.get(self.roots[0].pid, 0)
                workers = [r for pid, r in rss.items() if pid != self.roots[0].pid
                           and _is_worker(self.names.get(pid, ""))]
                self.timeline.append((time.monotonic() - self._start, lines, main,
                                      max(workers, default=0)))
            self._stop.wait(0.2)

    def worker_peaks(self, main: int | None) -> list[int]:
        roots = {r.pid for r in self.roots}
        return [v for pid, v in self.peak.items()
                if pid not in roots and _is_worker(self.names.get(pid, ""))]


def _is_worker(cmdline: str) -> bool:
    """A process below a root that lints: a forked ``--jobs`` child (the command's own
    command line) or a spawned Dask worker; not multiprocessing's resource tracker."""
    return "resource_tracker" not in cmdline and "forkserver" not in cmdline


def tree_cpu(pids: list[int]) -> float:
    """User + system CPU seconds of these processes and everything below them, now."""
    import psutil

    total = 0.0
    for pid in pids:
        try:
            root = psutil.Process(pid)
            for p in [root, *root.children(recursive=True)]:
                t = p.cpu_times()
                total += t.user + t.system
        except psutil.Error:
            continue
    return total


def _count_lines(path: Path) -> int:
    try:
        with open(path, "rb") as fh:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except OSError:
        return 0


def svdocs_cmd() -> list[str]:
    return [sys.executable, "-m", "svdocs"]


def lint_run(target: Path, args: list[str], out: Path, *, extra_pids: list[int] | None = None,
             watch: bool = False) -> dict[str, Any]:
    if out.exists():
        out.unlink()
    load_before = os.getloadavg()[0]
    cluster_cpu = tree_cpu(extra_pids or [])
    start = time.monotonic()
    with tempfile.TemporaryFile("w+") as err_file:
        proc = subprocess.Popen([*svdocs_cmd(), "lint", str(target), "--format", "jsonl",
                                 "-o", str(out), *args],
                                stdout=subprocess.DEVNULL, stderr=err_file, text=True)
        with Sampler([proc.pid, *(extra_pids or [])], watch=out if watch else None) as sampler:
            _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        err_file.seek(0)
        err = err_file.read()
    # the command and the children it waited for (local --jobs, a LocalCluster's workers),
    # plus what a cluster started apart used meanwhile
    cpu = usage.ru_utime + usage.ru_stime + tree_cpu(extra_pids or []) - cluster_cpu
    if code not in (0, 1):
        raise SystemExit(f"svdocs lint {' '.join(args)} failed ({code}): {err}")
    workers = sampler.worker_peaks(proc.pid)
    return {"wall": wall, "cpu": cpu, "main_peak": sampler.peak.get(proc.pid, 0),
            "worker_peak": max(workers, default=0), "workers_seen": len(workers),
            "load": (load_before, os.getloadavg()[0]), "timeline": sampler.timeline}


def same_results(a: Path, b: Path) -> bool:
    def lines(p: Path) -> list[str]:
        return sorted(p.read_text(encoding="utf-8").splitlines())

    return lines(a) == lines(b)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class DaskCommands:
    """A scheduler and two single-threaded workers started with the ``dask`` command."""

    def __init__(self) -> None:
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.procs: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> DaskCommands:
        dask = shutil.which("dask", path=os.path.dirname(sys.executable)) or "dask"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.procs.append(subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(self.port),
             "--dashboard-address", "127.0.0.1:0"], **quiet))
        self.procs.append(subprocess.Popen(
            [dask, "worker", self.address, "--host", "127.0.0.1", "--nworkers", "2",
             "--nthreads", "1", "--dashboard-address", "127.0.0.1:0"], **quiet))
        from distributed import Client

        with Client(self.address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        return self

    def __exit__(self, *exc: Any) -> None:
        for p in reversed(self.procs):
            p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()

    def pids(self) -> list[int]:
        return [p.pid for p in self.procs]


def task_overhead(tasks: int = 2000) -> float:
    """Seconds of Dask's own cost per task: empty tasks, two single-threaded workers."""
    from distributed import Client, LocalCluster, wait

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=50) as cluster, \
            Client(cluster) as client:
        client.submit(_noop, 0).result()
        start = time.monotonic()
        futures = [client.submit(_noop, i, pure=False) for i in range(tasks)]
        wait(futures)
        return (time.monotonic() - start) / tasks


def _noop(i: int) -> int:
    return i


# --------------------------------------------------------------------------- main


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--memory-files", type=int, default=10000)
    ap.add_argument("--keep", type=Path, help="Keep the corpora and results in this folder.")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="svdocs-dist-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"# svdocs distributed benchmark ({platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()})")
    t = time.monotonic()
    corpus = make_corpus(work / "corpus", args.files)
    tiny = make_corpus(work / "tiny", 4, seed=3)
    print(f"corpus: {args.files} documents in {time.monotonic() - t:.1f} s ({work})")

    configs: list[tuple[str, list[str]]] = [
        ("local --jobs 1", ["--jobs", "1"]),
        ("local --jobs 2", ["--jobs", "2"]),
        ("dask --jobs 1", ["--engine", "dask", "--jobs", "1"]),
        ("dask --jobs 2", ["--engine", "dask", "--jobs", "2"]),
    ]
    rows: list[dict[str, Any]] = []
    reference: Path | None = None
    for label, extra in configs:
        fixed = lint_run(tiny, extra, work / "tiny.jsonl")["wall"]
        out = work / f"{label.replace(' ', '_').replace('-', '')}.jsonl"
        got = lint_run(corpus, extra, out)
        reference = reference or out
        rows.append({"label": label, "fixed": fixed, **got,
                     "same": same_results(reference, out)})
        print(f"  {label}: {got['wall']:.1f} s, load {got['load'][0]:.2f}->"
              f"{got['load'][1]:.2f}", flush=True)
    with DaskCommands() as cluster:
        extra = ["--scheduler", cluster.address]
        fixed = lint_run(tiny, extra, work / "tiny.jsonl", extra_pids=cluster.pids())["wall"]
        out = work / "dask_commands.jsonl"
        got = lint_run(corpus, extra, out, extra_pids=cluster.pids())
        assert reference is not None
        rows.append({"label": "dask scheduler + 2 dask workers", "fixed": fixed, **got,
                     "same": same_results(reference, out)})
        print(f"  dask commands: {got['wall']:.1f} s", flush=True)

    overhead = task_overhead()
    from svdocs.workflow.distributed.engine import MAX_CHUNK  # deferred: after the corpus
    print()
    print("| run | wall (s) | docs/s | fixed cost (s) | steady docs/s | CPU s (all processes) | "
          "peak RSS command | peak RSS per worker | same results | load before/after |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        steady = args.files / max(1e-9, r["wall"] - r["fixed"])
        r["steady"] = steady
        worker = mib(r["worker_peak"]) if r["workers_seen"] else "(in the command)"
        print(f"| {r['label']} | {r['wall']:.1f} | {args.files / r['wall']:.1f} | "
              f"{r['fixed']:.1f} | {steady:.1f} | {r['cpu']:.1f} | {mib(r['main_peak'])} | "
              f"{worker} | "
              f"{'yes' if r['same'] else 'NO'} | {r['load'][0]:.2f} / {r['load'][1]:.2f} |")
    by = {r["label"]: r for r in rows}
    d1, d2, l2 = by["dask --jobs 1"], by["dask --jobs 2"], by["local --jobs 2"]
    print()
    print(f"2 Dask workers / 1: {d2['steady'] / d1['steady']:.2f}x steady, "
          f"{d1['wall'] / d2['wall']:.2f}x wall")
    print(f"Dask --jobs 2 against local --jobs 2: {100 * (d2['wall'] / l2['wall'] - 1):+.1f}% "
          f"wall, {100 * (l2['steady'] / d2['steady'] - 1):+.1f}% steady time")
    per_doc = (d2["cpu"] - l2["cpu"]) / args.files  # CPU seconds per document
    print(f"Dask cost per empty task: {overhead * 1000:.2f} ms (scheduler and client, two "
          f"workers); per document in chunks of {MAX_CHUNK}: "
          f"{overhead / MAX_CHUNK * 1000:.3f} ms")
    print(f"Extra CPU per document, dask --jobs 2 against local --jobs 2: "
          f"{per_doc * 1000:.2f} ms, of {l2['cpu'] / args.files * 1000:.2f} ms per document "
          f"in all ({100 * (d2['cpu'] / l2['cpu'] - 1):+.1f}%)")

    # ---- memory over a long streamed run
    if args.memory_files:
        big = make_corpus(work / "big", args.memory_files, seed=7)
        out = work / "big.jsonl"
        got = lint_run(big, ["--engine", "dask", "--jobs", "2"], out, watch=True)
        print()
        print(f"memory, {args.memory_files} documents streamed to JSONL with --engine dask "
              f"--jobs 2: {got['wall']:.0f} s, load {got['load'][0]:.2f}->{got['load'][1]:.2f}")
        print("| documents written | command RSS | largest worker RSS |")
        print("|---|---|---|")
        timeline = [s for s in got["timeline"] if s[1] > 0]
        for frac in (0.1, 0.25, 0.5, 0.75, 1.0):
            want = frac * args.memory_files
            sample = next((s for s in timeline if s[1] >= want), timeline[-1] if timeline
                          else (0, 0, 0, 0))
            print(f"| {sample[1]:,} | {mib(sample[2])} | {mib(sample[3])} |")
        print(f"peak: command {mib(got['main_peak'])}, worker {mib(got['worker_peak'])}")
        lines = _count_lines(out)
        entries = [json.loads(line)["path"] for line in out.read_text().splitlines()]
        print(f"lines: {lines}, distinct paths: {len(set(entries))}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
