"""The main window: library | reader | annotations + details, menus, undo, settings."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from models.errors import BriefmarkError
from models.project import PROJECT_SUFFIX, Project
from models.spans import snap_to_words, trim_whitespace, word_step
from models.values import KINDS, Annotation, Article
from ui import commands
from ui.annotation_panel import AnnotationPanel
from ui.article_actions import ArticleActions
from ui.details import DetailsEditor
from ui.find_bar import FindBar
from ui.library import LibraryView
from ui.reader import ReaderView
from ui.session import ProjectSession
from ui.suggest_actions import SuggestActions
from ui.suggestions import SuggestionPanel
from ui.theme import KIND_LABELS

MAX_RECENT = 8
TAG_KEYS = {"claim": ("C", "1"), "quote": ("Q", "2"), "event": ("E", "3")}


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.session: ProjectSession | None = None
        self.article: Article | None = None
        self._own_edit = False
        self.setWindowTitle("Briefmark")
        self.setAcceptDrops(True)

        self.library = LibraryView()
        self.reader = ReaderView()
        self.header = QLabel()
        self.header.setObjectName("articleHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setOpenExternalLinks(True)
        self.header.setContentsMargins(16, 10, 16, 6)
        self.find_bar = FindBar(self.reader)
        self.find_bar.missed.connect(
            lambda text: self.statusBar().showMessage(f"“{text}” is not in this article", 4000))
        self.panel = AnnotationPanel()
        self.suggested = SuggestionPanel()
        self.suggested.hide()
        self.details = DetailsEditor()

        centre = QWidget()
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(self.header)
        cl.addWidget(self.find_bar)
        cl.addWidget(self.reader, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.panel)
        right.addWidget(self.suggested)
        right.addWidget(self.details)
        right.setSizes([380, 200, 330])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(right)
        self.splitter.setSizes([280, 760, 420])
        self.splitter.setStretchFactor(1, 1)
        self.right_splitter = right
        self.setCentralWidget(self.splitter)

        self.articles = ArticleActions(self)
        self.suggestions = SuggestActions(self, self.suggested)
        self._build_actions()
        self._connect()
        self.statusBar().showMessage("Ready")
        self._restore_settings()
        # Names for completion are gathered a moment after changes, off the hot path.
        self._names_timer = QTimer(self)
        self._names_timer.setSingleShot(True)
        self._names_timer.setInterval(300)
        self._names_timer.timeout.connect(lambda: self.details.set_names(self._names()))
        self._watch = QTimer(self)
        self._watch.setInterval(2000)
        self._watch.timeout.connect(self._check_outside_changes)
        self._watch.start()

    # -- actions and menus --------------------------------------------------------------

    def _action(self, text: str, slot, keys: tuple[str, ...] | QKeySequence.StandardKey = (),
                *, reader_only: bool = False, tip: str = "") -> QAction:
        act = QAction(text, self)
        if isinstance(keys, QKeySequence.StandardKey):
            act.setShortcuts(keys)
        elif keys:
            act.setShortcuts([QKeySequence(k) for k in keys])
        if reader_only:  # single letters must not fire while typing in a field
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.reader.addAction(act)
            self.panel.view.addAction(act)
        else:
            self.addAction(act)
        if tip:
            act.setStatusTip(tip)
        act.triggered.connect(slot)
        return act

    def _build_actions(self) -> None:
        self.tag_actions = {
            k: self._action(f"Tag as {KIND_LABELS[k]}", lambda _=False, k=k: self.tag(k),
                            TAG_KEYS[k], reader_only=True,
                            tip=f"Tag the selected text as a {k}")
            for k in KINDS
        }
        self.act_delete = self._action("Delete Annotation", self.delete_current,
                                       ("Delete", "Backspace"), reader_only=True)
        self.act_next = self._action("Next Annotation", lambda: self.step(1), ("N",),
                                     reader_only=True)
        self.act_prev = self._action("Previous Annotation", lambda: self.step(-1), ("P",),
                                     reader_only=True)
        self.act_edit = self._action("Edit Annotation", self.edit_current, ("Return", "Enter"),
                                     reader_only=True)
        self.act_span = self._action("Set Span to Selection", self.span_to_selection, ("S",),
                                     reader_only=True)
        self.act_grow_end = self._action("Extend End by a Word", lambda: self.nudge(0, 1),
                                         ("Alt+Right",), reader_only=True)
        self.act_shrink_end = self._action("Shrink End by a Word", lambda: self.nudge(0, -1),
                                           ("Alt+Left",), reader_only=True)
        self.act_grow_start = self._action("Extend Start by a Word", lambda: self.nudge(-1, 0),
                                           ("Alt+Shift+Left",), reader_only=True)
        self.act_shrink_start = self._action("Shrink Start by a Word",
                                             lambda: self.nudge(1, 0), ("Alt+Shift+Right",),
                                             reader_only=True)
        self.act_find = self._action("Find in Article…", self.find_bar.open,
                                     QKeySequence.StandardKey.Find)
        self.act_snap = QAction("Snap Selection to Whole Words", self, checkable=True)
        self.act_snap.setChecked(self.settings.value("snapToWords", True, type=bool))
        self.act_snap.toggled.connect(lambda on: self.settings.setValue("snapToWords", on))
        self.act_zoom_in = self._action("Zoom In", lambda: self.zoom(1),
                                        ("Ctrl++", "Ctrl+="))
        self.act_zoom_out = self._action("Zoom Out", lambda: self.zoom(-1), ("Ctrl+-",))
        self.act_zoom_reset = self._action("Actual Size", lambda: self.zoom(0), ("Ctrl+0",))
        self.act_focus_panel = self._action("Go to Annotation List", self.panel.view.setFocus,
                                            ("Ctrl+L",))
        self.act_focus_reader = self._action("Go to Text", self.focus_reader, ("Ctrl+T",))
        for view in (self.panel.view, self.suggested.view, self.library.view):
            back = QAction(self)
            back.setShortcut(QKeySequence("Esc"))
            back.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            back.triggered.connect(self.focus_reader)
            view.addAction(back)

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self._action("New Project…", self.new_project,
                                         QKeySequence.StandardKey.New))
        file_menu.addAction(self._action("Open Project…", self.open_project_dialog,
                                         QKeySequence.StandardKey.Open))
        self.recent_menu = QMenu("Recent Projects", self)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        self.articles.editing_actions = [
            self._action("Import Articles…", self.articles.import_dialog, ("Ctrl+I",)),
            self._action("New Article from Clipboard…", self.articles.from_clipboard,
                         ("Ctrl+Shift+V",)),
            self._action("Article Properties…", self.articles.properties, ("Ctrl+Shift+P",)),
            self._action("Delete Article", self.articles.delete_current),
        ]
        for act in self.articles.editing_actions:
            file_menu.addAction(act)
        file_menu.addSeparator()
        self.export_menu = file_menu.addMenu("Export")
        self.export_menu.addAction(self._action("Briefing Note (.docx)…",
                                                self.articles.export_briefing, ("Ctrl+E",)))
        self.export_menu.addAction(self._action("Annotations as JSON…",
                                                lambda: self.articles.export_data("json")))
        self.export_menu.addAction(self._action("Annotations as CSV…",
                                                lambda: self.articles.export_data("csv")))
        self.export_menu.addAction(self._action("W3C Web Annotations (JSON-LD)…",
                                                lambda: self.articles.export_data("w3c")))
        file_menu.addSeparator()
        file_menu.addAction(self._action("Quit", self.close, QKeySequence.StandardKey.Quit))

        self.edit_menu = menu.addMenu("&Edit")
        self.undo_action = QAction("Undo", self)
        self.redo_action = QAction("Redo", self)
        self.edit_menu.addAction(self.act_find)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.act_snap)

        ann = menu.addMenu("&Annotate")
        for a in self.tag_actions.values():
            ann.addAction(a)
        ann.addSeparator()
        for a in (self.act_next, self.act_prev, self.act_edit, self.act_delete):
            ann.addAction(a)
        ann.addSeparator()
        for a in (self.act_span, self.act_grow_end, self.act_shrink_end, self.act_grow_start,
                  self.act_shrink_start):
            ann.addAction(a)
        ann.addSeparator()
        for a in self.suggestions.menu_actions():
            ann.addAction(a)
        self.annotate_menu = ann

        view = menu.addMenu("&View")
        for a in (self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset):
            view.addAction(a)
        view.addSeparator()
        view.addAction(self.act_focus_reader)
        view.addAction(self.act_focus_panel)

        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self._action("Keyboard Shortcuts", self.show_shortcuts, ("F1",)))
        help_menu.addAction(self._action("About Briefmark", self.about))

        tb = self.addToolBar("Annotate")
        tb.setObjectName("annotateToolbar")
        for a in self.tag_actions.values():
            tb.addAction(a)
        tb.addSeparator()
        tb.addAction(self.suggestions.act_suggest)
        tb.addSeparator()
        self.toolbar = tb
        self.reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def _install_undo_actions(self) -> None:
        assert self.session is not None
        for old in (self.undo_action, self.redo_action):
            self.edit_menu.removeAction(old)
            self.removeAction(old)
            self.toolbar.removeAction(old)
        stack = self.session.undo_stack
        self.undo_action = stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        first = self.edit_menu.actions()[0] if self.edit_menu.actions() else None
        self.edit_menu.insertAction(first, self.undo_action)
        self.edit_menu.insertAction(first, self.redo_action)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.toolbar.addAction(self.undo_action)
        self.toolbar.addAction(self.redo_action)

    def _connect(self) -> None:
        self.library.articleActivated.connect(self.open_article)
        self.reader.annotationClicked.connect(self.select_annotation)
        self.reader.customContextMenuRequested.connect(self._reader_menu)
        self.panel.currentChanged.connect(self._panel_current)
        self.panel.view.doubleClicked.connect(lambda _i: self.edit_current())
        self.details.fieldEdited.connect(self.edit_field)
        self.details.escapePressed.connect(self.focus_reader)

    # -- projects -------------------------------------------------------------------------

    def open_project(self, path: Path | str, *, create: bool = False) -> bool:
        path = Path(path)
        try:
            project = Project.open(path, create=create)
        except BriefmarkError as exc:
            QMessageBox.warning(self, "Cannot open project", str(exc))
            return False
        if self.session is not None:
            self.session.close()
        self.session = ProjectSession(project, self)
        self.session.annotationsChanged.connect(self._annotations_changed)
        self.session.articlesChanged.connect(self._articles_changed)
        self.session.failed.connect(self._step_failed)
        self.session.articleShown.connect(self.open_article)
        self.suggestions.connect_session()
        self._install_undo_actions()
        self.session.undo_stack.indexChanged.connect(self._saved_message)
        project.changed_elsewhere()  # take the starting point
        self.article = None
        self.reader.clear_article()
        self.suggested.set_suggestions([])
        self.panel.set_annotations([], [])
        self.details.show_annotation(None)
        self.details.set_names(self._names())
        self._apply_read_only(project.read_only)
        title = f"{path.stem} — Briefmark" + (" (read-only)" if project.read_only else "")
        self.setWindowTitle(title)
        self._remember_recent(path)
        if project.backup:
            self.statusBar().showMessage(f"Upgraded {path.name}; the old version was kept as "
                                         f"{project.backup.name}", 10000)
        elif project.read_only:
            self.statusBar().showMessage(f"{path.name} is read-only: changes cannot be saved")
        articles = project.articles.list()
        last = self.settings.value(f"lastArticle/{path.resolve()}", None)
        ids = [a.id for a in articles]
        wanted = int(last) if last is not None and str(last).isdigit() and int(last) in ids \
            else (ids[0] if ids else None)
        self.library.set_articles(articles, wanted)
        if wanted is not None:
            self.open_article(wanted)
        return True

    def _apply_read_only(self, read_only: bool) -> None:
        """A project that cannot be written can be read, searched and exported, not edited:
        editing controls are off instead of failing one keystroke at a time."""
        editing = [*self.tag_actions.values(), self.act_delete, self.act_span,
                   self.act_grow_end, self.act_shrink_end, self.act_grow_start,
                   self.act_shrink_start, *self.articles.editing_actions,
                   self.suggestions.act_suggest, self.suggestions.act_accept,
                   self.suggestions.act_reject, self.suggestions.act_accept_kind]
        for act in editing:
            act.setEnabled(not read_only)
        self.details.set_read_only(read_only)
        self.suggested.setEnabled(not read_only)
        self.setAcceptDrops(not read_only)
        if read_only:
            self.statusBar().showMessage(
                "This project is read-only (the file or its folder cannot be written): you "
                "can read, search and export, not change it.")

    def _names(self) -> list[str]:
        if self.session is None:
            return []
        a = self.session.project.annotations
        return sorted(set(a.names("speaker")) | set(a.names("claimant"))
                      | set(a.names("participants")), key=str.casefold)

    def _remember_recent(self, path: Path) -> None:
        p = str(path.resolve())
        recent = [r for r in self.settings.value("recentProjects", [], type=list) if r != p]
        recent.insert(0, p)
        self.settings.setValue("recentProjects", recent[:MAX_RECENT])
        self.settings.setValue("lastProject", p)
        self._fill_recent()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for r in self.settings.value("recentProjects", [], type=list):
            self.recent_menu.addAction(Path(r).name, lambda r=r: self.open_project(r)) \
                .setToolTip(r)
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def new_project(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "New project", str(Path.home()),
                                              f"Briefmark projects (*{PROJECT_SUFFIX})")
        if name:
            path = Path(name)
            if path.suffix != PROJECT_SUFFIX:
                path = path.with_suffix(PROJECT_SUFFIX)
            if path.exists():
                QMessageBox.warning(self, "New project", f"{path.name} already exists; open it "
                                    "with File ▸ Open Project or choose another name.")
                return
            self.open_project(path, create=True)

    def open_project_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open project", str(Path.home()),
                                              f"Briefmark projects (*{PROJECT_SUFFIX});;"
                                              "All files (*)")
        if name:
            self.open_project(name)

    # -- articles -------------------------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        if self.session is None:
            return
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
        self._show_header(article)
        self.library.select(article_id)
        if editing and not focus.isVisible():  # its annotation is gone: back to the text
            self.reader.setFocus()
        self.settings.setValue(f"lastArticle/{project.path.resolve()}", article_id)

    def _show_header(self, a: Article) -> None:
        from html import escape

        meta = " · ".join(escape(x) for x in (a.source, a.author, a.published, a.language) if x)
        url = f" · <a href='{escape(a.url)}'>{escape(a.url[:60])}</a>" if a.url else ""
        self.header.setText(f"<div style='font-size:15pt; font-weight:600'>{escape(a.title)}"
                            f"</div><div style='color:palette(placeholder-text)'>{meta}{url}</div>")

    def _articles_changed(self) -> None:
        assert self.session is not None
        articles = self.session.project.articles.list()
        ids = {a.id for a in articles}
        current = self.article.id if self.article and self.article.id in ids else None
        self.library.set_articles(articles, current)
        if current is None:
            self.article = None
            self.reader.clear_article()
            self.suggested.set_suggestions([])
            self.panel.set_annotations([], [])
            self.details.show_annotation(None)
            self.header.clear()
            if articles:
                self.open_article(articles[-1].id)
        else:
            fresh = self.session.project.articles.get(current)
            self.article = fresh
            self._show_header(fresh)

    def _refresh_library_counts(self) -> None:
        assert self.session is not None
        self.library.set_articles(self.session.project.articles.list(),
                                  self.article.id if self.article else None)

    # -- annotating -----------------------------------------------------------------------

    def _run(self, fn, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        """Call the core; a refused change becomes a message, never a traceback."""
        try:
            return fn(*args, **kwargs)
        except BriefmarkError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            QMessageBox.warning(self, "Briefmark", str(exc))
            return None

    def _selection(self) -> tuple[int, int] | None:
        start, end = self.reader.selection()
        if start >= end or self.article is None:
            return None
        text = self.article.text
        if self.act_snap.isChecked():
            start, end = snap_to_words(text, start, end)
        else:
            start, end = trim_whitespace(text, start, end)
        return (start, end) if start < end else None

    def tag(self, kind: str) -> Annotation | None:
        if self.session is None or self.article is None:
            return None
        span = self._selection()
        if span is None:
            self.statusBar().showMessage("Select some text first, then press C, Q or E.", 5000)
            return None
        ann = self._run(self.session.project.annotations.tag_span, article_id=self.article.id,
                        kind=kind, start=span[0], end=span[1])
        if ann is None:
            return None
        self.session.undo_stack.push(commands.TagCommand(self.session, ann))
        cursor = self.reader.textCursor()  # the new highlight shows; the selection would hide it
        cursor.clearSelection()
        self.reader.setTextCursor(cursor)
        self._apply_changes(ann.article_id, [ann.id], [], known={ann.id: ann})
        if self.panel.model.row_of_id(ann.id) < 0:
            self.panel.clear_filters()  # the new annotation must be in the list
        self.select_annotation(ann.id)
        self.details.focus_key_field()
        return ann

    def current(self) -> Annotation | None:
        cid = self.panel.current_id()
        return self.reader.annotations.get(cid) if cid is not None else None

    def delete_current(self) -> None:
        a = self.current()
        if a is None or self.session is None:
            return
        rows = self.panel.model.rows
        row = self.panel.model.row_of_id(a.id)
        following = None
        if row >= 0 and len(rows) > 1:
            following = rows[row + 1].id if row + 1 < len(rows) else rows[row - 1].id
        gone = self._run(self.session.project.annotations.delete, a.id)
        if gone is None:
            return
        self.session.undo_stack.push(commands.DeleteCommand(self.session, [gone]))
        self._apply_changes(a.article_id, [], [a.id])
        self.select_annotation(following)
        self.reader.setFocus()

    def edit_field(self, annotation_id: int, field: str, value: object) -> None:
        if self.session is None:
            return
        before = self.reader.annotations.get(annotation_id)
        if before is None:
            return
        old = getattr(before, field)
        after = self._run(self.session.project.annotations.update, annotation_id,
                          **{field: value})
        if after is None or getattr(after, field) == old:
            return
        if field in ("speaker", "claimant", "participants"):
            self._names_timer.start()
        self._own_edit = True
        try:
            self.session.undo_stack.push(
                commands.EditFieldCommand(self.session, before, after, field))
            self._apply_changes(after.article_id, [after.id], [], known={after.id: after})
        finally:
            self._own_edit = False

    def change_span(self, start: int, end: int) -> None:
        a = self.current()
        if a is None or self.session is None or (start, end) == (a.start, a.end):
            return
        after = self._run(self.session.project.annotations.update, a.id, start=start, end=end)
        if after is None:
            return
        self.session.undo_stack.push(commands.SpanCommand(self.session, a, after))
        self._apply_changes(a.article_id, [a.id], [])

    def span_to_selection(self) -> None:
        span = self._selection()
        if span is not None:
            self.change_span(*span)

    def nudge(self, start_words: int, end_words: int) -> None:
        """Move a span edge by one word (positive: towards the end of the text)."""
        a = self.current()
        if a is None or self.article is None:
            return
        text = self.article.text
        start, end = a.start, a.end
        if start_words:
            start = word_step(text, start, start_words, edge="start")
        if end_words:
            end = word_step(text, end, end_words, edge="end")
        start, end = trim_whitespace(text, start, end)
        if start < end:
            self.change_span(start, end)
            self.reader.reveal(start, end)

    def _apply_changes(self, article_id: int, changed: list[int], removed: list[int],
                       known: dict[int, Annotation] | None = None) -> None:
        """Show changes already committed: `changed` ids are read back unless `known`."""
        if self.session is None or self.article is None or article_id != self.article.id:
            if self.session is not None:
                self._refresh_library_counts()
            return
        annotations = self.session.project.annotations
        if self.panel.current_id() in removed:  # nothing left to show or edit
            self.select_annotation(None)
        for aid in removed:
            self.reader.remove(aid)
            self.panel.remove(aid)
        for aid in changed:
            try:
                a = (known or {}).get(aid) or annotations.get(aid)
            except BriefmarkError:
                continue
            self.reader.upsert(a)
            self.panel.upsert(a)
            if aid == self.panel.current_id():
                self.details.show_annotation(a, keep_focused=self._own_edit)
            if not self.panel.has_tags(a.tags):
                self.panel.set_tags(annotations.all_tags())
        self.library.model.set_counts(article_id, dict(self.panel.model.counts))

    def _annotations_changed(self, article_id: int, changed: list, removed: list) -> None:
        """A change from undo/redo: show it, and take the reader to it."""
        if self.article is None or article_id != self.article.id:
            self.open_article(article_id)
        else:
            self._apply_changes(article_id, changed, removed)
        if changed:
            self.select_annotation(changed[0])
        self._names_timer.start()  # completions can wait; the frame cannot

    def _step_failed(self, message: str) -> None:
        """An undo/redo step could not be applied: say why and start the history afresh
        (after the stack has finished with the step)."""
        QMessageBox.warning(self, "Cannot undo or redo", f"{message}\n\nThe undo history "
                            "starts again from here; what is shown is reloaded from the file.")
        QTimer.singleShot(0, self._reload_after_failure)

    def _reload_after_failure(self) -> None:
        if self.session is None:
            return
        self.session.undo_stack.clear()
        self.session.project.annotations.forget_texts()
        self._articles_changed()
        if self.article is not None:
            self.open_article(self.article.id)

    def _check_outside_changes(self) -> None:
        """Notice changes another program (the command line, a second window) made to the
        open project: reload what is shown and start the undo history afresh, since its
        steps may no longer apply."""
        if self.session is None or not self.isActiveWindow():
            return
        try:
            if not self.session.project.changed_elsewhere():
                return
        except (BriefmarkError, SQLAlchemyError):
            return
        self.session.undo_stack.clear()
        keep = self.panel.current_id()
        focus = QApplication.focusWidget()
        articles = self.session.project.articles.list()
        current = self.article.id if self.article and any(
            a.id == self.article.id for a in articles) else None
        self.library.set_articles(articles, current)
        if current is not None:
            self.open_article(current)
            if keep in self.reader.annotations:
                self.select_annotation(keep)
                if focus is not None and self.details.isAncestorOf(focus) and \
                        focus.isVisible():
                    focus.setFocus()  # typing goes on where it was
        else:
            self._articles_changed()
        self.statusBar().showMessage("Updated with changes made by another program", 8000)

    def _saved_message(self) -> None:
        if self.session is not None:
            stamp = time.strftime("%H:%M:%S")
            self.statusBar().showMessage(f"Saved to {self.session.project.path.name} at {stamp}",
                                         4000)

    # -- selection and navigation ---------------------------------------------------------

    def select_annotation(self, annotation_id: int | None) -> None:
        self.panel.select(annotation_id, emit=False)
        self._panel_current(annotation_id)

    def _panel_current(self, annotation_id: int | None) -> None:
        a = self.reader.annotations.get(annotation_id) if annotation_id is not None else None
        if a is not None:
            self.suggested.clear_current()  # one thing is current: keys act on it alone
        self.reader.set_current(a.id if a else None)
        self.details.show_annotation(a)
        if a is not None:
            self.reader.reveal(a.start, a.end)

    def step(self, delta: int) -> None:
        self.panel.step(delta)

    def edit_current(self) -> None:
        if self.current() is not None:
            self.details.focus_key_field()

    def focus_reader(self) -> None:
        self.reader.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def zoom(self, steps: int) -> None:
        self.reader.zoom(steps)
        self.settings.setValue("zoom", self.reader.point_size())

    # -- context menu, drag and drop ----------------------------------------------------------

    def _reader_menu(self, pos) -> None:  # noqa: ANN001
        self.reader_menu(pos).exec(self.reader.viewport().mapToGlobal(pos))

    def reader_menu(self, pos) -> QMenu:  # noqa: ANN001
        """The reader's context menu for a viewport position."""
        menu = self.reader.createStandardContextMenu(pos)
        menu.addSeparator()
        for a in self.tag_actions.values():
            menu.addAction(a)
        cp = self.reader.offsets.to_cp(self.reader.cursorForPosition(pos).position())
        here = self.reader.annotations_at(cp)
        if here:
            # What the menu acts on is what was clicked: the innermost annotation there.
            if self.panel.current_id() not in {a.id for a in here}:
                self.select_annotation(here[0].id)
            menu.addSeparator()
            for a in here:
                label = f"Select {KIND_LABELS[a.kind]}: {' '.join(a.text.split())[:40]}"
                menu.addAction(label, lambda a=a: self.select_annotation(a.id))
        current = self.current()
        if current is not None and self.reader.textCursor().hasSelection():
            menu.addAction(self.act_span)
        if here and current is not None:
            menu.addAction(self.act_delete)
        return menu

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.articles.import_paths(paths))

    # -- help, settings ---------------------------------------------------------------------

    def shortcut_rows(self) -> list[tuple[str, str]]:
        rows = []
        named = {"Del", "Delete", "Backspace", "Return", "Enter", "Esc"}
        for act in self.findChildren(QAction):
            # Standard keys also bind dedicated keyboard keys ("Find", "Undo"): leave those out.
            shown = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts()]
            keys = ", ".join(k for k in shown if not k.isalpha() or len(k) == 1 or k in named)
            if keys and act.text():
                rows.append((act.text().replace("&", ""), keys))
        rows.append(("Adjust the selection", "Shift+Arrows"))
        rows.append(("Back to the text", "Esc"))
        rows.append(("Select one of overlapping annotations", "Click again on the same spot"))
        return sorted(set(rows))

    def show_shortcuts(self) -> None:
        from ui.dialogs import ShortcutsDialog

        ShortcutsDialog(self.shortcut_rows(), self).exec()

    def about(self) -> None:
        QMessageBox.about(self, "About Briefmark",
                          "<b>Briefmark</b><br>Read news articles closely: tag claims, quotes "
                          "and events, and write Word briefing notes.")

    def _restore_settings(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 860)
        state = self.settings.value("windowState")
        if state is not None:
            self.restoreState(state)
        for key, splitter in (("splitter", self.splitter), ("rightSplitter", self.right_splitter)):
            value = self.settings.value(key)
            if value is not None:
                splitter.restoreState(value)
        zoom = self.settings.value("zoom", None)
        if zoom is not None:
            size = float(zoom)
            self.reader.zoom(int(round(size - self.reader.point_size())))
        self._fill_recent()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.setValue("rightSplitter", self.right_splitter.saveState())
        self.settings.sync()
        if self.session is not None:
            self.session.close()
            self.session = None
        super().closeEvent(event)
