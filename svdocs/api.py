"""The Python API: lint and assemble without the command line and without writing files.

>>> import svdocs
>>> report = svdocs.lint("The Supplier will endeavour to support local employment.")
>>> [f.category for f in report.findings]          # doctest: +SKIP
['vague-commitment', ...]
>>> result = svdocs.assemble("samples/briefs/council-social-prescribing.yml")  # doctest: +SKIP

Both are re-exported as :func:`svdocs.lint` and :func:`svdocs.assemble`; heavy modules
(spaCy, python-docx) load on first use, not on ``import svdocs``.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from svdocs.core.config import LintConfig, apply_overrides, load_config
from svdocs.core.errors import InputError
from svdocs.core.resources import clause_library_dir
from svdocs.core.results import FileResult, Report
from svdocs.core.rules import Rule, load_rules
from svdocs.core.rules import find_rule as find_loaded_rule
from svdocs.library.schema import STAGES, THEMES
from svdocs.reporters import FORMATS as REPORT_FORMAT_NAMES

if TYPE_CHECKING:
    from svdocs.assembly import AssemblyResult
    from svdocs.assembly.brief import Brief
    from svdocs.audit.compare import FileAudit
    from svdocs.core.model import Commitment
    from svdocs.library.clause import Clause
    from svdocs.library.loader import Library
    from svdocs.workflow.corpus import CorpusPlan
    from svdocs.workflow.demo import DemoResult
    from svdocs.workflow.evaluate import Evaluation
    from svdocs.workflow.judge_training import TrainingReport
    from svdocs.workflow.reviewed_copies import ReviewedCopies

__all__ = [
    "REPORT_FORMATS",
    "STAGES",
    "TEXT_FORMATS",
    "THEMES",
    "assemble",
    "assembly_formats",
    "audit_file",
    "check_library",
    "clause_library_dir",
    "commitments",
    "corpus_dashboard",
    "demo",
    "evaluate",
    "expand_paths",
    "find_rule",
    "judge_model_dir",
    "lint",
    "lint_bytes",
    "lint_corpus",
    "lint_pack",
    "lint_settings",
    "lint_text",
    "load_brief",
    "load_library",
    "plan_corpus",
    "preview_clause",
    "render_audit",
    "render_report",
    "rules",
    "stream_corpus",
    "train_judge",
    "write_assembly",
    "write_baseline",
    "write_reviewed_copies",
]

#: The ``fmt`` values :func:`lint` accepts for text, and what the readers call them.
TEXT_FORMATS = {"text": "text", "txt": "text", "markdown": "markdown", "md": "markdown",
                "html": "html", "htm": "html"}
#: The path shown for text passed in directly.
TEXT_PATH = "<text>"

PathLike = str | os.PathLike[str]

# The heavy parts (spaCy, python-docx, the readers and writers) are imported inside the
# functions below, on first use, so that ``import svdocs`` and ``svdocs --help`` stay quick.


def _config(config: LintConfig | PathLike | None) -> LintConfig:
    if config is None:
        return LintConfig()
    if isinstance(config, LintConfig):
        return config
    return load_config(Path(config))


def _looks_like_path(value: str) -> bool:
    """Whether a string names a file rather than being the text to lint."""
    if "\n" in value or not value.strip():
        return False
    if Path(value).exists():
        return True
    if set("*?[") & set(value) and any(
            os.path.exists(m) for m in glob.glob(value, recursive=True)):
        return True
    from svdocs.workflow.paths import supported_extensions  # deferred: start-up

    suffix = Path(value).suffix.lower()
    return suffix in supported_extensions() and not any(ch.isspace() for ch in value)


def lint(
    path_or_text: PathLike | Iterable[PathLike],
    *,
    fmt: str | None = None,
    config: LintConfig | PathLike | None = None,
    jobs: int = 1,
    baseline: PathLike | None = None,
    keep_documents: bool = True,
    progress: bool = False,
) -> Report:
    """Lint files or text and return the :class:`svdocs.core.results.Report`.

    ``path_or_text`` is a path (``str`` or :class:`~pathlib.Path`; a file, a folder searched
    recursively, or a glob), a list of paths, or the text itself. A string is taken as text
    when ``fmt`` is given ("text", "markdown" or "html"), when it has a line break, or when
    it does not look like a file name; otherwise it is a path. ``config`` is a
    :class:`LintConfig` or the path of a config file (``None``: the defaults, no search).
    ``baseline`` is a baseline file made by ``--write-baseline``. Findings are in
    ``report.findings`` (suppressed ones stay on ``report.files[i].findings`` with their
    reason); each :class:`FileResult` keeps its Document when ``keep_documents``.
    ``progress`` prints a line per file on standard error when it is a terminal.
    """
    cfg = _config(config)
    from svdocs.workflow.batch import lint_paths  # deferred: start-up

    if isinstance(path_or_text, str) and (fmt is not None or not _looks_like_path(path_or_text)):
        return lint_text(path_or_text, fmt=fmt or "text", config=cfg,
                         keep_documents=keep_documents)
    if isinstance(path_or_text, (str, os.PathLike)):
        paths: list[PathLike] = [path_or_text]
    else:
        paths = list(path_or_text)
    return lint_paths(paths, cfg, jobs=jobs, baseline=baseline, keep_documents=keep_documents,
                      progress=progress)


def lint_pack(paths: PathLike | Iterable[PathLike], *,
              config: LintConfig | PathLike | None = None,
              keep_documents: bool = True) -> Report:
    """Lint the documents of a tender pack (a folder, files or globs) as one tender.

    Each document is judged with the pack's scope: evidence, remedies and definitions in
    another document of the pack cover what they name. The pack's consistency findings
    (category ``pack-consistency``) sit with the document they point at, with ``related``
    locations in the others; ``report.pack`` holds the documents, each theme's chain (ITT
    question, commitment, KPI, evidence, remedy) and the references between documents.
    Of two files of one document (``x.md`` and ``x.docx``), one is read.
    """
    from svdocs.workflow.pack.lint import lint_pack as run_pack  # deferred: loads spaCy

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return run_pack(list(paths), _config(config), keep_documents=keep_documents)


def lint_text(text: str, *, fmt: str = "text", config: LintConfig | None = None,
              keep_documents: bool = True) -> Report:
    """Lint a string of plain text, Markdown or HTML (``fmt``); nothing is read or written."""
    reader_fmt = TEXT_FORMATS.get(fmt.lower())
    if reader_fmt is None:
        raise InputError(f"unknown text format {fmt!r} (use text, markdown or html)")
    from svdocs.readers import read_text  # deferred: start-up
    from svdocs.workflow.batch import lint_document  # deferred: loads spaCy

    doc = read_text(text, fmt=reader_fmt, path=None)
    if doc.path is None:
        doc.path = TEXT_PATH
    findings = lint_document(doc, _config(config))
    result = FileResult(path=TEXT_PATH, findings=findings, warnings=list(doc.warnings),
                        document=doc if keep_documents else None)
    return Report(files=[result])


def lint_settings(config_path: PathLike | None = None, *, start: PathLike | None = None,
                  scope: str | None = None, fail_on: str | None = None,
                  rule_dirs: Iterable[PathLike] = (), parts: str | None = None,
                  judge: str | None = None) -> LintConfig:
    """The settings a lint run uses: ``config_path``, or the config file found upwards from
    ``start`` (``svdocs.toml``, ``[tool.svdocs]``), with the options given laid over it."""
    config = load_config(Path(config_path) if config_path is not None else None,
                         start=Path(start) if start is not None else None)
    return apply_overrides(config, scope=scope, fail_on=fail_on,
                           rule_dirs=[Path(d) for d in rule_dirs], parts=parts, judge=judge)


def expand_paths(paths: Iterable[PathLike]) -> list[Path]:
    """The files a list of paths, folders and glob patterns names, sorted, without duplicates."""
    from svdocs.workflow.paths import expand_paths as expand  # deferred: start-up

    return expand(paths)


#: The report formats :func:`render_report` writes.
REPORT_FORMATS = REPORT_FORMAT_NAMES


def render_report(report: Report, fmt: str = "text", *, rule_dirs: Iterable[PathLike] = (),
                  color: bool = False, explain: bool = False) -> str:
    """The report as text, JSON, SARIF or HTML (``fmt``, one of :data:`REPORT_FORMATS`); SARIF
    and HTML describe the rules, the extra ``rule_dirs`` included; ``explain`` adds each
    finding's reasoning to the text report (the commitment's parts, found where or missing)."""
    from svdocs.reporters import render, rule_metadata  # deferred: start-up

    rules = rule_metadata([Path(d) for d in rule_dirs]) if fmt in ("sarif", "html") else None
    return render(report, fmt, rules=rules, color=color, explain=explain)


def plan_corpus(paths: Iterable[str], **options: Any) -> CorpusPlan | None:
    """Check the options of a corpus run (``--engine dask``, ``--scheduler``, URLs,
    ``--files-from``, ``--format jsonl``, ``--resume``, ``--timeout``) before any work; ``None``
    when they ask for an ordinary local run. See :func:`svdocs.workflow.corpus.plan_corpus`."""
    from svdocs.workflow.corpus import plan_corpus as plan  # deferred: start-up

    return plan(list(paths), **options)


def lint_corpus(plan: CorpusPlan, config: LintConfig) -> Report:
    """Run a planned corpus run and return the whole Report, in input order (the same
    findings, order and fingerprints as a local run)."""
    from svdocs.workflow.corpus import corpus_report  # deferred: Dask, only when asked for

    return corpus_report(plan.names, config, plan.options, baseline=plan.baseline)


def stream_corpus(plan: CorpusPlan, config: LintConfig, *, output: PathLike | None = None,
                  resume: PathLike | None = None, force: bool = False) -> int:
    """Run a planned corpus run writing one JSON line per file as it is done (to ``output``,
    or standard output); with ``resume`` add to that results file. Returns the exit code."""
    from svdocs.workflow.corpus import stream_jsonl  # deferred: Dask, only when asked for

    return stream_jsonl(plan.names, config, plan.options,
                        output=Path(output) if output is not None else None,
                        resume=Path(resume) if resume is not None else None, force=force,
                        baseline=plan.baseline)


def corpus_dashboard(results: PathLike, *, meta_csv: PathLike | None = None,
                     group_by: str | None = None, title: str = "svdocs corpus dashboard"
                     ) -> tuple[str, Any]:
    """The corpus dashboard page (self-contained HTML) for a JSONL results file or a JSON
    report, grouped by folder or by ``group_by``, a column of ``meta_csv``; and its figures."""
    from svdocs.reporters.dashboard import build_dashboard, load_meta  # deferred: plotly
    from svdocs.reporters.dashboard.page import PlotlyMissing  # deferred: plotly
    from svdocs.reporters.jsonl import read_results  # deferred: start-up

    path = Path(results)
    meta = load_meta(str(meta_csv), group_by) if meta_csv and group_by else None
    try:
        return build_dashboard(read_results(path), meta=meta, group_label=group_by or "folder",
                               title=title, source=path.name)
    except PlotlyMissing as exc:
        raise InputError(str(exc)) from None


def write_reviewed_copies(report: Report, out_dir: PathLike, *, force: bool = False,
                          suggest: bool = False) -> ReviewedCopies:
    """Write ``DIR/<name>.reviewed.docx`` for each Word file of ``report`` (linted with
    ``keep_documents``), every finding a Word comment on its words; with ``suggest`` also a
    tracked change replacing weak wording by the library clause that fixes it."""
    from svdocs.workflow.reviewed_copies import (  # deferred: loads python-docx
        write_reviewed_copies as write,
    )

    return write(report, Path(out_dir), force=force, suggest=suggest)


def write_baseline(report: Report, path: PathLike, *, force: bool = False) -> Path:
    """Record the report's active findings in a baseline file (``--write-baseline``)."""
    from svdocs.workflow.baseline import write_baseline as write  # deferred: start-up

    return write(report, path, force=force)


