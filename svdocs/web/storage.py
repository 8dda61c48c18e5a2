"""Stored documents: bytes under random ids in the data folder, never under an upload's name.

A file is written to a temporary name in the same folder and renamed, so a half-written file
never appears under its id; ids are checked to be the hex a :func:`svdocs.web.db.new_id`
makes before they touch the file system, so no id from a request can reach another path.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from svdocs.web.db import new_id

_ID = re.compile(r"^[0-9a-f]{32}$")


class FileStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, stored_as: str) -> Path:
        if not _ID.match(stored_as):
            raise ValueError("not a stored file id")
        return self.folder / stored_as

    def put(self, data: bytes) -> str:
        """Store ``data``; returns its id."""
        stored_as = new_id()
        target = self._path(stored_as)
        tmp = target.with_name(f".{stored_as}.part")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return stored_as

    def get(self, stored_as: str) -> bytes:
        return self._path(stored_as).read_bytes()

    def delete(self, stored_as: str) -> None:
        with contextlib.suppress(ValueError):  # not an id: nothing of ours to delete
            self._path(stored_as).unlink(missing_ok=True)

    def ids(self) -> set[str]:
        return {p.name for p in self.folder.iterdir() if _ID.match(p.name)}
