"""Briefs: what a buyer wants assembled, checked against the law before anything is written.

A brief is a YAML file naming the authority, the contract (title, reference, kind, value,
term, jurisdiction), the social value weighting and the clauses or themes chosen with their
variable values. :func:`load_brief` reads and checks the file on its own; :func:`plan`
checks it against a clause library and applies the rules of selection (docs/domain.md):

- a contract over £5m gets the KPI schedule with at least three KPIs (Procurement Act 2023
  s.52);
- a social value weighting below 10% is refused unless ``weighting_reason`` says why
  (PPN 06/20, PPN 002);
- Scotland at £4m or more gets the community benefits clause (Procurement Reform (Scotland)
  Act 2014 ss.24-25);
- Wales works at £2m or more get the social public works clauses (Social Partnership and
  Public Procurement (Wales) Act 2023).

Every problem is reported at once as one line naming the file, the field and what was expected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from svdocs.core import law
from svdocs.core.errors import InputError, ValidationError
from svdocs.core.yaml import load_yaml, yaml_error_line
from svdocs.library.loader import Library
from svdocs.library.schema import CONTRACT_KINDS, ID_PATTERN, JURISDICTIONS, NAME_PATTERN, THEMES
from svdocs.library.validation import schema_problems, suggest
from svdocs.library.variables import VariableError, parse_date

DOCUMENT_KINDS: tuple[str, ...] = ("specification", "itt", "schedule", "kpis", "remedies",
                                    "definitions")
#: What a brief without ``documents`` gets. A tender pack also asks for the KPI schedule,
#: the remedies schedule and the definitions schedule as documents of their own.
DEFAULT_DOCUMENTS: tuple[str, ...] = ("specification", "itt", "schedule")
#: Clauses added when the brief asks for their document (docs/assembly.md, "Tender packs").
DOCUMENT_CLAUSES: dict[str, tuple[str, ...]] = {
    "remedies": ("service-credits",),
    "definitions": ("definitions-schedule",),
}
#: Largest brief read (a brief is a page of YAML).
MAX_BRIEF_BYTES = 1_000_000

KPI_CLAUSE = "kpi-schedule"
SCOTLAND_CLAUSE = "community-benefits-scotland"
WALES_CLAUSE = "social-public-works-wales"

#: Clauses that frame each document, added whenever the library has them.
FRAME_CLAUSES: tuple[str, ...] = (
    "itt-social-value-section", "evaluation-scoring",
    "social-value-schedule", "delivery-plan", "reporting-and-evidence",
    "verification-and-audit", "remedies-escalation", "flow-down-subcontractors", "precedence",
)

_TEXT = {"type": "string", "minLength": 1}
_CHOICE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id"],
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN, "x-expected": "a clause id"},
        "alternative": {"type": "string", "pattern": ID_PATTERN,
                        "x-expected": "an alternative id of the clause, e.g. enhanced"},
        "variables": {"type": "object", "propertyNames": {"pattern": NAME_PATTERN}},
    },
}

BRIEF_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["authority", "contract_title", "reference", "kind", "value", "term",
                 "jurisdiction", "weighting"],
    "properties": {
        "authority": _TEXT,
        "contract_title": _TEXT,
        "reference": _TEXT,
        "subtitle": _TEXT,
        "kind": {"enum": list(CONTRACT_KINDS)},
        "value": {"type": "number", "minimum": 0,
                  "x-expected": "the estimated total value in pounds as a number, e.g. 12000000"},
        "term": {"type": "string",
                 "pattern": r"^\d+(\.\d+)?\s+(days?|weeks?|months?|years?)\b",
                 "x-expected": "a duration such as '5 years' or '36 months'"},
        "jurisdiction": {"enum": list(JURISDICTIONS)},
        "weighting": {"type": "number", "minimum": 0, "maximum": 100,
                      "x-expected": "the social value weighting in per cent, 0 to 100 "
                                    "(e.g. 15)"},
        "weighting_reason": _TEXT,
        "start_date": {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                       "x-expected": "a date written YYYY-MM-DD"},
        "toc": {"type": "boolean"},
        "notes": {"type": "boolean"},
        "documents": {"type": "array", "minItems": 1, "uniqueItems": True,
                      "items": {"enum": list(DOCUMENT_KINDS)}},
        "themes": {"type": "array", "uniqueItems": True, "items": {"enum": list(THEMES)}},
        "clauses": {"type": "array",
                    "items": {"oneOf": [
                        {"type": "string", "pattern": ID_PATTERN},
                        _CHOICE,
                    ], "description": "a clause id, or a mapping with id, alternative and "
                                      "variables"}},
        "variables": {"type": "object", "propertyNames": {"pattern": NAME_PATTERN}},
    },
}


@dataclass
class ClauseChoice:
    """A clause the brief names, with the alternative wording and values it gives."""

    id: str
    alternative: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)
    field: str = "clauses"  # where it came from in the brief, for messages


@dataclass
class Brief:
    """A checked brief (field meanings: docs/assembly.md, "Brief reference")."""

    authority: str
    contract_title: str
    reference: str
    kind: str
    value: float
    term: str
    jurisdiction: str
    weighting: float
    weighting_reason: str | None = None
    subtitle: str | None = None
    start_date: dt.date | None = None
    toc: bool = True
    notes: bool = False
    documents: list[str] = field(default_factory=lambda: list(DEFAULT_DOCUMENTS))
    themes: list[str] = field(default_factory=list)
    clauses: list[ClauseChoice] = field(default_factory=list)
    variables: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def where(self) -> str | None:
        return str(self.path) if self.path else None

    def context(self) -> dict[str, Any]:
        """What clause text and templates may read as ``brief.<name>``."""
        return {
            "authority": self.authority,
            "contract_title": self.contract_title,
            "reference": self.reference,
            "value": self.value,
            "term": self.term,
            "weighting": self.weighting,
            "weighting_reason": self.weighting_reason,
            "jurisdiction": self.jurisdiction,
            "kind": self.kind,
        }


# --------------------------------------------------------------------------- loading


#: Stand-ins for fields the schema refused, so that the rules of selection can still be
#: checked against the rest of the brief and every problem reported at once.
_STAND_INS: dict[str, Any] = {
    "authority": "?", "contract_title": "?", "reference": "?", "kind": "services",
    "value": 0, "term": "1 year", "jurisdiction": "england", "weighting": 100,
    "weighting_reason": None, "subtitle": None, "start_date": None, "toc": True,
    "notes": False, "documents": None, "themes": [], "clauses": [], "variables": {},
}


def _problem_field(problem: str) -> str:
    """What a problem line is about: a top-level field, or one entry of the clause list
    ("clauses[2].variables.x: ..." -> "clauses[2]", "weighting: ..." -> "weighting")."""
    head = problem.split(":", 1)[0].strip().split(".", 1)[0]
    return head if head.startswith("clauses[") else head.split("[", 1)[0]


def _lenient(data: dict[str, Any], bad: set[str]) -> dict[str, Any]:
    """``data`` with every field in ``bad`` replaced by its stand-in. Clause entries keep
    their places (so messages name the right entry); :func:`_choices` passes over the
    malformed ones, and the plan's problems about them are dropped by the caller."""
    out = {k: v for k, v in data.items() if k in _STAND_INS and k not in bad}
    for key, value in _STAND_INS.items():
        if key not in out and value is not None:
            out[key] = value
    if isinstance(data.get("clauses"), list):
        out["clauses"] = [None if f"clauses[{i}]" in bad else e
                          for i, e in enumerate(data["clauses"])]
    return out


