"""`svdocs serve`: the web application for people who never open a terminal.

The web package (FastAPI, uvicorn, SQLAlchemy, Alembic) is an extra: it is imported only when
this command runs, and its absence is a one-line error saying what to install.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from svdocs.core.errors import SvdocsError

INSTALL_HINT = 'the web application needs the "web" extra: pip install "svdocs[web]"'


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Any address other than the loopback needs --token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder for the database and stored documents "
                                 "[default: ./svdocs-data].")
@click.option("--token", default=None, envvar="SVDOCS_TOKEN", show_envvar=True,
              help="Access token every request must carry (required off the loopback).")
@click.option("--database", "database_url", default=None, metavar="URL",
              help="SQLAlchemy database URL, e.g. postgresql://user@host/svdocs "
                   "[default: SQLite in the data folder].")
@click.option("--ephemeral", is_flag=True,
              help="Keep nothing: reviews last for the browser session and go at shutdown.")
@click.option("--retention-days", type=click.IntRange(min=1), default=30, show_default=True,
              help="Delete reviews and their documents this many days after upload.")
def serve(host: str, port: int, data_dir: Path | None, token: str | None,
          database_url: str | None, ephemeral: bool, retention_days: int) -> None:
    """Start the svdocs web application: review documents, decide on findings, assemble
    documents from a form, browse the clause library and rules, in a browser."""
    try:
        import alembic  # noqa: F401
        import fastapi  # noqa: F401
        import multipart  # noqa: F401
        import sqlalchemy  # noqa: F401
        import uvicorn  # noqa: F401

        # deferred: the web extra (FastAPI, uvicorn) loads only for svdocs serve
        from svdocs.web.server import run
        from svdocs.web.settings import WebSettings  # deferred: the web extra
    except ImportError as exc:
        raise SvdocsError(f"{INSTALL_HINT} ({exc.name or exc} is not installed)") from None

    settings = WebSettings.build(
        host=host, data_dir=data_dir, token=token or None, database_url=database_url,
        ephemeral=ephemeral, retention_days=retention_days, cwd=Path(os.getcwd()))
    run(settings, host=host, port=port)
