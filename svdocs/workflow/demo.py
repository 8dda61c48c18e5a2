"""The demo: assemble every sample brief and lint every sample draft into a new folder.

It is the first thing a new user runs (the README's Quick start), so it shows both halves of
svdocs on the bundled samples and says what it wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from svdocs.core.config import LintConfig
from svdocs.core.errors import OutputError
from svdocs.core.model import CATEGORIES
from svdocs.core.resources import samples_dir

DEFAULT_DIR = "svdocs-demo"


@dataclass
class DemoResult:
    out_dir: Path
    written: list[Path] = field(default_factory=list)
    assembled_findings: int = 0  # mission-category findings in the assembled documents
    draft_summary: dict = field(default_factory=dict)


def choose_out_dir(out: Path | None, *, force: bool = False) -> Path:
    """A new folder: ``out`` if given (empty or absent, or any with ``force``), else the first
    free one of ``svdocs-demo``, ``svdocs-demo-2``, ... in the current folder."""
    if out is not None:
        if out.exists() and not out.is_dir():
            raise OutputError("exists and is not a folder", str(out))
        if out.is_dir() and any(out.iterdir()) and not force:
            raise OutputError("folder is not empty (use --force to write into it)", str(out))
        return out
    n = 1
    while True:
        candidate = Path(DEFAULT_DIR if n == 1 else f"{DEFAULT_DIR}-{n}")
        if not candidate.exists():
            return candidate
        n += 1


def run_demo(out: Path | None = None, *, force: bool = False,
             echo: Callable[[str], None] = print) -> DemoResult:
    """Assemble the sample briefs, lint the sample drafts and the assembled output."""
    # deferred: start-up: loaded only by this command
    from svdocs.assembly import assemble, write_outputs
    from svdocs.assembly.brief import load_brief  # deferred: start-up: loaded only by this command

    # deferred: start-up: a renderer loads when its format is asked for
    from svdocs.reporters import write_report
    from svdocs.workflow.batch import lint_paths  # deferred: start-up: loaded only by this command

    out_dir = choose_out_dir(out, force=force)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = DemoResult(out_dir=out_dir)
    samples = samples_dir()

    echo(f"svdocs demo: writing into {out_dir}/")
    echo("")
    echo("1. Assembling the sample briefs")
    assembled: list[Path] = []
    for brief_path in sorted((samples / "briefs").glob("*.yml")):
        brief = load_brief(brief_path)
        target = out_dir / "assembled" / brief_path.stem
        files = write_outputs(assemble(brief), target, ("docx", "md", "html"), force=force)
        assembled.extend(files)
        result.written.extend(files)
        echo(f"   {brief_path.name}: {len(files)} files in {target}/")

    echo("")
    echo("2. Linting the assembled documents in every format (they should pass)")
    config = LintConfig()
    own = lint_paths([p for p in assembled if p.suffix in {".docx", ".md", ".html"}], config)
    result.assembled_findings = sum(1 for f in own.findings if f.category in CATEGORIES)
    echo(f"   {len(own.files)} documents, {result.assembled_findings} findings in "
         f"{', '.join(CATEGORIES)}")

    echo("")
    echo("3. Linting the sample drafts")
    drafts = sorted(p for p in (samples / "drafts").iterdir()
                    if p.is_file() and p.suffix in {".docx", ".md", ".txt", ".html", ".pdf"})
    report = lint_paths(drafts, config, keep_documents=True)
    summary = report.summary()
    result.draft_summary = summary
    lint_dir = out_dir / "lint"
    for fmt, name in (("text", "report.txt"), ("json", "report.json"),
                      ("sarif", "report.sarif"), ("html", "report.html")):
        path = write_report(report, fmt, lint_dir / name, force=force)
        result.written.append(path)
    # deferred: start-up: a renderer loads when its format is asked for
    from svdocs.reporters.annotate import annotate_docx

    for fr in report.files:
        if fr.path.endswith(".docx") and fr.document is not None and fr.findings:
            reviewed = annotate_docx(Path(fr.path), fr.findings, lint_dir, force=force)
            result.written.append(reviewed)
    for fr in report.files:
        counts = {c: sum(f.category == c for f in fr.active) for c in CATEGORIES}
        shown = ", ".join(f"{n} {c}" for c, n in counts.items() if n) or "no findings"
        echo(f"   {Path(fr.path).name}: {shown}")
    echo(f"   reports: {', '.join(str(lint_dir / n) for n in ('report.txt', 'report.html'))}")

    echo("")
    echo(f"Wrote {len(result.written)} files under {out_dir}/:")
    by_folder: dict[Path, list[str]] = {}
    for path in result.written:
        by_folder.setdefault(path.parent, []).append(path.name)
    for folder, names in by_folder.items():
        echo(f"   {folder}/: {', '.join(names)}")
    echo("")
    echo("Next: open the .docx files in Word or LibreOffice, the HTML report in a browser,")
    echo("and try `svdocs lint YOUR-DRAFT.docx` on a document of your own.")
    return result
