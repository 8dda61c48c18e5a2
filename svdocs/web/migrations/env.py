"""Alembic environment: runs the migrations on the connection svdocs hands it."""

from __future__ import annotations

from alembic import context

from svdocs.web.db import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - svdocs always passes its connection
    raise RuntimeError("svdocs runs its migrations itself, at the start of 'svdocs serve'")
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
