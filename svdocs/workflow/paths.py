"""Which files a list of paths, folders and glob patterns names, and why a named one is missing."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

#: Extensions the readers know (kept in step with ``svdocs.readers.SUPPORTED_EXTENSIONS``).
#: Legacy Word files are collected from folders too, so the batch tells the user to save
#: them as .docx instead of passing over them in silence.
_REPORTED_LEGACY: tuple[str, ...] = (".doc", ".dot")
_GLOB_CHARS = frozenset("*?[")


def supported_extensions() -> tuple[str, ...]:
    """The file extensions (lower case, with the dot) that a folder is searched for: the
    readable ones, plus legacy Word files, which are reported as needing conversion."""
    # deferred: start-up: the readers load lxml and markdown-it
    from svdocs.readers import SUPPORTED_EXTENSIONS

    return tuple(e.lower() for e in SUPPORTED_EXTENSIONS) + _REPORTED_LEGACY


def _skip(path: Path, root: Path) -> bool:
    """Hidden files and folders (``.git``) and Word lock files (``~$name.docx``) are skipped."""
    rel = path.relative_to(root).parts
    return any(p.startswith(".") for p in rel) or path.name.startswith("~$")


def _walk(folder: Path, exts: tuple[str, ...]) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            p = Path(dirpath) / name
            if p.suffix.lower() in exts and not _skip(p, folder):
                yield p


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Turn files, folders and glob patterns into a sorted list of files without duplicates.

    A folder is searched recursively for files with a known extension (hidden folders are
    skipped); a pattern with ``*``, ``?`` or ``[`` is expanded (``**`` reaches into
    subfolders). A file named explicitly is kept whatever its extension, and a path that does
    not exist is kept too, so that the batch reports it as an error instead of losing it.
    """
    exts = supported_extensions()
    found: list[Path] = []
    for raw in paths:
        text = os.fspath(raw)
        p = Path(text)
        if p.is_dir():
            found.extend(_walk(p, exts))
        elif p.exists():
            found.append(p)
        elif _GLOB_CHARS & set(text):
            # (Python 3.11 answers "missing/**" with "missing/": keep only what exists)
            matches = sorted(m for m in glob.glob(text, recursive=True) if os.path.exists(m))
            if not matches:
                found.append(p)  # reported as "no file matches"
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    found.extend(_walk(mp, exts))
                elif mp.suffix.lower() in exts and not mp.name.startswith("~$"):
                    found.append(mp)
        else:
            found.append(p)
    unique: dict[str, Path] = {}
    for p in found:
        try:
            key = str(p.resolve())
        except OSError:
            key = str(p.absolute())
        unique.setdefault(key, p)
    return sorted(unique.values(), key=lambda q: q.as_posix())


def missing_message(path: Path) -> str | None:
    if path.exists():
        return None
    if _GLOB_CHARS & set(str(path)):
        return "no file matches this pattern"
    return "no such file or folder"