def evaluate(directory: PathLike, config: LintConfig | None = None) -> Evaluation:
    """Lint a labelled corpus folder (``<name>.expected.yml`` sidecars) and score it."""
    from svdocs.workflow.evaluate import evaluate_dir  # deferred: loads spaCy

    return evaluate_dir(Path(directory), config)


def train_judge(requirements: Iterable[PathLike], commitments: Iterable[PathLike],
                output: PathLike, *, epochs: int | None = None, seed: int | None = None,
                force: bool = False) -> TrainingReport:
    """Train the statistical judge on labelled folders (``*.labels.yml``) and write it to
    ``output`` (see :mod:`svdocs.workflow.judge_training` and docs/model-card.md)."""
    from svdocs.workflow import judge_training  # deferred: loads spaCy

    return judge_training.train_judge(
        [Path(p) for p in requirements], [Path(p) for p in commitments], Path(output),
        epochs=judge_training.EPOCHS if epochs is None else epochs,
        seed=judge_training.SEED if seed is None else seed, force=force)


def judge_model_dir() -> Path:
    """Where the shipped judge model lives (``svdocs train`` writes here by default)."""
    from svdocs.linter.judge.model_judge import MODEL_DIR  # deferred: loads spaCy

    return MODEL_DIR


def demo(out: PathLike | None = None, *, force: bool = False,
         echo: Callable[[str], None] = print) -> DemoResult:
    """Assemble the sample briefs and lint the sample drafts into a new folder."""
    from svdocs.workflow.demo import run_demo  # deferred: loads everything

    return run_demo(Path(out) if out is not None else None, force=force, echo=echo)


