"""Reporters turn a :class:`svdocs.core.results.Report` into text, JSON, SARIF or an HTML page.

>>> from svdocs.reporters import render
>>> render(report, "sarif", rules=linter.rules)        # doctest: +SKIP

``rules`` (the lint rules, for SARIF's rule descriptions and the HTML summary) is optional:
without it each rule is described from its findings.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from svdocs.core.outputs import write_text_atomic
from svdocs.core.results import Report
from svdocs.core.rules import META_RULES, load_rules

FORMATS: tuple[str, ...] = ("text", "json", "sarif", "html")
#: Formats written a file at a time as results arrive (``svdocs lint --format jsonl``); an
#: empty report is an empty file. :func:`render` takes them too.
STREAM_FORMATS: tuple[str, ...] = ("jsonl",)


def render(report: Report, fmt: str = "text", *, rules: Sequence[Any] | None = None,
           color: bool = False, root: Path | None = None, explain: bool = False) -> str:
    """The report in format ``fmt`` (one of :data:`FORMATS` or :data:`STREAM_FORMATS`) as a
    string.

    ``color`` and ``explain`` (each finding's reasoning) apply to the text format only; JSON
    and SARIF always carry the reasoning in ``properties``; ``root`` is the folder paths are
    shown relative to (default: the working folder).
    """
    # each format's module is imported when it is asked for
    if fmt == "text":
        # deferred: start-up: a renderer loads when its format is asked for
        from svdocs.reporters.text import render_text

        return render_text(report, color=color, root=root, explain=explain)
    if fmt == "json":
        # deferred: start-up: a renderer loads when its format is asked for
        from svdocs.reporters.json_report import render_json

        return render_json(report)
    if fmt == "sarif":
        # deferred: start-up: a renderer loads when its format is asked for
        from svdocs.reporters.sarif import render_sarif

        return render_sarif(report, rules, root=root)
    if fmt == "html":
        # deferred: start-up: a renderer loads when its format is asked for
        from svdocs.reporters.html_report import render_html

        return render_html(report, rules, root=root)
    if fmt == "jsonl":
        # deferred: start-up: loaded when its format is asked for
        from .jsonl import render_jsonl

        return render_jsonl(report)
    raise ValueError(f"unknown report format {fmt!r} (use {', '.join(FORMATS)})")


def rule_metadata(rule_dirs: Iterable[Path] = ()) -> list[Any] | None:
    """The shipped lint rules (plus those in ``rule_dirs``) and the suppression rules, for
    SARIF's rule descriptions and the HTML summary; ``None`` if they cannot be loaded."""
    try:
        return [*load_rules(extra_dirs=tuple(rule_dirs)), *META_RULES]
    except Exception:  # the reports still describe each rule from its findings
        return None


def write_report(report: Report, fmt: str, path: str | os.PathLike[str], *,
                 force: bool = False, rules: Sequence[Any] | None = None,
                 root: Path | None = None) -> Path:
    """Render ``report`` as ``fmt`` and write it to ``path`` atomically; an existing file is
    replaced only with ``force`` and a linted document never. Returns the path written."""
    if rules is None and fmt in ("sarif", "html"):
        rules = rule_metadata()
    text = render(report, fmt, rules=rules, root=root)
    return write_text_atomic(Path(path), text, force=force,
                             inputs=[Path(fr.path) for fr in report.files])


_RENDERERS = {
    "render_text": "text",
    "render_json": "json_report",
    "render_sarif": "sarif",
    "render_html": "html_report",
    "render_jsonl": "jsonl",
}


def __getattr__(name: str) -> Any:
    """``svdocs.reporters.render_html`` and the other renderers, imported on first use."""
    if name in _RENDERERS:
        # deferred: start-up: a renderer loads when its format is asked for
        from importlib import import_module

        return getattr(import_module(f".{_RENDERERS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FORMATS", "STREAM_FORMATS", "render", "render_html", "render_json", "render_jsonl",
           "render_sarif", "render_text", "rule_metadata", "write_report"]
