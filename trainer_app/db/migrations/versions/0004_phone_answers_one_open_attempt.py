"""phone answers and one open attempt

- attempt.device_id: the phone answering an attempt.
- answer.client_id and answer.counter: a phone's tap id and its per-attempt counter, so a
  retried or late tap never overwrites a newer answer.
- uq_attempt_one_open: one open attempt per session, person, quiz version and phase. Open
  duplicates left by older versions are merged first (their answers move to the oldest
  open attempt when it has none for that question; the emptied duplicates are removed).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 01:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('device_id', sa.String(length=64), nullable=True))
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('client_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('counter', sa.Integer(), nullable=True))
    _merge_open_duplicates()
    op.create_index('uq_attempt_one_open', 'attempt',
                    ['session_id', 'person_id', 'quiz_version_id', 'phase'], unique=True,
                    sqlite_where=sa.text('submitted_at IS NULL'),
                    postgresql_where=sa.text('submitted_at IS NULL'))


def downgrade() -> None:
    op.drop_index('uq_attempt_one_open', table_name='attempt')
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_column('counter')
        batch_op.drop_column('client_id')
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_column('device_id')


def _merge_open_duplicates() -> None:
    bind = op.get_bind()
    groups = bind.execute(sa.text(
        "SELECT session_id, person_id, quiz_version_id, phase FROM attempt "
        "WHERE submitted_at IS NULL AND person_id IS NOT NULL "
        "GROUP BY session_id, person_id, quiz_version_id, phase HAVING count(*) > 1")).fetchall()
    for session_id, person_id, version_id, phase in groups:
        ids = [row[0] for row in bind.execute(sa.text(
            "SELECT id FROM attempt WHERE submitted_at IS NULL AND session_id = :s AND "
            "person_id = :p AND quiz_version_id = :v AND phase = :ph ORDER BY id"),
            {"s": session_id, "p": person_id, "v": version_id, "ph": phase})]
        keep, extra = ids[0], ids[1:]
        for other in extra:
            bind.execute(sa.text(
                "UPDATE answer SET attempt_id = :keep WHERE attempt_id = :other AND "
                "question_key NOT IN (SELECT question_key FROM answer WHERE attempt_id = :keep)"),
                {"keep": keep, "other": other})
            bind.execute(sa.text("DELETE FROM answer WHERE attempt_id = :other"),
                         {"other": other})
            bind.execute(sa.text("DELETE FROM attempt WHERE id = :other"), {"other": other})
