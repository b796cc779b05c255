"""Views over the whole project, docked beside the reading column: Search (Ctrl+Shift+F)
and People (Ctrl+Shift+E) on the left, beside the library, and Timeline (Ctrl+Shift+T)
below; and the current annotation's links under its details, with the link picker (L).
Each takes the user to the place in its article."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from models.errors import BriefmarkError
from models.people import PeopleChange
from models.project import Project
from models.search import Hit
from models.timeline import TimelineEntry
from models.values import Annotation, Link
from ui.link_picker import LinkPicker, evidence_first
from ui.links_view import LinksView
from ui.people_panel import PeoplePanel
from ui.project_commands import (
    AddLinkCommand,
    CitesStatusCommand,
    PeopleCommand,
    RemoveLinkCommand,
)
from ui.reader import ReaderView
from ui.search_panel import SearchPanel, go_to_hit
from ui.session import ProjectSession
from ui.timeline_panel import TimelinePanel
from ui.workspace_sync import Workspace


class ProjectViews:
    def __init__(self, main: QMainWindow, project: Callable[[], Project | None],
                 titles: Callable[[], dict[int, str]], workspace: Workspace,
                 reader: ReaderView, focus_reader: Callable[[], None]) -> None:
        self.main, self.workspace, self.reader = main, workspace, reader
        self.project, self.titles = project, titles
        self.session: ProjectSession | None = None
        self.search = SearchPanel(project, titles)
        self.timeline = TimelinePanel(project)
        self.people = PeoplePanel(project, titles, self.push_people)
        self.links = LinksView()
        self.search_dock = _dock(main, "Search", self.search, "searchDock",
                                 Qt.DockWidgetArea.LeftDockWidgetArea)
        self.people_dock = _dock(main, "People", self.people, "peopleDock",
                                 Qt.DockWidgetArea.LeftDockWidgetArea)
        main.tabifyDockWidget(self.search_dock, self.people_dock)
        self.timeline_dock = _dock(main, "Timeline", self.timeline, "timelineDock",
                                   Qt.DockWidgetArea.BottomDockWidgetArea)
        self.search.hitActivated.connect(self.go_to_hit)
        self.timeline.entryActivated.connect(self.go_to_event)
        self.people.useActivated.connect(self.go_to_annotation)
        self.links.endActivated.connect(self.go_to_annotation)
        self.links.addRequested.connect(self.link_current)
        self.links.removeRequested.connect(self._remove_link)
        self.links.citeRequested.connect(self._cite)
        self.shown: Annotation | None = None
        for panel in (self.search, self.timeline, self.people):
            panel.escapePressed.connect(focus_reader)

    def connect_session(self, session: ProjectSession) -> None:
        self.session = session
        # Nothing may still be reading the project when it closes.
        session.closing.connect(self.timeline.forget)
        session.closing.connect(self.search.forget)
        session.closing.connect(self.people.forget)
        for panel in (self.search, self.timeline, self.people):
            session.annotationsChanged.connect(lambda *_args, p=panel: p.changed())
            session.articlesChanged.connect(panel.changed)
        session.annotationsChanged.connect(lambda *_args: self.show_links(self.shown))
        session.peopleChanged.connect(self._people_changed)
        session.linksChanged.connect(self._links_changed)
        for panel in (self.timeline, self.people):
            if panel.isVisible():
                panel.refresh()
        self.show_links(None)

    # -- people -----------------------------------------------------------------------------

    def open_people(self) -> None:
        self.people_dock.show()
        self.people_dock.raise_()
        self.people.open()

    def push_people(self, text: str, make: Callable[[], PeopleChange]) -> bool:
        return self.session is not None and self.session.push(
            PeopleCommand(self.session, text, make))

    def _people_changed(self, uuids: list[str]) -> None:
        """Names changed on these annotations: show them as stored now."""
        article = self.workspace.article
        if article is not None:
            wanted = set(uuids)
            ids = [a.id for a in self.reader.annotations.values() if a.uuid in wanted]
            if ids:
                self.workspace.apply_changes(article.id, ids, [])
        self.workspace.refresh_names()
        for panel in (self.search, self.timeline, self.people):
            panel.changed()

    # -- links ------------------------------------------------------------------------------

    def show_links(self, a: Annotation | None) -> None:
        """The links of the annotation the details show (None: nothing chosen)."""
        project = self.project()
        if a is not None and project is not None:
            a = project.annotations.find(a.uuid)
        self.shown = a
        ends = project.links.of(a) if a is not None and project is not None else []
        self.links.show_links(ends, self.titles(), enabled=a is not None and project is not None
                              and not project.read_only,
                              article_id=a.article_id if a is not None else None)

    def _links_changed(self, uuids: list[str]) -> None:
        if self.shown is not None and self.shown.uuid in uuids:
            self.show_links(self.shown)

    def link_current(self) -> None:
        project, current = self.project(), self.workspace.current()
        if project is None or self.session is None:
            return
        if current is None:
            self.workspace.notify("Choose an annotation first (N/P, or click one), then "
                                  "press L to link it.", 6000)
            return
        picker = LinkPicker(project, current, self.titles(), self.main)
        if picker.exec() != LinkPicker.DialogCode.Accepted or picker.chosen is None:
            return
        other, type_ = picker.chosen
        src, dst = (other, current) if evidence_first(current, other) else (current, other)
        if self.session.push(AddLinkCommand(self.session, src.uuid, dst.uuid, type_)):
            self.workspace.notify(f"Linked: {type_}", 4000)

    def _remove_link(self, link: Link) -> None:
        if self.session is not None:
            self.session.push(RemoveLinkCommand(self.session, link))

    def _cite(self, link: Link, value: bool) -> None:
        if self.session is not None:
            self.session.push(CitesStatusCommand(self.session, link, value))

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
        if not self.go_to_annotation(entry.article_id, entry.annotation_id):
            self.timeline.refresh()  # the article is gone

    def go_to_annotation(self, article_id: int, annotation_id: int) -> bool:
        """Open the article and choose the annotation; False when it is gone."""
        try:
            if self.workspace.article is None or self.workspace.article.id != article_id:
                self.workspace.open_article(article_id)
        except BriefmarkError:
            return False
        if self.workspace.article is None or self.workspace.article.id != article_id:
            return False
        self.workspace.select_annotation(annotation_id)
        return True


def _dock(main: QMainWindow, title: str, widget: QWidget, name: str,
          area: Qt.DockWidgetArea) -> QDockWidget:
    dock = QDockWidget(title, main)
    dock.setObjectName(name)  # its place is kept with the window's state
    dock.setWidget(widget)
    main.addDockWidget(area, dock)
    dock.hide()
    return dock
