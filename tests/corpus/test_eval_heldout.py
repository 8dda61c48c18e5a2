"""The held-out evaluation sets are well formed and their labels point at real sentences.

`tests/eval_heldout/`, `tests/eval_heldout2/`, `tests/eval_heldout3/`, `tests/eval_heldout4/`,
`tests/eval_heldout5/`, `tests/eval_heldout6/`, `tests/eval_heldout7/`, `tests/eval_heldout8/`,
`tests/eval_heldout9/`, `tests/eval_heldout10/`, `tests/eval_heldout11/`, `tests/eval_heldout12/`,
`tests/eval_heldout13/` and `tests/eval_heldout14/` were each written without looking at the linter,
to measure it on text it was not tuned on. These tests check only their structure (pairing,
categories, sizes, that each `match` names exactly one sentence and one block as svdocs reads the
document, that no text or name is shared with the tuned corpus, with the development set or between
any two held-out sets, and that each README's counts, formats line and groups table are right); they
assert no accuracy threshold, because the sets exist to report honest figures, not to be passed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from fnmatch import fnmatch
from itertools import combinations
from pathlib import Path

import pytest
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

TESTS = Path(__file__).parent.parent
TUNED = TESTS / "eval_corpus"
# The development set is studied and tuned on too, so held-out text must not come from it.
DEV = TESTS / "eval_dev"


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


# The first set has 60 documents; the second to the fourteenth, each written later to
# replace the earlier ones as the honest measure, have 40, so their minimums are their own
# (about a third clean, each category in 10).
# the second to the fourteenth sets have 40 documents each, a third clean, each category in 10
STANDARD = Minimums(
    docs=40, md=22, txt=10, html=6, labels_per_category=10, docs_per_category=10, clean=12
)
HELDOUT_SETS = {
    "eval_heldout": Minimums(
        docs=40, md=20, txt=8, html=4, labels_per_category=8, docs_per_category=8, clean=15
    ),
    **{f"eval_heldout{n}": STANDARD for n in range(2, 15)},
}
FOLDERS = {name: TESTS / name for name in HELDOUT_SETS}
DOCS = {name: documents(folder) for name, folder in FOLDERS.items()}


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


# Every held-out set against every tuned set, except the first held-out set against the
# development set: the first set is already spent, and one short table cell of it ("payroll
# extract with postcodes, quarterly") also occurs in the development set.
AGAINST_TUNED = [
    pytest.param(name, tuned, id=f"{name}-{tuned.name}")
    for name in HELDOUT_SETS
    for tuned in (TUNED, DEV)
    if (name, tuned) != ("eval_heldout", DEV)
]


@pytest.mark.parametrize(("name", "tuned"), AGAINST_TUNED)
def test_heldout_names_do_not_reuse_tuned_names(name: str, tuned: Path) -> None:
    tuned_names = {stem(p) for p in tuned.glob("*.expected.yml")}
    assert sorted({stem(d) for d in DOCS[name]} & tuned_names) == []


@pytest.mark.parametrize(("name", "tuned"), AGAINST_TUNED)
def test_heldout_text_is_not_copied_from_a_tuned_set(name: str, tuned: Path) -> None:
    """A held-out set that repeats tuned sentences would overstate the linter's accuracy."""
    tuned_sentences = long_sentences(documents(tuned))
    copied = [(d.name, s) for d in DOCS[name] for s in sentences_of(d) if s in tuned_sentences]
    assert copied == []


PAIRS = [pytest.param(a, b, id=f"{a}-{b}") for a, b in combinations(HELDOUT_SETS, 2)]


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_no_two_heldout_sets_share_names(first: str, second: str) -> None:
    names = ({stem(d) for d in DOCS[name]} for name in (first, second))
    assert sorted(set.intersection(*names)) == []


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_no_two_heldout_sets_share_sentences(first: str, second: str) -> None:
    """Once a set is used for diagnosis, text copied from it would not be held out."""
    sentences = (long_sentences(DOCS[name]) for name in (first, second))
    assert sorted(set.intersection(*sentences)) == []


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


def _labels_are_well_formed(doc: Path) -> None:
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


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_labels_are_well_formed(name: str) -> None:
    assert_each(DOCS[name], _labels_are_well_formed)


def _each_match_names_exactly_one_sentence(doc: Path) -> None:
    sentences = sentences_of(doc)
    for item in load_labels(doc)["findings"]:
        if "match" in item:
            hits = [s for s in sentences if item["match"].lower() in s]
            assert len(hits) == 1, f"{item['match']!r} matches {len(hits)} sentences"


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_each_match_names_exactly_one_sentence(name: str) -> None:
    assert_each(DOCS[name], _each_match_names_exactly_one_sentence)


def _each_match_falls_in_exactly_one_block_as_svdocs_reads_it(doc: Path) -> None:
    texts = [re.sub(r"\s+", " ", b.text).lower() for b in read_document(doc).blocks]
    for item in load_labels(doc)["findings"]:
        if "match" in item:
            hits = [t for t in texts if item["match"].lower() in t]
            assert len(hits) == 1, f"{item['match']!r} is in {len(hits)} blocks"


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_each_match_falls_in_exactly_one_block_as_svdocs_reads_it(name: str) -> None:
    assert_each(DOCS[name], _each_match_falls_in_exactly_one_block_as_svdocs_reads_it)


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_readme_states_counts_and_that_the_set_is_held_out(name: str) -> None:
    docs = DOCS[name]
    readme = (FOLDERS[name] / "README.md").read_text(encoding="utf-8")
    assert "do not tune the linter on it" in readme
    assert f"{len(docs)} mini-documents" in readme
    for row in label_rows(docs):
        assert row in readme, row


def group_rows(readme: str) -> list[tuple[list[str], int]]:
    """The README's groups table: each row's name patterns (`hedge-*`) and its document count."""
    rows = []
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`") and not cells[2].isdigit():
            rows.append((re.findall(r"`([^`]+)`", cells[0]), int(cells[1])))
    return rows


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_readme_states_formats_and_clean_count(name: str) -> None:
    docs = DOCS[name]
    readme = (FOLDERS[name] / "README.md").read_text(encoding="utf-8")
    by_ext = Counter(p.suffix for p in docs)
    clean = sum(not load_labels(d)["findings"] for d in docs)
    line = (
        f"Formats: {by_ext['.md']} Markdown, {by_ext['.txt']} plain text, "
        f"{by_ext['.html']} HTML. {clean} documents are clean (`findings: []`)."
    )
    assert line in readme


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_readme_groups_table_covers_every_document(name: str) -> None:
    docs = DOCS[name]
    rows = group_rows((FOLDERS[name] / "README.md").read_text(encoding="utf-8"))
    assert sum(count for _, count in rows) == len(docs)
    ungrouped = [
        stem(d) for d in docs if not any(fnmatch(stem(d), p) for ps, _ in rows for p in ps)
    ]
    assert ungrouped == []
