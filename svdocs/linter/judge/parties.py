"""Who owes an obligation, where the sentence alone does not say.

The analyzer knows the usual names of the parties ("the Supplier", "the Contractor", "the
Council"). Contracts also name them in their own words and in passive drafting:

- a preamble or definition gives the supplier a name of its own: "Loftline Energy Services
  Limited (the Installer)", "Bright Start CIC (the "Charity")". Obligations of "the
  Installer" are the supplier's;
- a passive obligation names the supplier after "by": "Work placements should be offered by
  the Contractor", "will be explored by the Installer". Its subject is the thing to be done,
  its party the supplier.

:func:`supplier_aliases` reads the defined names from a document's text and
:func:`resolve_party` gives a party-less obligation its party from either.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from svdocs.linter.nlp.records import SentenceRecord

# what a supplier's legal name ends with
_COMPANY = (
    r"(?:Limited|Ltd\.?|LLP|plc|PLC|CIC|C\.I\.C\.|Community Interest Company|LLC|Inc\.?|"
    r"Group|Partnership|Trust Limited|Co-operative|Cooperative)"
)
# "Loftline Energy Services Limited (the Installer)", "... Ltd (“the Provider”)",
# "... plc, (hereinafter "the Contractor")"
_DEFINED = re.compile(
    _COMPANY
    + r"[,\s]*\(\s*(?:hereinafter\s+|referred to as\s+|together\s+)?[\"“'‘]?\s*(?:the\s+)?"
    r"[\"“'‘]?([A-Z][A-Za-z-]+(?:\s[A-Z][A-Za-z-]+)?)[\"”'’]?\s*\)"
)
# names a defined term may not take as a supplier alias (they name the buyer or the contract)
_NOT_SUPPLIER = frozenset({
    "authority", "council", "buyer", "customer", "commissioner", "trust", "board", "client",
    "employer", "purchaser", "association", "agreement", "contract", "company", "parties",
    "party", "department", "college", "university", "school", "academy", "group",
})


@functools.cache
def supplier_words() -> tuple[str, ...]:
    """The words that name the supplier anyway: the ``supplier`` list of the parties lexicon
    ("contractor", "provider", "chambers", ...), lower-case and without a leading "the"."""
    # deferred: start-up: lexicons and lemmas are read on first use
    from svdocs.linter.nlp.lexicons import load_lexicons

    words = {w.lower().removeprefix("the ").strip() for w in
             load_lexicons().get("parties", "supplier")}
    return tuple(sorted(w for w in words if w))


# "The successful Caterer should ...": the winner of a tender
_SUCCESSFUL = re.compile(r"\b(?:the|each|any)\s+successful\s+[A-Z][a-z]+", re.I)
# "shall be provided", "will be explored", "should be offered" ... "by the Contractor"
_AGENT = re.compile(r"\bby\s+(?:(?:the|each|every|any|a)\s+)?([a-z][a-z -]{2,40})", re.I)
_PASSIVE = re.compile(r"^\s*(?:also\s+|not\s+)?be\s+(?:\w+\s+)?\w+(?:ed|en|wn|ne|un|t)\b", re.I)


def supplier_aliases(texts: Iterable[str]) -> frozenset[str]:
    """The names a document defines for the supplier, lower-cased ("installer")."""
    found: set[str] = set()
    for text in texts:
        for m in _DEFINED.finditer(text):
            name = m.group(1).strip().lower()
            if name.split()[-1] not in _NOT_SUPPLIER:
                found.add(name)
    return frozenset(found)


def _names(text: str, names: Iterable[str]) -> bool:
    """``text`` names one of ``names`` as a party ("the Installer"), not as its possessive
    ("the Installer's records") or the object of "of" / "for"."""
    for name in names:
        for m in re.finditer(rf"\b{re.escape(name)}\b(?!['’]s?\b)", text, re.I):
            before = text[: m.start()].rstrip().lower()
            if before.endswith((" of the", " for the", " to the", " with the")):
                continue
            return True
    return False


def resolve_party(c: SentenceRecord, aliases: frozenset[str]) -> str | None:
    """The party of a clause whose obligation word has no subject the analyzer knows:
    ``"supplier"`` when a defined name of the supplier is its subject, or when the clause is
    passive and names the supplier after "by"; else ``None``."""
    if c.trigger is None or c.party is not None:
        return None
    start = c.trigger.start - c.start
    end = c.trigger.end - c.start
    subject, rest = c.text[:start], c.text[end:]
    if aliases and _names(subject, aliases):
        return "supplier"
    if _SUCCESSFUL.search(subject):  # "The successful Caterer should ...": the winner
        return "supplier"
    if _PASSIVE.match(rest):
        agent = _AGENT.search(rest)
        if agent is not None:
            words = agent.group(1).lower()
            if any(words.startswith(k) for k in (*supplier_words(), *aliases)):
                return "supplier"
    return None


def names_supplier(text: str) -> bool:
    """``text`` opens with a word for the supplier ("the Contractor shall", "Chambers")."""
    low = text.lower().removeprefix("the ").removeprefix("each ").removeprefix("every ")
    return any(low.startswith(w) for w in supplier_words())
