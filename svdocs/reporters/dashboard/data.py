"""The numbers behind the corpus dashboard, counted in one pass over a results file.

Every table is computed from the file entries a lint run wrote (``--format jsonl`` lines, or
a JSON report's ``files``); only per-document counts are kept, never the findings, so a
results file of any size can be summarised.

*Commitments* are derived from the findings, since the results do not list commitments that
passed: a commitment is one flagged sentence of one document (its path and text), and what
it lacks is the set of mission categories flagged on it (vague, no evidence, no
consequence). Its *theme* is the theme of the library clause a finding on it suggests
(``fix_clause``); where that clause is a governance one (remedies, reporting), it is the
first theme whose phrases (``rules/lexicons/themes.yml``) occur in the sentence, else
"unspecified".
"""

from __future__ import annotations

import csv
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from svdocs.core.errors import InputError
from svdocs.core.model import CATEGORIES
from svdocs.library import load_library
from svdocs.linter.nlp.lexicons import load_lexicons

#: What each mission category means for a commitment, in the dashboard's words.
LACKS = {
    "vague-commitment": "vague",
    "missing-evidence": "no evidence",
    "missing-consequence": "no consequence",
}
#: Library themes that say nothing about what a commitment is about.
_NOT_A_THEME = frozenset({"governance", "imperatives"})
UNSPECIFIED = "unspecified"
NOT_IN_META = "(not in the metadata)"
#: Rows of the ranking of documents shown in the chart and in its table.
TOP_DOCUMENTS = 30
TABLE_DOCUMENTS = 200


@dataclass
class DocCounts:
    path: str
    findings: int = 0
    error: str | None = None
    by_category: Counter[str] = field(default_factory=Counter)


@dataclass
class CorpusStats:
    """Everything the dashboard shows (see the module docstring)."""

    documents: int = 0
    unreadable: int = 0
    findings: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    docs_by_category: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    docs_by_rule: Counter[str] = field(default_factory=Counter)
    rule_category: dict[str, str] = field(default_factory=dict)
    rule_severity: dict[str, str] = field(default_factory=dict)
    by_severity: Counter[str] = field(default_factory=Counter)
    commitments: Counter[tuple[str, str]] = field(default_factory=Counter)  # (theme, lacks)
    docs: list[DocCounts] = field(default_factory=list)
    group_label: str = "folder"
    groups: dict[str, list[int]] = field(default_factory=dict)  # group -> doc indices

    @property
    def linted(self) -> int:
        """Documents that were read (the base of every share)."""
        return self.documents - self.unreadable

    def share(self, count: int) -> float:
        return count / self.linted if self.linted else 0.0

    def category_names(self) -> list[str]:
        """The mission categories first, then any other category seen, sorted."""
        return [*CATEGORIES, *sorted(c for c in self.by_category if c not in CATEGORIES)]

    def root(self) -> str:
        """The folder every local document is under (shown paths are relative to it)."""
        local = [d.path for d in self.docs if "://" not in d.path]
        if not local:
            return ""
        try:
            common = os.path.commonpath(local)
        except ValueError:  # absolute and relative paths mixed
            return ""
        if len(local) == 1 or common in local:
            common = os.path.dirname(common)
        return common

    def shown(self, path: str, root: str | None = None) -> str:
        """``path`` relative to :meth:`root` (URLs as they are)."""
        root = self.root() if root is None else root
        if root and "://" not in path and path.startswith(root.rstrip(os.sep) + os.sep):
            return path[len(root.rstrip(os.sep)) + 1:]
        return path

    def ranked(self) -> list[DocCounts]:
        """Documents by findings, most first (ties by path)."""
        return sorted((d for d in self.docs if d.error is None),
                      key=lambda d: (-d.findings, d.path))

    def group_rows(self) -> list[dict[str, Any]]:
        """One row per group: documents, unreadable, findings per read document, and the
        share of read documents with each category of gap; largest groups first."""
        rows = []
        for name, indices in self.groups.items():
            docs = [self.docs[i] for i in indices]
            read = [d for d in docs if d.error is None]
            row: dict[str, Any] = {
                "group": name, "documents": len(docs), "unreadable": len(docs) - len(read),
                "findings": sum(d.findings for d in read),
                "per_document": (sum(d.findings for d in read) / len(read)) if read else 0.0,
            }
            for cat in CATEGORIES:
                with_gap = sum(1 for d in read if d.by_category.get(cat))
                row[cat] = with_gap / len(read) if read else 0.0
            rows.append(row)
        return sorted(rows, key=lambda r: (-r["documents"], r["group"]))


