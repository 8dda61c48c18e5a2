"""The JSON API (documented at ``/api/docs``): the same results as the CLI, over HTTP.

Nothing the API receives is stored: uploads are read in memory, linted and forgotten.
"""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import quote

import yaml
from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from svdocs._version import __version__
from svdocs.assembly.brief import MAX_BRIEF_BYTES
from svdocs.core.errors import InputError, SvdocsError, ValidationError
from svdocs.library.clause import load_yaml
from svdocs.web import backend
from svdocs.web.reviews import check_uploads

router = APIRouter()

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def read_files(files: list[UploadFile]) -> list[tuple[str | None, bytes]]:
    """The uploads' names and bytes; one over the size limit is a 413 at once."""
    limit = backend.upload_limits().max_file_size
    out = []
    for f in files:
        data = await f.read(limit + 1)
        if len(data) > limit:
            raise HTTPException(413, f"{backend.safe_name(f.filename)}: larger than the limit "
                                     f"max_file_size ({limit:,} bytes; raise it with "
                                     "SVDOCS_MAX_FILE_SIZE)")
        out.append((f.filename, data))
    return out


def refuse_problems(checked: Any) -> None:
    """An upload that cannot be read is a 4xx naming it: 413 when too large, else 422."""
    if checked.problems:
        status = 413 if any(p.too_large for p in checked.problems) else 422
        lines = [f"{p.name}: {p.message}" if p.name else p.message for p in checked.problems]
        raise HTTPException(status, "; ".join(lines))


@router.get("/healthz", tags=["service"])
def healthz() -> dict[str, str]:
    """Whether the server is up."""
    return {"status": "ok", "version": __version__}


@router.post("/api/lint", tags=["lint"])
async def api_lint(
    file: Annotated[list[UploadFile], File(description="One or more documents (DOCX, PDF, "
                                                       "Markdown, HTML, text).")],
    scope: Annotated[str | None, Form(description="social-value (default) or all")] = None,
) -> JSONResponse:
    """Lint the uploaded files: the report ``svdocs lint --format json`` gives for files of
    the same names. An unreadable file is a 422 (413 when too large) naming it."""
    checked = check_uploads(await read_files(file))
    refuse_problems(checked)
    try:
        backend.config_for(scope)
    except InputError as exc:
        raise HTTPException(422, exc.message) from None
    uploads = sorted(checked.readable, key=lambda u: u.name)
    report = backend.lint_uploads([(u.name, u.data) for u in uploads], scope)
    return JSONResponse(backend.report_data(report))


@router.post("/api/annotate", tags=["lint"], response_class=Response,
             responses={200: {"content": {DOCX_TYPE: {}},
                              "description": "The reviewed DOCX with findings as comments"}})
async def api_annotate(
    file: Annotated[UploadFile, File(description="A DOCX document.")],
    scope: Annotated[str | None, Form()] = None,
) -> Response:
    """Lint a DOCX and return a reviewed copy with every finding as a Word comment on its
    exact words (``svdocs lint --annotate``)."""
    uploads = await read_files([file])
    name = backend.safe_name(uploads[0][0])
    if backend.extension(name) != ".docx":
        raise HTTPException(415, f"{name}: only a DOCX can be annotated")
    checked = check_uploads(uploads)
    refuse_problems(checked)
    up = checked.readable[0]
    try:
        report = backend.lint_uploads([(up.name, up.data)], scope, keep_documents=True)
        fr = report.files[0]
        assert fr.document is not None
        data = backend.annotate(up.data, fr.findings, fr.document)
    except SvdocsError as exc:
        raise HTTPException(422, str(exc)) from None
    return Response(data, media_type=DOCX_TYPE, headers=_attachment(
        backend.reviewed_name(up.name)))


def _attachment(name: str) -> dict[str, str]:

    ascii_name = "".join(ch if ch.isascii() and ch not in '"\\;' else "_" for ch in name)
    return {"content-disposition":
            f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"}


def parse_brief(raw: bytes, content_type: str) -> Any:

    if len(raw) > MAX_BRIEF_BYTES:
        raise HTTPException(413, f"the brief is larger than {MAX_BRIEF_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HTTPException(422, "the brief is not UTF-8 text") from None
    try:
        if "json" in content_type:
            return json.loads(text)

        return load_yaml(text)
    except (ValueError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise HTTPException(422, f"the brief cannot be read: {first}") from None


@router.post("/api/assemble", tags=["assemble"], response_class=Response,
             responses={200: {"content": {"application/zip": {}},
                              "description": "DOCX, Markdown, HTML and commitments.json"},
                        422: {"description": "Every problem with the brief"}},
             openapi_extra={"requestBody": {"content": {
                 "application/yaml": {"schema": {"type": "string"}},
                 "application/json": {"schema": {"type": "object"}}}, "required": True}})
async def api_assemble(request: Request) -> Response:
    """Assemble a brief (the request body, YAML or JSON) into a zip of the documents, as
    ``svdocs assemble`` writes them. Problems: 422 with ``errors``, one line each."""
    raw = await request.body()
    data = parse_brief(raw, request.headers.get("content-type", ""))
    try:
        result = backend.assemble(data)
    except ValidationError as exc:
        return JSONResponse({"error": "the brief has problems", "errors": exc.problems},
                            status_code=422)
    except SvdocsError as exc:
        raise HTTPException(422, exc.message) from None
    name = f"{result.brief.reference or 'assembly'}.zip"
    return Response(backend.zip_files(backend.assembly_files(result)),
                    media_type="application/zip", headers=_attachment(backend.safe_name(name)))


@router.get("/api/rules", tags=["reference"])
def api_rules(q: Annotated[str | None, Query(description="Search text")] = None
              ) -> list[dict[str, Any]]:
    """Every lint rule (as ``svdocs rules list --format json``), optionally searched."""
    return [r.to_dict() for r in search_rules(q)]


@router.get("/api/rules/{rule_id}", tags=["reference"])
def api_rule(rule_id: str) -> dict[str, Any]:
    found = backend.rule(rule_id)
    if found is None:
        raise HTTPException(404, f"unknown rule {rule_id!r}")
    data: dict[str, Any] = found.to_dict()
    return data


@router.get("/api/clauses", tags=["reference"])
def api_clauses(q: Annotated[str | None, Query(description="Search text")] = None,
                theme: str | None = None) -> list[dict[str, Any]]:
    """The clauses of the shipped library with their metadata, optionally searched."""
    return [backend.clause_summary(c) for c in search_clauses(q, theme)]


@router.get("/api/clauses/{clause_id}", tags=["reference"])
def api_clause(clause_id: str) -> dict[str, Any]:
    lib = backend.library()
    if clause_id not in lib:
        raise HTTPException(404, f"unknown clause {clause_id!r}")
    return backend.clause_detail(lib.get(clause_id))


def _matches(q: str | None, *texts: Any) -> bool:
    if not q or not q.strip():
        return True
    hay = " ".join(str(t) for t in texts if t).lower()
    return all(word in hay for word in q.lower().split())


def search_rules(q: str | None) -> list[Any]:
    return [r for r in backend.rules()
            if _matches(q, r.id, r.name, r.category, r.message, r.rationale, r.suggestion,
                        " ".join(r.references))]


def search_clauses(q: str | None, theme: str | None = None) -> list[Any]:
    return [c for c in backend.library()
            if (not theme or c.theme == theme)
            and _matches(q, c.id, c.title, c.theme, " ".join(c.stages), c.guidance, c.body,
                         json.dumps(c.policy, default=str))]
