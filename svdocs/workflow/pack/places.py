"""Locations of sentences and blocks of a pack's documents, as a finding there would have."""

from __future__ import annotations

from typing import TYPE_CHECKING

from svdocs.core.model import Location, Severity
from svdocs.core.rules import Rule
from svdocs.linter.checks import make_finding
from svdocs.linter.judge.analysis import Sentence

if TYPE_CHECKING:
    from svdocs.workflow.pack.lint import PackRun

# the rule a location is made under (make_finding makes a whole finding; only its location
# is kept, so the rule's words are never shown)
_PLACE = Rule(id="pack-place", name="a place in a pack", category="pack-consistency",
              severity=Severity.INFO, message="", rationale="", suggestion="",
              check="pack-reference-missing")


def sentence_place(run: PackRun, k: int, s: Sentence,
                   span: tuple[int, int] | None = None) -> Location:
    """Where sentence ``s`` of member ``k`` is (its words ``span`` of the block, if given)."""
    rule = _PLACE
    c = s.clause
    start, end = span or (c.start, c.end)
    text = run.analyses[k].document.blocks[s.block].text[start:end]
    return make_finding(rule, run.analyses[k], s.block, c.text, (start, end), text).location


def block_place(run: PackRun, k: int, block: int) -> Location:
    """Where block ``block`` of member ``k`` is, the whole block."""
    a = run.analyses[k]
    text = a.document.blocks[block].text
    return make_finding(_PLACE, a, block, text, (0, len(text)), text).location
