"""The library: the project's articles with their annotation counts; filter and sort."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.values import ArticleSummary
from ui.theme import kind_fill

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Title", "Source", "Published", "C", "Q", "E")


class ArticleTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.articles: list[ArticleSummary] = []

    def set_articles(self, articles: list[ArticleSummary]) -> None:
        self.beginResetModel()
        self.articles = articles
        self.endResetModel()

    def set_counts(self, article_id: int, counts: dict[str, int]) -> None:
        """New annotation counts for one article, without reloading the list."""
        for row, a in enumerate(self.articles):
            if a.id == article_id:
                if a.counts != counts:
                    from dataclasses import replace

                    self.articles[row] = replace(a, counts=counts)
                    self.dataChanged.emit(self.index(row, 3), self.index(row, 5))
                return

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.articles)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section >= 3:
            return ("Claims", "Quotes", "Events")[section - 3]
        if role == Qt.ItemDataRole.BackgroundRole and section >= 3:
            return kind_fill(("claim", "quote", "event")[section - 3])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        a = self.articles[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            values = (a.title or "(untitled)", a.source, a.published,
                      a.counts.get("claim", 0), a.counts.get("quote", 0),
                      a.counts.get("event", 0))
            return values[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return f"{a.title}\n{a.author}\n{a.length:,} characters · {a.language or '?'}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return a.id
        return None


class _Proxy(QSortFilterProxyModel):
    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        needle = self.filterRegularExpression().pattern().casefold()
        if not needle:
            return True
        a = self.sourceModel().articles[row]
        return needle in f"{a.title}\n{a.source}\n{a.author}\n{a.published}".casefold()


class LibraryView(QWidget):
    articleActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleTableModel()
        self.proxy = _Proxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.EditRole)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter articles…")
        self.filter.setClearButtonEnabled(True)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 80)
        for c in range(2, len(COLUMNS)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(24)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view)
        self.filter.textChanged.connect(self._filter)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())

    def set_articles(self, articles: list[ArticleSummary], current: int | None) -> None:
        sm = self.view.selectionModel()
        sm.blockSignals(True)
        self.model.set_articles(articles)
        sm.blockSignals(False)
        self.select(current)

    def select(self, article_id: int | None) -> None:
        sm = self.view.selectionModel()
        sm.blockSignals(True)
        self.view.clearSelection()
        for row, a in enumerate(self.model.articles):
            if a.id == article_id:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                break
        sm.blockSignals(False)

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if current.isValid():
            self.articleActivated.emit(current.data(Qt.ItemDataRole.UserRole))
