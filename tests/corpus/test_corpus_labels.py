"""The labelled evaluation corpus is well formed and its labels point at real sentences.

`svdocs eval` (and anyone measuring the linter) trusts these files, so a typo in a `match`
string or a sidecar with a wrong category would silently distort precision and recall.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from labelled_corpus import (
    assert_each,
    count_sentences,
    documents,
    label_rows,
    load_labels,
    plain_blocks,
    sidecar,
)

from svdocs.core.model import CATEGORIES
from svdocs.readers import read_document

CORPUS = Path(__file__).parent.parent / "eval_corpus"
DOCS = documents(CORPUS)


def test_corpus_is_large_enough_and_mixes_formats() -> None:
    assert len(DOCS) >= 70
    by_ext = Counter(p.suffix for p in DOCS)
    assert by_ext[".md"] >= 40 and by_ext[".txt"] >= 10 and by_ext[".html"] >= 5


def test_every_file_in_the_corpus_belongs_to_a_pair() -> None:
    expected = {sidecar(d).name for d in DOCS} | {d.name for d in DOCS} | {"README.md"}
    stray = sorted(p.name for p in CORPUS.iterdir() if p.name not in expected)
    assert stray == []
    missing = [d.name for d in DOCS if not sidecar(d).is_file()]
    assert missing == []


def test_each_category_has_enough_labels_and_clean_documents_exist() -> None:
    counts: Counter[str] = Counter()
    clean = 0
    for doc in DOCS:
        findings = load_labels(doc)["findings"]
        clean += not findings
        counts.update(f["category"] for f in findings)
    assert counts["vague-commitment"] >= 40
    assert counts["missing-evidence"] >= 20
    assert counts["missing-consequence"] >= 15
    assert clean >= 25  # documents that must produce no mission-category finding


def _labels_are_well_formed_and_point_at_the_text(doc: Path) -> None:
    data = load_labels(doc)
    assert set(data) == {"description", "findings"}
    assert isinstance(data["description"], str) and 10 < len(data["description"]) < 200
    assert isinstance(data["findings"], list)
    blocks = [b.lower() for b in plain_blocks(doc)]
    assert 3 <= count_sentences(blocks) <= 25, "a mini-document has 3-25 sentences"
    seen: set[tuple[str, str | None]] = set()
    for item in data["findings"]:
        assert set(item) <= {"category", "match"}
        assert item["category"] in CATEGORIES
        match = item.get("match")
        key = (item["category"], match)
        if match is None:
            # only the document-level category may omit match, and only once per document
            assert item["category"] == "missing-consequence"
        else:
            assert match == match.strip() and len(match) >= 8
            # each match sits inside one block (a sentence, list item or table cell)
            hits = [b for b in blocks if match.lower() in b]
            assert hits, f"{match!r} is not in {doc.name}"
        assert key not in seen, f"duplicate label {key}"
        seen.add(key)


def test_labels_are_well_formed_and_point_at_the_text() -> None:
    assert_each(DOCS, _labels_are_well_formed_and_point_at_the_text)


def _each_match_selects_one_sentence(doc: Path) -> None:
    """A match must not be ambiguous: it names exactly one sentence of the document."""
    blocks = [b.lower() for b in plain_blocks(doc)]
    sentences = [s for b in blocks for s in re.split(r"(?<=[.;?!])\s+(?=[a-z(\"])", b)]
    for item in load_labels(doc)["findings"]:
        if "match" in item:
            hits = [s for s in sentences if item["match"].lower() in s]
            assert len(hits) == 1, f"{item['match']!r} matches {len(hits)} sentences"


def test_each_match_selects_one_sentence() -> None:
    assert_each(DOCS, _each_match_selects_one_sentence)


def test_readers_keep_every_match_inside_one_block() -> None:
    """Read with svdocs' own readers: every match must fall inside a single block's text."""
    problems = []
    for doc in DOCS:
        document = read_document(doc)
        texts = [re.sub(r"\s+", " ", b.text).lower() for b in document.blocks]
        for item in load_labels(doc)["findings"]:
            match = item.get("match")
            if match and not any(match.lower() in t for t in texts):
                problems.append(f"{doc.name}: {match!r}")
    assert problems == []


def test_readme_counts_match_the_corpus() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert f"{len(DOCS)} mini-documents" in readme
    for row in label_rows(DOCS):
        assert row in readme, row