def _choices(data: dict[str, Any]) -> list[ClauseChoice]:
    choices: list[ClauseChoice] = []
    for i, entry in enumerate(data.get("clauses") or []):
        if isinstance(entry, str):
            choices.append(ClauseChoice(id=entry, field=f"clauses[{i}]"))
        elif isinstance(entry, dict) and isinstance(entry.get("id"), str):
            choices.append(ClauseChoice(id=entry["id"], alternative=entry.get("alternative"),
                                        variables=dict(entry.get("variables") or {}),
                                        field=f"clauses[{i}]"))
    return choices


def brief_from_dict(data: Any, path: Path | None = None, *,
                    library: Library | None = None) -> Brief:
    """Check parsed YAML against the brief schema and build a :class:`Brief`.

    Every problem is reported at once: the schema's, duplicate clauses and, when a
    ``library`` is given and the schema refused some fields, what the rules of selection
    find in the rest of the brief (:func:`plan` checks a valid brief itself).
    """
    where = str(path) if path else None
    if not isinstance(data, dict):
        raise ValidationError(["expected a mapping of brief fields (authority, contract_title, "
                               "...), got " + ("nothing" if data is None else
                                               type(data).__name__)], where)
    problems = schema_problems(data, BRIEF_SCHEMA)
    ids = [c.id for c in _choices(data)]
    for dupe in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"clauses: '{dupe}' is listed more than once")
    if problems:
        if library is not None:
            bad = {_problem_field(p) for p in problems}
            try:
                plan(_build(_lenient(data, bad), path), library)
            except ValidationError as exc:
                problems += [p for p in exc.problems if _problem_field(p) not in bad
                             and p not in problems]
        raise ValidationError(problems, where)
    return _build(data, path)