def rules(rule_dirs: Iterable[PathLike] = ()) -> list[Rule]:
    """Every lint rule: the shipped ones, then those in ``rule_dirs``."""
    return load_rules(tuple(Path(d) for d in rule_dirs))


def find_rule(rule_id: str, rule_dirs: Iterable[PathLike] = ()) -> Rule | None:
    """The rule called ``rule_id`` (an id or a unique prefix), or ``None``."""
    return find_loaded_rule(rule_id, rules(rule_dirs))


def load_library(folder: PathLike | None = None) -> Library:
    """The clause library in ``folder`` (``None``: the library shipped with svdocs)."""
    from svdocs.library import load_library as load  # deferred: start-up

    return load(Path(folder) if folder is not None else None)


def preview_clause(clause: Clause, alternative: str | None = None, *, raw: bool = False
                   ) -> tuple[str, list[Commitment]]:
    """A library clause's text (rendered with its default values for a sample brief, or the
    template itself when ``raw``) and the commitments it creates."""
    from svdocs.library import SAMPLE_BRIEF  # deferred: start-up
    from svdocs.library.loader import default_values  # deferred: start-up

    values = default_values(clause)
    body = (clause.body_source(alternative) if raw
            else clause.render_body(values, SAMPLE_BRIEF, alternative))
    return body, clause.render_commitments(values, SAMPLE_BRIEF)


