"""What the analyzer records about each sentence (a "clause" in the drafting sense)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple

#: Entity labels that make a target measurable.
TARGET_LABELS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
TIME_LABELS = frozenset({"DATE", "DURATION"})
#: Ordinal words: a position ("a third party", "first aid"), never an amount.
_ORDINAL_WORDS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                            "eighth", "ninth", "tenth"})
#: Words after which a number is part of a name or a reference, not a target.
_NAME_BEFORE = re.compile(
    r"(?:\b(?:iso|bs|en|pas|iec|appendix|annex|annexe|schedule|clause|clauses|part|section|"
    r"paragraph|paragraphs|table|lot|regulation|regulations|article|version|item|kpi|stage|"
    r"level|tier|phase|grade|key stage|ppn|form|step)\s*\[?|\[)$", re.I)


class Label(str, Enum):
    """The label of a hit the recorder makes: judges and checks name hits by these members,
    never by bare strings, so a misspelt label fails at import instead of silently finding
    nothing. (A member equals its string: ``Label.HEDGE == "HEDGE"``.) Group labels built
    from the lexicons ("THEME|fair-work", "PARTY|authority") keep their prefix form."""

    ADMIN = "ADMIN"
    ASK = "ASK"
    BASELINE = "BASELINE"
    BENEF = "BENEF"
    BUY = "BUY"
    CHANGE = "CHANGE"
    CONSEQ = "CONSEQ"
    CONSEQ_EXCLUDE = "CONSEQ_EXCLUDE"
    CONSEQ_PAY = "CONSEQ_PAY"
    CONSEQ_REDUCE = "CONSEQ_REDUCE"
    CONTRACTUAL = "CONTRACTUAL"
    DEADLINE = "DEADLINE"
    DEFN = "DEFN"
    EMPLOY = "EMPLOY"
    EVAL = "EVAL"
    EVIDENCE = "EVIDENCE"
    EVIDENCE_IGNORE = "EVIDENCE_IGNORE"
    EVIDENCE_VERB = "EVIDENCE_VERB"
    EXPECT_SUPPLIER = "EXPECT_SUPPLIER"
    FAILURE = "FAILURE"
    FREQ = "FREQ"
    HEDGE = "HEDGE"
    LOCAL = "LOCAL"
    LOCAL_DEF = "LOCAL_DEF"
    LOCAL_IGNORE = "LOCAL_IGNORE"
    MEASURABLE = "MEASURABLE"
    NONCONTRACTUAL = "NONCONTRACTUAL"
    NUMBER = "NUMBER"
    OBLIG = "OBLIG"
    OPERATIONAL = "OPERATIONAL"
    REFS = "REFS"
    REQUIRE_SUPPLIER = "REQUIRE_SUPPLIER"
    RESIDENT = "RESIDENT"
    RUNNING = "RUNNING"
    THEME_IGNORE = "THEME_IGNORE"
    VAGUE_IGNORE = "VAGUE_IGNORE"
    VAGUE_QTY = "VAGUE_QTY"
    VAGUE_TERM = "VAGUE_TERM"
    VAGUE_VERB = "VAGUE_VERB"
    VALUE = "VALUE"
    WEIGHT = "WEIGHT"

    def __str__(self) -> str:
        return self.value


class Hit(NamedTuple):
    """A matched phrase or entity: its label and character offsets in the block text.

    A named tuple: tens of thousands are made per long document, and a tuple is the cheapest
    immutable record to make."""

    label: str
    start: int
    end: int
    text: str


@dataclass
class SentenceRecord:
    """One sentence of a block, with everything the lint checks need to judge it."""

    index: int  # sentence number within the block
    start: int  # character offsets in the block text
    end: int
    text: str
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    ents: list[Hit] = field(default_factory=list)
    item: bool = False  # a lettered / bulleted item
    lead_in: bool = False  # ends with a colon: the items that follow inherit from it
    trigger: Hit | None = None  # the obligation word ("shall", "will endeavour", ...)
    inherited: bool = False  # the trigger came from a lead-in
    party: str | None = None  # "supplier", "bidder", "authority", "joint" or None
    party_word: str | None = None  # the words naming the party ("the Supplier", "we")
    admin: bool = False  # the action is reporting / informing / meeting, not an outcome
    hedges: list[Hit] = field(default_factory=list)
    lead_hedges: list[Hit] = field(default_factory=list)  # hedges of the lead-in it inherits
    themes: set[str] = field(default_factory=set)
    context_themes: set[str] = field(default_factory=set)  # from a lead-in or headings
    ask: bool = False  # an ITT question to bidders
    definition: bool = False
    question: bool = False  # ends with a question mark

    def get(self, label: str) -> list[Hit]:
        return self.hits.get(label, [])

    def has(self, label: str) -> bool:
        # the analyzer stores a label only with at least one hit
        return label in self.hits and bool(self.hits[label])

    def ents_of(self, labels: frozenset[str] | set[str]) -> list[Hit]:
        return [e for e in self.ents if e.label in labels]

    @property
    def all_hedges(self) -> list[Hit]:
        return [*self.hedges, *self.lead_hedges]

    @property
    def targets(self) -> list[Hit]:
        """The figures that could be a target: not a number inside a name or a reference
        ("ISO 14001", "Appendix [2]", "Level 3", "clause 12") nor an ordinal ("a third
        party", "first aid"), which say which thing, not how much."""
        return [e for e in self.ents_of(TARGET_LABELS) if not self._names_a_thing(e)]

    def _names_a_thing(self, e: Hit) -> bool:
        if e.label == "CARDINAL" and e.text.lower() in _ORDINAL_WORDS:
            return True
        before = self.text[: max(0, e.start - self.start)]
        return bool(_NAME_BEFORE.search(before))

    @property
    def measurable(self) -> bool:
        return bool(self.targets)

    @property
    def all_themes(self) -> set[str]:
        return self.themes | self.context_themes

    @property
    def is_obligation(self) -> bool:
        """An obligation (or hedged aspiration) of the supplier or bidder."""
        if self.trigger is None or self.definition or self.ask or self.lead_in:
            return False
        if self.admin:  # "shall report / keep the Council informed": a duty about the others
            return False
        # "commitments will become contractual KPIs" is about the contract, not a duty
        if "CONTRACTUAL" in self.hits:
            return False
        if self.party == "supplier":
            return True
        # "You will aim to recruit ...", "Tenderers should look to ...": the bidder's or the
        # grant recipient's undertaking (an ITT's asks, hedged or not, are commitments too)
        if self.party == "bidder" and not self.question:
            words = self.trigger.text.lower().split()
            return any(w in words for w in ("shall", "will", "must", "should", "agrees"))
        # a party-less "shall"/"must" ("Apprentices shall be recruited ...") binds the supplier
        words = self.trigger.text.lower().split()
        return self.party is None and any(w in words for w in ("shall", "must", "required"))
