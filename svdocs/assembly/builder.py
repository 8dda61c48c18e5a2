"""Build the three documents of a brief from the clause library and the document templates.

Each document template (``templates/<name>.md.j2``) is Markdown with jinja2 and a small front
matter (``kind``, ``title``, ``file``). It is rendered in the sandbox with the brief and the
ordered clause ids for that document; in the result a line ``::clause ID`` places a numbered
library clause and ``::kpi-table`` places the KPI table. Everything else in the template is
unnumbered text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from svdocs.assembly.brief import KPI_CLAUSE, Brief, Plan, brief_summary, plan
from svdocs.assembly.kpi import kpi_rows, kpi_table_blocks
from svdocs.core.errors import ValidationError
from svdocs.core.markdown_blocks import BlockBuilder, Counters
from svdocs.core.model import Block, BlockKind, Commitment, Document
from svdocs.core.resources import templates_dir
from svdocs.core.yaml import load_yaml
from svdocs.library.clause import Clause, body_sha256, split_front_matter
from svdocs.library.loader import Library, load_library
from svdocs.library.sandbox import TemplateError, render_string, template_environment, tidy

#: The document kinds, their templates and the clause stages each one holds.
DOCUMENTS: dict[str, tuple[str, frozenset[str]]] = {
    "specification": ("specification.md.j2", frozenset({"specification"})),
    "itt": ("itt-section.md.j2", frozenset({"selection", "itt-question", "evaluation"})),
    "schedule": ("schedule.md.j2", frozenset({"contract", "kpi"})),
    "kpis": ("kpi-schedule.md.j2", frozenset({"kpi"})),
    "remedies": ("remedies-schedule.md.j2", frozenset({"remedies"})),
    "definitions": ("definitions-schedule.md.j2", frozenset({"definitions"})),
}
#: When a brief asks for one of these documents, these clauses go there and nowhere else
#: (a tender pack: the KPI schedule, the remedies and the definitions in documents of their
#: own, which the other documents refer to).
MOVED: dict[str, frozenset[str]] = {
    "kpis": frozenset({KPI_CLAUSE}),
    "remedies": frozenset({"remedies-escalation", "service-credits"}),
    "definitions": frozenset({"local-definition", "definitions-schedule"}),
}
#: Governance clauses that open a document, in this order.
OPENING: tuple[str, ...] = (
    "itt-social-value-section", "evaluation-scoring", "social-value-schedule",
    "commissioning-needs-assessment", "commissioning-design", "market-engagement",
    "local-definition", "community-benefits-scotland", "social-public-works-wales",
)
#: Governance clauses that close a document, in this order (the KPI schedule last).
CLOSING: tuple[str, ...] = (
    "delivery-plan", "reporting-and-evidence", "verification-and-audit", "remedies-escalation",
    "flow-down-subcontractors", "performance-review", "precedence", KPI_CLAUSE,
)

_DIRECTIVE = re.compile(r"^::(clause|kpi-table)(?:[ \t]+(\S+))?[ \t]*$")


@dataclass
class AssemblyResult:
    """The documents of one brief by kind, the commitments they create, and what was used."""

    brief: Brief
    documents: dict[str, Document] = field(default_factory=dict)
    commitments: list[Commitment] = field(default_factory=list)
    file_stems: dict[str, str] = field(default_factory=dict)  # kind -> output file stem
    clause_versions: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # rules of selection that applied
    plan: Plan | None = None
    with_notes: bool = False  # drafting notes kept in the documents (previews only)
    input_folders: list[Path] = field(default_factory=list)  # library and templates used

    def commitments_data(self) -> list[dict[str, Any]]:
        """``commitments.json``: each commitment's fields plus its clause id and version."""
        out = []
        for c in self.commitments:
            data = c.to_dict()
            data["clause_version"] = self.clause_versions.get(c.clause_id or "")
            out.append(data)
        return out

    @property
    def kpis(self) -> list[Commitment]:
        return [c for c in self.commitments if c.kpi]


@dataclass
class _Template:
    name: str
    kind: str
    title: str
    file: str
    body: str


