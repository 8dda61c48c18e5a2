"""What a corpus run reads: local paths, fsspec URLs and list files of either.

``svdocs lint`` takes files, folders and globs on the command line; a corpus run also takes
URLs that fsspec can open (``file://``, ``memory://``, and ``s3://``, ``gs://``, ``https://``
when the matching fsspec backend is installed) and ``--files-from LIST``, a file with one path
or URL a line. :func:`collect_inputs` turns all of these into the list of names to lint, in a
stable order; :func:`read_url` reads one URL into a :class:`~svdocs.core.model.Document` with the
same readers and limits as a local file.

Local paths keep exactly the order and the form :func:`svdocs.workflow.paths.expand_paths`
gives them,
so a corpus run over local files reports the same paths, in the same order, as a local run.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from svdocs.core.errors import InputError
from svdocs.workflow.paths import expand_paths, supported_extensions

if TYPE_CHECKING:
    from svdocs.core.limits import Limits
    from svdocs.core.model import Document

#: ``scheme://`` at the start of a name (a Windows drive letter ``C:\\`` is not a scheme).
_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")
_GLOB_CHARS = frozenset("*?[")
#: Protocols whose "folders" cannot be listed: a URL is one file.
_NO_LISTING = frozenset({"http", "https"})


def is_url(name: str) -> bool:
    """Whether ``name`` is a URL (``scheme://...``) rather than a local path."""
    return bool(_URL_RE.match(name))


def protocol(url: str) -> str:
    return url.split("://", 1)[0].lower()


def read_list_file(path: str) -> list[str]:
    """The entries of a ``--files-from`` list: one path or URL a line; blank lines and lines
    starting with ``#`` are ignored; ``-`` reads standard input. A list that cannot be read is
    an :class:`InputError` naming it."""
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8-sig") as fh:
                text = fh.read()
    except FileNotFoundError:
        raise InputError("no such list file", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(f"cannot read the list file: {reason}", path) from None
    entries: list[str] = []
    for line in text.splitlines():
        entry = line.strip()
        if entry and not entry.startswith("#"):
            entries.append(entry)
    return entries


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem for ``url`` and the path inside it.

    A protocol fsspec does not know, or whose backend package is not installed, is one
    :class:`InputError` naming the URL and the package to install.
    """
    try:
        # deferred: fsspec, only for URLs
        from fsspec.core import url_to_fs

        # deferred: fsspec, only for URLs
        from fsspec.registry import known_implementations
    except ImportError:
        raise InputError("reading URLs needs fsspec: pip install 'svdocs[dask]'", url) from None
    proto = protocol(url)
    try:
        return url_to_fs(url)
    except ImportError as exc:
        known = known_implementations.get(proto, {})
        hint = known.get("err") or f"{exc}"
        raise InputError(f"{proto}:// URLs need an fsspec backend that is not installed: "
                         f"{' '.join(str(hint).split())}", url) from None
    except ValueError as exc:
        raise InputError(f"unknown URL protocol {proto}:// ({' '.join(str(exc).split())})",
                         url) from None


def _extensions() -> tuple[str, ...]:

    return supported_extensions()


def _unstrip(url: str, fs: Any, path: str) -> str:
    """The URL of ``path`` (a path inside ``fs`` as fsspec lists it), in the user's scheme."""
    proto = protocol(url)
    return fs.unstrip_protocol(path) if hasattr(fs, "unstrip_protocol") else f"{proto}://{path}"


def expand_url(url: str) -> list[str]:
    """A file URL stays as it is; a folder URL (one ending in ``/`` or that fsspec says is a
    directory) becomes the files under it with a known extension, and a glob the files it
    matches, both sorted. A URL that matches nothing is kept, so the run reports it."""
    fs, path = filesystem(url)
    if protocol(url) in _NO_LISTING:
        return [url]
    exts = _extensions()

    def keep(p: str) -> bool:
        name = PurePosixPath(p).name
        return (PurePosixPath(p).suffix.lower() in exts and not name.startswith(("~$", "."))
                and not any(part.startswith(".") for part in PurePosixPath(p).parts[:-1]
                            if part not in ("", "/")))

    try:
        if _GLOB_CHARS & set(path):
            found = [p for p in fs.glob(path) if not fs.isdir(p)]
            return sorted(_unstrip(url, fs, p) for p in found if keep(p)) or [url]
        if url.endswith("/") or fs.isdir(path):
            found = fs.find(path)
            return sorted(_unstrip(url, fs, p) for p in found if keep(p)) or [url]
    except FileNotFoundError:
        return [url]
    except OSError as exc:
        raise InputError(f"cannot list: {exc.strerror or exc}", url) from None
    return [url]


def collect_inputs(paths: Iterable[str], files_from: Iterable[str] = ()) -> list[str]:
    """The names to lint: ``paths`` and the entries of each list file in ``files_from``.

    Local entries are expanded as ``svdocs lint`` always has (folders, globs; sorted, without
    duplicates) and come first, in exactly that order; URL entries follow, each expanded by
    :func:`expand_url`, in the order given, without duplicates.
    """

    entries = list(paths)
    for list_file in files_from:
        entries.extend(read_list_file(list_file))
    local = [e for e in entries if not is_url(e)]
    urls = [e for e in entries if is_url(e)]
    names = [str(p) for p in expand_paths(local)] if local else []
    seen: set[str] = set()
    for url in urls:
        for name in expand_url(url):
            if name not in seen:
                seen.add(name)
                names.append(name)
    return names


def local_inputs(names: Iterable[str]) -> list[Path]:
    """The local files among ``names`` (so that no output is written over one)."""
    return [Path(n) for n in names if not is_url(n)]


def url_extension(url: str) -> str:
    """The file extension of a URL's path, without its query string (``.docx``)."""
    return PurePosixPath(urlsplit(url).path).suffix.lower()


def read_url(url: str, limits: Limits | None = None) -> Document:
    """Read the file at ``url`` with the reader for its extension, within ``limits``.

    Raises :class:`InputError` (one line naming the URL) for a file that is missing, not a
    file, too big, unreadable or of a format svdocs does not read.
    """
    # deferred: start-up: only for a corpus run
    from svdocs.core.limits import Limits

    # deferred: start-up: only for a corpus run
    from svdocs.readers import read_bytes

    limits = limits or Limits.default()
    fs, path = filesystem(url)
    ext = url_extension(url)
    if protocol(url) not in _NO_LISTING:
        try:
            info = fs.info(path)
        except FileNotFoundError:
            raise InputError("no such file", url) from None
        except Exception as exc:
            raise InputError(f"cannot read: {_reason(exc)}", url) from None
        if info.get("type") not in (None, "file"):
            raise InputError("not a file", url)
        size = info.get("size")
        if isinstance(size, int) and size > limits.max_file_size:
            raise limits.exceeded("max_file_size", f"file is {size:,} bytes", url)
    try:
        with fs.open(path, "rb") as fh:
            data = fh.read(limits.max_file_size + 1)
    except FileNotFoundError:
        raise InputError("no such file", url) from None
    except Exception as exc:  # each backend has errors of its own (HTTP, cloud SDKs)
        raise InputError(f"cannot read: {_reason(exc)}", url) from None
    if not isinstance(data, bytes):
        data = bytes(data)
    if not ext:
        raise InputError("unsupported file type (no extension)", url)
    return read_bytes(data, ext, path=url, limits=limits)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__

