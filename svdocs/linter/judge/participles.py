"""Participles: a verb form that describes rather than promises ("staff engaged on the
Contract", "supported by invoices", "photographs sent to the Council").

The one filter the judge and the checks apply to a matched verb phrase (a vague verb, a
reporting or evidence verb): its first word is a past participle when it ends in "-ed" or is
one of the irregular participles of the lexicons' verbs.
"""

from __future__ import annotations

#: Irregular past participles of the lexicons' verbs ("a planting register and photographs
#: sent to the Council", "records kept", "made available"): they describe, like "submitted".
IRREGULAR = frozenset({"sent", "given", "kept", "made", "shown", "written", "held", "done"})


def is_participle(phrase: str) -> bool:
    """Does the matched phrase begin with a past participle?"""
    words = phrase.split()
    first = words[0].lower() if words else ""
    return first.endswith("ed") or first in IRREGULAR
