"""media files, quiz metadata, session progress

- media_item's single file (file_path, sha256, size_bytes, duration_s) moves into the new
  media_file table (an item may have several files); playback_position for resuming a video.
- quiz.description and quiz.scoring, question.name and question.tags_json replace the
  ``quiz_meta:<code>`` JSON settings of 0001 (moved over, then deleted).
- attempt.shuffle_seed, programme.certificate_rule, training_session.started_at and
  current_position, certificate.serial_year and serial_no.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 13:43:10.916081
"""

from __future__ import annotations

from collections.abc import Sequence

import json

import sqlalchemy as sa
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('media_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('media_item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('file_path', sa.String(length=500), nullable=False),
    sa.Column('original_name', sa.String(length=300), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('duration_s', sa.Float(), nullable=True),
    sa.Column('page_count', sa.Integer(), nullable=True),
    sa.Column('subtitle_path', sa.String(length=500), nullable=True),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('duration_s IS NULL OR duration_s >= 0', name=op.f('ck_media_file_duration_non_negative')),
    sa.CheckConstraint('page_count IS NULL OR page_count >= 0', name=op.f('ck_media_file_pages_non_negative')),
    sa.CheckConstraint('position > 0', name=op.f('ck_media_file_position_positive')),
    sa.CheckConstraint('size_bytes >= 0', name=op.f('ck_media_file_size_non_negative')),
    sa.ForeignKeyConstraint(['media_item_id'], ['media_item.id'], name=op.f('fk_media_file_media_item_id_media_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_media_file')),
    sa.UniqueConstraint('media_item_id', 'position', name=op.f('uq_media_file_media_item_id_position'))
    )
    with op.batch_alter_table('media_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_media_file_media_item_id'), ['media_item_id'], unique=False)

    op.create_table('playback_position',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('media_file_id', sa.Integer(), nullable=False),
    sa.Column('position_s', sa.Float(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('position_s >= 0', name=op.f('ck_playback_position_position_non_negative')),
    sa.ForeignKeyConstraint(['media_file_id'], ['media_file.id'], name=op.f('fk_playback_position_media_file_id_media_file'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_playback_position_session_id_training_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_playback_position')),
    sa.UniqueConstraint('session_id', 'media_file_id', name=op.f('uq_playback_position_session_id_media_file_id'))
    )
    with op.batch_alter_table('playback_position', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_playback_position_media_file_id'), ['media_file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_playback_position_session_id'), ['session_id'], unique=False)

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shuffle_seed', sa.Integer(), nullable=True))

    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('serial_year', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('serial_no', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_certificate_serial_year_serial_no'), ['serial_year', 'serial_no'])

    _move_media_files()
    with op.batch_alter_table('media_item', schema=None) as batch_op:
        batch_op.drop_constraint('duration_non_negative', type_='check')
        batch_op.drop_constraint('size_non_negative', type_='check')
        batch_op.drop_column('duration_s')
        batch_op.drop_column('size_bytes')
        batch_op.drop_column('file_path')
        batch_op.drop_column('sha256')

    with op.batch_alter_table('programme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('certificate_rule', sa.String(length=30), nullable=False,
                                      server_default='attended_and_passed'))
        batch_op.create_check_constraint(
            'rule_valid', "certificate_rule IN ('attended', 'passed', 'attended_and_passed')")

    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name', sa.String(length=300), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('tags_json', sa.Text(), nullable=False,
                                      server_default='[]'))

    with op.batch_alter_table('quiz', schema=None) as batch_op:
        batch_op.add_column(sa.Column('description', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('scoring', sa.String(length=20), nullable=False,
                                      server_default='all_or_nothing'))
        batch_op.create_check_constraint(
            'scoring_valid', "scoring IN ('all_or_nothing', 'partial')")
    _move_quiz_meta()

    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('started_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('current_position', sa.Integer(), nullable=True))



def _move_media_files() -> None:
    """Each media_item that had a file gets it as media_file position 1."""
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT id, file_path, sha256, size_bytes, duration_s, added_at FROM media_item "
        "WHERE file_path IS NOT NULL")).fetchall()
    for item_id, path, sha256, size, duration, added_at in rows:
        bind.execute(sa.text(
            "INSERT INTO media_file (media_item_id, position, file_path, original_name, sha256, "
            "size_bytes, duration_s, added_at) VALUES (:item, 1, :path, :name, :sha, :size, "
            ":duration, :added)"),
            {"item": item_id, "path": path, "name": path.rsplit("/", 1)[-1],
             "sha": sha256 or "", "size": size or 0, "duration": duration, "added": added_at})


def _move_quiz_meta() -> None:
    """The ``quiz_meta:<code>`` settings of 0001 become columns; the settings go."""
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT key, value FROM setting WHERE key LIKE 'quiz_meta:%'")).fetchall()
    for key, value in rows:
        code = key[len("quiz_meta:"):]
        try:
            meta = json.loads(value)
        except ValueError:
            meta = {}
        if not isinstance(meta, dict):
            meta = {}
        scoring = meta.get("scoring")
        if scoring not in ("all_or_nothing", "partial"):
            scoring = "all_or_nothing"
        bind.execute(sa.text(
            "UPDATE quiz SET scoring = :scoring, description = :description WHERE code = :code"),
            {"scoring": scoring, "description": str(meta.get("description", "")), "code": code})
        questions = meta.get("questions")
        if isinstance(questions, dict):
            for question_key, extra in questions.items():
                if not isinstance(extra, dict):
                    continue
                tags = [str(t) for t in extra.get("tags", []) if str(t)]
                bind.execute(sa.text(
                    "UPDATE question SET name = :name, tags_json = :tags WHERE key = :key AND "
                    "quiz_id = (SELECT id FROM quiz WHERE code = :code)"),
                    {"name": str(extra.get("name", ""))[:300],
                     "tags": json.dumps(tags, ensure_ascii=False), "key": question_key,
                     "code": code})
        bind.execute(sa.text("DELETE FROM setting WHERE key = :key"), {"key": key})


def downgrade() -> None:
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.drop_column('current_position')
        batch_op.drop_column('started_at')

    with op.batch_alter_table('quiz', schema=None) as batch_op:
        batch_op.drop_column('scoring')
        batch_op.drop_column('description')

    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_column('tags_json')
        batch_op.drop_column('name')

    with op.batch_alter_table('programme', schema=None) as batch_op:
        batch_op.drop_column('certificate_rule')

    with op.batch_alter_table('media_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sha256', sa.VARCHAR(length=64), nullable=True))
        batch_op.add_column(sa.Column('file_path', sa.VARCHAR(length=500), nullable=True))
        batch_op.add_column(sa.Column('size_bytes', sa.INTEGER(), nullable=True))
        batch_op.add_column(sa.Column('duration_s', sa.FLOAT(), nullable=True))

    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_certificate_serial_year_serial_no'), type_='unique')
        batch_op.drop_column('serial_no')
        batch_op.drop_column('serial_year')

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_column('shuffle_seed')

    with op.batch_alter_table('playback_position', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_playback_position_session_id'))
        batch_op.drop_index(batch_op.f('ix_playback_position_media_file_id'))

    op.drop_table('playback_position')
    with op.batch_alter_table('media_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_media_file_media_item_id'))

    op.drop_table('media_file')