def _build(data: dict[str, Any], path: Path | None) -> Brief:
    return Brief(
        authority=data["authority"].strip(),
        contract_title=data["contract_title"].strip(),
        reference=data["reference"].strip(),
        kind=data["kind"],
        value=data["value"],
        term=data["term"].strip(),
        jurisdiction=data["jurisdiction"],
        weighting=data["weighting"],
        weighting_reason=data.get("weighting_reason"),
        subtitle=data.get("subtitle"),
        start_date=parse_date(data.get("start_date")),
        toc=data.get("toc", True),
        notes=data.get("notes", False),
        documents=list(data.get("documents") or DEFAULT_DOCUMENTS),
        themes=list(data.get("themes") or []),
        clauses=_choices(data),
        variables=dict(data.get("variables") or {}),
        path=path,
    )


def load_brief(path: Path | str, library: Library | None = None) -> Brief:
    """Read and check a brief file; :class:`ValidationError` lists every problem (with
    ``library``, also those the rules of selection find beside the schema's)."""
    path = Path(path)
    if not path.exists():
        raise InputError("brief file does not exist", str(path))
    if path.is_dir():
        raise InputError("brief must be a YAML file, not a folder", str(path))
    try:
        if path.stat().st_size > MAX_BRIEF_BYTES:
            raise InputError(f"brief is larger than {MAX_BRIEF_BYTES:,} bytes", str(path))
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("brief is not UTF-8 text", str(path)) from None
    try:
        data = load_yaml(text, dates_as_text=True)
    except yaml.YAMLError as exc:
        raise ValidationError([yaml_error_line(exc)], str(path)) from None
    return brief_from_dict(data, path, library=library)


# --------------------------------------------------------------------------- selection


@dataclass
class Selected:
    """A clause chosen for assembly with its typed values and why it was chosen."""

    id: str
    values: dict[str, Any]
    alternative: str | None = None
    reason: str = "named in the brief"


@dataclass
class Plan:
    """The clauses an assembly uses, in the order they were chosen, and notes on the rules."""

    brief: Brief
    selected: list[Selected] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # which rules of selection applied

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.selected]


