"""Alembic migrations, run by the app at start (see trainer_app.db.migrate)."""
