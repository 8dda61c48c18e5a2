"""Helpers shared by the tests of the two labelled corpora (tests/eval_corpus, the one the
linter is tuned on, and tests/eval_heldout, which it is not): listing documents, finding
sidecars and reading a document's plain text the way an annotator sees it."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import yaml

DOC_EXTENSIONS = {".md", ".txt", ".html"}


def documents(folder: Path) -> list[Path]:
    """The labelled documents of a corpus folder (its README is not one)."""
    return sorted(
        p for p in folder.iterdir() if p.suffix in DOC_EXTENSIONS and p.name != "README.md"
    )


def sidecar(doc: Path) -> Path:
    return doc.with_name(doc.name[: -len(doc.suffix)] + ".expected.yml")


def load_labels(doc: Path) -> dict:
    return yaml.safe_load(sidecar(doc).read_text(encoding="utf-8"))


def plain_blocks(doc: Path) -> list[str]:
    """The document's text as blocks (paragraphs, list items, table cells), markup removed."""
    raw = doc.read_text(encoding="utf-8")
    if doc.suffix == ".html":
        raw = re.sub(r"<(title|head)[^>]*>.*?</\1>", "", raw, flags=re.S | re.I)
        parts = re.split(r"<(?:p|li|h\d|td|th|tr)\b[^>]*>", raw)
        blocks = [html.unescape(re.sub(r"<[^>]+>", " ", p)) for p in parts]
    else:
        blocks = []
        for para in re.split(r"\n\s*\n", raw):
            if para.lstrip().startswith("|"):
                for row in para.splitlines():
                    blocks.extend(row.strip().strip("|").split("|"))
            else:
                blocks.append(para)
    cleaned = [re.sub(r"\s+", " ", re.sub(r"^#+\s*|[*_`]", "", b)).strip() for b in blocks]
    return [b for b in cleaned if b and not re.fullmatch(r"[-:| ]+", b)]


def count_sentences(blocks: list[str]) -> int:
    """Sentences as a reader counts them: each block, split after . ; ? ! before a capital."""
    return sum(len(re.split(r"(?<=[.;?!])\s+(?=[A-Z(\"])", b)) for b in blocks)


def label_rows(docs: list[Path]) -> list[str]:
    """The README table rows a corpus's labels give: "| `category` | labels | documents |"."""
    from collections import Counter

    from svdocs.core.model import CATEGORIES

    labels: Counter[str] = Counter()
    docs_with: Counter[str] = Counter()
    for doc in docs:
        findings = load_labels(doc)["findings"]
        labels.update(f["category"] for f in findings)
        docs_with.update({f["category"] for f in findings})
    return [f"| `{c}` | {labels[c]} | {docs_with[c]} |" for c in CATEGORIES]


def assert_each(docs: list[Path], check: Callable[[Path], None]) -> None:
    """Run ``check`` on every document of a labelled set and fail once, naming each document
    that fails and why: a set's labels are checked as a whole, not as one test per file."""
    assert docs, "the set has no documents"
    problems = []
    for doc in docs:
        try:
            check(doc)
        except AssertionError as exc:
            problems.append(f"{doc.name}: {exc}")
    assert not problems, "\n".join(problems)
