"""The application factory: :func:`create_app` wires settings, database, jobs and routes.

>>> from svdocs.web import create_app, WebSettings
>>> app = create_app(WebSettings(data_dir=Path("svdocs-data")))     # doctest: +SKIP

The database is opened (and migrated) when the app is made; the lifespan's end stops the
jobs, closes the database and, with ``--ephemeral``, removes everything.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from . import backend
from .db import Database
from .jobs import Jobs
from .reviews import MAX_FILES, ReviewService
from .security import SecurityMiddleware, SessionClock, csrf_token
from .settings import WebSettings

log = logging.getLogger("svdocs.web")
HERE = Path(__file__).resolve().parent
#: How often expired reviews are looked for, in seconds.
SWEEP_SECONDS = 600


class Services:
    """What the routes use, kept on ``app.state.services``."""

    def __init__(self, settings: WebSettings) -> None:
        settings.prepare()
        self.settings = settings
        self.db = Database(settings.url)
        self.jobs = Jobs(settings.job_workers)
        self.reviews = ReviewService(settings, self.db, self.jobs)
        self.sessions = SessionClock()
        self.assemblies: OrderedDict[str, Any] = OrderedDict()  # previews, in memory only
        self._stop = threading.Event()
        self.reviews.sweep(orphans=True)
        self._sweeper = threading.Thread(target=self._sweep_loop, name="svdocs-sweep",
                                         daemon=True)
        self._sweeper.start()

    def _sweep_loop(self) -> None:
        while not self._stop.wait(SWEEP_SECONDS):
            self.sweep()

    def sweep(self) -> int:
        idle = (self.sessions.idle(self.settings.session_idle_minutes)
                if self.settings.ephemeral else None)
        try:
            return self.reviews.sweep(idle_sessions=idle)
        except Exception:  # a busy database: try again next time
            log.exception("clean-up of expired reviews failed")
            return 0

    def close(self) -> None:
        self._stop.set()
        self.jobs.shutdown()
        self.db.close()
        self.assemblies.clear()
        self.settings.discard()


def templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return Jinja2Templates(env=env)


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

    from .routes_api import router as api_router
    from .routes_assemble import router as assemble_router
    from .routes_pages import router as pages_router

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


def wants_json(request: Request) -> bool:
    return (request.url.path.startswith("/api/") or request.url.path == "/healthz"
            or "application/json" in request.headers.get("accept", ""))


def error_response(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    return render(request, "error.html", {"status": status, "message": message},
                  status=status)


def session_of(request: Request) -> str | None:
    session = request.scope.get("state", {}).get("session")
    return str(session) if session else None


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    services: Services = request.app.state.services
    session = session_of(request) or ""
    base = {"csrf": csrf_token(services.settings.secret, session), "version": __version__,
            "ephemeral": services.settings.ephemeral,
            "retention_days": services.settings.retention_days,
            "nav": request.url.path.split("/")[1] or "review"}
    response: Response = request.app.state.templates.TemplateResponse(
        request, name, base | context, status_code=status)
    return response