def assemble(brief: Brief, library: Library | None = None, *, templates: Path | None = None,
             notes: bool | None = None) -> AssemblyResult:
    """Assemble the documents the brief asks for (default: all three) and its commitments.

    Raises :class:`ValidationError` for a brief that breaks the rules of selection or does not
    fit the library, naming the brief file and each problem.
    """
    library = library if library is not None else load_library()
    folder = Path(templates) if templates is not None else templates_dir()
    with_notes = brief.notes if notes is None else notes
    chosen = plan(brief, library)
    result = AssemblyResult(brief=brief, notes=list(chosen.notes), plan=chosen,
                            with_notes=with_notes, input_folders=[library.path, folder])
    context = brief.context()

    rendered: dict[str, tuple[str, list[Commitment]]] = {}
    problems: list[str] = []
    for sel in chosen.selected:
        clause = library.clauses[sel.id]
        result.clause_versions[clause.id] = clause.version
        try:
            body = clause.render_body(sel.values, context, sel.alternative)
            commitments = clause.render_commitments(sel.values, context)
        except TemplateError as exc:
            where = clause.path or clause.id
            problems.append(f"{where}: clause '{clause.id}' cannot be rendered: {exc}")
            continue
        rendered[clause.id] = (tidy(body), commitments)
    if problems:
        raise ValidationError(problems, brief.where)

    order = {cid: i for i, cid in enumerate(chosen.ids)}
    moved = {k: ids for k, ids in MOVED.items() if k in brief.documents}
    for kind in brief.documents:
        template_name, stages = DOCUMENTS[kind]
        ids = _ordered([library.clauses[i] for i in chosen.ids
                        if _placed_in(kind, library.clauses[i], stages, moved)], order)
        template = _load_template(folder, template_name)
        if kind == "kpis":  # the KPIs of the clauses the contract schedule holds
            _, contract = DOCUMENTS["schedule"]
            source = [i for i in chosen.ids if contract & set(library.clauses[i].stages)]
            kpis = [c for cid in source for c in rendered[cid][1] if c.kpi]
        elif kind == "schedule" and "kpis" not in brief.documents:
            kpis = [c for cid in ids for c in rendered[cid][1] if c.kpi]
        else:
            kpis = []
        doc = _build_document(folder, template, brief, library, ids, rendered, kpis,
                              with_notes)
        doc.properties["inputs"] = rendering_inputs(context, chosen, ids)
        result.documents[kind] = doc
        result.file_stems[kind] = template.file
    seen: set[str] = set()
    for cid in chosen.ids:
        for c in rendered[cid][1]:
            if c.id not in seen:
                seen.add(c.id or "")
                result.commitments.append(c)
    return result


def rendering_inputs(context: dict[str, Any], chosen: Plan, ids: list[str]) -> dict[str, Any]:
    """What the clauses of one document were rendered with: the brief facts they may read
    and each clause's alternative and values. Writers record it so that ``svdocs audit`` can
    render the library text again and show what an edit changed."""
    selected = {s.id: s for s in chosen.selected}
    clauses = {}
    for cid in ids:
        sel = selected[cid]
        clauses[cid] = {"alternative": sel.alternative, "values": dict(sel.values)}
    return {"brief": dict(context), "clauses": clauses}


def _placed_in(kind: str, clause: Clause, stages: frozenset[str],
               moved: dict[str, frozenset[str]]) -> bool:
    """Whether ``clause`` goes in the document ``kind``: its stages match, and no document
    of its own (``moved``) takes it."""
    if kind in moved:
        return clause.id in moved[kind]
    if any(clause.id in ids for ids in moved.values()):
        return False
    return bool(stages & set(clause.stages))


def _ordered(clauses: list[Clause], order: dict[str, int]) -> list[str]:
    def key(c: Clause) -> tuple[int, int, int]:
        if c.id in OPENING:
            return (0, OPENING.index(c.id), 0)
        if c.id in CLOSING:
            return (2, CLOSING.index(c.id), 0)
        if c.theme == "governance":
            return (2, -1, order[c.id])  # other governance clauses: before the closing ones
        return (1, 0 if c.theme == "imperatives" else 1, order[c.id])

    return [c.id for c in sorted(clauses, key=key)]


