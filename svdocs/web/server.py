"""Run the application with uvicorn (what ``svdocs serve`` does)."""

from __future__ import annotations

import contextlib
import socket
import tempfile
import threading
import time
from collections.abc import Iterator

import click
import uvicorn

from svdocs.web.app import create_app
from svdocs.web.settings import WebSettings


def run(settings: WebSettings, *, host: str, port: int) -> None:


    settings.prepare()
    # uploads that spill over to disk while being received stay inside the data folder
    tempfile.tempdir = str(settings.upload_tmp_dir)
    try:
        app = create_app(settings)
        shown = f"[{host}]" if ":" in host else host
        kept = "nothing kept, --ephemeral" if settings.ephemeral else settings.data_dir
        click.echo(f"svdocs: serving on http://{shown}:{port}/ (data: {kept})", err=True)
        if settings.token:
            click.echo("svdocs: every request needs the access token: open "
                       f"http://{shown}:{port}/?token=<token> once", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    finally:
        settings.discard()


@contextlib.contextmanager
def serve_in_thread(settings: WebSettings, *, host: str = "127.0.0.1",
                    port: int = 0) -> Iterator[str]:
    """Run the application in a background thread on ``host`` (a free port unless ``port``)
    and yield its base URL; stops it (and runs the shutdown) on leaving. For tests,
    benchmarks and screenshots: always on this machine only."""



    if port == 0:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind((host, 0))
            port = s.getsockname()[1]
    config = uvicorn.Config(create_app(settings), host=host, port=port, log_level="warning",
                            lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="svdocs-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the svdocs web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
