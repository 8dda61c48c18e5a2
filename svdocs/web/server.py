"""Run the application with uvicorn (what ``svdocs serve`` does)."""

from __future__ import annotations

import tempfile

import click

from .settings import WebSettings


def run(settings: WebSettings, *, host: str, port: int) -> None:
    import uvicorn

    from .app import create_app

    settings.prepare()
    # uploads that spill over to disk while being received stay inside the data folder
    tempfile.tempdir = str(settings.upload_tmp_dir)
    try:
        app = create_app(settings)
        shown = f"[{host}]" if ":" in host else host
        click.echo(f"svdocs: serving on http://{shown}:{port}/ "
                   f"(data: {'kept nowhere, --ephemeral' if settings.ephemeral else settings.data_dir})",
                   err=True)
        if settings.token:
            click.echo("svdocs: every request needs the access token: open "
                       f"http://{shown}:{port}/?token=<token> once", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    finally:
        settings.discard()