class ThemeFinder:
    """The theme of a commitment from its findings (see the module docstring)."""

    def __init__(self, clause_themes: Mapping[str, str],
                 phrases: Mapping[str, Iterable[str]]) -> None:
        self.clause_themes = dict(clause_themes)
        self.patterns = [
            (theme, re.compile(r"\b(?:" + "|".join(re.escape(p.lower()) for p in words)
                               + r")", re.IGNORECASE))
            for theme, words in phrases.items() if theme != "general" and list(words)
        ]

    def theme(self, fix_clauses: Iterable[str | None], text: str) -> str:
        for clause in fix_clauses:
            theme = self.clause_themes.get(clause or "")
            if theme and theme not in _NOT_A_THEME:
                return theme
        for theme, pattern in self.patterns:
            if pattern.search(text):
                return theme
        return UNSPECIFIED


def default_theme_finder() -> ThemeFinder:
    return ThemeFinder(clause_themes(), theme_phrases())


def folder_of(path: str) -> str:
    """The folder a document is in (a URL's folder keeps its scheme)."""
    if "://" in path:
        scheme, rest = path.split("://", 1)
        parent = str(PurePosixPath(rest).parent)
        return f"{scheme}://{parent}"
    parent = os.path.dirname(path)
    return parent or "."


def load_meta(path: str, column: str) -> dict[str, str]:
    """``{document path: value of column}`` from a CSV with a ``path`` column (matched to the
    results' paths, or to their file names when no path matches)."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            fields = reader.fieldnames or []
            if "path" not in fields:
                raise InputError("the metadata CSV needs a 'path' column (found: "
                                 f"{', '.join(fields) or 'no header'})", path)
            if column not in fields:
                raise InputError(f"no column {column!r} in the metadata CSV (columns: "
                                 f"{', '.join(fields)})", path)
            return {row["path"]: (row.get(column) or "").strip() or "(blank)"
                    for row in reader if row.get("path")}
    except FileNotFoundError:
        raise InputError("no such metadata file", path) from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"cannot read the metadata CSV: {exc}", path) from None


def _group_key(path: str, meta: Mapping[str, str] | None,
               by_name: Mapping[str, str] | None) -> str:
    if meta is None:
        return folder_of(path)
    if path in meta:
        return meta[path]
    if by_name is not None:
        name = PurePosixPath(path.replace("\\", "/")).name
        if name in by_name:
            return by_name[name]
    return NOT_IN_META


def corpus_stats(entries: Iterable[Mapping[str, Any]], *,
                 themes: ThemeFinder | None = None,
                 meta: Mapping[str, str] | None = None,
                 group_label: str = "folder") -> CorpusStats:
    """Count everything the dashboard shows from the file entries of a results file."""
    themes = themes or default_theme_finder()
    stats = CorpusStats(group_label=group_label)
    by_name: dict[str, str] | None = None
    if meta is not None:
        by_name = {PurePosixPath(k.replace("\\", "/")).name: v for k, v in meta.items()}
    groups: dict[str, list[int]] = defaultdict(list)
    for entry in entries:
        path = str(entry["path"])
        doc = DocCounts(path=path, error=entry.get("error"))
        stats.documents += 1
        groups[_group_key(path, meta, by_name)].append(len(stats.docs))
        stats.docs.append(doc)
        if doc.error is not None:
            stats.unreadable += 1
            continue
        rules_here: set[str] = set()
        flagged: dict[str, tuple[set[str], list[str | None]]] = {}
        for f in entry.get("findings") or []:
            rule, cat = str(f.get("rule")), str(f.get("category"))
            stats.findings += 1
            doc.findings += 1
            doc.by_category[cat] += 1
            stats.by_category[cat] += 1
            stats.by_rule[rule] += 1
            stats.by_severity[str(f.get("severity"))] += 1
            stats.rule_category.setdefault(rule, cat)
            stats.rule_severity.setdefault(rule, str(f.get("severity")))
            rules_here.add(rule)
            if cat in LACKS:
                text = " ".join(str(f.get("text") or "").split())
                cats, clauses = flagged.setdefault(text, (set(), []))
                cats.add(cat)
                clauses.append(f.get("fix_clause"))
        for cat in doc.by_category:
            stats.docs_by_category[cat] += 1
        for rule in rules_here:
            stats.docs_by_rule[rule] += 1
        for text, (cats, clauses) in flagged.items():
            lacks = " + ".join(LACKS[c] for c in LACKS if c in cats)
            stats.commitments[(themes.theme(clauses, text), lacks)] += 1
    stats.groups = dict(groups)
    return stats


def clause_themes() -> dict[str, str]:
    """The social value theme of each clause of the shipped library, by clause id (what a
    finding's ``fix_clause`` names)."""
    return {clause.id: clause.theme for clause in load_library()}


def theme_phrases() -> dict[str, list[str]]:
    """The phrases that signal each social value theme (``rules/lexicons/themes.yml``)."""
    return load_lexicons().groups("themes", "themes")
