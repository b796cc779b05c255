"""Project search in the window (Ctrl+Shift+F): a query field searched as you type, a kind
filter, and the hits grouped by article; Enter or a click opens the article with the hit
selected, or selects the annotation. The search itself is models/search.py."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from models.errors import BriefmarkError
from models.project import Project
from models.search import Filters, Hit, SearchResult, iter_search
from models.values import KINDS, STATUSES
from ui.project_panel import ProjectPanel, fill_tags
from ui.reader import ReaderView
from ui.theme import KIND_LABELS
from ui.workspace_sync import Workspace

HIT_ROLE = Qt.ItemDataRole.UserRole
DELAY_MS = 250  # typing pauses this long before the project is searched
SLICE_S = 0.04  # hits are added for this long, then the window handles its events
LIMIT = 1000  # hits shown at most: past that, narrowing the query is the way
EXPANDED = 20  # the first articles show their hits; later ones are collapsed


@dataclass
class _Pending:
    project: Project
    result: SearchResult
    groups: Generator[list[Hit], None, None]
    titles: dict[int, str]
    articles: int = 0


class SearchPanel(ProjectPanel):
    hitActivated = Signal(object)  # Hit

    def __init__(self, project: Callable[[], Project | None],
                 titles: Callable[[], dict[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectSearch")
        self.project, self.titles = project, titles
        self.query = QLineEdit()
        self.query.setPlaceholderText('Search the project: words, "a phrase"')
        self.query.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.addItem("Everything", None)
        for k in KINDS:
            self.kind.addItem(f"{KIND_LABELS[k]}s", k)
        self.claim_status = QComboBox()
        self.claim_status.addItem("Any status", "")
        for st in STATUSES:
            self.claim_status.addItem(st.capitalize(), st)
        self.tag = QComboBox()
        self.person = QLineEdit()
        self.person.setPlaceholderText("person")
        self.person.setClearButtonEnabled(True)
        self.status = QLabel()
        self.results = QTreeWidget()
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(True)
        self.results.setUniformRowHeights(True)
        self.results.setWordWrap(False)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        filters = QHBoxLayout()  # any of these: annotations only
        for w in (self.claim_status, self.tag, self.person):
            filters.addWidget(w, 1)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.run)
        self.query.textChanged.connect(lambda _t: self.timer.start())
        self.query.returnPressed.connect(self._enter_in_query)
        self.query.installEventFilter(self)  # Down goes to the hits, as Enter does
        self.kind.currentIndexChanged.connect(lambda _i: self.run())
        self.claim_status.currentIndexChanged.connect(lambda _i: self.run())
        self.tag.currentIndexChanged.connect(lambda _i: self.run())
        self.person.textChanged.connect(lambda _t: self.timer.start())
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        self.last: SearchResult | None = None  # the last search, once it is complete
        self.pending: _Pending | None = None  # the search being shown, slice by slice
        self.feeder = QTimer(self)
        self.feeder.setSingleShot(True)
        self.feeder.setInterval(0)
        self.feeder.timeout.connect(self._more)

    def changed(self) -> None:
        """The project changed: search again soon, if the panel is in view with a query."""
        if self.isVisible() and self.query.text().strip():
            self.timer.start()

    def open(self) -> None:
        fill_tags(self.tag, self.project())
        self.show()
        self.query.setFocus()
        self.query.selectAll()

    def run(self) -> None:
        """Search now (typing waits DELAY_MS first): the first hits are shown at once, the
        rest follow in slices between events, so typing and scrolling never wait."""
        self.timer.stop()
        self._stop()
        project = self.project()
        self.results.clear()
        text = self.query.text().strip()
        self.last = None
        if project is None or not text:
            self.status.setText("")
            return
        kind = self.kind.currentData()
        filters = Filters(status=self.claim_status.currentData() or "",
                          tag=self.tag.currentData() or "", person=self.person.text().strip())
        groups = iter_search(project, text, kinds=None if kind is None else [kind],
                             filters=filters)
        self.pending = _Pending(project, SearchResult(text), groups, self.titles())
        self._more()

    def forget(self) -> None:
        """The project is closing: the search being shown stops reading it."""
        self.timer.stop()
        self._stop()

    def _stop(self) -> None:
        self.feeder.stop()
        if self.pending is not None:
            self.pending.groups.close()  # gives the read connection back
            self.pending = None

    def _more(self) -> None:
        """Show the next articles' hits, for at most SLICE_S, then yield to the events."""
        p = self.pending
        if p is None:
            return
        if self.project() is not p.project:  # the project was closed or replaced
            self._stop()
            return
        deadline = time.perf_counter() + SLICE_S
        done = False
        while not done:  # at least one article a slice, however slow the machine
            try:
                found = next(p.groups, None)
            except (BriefmarkError, SQLAlchemyError, sqlite3.Error) as exc:
                self._stop()  # another program removed or damaged the file meanwhile
                self.status.setText(f"The search stopped: the project could not be read "
                                    f"({getattr(exc, 'orig', exc)}). Search again.")
                return
            if found is None:
                done = True
                break
            if len(p.result.hits) + len(found) > LIMIT:
                found = found[:LIMIT - len(p.result.hits)]
                p.result.truncated = done = True
            p.result.hits += found
            self._add_group(found, p)
            if time.perf_counter() >= deadline:
                break
        if not done:
            self.status.setText(f"Searching… {self._counted(p)} so far")
            self.feeder.start()
            return
        p.groups.close()
        self.pending = None
        self.last = p.result
        more = " (the first ones; add words to narrow it)" if p.result.truncated else ""
        self.status.setText(f"No matches in this project for {p.result.query}"
                            if not p.result.hits else self._counted(p) + more)

    def _add_group(self, hits: list[Hit], p: _Pending) -> None:
        article_id = hits[0].article_id
        title = p.titles.get(article_id, f"Article {article_id}")
        top = QTreeWidgetItem([f"{len(hits)} · {title}"])  # the count stays in view
        top.setToolTip(0, f"{title}: {len(hits)} hit{'s' if len(hits) != 1 else ''}")
        top.setData(0, HIT_ROLE, hits[0])
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        for h in hits:
            child = QTreeWidgetItem([_label(h)])
            child.setData(0, HIT_ROLE, h)
            child.setToolTip(0, h.snippet)
            top.addChild(child)
        self.results.addTopLevelItem(top)
        p.articles += 1
        top.setExpanded(p.articles <= EXPANDED)

    @staticmethod
    def _counted(p: _Pending) -> str:
        n, m = len(p.result.hits), p.articles
        return f"{n} hit{'s' if n != 1 else ''} in {m} article{'s' if m != 1 else ''}"

    def _enter_in_query(self) -> None:
        if self.timer.isActive() or (self.last is None and self.pending is None):
            self.run()
        first = self.results.topLevelItem(0)
        if first is not None and first.childCount():
            self.results.setFocus()
            self.results.setCurrentItem(first.child(0))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.query and event.type() == QEvent.Type.KeyPress and isinstance(
                event, QKeyEvent) and event.key() == Qt.Key.Key_Down:
            self._enter_in_query()
            return True
        return False

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit = item.data(0, HIT_ROLE)
        if isinstance(hit, Hit):
            self.hitActivated.emit(hit)


def _label(h: Hit) -> str:
    if h.annotation_id is not None:
        where = "" if h.field == "text" else f" ({h.field})"
        return f"{KIND_LABELS.get(h.kind, h.kind)}{where}: {h.snippet}"
    if h.field != "text":
        return f"{h.field.capitalize()}: {h.snippet}"
    return h.snippet


def go_to_hit(hit: Hit, workspace: Workspace, reader: ReaderView) -> bool:
    """Open the hit's article; select its annotation, or its words, in view. False when the
    article is gone (another program deleted it since the search)."""
    if workspace.article is None or workspace.article.id != hit.article_id:
        workspace.open_article(hit.article_id)
    if workspace.article is None or workspace.article.id != hit.article_id:
        return False
    if hit.annotation_id is not None:
        workspace.select_annotation(hit.annotation_id)
    elif hit.start is not None and hit.end is not None:
        workspace.select_annotation(None)
        reader.select_span(hit.start, hit.end)
    return True
