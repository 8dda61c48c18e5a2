"""One library clause: its front matter, body, variables, commitments and alternatives."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from svdocs.core.model import Commitment
from svdocs.core.yaml import load_yaml, yaml_error_line
from svdocs.library.sandbox import money, render_string
from svdocs.library.variables import Variable, VariableError

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_NUMBER = re.compile(r"^\s*-?\d+(?:[.,]\d+)*(?:\.\d+)?\s*$")
#: Commitment fields that are text and may hold jinja2.
COMMITMENT_TEXT_FIELDS = ("text", "measure", "unit", "target", "baseline", "deadline",
                          "beneficiaries", "reporting_frequency", "verifier", "consequence")


class ClauseFormatError(ValueError):
    """A clause file that cannot be parsed at all (no front matter, malformed YAML)."""


def split_front_matter(text: str) -> tuple[str, str, int]:
    """``(yaml text, body, line number where the body starts)``; ClauseFormatError if absent."""
    match = _FRONT.match(text.lstrip("\ufeff"))
    if not match:
        raise ClauseFormatError("no YAML front matter: the file must start with a '---' line "
                                "and the metadata must end with another '---' line")
    body = text.lstrip("\ufeff")[match.end():]
    body_line = text.lstrip("\ufeff")[: match.end()].count("\n") + 1
    return match.group(1), body, body_line


@dataclass
class Alternative:
    id: str
    title: str
    body: str
    weak: bool = False
    guidance: str | None = None


@dataclass
class Clause:
    """A clause as declared in its file (validated by :func:`svdocs.library.check`)."""

    id: str
    title: str
    version: str
    theme: str
    body: str
    path: Path | None = None
    stages: list[str] = field(default_factory=list)
    cycle: list[str] = field(default_factory=list)
    jurisdictions: list[str] = field(default_factory=list)
    contract_kinds: list[str] = field(default_factory=lambda: ["services", "works", "goods"])
    policy: dict[str, Any] = field(default_factory=dict)
    variables: dict[str, Variable] = field(default_factory=dict)
    commitments: list[dict[str, Any]] = field(default_factory=list)
    guidance: str | None = None
    alternatives: list[Alternative] = field(default_factory=list)
    source: str | None = None
    reviewed: str | None = None
    requires: list[str] = field(default_factory=list)
    status: str = "approved"
    history: list[dict[str, Any]] = field(default_factory=list)  # earlier versions, see audit
    meta: dict[str, Any] = field(default_factory=dict)  # the front matter as parsed
    body_line: int = 1

    @classmethod
    def from_front_matter(cls, data: Mapping[str, Any], body: str, path: Path | None = None,
                          body_line: int = 1) -> Clause:
        """Build a clause from parsed (and schema-valid) front matter."""
        variables = {
            name: Variable.from_dict(name, spec if isinstance(spec, dict) else {})
            for name, spec in (data.get("variables") or {}).items()
        }
        alternatives = [
            Alternative(id=str(a.get("id")), title=str(a.get("title")), body=str(a.get("body")),
                        weak=bool(a.get("weak", False)), guidance=a.get("guidance"))
            for a in (data.get("alternatives") or []) if isinstance(a, dict)
        ]
        kinds = data.get("contract_kinds") or ["services", "works", "goods"]
        return cls(
            id=str(data.get("id")),
            title=str(data.get("title")),
            version=str(data.get("version")),
            theme=str(data.get("theme")),
            body=body,
            path=path,
            stages=list(data.get("stages") or []),
            cycle=list(data.get("cycle") or []),
            jurisdictions=list(data.get("jurisdictions") or []),
            contract_kinds=list(kinds),
            policy=dict(data.get("policy") or {}),
            variables=variables,
            commitments=[c for c in (data.get("commitments") or []) if isinstance(c, dict)],
            guidance=data.get("guidance"),
            alternatives=alternatives,
            source=data.get("source"),
            reviewed=str(data["reviewed"]) if data.get("reviewed") is not None else None,
            requires=list(data.get("requires") or []),
            status=str(data.get("status") or "approved"),
            history=[h for h in (data.get("history") or []) if isinstance(h, dict)],
            meta=dict(data),
            body_line=body_line,
        )

    # ------------------------------------------------------------------ values and rendering

    def alternative(self, alt_id: str) -> Alternative | None:
        return next((a for a in self.alternatives if a.id == alt_id), None)

    def values(self, given: Mapping[str, Any] | None = None, *,
               sample: bool = False) -> dict[str, Any]:
        """Typed values for every variable: ``given`` first, then defaults.

        Raises :class:`VariableError` naming the variable for a bad or missing value; with
        ``sample`` a required variable without a value gets a plausible sample value.
        """
        given = dict(given or {})
        out: dict[str, Any] = {}
        for name, var in self.variables.items():
            if name in given:
                try:
                    out[name] = var.coerce(given[name])
                except VariableError as exc:
                    raise VariableError(f"{name}: {exc}") from None
            elif var.default is not None:
                out[name] = var.coerce(var.default)
            elif sample:
                out[name] = var.sample()
            else:
                raise VariableError(f"{name}: required value is missing ({var.description})")
        return out

    def version_body(self, version: str) -> str | None:
        """The body source of ``version``: this version's, or an earlier one's from
        ``history``; ``None`` when the library did not keep it."""
        if version == self.version:
            return self.body
        for entry in self.history:
            if str(entry.get("version")) == version:
                return str(entry.get("body") or "")
        return None

    def body_source(self, alternative: str | None = None) -> str:
        if alternative:
            alt = self.alternative(alternative)
            if alt is None:
                raise KeyError(alternative)
            return alt.body
        return self.body

    def render_body(self, values: Mapping[str, Any], brief: Mapping[str, Any],
                    alternative: str | None = None) -> str:
        """The body (or an alternative) rendered in the sandbox; raises TemplateError."""
        return render_string(self.body_source(alternative), {**values, "brief": brief})

    def render_commitments(self, values: Mapping[str, Any],
                           brief: Mapping[str, Any]) -> list[Commitment]:
        """The clause's commitments with every text field rendered."""
        context = {**values, "brief": brief}
        out: list[Commitment] = []
        for spec in self.commitments:
            fields: dict[str, Any] = {}
            for name in COMMITMENT_TEXT_FIELDS:
                value = spec.get(name)
                if value is None:
                    continue
                fields[name] = render_string(str(value), context).strip()
            evidence = spec.get("evidence") or []
            if isinstance(evidence, str):
                evidence = [evidence]
            evidence_out = [render_string(str(e), context).strip() for e in evidence]
            target = fields.get("target")
            quantity = _quantity(target)
            unit = fields.get("unit")
            text = fields.get("text") or _commitment_sentence(fields)
            out.append(Commitment(
                text=text, theme=self.theme, measure=fields.get("measure"), quantity=quantity,
                unit=unit, target=target, baseline=fields.get("baseline"),
                deadline=fields.get("deadline"), beneficiaries=fields.get("beneficiaries"),
                evidence=evidence_out, reporting_frequency=fields.get("reporting_frequency"),
                verifier=fields.get("verifier"), consequence=fields.get("consequence"),
                party="supplier", id=f"{self.id}.{spec.get('id')}", clause_id=self.id,
                kpi=bool(spec.get("kpi", False)),
            ))
        return out

    def template_sources(self) -> list[str]:
        """Every string of the clause that jinja2 renders (body, alternatives, commitments)."""
        sources = [self.body] + [a.body for a in self.alternatives]
        for spec in self.commitments:
            for name in COMMITMENT_TEXT_FIELDS:
                if spec.get(name) is not None:
                    sources.append(str(spec[name]))
            evidence = spec.get("evidence") or []
            sources += [str(e) for e in ([evidence] if isinstance(evidence, str) else evidence)]
        return sources


