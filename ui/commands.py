"""Undoable user actions. Each holds ids and value snapshots, never ORM objects.

The first `redo()` (called by QUndoStack.push) finds the work already done: the caller does
it before pushing, so a refused change (bad span, read-only file) never lands on the stack.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from models.errors import BriefmarkError
from models.values import Annotation, Article, DeletedArticle
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
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._guarded(self.do)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step) -> None:  # noqa: ANN001
        # The file may have changed under us (another program) or refuse the write; the
        # window is told, shows why, and starts the history afresh.
        try:
            step()
        except BriefmarkError as exc:
            self.session.failed.emit(str(exc))

    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class TagCommand(_Command):
    def __init__(self, session: ProjectSession, annotation: Annotation) -> None:
        super().__init__(session, f"Tag as {KIND_LABELS[annotation.kind]}")
        self.annotation = annotation

    def do(self) -> None:
        self.project.annotations.restore(self.annotation)
        self.session.annotationsChanged.emit(self.annotation.article_id, [self.annotation.id], [])

    def revert(self) -> None:
        self.project.annotations.delete(self.annotation.id)
        self.session.annotationsChanged.emit(self.annotation.article_id, [], [self.annotation.id])


class DeleteCommand(_Command):
    def __init__(self, session: ProjectSession, deleted: list[Annotation]) -> None:
        kinds = {a.kind for a in deleted}
        label = KIND_LABELS[deleted[0].kind] if len(kinds) == 1 and len(deleted) == 1 else (
            f"{len(deleted)} Annotations")
        super().__init__(session, f"Delete {label}")
        self.deleted = deleted

    def do(self) -> None:
        self.project.annotations.delete_many([a.id for a in self.deleted])
        self.session.annotationsChanged.emit(self.deleted[0].article_id, [],
                                             [a.id for a in self.deleted])

    def revert(self) -> None:
        self.project.annotations.add_many(self.deleted)
        self.session.annotationsChanged.emit(self.deleted[0].article_id,
                                             [a.id for a in self.deleted], [])


class EditFieldCommand(_Command):
    """One field of one annotation; consecutive typing in the same field merges into one step."""

    ID = 1001

    def __init__(self, session: ProjectSession, before: Annotation, after: Annotation,
                 field: str) -> None:
        super().__init__(session, f"Edit {FIELD_LABELS.get(field, field.title())}")
        self.annotation_id = before.id
        self.article_id = before.article_id
        self.field = field
        self.old, self.old_time = getattr(before, field), before.modified
        self.new, self.new_time = getattr(after, field), after.modified

    def id(self) -> int:  # noqa: A003 - Qt's name
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, EditFieldCommand):
            return False
        if (other.annotation_id, other.field) != (self.annotation_id, self.field):
            return False
        self.new, self.new_time = other.new, other.new_time
        return True

    def _apply(self, value: Any, modified: str) -> None:
        self.project.annotations.update(self.annotation_id, modified=modified,
                                        **{self.field: value})
        self.session.annotationsChanged.emit(self.article_id, [self.annotation_id], [])

    def do(self) -> None:
        self._apply(self.new, self.new_time)

    def revert(self) -> None:
        self._apply(self.old, self.old_time)


class SpanCommand(_Command):
    def __init__(self, session: ProjectSession, before: Annotation, after: Annotation) -> None:
        super().__init__(session, "Change Span")
        self.annotation_id, self.article_id = before.id, before.article_id
        self.old = (before.start, before.end, before.modified)
        self.new = (after.start, after.end, after.modified)

    def id(self) -> int:  # noqa: A003 - Qt's name
        return 1002

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        # A run of nudges to one annotation's span is one step.
        if not isinstance(other, SpanCommand) or other.annotation_id != self.annotation_id:
            return False
        self.new = other.new
        return True

    def _apply(self, span: tuple[int, int, str]) -> None:
        self.project.annotations.update(self.annotation_id, start=span[0], end=span[1],
                                        modified=span[2])
        self.session.annotationsChanged.emit(self.article_id, [self.annotation_id], [])

    def do(self) -> None:
        self._apply(self.new)

    def revert(self) -> None:
        self._apply(self.old)


class AddAnnotationsCommand(_Command):
    """Several annotations added at once (accepted suggestions)."""

    def __init__(self, session: ProjectSession, added: list[Annotation], text: str) -> None:
        super().__init__(session, text)
        self.added = added

    def do(self) -> None:
        self.project.annotations.add_many(self.added)
        self.session.annotationsChanged.emit(self.added[0].article_id,
                                             [a.id for a in self.added], [])

    def revert(self) -> None:
        self.project.annotations.delete_many([a.id for a in self.added])
        self.session.annotationsChanged.emit(self.added[0].article_id, [],
                                             [a.id for a in self.added])


class ImportArticlesCommand(_Command):
    def __init__(self, session: ProjectSession, articles: list[Article]) -> None:
        n = len(articles)
        super().__init__(session, "Import Article" if n == 1 else f"Import {n} Articles")
        self.ids = [a.id for a in articles]
        self.deleted: list[DeletedArticle] = []

    def do(self) -> None:
        self.project.articles.restore_many(self.deleted)
        self.deleted = []
        self.session.articlesChanged.emit()
        self.session.articleShown.emit(self.ids[-1])

    def revert(self) -> None:
        self.deleted = self.project.articles.delete_many(self.ids)
        self.session.articlesChanged.emit()


class DeleteArticleCommand(_Command):
    def __init__(self, session: ProjectSession, deleted: DeletedArticle) -> None:
        super().__init__(session, "Delete Article")
        self.deleted = deleted

    def do(self) -> None:
        self.deleted = self.project.articles.delete(self.deleted.article.id)
        self.session.articlesChanged.emit()

    def revert(self) -> None:
        self.project.articles.restore(self.deleted)
        self.session.articlesChanged.emit()
        self.session.articleShown.emit(self.deleted.article.id)


class ArticlePropertiesCommand(_Command):
    def __init__(self, session: ProjectSession, article_id: int, old: dict[str, str],
                 new: dict[str, str]) -> None:
        super().__init__(session, "Edit Article Properties")
        self.article_id, self.old, self.new = article_id, old, new

    def do(self) -> None:
        self.project.articles.update(self.article_id, **self.new)
        self.session.articlesChanged.emit()

    def revert(self) -> None:
        self.project.articles.update(self.article_id, **self.old)
        self.session.articlesChanged.emit()


class AcceptSuggestionsCommand(AddAnnotationsCommand):
    """Accepted suggestions: undo removes the annotations and offers the suggestions again."""

    def __init__(self, session: ProjectSession, added: list[Annotation], suggestions: list,
                 text: str) -> None:
        super().__init__(session, added, text)
        self.suggestions = suggestions

    def do(self) -> None:
        super().do()
        self.session.suggestionsTaken.emit(self.added[0].article_id, self.suggestions)

    def revert(self) -> None:
        super().revert()
        self.session.suggestionsReturned.emit(self.added[0].article_id, self.suggestions)


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
