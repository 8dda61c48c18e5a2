"""Several blocks of a document in one spaCy ``Doc``.

A DOCX contract is thousands of short paragraphs and table cells. Made into a ``Doc`` each,
most of the pipeline's cost is per ``Doc`` rather than per word: creating and growing the
token array, a call into each matcher, the arrays each component reads and writes. So the
engine joins consecutive blocks of a document into one text of up to :data:`GROUP_CHARS`
characters, with a blank line (:data:`SEPARATOR`) between them, and runs the pipeline once
over it.

Nothing crosses from one block to the next:

* spaCy splits tokens at whitespace, so each block's tokens are the tokens it has alone, and
  the blank line between two blocks is a whitespace token of its own;
* a blank line starts a sentence (:mod:`.sentences`), and the analyzer starts each block's
  first sentence afresh: no lead-in, party or sentence number carries over;
* the analyzer gives each clause's offsets in its own block's text, as for a block alone.

A block that opens with whitespace is parsed alone (its leading space would merge with the
separator), and trailing whitespace, which no sentence keeps, is left out of the joined text.
``tests/linter/test_nlp_blocks.py`` checks that every block gives the same clauses either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from svdocs.linter.nlp.records import SentenceRecord

#: ``doc.user_data`` keys: the character offset where each block's text starts in the Doc
#: (set when the Doc is made), and its first token (set by the analyzer)
BLOCKS_KEY = "svdocs.blocks"
BLOCK_TOKENS_KEY = "svdocs.block_tokens"
SEPARATOR = "\n\n"
#: about 1,000 words: long enough that per-Doc costs vanish, short enough to stay in the
#: processor's caches (benchmarks/README.md: 2,500 to 8,000 characters do equally well)
GROUP_CHARS = 5_000


@dataclass(frozen=True, slots=True)
class ParsedBlock:
    """One block's share of a parsed ``Doc``: its tokens ``[start, end)``, the offset of its
    text in ``doc.text`` and its clauses (offsets in the block's own text)."""

    doc: Doc
    start: int
    end: int
    char: int
    clauses: list[SentenceRecord]


def groups(texts: list[str], limit: int = GROUP_CHARS) -> Iterator[list[int]]:
    """Indexes of ``texts`` to parse together, in order: consecutive texts up to ``limit``
    characters; a text that opens with whitespace, or is itself over the limit, alone."""
    current: list[int] = []
    size = 0
    for i, text in enumerate(texts):
        alone = text[:1].isspace() or len(text) >= limit
        if current and (alone or size + len(text) > limit):
            yield current
            current, size = [], 0
        if alone:
            yield [i]
            continue
        current.append(i)
        size += len(text) + len(SEPARATOR)
    if current:
        yield current


def make_group_doc(nlp: Language, texts: list[str]) -> Doc:
    """A Doc of ``texts`` joined by :data:`SEPARATOR`, noting where each one starts."""
    if len(texts) == 1:
        return nlp.make_doc(texts[0])
    parts = [t.rstrip() for t in texts]
    starts: list[int] = []
    offset = 0
    for part in parts:
        starts.append(offset)
        offset += len(part) + len(SEPARATOR)
    doc = nlp.make_doc(SEPARATOR.join(parts))
    doc.user_data[BLOCKS_KEY] = starts
    return doc


def parsed_blocks(doc: Doc) -> list[ParsedBlock]:
    """The blocks of a processed Doc, in order (one for a Doc made from one text)."""
    starts: list[int] = doc.user_data.get(BLOCKS_KEY) or [0]
    tokens: list[int] = doc.user_data.get(BLOCK_TOKENS_KEY) or [0]
    per_block: list[list[SentenceRecord]] = doc._.svd_blocks or [doc._.svd_clauses or []]
    ends = [*tokens[1:], len(doc)]
    return [
        ParsedBlock(doc, s, e, c, clauses)
        for s, e, c, clauses in zip(tokens, ends, starts, per_block, strict=True)
    ]
