"""Blocks parsed together in one Doc give the clauses each gives alone
(svdocs.linter.nlp.blocks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from svdocs.core.model import Block, BlockKind, Document
from svdocs.linter.engine import Linter
from svdocs.linter.nlp import get_pipeline
from svdocs.linter.nlp.blocks import SEPARATOR, groups, make_group_doc, parsed_blocks
from svdocs.readers import read_document

ROOT = Path(__file__).resolve().parents[2]

# texts whose edges could run into a neighbour when joined
EDGES = [
    "The Supplier shall:",  # a lead-in at a block's end: its items are the next blocks
    "(a) employ 12 apprentices from the Borough by 31 March 2027;",
    "and (b) endeavour to recruit care leavers where possible.",
    "The Supplier will, as far as",  # a hedge cut off by the block's end
    "its resources allow, recruit local people.",
    "Spend with SMEs shall rise from",  # a baseline whose figure opens the next block
    "40% of the contract value by Year 2.",
    "The Contractor shall employ 5",  # a number, then a unit in the next block
    "apprentices each year.",
    "Termination.  ",  # trailing spaces (a Word habit)
    "   The Provider may offer work placements.",  # leading spaces: parsed alone
    "Report quarterly on the KPIs in Annex 1 may",  # a modal at the very end
    "be required by the Council.",
    "It will support local charities.",  # "it" must not take the party of another block
    "Suppliers are encouraged to pay the Real Living Wage\n\nand to publish it.",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return get_pipeline()


def _assert_same(nlp: Language, texts: list[str]) -> None:
    for group in groups(texts):
        doc = make_group_doc(nlp, [texts[i] for i in group])
        together = parsed_blocks(nlp(doc))
        assert len(together) == len(group)
        for i, parsed in zip(group, together, strict=True):
            alone = nlp(texts[i])._.svd_clauses
            assert parsed.clauses == alone, texts[i]
            # the block's tokens are its own (the whitespace at its end aside)
            own = [t.text for t in nlp.make_doc(texts[i]) if not t.is_space]
            shared = [t.text for t in parsed.doc[parsed.start : parsed.end] if not t.is_space]
            assert shared == own


def test_joined_blocks_give_the_clauses_of_each_block_alone(nlp: Language) -> None:
    _assert_same(nlp, EDGES)
    # the lead-in's items are sentences of their own blocks, not items of the lead-in's Doc
    doc = make_group_doc(nlp, EDGES[:3])
    first, second, _ = parsed_blocks(nlp(doc))
    assert first.clauses[0].lead_in
    assert second.clauses[0].index == 0 and second.clauses[0].start == 0
    assert second.clauses[0].text.startswith("(a) employ 12 apprentices")


@pytest.mark.parametrize("folder", ["tests/eval_corpus", "tests/eval_heldout9", "samples/drafts"])
def test_every_block_of_the_corpora_parses_the_same_joined(nlp: Language, folder: str) -> None:
    texts = []
    for path in sorted((ROOT / folder).iterdir()):
        if path.suffix in {".md", ".txt", ".html", ".docx"}:
            texts += [b.text for b in read_document(path).blocks if b.text.strip()]
    assert len(texts) > 50
    _assert_same(nlp, texts)


def test_groups_keep_order_and_put_leading_space_and_long_texts_alone() -> None:
    texts = ["a" * 10, "b" * 10, "  c", "d" * 10, "e" * 60, "f" * 10]
    assert list(groups(texts, limit=40)) == [[0, 1], [2], [3], [4], [5]]
    assert [i for g in groups(EDGES) for i in g] == list(range(len(EDGES)))


def test_the_separator_is_a_blank_line_between_the_trimmed_texts(nlp: Language) -> None:
    doc = make_group_doc(nlp, ["One.  ", "Two."])
    assert doc.text == "One." + SEPARATOR + "Two."
    assert [(p.char, p.start, p.end) for p in parsed_blocks(nlp(doc))] == [(0, 0, 3), (6, 3, 5)]


def test_a_user_pattern_never_matches_across_two_blocks(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "wage-then-target.yml").write_text(
        "id: wage-then-target\n"
        "name: Wage then target\n"
        "category: vague-commitment\n"
        "severity: warning\n"
        "message: A wage promise followed by a target.\n"
        "rationale: A test rule.\n"
        "suggestion: Split them.\n"
        "check: pattern\n"
        "applies_to: obligation\n"
        "patterns:\n"
        '  - [{"LOWER": "wage"}, {"OP": "*"}, {"LOWER": "target"}]\n'
        "examples:\n"
        "  flag: []\n"
        "  pass: []\n",
        encoding="utf-8",
    )
    from svdocs.core.config import LintConfig

    linter = Linter(LintConfig(rule_dirs=[rules]))

    def found(texts: list[str]) -> int:
        blocks = [Block(kind=BlockKind.PARAGRAPH, text=t) for t in texts]
        document = Document(path=str(tmp_path / "draft.md"), blocks=blocks)
        return sum(f.rule == "wage-then-target" for f in linter.lint_document(document))

    one = "The Supplier shall pay the Real Living Wage and meet the target of 10 hires."
    assert found([one]) == 1
    assert found(["The Supplier shall pay the Real Living Wage.", "It shall meet the target."]) == 0
