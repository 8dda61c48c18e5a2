"""The pages: review documents, decide on findings, come back to reviews, browse the clause
library and the rules. State-changing requests need the page's CSRF token."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse, Response

from svdocs.core.errors import InputError, SvdocsError
from svdocs.core.model import CATEGORIES
from svdocs.web import backend
from svdocs.web.reviews import check_uploads
from svdocs.web.routes_api import DOCX_TYPE, _attachment, read_files, search_clauses, search_rules
from svdocs.web.security import CSRF_HEADER, csrf_ok
from svdocs.web.services import Services, render, session_of, wants_json

router = APIRouter(include_in_schema=False)

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def services(request: Request) -> Services:
    s: Services = request.app.state.services
    return s


def require_csrf(request: Request, given: str | None) -> None:
    token = given or request.headers.get(CSRF_HEADER)
    if not csrf_ok(services(request).settings.secret, session_of(request), token):
        raise HTTPException(403, "this form has expired or did not come from this server: "
                                 "reload the page and try again")


# --------------------------------------------------------------------------- review upload


@router.get("/")
def home(request: Request) -> Response:
    recent = services(request).reviews.list(session_of(request))[:5]
    return render(request, "home.html", {"recent": recent, "title": "Review documents"})


async def _upload(request: Request, files: list[UploadFile], scope: str | None,
                  csrf_token: str | None, previous: str | None) -> Response:
    require_csrf(request, csrf_token)
    svc = services(request)

    checked = check_uploads(await read_files(files))
    if checked.problems:
        status = 413 if any(p.too_large for p in checked.problems) else 422
        lines = [f"{p.name}: {p.message}" if p.name else p.message for p in checked.problems]
        if wants_json(request):
            return JSONResponse({"error": "; ".join(lines), "errors": lines},
                                status_code=status)
        return render(request, "home.html", {"errors": lines, "title": "Review documents",
                                             "recent": svc.reviews.list(session_of(request))[:5]},
                      status=status)
    try:
        review_id = svc.reviews.create(checked.readable, scope=scope,
                                       session=session_of(request), previous=previous)
    except InputError as exc:
        raise HTTPException(422, exc.message) from None
    url = f"/reviews/{review_id}"
    if wants_json(request):
        return JSONResponse({"review": review_id, "url": url}, status_code=201)
    return RedirectResponse(url, status_code=303)


@router.post("/reviews")
async def upload(request: Request, file: Annotated[list[UploadFile], File()],
                 scope: Annotated[str | None, Form()] = None,
                 csrf_token: Annotated[str | None, Form()] = None) -> Response:
    return await _upload(request, file, scope, csrf_token, None)


@router.post("/reviews/{review_id}/versions")
async def new_version(request: Request, review_id: str,
                      file: Annotated[list[UploadFile], File()],
                      csrf_token: Annotated[str | None, Form()] = None) -> Response:
    review = _review(request, review_id)
    return await _upload(request, file, review.scope, csrf_token, review.id)


# --------------------------------------------------------------------------- one review


def _review(request: Request, review_id: str) -> Any:
    review = services(request).reviews.get(review_id, session_of(request))
    if review is None:
        raise HTTPException(404, "no such review (it may have been deleted or expired)")
    return review


def segments(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, list[str]]]:
    """``text`` cut where findings start and end: ``[(piece, [finding ids covering it])]``."""
    cuts = {0, len(text)}
    for start, end, _ in spans:
        cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    edges = sorted(cuts)
    out = []
    for a, b in pairwise(edges):
        if a == b:
            continue
        ids = [fid for start, end, fid in spans if start <= a and b <= end]
        out.append((text[a:b], ids))
    return out


def mark_span(f: Any, blocks: list[dict[str, Any]]) -> tuple[int, int] | None:
    """Where to mark a finding in its block: its offsets when they hold its flagged words,
    else where those words are in the block (a list item that inherits its lead-in's verb
    points at the lead-in's words); None for a finding about the document as a whole."""
    loc = f.location
    if not (0 <= loc.block < len(blocks)) or loc.end <= loc.start:
        return None
    text = blocks[loc.block]["text"]
    flagged = f.flagged or ""
    if not flagged or text[loc.start:loc.end] == flagged:
        return (loc.start, min(loc.end, len(text)))
    at = text.lower().find(flagged.lower())
    return (at, at + len(flagged)) if at >= 0 else None


def review_view(request: Request, review: Any) -> dict[str, Any]:
    svc = services(request)
    documents = []
    counts: Counter[str] = Counter()
    rules: set[str] = set()
    for d_index, (doc, items, raw) in enumerate(svc.reviews.decided_findings(review)):
        result = doc.result or {}
        findings = []
        spans_by_block: dict[int, list[tuple[int, int, str]]] = {}
        for f_index, (item, data) in enumerate(zip(items, raw, strict=True)):
            fid = f"f{d_index}-{f_index}"
            f = item.finding
            span = mark_span(f, result.get("blocks", []))
            if span is not None:
                spans_by_block.setdefault(f.location.block, []).append((*span, fid))
            rule = backend.rule(f.rule)
            state = item.action or "open"
            counts[state] += 1
            rules.add(f.rule)
            findings.append({
                "id": fid, "f": f, "state": state, "reason": item.reason,
                "reviewer": item.reviewer, "when": item.when,
                "rule": rule, "commitment": data.get("commitment"),
                "fix_text": backend.clause_text(f.fix_clause) if f.fix_clause else None,
                "marked": span is not None,
            })
        findings.sort(key=lambda x: (x["f"].location.block, x["f"].location.start))
        blocks = []
        for b_index, block in enumerate(result.get("blocks", [])):
            blocks.append(block | {"segments": segments(block["text"],
                                                        spans_by_block.get(b_index, []))})
        documents.append({"doc": doc, "findings": findings, "blocks": blocks,
                          "warnings": result.get("warnings", [])})
    return {"review": review, "documents": documents, "counts": counts,
            "rules": sorted(rules), "categories": CATEGORIES,
            "history": sorted(review.decisions, key=lambda d: d.id, reverse=True),
            "progress": svc.jobs.progress(review.id),
            "comparison": svc.reviews.compare(review) if review.status == "done" else None,
            "title": review.title}


@router.get("/reviews/{review_id}")
def review_page(request: Request, review_id: str) -> Response:
    review = _review(request, review_id)
    return render(request, "review.html", review_view(request, review))


@router.get("/reviews/{review_id}/status")
def review_status(request: Request, review_id: str) -> JSONResponse:
    review = _review(request, review_id)
    progress = services(request).jobs.progress(review.id)
    return JSONResponse({"status": review.status, "message": review.message,
                         "progress": progress.to_dict() if progress else None})


@router.post("/reviews/{review_id}/decisions")
async def decide(request: Request, review_id: str) -> Response:
    form = await request.form()
    require_csrf(request, _text(form.get("csrf_token")))
    try:
        decision = services(request).reviews.decide(
            review_id, session_of(request), document_id=_text(form.get("document_id")) or "",
            fingerprint=_text(form.get("fingerprint")) or "",
            action=_text(form.get("action")) or "", reason=_text(form.get("reason")),
            reviewer=_text(form.get("reviewer")) or "")
    except LookupError:
        raise HTTPException(404, "no such review") from None
    except InputError as exc:
        raise HTTPException(422, exc.message) from None
    if wants_json(request):
        return JSONResponse({"action": decision.action, "reason": decision.reason,
                             "reviewer": decision.reviewer,
                             "when": decision.created_at.isoformat()})
    return RedirectResponse(f"/reviews/{review_id}", status_code=303)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


@router.post("/reviews/{review_id}/delete")
async def delete(request: Request, review_id: str,
                 csrf_token: Annotated[str | None, Form()] = None) -> Response:
    require_csrf(request, csrf_token)
    if not services(request).reviews.delete(review_id, session_of(request)):
        raise HTTPException(404, "no such review")
    return RedirectResponse("/reviews?deleted=1", status_code=303)


REPORT_TYPES = {"json": ("application/json", ".json"), "sarif": ("application/sarif+json",
                                                                   ".sarif"),
                "html": ("text/html; charset=utf-8", ".html")}


@router.get("/reviews/{review_id}/report.{fmt}")
def download_report(request: Request, review_id: str, fmt: str) -> Response:
    review = _review(request, review_id)
    if fmt not in REPORT_TYPES:
        raise HTTPException(404, "no such report format (json, sarif or html)")
    try:
        report = services(request).reviews.report(review, documents=fmt == "html")
    except SvdocsError as exc:
        raise HTTPException(422, str(exc)) from None
    media, ext = REPORT_TYPES[fmt]
    headers = _attachment(f"svdocs-review-{review.id[:8]}{ext}")
    if fmt == "html":  # the report page has its own inline styles and filter script
        headers["content-security-policy"] = ("default-src 'none'; style-src 'unsafe-inline'; "
                                              "script-src 'unsafe-inline'")
    return Response(backend.render_report(report, fmt), media_type=media, headers=headers)


@router.get("/reviews/{review_id}/baseline.json")
def download_baseline(request: Request, review_id: str) -> Response:
    review = _review(request, review_id)
    text = services(request).reviews.dismissed_baseline(review)
    return Response(text, media_type="application/json",
                    headers=_attachment("svdocs-baseline.json"))


@router.get("/reviews/{review_id}/documents/{document_id}/reviewed.docx")
def download_reviewed(request: Request, review_id: str, document_id: str) -> Response:
    review = _review(request, review_id)
    try:
        name, data = services(request).reviews.reviewed_docx(review, document_id)
    except LookupError:
        raise HTTPException(404, "no such document in this review") from None
    except SvdocsError as exc:
        raise HTTPException(422, exc.message) from None

    return Response(data, media_type=DOCX_TYPE, headers=_attachment(name))


# --------------------------------------------------------------------------- reviews list


@router.get("/reviews")
def reviews_page(request: Request) -> Response:
    items = services(request).reviews.list(session_of(request))
    return render(request, "reviews.html", {"reviews": items, "title": "Reviews",
                                            "deleted": request.query_params.get("deleted")})


# --------------------------------------------------------------------------- reference


@router.get("/clauses")
def clauses_page(request: Request) -> Response:
    q = request.query_params.get("q")
    theme = request.query_params.get("theme") or None
    found = search_clauses(q, theme)
    themes = sorted({c.theme for c in backend.library()})
    return render(request, "clauses.html", {"clauses": found, "q": q or "", "theme": theme,
                                            "themes": themes, "title": "Clause library"})


@router.get("/clauses/{clause_id}")
def clause_page(request: Request, clause_id: str) -> Response:
    lib = backend.library()
    if clause_id not in lib:
        raise HTTPException(404, f"unknown clause {clause_id!r}")
    clause = lib.get(clause_id)
    used_by = [r for r in backend.rules() if r.fix_clause == clause_id]
    return render(request, "clause.html", {"c": backend.clause_detail(clause),
                                           "used_by": used_by, "title": clause.title})


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    """The JSON API described from its OpenAPI schema (served at /api/openapi.json)."""
    schema = request.app.openapi()
    endpoints = [(path, method.upper(), op) for path, ops in schema["paths"].items()
                 for method, op in ops.items()]
    return render(request, "api.html", {"endpoints": endpoints, "title": "JSON API"})


@router.get("/rules")
def rules_page(request: Request) -> Response:
    q = request.query_params.get("q")
    return render(request, "rules.html", {"rules": search_rules(q), "q": q or "",
                                          "title": "Lint rules"})


@router.get("/rules/{rule_id}")
def rule_page(request: Request, rule_id: str) -> Response:
    found = backend.rule(rule_id)
    if found is None:
        raise HTTPException(404, f"unknown rule {rule_id!r}")
    return render(request, "rule.html", {"r": found, "title": found.name,
                                         "fix_text": backend.clause_text(found.fix_clause)
                                         if found.fix_clause else None})
