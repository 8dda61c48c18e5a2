"""Sentence-level scoring of linter findings against labelled units (issues 15 and 17).

A *unit* is one labelled commitment (or requirement): a sentence, a list item or a table row,
quoted exactly in the labels. Each unit is positive or negative for each category. Findings are
the linter's JSON findings (or a baseline's), read only through the fields of the JSON report:
``category``, ``rule``, ``text``, ``flagged``, ``location.heading_path`` and, when present, a
list of the commitments a finding concerns (``commitments`` or ``properties.commitments``, whose
items are strings or objects with a ``text``).

Where a finding lands
    Texts are compared after :func:`normalise` (NFKC, quotes and dashes unified, Markdown
    emphasis and soft hyphens removed, case-folded, whitespace collapsed). A finding's text
    ``f`` and a unit's text ``u`` match when

    * ``u`` is contained in ``f`` (the finding names the whole sentence or block holding the
      unit, a list item with its lead-in, a table row holding the quoted cell), or
    * ``f`` is contained in ``u`` (the finding names only a list item while the label quotes
      the item with its lead-in), or
    * their word tokens overlap by at least 60% of the shorter one's tokens (the reader and
      the labeller cut the unit a little differently: numbering, a trailing clause).

    The contained side must have at least 3 word tokens (a finding on the single word
    "local" does not land on every unit that holds it). A finding lands on *at most one* unit,
    the best: an equal text beats containment, which beats overlap; within a tier, a unit
    holding the finding's ``flagged`` words (the block of a finding may hold several units);
    then the larger share of the longer text (or the larger overlap); then a unit positive for
    the finding's category (only exact ties reach this step). Non-commitments take part
    in the choice, so a finding on a look-alike lands on it and counts as a false positive.

Counting, per category C
    * TP: positive units of C on which at least one finding of C lands;
    * FN: positive units of C on which none lands;
    * FP: findings of C that land on no positive unit of C (on a negative unit, on a
      non-commitment, or on nothing), deduplicated by (category, normalised text).

``missing-consequence`` (a document-level judgement about a scope)
    * A finding that lists the commitments it concerns lands on the best unit of each listed
      text; each listed text that lands on no positive unit is one FP (deduplicated).
    * Without a list, the finding lands on the unit its ``text`` matches, as above.
    * A finding that matches no unit at all covers the positive units whose ``scope``
      (normalised) equals the finding's ``location.heading_path[-1]`` (the document's title
      when the heading path is empty), and the positive units that record no ``scope`` (the
      converted older sets, whose labels are per document). When it covers none it is one FP.

Precision is TP / (TP + FP) and recall TP / (TP + FN); both are 1.0 when their denominator is
0 (nothing predicted, nothing to find), and F1 is their harmonic mean.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from svdocs.workflow.evaluate import Score

MISSION_CATEGORIES = ("vague-commitment", "missing-evidence", "missing-consequence")

#: shortest contained text (in word tokens) that may land by containment
MIN_CONTAINED_TOKENS = 3
#: token overlap, as a share of the shorter text's tokens, that lands without containment
MIN_OVERLAP = 0.6

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u2043": "-",
        "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
    }
)
_EMPHASIS = re.compile(r"\*+|(?<![^\W_])_+|_+(?![^\W_])")
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    """The comparable form of a text: NFKC, quotes and dashes unified, emphasis stripped,
    case-folded, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _EMPHASIS.sub("", text)
    return _SPACE.sub(" ", text.casefold()).strip()


def tokens(text: str) -> list[str]:
    """Word tokens of a normalised text."""
    return _TOKEN.findall(text)


def _overlap(a: list[str], b: list[str]) -> float:
    """Shared tokens (as multisets) over the shorter list's length."""
    if not a or not b:
        return 0.0
    counts: dict[str, int] = {}
    for t in a:
        counts[t] = counts.get(t, 0) + 1
    shared = 0
    for t in b:
        if counts.get(t, 0) > 0:
            counts[t] -= 1
            shared += 1
    return shared / min(len(a), len(b))


def match_strength(unit: str, finding: str) -> float:
    """How well a finding's normalised text lands on a unit's normalised text: 0.0 when it
    does not; 2.0 to 3.0 for containment (3.0 for equal texts); 0.6 to 1.0 for token overlap."""
    if not unit or not finding:
        return 0.0
    if unit == finding:
        return 3.0
    ut, ft = tokens(unit), tokens(finding)
    if unit in finding and len(ut) >= MIN_CONTAINED_TOKENS:
        return 2.0 + len(unit) / len(finding)
    if finding in unit and len(ft) >= MIN_CONTAINED_TOKENS:
        return 2.0 + len(finding) / len(unit)
    share = _overlap(ut, ft)
    if share >= MIN_OVERLAP and min(len(ut), len(ft)) >= MIN_CONTAINED_TOKENS:
        return share
    return 0.0


@dataclass(frozen=True)
class Unit:
    """One labelled unit of a document."""

    text: str
    categories: frozenset[str] = frozenset()
    scope: str | None = None
    is_commitment: bool = True  # False for a labelled non-commitment (a look-alike)

    @property
    def norm(self) -> str:
        return normalise(self.text)


