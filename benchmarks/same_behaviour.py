"""Prove that a change which should not change behaviour did not: snapshot, then compare.

    python benchmarks/same_behaviour.py snapshot before.json     # on the old commit
    python benchmarks/same_behaviour.py snapshot after.json      # on the new one
    python benchmarks/same_behaviour.py compare before.json after.json

The snapshot is taken through the installed ``svdocs`` command only (never by importing
modules), so it survives any re-layout of the package. It records:

- ``svdocs lint --format json`` and ``--format sarif`` on every sample draft, every labelled
  corpus under ``tests/``, the golden documents, the benchmark's generated 100,000-word
  contract and, when present, the shared corpus (``../shared/corpus``), with ``--scope
  social-value`` and ``--scope all``: every finding with its fingerprint, location and span;
- ``svdocs assemble`` of every sample brief in every format: the text of each Markdown and
  HTML file, the XML parts of each DOCX (less the creation and modification dates), and
  ``commitments.json``;
- ``svdocs rules list --format json`` and ``svdocs clauses list --format json``.

``compare`` prints the first differences and exits 1 if there are any.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
_DATES = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def svdocs(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("svdocs")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=ROOT)


def lint_targets(bench_doc: Path) -> list[Path]:
    targets = [ROOT / "samples" / "drafts", ROOT / "tests" / "golden", bench_doc]
    targets += sorted(p for p in (ROOT / "tests").glob("eval_*") if p.is_dir())
    if SHARED_CORPUS.is_dir():
        targets.append(SHARED_CORPUS)
    return [t for t in targets if t.exists()]


def lint_snapshot(target: Path, scope: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for fmt in ("json", "sarif"):
        proc = svdocs("lint", str(target), "--format", fmt, "--scope", scope,
                      "--fail-on", "error")
        text = proc.stdout.replace(str(ROOT), "<root>").replace(str(target), "<target>")
        out[fmt] = {"exit": proc.returncode, "stdout": json.loads(text) if text else None,
                    "stderr": proc.stderr.replace(str(ROOT), "<root>")}
    return out


def docx_parts(path: Path) -> dict[str, str]:
    parts: dict[str, str] = {}
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            data = _DATES.sub(b"", z.read(name))
            parts[name] = hashlib.sha256(data).hexdigest()
    return parts


def assemble_snapshot(brief: Path, work: Path) -> dict[str, object]:
    out_dir = work / brief.stem
    proc = svdocs("assemble", str(brief), "-o", str(out_dir), "--format", "docx,md,html")
    files: dict[str, object] = {}
    if out_dir.is_dir():
        for f in sorted(out_dir.rglob("*")):
            if f.suffix == ".docx":
                files[f.name] = docx_parts(f)
            elif f.is_file():
                files[f.name] = f.read_text(encoding="utf-8").replace(str(out_dir), "<out>")
    return {"exit": proc.returncode, "stderr": proc.stderr.replace(str(ROOT), "<root>"),
            "files": files}


def bench_document(work: Path) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from lint_speed import generate_docx  # the benchmark's own generator, seeded

    path = work / "contract-100k.docx"
    generate_docx(path, 100_000)
    return path


def snapshot(dest: Path) -> int:
    work = Path(tempfile.mkdtemp(prefix="svdocs-same-"))
    try:
        bench = bench_document(work)
        data: dict[str, object] = {"lint": {}, "assemble": {}, "lists": {}}
        for target in lint_targets(bench):
            key = str(target.relative_to(ROOT.parent)) if target != bench else "bench-100k"
            for scope in ("social-value", "all"):
                data["lint"][f"{key} --scope {scope}"] = lint_snapshot(target, scope)  # type: ignore[index]
                print(f"linted {key} ({scope})", file=sys.stderr)
        for brief in sorted((ROOT / "samples" / "briefs").glob("*.y*ml")):
            data["assemble"][brief.name] = assemble_snapshot(brief, work)  # type: ignore[index]
        for what in (("rules", "list"), ("clauses", "list")):
            proc = svdocs(*what, "--format", "json")
            data["lists"][" ".join(what)] = proc.stdout  # type: ignore[index]
        dest.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        print(f"wrote {dest}", file=sys.stderr)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _diff(a: object, b: object, path: str, out: list[str]) -> None:
    if len(out) > 40:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{path}/{k}: only in {'after' if k in b else 'before'}")
            else:
                _diff(a[k], b[k], f"{path}/{k}", out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items before, {len(b)} after")
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            _diff(x, y, f"{path}[{i}]", out)
    elif a != b:
        out.append(f"{path}: {str(a)[:160]!r} -> {str(b)[:160]!r}")


def compare(before: Path, after: Path) -> int:
    a = json.loads(before.read_text(encoding="utf-8"))
    b = json.loads(after.read_text(encoding="utf-8"))
    out: list[str] = []
    _diff(a, b, "", out)
    runs = len(a.get("lint", {})) + len(a.get("assemble", {}))
    if out:
        print("\n".join(out))
        print(f"DIFFERENT: {len(out)} difference(s) shown")
        return 1
    print(f"identical: {runs} lint and assemble runs, rules and clauses lists")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "snapshot":
        return snapshot(Path(argv[1]))
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
