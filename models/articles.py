"""Articles of a project: add, read, list with counts, edit metadata, delete and restore."""

from __future__ import annotations

import hashlib
import uuid as uuidlib
from collections.abc import Mapping
from dataclasses import asdict, replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, insert, select, update

from models import links
from models.clock import now_iso
from models.errors import BriefmarkError, NotFoundError, ValidationError
from models.row_values import article_from_row
from models.schema import AnnotationRow, ArticleRow
from models.stale import StaleChangeError
from models.textnorm import normalise_text
from models.values import KINDS, Article, ArticleMeta, ArticleSummary, DeletedArticle

if TYPE_CHECKING:
    from models.project import Project

EDITABLE = ("title", "source", "author", "url", "published", "language", "summary")


class DuplicateArticleError(BriefmarkError):
    def __init__(self, message: str, existing_id: int) -> None:
        super().__init__(message)
        self.existing_id = existing_id


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def check_published(value: str) -> None:
    """Refuse a publication date that is not YYYY-MM-DD (empty is fine)."""
    if value:
        try:
            date.fromisoformat(value[:10])
        except ValueError:
            raise ValidationError(
                f"Publication date {value!r} is not a date; write it as YYYY-MM-DD."
            ) from None


_GONE = ("This article was deleted or replaced by another program (the command line or a "
         "second window) since; the step cannot be applied. Nothing was changed.")
_CHANGED = ("This article's details were changed by another program (the command line or a "
            "second window) since; the step would overwrite that change, so it was not applied.")
_PRESENT = ("This article is already in the project again (another program put it back); "
            "the step was not applied. Nothing was changed.")