def body_sha256(rendered_body: str) -> str:
    """The hash recorded for a clause in document properties: sha256 of its rendered body."""
    normalised = "\n".join(line.rstrip() for line in rendered_body.strip().splitlines())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _quantity(target: str | None) -> float | None:
    if target and _NUMBER.match(target):
        try:
            return float(target.replace(",", ""))
        except ValueError:
            return None
    return None


def format_amount(target: str, unit: str | None, quantity: float | None = None) -> str:
    """A target with its unit as a reader writes it: "10 FTE", "30%", "£250,000"."""

    target = target.strip()
    unit = (unit or "").strip()
    if unit in ("£", "GBP", "pounds") and quantity is not None:
        return money(quantity)
    if unit.startswith("%"):
        return target if target.endswith("%") else f"{target}{unit}"
    if unit and unit.lower() not in target.lower():
        return f"{target} {unit}"
    return target


def _commitment_sentence(fields: Mapping[str, Any]) -> str:
    """A one-line statement of a commitment when the clause gives no ``text``."""
    measure = fields.get("measure") or "Commitment"
    target = fields.get("target") or ""
    amount = format_amount(target, fields.get("unit"), _quantity(target)) if target else ""
    deadline = fields.get("deadline")
    sentence = f"{measure}: {amount}" if amount else measure
    if deadline:
        sentence += f" by {deadline}"
    return sentence


def parse_clause_text(text: str, path: Path | None = None) -> tuple[dict[str, Any], str, int]:
    """Front matter (parsed, not yet validated), body and body start line of a clause file."""
    front, body, body_line = split_front_matter(text)
    try:
        data = load_yaml(front, dates_as_text=True)
    except yaml.YAMLError as exc:
        raise ClauseFormatError(yaml_error_line(exc, offset=1)) from None
    if not isinstance(data, dict):
        raise ClauseFormatError("front matter must be a mapping of field names to values")
    return data, body, body_line