@dataclass(frozen=True)
class Found:
    """One finding, as the JSON report gives it (or a baseline makes it)."""

    category: str
    text: str
    rule: str = ""
    flagged: str = ""
    heading_path: tuple[str, ...] = ()
    commitments: tuple[str, ...] | None = None  # the commitments a finding says it concerns

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Found:
        location = data.get("location") or {}
        heading_path = tuple(str(h) for h in (location.get("heading_path") or ()))
        return cls(
            category=str(data.get("category", "")),
            text=str(data.get("text") or ""),
            rule=str(data.get("rule", "")),
            flagged=str(data.get("flagged") or ""),
            heading_path=heading_path,
            commitments=listed_commitments(data),
        )


def listed_commitments(data: Mapping[str, Any]) -> tuple[str, ...] | None:
    """The commitments a finding's JSON lists (``commitments`` or ``properties.commitments``;
    items are strings or objects with ``text``), or None when it lists none."""
    properties = data.get("properties")
    raw = data.get("commitments")
    if raw is None and isinstance(properties, Mapping):
        raw = properties.get("commitments")
    if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
        return None
    texts = []
    for item in raw:
        if isinstance(item, str):
            texts.append(item)
        elif isinstance(item, Mapping) and item.get("text"):
            texts.append(str(item["text"]))
    return tuple(texts) or None


@dataclass
class Tally(Score):
    """Sentence-level counts of one category: svdocs' own precision, recall and F1, and a
    sum over documents."""

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Miss:
    """A missed positive unit (kind ``fn``) or a spurious finding (``fp-negative`` on a
    commitment negative for the category, ``fp-non-commitment``, ``fp-nothing``)."""

    category: str
    kind: str
    text: str
    rule: str = ""


@dataclass
class DocumentResult:
    tallies: dict[str, Tally]
    misses: list[Miss] = field(default_factory=list)


def best_unit(text: str, units: Sequence[Unit], category: str = "", flagged: str = "") -> int:
    """Index of the unit a finding's text lands on, or -1."""
    f = normalise(text)
    flag = normalise(flagged)
    best, best_key = -1, (0, 0, 0.0, 0)
    for i, unit in enumerate(units):
        strength = match_strength(unit.norm, f)
        if strength <= 0:
            continue
        tier = 3 if strength >= 3.0 else 2 if strength >= 2.0 else 1
        key = (
            tier,
            int(bool(flag) and flag in unit.norm),
            strength,
            int(unit.is_commitment and category in unit.categories),
        )
        if key > best_key:
            best, best_key = i, key
    return best


def _fp_kind(units: Sequence[Unit], index: int) -> str:
    if index < 0:
        return "fp-nothing"
    return "fp-negative" if units[index].is_commitment else "fp-non-commitment"


def _score_category(
    units: Sequence[Unit], findings: Sequence[Found], category: str, title: str
) -> tuple[Tally, list[Miss]]:
    covered: set[int] = set()
    spurious: dict[str, Miss] = {}

    def positive(i: int) -> bool:
        return i >= 0 and units[i].is_commitment and category in units[i].categories

    def spurious_claim(text: str, index: int, rule: str) -> None:
        key = normalise(text)
        if key not in spurious:
            spurious[key] = Miss(category, _fp_kind(units, index), text, rule)

    for finding in findings:
        if finding.category != category:
            continue
        if category == "missing-consequence" and finding.commitments:
            for listed in finding.commitments:
                i = best_unit(listed, units, category)
                if positive(i):
                    covered.add(i)
                else:
                    spurious_claim(listed, i, finding.rule)
            continue
        i = best_unit(finding.text, units, category, finding.flagged)
        if positive(i):
            covered.add(i)
        elif category == "missing-consequence" and i < 0:
            scope = normalise(finding.heading_path[-1] if finding.heading_path else title)
            hits = [
                j
                for j, u in enumerate(units)
                if positive(j) and (u.scope is None or normalise(u.scope) == scope)
            ]
            if hits:
                covered.update(hits)
            else:
                spurious_claim(finding.text, i, finding.rule)
        else:
            spurious_claim(finding.text, i, finding.rule)
    tally = Tally(fp=len(spurious))
    misses = []
    for j, unit in enumerate(units):
        if positive(j):
            if j in covered:
                tally.tp += 1
            else:
                tally.fn += 1
                misses.append(Miss(category, "fn", unit.text))
    return tally, misses + list(spurious.values())


def score_document(
    units: Sequence[Unit],
    findings: Iterable[Found],
    categories: Sequence[str] = MISSION_CATEGORIES,
    title: str = "",
) -> DocumentResult:
    """Score one document's findings against its units, per category (see the module text)."""
    findings = list(findings)
    result = DocumentResult({})
    for category in categories:
        tally, misses = _score_category(units, findings, category, title)
        result.tallies[category] = tally
        result.misses.extend(misses)
    return result
