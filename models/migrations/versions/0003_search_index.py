"""Project search: FTS5 tables kept in step by triggers, filled from the existing rows.

Later migrations that rebuild `article`, `annotation` or `annotation_tag` (Alembic batch
mode copies a table) drop its triggers and must create them again from
models/search_index.DDL.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

from models.search_index import DDL, POPULATE

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in DDL + POPULATE:
        op.execute(statement)


def downgrade() -> None:
    for name in ("article_search_insert", "article_search_update", "article_search_delete",
                 "annotation_search_insert", "annotation_search_update",
                 "annotation_search_delete", "annotation_tag_search_insert",
                 "annotation_tag_search_update", "annotation_tag_search_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS article_search")
    op.execute("DROP TABLE IF EXISTS annotation_search")
