"""Alembic environment: the app passes an open connection in `config.attributes`.

No `fileConfig()` here: it would disable the app's loggers.
"""

from __future__ import annotations

from alembic import context

from trainer_app.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("trainer_app migrations run only through trainer_app.db.migrate")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
