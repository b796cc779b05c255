"""Views over the whole project, docked beside the reading column: Search (Ctrl+Shift+F,
left, beside the library) and Timeline (Ctrl+Shift+T, below). Both take the user to the
place in its article."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from models.project import Project
from models.search import Hit
from models.timeline import TimelineEntry
from ui.reader import ReaderView
from ui.search_panel import SearchPanel, go_to_hit
from ui.session import ProjectSession
from ui.timeline_panel import TimelinePanel
from ui.workspace_sync import Workspace


class ProjectViews:
    def __init__(self, main: QMainWindow, project: Callable[[], Project | None],
                 titles: Callable[[], dict[int, str]], workspace: Workspace,
                 reader: ReaderView, focus_reader: Callable[[], None]) -> None:
        self.workspace, self.reader = workspace, reader
        self.search = SearchPanel(project, titles)
        self.timeline = TimelinePanel(project)
        self.search_dock = _dock(main, "Search", self.search, "searchDock",
                                 Qt.DockWidgetArea.LeftDockWidgetArea)
        self.timeline_dock = _dock(main, "Timeline", self.timeline, "timelineDock",
                                   Qt.DockWidgetArea.BottomDockWidgetArea)
        self.search.hitActivated.connect(self.go_to_hit)
        self.timeline.entryActivated.connect(self.go_to_event)
        for panel in (self.search, self.timeline):
            panel.escapePressed.connect(focus_reader)

    def connect_session(self, session: ProjectSession) -> None:
        for panel in (self.search, self.timeline):
            session.annotationsChanged.connect(lambda *_args, p=panel: p.changed())
            session.articlesChanged.connect(panel.changed)
        if self.timeline.isVisible():
            self.timeline.refresh()

    def open_search(self) -> None:
        self.search_dock.show()
        self.search.open()

    def open_timeline(self) -> None:
        self.timeline_dock.show()
        self.timeline.open()

    def go_to_hit(self, hit: Hit) -> None:
        if not go_to_hit(hit, self.workspace, self.reader):
            self.search.run()  # the article is gone: show what the project holds now

    def go_to_event(self, entry: TimelineEntry) -> None:
        if self.workspace.article is None or self.workspace.article.id != entry.article_id:
            self.workspace.open_article(entry.article_id)
        if self.workspace.article is None or self.workspace.article.id != entry.article_id:
            self.timeline.refresh()  # the article is gone
            return
        self.workspace.select_annotation(entry.annotation_id)


def _dock(main: QMainWindow, title: str, widget: QWidget, name: str,
          area: Qt.DockWidgetArea) -> QDockWidget:
    dock = QDockWidget(title, main)
    dock.setObjectName(name)  # its place is kept with the window's state
    dock.setWidget(widget)
    main.addDockWidget(area, dock)
    dock.hide()
    return dock