def plan(brief: Brief, library: Library) -> Plan:
    """Choose the clauses for ``brief`` from ``library`` and apply the rules of selection.

    Raises :class:`ValidationError` (naming the brief file) listing every problem.
    """
    problems: list[str] = []
    result = Plan(brief=brief)
    chosen: dict[str, Selected] = {}
    given: dict[str, ClauseChoice] = {}

    def applies(clause_id: str) -> str | None:
        clause = library.clauses[clause_id]
        if brief.jurisdiction not in clause.jurisdictions:
            return (f"clause '{clause_id}' does not apply in {brief.jurisdiction} "
                    f"(it applies in {', '.join(clause.jurisdictions)})")
        if brief.kind not in clause.contract_kinds:
            return (f"clause '{clause_id}' is not for {brief.kind} contracts "
                    f"(it is for {', '.join(clause.contract_kinds)})")
        return None

    # 1. clauses named in the brief
    for choice in brief.clauses:
        if choice.id not in library:
            problems.append(f"{choice.field}: unknown clause id '{choice.id}'"
                            f"{suggest(choice.id, library.clauses)}; see `svdocs clauses list`")
            continue
        clause = library.clauses[choice.id]
        reason = applies(choice.id)
        if reason:
            problems.append(f"{choice.field}: {reason}")
            continue
        if choice.alternative:
            alt = clause.alternative(choice.alternative)
            if alt is None:
                known = ", ".join(a.id for a in clause.alternatives if not a.weak) or "none"
                problems.append(f"{choice.field}.alternative: clause '{choice.id}' has no "
                                f"alternative '{choice.alternative}' (it has: {known})")
                continue
            if alt.weak:
                problems.append(f"{choice.field}.alternative: '{choice.alternative}' is the "
                                f"weak wording of '{choice.id}', kept only for training; "
                                "choose another")
                continue
        given[choice.id] = choice
        chosen[choice.id] = Selected(choice.id, {}, choice.alternative)

    # 2. themes
    for i, theme in enumerate(brief.themes):
        if theme == "governance":
            problems.append(f"themes[{i}]: governance clauses are added by the assembler; name "
                            "any other one under clauses:")
            continue
        matches = library.select(theme=theme, jurisdiction=brief.jurisdiction,
                                 kind=brief.kind)
        if not matches:
            problems.append(f"themes[{i}]: no clause of theme '{theme}' applies to "
                            f"{brief.kind} contracts in {brief.jurisdiction}")
        for clause in matches:
            chosen.setdefault(clause.id, Selected(clause.id, {}, None, f"theme {theme}"))

    if not chosen and not problems:
        problems.append("clauses: the brief chooses no clauses; list clause ids under clauses: "
                        "or themes under themes:")

    # 3. rules of selection
    value = brief.value
    minimum = law.MIN_SV_WEIGHTING
    if brief.weighting < minimum and not brief.weighting_reason:
        problems.append(
            f"weighting: {brief.weighting:g}% is below the {minimum}% minimum for social "
            "value (PPN 06/20, PPN 002); raise it or give weighting_reason to record why")
    rule_clauses: list[tuple[str, str]] = []
    scotland = law.SCOTLAND_COMMUNITY_BENEFITS_THRESHOLD
    if brief.jurisdiction == "scotland" and value >= scotland:
        rule_clauses.append((SCOTLAND_CLAUSE, f"Scotland, value {law.millions(scotland)} or "
                             "more: community benefit requirements (Procurement Reform "
                             "(Scotland) Act 2014 ss.24-25)"))
    wales = law.WALES_SOCIAL_PUBLIC_WORKS_THRESHOLD
    if brief.jurisdiction == "wales" and brief.kind == "works" and value >= wales:
        rule_clauses.append((WALES_CLAUSE, f"Wales works, value {law.millions(wales)} or more: "
                             "social public works clauses (Social Partnership and Public "
                             "Procurement (Wales) Act 2023)"))
    if value > law.KPI_VALUE_THRESHOLD:
        rule_clauses.append((KPI_CLAUSE, f"value over {law.millions(law.KPI_VALUE_THRESHOLD)}: "
                             "at least three KPIs set and published (Procurement Act 2023 "
                             "s.52)"))
    for clause_id, why in rule_clauses:
        if clause_id not in library:
            problems.append(f"value: {why} needs clause '{clause_id}', which the library lacks")
            continue
        result.notes.append(why)
        chosen.setdefault(clause_id, Selected(clause_id, {}, None, why))

    # 4. framing clauses and everything the chosen clauses require
    for clause_id in FRAME_CLAUSES:
        if clause_id in library and applies(clause_id) is None:
            chosen.setdefault(clause_id, Selected(clause_id, {}, None, "frames the documents"))
    for kind, ids in DOCUMENT_CLAUSES.items():
        for clause_id in ids if kind in brief.documents else ():
            if clause_id in library and applies(clause_id) is None:
                chosen.setdefault(clause_id, Selected(clause_id, {}, None,
                                                      f"frames the {kind} document"))
    queue = list(chosen)
    while queue:
        clause_id = queue.pop(0)
        for ref in library.clauses[clause_id].requires:
            if ref in chosen or ref not in library:
                continue
            reason = applies(ref)
            if reason:
                problems.append(f"clauses: '{clause_id}' requires '{ref}', but {reason}")
                continue
            chosen[ref] = Selected(ref, {}, None, f"required by {clause_id}")
            queue.append(ref)

    # 5. values: per-clause values over brief-wide values over defaults
    declared = {name for cid in chosen for name in library.clauses[cid].variables}
    for name in brief.variables:
        if name not in declared:
            problems.append(f"variables.{name}: no chosen clause has a variable '{name}'"
                            f"{suggest(name, declared)}")
    for clause_id, sel in chosen.items():
        clause = library.clauses[clause_id]
        choice = given.get(clause_id)
        prefix = f"{choice.field}.variables" if choice else "variables"
        for name in (choice.variables if choice else {}):
            if name not in clause.variables:
                known = ", ".join(clause.variables) or "none"
                problems.append(f"{prefix}.{name}: clause '{clause_id}' has no variable "
                                f"'{name}'{suggest(name, clause.variables)} (it has: {known})")
        values = {k: v for k, v in brief.variables.items() if k in clause.variables}
        values.update({k: v for k, v in (choice.variables if choice else {}).items()
                       if k in clause.variables})
        for name, var in clause.variables.items():
            where = f"{prefix}.{name}" if choice and name in choice.variables else \
                f"variables.{name}"
            if name in values:
                try:
                    sel.values[name] = var.coerce(values[name])
                except VariableError as exc:
                    problems.append(f"{where}: {exc} (clause '{clause_id}': {var.description})")
            elif var.default is not None:
                sel.values[name] = var.coerce(var.default)
            else:
                problems.append(f"{prefix}.{name}: clause '{clause_id}' needs a value "
                                f"({var.description})")

    # 6. the KPI count rule, once the clauses are known
    if value > law.KPI_VALUE_THRESHOLD:
        kpis = kpi_commitment_ids(library, chosen.values())
        if len(kpis) < law.MIN_KPIS:
            problems.append(
                f"value: £{value:,.0f} is over {law.millions(law.KPI_VALUE_THRESHOLD)}, so at "
                f"least {law.MIN_KPIS} KPIs must be set "
                f"(Procurement Act 2023 s.52), but the chosen clauses give {len(kpis)}"
                f"{' (' + ', '.join(kpis) + ')' if kpis else ''}; add clauses with KPI "
                "commitments, e.g. local-employment, real-living-wage, sme-vcse-spend")

    if problems:
        raise ValidationError(problems, brief.where)
    result.selected = list(chosen.values())
    return result


def kpi_commitment_ids(library: Library, selected: Any) -> list[str]:
    """Full ids of the KPI commitments declared by the selected clauses used in a contract."""
    out: list[str] = []
    for sel in selected:
        clause = library.clauses[sel.id]
        if not ({"contract", "kpi"} & set(clause.stages)):
            continue
        out += [f"{clause.id}.{c.get('id')}" for c in clause.commitments if c.get("kpi")]
    return out


def brief_summary(brief: Brief) -> Mapping[str, Any]:
    """The brief's facts as document properties (shared block conventions)."""
    return {
        "authority": brief.authority,
        "contract_title": brief.contract_title,
        "reference": brief.reference,
        "value": brief.value,
        "term": brief.term,
        "jurisdiction": brief.jurisdiction,
        "subtitle": brief.subtitle or brief.contract_title,
        "toc": brief.toc,
    }
