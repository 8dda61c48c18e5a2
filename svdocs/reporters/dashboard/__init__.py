"""The corpus dashboard of ``svdocs report``: :mod:`.data` counts, :mod:`.page` draws."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from svdocs.reporters.dashboard.data import CorpusStats, corpus_stats, load_meta


def build_dashboard(entries: Iterable[Mapping[str, Any]], *, meta: Mapping[str, str] | None = None,
                    group_label: str = "folder", title: str = "svdocs corpus dashboard",
                    source: str = "") -> tuple[str, CorpusStats]:
    """The dashboard page for the file entries of a results file, and its numbers."""
    # deferred: start-up: loaded when its format is asked for
    from svdocs.reporters.dashboard.page import render_dashboard

    stats = corpus_stats(entries, meta=meta, group_label=group_label)
    return render_dashboard(stats, title=title, source=source), stats


__all__ = ["CorpusStats", "build_dashboard", "corpus_stats", "load_meta"]
