"""Initial schema: articles, annotations, tags, settings.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("published", sa.String(32), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("imported", sa.String(32), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_article"),
        sa.UniqueConstraint("uuid", name="uq_article_uuid"),
    )
    op.create_index("ix_article_content_hash", "article", ["content_hash"])
    op.create_table(
        "annotation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("prefix", sa.Text(), nullable=False),
        sa.Column("suffix", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=False),
        sa.Column("claimant", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("when", sa.Text(), nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("where", sa.Text(), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("annotator", sa.Text(), nullable=False),
        sa.Column("created", sa.String(32), nullable=False),
        sa.Column("modified", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE",
                                name="fk_annotation_article_id_article"),
        sa.PrimaryKeyConstraint("id", name="pk_annotation"),
        sa.UniqueConstraint("uuid", name="uq_annotation_uuid"),
    )
    op.create_index("ix_annotation_article_start", "annotation", ["article_id", "start"])
    op.create_table(
        "annotation_tag",
        sa.Column("annotation_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["annotation_id"], ["annotation.id"], ondelete="CASCADE",
                                name="fk_annotation_tag_annotation_id_annotation"),
        sa.PrimaryKeyConstraint("annotation_id", "tag", name="pk_annotation_tag"),
    )
    op.create_index("ix_annotation_tag_tag", "annotation_tag", ["tag"])
    op.create_table(
        "setting",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_setting"),
    )


def downgrade() -> None:
    op.drop_table("setting")
    op.drop_table("annotation_tag")
    op.drop_table("annotation")
    op.drop_table("article")
