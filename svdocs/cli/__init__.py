"""The ``svdocs`` command: a thin click layer over the library API.

Each command lives in ``svdocs/commands/<name>.py``; this module only groups them and turns
errors into one-line messages with exit code 2.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any

import click

from svdocs._version import __version__
from svdocs.core.errors import SvdocsError, ValidationError


def report_error(exc: SvdocsError) -> None:
    """Print an error as one line per problem on stderr."""
    lines = exc.lines() if isinstance(exc, ValidationError) else [str(exc)]
    for line in lines:
        click.echo(f"svdocs: error: {line}", err=True)


class SvdocsGroup(click.Group):
    """A click group that reports svdocs errors in one line and exits 2, never with a traceback.

    Its commands are loaded when first asked for (see :mod:`svdocs.cli.registry`).
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        # deferred: start-up: a command's module loads when it runs
        from svdocs.cli.registry import COMMAND_MODULES

        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            # deferred: start-up: a command's module loads when it runs
            from svdocs.cli.registry import COMMAND_MODULES, load_command

            if cmd_name in COMMAND_MODULES:
                self.add_command(load_command(cmd_name), cmd_name)
        return self.commands.get(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SvdocsError as exc:
            report_error(exc)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("svdocs: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # the reader of our output has gone ("svdocs lint ... | head"): stop quietly, as
            # command-line tools do, and keep the interpreter's last flush from failing too
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(141)
        except Exception as exc:  # pragma: no cover - safety net for bugs
            if os.environ.get("SVDOCS_DEBUG"):
                raise
            click.echo(
                f"svdocs: internal error: {type(exc).__name__}: {exc} "
                "(set SVDOCS_DEBUG=1 for a traceback)",
                err=True,
            )
            sys.exit(3)


@click.group(cls=SvdocsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="svdocs")
def cli() -> None:
    """svdocs: make social value in tenders and contracts real.

    Assemble specifications, ITT sections and contract schedules from a library of social
    value clauses, and lint tender documents for vague commitments, missing evidence and
    absent consequences.
    """


def single_threaded_blas() -> None:
    """Keep NumPy's OpenBLAS to one thread, unless the user has set it.

    svdocs does no linear algebra. Without this, importing NumPy (spaCy needs it) starts
    OpenBLAS's thread pool, a thread per core, whose start-up costs CPU time on every run
    (about 0.07 s of a short lint's 0.7 s). It must run before NumPy is imported."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main() -> None:
    single_threaded_blas()
    from svdocs.core.collector import own_process  # deferred: start-up

    own_process()
    try:
        cli(prog_name="svdocs")
    finally:
        # The process ends here. Everything still alive (spaCy's vocabulary and tables, the
        # pipeline) is freed with the process; freezing it spares the interpreter's last full
        # garbage collection over all of it at exit (about 0.2 s after a long lint).
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    main()