def audit_file(path: PathLike, library: Library | None = None) -> FileAudit:
    """Compare each library clause marked in an assembled DOCX, Markdown or HTML file with the
    library: unchanged, edited, outdated or unknown, and the text that is in no clause."""
    from svdocs.audit import audit_file as audit  # deferred: start-up

    return audit(Path(path), library)


def render_audit(files: list[FileAudit], fmt: str = "text") -> str:
    """Audit results as text, JSON or HTML."""
    from svdocs.audit.report import render  # deferred: start-up

    return render(files, fmt)


def check_library(folder: PathLike | None = None) -> list[str]:
    """Every problem of a clause library, one line each (empty: none)."""
    from svdocs.library import check_library as check  # deferred: start-up

    return check(Path(folder) if folder is not None else clause_library_dir())


def lint_bytes(data: bytes, name: str, *, config: LintConfig | None = None,
               keep_documents: bool = True) -> Report:
    """Lint the bytes of one file (an upload), read by the extension of ``name``, which is
    only shown (as the report's path), never opened. The result equals :func:`lint` on a
    file called ``name`` with the same bytes; an unreadable input raises :class:`InputError`
    (or :class:`~svdocs.core.errors.LimitExceeded`) instead of becoming a FileResult error."""
    from svdocs.readers import read_bytes  # deferred: start-up
    from svdocs.workflow.batch import lint_document  # deferred: loads spaCy

    doc = read_bytes(data, Path(name).suffix or ".txt", path=name)
    doc.path = name
    findings = lint_document(doc, _config(config))
    result = FileResult(path=name, findings=findings, warnings=list(doc.warnings),
                        document=doc if keep_documents else None)
    return Report(files=[result])


