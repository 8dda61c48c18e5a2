"""What the routes share: the services kept on ``app.state.services`` (database, jobs,
reviews, sessions) and the helpers that render a page or an error for a request."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from svdocs._version import __version__
from svdocs.web.db import Database
from svdocs.web.jobs import Jobs
from svdocs.web.reviews import ReviewService
from svdocs.web.security import SessionClock, csrf_token
from svdocs.web.settings import WebSettings

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
