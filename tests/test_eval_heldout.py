"""The held-out evaluation sets are well formed and their labels point at real sentences.

`tests/eval_heldout/` and `tests/eval_heldout2/` were each written without looking at the
linter, to measure it on text it was not tuned on. These tests check only their structure
(pairing, categories, sizes, that each `match` names exactly one sentence and one block as svdocs
reads the document, that no text or name is shared with the tuned corpus or between the two
sets); they assert no accuracy threshold, because the sets exist to report honest figures, not
to be passed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from labelled_corpus import (
    count_sentences,
    documents,
    label_rows,
    load_labels,
    plain_blocks,
    sidecar,
)

from svdocs.model import CATEGORIES
from svdocs.readers import read_document

TESTS = Path(__file__).parent
TUNED = TESTS / "eval_corpus"


@dataclass(frozen=True)
class Minimums:
    """What a held-out set must at least contain."""

    docs: int
    md: int
    txt: int
    html: int
    labels_per_category: int
    docs_per_category: int
    clean: int


# The first set has 60 documents; the second, written later to replace it as the honest
# measure, has 40, so its minimums are its own (about a third clean, each category in 10).
HELDOUT_SETS = {
    "eval_heldout": Minimums(
        docs=40, md=20, txt=8, html=4, labels_per_category=8, docs_per_category=8, clean=15
    ),
    "eval_heldout2": Minimums(
        docs=40, md=22, txt=10, html=6, labels_per_category=10, docs_per_category=10, clean=12
    ),
}
FOLDERS = {name: TESTS / name for name in HELDOUT_SETS}
DOCS = {name: documents(folder) for name, folder in FOLDERS.items()}
DOC_PARAMS = [
    pytest.param(name, doc, id=f"{name}/{doc.name}") for name in DOCS for doc in DOCS[name]
]


def sentences_of(doc: Path) -> list[str]:
    blocks = [b.lower() for b in plain_blocks(doc)]
    return [s for b in blocks for s in re.split(r"(?<=[.;?!])\s+(?=[a-z(\"])", b)]


def long_sentences(docs: list[Path]) -> set[str]:
    return {s for p in docs for s in sentences_of(p) if len(s) >= 40}


def stem(path: Path) -> str:
    return path.name.split(".")[0]


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_heldout_set_is_large_and_mixes_formats(name: str) -> None:
    minimum = HELDOUT_SETS[name]
    docs = DOCS[name]
    assert len(docs) >= minimum.docs
    by_ext = Counter(p.suffix for p in docs)
    assert by_ext[".md"] >= minimum.md, by_ext
    assert by_ext[".txt"] >= minimum.txt, by_ext
    assert by_ext[".html"] >= minimum.html, by_ext


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_every_file_belongs_to_a_pair(name: str) -> None:
    docs = DOCS[name]
    expected = {sidecar(d).name for d in docs} | {d.name for d in docs} | {"README.md"}
    stray = sorted(p.name for p in FOLDERS[name].iterdir() if p.name not in expected)
    assert stray == []
    assert [d.name for d in docs if not sidecar(d).is_file()] == []


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_heldout_names_do_not_reuse_tuned_corpus_names(name: str) -> None:
    tuned = {stem(p) for p in TUNED.glob("*.expected.yml")}
    assert sorted({stem(d) for d in DOCS[name]} & tuned) == []


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_heldout_text_is_not_copied_from_the_tuned_corpus(name: str) -> None:
    """A held-out set that repeats tuned sentences would overstate the linter's accuracy."""
    tuned_sentences = long_sentences(documents(TUNED))
    copied = [(d.name, s) for d in DOCS[name] for s in sentences_of(d) if s in tuned_sentences]
    assert copied == []


def test_the_two_heldout_sets_share_no_names() -> None:
    first, second = ({stem(d) for d in DOCS[name]} for name in HELDOUT_SETS)
    assert sorted(first & second) == []


def test_the_two_heldout_sets_share_no_sentences() -> None:
    """Once the first set is used for diagnosis, text copied from it would not be held out."""
    first, second = (long_sentences(DOCS[name]) for name in HELDOUT_SETS)
    assert sorted(first & second) == []


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_every_category_is_represented_and_clean_documents_exist(name: str) -> None:
    minimum = HELDOUT_SETS[name]
    labels: Counter[str] = Counter()
    docs_with: Counter[str] = Counter()
    clean = 0
    for doc in DOCS[name]:
        findings = load_labels(doc)["findings"]
        clean += not findings
        labels.update(f["category"] for f in findings)
        docs_with.update({f["category"] for f in findings})
    assert all(labels[c] >= minimum.labels_per_category for c in CATEGORIES), labels
    assert all(docs_with[c] >= minimum.docs_per_category for c in CATEGORIES), docs_with
    assert clean >= minimum.clean


@pytest.mark.parametrize(("name", "doc"), DOC_PARAMS)
def test_labels_are_well_formed(name: str, doc: Path) -> None:
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


@pytest.mark.parametrize(("name", "doc"), DOC_PARAMS)
def test_each_match_names_exactly_one_sentence(name: str, doc: Path) -> None:
    sentences = sentences_of(doc)
    for item in load_labels(doc)["findings"]:
        if "match" in item:
            hits = [s for s in sentences if item["match"].lower() in s]
            assert len(hits) == 1, f"{item['match']!r} matches {len(hits)} sentences"


@pytest.mark.parametrize(("name", "doc"), DOC_PARAMS)
def test_each_match_falls_in_exactly_one_block_as_svdocs_reads_it(name: str, doc: Path) -> None:
    texts = [re.sub(r"\s+", " ", b.text).lower() for b in read_document(doc).blocks]
    for item in load_labels(doc)["findings"]:
        if "match" in item:
            hits = [t for t in texts if item["match"].lower() in t]
            assert len(hits) == 1, f"{item['match']!r} is in {len(hits)} blocks"


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_readme_states_counts_and_that_the_set_is_held_out(name: str) -> None:
    docs = DOCS[name]
    readme = (FOLDERS[name] / "README.md").read_text(encoding="utf-8")
    assert "do not tune the linter on it" in readme
    assert f"{len(docs)} mini-documents" in readme
    for row in label_rows(docs):
        assert row in readme, row
