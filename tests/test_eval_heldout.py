"""The held-out evaluation set is well formed and its labels point at real sentences.

`tests/eval_heldout/` was written without looking at the linter, to measure it on text it was
not tuned on. These tests check only its structure (pairing, categories, sizes, that each
`match` names exactly one sentence and one block as svdocs reads the document); they assert no
accuracy threshold, because the set exists to report honest figures, not to be passed.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from labelled_corpus import count_sentences, documents, load_labels, plain_blocks, sidecar

from svdocs.model import CATEGORIES
from svdocs.readers import read_document

HELDOUT = Path(__file__).parent / "eval_heldout"
TUNED = Path(__file__).parent / "eval_corpus"


def sentences_of(doc: Path) -> list[str]:
    blocks = [b.lower() for b in plain_blocks(doc)]
    return [s for b in blocks for s in re.split(r"(?<=[.;?!])\s+(?=[a-z(\"])", b)]


DOCS = documents(HELDOUT)


def test_heldout_set_is_large_and_mixes_formats() -> None:
    assert len(DOCS) >= 40
    by_ext = Counter(p.suffix for p in DOCS)
    assert by_ext[".md"] >= 20 and by_ext[".txt"] >= 8 and by_ext[".html"] >= 4


def test_every_file_belongs_to_a_pair() -> None:
    expected = {sidecar(d).name for d in DOCS} | {d.name for d in DOCS} | {"README.md"}
    stray = sorted(p.name for p in HELDOUT.iterdir() if p.name not in expected)
    assert stray == []
    assert [d.name for d in DOCS if not sidecar(d).is_file()] == []


def test_heldout_names_do_not_reuse_tuned_corpus_names() -> None:
    tuned = {p.name.split(".")[0] for p in TUNED.glob("*.expected.yml")}
    assert sorted({d.name.split(".")[0] for d in DOCS} & tuned) == []


def test_heldout_text_is_not_copied_from_the_tuned_corpus() -> None:
    """A held-out set that repeats tuned sentences would overstate the linter's accuracy."""
    tuned_docs = documents(TUNED)
    tuned_sentences = {s for p in tuned_docs for s in sentences_of(p) if len(s) >= 40}
    copied = [(d.name, s) for d in DOCS for s in sentences_of(d) if s in tuned_sentences]
    assert copied == []


def test_every_category_is_represented_and_clean_documents_exist() -> None:
    counts: Counter[str] = Counter()
    clean = 0
    for doc in DOCS:
        findings = load_labels(doc)["findings"]
        clean += not findings
        counts.update(f["category"] for f in findings)
    assert all(counts[c] >= 8 for c in CATEGORIES), counts
    assert clean >= 15


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_labels_are_well_formed(doc: Path) -> None:
    data = load_labels(doc)
    assert set(data) == {"description", "findings"}
    assert isinstance(data["description"], str) and 10 < len(data["description"]) < 200
    assert isinstance(data["findings"], list)
    assert 3 <= count_sentences([b.lower() for b in plain_blocks(doc)]) <= 25
    seen: set[tuple[str, str | None]] = set()
    for item in data["findings"]:
        assert set(item) <= {"category", "match"}
        assert item["category"] in CATEGORIES
        match = item.get("match")
        if match is None:
            assert item["category"] == "missing-consequence"
        else:
            assert isinstance(match, str) and match == match.strip() and len(match) >= 8
        key = (item["category"], match)
        assert key not in seen, f"duplicate label {key}"
        seen.add(key)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_each_match_names_exactly_one_sentence(doc: Path) -> None:
    sentences = sentences_of(doc)
    for item in load_labels(doc)["findings"]:
        if "match" in item:
            hits = [s for s in sentences if item["match"].lower() in s]
            assert len(hits) == 1, f"{item['match']!r} matches {len(hits)} sentences"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_each_match_falls_in_exactly_one_block_as_svdocs_reads_it(doc: Path) -> None:
    texts = [re.sub(r"\s+", " ", b.text).lower() for b in read_document(doc).blocks]
    for item in load_labels(doc)["findings"]:
        if "match" in item:
            hits = [t for t in texts if item["match"].lower() in t]
            assert len(hits) == 1, f"{item['match']!r} is in {len(hits)} blocks"


def test_readme_states_counts_and_that_the_set_is_held_out() -> None:
    readme = (HELDOUT / "README.md").read_text(encoding="utf-8")
    assert "do not tune the linter on it" in readme
    assert f"{len(DOCS)} mini-documents" in readme
    labels: Counter[str] = Counter()
    docs_with: Counter[str] = Counter()
    for doc in DOCS:
        findings = load_labels(doc)["findings"]
        labels.update(f["category"] for f in findings)
        docs_with.update({f["category"] for f in findings})
    for category in CATEGORIES:
        row = f"| `{category}` | {labels[category]} | {docs_with[category]} |"
        assert row in readme, row
