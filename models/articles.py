"""Articles of a project: add, read, list with counts, edit metadata, delete and restore."""

from __future__ import annotations

import hashlib
import uuid as uuidlib
from dataclasses import asdict, replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, insert, select, update

from models.errors import BriefmarkError, NotFoundError, ValidationError
from models.schema import AnnotationRow, ArticleRow
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


def _row_to_article(row: ArticleRow) -> Article:
    return Article(
        id=row.id, uuid=row.uuid, text=row.text, title=row.title, source=row.source,
        author=row.author, url=row.url, published=row.published, language=row.language,
        imported=row.imported, filename=row.filename, summary=row.summary,
        content_hash=row.content_hash,
    )


class ArticleStore:
    def __init__(self, project: Project) -> None:
        self._project = project

    def find_by_text(self, text: str) -> int | None:
        """Id of the article holding exactly this text, if the project has it."""
        with self._project.reading() as con:
            return con.scalar(
                select(ArticleRow.id).where(ArticleRow.content_hash == content_hash(text)).limit(1)
            )

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
        from models.project import now_iso

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
        return _row_to_article(row)

    def list(self) -> list[ArticleSummary]:
        cols = (ArticleRow.id, ArticleRow.title, ArticleRow.source, ArticleRow.author,
                ArticleRow.published, ArticleRow.language, ArticleRow.imported,
                func.length(ArticleRow.text))
        with self._project.reading() as con:
            rows = con.execute(select(*cols).order_by(ArticleRow.id)).all()
            counts = con.execute(
                select(AnnotationRow.article_id, AnnotationRow.kind, func.count())
                .group_by(AnnotationRow.article_id, AnnotationRow.kind)
            ).all()
        by_article: dict[int, dict[str, int]] = {}
        for article_id, kind, n in counts:
            by_article.setdefault(article_id, dict.fromkeys(KINDS, 0))[kind] = n
        return [
            ArticleSummary(id=r[0], title=r[1], source=r[2], author=r[3], published=r[4],
                           language=r[5], imported=r[6], length=r[7],
                           counts=by_article.get(r[0], dict.fromkeys(KINDS, 0)))
            for r in rows
        ]

    def update(self, article_id: int, **fields: str) -> Article:
        unknown = set(fields) - set(EDITABLE)
        if unknown:
            raise ValidationError(f"Articles have no field {', '.join(sorted(unknown))}.")
        if "published" in fields:
            check_published(fields["published"])
        with self._project.writing() as con:
            done = con.execute(
                update(ArticleRow).where(ArticleRow.id == article_id).values(**fields)
            ).rowcount
        if not done:
            raise NotFoundError(f"There is no article {article_id} in this project.")
        return self.get(article_id)

    def delete(self, article_id: int) -> DeletedArticle:
        """Delete an article and its annotations; returns what `restore` needs to undo it."""
        article = self.get(article_id)
        annotations = tuple(self._project.annotations.list(article_id=article_id))
        with self._project.writing() as con:
            con.execute(delete(ArticleRow).where(ArticleRow.id == article_id))
        self._project.annotations.forget_article(article_id)
        return DeletedArticle(article=article, annotations=annotations)

    def restore(self, deleted: DeletedArticle) -> Article:
        return self.restore_many([deleted])[0]

    def delete_many(self, article_ids: list[int]) -> list[DeletedArticle]:
        """Delete several articles (and their annotations) in one transaction."""
        gone = [DeletedArticle(article=self.get(i), annotations=tuple(
            self._project.annotations.list(article_id=i))) for i in article_ids]
        with self._project.writing() as con:
            con.execute(delete(ArticleRow).where(ArticleRow.id.in_(article_ids)))
        for i in article_ids:
            self._project.annotations.forget_article(i)
        return gone

    def restore_many(self, deleted: list[DeletedArticle]) -> list[Article]:
        """Put deleted articles back exactly (ids, uuids, annotations), in one transaction."""
        with self._project.writing() as con:
            for d in deleted:
                con.execute(insert(ArticleRow).values(**asdict(d.article)))
                self._project.annotations.insert_rows(con, d.annotations)
        return [replace(d.article) for d in deleted]
