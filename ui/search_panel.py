"""Project search in the window (Ctrl+Shift+F): a query field searched as you type, a kind
filter, and the hits grouped by article; Enter or a click opens the article with the hit
selected, or selects the annotation. The search itself is models/search.py."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
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

from models.project import Project
from models.search import Filters, Hit, SearchResult, search_project
from models.values import KINDS, STATUSES
from ui.project_panel import ProjectPanel, fill_tags
from ui.reader import ReaderView
from ui.theme import KIND_LABELS
from ui.workspace_sync import Workspace

HIT_ROLE = Qt.ItemDataRole.UserRole
DELAY_MS = 250  # typing pauses this long before the project is searched


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
        self.kind.currentIndexChanged.connect(lambda _i: self.run())
        self.claim_status.currentIndexChanged.connect(lambda _i: self.run())
        self.tag.currentIndexChanged.connect(lambda _i: self.run())
        self.person.textChanged.connect(lambda _t: self.timer.start())
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        self.last: SearchResult | None = None

    def changed(self) -> None:
        """The project changed: search again soon, if the panel is in view with a query."""
        if self.isVisible() and self.query.text().strip():
            self.timer.start()

    def open(self) -> None:
        fill_tags(self.tag, self.project())
        self.show()
        self.query.setFocus()
        self.query.selectAll()

    def run(self) -> SearchResult | None:
        """Search now (typing waits DELAY_MS first) and show the hits."""
        self.timer.stop()
        project = self.project()
        self.results.clear()
        text = self.query.text().strip()
        if project is None or not text:
            self.status.setText("")
            self.last = None
            return None
        kind = self.kind.currentData()
        filters = Filters(status=self.claim_status.currentData() or "",
                          tag=self.tag.currentData() or "", person=self.person.text().strip())
        result = search_project(project, text, kinds=None if kind is None else [kind],
                                filters=filters)
        self.last = result
        titles = self.titles()
        groups = result.by_article()
        for article_id, hits in groups.items():
            top = QTreeWidgetItem([f"{titles.get(article_id, f'Article {article_id}')} "
                                   f"({len(hits)})"])
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
            top.setExpanded(len(groups) <= 20)
        n = len(result.hits)
        more = " (the first ones; add words to narrow it)" if result.truncated else ""
        self.status.setText(
            f"No matches in this project for {text}" if not n else
            f"{n} hit{'s' if n != 1 else ''} in {len(groups)} article"
            f"{'s' if len(groups) != 1 else ''}{more}")
        return result

    def _enter_in_query(self) -> None:
        if self.timer.isActive() or self.last is None:
            self.run()
        first = self.results.topLevelItem(0)
        if first is not None and first.childCount():
            self.results.setFocus()
            self.results.setCurrentItem(first.child(0))

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
