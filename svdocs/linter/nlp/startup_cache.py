"""An on-disk cache of what building the pipeline would otherwise recompute on every run.

Two things cost time at every start and give the same answer every time for the same
installation: spaCy's English lemma table (180,000 entries, read from spacy-lookups-data's
JSON) and the token keys of the lexicon phrases (about 3,600 phrases tokenised and
lemmatised, :mod:`.phrases`). Both are kept as ``marshal`` files in the user's cache folder and
read back in a few milliseconds.

Each entry is named by a SHA-256 of everything its value depends on (Python, spaCy, svdocs and
spacy-lookups-data versions, the source of the modules that compute it, the pipeline's
language and name, and the phrases themselves), so a change to any of them simply misses the
cache; nothing is ever invalidated by hand. A file that cannot be read, or holds something
of the wrong shape, counts as a miss and is rewritten.

The folder is ``$SVDOCS_CACHE_DIR``, else ``$XDG_CACHE_HOME/svdocs``, else
``~/.cache/svdocs``. ``SVDOCS_CACHE_DIR=off`` (or an empty value) turns the cache off. The
cache is a convenience: when the folder cannot be created or written (a read-only home, say)
svdocs computes everything as if there were none and says nothing.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from svdocs._version import __version__

ENV = "SVDOCS_CACHE_DIR"
_OFF = frozenset({"", "0", "off", "no", "false", "none"})
#: entries of one kind kept in the folder; older ones are removed when a new one is written
KEEP_PER_KIND = 8


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when the cache is turned off."""
    value = os.environ.get(ENV)
    if value is not None:
        return None if value.strip().lower() in _OFF else Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "svdocs"


def digest(parts: Iterable[str | bytes]) -> str:
    """A SHA-256 over ``parts`` (each one length-prefixed, so no two lists collide)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@functools.cache
def environment_parts() -> tuple[str, ...]:
    """What every entry depends on: the Python, spaCy and svdocs versions."""
    import spacy  # deferred: loads spaCy


    return (sys.version, spacy.__version__, __version__)


@functools.cache
def source_of(*modules: str) -> tuple[bytes, ...]:
    """The source of svdocs modules (a change to the code that computes a value misses);
    read once per process."""
    here = Path(__file__).resolve().parent
    out: list[bytes] = []
    for name in modules:
        try:
            out.append((here / f"{name}.py").read_bytes())
        except OSError:
            out.append(name.encode())
    return tuple(out)


def _path(kind: str, key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{kind}-{key}.marshal"


def load(kind: str, key: str, valid: Callable[[Any], bool]) -> Any | None:
    """The cached value of ``kind`` for ``key``, or ``None`` if absent, unreadable or not
    ``valid``."""
    path = _path(kind, key)
    if path is None:
        return None
    try:
        value = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return value if valid(value) else None


def store(kind: str, key: str, value: Any) -> None:
    """Write ``value`` for ``key`` atomically (a temporary file renamed into place), keeping
    at most :data:`KEEP_PER_KIND` entries of this kind; any failure is ignored."""
    path = _path(kind, key)
    if path is None:
        return
    try:
        data = marshal.dumps(value)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(path.parent, kind, keep=path)
    except (OSError, ValueError):
        return


def _prune(folder: Path, kind: str, keep: Path) -> None:
    entries = sorted(
        (p for p in folder.glob(f"{kind}-*.marshal") if p != keep),
        key=lambda p: p.stat().st_mtime_ns,
        reverse=True,
    )
    for old in entries[KEEP_PER_KIND - 1 :]:
        old.unlink(missing_ok=True)
