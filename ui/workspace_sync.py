"""What is open and shown: the article, its annotations in the reader and the list, and
how changes (ours, undo/redo, other programs') reach those views.

Views learn of changes only through the session's signals; this is where they are heard.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from sqlalchemy.exc import SQLAlchemyError

from models.errors import BriefmarkError
from models.values import Annotation, Article
from ui.annotation_panel import AnnotationPanel
from ui.background_read import BackgroundRead, completion_names
from ui.details import DetailsEditor
from ui.library import LibraryView
from ui.reader import ReaderView
from ui.session import ProjectSession
from ui.suggestions import SuggestionPanel

Notify = Callable[[str, int], None]


class Workspace(QObject):
    def __init__(self, *, parent: QWidget, reader: ReaderView, panel: AnnotationPanel,
                 details: DetailsEditor, library: LibraryView, suggested: SuggestionPanel,
                 header: QLabel, notify: Notify,
                 remember_article: Callable[[int], None]) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.reader, self.panel, self.details = reader, panel, details
        self.library, self.suggested, self.header = library, suggested, header
        self.notify = notify
        self.remember_article = remember_article
        self.session: ProjectSession | None = None
        self.article: Article | None = None
        self.keep_focus = False  # an edit typed in the details: leave the caret there
        # Where the caret was (Qt position) when the current annotation was chosen: N/P go
        # on from the annotation until the caret moves elsewhere, then from the caret.
        self.caret_when_chosen = -1
        # Names for completion are counted on a thread of their own (ui/background_read.py),
        # a moment after changes and right after a project opens, off the hot path.
        self.names = BackgroundRead(completion_names, self, name="name-counts")
        self.names.done.connect(self._names_counted)
        details.namesWanted.connect(self.names.wait)
        self.names_timer = QTimer(self)
        self.names_timer.setSingleShot(True)
        self.names_timer.setInterval(300)
        self.names_timer.timeout.connect(self.refresh_names)
        panel.currentChanged.connect(self.show_current)

    # -- the session ------------------------------------------------------------------------

    def attach(self, session: ProjectSession) -> None:
        self.session = session
        session.closing.connect(lambda: self._closing(session))
        session.annotationsChanged.connect(self.annotations_changed)
        session.articlesChanged.connect(self.articles_changed)
        session.articleShown.connect(self.open_article)
        session.refused.connect(self._refused)
        session.failed.connect(self._step_failed)
        self.article = None
        self.reader.clear_article()
        self.suggested.set_suggestions([])
        self.panel.set_annotations([], [])
        self.details.show_annotation(None)
        self.header.clear()
        # Once the library and the article are shown: counting beside the listing would
        # slow it (both read the whole annotation table).
        self.names.request(session.project, soon=True)

    def _closing(self, session: ProjectSession) -> None:
        if self.session is session:
            self.details.commit_typing()  # a Date typed and not finished is saved, not lost
        # Nothing may read a closed project: no count still running, none started later.
        self.names_timer.stop()
        self.names.forget()
        if self.session is session:
            self.session = None

    def _refused(self, message: str) -> None:
        self.notify(message, 8000)
        QMessageBox.warning(self.parent_widget, "Briefmark", message)

    def _step_failed(self, message: str) -> None:
        """An undo/redo step no longer applies: it has left the history (the others stay).
        Say why after the stack has finished with it, and show the file as it is."""
        self.notify(message, 10000)

        def later() -> None:
            QMessageBox.warning(self.parent_widget, "Cannot undo or redo",
                                f"{message}\n\nThat step was taken out of the undo history; "
                                "the other steps are kept.")
            self.reload()
        QTimer.singleShot(0, later)

    def refresh_names(self) -> None:
        """Names to complete, ranked by how many annotations name them: counted in the
        background, shown when the count is in (at once when a name field wants them)."""
        if self.session is None:
            return
        self.names.request(self.session.project)

    def _names_counted(self, project: object,
                       names: tuple[dict[str, int], dict[str, str]]) -> None:
        if self.session is not None and project is self.session.project:
            self.details.set_names(*names)

    # -- articles ---------------------------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        if self.session is None:
            return
        # Leaving Date to get here saved it; else a step brought the article (an undo of a
        # delete): shown as stored, nothing saved inside it.
        self.details.drop_typing()
        project = self.session.project
        try:
            article = project.articles.get(article_id)
        except BriefmarkError:
            return
        self.article = article
        focus = QApplication.focusWidget()
        editing = focus is not None and self.details.isAncestorOf(focus)
        annotations = project.annotations.list(article_id=article_id)
        self.reader.set_article(article.text, annotations)
        self.suggested.set_suggestions([])
        self.panel.set_annotations(annotations, project.annotations.all_tags())
        self.details.show_annotation(None)
        self.show_header(article)
        self.library.select(article_id)
        if editing and not focus.isVisible():  # its annotation is gone: back to the text
            self.reader.setFocus()
        self.remember_article(article_id)

    def show_header(self, a: Article) -> None:
        meta = " · ".join(escape(x) for x in (a.source, a.author, a.published, a.language) if x)
        url = f" · <a href='{escape(a.url)}'>{escape(a.url[:60])}</a>" if a.url else ""
        self.header.setText(f"<div style='font-size:15pt; font-weight:600'>{escape(a.title)}"
                            f"</div><div style='color:palette(placeholder-text)'>{meta}{url}</div>")

    def clear_article(self) -> None:
        self.article = None
        self.reader.clear_article()
        self.suggested.set_suggestions([])
        self.panel.set_annotations([], [])
        self.details.show_annotation(None)
        self.header.clear()

    def articles_changed(self, listed: list[int] | None = None) -> None:
        """Show the project's articles. When the open one is gone (deleted here or by another
        program), open the one that takes its place in the library: the next one, or the
        previous one when it was the last. `listed`: the library's order before the change,
        when the library already shows the new list."""
        if self.session is None:
            return
        self.details.drop_typing()  # shown as stored: nothing is saved inside a step
        listed = self.library.shown_ids() if listed is None else listed
        articles = self.session.project.articles.list()
        ids = {a.id for a in articles}
        current = self.article.id if self.article and self.article.id in ids else None
        gone = self.article.id if self.article and current is None else None
        self.library.set_articles(articles, current)
        if current is None:
            self.clear_article()
            if articles:
                place = _in_its_place(listed, gone, ids)
                self.open_article(articles[-1].id if place is None else place)
        else:
            self.article = self.session.project.articles.get(current)
            self.show_header(self.article)

    # -- annotations ------------------------------------------------------------------------

    def annotations_changed(self, article_id: int, changed: list, removed: list) -> None:
        """Any change to annotations, ours or undo/redo: show it and take the reader to it."""
        if self.session is None:
            return
        if not self.keep_focus:  # undo, redo, a tag: shown as stored, nothing saved meanwhile
            self.details.drop_typing()
        if self.article is None or article_id != self.article.id:
            self.open_article(article_id)
        else:
            self.apply_changes(article_id, changed, removed)
        # An edit from the details (a Date saved on moving on) never moves the selection.
        if changed and changed[0] != self.panel.current_id() and not self.keep_focus:
            self.select_annotation(changed[0])
        self.names_timer.start()  # completions can wait; the frame cannot

    def apply_changes(self, article_id: int, changed: list[int], removed: list[int]) -> None:
        """Show changes already committed: `changed` ids are read back from the file."""
        assert self.session is not None
        if self.article is None or article_id != self.article.id:
            self.library.set_articles(self.session.project.articles.list(),
                                      self.article.id if self.article else None)
            return
        annotations = self.session.project.annotations
        if self.panel.current_id() in removed:  # nothing left to show or edit
            self.select_annotation(None)
        for aid in removed:
            self.reader.remove(aid)
            self.panel.remove(aid)
        for aid in changed:
            try:
                a = annotations.get(aid)
            except BriefmarkError:
                continue
            self.reader.upsert(a)
            self.panel.upsert(a)
            if self.panel.model.row_of_id(a.id) < 0:
                self.panel.clear_filters()  # a new annotation must be in the list
            if aid == self.panel.current_id():
                self.details.show_annotation(a, keep_focused=self.keep_focus)
            if not self.panel.has_tags(a.tags):
                self.panel.set_tags(annotations.all_tags())
        self.library.model.set_counts(article_id, dict(self.panel.model.counts))

    # -- the current annotation ---------------------------------------------------------------

    def current(self) -> Annotation | None:
        cid = self.panel.current_id()
        return self.reader.annotations.get(cid) if cid is not None else None

    def select_annotation(self, annotation_id: int | None) -> None:
        self.panel.select(annotation_id, emit=False)
        self.show_current(annotation_id)

    def show_current(self, annotation_id: int | None) -> None:
        self.details.commit_typing()  # moving on finishes a Date still being typed
        a = self.reader.annotations.get(annotation_id) if annotation_id is not None else None
        if a is not None:
            self.suggested.clear_current()  # one thing is current: keys act on it alone
        self.reader.set_current(a.id if a else None)
        self.details.show_annotation(a)
        if a is not None:
            self.reader.reveal(a.start, a.end)
        self.caret_when_chosen = self.reader.textCursor().position() if a is not None else -1

    # -- other programs -----------------------------------------------------------------------

    def reload(self) -> None:
        """Show the file as it is now, keeping the current annotation and the caret."""
        if self.session is None:
            return
        self.session.project.annotations.forget_texts()
        self.names_timer.start()  # names another program added complete too
        keep = self.panel.current_id()
        focus = QApplication.focusWidget()
        listed = self.library.shown_ids()
        articles = self.session.project.articles.list()
        current = self.article.id if self.article and any(
            a.id == self.article.id for a in articles) else None
        self.library.set_articles(articles, current)
        if current is None:
            self.articles_changed(listed)
            return
        typed = self.details.hold_typing()  # a Date being typed is neither saved nor lost
        self.open_article(current)
        if keep in self.reader.annotations:
            self.select_annotation(keep)
            self.details.resume_typing(typed)
            if focus is not None and self.details.isAncestorOf(focus) and focus.isVisible():
                focus.setFocus()  # typing goes on where it was

    def check_outside_changes(self) -> bool:
        """Notice changes another program (the command line, a second window) made: show
        them. The undo history stays: its steps check their rows when they are invoked."""
        if self.session is None:
            return False
        try:
            if not self.session.project.changed_elsewhere():
                return False
        except (BriefmarkError, SQLAlchemyError):
            return False
        self.reload()
        self.notify("Updated with changes made by another program", 8000)
        return True


def _in_its_place(listed: list[int], gone: int | None, ids: set[int]) -> int | None:
    """The article after `gone` in the library's old order that still exists, else the
    nearest one before it; None when `gone` was not listed (a filter hid it)."""
    if gone not in listed:
        return None
    i = listed.index(gone)
    return next((a for a in listed[i + 1:] + listed[:i][::-1] if a in ids), None)