def _load_template(folder: Path, name: str) -> _Template:
    path = folder / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValidationError([f"cannot read document template: {exc.strerror or exc}"],
                              str(path)) from None
    try:
        front, body, _ = split_front_matter(text)
        meta = load_yaml(front, dates_as_text=True) or {}
    except Exception as exc:
        raise ValidationError([f"bad front matter: {exc}"], str(path)) from None
    missing = [k for k in ("kind", "title", "file") if not isinstance(meta.get(k), str)]
    if missing:
        raise ValidationError([f"front matter needs {', '.join(missing)}"], str(path))
    return _Template(name, meta["kind"], meta["title"], meta["file"], body)


def _build_document(folder: Path, template: _Template, brief: Brief, library: Library,
                    ids: list[str], rendered: dict[str, tuple[str, list[Commitment]]],
                    kpis: list[Commitment], notes: bool) -> Document:
    folder_env = template_environment(str(folder))
    context = {"brief": brief.context(), "clauses": ids, "kpis": [c.id for c in kpis],
               "kpi_clause": KPI_CLAUSE,
               "titles": {cid: library.clauses[cid].title for cid in ids}}
    try:
        text = render_string(template.body, context, folder_env)
    except TemplateError as exc:
        raise ValidationError([f"document template cannot be rendered: {exc}"],
                              template.name) from None
    counters = Counters()
    builder = BlockBuilder(counters, notes=notes)
    blocks: list[Block] = []
    records: list[dict[str, str]] = []
    placed: set[str] = set()
    last_clause_path: tuple[str, ...] = ()
    pending: list[str] = []

    def flush() -> None:
        chunk = "\n".join(pending).strip()
        pending.clear()
        if chunk:
            blocks.extend(builder.free(chunk))

    for line in text.splitlines():
        match = _DIRECTIVE.match(line.strip())
        if not match:
            pending.append(line)
            continue
        flush()
        what, arg = match.group(1), match.group(2)
        if what == "clause":
            if not arg or arg not in rendered:
                raise ValidationError([f"'::clause {arg or ''}' names no chosen clause"],
                                      template.name)
            if arg in placed:
                continue
            placed.add(arg)
            clause = library.clauses[arg]
            body = rendered[arg][0]
            meta = {"clause_id": clause.id, "clause_version": clause.version}
            clause_blocks = builder.clause(clause.title, body, meta)
            blocks.extend(clause_blocks)
            last_clause_path = (clause.title,)
            records.append({"id": clause.id, "version": clause.version, "title": clause.title,
                            "sha256": body_sha256(body)})
        elif kpis:
            in_clause = bool(blocks) and blocks[-1].meta.get("clause_id") == KPI_CLAUSE
            heading = next((b for b in reversed(blocks) if b.kind is BlockKind.HEADING), None)
            path = last_clause_path if in_clause else (
                (*heading.heading_path, heading.text) if heading else ())
            meta = {"clause_id": KPI_CLAUSE} if in_clause else {}
            blocks.extend(kpi_table_blocks(kpi_rows(kpis), counters, path, meta,
                                           [c.id or "" for c in kpis]))
    flush()

    properties: dict[str, Any] = dict(brief_summary(brief))
    properties["clauses"] = records
    properties["template"] = template.name
    if brief.start_date:
        properties["start_date"] = brief.start_date.isoformat()
    return Document(blocks=blocks, path=None, title=template.title, kind=template.kind,
                    properties=properties)


def assemble_file(brief_path: Path, library_dir: Path | None = None,
                  **kwargs: Any) -> AssemblyResult:
    """Load a brief (and optionally a library folder) and assemble it."""
    from svdocs.assembly.brief import load_brief  # deferred: start-up: loaded only by this command

    library = load_library(library_dir) if library_dir is not None else load_library()
    brief = load_brief(brief_path, library)
    return assemble(brief, library, **kwargs)


def clause_ids(result: AssemblyResult, kind: str) -> list[str]:
    """The clause ids placed in one document, in order."""
    return [r["id"] for r in result.documents[kind].properties.get("clauses", [])]


def all_blocks(result: AssemblyResult) -> Iterable[Block]:
    for doc in result.documents.values():
        yield from doc.blocks
