"""Errors that end in a clear one-line message and exit code 2, never a traceback."""

from __future__ import annotations

from collections.abc import Iterable


class SvdocsError(Exception):
    """A problem with a user's input, reported as ``path: message`` (exit code 2)."""

    exit_code = 2

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(SvdocsError):
    """An input document that cannot be read (unknown format, corrupt, encrypted, too big)."""


class LimitExceeded(InputError):
    """An input larger than a documented limit (the message names the limit and how to raise it)."""


class OutputError(SvdocsError):
    """An output that cannot be written (exists without --force, read-only, inside the input)."""


class ValidationError(SvdocsError):
    """One or more problems in a brief, clause library, rule or config; all are reported."""

    def __init__(self, problems: Iterable[str], path: str | None = None) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems) if self.problems else "invalid", path)

    def lines(self) -> list[str]:
        """One line per problem, each naming the file."""
        prefix = f"{self.path}: " if self.path else ""
        return [f"{prefix}{p}" for p in self.problems]
