"""What the analyzer records about each sentence (a "clause" in the drafting sense)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

#: Entity labels that make a target measurable.
TARGET_LABELS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})
TIME_LABELS = frozenset({"DATE", "DURATION"})


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
        return self.ents_of(TARGET_LABELS)

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
