"""The assembly form, generated from the brief schema, and its preview and downloads.

Each schema property becomes a field (an enum a list, a number a number box, a list of
choices a set of check boxes, a mapping a YAML box); the clause choices come from the
library. Every problem the brief checks report is shown at once beside the field it names.
Assembled documents are kept in memory only, for the preview and the downloads.
"""

from __future__ import annotations

import re
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import yaml
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from svdocs.core import law
from svdocs.core.errors import SvdocsError, ValidationError
from svdocs.web import backend
from svdocs.web.routes_api import _attachment
from svdocs.web.routes_pages import require_csrf
from svdocs.web.security import PREVIEW_CSP
from svdocs.web.services import Services, render

router = APIRouter(include_in_schema=False)

#: Assembled results kept for preview and download, newest last.
MAX_KEPT = 32
KEEP_SECONDS = 3600
LABELS = {"contract_title": "Contract title", "kind": "Kind of contract",
          "value": "Estimated value (£)", "term": "Term", "weighting": "Social value weighting (%)",
          "weighting_reason": f"Reason for a weighting under {law.MIN_SV_WEIGHTING}%",
          "start_date": "Start date",
          "toc": "Table of contents", "notes": "Keep drafting notes in the preview",
          "documents": "Documents to assemble", "themes": "Themes",
          "clauses": "Clauses", "variables": "Variable values (YAML)"}
HELP = {"variables": "One per line, e.g. local_area: \"the postcode districts NS1 to NS9\"",
        "clauses": "Governance clauses (schedule, reporting, remedies...) are added by the "
                   "assembler; choose the commitments.",
        "themes": "A theme adds its clauses that apply to this contract."}
FIELD_RE = re.compile(r"^([a-z_]+)")


@dataclass
class FormField:
    name: str
    label: str
    widget: str  # text, number, select, checkbox, choices, clauses, yaml
    required: bool = False
    choices: list[str] = field(default_factory=list)
    hint: str | None = None


def form_fields() -> list[FormField]:
    schema = backend.brief_schema()
    required = set(schema.get("required", []))
    out = []
    for name, spec in schema["properties"].items():
        label = LABELS.get(name, name.replace("_", " ").capitalize())
        hint = spec.get("x-expected") or HELP.get(name)
        if "enum" in spec:
            widget, choices = "select", list(spec["enum"])
        elif spec.get("type") == "number":
            widget, choices = "number", []
        elif spec.get("type") == "boolean":
            widget, choices = "checkbox", []
        elif spec.get("type") == "array" and "enum" in spec.get("items", {}):
            widget, choices = "choices", list(spec["items"]["enum"])
        elif name == "clauses":
            widget, choices = "clauses", []
        elif spec.get("type") == "object":
            widget, choices = "yaml", []
        else:
            widget, choices = "text", []
        if name == "themes":
            choices = [t for t in choices if t not in ("governance", "imperatives")]
        out.append(FormField(name, label, widget, name in required, choices, hint))
    return out


def clause_groups() -> list[tuple[str, list[Any]]]:
    groups: dict[str, list[Any]] = {}
    for c in backend.library():
        if c.theme != "governance":
            groups.setdefault(c.theme, []).append(c)
    return sorted(groups.items())


def _number(raw: str) -> Any:
    try:
        value = float(raw.replace(",", "").replace("£", ""))
    except ValueError:
        return raw  # the schema check says a number is expected
    return int(value) if value.is_integer() else value


def brief_from_form(form: Any) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The brief mapping from the submitted form, and problems found reading it."""
    data: dict[str, Any] = {}
    problems: dict[str, list[str]] = {}
    for f in form_fields():
        if f.widget in ("choices", "clauses"):
            values = [v for v in form.getlist(f.name) if isinstance(v, str) and v]
            if values:
                data[f.name] = values
            continue
        if f.widget == "checkbox":
            data[f.name] = form.get(f.name) == "on"
            continue
        raw = form.get(f.name)
        raw = raw.strip() if isinstance(raw, str) else ""
        if not raw:
            continue
        if f.widget == "number":
            data[f.name] = _number(raw)
        elif f.widget == "yaml":
            try:
                parsed = yaml.safe_load(raw)
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                where = f" (line {mark.line + 1})" if mark is not None else ""
                problems.setdefault(f.name, []).append(f"cannot read these values{where}: "
                                                       "write one 'name: value' per line")
                continue
            if not isinstance(parsed, dict):
                problems.setdefault(f.name, []).append("write one 'name: value' per line")
                continue
            data[f.name] = parsed
        else:
            data[f.name] = raw
    return data, problems


def place_problems(lines: list[str], names: set[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Each problem beside the field it names; the rest for the top of the form."""
    by_field: dict[str, list[str]] = {}
    general: list[str] = []
    for line in lines:
        m = FIELD_RE.match(line)
        name = m.group(1) if m else None
        if name in names:
            by_field.setdefault(name, []).append(line)
        else:
            general.append(line)
    return by_field, general


