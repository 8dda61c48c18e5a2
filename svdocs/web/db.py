"""The database of reviews: SQLAlchemy models, the engine, and migrations applied at start.

A review is one upload of one or more documents; each document keeps its findings (as the
JSON the linter reports) and every decision a reviewer took on them, with who, when and why.
The schema is created and upgraded by the Alembic migrations in ``svdocs/web/migrations``,
never by ``create_all``, so a database made by one version is upgraded by the next.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    sessionmaker,
)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def new_id() -> str:
    """A random id (128 bits, URL-safe hex): for reviews, documents and stored files."""
    return secrets.token_hex(16)


def now() -> dt.datetime:
    """Now in UTC, without a time zone (stored so in every database)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(), default=now)
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime())
    scope: Mapped[str] = mapped_column(String(20), default="social-value")
    status: Mapped[str] = mapped_column(String(20), default="queued")  # queued running done failed
    message: Mapped[str | None] = mapped_column(Text)
    session: Mapped[str | None] = mapped_column(String(64), index=True)  # ephemeral owner
    previous_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("reviews.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)

    documents: Mapped[list[StoredDocument]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="StoredDocument.position")
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="review", cascade="all, delete-orphan", order_by="Decision.id")


class StoredDocument(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    review_id: Mapped[str] = mapped_column(String(32), ForeignKey("reviews.id",
                                                                  ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300))  # the upload's name: shown, never a path
    extension: Mapped[str] = mapped_column(String(10))
    stored_as: Mapped[str] = mapped_column(String(64))  # random file name in the data folder
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    #: {"findings": [...], "warnings": [...], "error": ...} as the JSON report gives them
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    review: Mapped[Review] = relationship(back_populates="documents")


class Decision(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    review_id: Mapped[str] = mapped_column(String(32), ForeignKey("reviews.id",
                                                                  ondelete="CASCADE"))
    document_id: Mapped[str] = mapped_column(String(32))
    fingerprint: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(20))  # dismiss, accept, reopen
    reason: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(), default=now)

    review: Mapped[Review] = relationship(back_populates="decisions")


def engine_for(url: str) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys and a busy timeout, and a plain
    ``postgresql://`` URL uses the pure-Python pg8000 driver when psycopg2 is absent."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        try:
            import psycopg2  # noqa: F401
        except ImportError:
            parsed = parsed.set(drivername="postgresql+pg8000")
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, connect_args={"check_same_thread": False,
                                                     "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(conn: Any, _record: Any) -> None:
            cur = conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

        return engine
    return create_engine(parsed, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the database schema up to the newest migration."""

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


class Database:
    """The engine and a session factory for one application."""

    def __init__(self, url: str) -> None:
        self.engine = engine_for(url)
        migrate(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()
