"""`svdocs clauses list | show | check`: browse and validate a clause library."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from svdocs import api
from svdocs.api import STAGES, THEMES
from svdocs.core.errors import InputError, ValidationError

if TYPE_CHECKING:
    from svdocs.library.clause import Clause

_LIBRARY = click.option(
    "--library", "library_dir", type=click.Path(path_type=Path, file_okay=False),
    help="Clause library folder (default: the library shipped with svdocs).",
)


@click.group()
def clauses() -> None:
    """Browse and validate the clause library."""


@clauses.command("list")
@click.option("--theme", type=click.Choice(THEMES), help="Only clauses of this theme.")
@click.option("--stage", type=click.Choice(STAGES), help="Only clauses used at this stage.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@_LIBRARY
def list_command(theme: str | None, stage: str | None, fmt: str,
                 library_dir: Path | None) -> None:
    """List clauses: id, version, theme, status, review date, title and stages (the JSON
    also has the source)."""
    library = api.load_library(library_dir)
    chosen = library.select(theme=theme, stage=stage)
    if fmt == "json":
        click.echo(json.dumps([_summary(c) for c in chosen], indent=2, ensure_ascii=False))
        return
    if not chosen:
        click.echo("no clauses match")
        return
    width = max(len(c.id) for c in chosen)
    for c in chosen:
        click.echo(f"{c.id:<{width}}  {c.version:<7}  {c.theme:<17}  {c.status:<8}  "
                   f"reviewed {c.reviewed or '?':<10}  {c.title}  [{', '.join(c.stages)}]")
    click.echo(f"{len(chosen)} clause(s)")


@clauses.command("show")
@click.argument("clause_id")
@click.option("--alternative", "alt", help="Show this alternative wording instead of the "
                                           "standard one.")
@click.option("--raw", is_flag=True, help="Show the template text instead of rendering it "
                                          "with the default values.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@_LIBRARY
def show_command(clause_id: str, alt: str | None, raw: bool, fmt: str,
                 library_dir: Path | None) -> None:
    """Show a clause: its text, variables, commitments and guidance."""
    library = api.load_library(library_dir)
    try:
        clause = library.get(clause_id)
    except KeyError as exc:
        raise InputError(str(exc.args[0])) from None
    if alt and clause.alternative(alt) is None:
        known = ", ".join(a.id for a in clause.alternatives) or "none"
        raise InputError(f"clause '{clause_id}' has no alternative '{alt}' (it has: {known})")
    body, commitments = api.preview_clause(clause, alt, raw=raw)
    if fmt == "json":
        data = _summary(clause)
        data.update({
            "text": body.strip(),
            "variables": {n: _variable(v) for n, v in clause.variables.items()},
            "commitments": [c.to_dict() for c in commitments],
            "guidance": clause.guidance,
            "alternatives": [{"id": a.id, "title": a.title, "weak": a.weak}
                             for a in clause.alternatives],
            "requires": clause.requires,
        })
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        return
    click.echo(_show_text(clause, body, commitments, alt, raw))


@clauses.command("check")
@click.argument("folder", required=False, type=click.Path(path_type=Path))
def check_command(folder: Path | None) -> None:
    """Validate a clause library and report every problem (exit 2 if there are any).

    Checks the front matter against the schema, duplicate ids, undefined and unused
    variables, variable defaults against their bounds, `requires` naming clauses that exist,
    complete commitments, body structure, and that every body, alternative and commitment
    renders with the default values.
    """
    folder = folder or api.clause_library_dir()
    problems = api.check_library(folder)
    if problems:
        raise ValidationError(problems)
    count = len(api.load_library(folder))
    click.echo(f"{folder}: {count} clause(s), no problems found")


def _summary(c: Clause) -> dict[str, Any]:
    return {
        "id": c.id, "title": c.title, "version": c.version, "theme": c.theme,
        "stages": c.stages, "cycle": c.cycle, "jurisdictions": c.jurisdictions,
        "contract_kinds": c.contract_kinds, "policy": c.policy,
        "status": c.status, "reviewed": c.reviewed, "source": c.source,
        "earlier_versions": [str(h.get("version")) for h in c.history],
        "path": str(c.path) if c.path else None,
    }


def _variable(v: Any) -> dict[str, Any]:
    data = {"type": v.type, "description": v.description}
    if v.default is not None:
        data["default"] = v.default
    if v.required:
        data["required"] = True
    bounds = v.bounds_text()
    if bounds:
        data["allowed"] = bounds
    return data


def _show_text(clause: Clause, body: str, commitments: list[Any], alt: str | None,
               raw: bool) -> str:
    wrap = textwrap.TextWrapper(width=96, initial_indent="    ", subsequent_indent="    ")
    lines = [f"{clause.id} {clause.version}: {clause.title}",
             f"theme: {clause.theme}; stages: {', '.join(clause.stages)}; jurisdictions: "
             f"{', '.join(clause.jurisdictions)}; contracts: {', '.join(clause.contract_kinds)}"]
    for key, value in clause.policy.items():
        lines.append(f"{key}: {', '.join(value) if isinstance(value, list) else value}")
    if clause.requires:
        lines.append(f"requires: {', '.join(clause.requires)}")
    lines.append(f"status: {clause.status}; reviewed: {clause.reviewed or 'never'}")
    lines.append(f"source: {' '.join((clause.source or 'not recorded').split())}")
    if clause.history:
        lines.append("earlier versions kept: "
                     + ", ".join(str(h.get("version")) for h in clause.history))
    label = f"alternative '{alt}'" if alt else "text"
    how = "template" if raw else "rendered with default values"
    lines += ["", f"{label.capitalize()} ({how}):", ""]
    for para in body.strip().split("\n\n"):
        lines += wrap.wrap(" ".join(para.split())) if not para.lstrip().startswith(
            ("-", "|", "#")) else ["    " + ln for ln in para.splitlines()]
        lines.append("")
    if clause.variables:
        lines.append("Variables:")
        for name, v in clause.variables.items():
            default = f"default {v.default!r}" if v.default is not None else "required"
            bounds = v.bounds_text()
            lines.append(f"  {name} ({v.type}; {default}{'; ' + bounds if bounds else ''})")
            lines.append(f"      {v.description}")
        lines.append("")
    if commitments:
        lines.append("Commitments (with default values):")
        for c in commitments:
            lines.append(f"  {c.id}{' [KPI]' if c.kpi else ''}: {c.measure}")
            for part in ("target", "unit", "baseline", "deadline", "beneficiaries",
                         "reporting_frequency", "verifier", "consequence"):
                value = getattr(c, part)
                if value:
                    lines.append(f"      {part.replace('_', ' ')}: {value}")
            if c.evidence:
                lines.append(f"      evidence: {'; '.join(c.evidence)}")
        lines.append("")
    if clause.guidance:
        lines.append("Guidance:")
        lines += wrap.wrap(" ".join(clause.guidance.split()))
        lines.append("")
    if clause.alternatives:
        lines.append("Alternatives:")
        for a in clause.alternatives:
            lines.append(f"  {a.id}: {a.title}{' (weak: never use)' if a.weak else ''}")
    return "\n".join(lines).rstrip()