def commitments(document: Any, *, config: LintConfig | None = None) -> list[Any]:
    """The commitments the linter recovers from a read Document, with the parts it found
    for each (target, deadline, evidence, consequence...)."""
    from svdocs.workflow.batch import cached_linter  # deferred: loads spaCy

    linter = cached_linter(_config(config))
    return list(linter.commitments(document))


def assemble(brief: PathLike | Mapping[str, Any] | Any, *,
             library: PathLike | Any | None = None, notes: bool | None = None
             ) -> AssemblyResult:
    """Assemble the documents a brief asks for and return the assembly result.

    ``brief`` is the path of a brief YAML file, a dict with the same content, or a loaded
    brief; ``library`` is a clause library folder or a loaded library (``None``: the shipped
    library); ``notes`` keeps drafting notes in the Markdown and HTML. The result holds the
    documents by kind and the commitments; nothing is written (see :func:`write_assembly`).
    """
    from svdocs.assembly import assemble as run_assembly  # deferred: start-up
    from svdocs.assembly import brief as brief_mod  # deferred: start-up

    lib = library
    if library is None or isinstance(library, (str, os.PathLike)):
        lib = load_library(library)
    if isinstance(brief, (str, os.PathLike)):
        loaded = brief_mod.load_brief(Path(brief), lib)
    elif isinstance(brief, Mapping):
        loaded = brief_mod.brief_from_dict(_plain(brief), library=lib)
    else:
        loaded = brief
    return run_assembly(loaded, library=lib, notes=notes)


def load_brief(path: PathLike, library: Library | None = None) -> Brief:
    """Read and validate a brief file; every problem at once as a :class:`ValidationError`
    (given the ``library``, also what the rules of selection find)."""
    from svdocs.assembly.brief import load_brief as load  # deferred: start-up

    return load(Path(path), library)


def assembly_formats(spec: str | Iterable[str]) -> list[str]:
    """``"docx,md"`` -> the canonical output format names; an unknown one is an InputError."""
    from svdocs.assembly import parse_formats  # deferred: start-up

    return parse_formats(spec)


def write_assembly(result: AssemblyResult, out_dir: PathLike,
                   formats: str | Iterable[str] = "docx,md,html", *, force: bool = False
                   ) -> list[Path]:
    """Write every assembled document in every format, and ``commitments.json``: all or none."""
    from svdocs.assembly import parse_formats, write_outputs  # deferred: loads the writers

    return write_outputs(result, Path(out_dir), parse_formats(formats), force=force)


def _plain(value: Any) -> Any:
    """A brief mapping with ``datetime.date`` values written as ISO dates, as in a YAML file."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value
