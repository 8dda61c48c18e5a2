"""What kind of document this is, as its title says: an ITT or evaluation section, a
specification, a social value or KPI schedule, other contract terms, definitions, a grant.

Rules declare the kinds they apply to: weighting and evaluation-question rules run on ITT and
evaluation text only, and the coverage reports (the ten imperatives) on tenders only. The
title decides first (the document's title property, else its first heading or line in the
body, never a running header: "Call-Off Schedule 13 (Exit Management)" is a contract
schedule however often it says "bidder"); a title that names no kind leaves the decision to
the text (questions put to bidders, an evaluation weighting).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from svdocs.core.model import BlockKind, Document

#: The kinds a document may be; ``None`` when the title names none.
KINDS = ("itt", "evaluation", "specification", "sv-schedule", "kpi-schedule",
         "contract-terms", "definitions", "grant-agreement")
TENDER_KINDS = frozenset({"itt", "evaluation"})

_TITLE_KINDS: Sequence[tuple[str, re.Pattern[str]]] = (
    ("evaluation", re.compile(r"\b(?:award criteria|evaluation (?:criteria|methodology|model)|"
                              r"scoring (?:methodology|criteria)|quality questions?)\b", re.I)),
    ("itt", re.compile(r"\b(?:invitation to (?:tender|quote)|itt\b|instructions to "
                       r"(?:tenderers|bidders)|tender instructions|request for (?:quotation|"
                       r"proposals?)|rfq\b|tender (?:response|questionnaire|pack)|selection "
                       r"questionnaire|method statement questions?)", re.I)),
    ("definitions", re.compile(r"^\W*(?:[\w-]+\s+){0,4}\(?(?:definitions|interpretation)\b",
                               re.I)),
    ("kpi-schedule", re.compile(r"\b(?:kpis?|key performance indicators?|performance "
                                r"(?:schedule|indicators|regime)|service levels?)\b", re.I)),
    ("specification", re.compile(r"\b(?:specification|statement of requirements?)\b", re.I)),
    ("grant-agreement", re.compile(r"\b(?:grant (?:agreement|offer|funding)|funding agreement|"
                                   r"offer of grant)\b", re.I)),
    ("sv-schedule", re.compile(r"\b(?:social value|community benefits?|social public works)\b"
                               r".*\bschedule\b|\bschedule\b.*\b(?:social value|community "
                               r"benefits?|social public works)\b", re.I)),
    ("contract-terms", re.compile(r"\b(?:schedule|core terms|terms and conditions|conditions "
                                  r"of contract|call-off|framework agreement|order form|"
                                  r"agreement|contract|licence|lease)\b", re.I)),
)


def titles_of(document: Document) -> list[str]:
    """Where a document says what it is, most telling first: its title property, its first
    headings and lines, and its running header (Word templates often carry the title there:
    "Call-Off Schedule 13 (Exit Management)" above a first heading "Version Control")."""
    out: list[str] = []
    title = document.properties.get("title")
    if isinstance(title, str) and title.strip():
        out.append(title.strip())
    body = [b for b in document.blocks if b.source.part == "body" and b.text.strip()]
    headings = [b.text.strip()[:200] for b in body[:6] if b.kind is BlockKind.HEADING]
    out += headings
    if not headings and body and len(body[0].text) <= 120 and not body[0].text.rstrip(
            ).endswith((".", ";", ":")):
        out.append(body[0].text.strip())  # a title line in a plain text document
    out += [b.text.strip()[:200] for b in document.blocks
            if b.source.part == "header" and b.text.strip()][:3]
    return out


def kind_from_titles(titles: Sequence[str]) -> str | None:
    """The kind the first telling title names, or ``None``."""
    for title in titles:
        for kind, pattern in _TITLE_KINDS:
            if pattern.search(title):
                return kind
    return None
