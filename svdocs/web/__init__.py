"""The svdocs web application (``svdocs serve``): review documents, decide on findings,
assemble documents from a form and browse the clause library and rules, in a browser, with
a JSON API beside the pages. Installed by the ``web`` extra: ``pip install "svdocs[web]"``.

Everything it does goes through the same library calls as the CLI (see :mod:`.backend`).
"""

from __future__ import annotations

from svdocs.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]


def create_app(settings: WebSettings):  # type: ignore[no-untyped-def]
    """The ASGI application for ``settings`` (FastAPI)."""
    from svdocs.web.app import create_app as make  # deferred: FastAPI loads on first use

    return make(settings)
