"""exchange packages imported from stations

The xch_* tables hold what other stations' signed packages bring (stations, packages,
programmes, sessions, attendance, people without phone numbers or notes, khu phố, attempts,
certificates), apart from the workspace's own tables. Nothing existing changes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 00:53:06.764050
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('xch_station',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('parent_body', sa.String(length=300), nullable=False),
    sa.Column('place_name', sa.String(length=200), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('first_seen_at', sa.DateTime(), nullable=False),
    sa.Column('key_changed_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_xch_station')),
    sa.UniqueConstraint('code', name=op.f('uq_xch_station_code'))
    )
    op.create_table('xch_attempt',
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('quiz_version_id', sa.Integer(), nullable=False),
    sa.Column('quiz_code', sa.String(length=100), nullable=False),
    sa.Column('quiz_title', sa.String(length=300), nullable=False),
    sa.Column('phase', sa.String(length=10), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('passed', sa.Boolean(), nullable=True),
    sa.Column('answers', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['station_id'], ['xch_station.id'], name=op.f('fk_xch_attempt_station_id_xch_station'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('station_id', 'id', name=op.f('pk_xch_attempt'))
    )
    with op.batch_alter_table('xch_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_xch_attempt_station_session', ['station_id', 'session_id'], unique=False)

    op.create_table('xch_attendance',
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('invited', sa.Boolean(), nullable=False),
    sa.Column('walk_in', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['station_id'], ['xch_station.id'], name=op.f('fk_xch_attendance_station_id_xch_station'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('station_id', 'id', name=op.f('pk_xch_attendance'))
    )
    with op.batch_alter_table('xch_attendance', schema=None) as batch_op:
        batch_op.create_index('ix_xch_attendance_station_session', ['station_id', 'session_id'], unique=False)

    op.create_table('xch_certificate',
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('serial_year', sa.Integer(), nullable=True),
    sa.Column('serial_no', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.Column('revoked_reason', sa.Text(), nullable=False),
    sa.Column('check_digits', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['station_id'], ['xch_station.id'], name=op.f('fk_xch_certificate_station_id_xch_station'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('station_id', 'id', name=op.f('pk_xch_certificate'))
    )
    with op.batch_alter_table('xch_certificate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_xch_certificate_number'), ['number'], unique=False)

    op.create_table('xch_neighbourhood',
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['station_id'], ['xch_station.id'], name=op.f('fk_xch_neighbourhood_station_id_xch_station'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('station_id', 'id', name=op.f('pk_xch_neighbourhood'))
    )
    op.create_table('xch_package',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('app_version', sa.String(length=40), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('counts_json', sa.Text(), nullable=False),
    sa.Column('coverage_json', sa.Text(), nullable=False),
    sa.Column('marks_json', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['station_id'], ['xch_station.id'], name=op.f('fk_xch_package_station_id_xch_station'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_xch_package')),
    sa.UniqueConstraint('station_id', 'digest', name=op.f('uq_xch_package_station_id_digest'))
    )
    with op.batch_alter_table('xch_package', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_xch_package_station_id'), ['station_id'], unique=False)

    op.create_table('xch_person',
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('gender', sa.String(length=10), nullable=True),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('neighbourhood_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('erased', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['station_id'], ['xch_station.id'], name=op.f('fk_xch_person_station_id_xch_station'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('station_id', 'id', name=op.f('pk_xch_person'))
    )
    op.create_table('xch_programme',
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['station_id'], ['xch_station.id'], name=op.f('fk_xch_programme_station_id_xch_station'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('station_id', 'id', name=op.f('pk_xch_programme'))
    )
    op.create_table('xch_session',
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('end_time', sa.Time(), nullable=True),
    sa.Column('venue', sa.String(length=300), nullable=False),
    sa.Column('trainers', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['station_id'], ['xch_station.id'], name=op.f('fk_xch_session_station_id_xch_station'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('station_id', 'id', name=op.f('pk_xch_session'))
    )
    with op.batch_alter_table('xch_session', schema=None) as batch_op:
        batch_op.create_index('ix_xch_session_station_held', ['station_id', 'held_on'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('xch_session', schema=None) as batch_op:
        batch_op.drop_index('ix_xch_session_station_held')

    op.drop_table('xch_session')
    op.drop_table('xch_programme')
    op.drop_table('xch_person')
    with op.batch_alter_table('xch_package', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_xch_package_station_id'))

    op.drop_table('xch_package')
    op.drop_table('xch_neighbourhood')
    with op.batch_alter_table('xch_certificate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_xch_certificate_number'))

    op.drop_table('xch_certificate')
    with op.batch_alter_table('xch_attendance', schema=None) as batch_op:
        batch_op.drop_index('ix_xch_attendance_station_session')

    op.drop_table('xch_attendance')
    with op.batch_alter_table('xch_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_xch_attempt_station_session')

    op.drop_table('xch_attempt')
    op.drop_table('xch_station')
