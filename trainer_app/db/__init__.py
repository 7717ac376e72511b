"""Persistence: SQLAlchemy models, the engine, migrations, backups, health checks."""