def services(request: Request) -> Services:
    s: Services = request.app.state.services
    return s


def _form_page(request: Request, values: dict[str, Any], errors: dict[str, list[str]],
               general: list[str], status: int = 200) -> Response:
    return render(request, "assemble.html", {
        "fields": form_fields(), "values": values, "errors": errors, "general": general,
        "groups": clause_groups(), "title": "Assemble documents",
        "error_count": sum(len(v) for v in errors.values()) + len(general)}, status=status)


DEFAULTS: dict[str, Any] = {"kind": "services", "jurisdiction": "england", "toc": True,
                            "documents": ["specification", "itt", "schedule"]}


@router.get("/assemble")
def assemble_form(request: Request) -> Response:
    return _form_page(request, DEFAULTS, {}, [])


@router.post("/assemble")
async def assemble_submit(request: Request) -> Response:
    form = await request.form()
    token = form.get("csrf_token")
    require_csrf(request, token if isinstance(token, str) else None)
    data, problems = brief_from_form(form)
    shown = dict(data)
    if isinstance(shown.get("variables"), dict):
        raw = form.get("variables")
        shown["variables"] = raw if isinstance(raw, str) else ""
    if problems:
        return _form_page(request, shown, problems, [], status=422)
    try:
        result = backend.assemble(data)
    except ValidationError as exc:
        by_field, general = place_problems(exc.problems, {f.name for f in form_fields()})
        return _form_page(request, shown, by_field, general, status=422)
    except SvdocsError as exc:
        return _form_page(request, shown, {}, [exc.message], status=422)
    rid = _keep(services(request), data, result)
    return render(request, "assembled.html", {
        "rid": rid, "result": result, "kinds": list(result.documents),
        "title": f"Assembled: {result.brief.contract_title}",
        "files": list(backend.assembly_files(result, formats=("docx", "md", "html")))})


def _keep(svc: Services, data: dict[str, Any], result: Any) -> str:
    kept: OrderedDict[str, Any] = svc.assemblies
    rid = secrets.token_hex(16)
    kept[rid] = (time.monotonic(), data, result)
    cutoff = time.monotonic() - KEEP_SECONDS
    for key in [k for k, v in kept.items() if v[0] < cutoff]:
        kept.pop(key, None)
    while len(kept) > MAX_KEPT:
        kept.popitem(last=False)
    return rid


def _kept(request: Request, rid: str) -> tuple[dict[str, Any], Any]:
    got = services(request).assemblies.get(rid)
    if got is None:
        raise HTTPException(404, "this assembly is no longer kept: fill in the form again")
    return got[1], got[2]


@router.get("/assemble/{rid}/preview/{kind}")
def preview(request: Request, rid: str, kind: str) -> Response:
    _data, result = _kept(request, rid)
    if kind not in result.documents:
        raise HTTPException(404, "no such document")

    return Response(backend.preview_html(result, kind), media_type="text/html; charset=utf-8",
                    headers={"content-security-policy": PREVIEW_CSP})


@router.get("/assemble/{rid}/documents.zip")
def download_zip(request: Request, rid: str) -> Response:
    _data, result = _kept(request, rid)
    name = backend.safe_name(f"{result.brief.reference}.zip")
    return Response(backend.zip_files(backend.assembly_files(result)),
                    media_type="application/zip", headers=_attachment(name))


@router.get("/assemble/{rid}/brief.yml")
def download_brief(request: Request, rid: str) -> Response:
    data, result = _kept(request, rid)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    name = backend.safe_name(f"{result.brief.reference}.yml")
    return Response(text, media_type="application/yaml", headers=_attachment(name))
