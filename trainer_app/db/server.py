"""A workspace on a PostgreSQL server: read its schema version, migrate it with the same
Alembic scripts as SQLite, and sort connection failures into kinds the services can explain.
SQLAlchemy and the driver are imported by the caller's engine; nothing here runs on SQLite."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError

from trainer_app.db.locks import lock_key
from trainer_app.db.migrate import HEAD_REVISION, MIGRATIONS_DIR, SchemaState


class ServerProblem(StrEnum):
    UNREACHABLE = "unreachable"
    AUTH = "auth"
    NO_DATABASE = "no_database"
    OTHER = "other"


class ServerError(Exception):
    def __init__(self, kind: ServerProblem, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


def classify(exc: BaseException) -> ServerError:
    """What went wrong connecting, without the URL or password in the detail."""
    original = getattr(exc, "orig", exc)
    detail = str(original).strip().splitlines()[0] if str(original).strip() else repr(original)
    sqlstate = getattr(original, "sqlstate", None)
    lowered = detail.lower()
    if sqlstate in ("28P01", "28000") or "password authentication failed" in lowered:
        return ServerError(ServerProblem.AUTH, detail)
    if sqlstate == "3D000" or ("database" in lowered and "does not exist" in lowered):
        return ServerError(ServerProblem.NO_DATABASE, detail)
    if isinstance(exc, OperationalError) and ("connect" in lowered or "server" in lowered
                                              or "timeout" in lowered or "socket" in lowered):
        return ServerError(ServerProblem.UNREACHABLE, detail)
    return ServerError(ServerProblem.OTHER, detail)


def read_server_schema_state(engine: Engine) -> SchemaState:
    """Like ``migrate.read_schema_state`` for a file: the revision and whether the ``public``
    schema holds tables at all."""
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            if "alembic_version" not in tables:
                return SchemaState(None, bool(tables))
            row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
            return SchemaState(row[0] if row else None, True)
    except DBAPIError as exc:
        raise classify(exc) from exc


def upgrade_server_to_head(engine: Engine) -> None:
    """Alembic to head in one transaction (PostgreSQL runs DDL transactionally: a failed
    migration leaves the schema as it was)."""
    from alembic import command
    from alembic.config import Config

    with engine.begin() as connection:
        # Several app instances may open a new, empty database at once: one migrates, the
        # others wait here and then find it at head (Alembic reads the version after the lock).
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                           {"key": lock_key("schema-migration")})
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
        assert row is not None and row[0] == HEAD_REVISION
