"""The main window: layout (library | reader | annotations + details), menus, settings and
closing. The work is done by controllers that get the session and the views they need:
Workspace (what is shown, how changes reach the views), Annotator, ArticleActions,
SuggestActions, ProjectFiles."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models.errors import BriefmarkError
from models.project import Project
from models.values import KINDS, Annotation, Article
from ui import window_help, window_state
from ui.actions import ActionFactory
from ui.annotating import Annotator
from ui.annotation_panel import AnnotationPanel
from ui.article_actions import ArticleActions
from ui.details import DetailsEditor
from ui.dialogs import confirm
from ui.empty_state import EmptyState
from ui.find_bar import FindBar
from ui.library import LibraryView
from ui.panel_fit import PanelFitter
from ui.project_files import ProjectFiles
from ui.project_views import ProjectViews
from ui.reader import ReaderView
from ui.session import ProjectSession
from ui.suggest_actions import SuggestActions
from ui.suggestions import SuggestionPanel
from ui.theme import KIND_LABELS
from ui.user_prefs import UserPreferences
from ui.workspace_sync import Workspace

TAG_KEYS = {"claim": ("C", "1"), "quote": ("Q", "2"), "event": ("E", "3")}


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, *,
                 annotator: str | None = None) -> None:
        """`annotator` (--annotator, BRIEFMARK_ANNOTATOR) signs this session's work instead
        of the name in Preferences (ui/user_prefs.py)."""
        super().__init__()
        self.settings = settings or QSettings()
        self.session: ProjectSession | None = None
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
        self.panel = AnnotationPanel()
        self.suggested = SuggestionPanel()
        self.suggested.hide()
        self.details = DetailsEditor()
        self.empty = EmptyState()
        self._build_layout()

        self.actions_ = ActionFactory(self, [self.reader, self.panel.view])
        self.workspace = Workspace(
            parent=self, reader=self.reader, panel=self.panel, details=self.details,
            library=self.library, suggested=self.suggested, header=self.header,
            notify=self.notify, remember_article=self._remember_article)
        self.views = ProjectViews(self, lambda: self.session.project if self.session else None,
                                  lambda: {a.id: a.title for a in self.library.model.articles},
                                  self.workspace, self.reader, self.focus_reader)
        self.search, self.search_dock = self.views.search, self.views.search_dock
        self.details.add_section(self.views.links)
        self.views.links.follow(self.details.fields["note"])
        self.details.shown.connect(self.views.show_links)
        self.project_files = ProjectFiles(self, self.settings, self.open_project)
        self.annotator = Annotator(self.workspace, self.reader, self.panel, self.details,
                                   self._snap_action(), self.notify, self.confirm)
        self.suggestions = SuggestActions(self.actions_, self.workspace, self.reader,
                                          self.suggested, self.settings, self.notify)
        self.articles = ArticleActions(self, self.settings, self.workspace, self.notify,
                                       self.confirm, self._after_import)
        self._build_actions()
        self.panels = PanelFitter(self.splitter, self.library, self.reader, self.right_splitter,
                                  self.act_show_library)
        self.user = UserPreferences(self.settings, self.reader, self.suggestions.act_on_import,
                                    lambda: self.session.project if self.session else None,
                                    self._relayout, annotator=annotator)
        self._connect()
        self.statusBar().showMessage("Ready")
        self.reader.apply_preferences(self.user.prefs)
        self._relayout()
        self.details.set_paragraph_source(self.reader.paragraph_label)
        self.details.set_date_context(lambda: (self.article.published, self.article.language)
                                      if self.article is not None else ("", ""))
        window_state.restore(self.settings, self, self._splitters(), self.reader)
        self._watch = QTimer(self)
        self._watch.setInterval(2000)
        self._watch.timeout.connect(self._check_outside_changes)
        self._watch.start()

    # -- what the controllers are given ---------------------------------------------------

    def notify(self, message: str, ms: int = 6000) -> None:
        self.statusBar().showMessage(message, ms)

    def confirm(self, title: str, question: str, action: str) -> bool:
        return confirm(self, title, question, action)

    @property
    def article(self) -> Article | None:
        return self.workspace.article

    def current(self) -> Annotation | None:
        return self.workspace.current()

    def select_annotation(self, annotation_id: int | None) -> None:
        self.workspace.select_annotation(annotation_id)

    def open_article(self, article_id: int) -> None:
        self.workspace.open_article(article_id)

    def tag(self, kind: str) -> Annotation | None:
        return self.annotator.tag(kind)

    def _remember_article(self, article_id: int) -> None:
        if self.session is not None:
            self.settings.setValue(f"lastArticle/{self.session.project.path.resolve()}",
                                   article_id)
        self._show_empty()

    def _after_import(self) -> None:
        self.suggestions.suggest()  # called only when Preferences say so (article_actions)

    def annotator_name(self) -> str | None:
        return self.user.annotator()

    def _relayout(self) -> None:
        """Minimum widths from the reader's font, never wider than the screen: a large font
        on a small screen narrows the line below 60 characters rather than push the window
        off the screen."""
        screen = self.screen()
        room = screen.availableGeometry().width() if screen is not None else 1 << 20
        self.reader.setMinimumWidth(min(self.reader.minimum_column_width(), room - 40))
        self.setMinimumWidth(min(self.panels.minimum_window_width(), room))
        self.panels.fit()

    def _check_outside_changes(self) -> None:
        if self.isActiveWindow():
            self.workspace.check_outside_changes()
            self._show_empty()

    # -- layout, actions and menus ---------------------------------------------------------

    def _build_layout(self) -> None:
        centre = QWidget()
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(self.header)
        cl.addWidget(self.find_bar)
        self.centre_stack = QStackedWidget()
        self.centre_stack.addWidget(self.reader)
        self.centre_stack.addWidget(self.empty)
        cl.addWidget(self.centre_stack, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.panel)
        right.addWidget(self.suggested)
        right.addWidget(self.details)
        right.setSizes([380, 200, 330])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(right)
        self.splitter.setSizes([240, 800, 380])
        self.splitter.setStretchFactor(1, 1)
        for side in (0, 2):  # side panels fold away before the reading column gets narrow
            self.splitter.setCollapsible(side, True)
        self.splitter.setCollapsible(1, False)
        self.right_splitter = right
        self.setCentralWidget(self.splitter)

    def _snap_action(self) -> QAction:
        self.act_snap = QAction("Snap Selection to Whole Words", self, checkable=True)
        self.act_snap.setChecked(self.settings.value("snapToWords", True, type=bool))
        self.act_snap.toggled.connect(lambda on: self.settings.setValue("snapToWords", on))
        return self.act_snap

    def _build_actions(self) -> None:
        make, an = self.actions_.make, self.annotator
        self.tag_actions = {
            k: make(f"Tag as {KIND_LABELS[k]}", lambda k=k: an.tag(k), TAG_KEYS[k],
                    reader_only=True, editing=True, tip=f"Tag the selected text as a {k}")
            for k in KINDS
        }
        self.act_delete = make("Delete Annotation", an.delete_current, ("Delete", "Backspace"),
                               reader_only=True, editing=True)
        self.act_next = make("Next Annotation", lambda: an.step(1), ("N",), reader_only=True)
        self.act_prev = make("Previous Annotation", lambda: an.step(-1), ("P",),
                             reader_only=True)
        self.act_edit = make("Edit Annotation", an.edit_current, ("Return", "Enter"),
                             reader_only=True)
        self.act_span = make("Set Span to Selection", an.span_to_selection, ("S",),
                             reader_only=True, editing=True)
        # Named by the arrow, not by "extend"/"shrink": in right-to-left text the end edge
        # is on the left, and the edges move the way the arrow points (as Shift+arrows do).
        nudges = (("Move End a Word Right", (0, 1), "Alt+Right"),
                  ("Move End a Word Left", (0, -1), "Alt+Left"),
                  ("Move Start a Word Left", (-1, 0), "Alt+Shift+Left"),
                  ("Move Start a Word Right", (1, 0), "Alt+Shift+Right"))
        tip = "Edges move the way the arrow points, in left-to-right and right-to-left text"
        self.nudge_actions = [make(text, lambda d=d: an.nudge(*d), (key,), reader_only=True,
                                   editing=True, tip=tip) for text, d, key in nudges]
        self.kind_actions = {
            k: make(f"Change to {KIND_LABELS[k]}", lambda k=k: an.change_kind(k),
                    (f"Shift+{TAG_KEYS[k][0]}",),
                    reader_only=True, editing=True,
                    tip=f"Make the current annotation a {k}, keeping its text, note and tags")
            for k in KINDS
        }
        self.act_preferences = make("Preferences…", lambda: self.user.edit(self), ("Ctrl+,",))
        self.act_show_library = make("Library", lambda: None, ("Ctrl+Shift+L",),
                                     tip="Show or hide the list of articles")
        self.act_show_library.setCheckable(True)
        self.act_show_library.setChecked(self.settings.value("showLibrary", True, type=bool))
        self.act_find = make("Find in Article…", self.find_bar.open,
                             QKeySequence.StandardKey.Find)
        self.act_timeline = make("Timeline", self.views.open_timeline, ("Ctrl+Shift+T",),
                                 tip="Every event of the project in date order")
        self.act_search = make("Search Project…", self.views.open_search, ("Ctrl+Shift+F",),
                               tip="Every article and annotation of the project")
        self.act_people = make("People", self.views.open_people, ("Ctrl+Shift+E",),
                               tip="Everyone the annotations name: merge, rename, split")
        self.act_link = make("Link To…", self.views.link_current, ("L",), reader_only=True,
                             editing=True, tip="Link the current annotation to another")
        self.act_links = make("Go to Links", self.views.links.focus, ("Ctrl+K",))
        self.act_zoom_in = make("Zoom In", lambda: self.zoom(1), ("Ctrl++", "Ctrl+="))
        self.act_zoom_out = make("Zoom Out", lambda: self.zoom(-1), ("Ctrl+-",))
        self.act_zoom_reset = make("Actual Size", lambda: self.zoom(0), ("Ctrl+0",))
        self.act_focus_panel = make("Go to Annotation List", self.panel.view.setFocus,
                                    ("Ctrl+L",))
        self.act_focus_reader = make("Go to Text", self.focus_reader, ("Ctrl+T",))
        for view in (self.panel.view, self.suggested.view, self.library.view):
            back = QAction(view)
            back.setShortcut(QKeySequence("Esc"))
            back.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            back.triggered.connect(self.focus_reader)
            view.addAction(back)

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(make("New Project…", self.project_files.new_project,
                                 QKeySequence.StandardKey.New))
        file_menu.addAction(make("Open Project…", self.project_files.open_dialog,
                                 QKeySequence.StandardKey.Open))
        file_menu.addMenu(self.project_files.recent_menu)
        file_menu.addSeparator()
        arts = self.articles
        for text, slot, keys in (("Import Articles…", arts.import_dialog, ("Ctrl+I",)),
                                 ("New Article from Clipboard…", arts.from_clipboard,
                                  ("Ctrl+Shift+V",)),
                                 ("Article Properties…", arts.properties, ("Ctrl+Shift+P",)),
                                 ("Delete Article", arts.delete_current, ())):
            file_menu.addAction(make(text, slot, keys, editing=True))
        file_menu.addSeparator()
        self.export_menu = file_menu.addMenu("Export")
        self.export_menu.addAction(make("Briefing Note (.docx)…", arts.export_briefing,
                                        ("Ctrl+E",)))
        for label, fmt in (("Annotations as JSON…", "json"), ("Annotations as CSV…", "csv"),
                           ("W3C Web Annotations (JSON-LD)…", "w3c")):
            self.export_menu.addAction(make(label, lambda f=fmt: arts.export_data(f)))
        file_menu.addSeparator()
        file_menu.addAction(make("Quit", self.close, QKeySequence.StandardKey.Quit))

        self.edit_menu = menu.addMenu("&Edit")
        self.undo_action = QAction("Undo", self)
        self.redo_action = QAction("Redo", self)
        self.edit_menu.addAction(self.act_find)
        self.edit_menu.addAction(self.act_search)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.act_snap)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.act_preferences)

        ann = menu.addMenu("&Annotate")
        for a in self.tag_actions.values():
            ann.addAction(a)
        ann.addSeparator()
        self.kind_menu = ann.addMenu("Change Kind")
        for a in self.kind_actions.values():
            self.kind_menu.addAction(a)
        ann.addSeparator()
        for a in (self.act_next, self.act_prev, self.act_edit, self.act_link, self.act_links,
                  self.act_delete):
            ann.addAction(a)
        ann.addSeparator()
        for a in (self.act_span, *self.nudge_actions):
            ann.addAction(a)
        ann.addSeparator()
        for a in self.suggestions.menu_actions():
            ann.addAction(a)
        self.annotate_menu = ann

        view = menu.addMenu("&View")
        for a in (self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset):
            view.addAction(a)
        view.addSeparator()
        view.addAction(self.act_show_library)
        view.addAction(self.act_timeline)
        view.addAction(self.act_people)
        view.addSeparator()
        view.addAction(self.act_focus_reader)
        view.addAction(self.act_focus_panel)

        help_menu = menu.addMenu("&Help")
        help_menu.addAction(make("Keyboard Shortcuts", lambda: window_help.show_shortcuts(self),
                                 ("F1",)))
        help_menu.addAction(make("About Briefmark", lambda: window_help.about(self)))

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
        self.library.articleActivated.connect(self.workspace.open_article)
        self.reader.annotationClicked.connect(self.workspace.select_annotation)
        self.reader.customContextMenuRequested.connect(self._reader_menu)
        self.panel.view.doubleClicked.connect(lambda _i: self.annotator.edit_current())
        self.details.fieldEdited.connect(self.annotator.edit_field)
        self.details.escapePressed.connect(self.focus_reader)
        # The find bar says "No matches" itself: no second, stale message in the status bar.
        self.reader.currentCleared.connect(lambda: self.select_annotation(None))
        self.act_show_library.toggled.connect(
            lambda on: self.settings.setValue("showLibrary", on))
        self.empty.importRequested.connect(self.articles.import_dialog)
        self.empty.pasteRequested.connect(self.articles.from_clipboard)

    # -- projects -------------------------------------------------------------------------

    def open_project(self, path: Path | str, *, create: bool = False) -> bool:
        path = Path(path)
        try:
            # The library's rows are read while the file's integrity check runs.
            project, articles = Project.open_with_articles(path, create=create,
                                                           annotator=self.annotator_name())
        except BriefmarkError as exc:
            QMessageBox.warning(self, "Cannot open project", str(exc))
            return False
        if self.session is not None:
            self.session.close()
        self.session = ProjectSession(project, self)
        self.views.connect_session(self.session)
        self.workspace.attach(self.session)
        self.session.articlesChanged.connect(self._show_empty)
        self.suggestions.connect_session()
        self._install_undo_actions()
        self.session.undo_stack.indexChanged.connect(self._saved_message)
        self.notify(f"Opened {path.name}", 5000)  # not the last project's "Saved …"
        project.changed_elsewhere()  # take the starting point
        self._apply_read_only(project.read_only)
        title = f"{path.stem} — Briefmark" + (" (read-only)" if project.read_only else "")
        self.setWindowTitle(title)
        self.project_files.remember(path)
        if project.backup:
            self.notify(f"Upgraded {path.name}; the old version was kept as "
                        f"{project.backup.name}", 10000)
        last = self.settings.value(f"lastArticle/{path.resolve()}", None)
        ids = [a.id for a in articles]
        wanted = int(last) if last is not None and str(last).isdigit() and int(last) in ids \
            else (ids[0] if ids else None)
        self.library.set_articles(articles, wanted)
        if wanted is not None:
            self.workspace.open_article(wanted)
            self.reader.setFocus()  # keys go to the text, not the library's filter
        self._show_empty()
        return True

    def _show_empty(self) -> None:
        """An empty project shows how to start instead of a blank page."""
        empty = self.session is not None and self.workspace.article is None and \
            not self.library.model.rowCount()
        self.centre_stack.setCurrentWidget(self.empty if empty else self.reader)
        if empty and self.find_bar.isVisible():
            self.find_bar.close_bar()  # nothing to find in

    def _apply_read_only(self, read_only: bool) -> None:
        """A project that cannot be written can be read, searched and exported, not edited:
        every editing action is off instead of failing one keystroke at a time."""
        self.actions_.set_read_only(read_only)
        self.details.set_read_only(read_only)
        self.suggested.setEnabled(not read_only)
        self.empty.setEnabled(not read_only)
        self.setAcceptDrops(not read_only)
        if read_only:
            self.notify("This project is read-only (the file or its folder cannot be written): "
                        "you can read, search and export, not change it.", 0)

    def _saved_message(self) -> None:
        if self.session is not None:
            import time

            self.notify(f"Saved to {self.session.project.path.name} at "
                        f"{time.strftime('%H:%M:%S')}", 4000)

    def focus_reader(self) -> None:
        self.reader.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def zoom(self, steps: int) -> None:
        self.reader.zoom(steps)
        self.settings.setValue("zoom", self.reader.point_size())

    # -- context menu, drag and drop ----------------------------------------------------------

    def _reader_menu(self, pos) -> None:  # noqa: ANN001
        self.reader_menu(pos).exec(self.reader.viewport().mapToGlobal(pos))

    def reader_menu(self, pos) -> QMenu:  # noqa: ANN001
        """The reader's context menu for a viewport position (ui/reader_menu.py)."""
        from ui.reader_menu import reader_menu

        return reader_menu(self.reader, self.panel, pos,
                           tag_actions=list(self.tag_actions.values()), span_action=self.act_span,
                           kind_actions=self.kind_actions, delete_action=self.act_delete,
                           select=self.select_annotation, current=self.current)

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
        return window_help.shortcut_rows(self)

    def _splitters(self) -> dict[str, QSplitter]:
        return {"splitter": self.splitter, "rightSplitter": self.right_splitter}

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.panels.fit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        window_state.save(self.settings, self, self._splitters())
        if self.session is not None:
            self.session.close()
            self.session = None
        super().closeEvent(event)

