"""Undoable user actions, as in Qt's undoframework: the command does the work.

The first `redo()` (run by QUndoStack.push) calls the project; a refusal (BriefmarkError)
marks the command obsolete, so it never lands on the stack, and the session says why. Later
undo/redo steps find their rows by uuid and check they are still the rows they changed
(models refuse with StaleChangeError otherwise): a step that no longer applies leaves the
history with its explanation, the other steps stay. Commands hold value snapshots, never
ORM objects, and tell views of changes only through the session's signals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from models.errors import BriefmarkError
from models.values import ANNOTATION_FIELDS, Annotation, Article, DeletedArticle
from ui.session import ProjectSession
from ui.theme import KIND_LABELS

FIELD_LABELS = {"note": "Note", "tags": "Tags", "speaker": "Speaker", "claimant": "Claimant",
                "status": "Status", "when": "When", "date": "Date", "where": "Where",
                "participants": "Participants"}


class _Command(QUndoCommand):
    def __init__(self, session: ProjectSession, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.project = session.project
        self._first = True

    def redo(self) -> None:
        first, self._first = self._first, False
        self._guarded(self.first_do if first else self.do, first=first)

    def undo(self) -> None:
        self._guarded(self.revert, first=False)

    def _guarded(self, step: Callable[[], None], *, first: bool) -> None:
        try:
            step()
        except BriefmarkError as exc:
            self.setObsolete(True)  # the stack drops this step; nothing was changed
            self.session.refuse(str(exc), first=first)

    def first_do(self) -> None:
        self.do()

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def _annotations(self, article_id: int, changed: list[int], removed: list[int]) -> None:
        self.session.annotationsChanged.emit(article_id, changed, removed)


class TagCommand(_Command):
    def __init__(self, session: ProjectSession, article_id: int, kind: str, start: int,
                 end: int) -> None:
        super().__init__(session, f"Tag as {KIND_LABELS[kind]}")
        self.request = {"article_id": article_id, "kind": kind, "start": start, "end": end}
        self.annotation: Annotation | None = None

    def first_do(self) -> None:
        self.annotation = self.project.annotations.tag_span(**self.request)
        self._annotations(self.annotation.article_id, [self.annotation.id], [])

    def do(self) -> None:
        assert self.annotation is not None
        self.annotation = self.project.annotations.restore(self.annotation)
        self._annotations(self.annotation.article_id, [self.annotation.id], [])

    def revert(self) -> None:
        assert self.annotation is not None
        self.project.annotations.remove([self.annotation])
        self._annotations(self.annotation.article_id, [], [self.annotation.id])


class DeleteCommand(_Command):
    def __init__(self, session: ProjectSession, chosen: list[Annotation]) -> None:
        single = len(chosen) == 1
        super().__init__(session, "Delete " + (KIND_LABELS[chosen[0].kind] if single
                                               else f"{len(chosen)} Annotations"))
        self.deleted = chosen

    def do(self) -> None:
        # by uuid, and only if unchanged since the user saw it
        self.deleted = self.project.annotations.remove(self.deleted)
        self._annotations(self.deleted[0].article_id, [], [a.id for a in self.deleted])

    def revert(self) -> None:
        self.deleted = self.project.annotations.restore_many(self.deleted)
        self._annotations(self.deleted[0].article_id, [a.id for a in self.deleted], [])


class _UpdateCommand(_Command):
    """Some fields of one annotation, undone by writing the old values and time back."""

    def __init__(self, session: ProjectSession, before: Annotation, new: dict[str, Any],
                 text: str) -> None:
        super().__init__(session, text)
        self.uuid, self.annotation_id, self.article_id = before.uuid, before.id, before.article_id
        self.old = {k: getattr(before, k) for k in new}
        self.old_time = before.modified
        self.new, self.new_time = dict(new), ""

    def _write(self, values: dict[str, Any], modified: str | None,
               expect: str | None) -> Annotation:
        after = self.project.annotations.update(self.annotation_id, expect_uuid=self.uuid,
                                                expect_modified=expect, modified=modified,
                                                **values)
        self.annotation_id = after.id
        self._annotations(self.article_id, [after.id], [])
        return after

    def first_do(self) -> None:
        after = self.project.annotations.update(self.annotation_id, expect_uuid=self.uuid,
                                                **self.new)
        self.new = {k: getattr(after, k) for k in self.new}  # as stored (trimmed, sorted)
        self.new_time = after.modified
        if self.new == self.old:
            self.setObsolete(True)  # nothing to undo
        self._annotations(self.article_id, [after.id], [])

    def do(self) -> None:
        self._write(self.new, self.new_time, self.old_time)

    def revert(self) -> None:
        self._write(self.old, self.old_time, self.new_time)


class EditFieldCommand(_UpdateCommand):
    """One field of one annotation; consecutive typing in the same field merges into one step."""

    ID = 1001

    def __init__(self, session: ProjectSession, before: Annotation, field: str,
                 value: Any) -> None:
        super().__init__(session, before, {field: value},
                         f"Edit {FIELD_LABELS.get(field, field.title())}")
        self.field = field

    def id(self) -> int:  # noqa: A003 - Qt's name
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, EditFieldCommand) or other.isObsolete():
            return False
        if (other.uuid, other.field) != (self.uuid, self.field):
            return False
        self.new, self.new_time = other.new, other.new_time
        return True


class DateEditCommand(EditFieldCommand):
    """Date is saved when finished, not as typed: each date saved is a step of its own
    (keystrokes merge into one step; two dates in a row are two)."""

    def id(self) -> int:  # noqa: A003 - Qt's name
        return -1  # never merged (QUndoStack merges only commands with the same id != -1)


class SpanCommand(_UpdateCommand):
    def __init__(self, session: ProjectSession, before: Annotation, start: int,
                 end: int) -> None:
        super().__init__(session, before, {"start": start, "end": end}, "Change Span")

    def id(self) -> int:  # noqa: A003 - Qt's name
        return 1002

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        # A run of nudges to one annotation's span is one step.
        if not isinstance(other, SpanCommand) or other.isObsolete() or other.uuid != self.uuid:
            return False
        self.new, self.new_time = other.new, other.new_time
        return True


class ChangeKindCommand(_UpdateCommand):
    """Make an annotation a claim, quote or event (models/annotation_fields.kind_change):
    the person carries over, fields the new kind cannot hold are cleared; undo gives the
    old kind and every field it had back, by uuid, if nobody changed it since."""

    def __init__(self, session: ProjectSession, before: Annotation, kind: str) -> None:
        super().__init__(session, before, {"kind": kind}, f"Change to {KIND_LABELS[kind]}")
        self.before = before

    def first_do(self) -> None:
        after = self.project.annotations.update(self.annotation_id, expect_uuid=self.uuid,
                                                **self.new)
        # What the change touched, old and new, so undo writes every one of them back.
        touched = [k for k in ("kind", *ANNOTATION_FIELDS)
                   if getattr(after, k) != getattr(self.before, k)]
        self.old = {k: getattr(self.before, k) for k in touched}
        self.new = {k: getattr(after, k) for k in touched}
        self.new_time = after.modified
        if not touched:
            self.setObsolete(True)
        self.annotation_id = after.id
        self._annotations(self.article_id, [after.id], [])


class AcceptSuggestionsCommand(_Command):
    """Accepted suggestions: undo removes the annotations and offers the suggestions again."""

    def __init__(self, session: ProjectSession, article_id: int, suggestions: list) -> None:
        n = len(suggestions)
        super().__init__(session, "Accept Suggestion" if n == 1 else f"Accept {n} Suggestions")
        self.article_id, self.suggestions = article_id, suggestions
        self.added: list[Annotation] = []

    def first_do(self) -> None:
        from models.suggest import accept

        self.added = accept(self.project, self.article_id, self.suggestions)
        self._shown()

    def do(self) -> None:
        self.added = self.project.annotations.restore_many(self.added)
        self._shown()

    def _shown(self) -> None:
        self._annotations(self.article_id, [a.id for a in self.added], [])
        self.session.suggestionsTaken.emit(self.article_id, self.suggestions)

    def revert(self) -> None:
        self.project.annotations.remove(self.added)
        self._annotations(self.article_id, [], [a.id for a in self.added])
        self.session.suggestionsReturned.emit(self.article_id, self.suggestions)


class RejectSuggestionsCommand(_Command):
    """Rejections are remembered in the project; undo forgets them and offers them again."""

    def __init__(self, session: ProjectSession, article_id: int, suggestions: list) -> None:
        n = len(suggestions)
        super().__init__(session, "Reject Suggestion" if n == 1 else f"Reject {n} Suggestions")
        self.article_id, self.suggestions = article_id, suggestions

    def do(self) -> None:
        from models.suggest import reject_many

        reject_many(self.project, self.article_id, self.suggestions)
        self.session.suggestionsTaken.emit(self.article_id, self.suggestions)

    def revert(self) -> None:
        from models.suggest import unreject

        unreject(self.project, self.article_id, self.suggestions)
        self.session.suggestionsReturned.emit(self.article_id, self.suggestions)


class ImportArticlesCommand(_Command):
    """Articles imported by a worker on its own connection: the first redo finds them in
    the file already; undo deletes exactly them (by uuid), redo puts them back."""

    def __init__(self, session: ProjectSession, articles: list[Article]) -> None:
        n = len(articles)
        super().__init__(session, "Import Article" if n == 1 else f"Import {n} Articles")
        self.articles = [(a.id, a.uuid) for a in articles]
        self.deleted: list[DeletedArticle] = []

    def first_do(self) -> None:
        self.session.articlesChanged.emit()
        self.session.articleShown.emit(self.articles[-1][0])

    def do(self) -> None:
        back = self.project.articles.restore_many(self.deleted)
        self.articles, self.deleted = [(a.id, a.uuid) for a in back], []
        self.first_do()

    def revert(self) -> None:
        self.deleted = self.project.articles.delete_many(
            [i for i, _u in self.articles], expect_uuids=[u for _i, u in self.articles])
        self.session.articlesChanged.emit()


class AddArticleCommand(_Command):
    """One article from text (the clipboard)."""

    def __init__(self, session: ProjectSession, text: str, meta: object) -> None:
        super().__init__(session, "New Article")
        self.text, self.meta = text, meta
        self.article: tuple[int, str] | None = None
        self.deleted: DeletedArticle | None = None

    def first_do(self) -> None:
        a = self.project.articles.add(self.text, self.meta)
        self.article = (a.id, a.uuid)
        self.session.articlesChanged.emit()
        self.session.articleShown.emit(a.id)

    def do(self) -> None:
        assert self.deleted is not None
        a = self.project.articles.restore(self.deleted)
        self.article, self.deleted = (a.id, a.uuid), None
        self.session.articlesChanged.emit()
        self.session.articleShown.emit(a.id)

    def revert(self) -> None:
        assert self.article is not None
        self.deleted = self.project.articles.delete(self.article[0], expect_uuid=self.article[1])
        self.session.articlesChanged.emit()


class DeleteArticleCommand(_Command):
    def __init__(self, session: ProjectSession, article: Article) -> None:
        super().__init__(session, "Delete Article")
        self.article = (article.id, article.uuid)
        self.deleted: DeletedArticle | None = None

    def do(self) -> None:
        self.deleted = self.project.articles.delete(self.article[0], expect_uuid=self.article[1])
        self.session.articlesChanged.emit()

    def revert(self) -> None:
        assert self.deleted is not None
        back = self.project.articles.restore(self.deleted)
        self.article = (back.id, back.uuid)
        self.session.articlesChanged.emit()
        self.session.articleShown.emit(back.id)


class ArticlePropertiesCommand(_Command):
    """Article metadata. Undo and redo find the article by uuid and write only if the fields
    are still as this step left them (another program's later edit is never overwritten)."""

    def __init__(self, session: ProjectSession, article_id: int, old: dict[str, str],
                 new: dict[str, str], *, uuid: str | None = None) -> None:
        super().__init__(session, "Edit Article Properties")
        self.article_id, self.old, self.new, self.uuid = article_id, old, new, uuid

    def first_do(self) -> None:
        if self.uuid is None:  # the caller did not say: the article it names now
            self.uuid = self.project.articles.get(self.article_id).uuid
        after = self.project.articles.update(self.article_id, expect_uuid=self.uuid,
                                             **self.new)
        self.new = {k: getattr(after, k) for k in self.new}  # as stored
        self._changed(after)

    def do(self) -> None:
        self._changed(self.project.articles.update(
            self.article_id, expect_uuid=self.uuid, expect_modified=self.old, **self.new))

    def revert(self) -> None:
        self._changed(self.project.articles.update(
            self.article_id, expect_uuid=self.uuid, expect_modified=self.new, **self.old))

    def _changed(self, after: Article) -> None:
        self.article_id = after.id
        self.session.articlesChanged.emit()
