"""The project file's tables, as typed SQLAlchemy models.

Offsets (`start`, `end`) are Unicode code points into `Article.text`, end exclusive.
Times are ISO 8601 strings in UTC so that the file reads the same from any tool.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints so that Alembic batch migrations on SQLite can find them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Written to SQLite's header (PRAGMA application_id) so a Briefmark file is recognised
# before any table is read: "BRMK".
APPLICATION_ID = 0x42524D4B


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ArticleRow(Base):
    __tablename__ = "article"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[str] = mapped_column(String(32), default="")
    language: Mapped[str] = mapped_column(String(16), default="")
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    imported: Mapped[str] = mapped_column(String(32))
    filename: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")


class AnnotationRow(Base):
    __tablename__ = "annotation"
    __table_args__ = (Index("ix_annotation_article_start", "article_id", "start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    speaker: Mapped[str] = mapped_column(Text, default="")
    claimant: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="")
    when: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[str] = mapped_column(String(10), default="")
    where: Mapped[str] = mapped_column(Text, default="")
    # JSON list of names: small, always read whole, never queried by element.
    participants: Mapped[str] = mapped_column(Text, default="[]")
    annotator: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[str] = mapped_column(String(32))
    modified: Mapped[str] = mapped_column(String(32))


class AnnotationTagRow(Base):
    __tablename__ = "annotation_tag"

    annotation_id: Mapped[int] = mapped_column(
        ForeignKey("annotation.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(Text, primary_key=True, index=True)


class SettingRow(Base):
    """Per-project settings (for example rejected suggestions, the default annotator)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class PersonRow(Base):
    """A person, organisation or unnamed source the project's annotations name.

    Annotations hold the person's `name` (so every reader and export shows it without a
    join); renaming or merging rewrites those fields in the same transaction."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(Text)
    # casefolded, spaces collapsed: one person per spelling however it is capitalised
    key: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="person")
    description: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[str] = mapped_column(String(32))
    modified: Mapped[str] = mapped_column(String(32))


class PersonAliasRow(Base):
    """Another name of a person ("Netanyahu", "the prime minister"): typing it names them."""

    __tablename__ = "person_alias"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    alias: Mapped[str] = mapped_column(Text)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"),
                                           index=True)


class PersonMentionRow(Base):
    """An annotation whose field was written as an alias of the person it now names, so
    splitting the alias off gives that annotation its own name back."""

    __tablename__ = "person_mention"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"),
                                           primary_key=True)
    annotation_uuid: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    written: Mapped[str] = mapped_column(Text, primary_key=True)


class LinkRow(Base):
    """A typed link between two annotations, perhaps in different articles.

    Ends are annotation uuids (an annotation's id may change when undo puts it back);
    a trigger deletes the links of a deleted annotation (models/links.py)."""

    __tablename__ = "annotation_link"
    __table_args__ = (UniqueConstraint("source", "target", "type"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    source: Mapped[str] = mapped_column(String(36), index=True)
    target: Mapped[str] = mapped_column(String(36), index=True)
    type: Mapped[str] = mapped_column(String(16))
    # the link is evidence the claim's verification status rests on
    cites_status: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    annotator: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[str] = mapped_column(String(32))


# Links go with their annotation, whichever program deletes it (models/links.py).
LINK_DDL: tuple[str, ...] = (
    "CREATE TRIGGER annotation_link_delete AFTER DELETE ON annotation BEGIN "
    "DELETE FROM annotation_link WHERE source = old.uuid OR target = old.uuid; END",
)


def _install_search_index() -> None:
    """A new file gets the search index with its tables (models/search_index.py); older
    files get it from migration 0003."""
    from sqlalchemy import DDL, event

    from models.search_index import DDL as SEARCH_DDL

    for statement in SEARCH_DDL + LINK_DDL:
        event.listen(Base.metadata, "after_create", DDL(statement))


_install_search_index()
