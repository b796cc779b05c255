"""People (with aliases) for the names annotations hold, and links between annotations.

Every distinct speaker, claimant and participant becomes a person; spellings that differ
only in case or spacing become one person, named as most annotations write it. Likely
variants ("Netanyahu" beside "Benjamin Netanyahu") are only proposed in the People view.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from models.people_fields import adopt_names
from models.schema import LINK_DDL

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("modified", sa.String(32), nullable=False),
    )
    op.create_table(
        "person_alias",
        sa.Column("key", sa.Text(), primary_key=True),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id", ondelete="CASCADE"),
                  nullable=False, index=True),
    )
    op.create_table(
        "person_mention",
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("annotation_uuid", sa.String(36), primary_key=True, index=True),
        sa.Column("role", sa.String(16), primary_key=True),
        sa.Column("written", sa.Text(), primary_key=True),
    )
    op.create_table(
        "annotation_link",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("source", sa.String(36), nullable=False, index=True),
        sa.Column("target", sa.String(36), nullable=False, index=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("cites_status", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("annotator", sa.Text(), nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
        sa.UniqueConstraint("source", "target", "type"),
    )
    for statement in LINK_DDL:
        op.execute(statement)
    adopt_names(op.get_bind())


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS annotation_link_delete")
    for table in ("annotation_link", "person_mention", "person_alias", "person"):
        op.drop_table(table)
