"""The development set (tests/eval_dev) is well formed and its labels point at real sentences.

It was written by an annotator who had not read the linter, then studied to find what the
linter gets wrong; some of that has been fixed and some not. So it asserts no accuracy
threshold: `svdocs eval tests/eval_dev` reports how far the linter has got on it.
"""

from __future__ import annotations

import re
from pathlib import Path

from labelled_corpus import (
    assert_each,
    count_sentences,
    documents,
    load_labels,
    plain_blocks,
    sidecar,
)

from svdocs.core.model import CATEGORIES
from svdocs.readers import read_document

DEV = Path(__file__).parent.parent / "eval_dev"
DOCS = documents(DEV)


def test_dev_set_pairs_documents_and_labels() -> None:
    assert len(DOCS) >= 40
    expected = {sidecar(d).name for d in DOCS} | {d.name for d in DOCS} | {"README.md"}
    assert sorted(p.name for p in DEV.iterdir() if p.name not in expected) == []


def _labels_are_well_formed_and_name_one_block(doc: Path) -> None:
    data = load_labels(doc)
    assert set(data) == {"description", "findings"}
    assert 3 <= count_sentences([b.lower() for b in plain_blocks(doc)]) <= 25
    texts = [re.sub(r"\s+", " ", b.text).lower() for b in read_document(doc).blocks]
    for item in data["findings"]:
        assert item["category"] in CATEGORIES
        match = item.get("match")
        if match is None:
            assert item["category"] == "missing-consequence"
            continue
        hits = [t for t in texts if match.lower() in t]
        assert len(hits) == 1, f"{match!r} is in {len(hits)} blocks"


def test_labels_are_well_formed_and_name_one_block() -> None:
    assert_each(DOCS, _labels_are_well_formed_and_name_one_block)
