"""What one run of the web application is configured with, checked before anything starts."""

from __future__ import annotations

import ipaddress
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from svdocs.core.errors import SvdocsError

DEFAULT_DATA = "svdocs-data"
#: Host names that reach only this machine.
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """Whether listening on ``host`` keeps the server reachable from this machine only."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass
class WebSettings:
    """Settings of the web application (see ``svdocs serve --help``)."""

    data_dir: Path
    database_url: str | None = None  # None: SQLite in the data folder
    token: str | None = None  # every request must carry it when set
    ephemeral: bool = False
    retention_days: int = 30
    #: Host headers accepted (None: any). Set to the loopback names when bound to loopback,
    #: so a web page elsewhere cannot reach the server through DNS rebinding.
    allowed_hosts: list[str] | None = None
    #: Signs session and CSRF cookies; new at every start unless given.
    secret: str = field(default_factory=lambda: secrets.token_hex(32))
    #: Minutes without a request after which an ephemeral browser session's reviews go.
    session_idle_minutes: int = 60
    #: Worker threads for background lint jobs.
    job_workers: int = 1
    #: The data folder was made for this run (ephemeral) and is removed at shutdown.
    owns_data_dir: bool = False

    @classmethod
    def build(cls, *, host: str, data_dir: Path | None, token: str | None,
              database_url: str | None, ephemeral: bool, retention_days: int,
              cwd: Path) -> WebSettings:
        """Settings for ``svdocs serve``; refuses an exposed host without a token."""
        if not is_loopback(host) and not token:
            raise SvdocsError(f"refusing to listen on {host} without an access token: give "
                              "--token or set SVDOCS_TOKEN (or listen on 127.0.0.1)")
        if token is not None and len(token) < 8:
            raise SvdocsError("the access token must be at least 8 characters long")
        if ephemeral:
            if database_url:
                raise SvdocsError("--ephemeral keeps nothing, so it takes no --database")
            base = data_dir if data_dir is not None else None
            if base is not None:
                base.mkdir(parents=True, exist_ok=True)
            folder = Path(tempfile.mkdtemp(prefix="svdocs-ephemeral-", dir=base))
            owns = True
        else:
            folder = (data_dir if data_dir is not None else cwd / DEFAULT_DATA)
            owns = False
        hosts = sorted(LOOPBACK_NAMES - {"::1"} | {"[::1]"}) if is_loopback(host) else None
        return cls(data_dir=folder, database_url=database_url, token=token,
                   ephemeral=ephemeral, retention_days=retention_days,
                   allowed_hosts=hosts, owns_data_dir=owns)

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def upload_tmp_dir(self) -> Path:
        """Where uploads being received spill over to disk (inside the data folder)."""
        return self.data_dir / "tmp"

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'svdocs.sqlite3').as_posix()}"

    def prepare(self) -> None:
        """Make the data folder and its subfolders (private to this user)."""
        for folder in (self.data_dir, self.files_dir, self.upload_tmp_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)

    def discard(self) -> None:
        """Remove an ephemeral run's data folder (at shutdown)."""
        if self.owns_data_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)