class ArticleStore:
    def __init__(self, project: Project) -> None:
        self._project = project

    def find_by_text(self, text: str, con: Connection | None = None) -> int | None:
        """Id of the article holding exactly this text, if the project has it (on the
        caller's connection when given, so an import sees its own uncommitted articles)."""
        stmt = select(ArticleRow.id).where(ArticleRow.content_hash == content_hash(text)).limit(1)
        if con is not None:
            return con.scalar(stmt)
        with self._project.reading() as own:
            return own.scalar(stmt)

    @staticmethod
    def uuid_taken(con: Connection, uuid: str) -> bool:
        return con.scalar(select(ArticleRow.id).where(ArticleRow.uuid == uuid)) is not None

    def add(self, text: str, meta: ArticleMeta, *, allow_duplicate: bool = False,
            uuid: str | None = None) -> Article:
        """Store a new article. The text is normalised (docs/text-rules.md) first, whoever
        calls, since every offset will count into it."""
        text = normalise_text(text)
        if not allow_duplicate and (existing := self.find_by_text(text)) is not None:
            raise DuplicateArticleError(
                f"This text is already in the project as article {existing}.", existing
            )
        with self._project.writing() as con:
            new_id = self.insert(con, text, meta, uuid=uuid)
        return self.get(new_id)

    def insert(self, con: Connection, text: str, meta: ArticleMeta, *,
               uuid: str | None = None) -> int:
        """Insert an already normalised article inside the caller's transaction."""
        if not text.strip():
            raise ValidationError("The article has no text.")
        check_published(meta.published)
        values = asdict(meta) | {
            "uuid": uuid or str(uuidlib.uuid4()), "text": text, "content_hash": content_hash(text),
            "imported": now_iso(),
        }
        return con.execute(insert(ArticleRow).values(**values)).inserted_primary_key[0]

    def get(self, article_id: int) -> Article:
        with self._project.reading() as con:
            row = con.execute(select(ArticleRow).where(ArticleRow.id == article_id)).first()
        if row is None:
            raise NotFoundError(f"There is no article {article_id} in this project.")
        return article_from_row(row)

    # Plain SQL for the library's rows: at 5,000 articles and 125,000 annotations the
    # statement compilation and result processing of a Core select cost ~15% of the listing.
    # NOT INDEXED: the counts read every annotation anyway, and a scan in table order beats
    # walking the (article_id, start) index and looking each row up (~25% faster).
    _LIST = ("SELECT id, title, source, author, published, language, imported, length(text) "
             "FROM article ORDER BY id")
    _COUNTS = ("SELECT article_id, kind, count(*) FROM annotation NOT INDEXED "
               "GROUP BY article_id, kind")

    def list(self) -> list[ArticleSummary]:
        with self._project.reading() as con:  # one read transaction: rows and counts agree
            rows = con.exec_driver_sql(self._LIST).all()
            counts = con.exec_driver_sql(self._COUNTS).all()
        by_article: dict[int, dict[str, int]] = {}
        for article_id, kind, n in counts:
            by_article.setdefault(article_id, dict.fromkeys(KINDS, 0))[kind] = n
        return [
            ArticleSummary(id=r[0], title=r[1], source=r[2], author=r[3], published=r[4],
                           language=r[5], imported=r[6], length=r[7],
                           counts=by_article.get(r[0]) or dict.fromkeys(KINDS, 0))
            for r in rows
        ]

    def update(self, article_id: int, *, expect_uuid: str | None = None,
               expect_modified: Mapping[str, str] | None = None, **fields: str) -> Article:
        """Change an article's metadata (EDITABLE fields) in one transaction.

        With `expect_uuid` the article is found by uuid (its id may belong to another by now)
        and a missing one is refused with StaleChangeError. Articles keep no modification
        time, so `expect_modified` holds the values the caller last saw of the fields it
        changes (undo: what the step wrote); if another program has changed any of them
        since, the change is refused (StaleChangeError) rather than overwrite it.
        """
        unknown = set(fields) - set(EDITABLE) | set(expect_modified or ()) - set(EDITABLE)
        if unknown:
            raise ValidationError(f"Articles have no field {', '.join(sorted(unknown))}.")
        if "published" in fields:
            check_published(fields["published"])
        with self._project.writing() as con:
            where = ArticleRow.uuid == expect_uuid if expect_uuid is not None \
                else ArticleRow.id == article_id
            row = con.execute(select(ArticleRow).where(where)).first()
            if row is None:
                if expect_uuid is not None:
                    raise StaleChangeError(_GONE)
                raise NotFoundError(f"There is no article {article_id} in this project.")
            before = article_from_row(row)
            if expect_modified and any(getattr(before, k) != v
                                       for k, v in expect_modified.items()):
                raise StaleChangeError(_CHANGED)
            if fields:
                con.execute(update(ArticleRow).where(ArticleRow.id == row.id).values(**fields))
        return replace(before, **fields)

    def _snapshot(self, con: Connection, article_ids: list[int],
                  expect_uuids: list[str] | None) -> list[DeletedArticle]:
        """The articles and annotations a deletion removes, read inside its transaction so
        nothing another program adds meanwhile is left out of the undo."""
        gone = []
        for n, article_id in enumerate(article_ids):
            if expect_uuids is not None:
                row = con.execute(select(ArticleRow).where(
                    ArticleRow.uuid == expect_uuids[n])).first()
                if row is None:
                    raise StaleChangeError(_GONE)
            else:
                row = con.execute(select(ArticleRow).where(ArticleRow.id == article_id)).first()
                if row is None:
                    raise NotFoundError(f"There is no article {article_id} in this project.")
            annotations = links.attach(con, self._project.annotations.read(
                con, select(AnnotationRow).where(AnnotationRow.article_id == row.id)
                .order_by(AnnotationRow.start, AnnotationRow.end, AnnotationRow.id)))
            gone.append(DeletedArticle(article=article_from_row(row),
                                       annotations=tuple(annotations)))
        return gone

    def delete(self, article_id: int, *, expect_uuid: str | None = None) -> DeletedArticle:
        """Delete an article and its annotations; returns what `restore` needs to undo it.
        With `expect_uuid` the article is found by uuid (its id may belong to another by
        now) and a missing one is refused with StaleChangeError."""
        expect = None if expect_uuid is None else [expect_uuid]
        return self.delete_many([article_id], expect_uuids=expect)[0]

    def restore(self, deleted: DeletedArticle) -> Article:
        return self.restore_many([deleted])[0]

    def delete_many(self, article_ids: list[int], *,
                    expect_uuids: list[str] | None = None) -> list[DeletedArticle]:
        """Delete several articles (and their annotations) in one transaction."""
        with self._project.writing() as con:
            gone = self._snapshot(con, list(article_ids), expect_uuids)
            con.execute(delete(ArticleRow).where(ArticleRow.id.in_([d.article.id for d in gone])))
        for d in gone:
            self._project.annotations.forget_article(d.article.id)
        return gone

    def restore_many(self, deleted: list[DeletedArticle]) -> list[Article]:
        """Put deleted articles back (uuids, fields, annotations), in one transaction.

        An id another article holds by now is replaced by a fresh one (use the returned
        articles); an article whose uuid is already present is refused (StaleChangeError)
        and nothing is restored."""
        restored = []
        with self._project.writing() as con:
            for d in deleted:
                if self.uuid_taken(con, d.article.uuid):
                    raise StaleChangeError(_PRESENT)
                values = asdict(d.article)
                if con.scalar(select(ArticleRow.id).where(ArticleRow.id == d.article.id)):
                    values.pop("id")
                new_id = con.execute(insert(ArticleRow).values(**values)).inserted_primary_key[0]
                self._project.annotations.forget_article(new_id)
                self._project.annotations.insert_rows(
                    con, [replace(a, article_id=new_id) for a in d.annotations])
                restored.append(replace(d.article, id=new_id))
        return restored
