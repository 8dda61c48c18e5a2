"""The application factory: :func:`create_app` wires settings, database, jobs and routes.

>>> from svdocs.web import create_app, WebSettings
>>> app = create_app(WebSettings(data_dir=Path("svdocs-data")))     # doctest: +SKIP

The database is opened (and migrated) when the app is made; the lifespan's end stops the
jobs, closes the database and, with ``--ephemeral``, removes everything.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from svdocs._version import __version__
from svdocs.web import backend
from svdocs.web.reviews import MAX_FILES
from svdocs.web.routes_api import router as api_router
from svdocs.web.routes_assemble import router as assemble_router
from svdocs.web.routes_pages import router as pages_router
from svdocs.web.security import SecurityMiddleware
from svdocs.web.services import HERE, Services, error_response, log, templates
from svdocs.web.settings import WebSettings


def create_app(settings: WebSettings) -> FastAPI:
    services = Services(settings)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            services.close()

    app = FastAPI(title="svdocs", version=__version__, lifespan=lifespan,
                  description="Lint tender documents for vague social value commitments and "
                              "assemble social value clauses: the JSON API beside the pages.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.services = services
    app.state.templates = templates()
    max_body = MAX_FILES * backend.upload_limits().max_file_size + 1024 * 1024
    app.add_middleware(SecurityMiddleware, settings=settings, max_body=max_body,
                       on_session=services.sessions.touch)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    app.include_router(api_router)
    app.include_router(pages_router)
    app.include_router(assemble_router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: "
                    f"{e.get('msg')}" for e in exc.errors()]
        return error_response(request, 422, "; ".join(problems) or "invalid request")

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return error_response(request, 500, f"internal error ({type(exc).__name__}); the "
                                            "server keeps running")

    return app
