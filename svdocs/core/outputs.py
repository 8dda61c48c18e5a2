"""Writing outputs safely: atomically, never over an existing file without ``force``,
never into or over an input, and never leaving a partial file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from svdocs.core.errors import OutputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: Mode for new outputs: what an ordinary ``open()`` would give (mkstemp's 0600 is too tight).
_FILE_MODE = 0o666 & ~_umask()


def check_target(path: Path, *, force: bool = False, inputs: Iterable[Path] = ()) -> None:
    """Refuse to write ``path`` if it exists (without ``force``) or is one of the inputs."""
    resolved = path.resolve()
    for src in inputs:
        try:
            if src.resolve() == resolved:
                raise OutputError("output would overwrite an input document", str(path))
        except OSError:
            continue
    if path.is_dir():
        raise OutputError("output path is a folder, not a file", str(path))
    if path.exists() and not force:
        raise OutputError("already exists (use --force to overwrite)", str(path))


def write_bytes_atomic(path: Path, data: bytes, *, force: bool = False,
                       inputs: Iterable[Path] = ()) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    check_target(path, force=force, inputs=inputs)
    parent = path.parent if str(path.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    return path


def write_text_atomic(path: Path, text: str, *, force: bool = False,
                      inputs: Iterable[Path] = ()) -> Path:
    return write_bytes_atomic(path, text.encode("utf-8"), force=force, inputs=inputs)


@contextlib.contextmanager
def staged_outputs(targets: Iterable[Path], *, force: bool = False,
                   inputs: Iterable[Path] = ()) -> Iterator[dict[Path, Path]]:
    """Stage several outputs so that either all of them appear or none does.

    Yields ``{final path: temporary path}``; the caller writes each temporary path. On a clean
    exit every temporary file is renamed into place; on an exception all are removed.
    """
    targets = list(targets)
    inputs = list(inputs)
    for t in targets:
        check_target(t, force=force, inputs=inputs)
    staged: dict[Path, Path] = {}
    try:
        for t in targets:
            try:
                t.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{t.name}.", suffix=".tmp", dir=t.parent)
            except OSError as exc:
                raise OutputError(f"cannot write here: {exc.strerror or exc}", str(t)) from None
            os.close(fd)
            staged[t] = Path(tmp)
        yield staged
        existed = {final: final.exists() for final in staged}
        placed: list[Path] = []
        try:
            for final, tmp in staged.items():
                os.chmod(tmp, _FILE_MODE)
                os.replace(tmp, final)
                placed.append(final)
        except OSError as exc:
            # all or nothing: take back the new files this call already put in place
            for final in placed:
                if not existed[final]:
                    with contextlib.suppress(OSError):
                        final.unlink()
            failed = next(f for f in staged if f not in placed)
            raise OutputError(f"cannot write: {exc.strerror or exc}", str(failed)) from None
        staged = {}
    finally:
        for tmp in staged.values():
            with contextlib.suppress(OSError):
                tmp.unlink()
